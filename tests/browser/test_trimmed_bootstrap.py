"""The vendored Bootstrap CSS is trimmed to the classes the site uses (it blocks rendering, so size
matters on a phone). When a template starts using another Bootstrap class, rebuild it with
`npm run trim-bootstrap`; this test says so when that was forgotten."""

import json
import os
import re
import shutil
import subprocess
import tempfile

import pytest

from .conftest import REPO_ROOT

pytestmark = pytest.mark.browser

VENDORED = REPO_ROOT / "static" / "vendor" / "bootstrap" / "bootstrap.min.css"
PURGECSS = REPO_ROOT / "node_modules" / ".bin" / "purgecss"


def test_the_vendored_bootstrap_css_is_the_trimmed_build_of_the_current_templates():
    if not PURGECSS.exists():
        reason = "PurgeCSS is not installed: run `npm ci` in the repository root (make test does)"
        if os.environ.get("CI", "").lower() == "true":
            pytest.fail(reason, pytrace=False)
        pytest.skip(reason)
    script = json.loads((REPO_ROOT / "package.json").read_text())["scripts"]["trim-bootstrap"]
    outdir = tempfile.mkdtemp(prefix="bs-")
    try:
        command = script.replace("--output static/vendor/bootstrap/", f"--output {outdir}/")
        assert command != script
        subprocess.run(
            f"{REPO_ROOT}/node_modules/.bin/{command}", shell=True, cwd=REPO_ROOT, check=True, timeout=120
        )
        built = (outdir + "/bootstrap.min.css")
        with open(built, encoding="utf-8") as fresh:
            expected = fresh.read()
    finally:
        shutil.rmtree(outdir, ignore_errors=True)
    vendored = VENDORED.read_text(encoding="utf-8")
    missing = sorted(class_names(expected) - class_names(vendored))
    assert missing == [], (
        f"static/vendor/bootstrap/bootstrap.min.css lacks Bootstrap classes the site now uses: {missing[:20]}. "
        "Run `npm run trim-bootstrap`."
    )
    assert "Licensed under MIT" in vendored


def class_names(css):
    # Class selectors only (not numbers such as .5rem inside declarations).
    selectors = " ".join(re.findall(r"(?:^|})([^{}@]+){", css))
    return set(re.findall(r"\.(-?[A-Za-z_][\w-]*)", selectors))
