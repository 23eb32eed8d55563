"""Benchmark of the public pages against a static file served by the same server.

Run it with ``make bench`` (installs the requirements and, when missing, wrk
from Debian), or directly with ``.venv/bin/python bench/run.py``.

What it does, in one run (about three minutes):

1. Builds a fresh SQLite database in a temporary directory (``migrate`` +
   ``load_demo_content``) and collects the static files into a temporary
   ``STATIC_ROOT``, with production settings (``DJANGO_DEBUG`` unset, a random
   secret key, ``DJANGO_SECURE_SSL_REDIRECT=false`` so plain HTTP works on
   the loopback interface).
2. In process, with the page cache off, requests every public page with
   Django's test client and records its SQL queries (first request after the
   cache is cleared, and a repeat), HTML size, and the compressed bytes of the
   page plus every stylesheet, script, image and icon it loads (the
   ``.gz`` files WhiteNoise serves; gzip -9 for the HTML). It checks the page
   budget: no third-party request, no web font, images with width/height and
   ``loading="lazy"`` below the fold.
3. Writes a file of exactly the article page's size into the static
   directory: the ceiling, served by WhiteNoise from the same server.
4. Starts gunicorn (2 workers, 127.0.0.1, free port) twice, with the page
   cache on and with ``DJANGO_PAGE_CACHE=false``, and measures requests/s and
   p50/p99 latency with wrk for the ceiling, home, an article, the article
   list and search, interleaved (ceiling, home, article, list, search,
   ceiling, ...) for several rounds; each figure is the median of the rounds,
   and each page is compared with the ceiling of the same run.
5. Prints the tables, checks the targets, writes ``bench/results/latest.json``
   and exits non-zero when a target is missed.

Every process it starts is stopped at the end, also on errors and Ctrl-C.
"""

import argparse
import datetime
import gzip
import json
import os
import platform
import re
import secrets
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import urljoin, urlsplit

ROOT = Path(__file__).resolve().parent.parent
RESULTS_FILE = ROOT / "bench" / "results" / "latest.json"
HOST = "127.0.0.1"

# Targets (see the README's Performance section).
MIN_RATIO_CACHED = 0.7  # article page with the page cache, vs the static ceiling
MIN_RATIO_UNCACHED = 0.1  # article page without the page cache
MAX_QUERIES = 5  # any public page, page cache off
MAX_ARTICLE_KB = 50  # article page + everything it loads, compressed, cold

LOAD_PAGES = ("ceiling", "home", "article", "list", "search")
LOADED_LINK_RELS = {"stylesheet", "icon", "preload", "modulepreload", "manifest"}
FONT_EXTENSIONS = (".woff", ".woff2", ".ttf", ".otf", ".eot")


class BenchError(Exception):
    pass


# --------------------------------------------------------------------------- setup


def production_env(tmp):
    env = {key: value for key, value in os.environ.items() if not key.startswith(("DJANGO_", "DATABASE_URL", "REDIS_URL"))}
    env.update(
        DJANGO_SECRET_KEY=secrets.token_urlsafe(50),
        DJANGO_ALLOWED_HOSTS=HOST,
        DJANGO_SECURE_SSL_REDIRECT="false",
        DATABASE_URL=f"sqlite:///{tmp / 'bench.sqlite3'}",
        DJANGO_STATIC_ROOT=str(tmp / "static"),
        DJANGO_MEDIA_ROOT=str(tmp / "media"),
        DJANGO_LOG_LEVEL="WARNING",
        DJANGO_SITE_URL=f"http://{HOST}",
        PYTHONUNBUFFERED="1",
    )
    return env


def manage(env, *args):
    result = subprocess.run(
        [sys.executable, "manage.py", *args], cwd=ROOT, env=env, capture_output=True, text=True, timeout=180, check=False
    )
    if result.returncode != 0:
        raise BenchError(f"manage.py {' '.join(args)} failed:\n{result.stdout}\n{result.stderr}")


def prepare_site(env):
    manage(env, "migrate", "--noinput")
    manage(env, "load_demo_content")
    manage(env, "collectstatic", "--noinput")


# --------------------------------------------------------------------------- page inspection (in process)


