"""Accessibility of every public page type: axe-core (WCAG 2.0/2.1/2.2 A and AA) and the keyboard."""

from pathlib import Path

import pytest

from .a11y import axe_violations, check_keyboard, tab_through
from .conftest import DESKTOP, PHONE
from .journeys import open_form_with_errors, open_thank_you_page

pytestmark = pytest.mark.browser

BROKEN_PAGE = Path(__file__).parent / "fixtures" / "broken_page.html"


def _goto(path):
    def visit(page, content):
        response = page.goto(path)
        return response

    return visit


def _article(page, content):
    return page.goto(content["article"].get_absolute_url())


def _topic(page, content):
    return page.goto(content["topic"].get_absolute_url())


def _form_with_errors(page, content):
    open_form_with_errors(page)


def _thank_you(page, content):
    open_thank_you_page(page)


PAGES = {
    "home": _goto("/"),
    "article list": _goto("/articles/"),
    "article": _article,
    "topic": _topic,
    "search results": _goto("/search/?q=diagnosis"),
    "case-review form": _goto("/case-review/"),
    "case-review form with errors": _form_with_errors,
    "thank-you page": _thank_you,
    "about": _goto("/about/"),
    "privacy": _goto("/privacy/"),
    "disclaimer": _goto("/disclaimer/"),
    "404 page": _goto("/no-such-page/"),
}
VIEWPORTS = {"phone": PHONE, "desktop": DESKTOP}


@pytest.mark.parametrize("viewport", VIEWPORTS, ids=str)
@pytest.mark.parametrize("name", PAGES, ids=str)
def test_axe_core_finds_no_wcag_a_or_aa_violations_on_each_public_page(new_context, site_content, name, viewport):
    page = new_context(viewport=VIEWPORTS[viewport], bypass_csp=True).new_page()
    PAGES[name](page, site_content)
    assert page.locator("h1").count() == 1, f"{name} should have exactly one h1"
    violations = axe_violations(page)
    assert violations == [], f"{name} at {viewport} width:\n" + "\n".join(violations)
    # Reflow (WCAG 1.4.10): nothing forces a sideways scroll, even on a phone.
    widths = page.evaluate("[document.documentElement.scrollWidth, window.innerWidth]")
    assert widths[0] <= widths[1], f"{name} is {widths[0]} px wide in a {widths[1]} px window"


def test_the_axe_check_fails_on_a_deliberately_broken_page(new_context):
    page = new_context(bypass_csp=True).new_page()
    page.set_content(BROKEN_PAGE.read_text())
    violations = axe_violations(page)
    rules = {line.split(" ", 1)[0] for line in violations}
    assert "image-alt" in rules
    assert "label" in rules


@pytest.mark.parametrize("name", [name for name in PAGES if name != "case-review form with errors"], ids=str)
def test_every_interactive_element_is_reachable_by_tab_and_visibly_focused(new_context, site_content, name):
    page = new_context(viewport=DESKTOP).new_page()
    PAGES[name](page, site_content)
    problems = check_keyboard(page)
    assert problems == [], f"{name}:\n" + "\n".join(problems)


def test_the_keyboard_check_fails_on_a_page_without_focus_styles_or_with_a_trap(new_context):
    page = new_context(viewport=DESKTOP).new_page()
    page.set_content(BROKEN_PAGE.read_text().replace('<textarea id="trap"', '<textarea id="not-a-trap"'))
    problems = check_keyboard(page)
    assert any("no visible focus indicator" in problem and "A link with no visible focus" in problem for problem in problems)
    assert any("skip link" in problem for problem in problems)

    page.set_content(BROKEN_PAGE.read_text())
    with pytest.raises(AssertionError, match="Keyboard trap"):
        tab_through(page, limit=20)


@pytest.mark.parametrize("viewport", VIEWPORTS, ids=str)
def test_the_skip_link_is_the_first_tab_stop_and_moves_focus_to_the_main_content(new_context, site_content, viewport):
    page = new_context(viewport=VIEWPORTS[viewport]).new_page()
    page.goto(site_content["article"].get_absolute_url())
    page.keyboard.press("Tab")
    skip_link = page.get_by_role("link", name="Skip to main content")
    assert skip_link.evaluate("el => el === document.activeElement")
    box = skip_link.bounding_box()
    assert box is not None and box["y"] >= 0 and box["x"] >= 0, "the focused skip link should be on screen"

    page.keyboard.press("Enter")
    assert page.url.endswith("#main")
    assert page.evaluate("document.activeElement.id") == "main"
    # The next Tab continues inside the main content, not back in the header.
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.closest('main') !== null")
