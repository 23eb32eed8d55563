"""Fixtures for the end-to-end tests in headless Chromium (Debian's build, driven by Playwright).

Run only these tests with `make browser-test`. Screenshots go to test-artifacts/screenshots/<run>/
(or to $BROWSER_SCREENSHOT_DIR/<run>/).
"""

import os
import re
import shutil
import tempfile
from datetime import datetime
from pathlib import Path

# Playwright's sync API runs an event loop in the test thread; without this Django refuses ORM calls.
# Set here only, so that the rest of the suite keeps Django's protection.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

import pytest

REPO_ROOT = Path(__file__).resolve().parents[2]
CHROMIUM_PATH = os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
PHONE = {"width": 360, "height": 800}
DESKTOP = {"width": 1280, "height": 900}
RUN_NAME = datetime.now().strftime("%Y%m%d-%H%M%S")


def require_chromium():
    """Skip (locally) or fail (in CI) when Chromium is not installed."""
    if os.path.exists(CHROMIUM_PATH):
        return
    reason = (
        f"Chromium not found at {CHROMIUM_PATH}: install it with `apt-get install -y chromium` "
        "(or set CHROMIUM_PATH) to run the browser tests"
    )
    if os.environ.get("CI", "").lower() == "true":
        pytest.fail(reason + " (CI=true: browser tests must run in CI)", pytrace=False)
    pytest.skip(reason)


@pytest.fixture(scope="session")
def short_tmpdir():
    """A short temporary folder: Chromium's socket paths fail under long TMPDIRs."""
    path = tempfile.mkdtemp(prefix="pw-", dir="/tmp")
    previous = os.environ.get("TMPDIR")
    os.environ["TMPDIR"] = path
    yield path
    if previous is None:
        os.environ.pop("TMPDIR", None)
    else:
        os.environ["TMPDIR"] = previous
    shutil.rmtree(path, ignore_errors=True)


@pytest.fixture(scope="session")
def browser(short_tmpdir, django_db_setup):
    require_chromium()
    from django.db import connections
    from playwright.sync_api import sync_playwright

    # Django keeps the database contents saved for serialized rollback on the connection object, and
    # while Playwright runs, Django hands out other connection objects (they are context-local).
    # Carry the saved contents over, so that each browser test starts with (and leaves behind) the
    # rows that data migrations created, such as the staff groups.
    serialized = {
        alias: connections[alias]._test_serialized_contents
        for alias in connections
        if hasattr(connections[alias], "_test_serialized_contents")
    }
    playwright = sync_playwright().start()
    for alias, contents in serialized.items():
        connections[alias]._test_serialized_contents = contents
    try:
        chromium = playwright.chromium.launch(
            executable_path=CHROMIUM_PATH,
            headless=True,
            args=CHROMIUM_ARGS,
            env={**os.environ, "TMPDIR": short_tmpdir},
        )
    except Exception:
        playwright.stop()
        raise
    yield chromium
    chromium.close()
    playwright.stop()


@pytest.fixture
def new_context(browser, live_server, django_db_serialized_rollback):
    """Factory for browser contexts pointed at the live server; closed after the test.

    live_server makes each test transactional (tables are flushed afterwards); the serialized
    rollback puts back the rows that data migrations created (such as the staff groups), so the
    tests that run after these still find them.
    """
    contexts = []

    def make(viewport=PHONE, **options):
        context = browser.new_context(viewport=viewport, base_url=live_server.url, **options)
        context.set_default_timeout(10_000)
        contexts.append(context)
        return context

    yield make
    for context in contexts:
        context.close()


@pytest.fixture
def page(new_context):
    """A phone-sized page with JavaScript on and the site's CSP in force."""
    return new_context().new_page()


@pytest.fixture(scope="session")
def screenshot_dir():
    base = Path(os.environ.get("BROWSER_SCREENSHOT_DIR") or REPO_ROOT / "test-artifacts" / "screenshots")
    return base / RUN_NAME