class PageParser(HTMLParser):
    """Collects what a browser would load for a page, and the img tags."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.loaded = []  # URLs a browser fetches for the page
        self.other_resources = []  # fetched only sometimes (e.g. apple-touch-icon): third-party check only
        self.images = []
        self.main_depth = 0
        self.header_depth = 0
        self.main_images = 0

    def handle_starttag(self, tag, attrs):
        attrs = {name: (value or "") for name, value in attrs}
        if tag == "main":
            self.main_depth += 1
        elif tag == "header":
            self.header_depth += 1
        elif tag == "link":
            rels = set(attrs.get("rel", "").lower().split())
            if attrs.get("href") and rels & LOADED_LINK_RELS:
                self.loaded.append(attrs["href"])
            elif attrs.get("href") and any("icon" in rel for rel in rels):
                self.other_resources.append(attrs["href"])
        elif tag == "script" and attrs.get("src") or tag in {"iframe", "embed", "audio", "video", "track"} and attrs.get("src"):
            self.loaded.append(attrs["src"])
        elif tag == "object" and attrs.get("data"):
            self.loaded.append(attrs["data"])
        elif tag == "source":
            for candidate in attrs.get("srcset", "").split(","):
                if candidate.strip():
                    self.other_resources.append(candidate.split()[0])
        elif tag == "img":
            above_fold = self.header_depth > 0 or (self.main_depth > 0 and self.main_images == 0)
            if self.main_depth > 0:
                self.main_images += 1
            self.images.append({**attrs, "above_fold": above_fold})
            if attrs.get("src"):
                self.loaded.append(attrs["src"])
            for candidate in attrs.get("srcset", "").split(","):
                if candidate.strip():
                    self.other_resources.append(candidate.split()[0])

    def handle_endtag(self, tag):
        if tag == "main":
            self.main_depth = max(0, self.main_depth - 1)
        elif tag == "header":
            self.header_depth = max(0, self.header_depth - 1)


CSS_URL = re.compile(r"""url\(\s*['"]?([^'")]+)['"]?\s*\)|@import\s+['"]([^'"]+)['"]""")


def is_third_party(url):
    parts = urlsplit(url)
    if parts.scheme in {"data", "blob"}:
        return False
    return bool(parts.netloc) and parts.hostname not in {HOST, "testserver", "localhost"}


class Inspector:
    """Fetches pages and their resources through Django's test client, page cache off."""

    def __init__(self, env):
        os.environ.update(env)
        os.environ["DJANGO_PAGE_CACHE"] = "false"
        os.environ["DJANGO_SETTINGS_MODULE"] = "cerebral_info.settings"
        sys.path.insert(0, str(ROOT))
        import django

        django.setup()
        from django.conf import settings
        from django.core.cache import cache
        from django.db import connection
        from django.test import Client
        from django.test.utils import CaptureQueriesContext

        self.settings, self.cache, self.connection = settings, cache, connection
        self.CaptureQueriesContext = CaptureQueriesContext
        self.client = Client(SERVER_NAME=HOST)

    def urls(self):
        from articles.models import Article, Topic

        articles = list(Article.objects.published().only("slug", "body_html"))
        if not articles:
            raise BenchError("The demo content has no published article.")
        article = max(articles, key=lambda item: len(item.body_html))  # the heaviest page
        topic = Topic.objects.filter(articles__in=Article.objects.published()).first()
        urls = {
            "home": "/",
            "article": article.get_absolute_url(),
            "list": "/articles/",
            "search": "/search/?q=cerebral",
        }
        if topic is not None:
            urls["topic"] = topic.get_absolute_url()
        urls.update(about="/about/", privacy="/privacy/", disclaimer="/disclaimer/", not_found="/no-such-page/")
        return urls

    def fetch(self, url, **headers):
        response = self.client.get(url, **headers)
        if getattr(response, "streaming", False):
            body = b"".join(response.streaming_content)
        else:
            body = response.content
        return response, body

    def queries(self, url):
        self.cache.clear()
        with self.CaptureQueriesContext(self.connection) as cold:
            response, html = self.fetch(url)
        with self.CaptureQueriesContext(self.connection) as warm:
            self.fetch(url)
        return response.status_code, html, len(cold.captured_queries), len(warm.captured_queries)

    def resource_bytes(self, url, seen, report):
        """Compressed bytes of one resource (and, for CSS, what it loads); appends to report."""
        path = urlsplit(url).path
        if path in seen:
            return
        seen.add(path)
        response, body = self.fetch(path, HTTP_ACCEPT_ENCODING="gzip")
        if response.status_code in (301, 302):
            response, body = self.fetch(response["Location"], HTTP_ACCEPT_ENCODING="gzip")
        if response.status_code == 404 and path.startswith(self.settings.MEDIA_URL):
            file = Path(self.settings.MEDIA_ROOT) / path[len(self.settings.MEDIA_URL):]
            body = file.read_bytes() if file.exists() else b""
            content_type, encoding = "media", ""
        else:
            content_type, encoding = response.get("Content-Type", ""), response.get("Content-Encoding", "")
        if response.status_code >= 400 and not body:
            report["problems"].append(f"{path} could not be loaded ({response.status_code})")
        wire = len(body) if encoding else len(gzip.compress(body, 9)) if "text" in content_type or "svg" in content_type or "javascript" in content_type else len(body)
        if path.lower().endswith(FONT_EXTENSIONS) or "font" in content_type:
            report["problems"].append(f"web font loaded: {path}")
        report["resources"].append({"url": path, "compressed_bytes": wire})
        if "css" in content_type:
            raw = gzip.decompress(body) if encoding == "gzip" else body
            css = raw.decode("utf-8", "replace")
            if "@font-face" in css:
                report["problems"].append(f"@font-face in {path}")
            for match in CSS_URL.finditer(css):
                ref = (match.group(1) or match.group(2)).strip()
                if ref.startswith(("data:", "#")):
                    continue
                absolute = urljoin(path, ref)
                if is_third_party(absolute):
                    report["problems"].append(f"third-party URL in {path}: {ref}")
                else:
                    self.resource_bytes(absolute, seen, report)

    def inspect(self, name, url):
        status, html, cold, warm = self.queries(url)
        parser = PageParser()
        parser.feed(html.decode("utf-8", "replace"))
        report = {
            "url": url,
            "status": status,
            "sql_queries_cold": cold,
            "sql_queries_warm": warm,
            "html_bytes": len(html),
            "html_gzip_bytes": len(gzip.compress(html, 9)),
            "resources": [],
            "problems": [],
        }
        for resource in parser.loaded + parser.other_resources:
            if is_third_party(resource):
                report["problems"].append(f"third-party request: {resource}")
        seen = set()
        for resource in parser.loaded:
            if not is_third_party(resource) and not resource.startswith("data:"):
                self.resource_bytes(resource, seen, report)
        for image in parser.images:
            label = image.get("src", "?")
            if not (image.get("width") and image.get("height")):
                report["problems"].append(f"img without width/height: {label}")
            if not image["above_fold"] and image.get("loading") != "lazy":
                report["problems"].append(f"img below the fold without loading=lazy: {label}")
        report["images"] = len(parser.images)
        report["total_compressed_bytes"] = report["html_gzip_bytes"] + sum(
            item["compressed_bytes"] for item in report["resources"]
        )
        report["html"] = html
        return report


