"""Steps shared by the browser tests: filling in the case-review form as a person would."""


def open_form_with_errors(page):
    page.goto("/case-review/")
    page.locator("main form button[type=submit]").click()


def open_thank_you_page(page):
    page.goto("/case-review/thank-you/")