@pytest.fixture
def shoot(request, screenshot_dir):
    """Save full-page screenshots of a page at phone and desktop widths (no pixel comparison)."""
    test_dir = screenshot_dir / re.sub(r"[^A-Za-z0-9_.-]+", "_", request.node.name)

    def take(page, name):
        test_dir.mkdir(parents=True, exist_ok=True)
        original = page.viewport_size
        for label, size in (("phone", PHONE), ("desktop", DESKTOP)):
            page.set_viewport_size(size)
            page.screenshot(path=str(test_dir / f"{name}-{label}.png"), full_page=True)
        page.set_viewport_size(original)

    return take


@pytest.fixture
def site_content(new_context):
    """A published article in a topic, citing two references (one with a DOI), plus a sibling article."""
    from datetime import date, timedelta

    from django.utils import timezone

    from articles.models import Article, Person, Reference, Topic

    topic = Topic.objects.create(
        name="Diagnosis and early signs",
        slug="diagnosis",
        description="How cerebral palsy is recognised and diagnosed.",
    )
    author = Person.objects.create(
        name="Demo Author (placeholder)", slug="demo-author", credentials="Placeholder credentials", bio="A placeholder."
    )
    reviewer = Person.objects.create(
        name="Demo Reviewer (placeholder)", slug="demo-reviewer", credentials="MD (placeholder)", bio="A placeholder."
    )
    now = timezone.now()
    article = Article.objects.create(
        title="Early signs of cerebral palsy in babies",
        slug="early-signs-of-cerebral-palsy",
        summary="What parents may notice in the first months, and how doctors confirm a diagnosis.",
        body=(
            "## What parents notice first\n\n"
            "Many children with cerebral palsy can now be identified before six months of corrected age "
            "[@novak2017].\n\n"
            "## How doctors confirm it\n\n"
            "Doctors combine a standardised movement assessment with a neurological examination and an MRI "
            "scan [@novak2017]. The gross motor function classification system describes how a child moves "
            "[@palisano1997].\n"
        ),
        topic=topic,
        author=author,
        medical_reviewer=reviewer,
        reviewed_on=date.today() - timedelta(days=30),
        updated_on=date.today() - timedelta(days=10),
        published_at=now - timedelta(days=60),
        status=Article.Status.PUBLISHED,
        meta_description="What parents may notice in the first months and how doctors confirm cerebral palsy.",
    )
    Reference.objects.create(
        article=article,
        key="novak2017",
        position=1,
        authors="Novak I, Morgan C, Adde L, et al.",
        year=2017,
        title=(
            "Early, accurate diagnosis and early intervention in cerebral palsy: advances in diagnosis and treatment"
        ),
        container="JAMA Pediatrics",
        volume="171",
        issue="9",
        pages="897-907",
        doi="10.1001/jamapediatrics.2017.1689",
        evidence_type=Reference.EvidenceType.SYSTEMATIC_REVIEW,
    )
    Reference.objects.create(
        article=article,
        key="palisano1997",
        position=2,
        authors="Palisano R, Rosenbaum P, Walter S, Russell D, Wood E, Galuppi B",
        year=1997,
        title="Development and reliability of a system to classify gross motor function in children with cerebral palsy",
        container="Developmental Medicine and Child Neurology",
        volume="39",
        issue="4",
        pages="214-223",
        doi="10.1111/j.1469-8749.1997.tb07414.x",
        evidence_type=Reference.EvidenceType.CLASSIFICATION,
    )
    article.save()  # render again now that the references exist
    sibling = Article.objects.create(
        title="What an MRI scan can show after a difficult birth",
        slug="mri-after-difficult-birth",
        summary="Why doctors order brain imaging and what the results may mean for a family.",
        body="## Why imaging helps\n\nBrain imaging can show where and when an injury happened.\n",
        topic=topic,
        author=author,
        published_at=now - timedelta(days=90),
        status=Article.Status.PUBLISHED,
    )
    from cerebral_info.models import FirmDetails

    return {
        "topic": topic,
        "article": article,
        "sibling": sibling,
        "author": author,
        "reviewer": reviewer,
        "firm_phone": FirmDetails.load().phone,
    }