# --------------------------------------------------------------------------- load


def free_port():
    with socket.socket() as sock:
        sock.bind((HOST, 0))
        return sock.getsockname()[1]


class Gunicorn:
    def __init__(self, env, log_path, page_cache):
        self.port = free_port()
        self.env = {**env, "DJANGO_PAGE_CACHE": "true" if page_cache else "false"}
        self.log_path = log_path
        self.process = None

    def start(self):
        command = [
            str(Path(sys.executable).with_name("gunicorn")),
            "cerebral_info.wsgi",
            "--workers", "2",
            "--bind", f"{HOST}:{self.port}",
            "--no-control-socket",
            "--error-logfile", str(self.log_path),
            "--log-level", "warning",
        ]
        self.log = open(self.log_path, "ab")  # noqa: SIM115 - closed in stop()
        # Own process group, so that stopping it also stops its workers.
        self.process = subprocess.Popen(
            command, cwd=ROOT, env=self.env, stdout=self.log, stderr=subprocess.STDOUT, start_new_session=True
        )
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise BenchError(f"gunicorn exited early; see {self.log_path}:\n{self.log_path.read_text()[-2000:]}")
            try:
                with urllib.request.urlopen(self.url("/healthz"), timeout=2) as response:
                    if response.status == 200:
                        return self
            except (urllib.error.URLError, ConnectionError, OSError):
                time.sleep(0.2)
        raise BenchError("gunicorn did not answer /healthz within 30 s")

    def url(self, path):
        return f"http://{HOST}:{self.port}{path}"

    def stop(self):
        if self.process is None or self.process.poll() is not None:
            return
        try:
            os.killpg(self.process.pid, signal.SIGTERM)
            self.process.wait(timeout=15)
        except subprocess.TimeoutExpired:
            os.killpg(self.process.pid, signal.SIGKILL)
            self.process.wait(timeout=5)
        except ProcessLookupError:
            pass
        finally:
            self.log.close()


