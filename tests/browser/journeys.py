"""Steps shared by the browser tests: moving around and filling in the case-review form as a person would."""

FORM_PATH = "/case-review/"


def is_focused(locator):
    return locator.evaluate("el => el === document.activeElement")


def tab_to(page, locator, limit=120, backwards=False):
    """Press Tab (or Shift+Tab) until `locator` has the keyboard focus, as a keyboard user would."""
    key = "Shift+Tab" if backwards else "Tab"
    for _ in range(limit):
        if is_focused(locator):
            return
        page.keyboard.press(key)
    raise AssertionError(f"{locator} was never reached with {key} in {limit} presses")


def fill_by_mouse(page, *, name="Jordan Example", phone="(312) 555-0142", email="jordan@example.com", consent=True):
    """Fill in the required part of the form with clicks and typing (no keyboard-only rules)."""
    page.get_by_label("Your full name").fill(name)
    page.get_by_label("Phone number").fill(phone)
    page.get_by_label("Email address").fill(email)
    page.locator("#id_preferred_contact_0").check()
    if consent:
        page.locator("#id_consent").check()


def submit(page):
    page.get_by_role("button", name="Request my free case review").click()


def open_form_with_errors(page):
    """The form after a submission with a bad email address and no consent."""
    page.goto(FORM_PATH)
    fill_by_mouse(page, email="not an email address", consent=False)
    submit(page)
    page.locator("#error-summary").wait_for()


def open_thank_you_page(page, article=None, **fields):
    """The thank-you page reached by a real, valid submission (from an article's call to action)."""
    page.goto(FORM_PATH + (f"?article={article.slug}" if article else ""))
    fill_by_mouse(page, **fields)
    submit(page)
    page.wait_for_url("**/case-review/thank-you/")