def get(url, headers=None):
    request = urllib.request.Request(url, headers=headers or {})
    with urllib.request.urlopen(request, timeout=10) as response:
        return response.status, dict(response.headers), response.read()


UNIT_MS = {"us": 0.001, "ms": 1.0, "s": 1000.0, "m": 60000.0}


def parse_duration_ms(text):
    match = re.fullmatch(r"([\d.]+)(us|ms|s|m)", text.strip())
    if not match:
        raise BenchError(f"cannot read the wrk latency {text!r}")
    return float(match.group(1)) * UNIT_MS[match.group(2)]


def run_wrk(url, duration, connections, threads):
    command = ["wrk", f"-t{threads}", f"-c{connections}", f"-d{duration}s", "--timeout", "5s", "--latency", url]
    result = subprocess.run(command, capture_output=True, text=True, timeout=duration + 30, check=False)
    if result.returncode != 0:
        raise BenchError(f"wrk failed: {result.stderr or result.stdout}")
    out = result.stdout
    rps = re.search(r"Requests/sec:\s+([\d.]+)", out)
    p50 = re.search(r"^\s+50%\s+(\S+)", out, re.MULTILINE)
    p99 = re.search(r"^\s+99%\s+(\S+)", out, re.MULTILINE)
    if not (rps and p50 and p99):
        raise BenchError(f"cannot read the wrk output:\n{out}")
    non_2xx = re.search(r"Non-2xx or 3xx responses:\s+(\d+)", out)
    errors = re.search(r"Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)", out)
    return {
        "rps": float(rps.group(1)),
        "p50_ms": parse_duration_ms(p50.group(1)),
        "p99_ms": parse_duration_ms(p99.group(1)),
        "non_2xx": int(non_2xx.group(1)) if non_2xx else 0,
        # Connect/read errors come from gunicorn's sync workers closing each connection; timeouts matter.
        "timeouts": int(errors.group(4)) if errors else 0,
    }


def measure(server, paths, args, expect_cache):
    # Warm up: every worker renders (and, with the page cache, stores) each page.
    for name in LOAD_PAGES:
        cache_headers = []
        for _ in range(20):
            status, headers, _body = get(server.url(paths[name]))
            if status != 200:
                raise BenchError(f"{name} {paths[name]} answered {status}")
            cache_headers.append(headers.get("X-Page-Cache"))
        if name == "ceiling":
            continue
        if expect_cache and "hit" not in cache_headers[-6:]:
            raise BenchError(f"{name} is not served from the page cache (X-Page-Cache: {cache_headers})")
        if not expect_cache and any(cache_headers):
            raise BenchError(f"{name} came from the page cache although it is off")
    rounds = {name: [] for name in LOAD_PAGES}
    for round_number in range(args.rounds):
        for name in LOAD_PAGES:
            figures = run_wrk(server.url(paths[name]), args.duration, args.connections, args.threads)
            if figures["non_2xx"]:
                raise BenchError(f"{name}: {figures['non_2xx']} responses were not 2xx/3xx under load")
            rounds[name].append(figures)
            print(
                f"  round {round_number + 1} {name:8} {figures['rps']:9.1f} req/s  "
                f"p50 {figures['p50_ms']:6.2f} ms  p99 {figures['p99_ms']:6.2f} ms",
                flush=True,
            )
    results = {}
    for name, figures in rounds.items():
        results[name] = {
            "rps": statistics.median(item["rps"] for item in figures),
            "p50_ms": statistics.median(item["p50_ms"] for item in figures),
            "p99_ms": statistics.median(item["p99_ms"] for item in figures),
            "timeouts": sum(item["timeouts"] for item in figures),
            "rounds": figures,
        }
    ceiling = results["ceiling"]["rps"]
    for figures in results.values():
        figures["ratio_to_static"] = figures["rps"] / ceiling if ceiling else 0.0
    return results


# --------------------------------------------------------------------------- report


def machine():
    cpu = "unknown"
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    memory = "unknown"
    try:
        for line in Path("/proc/meminfo").read_text().splitlines():
            if line.startswith("MemTotal"):
                memory = f"{int(line.split()[1]) / 1024 / 1024:.1f} GiB"
                break
    except OSError:
        pass
    return {"nproc": os.cpu_count(), "cpu": cpu, "memory": memory, "python": platform.python_version()}


def print_load_table(title, results):
    print(f"\n{title}")
    print(f"  {'page':10} {'req/s':>9} {'p50 ms':>8} {'p99 ms':>8} {'vs static':>10}")
    for name in LOAD_PAGES:
        figures = results[name]
        print(
            f"  {name:10} {figures['rps']:9.1f} {figures['p50_ms']:8.2f} {figures['p99_ms']:8.2f} "
            f"{figures['ratio_to_static']:10.2f}"
        )


def print_page_table(pages):
    print("\nPages (page cache off)")
    print(f"  {'page':10} {'SQL cold':>8} {'SQL warm':>8} {'HTML B':>8} {'HTML gz':>8} {'total gz':>9}  url")
    for name, page in pages.items():
        print(
            f"  {name:10} {page['sql_queries_cold']:8} {page['sql_queries_warm']:8} {page['html_bytes']:8} "
            f"{page['html_gzip_bytes']:8} {page['total_compressed_bytes']:9}  {page['url']}"
        )


def check_targets(pages, cached, uncached):
    checks = []

    def check(name, value, limit, passed):
        checks.append({"target": name, "value": value, "limit": limit, "passed": bool(passed)})

    check("article with page cache / static", round(cached["article"]["ratio_to_static"], 3), f">= {MIN_RATIO_CACHED}",
          cached["article"]["ratio_to_static"] >= MIN_RATIO_CACHED)
    check("article without page cache / static", round(uncached["article"]["ratio_to_static"], 3),
          f">= {MIN_RATIO_UNCACHED}", uncached["article"]["ratio_to_static"] >= MIN_RATIO_UNCACHED)
    for name, page in pages.items():
        queries = max(page["sql_queries_cold"], page["sql_queries_warm"])
        check(f"SQL queries on {name} (page cache off)", queries, f"<= {MAX_QUERIES}", queries <= MAX_QUERIES)
    total = pages["article"]["total_compressed_bytes"]
    check("article page + everything it loads, compressed", f"{total / 1024:.1f} KB", f"<= {MAX_ARTICLE_KB} KB",
          total <= MAX_ARTICLE_KB * 1024)
    for name, page in pages.items():
        check(f"{name}: no third-party request, no web font, images sized and lazy",
              "; ".join(page["problems"]) or "ok", "no problem", not page["problems"])
    for name, results in (("page cache on", cached), ("page cache off", uncached)):
        timeouts = sum(figures["timeouts"] for figures in results.values())
        check(f"no request timed out ({name})", timeouts, "0", timeouts == 0)
    return checks


# --------------------------------------------------------------------------- main


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--duration", type=int, default=5, help="seconds of load per page and round (default 5)")
    parser.add_argument("--rounds", type=int, default=3, help="interleaved rounds (default 3)")
    parser.add_argument("--connections", type=int, default=4, help="wrk connections (default 4)")
    parser.add_argument("--threads", type=int, default=2, help="wrk threads (default 2)")
    parser.add_argument("--output", type=Path, default=RESULTS_FILE, help="JSON results file")
    args = parser.parse_args()

    if shutil.which("wrk") is None:
        raise BenchError("wrk is not installed (apt-get install -y wrk, or run `make bench`).")

    def stop_on_signal(signum, frame):
        raise KeyboardInterrupt

    signal.signal(signal.SIGTERM, stop_on_signal)
    started = time.monotonic()
    servers = []
    with tempfile.TemporaryDirectory(prefix="bench-") as tmp_name:
        tmp = Path(tmp_name)
        try:
            env = production_env(tmp)
            print("Preparing a fresh database with the demo content and collecting static files...", flush=True)
            prepare_site(env)

            inspector = Inspector(env)
            urls = inspector.urls()
            pages = {name: inspector.inspect(name, url) for name, url in urls.items()}
            for name, page in pages.items():
                expected = 404 if name == "not_found" else 200
                if page["status"] != expected:
                    raise BenchError(f"{name} {page['url']} answered {page['status']}, expected {expected}")
            print_page_table(pages)

            # The ceiling: a file of the article page's size, served by WhiteNoise.
            article_size = pages["article"]["html_bytes"]
            ceiling = Path(env["DJANGO_STATIC_ROOT"]) / "bench" / "ceiling.html"
            ceiling.parent.mkdir(parents=True, exist_ok=True)
            ceiling.write_bytes(pages["article"]["html"][:article_size].ljust(article_size, b" "))
            paths = {name: urls[name] for name in LOAD_PAGES if name != "ceiling"}
            paths["ceiling"] = "/static/bench/ceiling.html"

            load = {}
            for label, page_cache in (("page_cache_on", True), ("page_cache_off", False)):
                print(f"\nLoad, {label.replace('_', ' ')} ({args.rounds} rounds x {args.duration} s per page)...", flush=True)
                server = Gunicorn(env, tmp / f"gunicorn-{label}.log", page_cache)
                servers.append(server)
                server.start()
                status, _headers, body = get(server.url(paths["ceiling"]))
                if status != 200 or len(body) != article_size:
                    raise BenchError("the static ceiling file is not served as written")
                load[label] = measure(server, paths, args, expect_cache=page_cache)
                server.stop()

            print_page_table(pages)
            print_load_table("With the page cache", load["page_cache_on"])
            print_load_table("Without the page cache (DJANGO_PAGE_CACHE=false)", load["page_cache_off"])
            checks = check_targets(pages, load["page_cache_on"], load["page_cache_off"])
        finally:
            for server in servers:
                server.stop()

    passed = all(item["passed"] for item in checks)
    print("\nTargets")
    for item in checks:
        print(f"  {'PASS' if item['passed'] else 'FAIL'}  {item['target']}: {item['value']} ({item['limit']})")
    for page in pages.values():
        del page["html"]
    results = {
        "date": datetime.datetime.now(datetime.UTC).isoformat(timespec="seconds"),
        "machine": machine(),
        "options": {
            "duration_s": args.duration, "rounds": args.rounds, "connections": args.connections,
            "threads": args.threads, "gunicorn_workers": 2, "database": "SQLite (demo content)",
        },
        "pages": pages,
        "load": load,
        "targets": checks,
        "passed": passed,
        "elapsed_s": round(time.monotonic() - started, 1),
    }
    args.output.parent.mkdir(parents=True, exist_ok=True)
    args.output.write_text(json.dumps(results, indent=2) + "\n")
    print(f"\nResults written to {args.output.relative_to(ROOT) if args.output.is_relative_to(ROOT) else args.output}"
          f" ({results['elapsed_s']} s). {'All targets met.' if passed else 'Some targets were MISSED.'}")
    return 0 if passed else 1


if __name__ == "__main__":
    try:
        sys.exit(main())
    except BenchError as error:
        print(f"\nBenchmark failed: {error}", file=sys.stderr)
        sys.exit(2)
    except KeyboardInterrupt:
        print("\nInterrupted; every server started by the benchmark was stopped.", file=sys.stderr)
        sys.exit(130)
