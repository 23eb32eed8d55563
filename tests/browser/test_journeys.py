"""The three things people come for, done in a real browser as a person would do them."""

import re

import pytest
from django.core import mail
from playwright.sync_api import expect

from .journeys import FORM_PATH, fill_by_mouse, is_focused, submit, tab_to

pytestmark = pytest.mark.browser


def test_a_reader_on_a_phone_finds_an_article_by_topic_and_by_search_and_checks_its_sources(page, site_content, shoot):
    article = site_content["article"]
    page.goto("/")
    expect(page.locator("h1")).to_be_visible()
    shoot(page, "home")

    # Through the topic.
    page.get_by_role("link", name=site_content["topic"].name).first.click()
    expect(page).to_have_url(re.compile(re.escape(site_content["topic"].get_absolute_url()) + "$"))
    expect(page.get_by_role("heading", level=1)).to_contain_text(site_content["topic"].name)
    shoot(page, "topic")
    page.get_by_role("link", name=article.title).first.click()
    expect(page).to_have_url(re.compile(re.escape(article.get_absolute_url()) + "$"))
    expect(page.get_by_role("heading", level=1)).to_have_text(article.title)

    # Through search, starting again from the home page.
    page.goto("/")
    page.get_by_role("navigation", name="Main").get_by_role("link", name="Search").click()
    search_box = page.get_by_role("searchbox").first
    search_box.fill("early signs")
    search_box.press("Enter")
    expect(page).to_have_url(re.compile(r"/search/\?q=early"))
    result = page.get_by_role("main").get_by_role("link", name=article.title)
    expect(result).to_be_visible()
    shoot(page, "search-results")
    result.click()
    expect(page.get_by_role("heading", level=1)).to_have_text(article.title)
    shoot(page, "article")

    # A citation marker leads to its reference, and the reference leads back to the text.
    marker = page.locator("sup.citation a").first
    marker_id = marker.get_attribute("id")
    assert marker_id, "citation markers need an id for the way back"
    marker.click()
    expect(page).to_have_url(re.compile(r"#ref-1$"))
    reference = page.locator("#ref-1")
    assert page.evaluate("document.querySelector(':target').id") == "ref-1"
    expect(reference).to_contain_text("Early, accurate diagnosis and early intervention in cerebral palsy")
    expect(reference).to_be_in_viewport()

    back = reference.locator(".backlinks a").first
    assert back.get_attribute("href") == f"#{marker_id}"
    back.click()
    expect(page).to_have_url(re.compile(f"#{re.escape(marker_id)}$"))
    assert page.evaluate("document.querySelector(':target').id") == marker_id
    expect(page.locator(f"#{marker_id}")).to_be_in_viewport()

    # The DOI opens the publisher's record through doi.org (no request leaves the test machine).
    doi_link = reference.get_by_role("link", name=re.compile(r"doi\.org"))
    href = doi_link.get_attribute("href")
    assert href.startswith("https://doi.org/")
    assert href == "https://doi.org/10.1001/jamapediatrics.2017.1689"


def test_a_reader_asks_for_a_case_review_from_an_article_using_only_the_keyboard(page, site_content, shoot):
    article = site_content["article"]
    keyboard = page.keyboard
    page.goto(article.get_absolute_url())

    # The article's call to action, reached and followed with Tab and Enter.
    cta = page.get_by_role("link", name="Request a free case review")
    tab_to(page, cta, limit=200)
    keyboard.press("Enter")
    expect(page).to_have_url(re.compile(re.escape(f"{FORM_PATH}?article={article.slug}") + "$"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Free case review")
    shoot(page, "form-empty")

    # First attempt, with a mistake in the email address and the consent box not ticked.
    tab_to(page, page.locator("#id_full_name"))
    keyboard.type("Jordan Example")
    keyboard.press("Tab")
    assert is_focused(page.locator("#id_phone"))
    keyboard.type("(312) 555-0142")
    keyboard.press("Tab")
    assert is_focused(page.locator("#id_email"))
    keyboard.type("jordan.example.com")
    keyboard.press("Tab")
    # The preferred contact method: a radio group; Space picks the focused choice, arrows move.
    assert is_focused(page.locator("#id_preferred_contact_0"))
    keyboard.press("Space")
    keyboard.press("ArrowDown")
    keyboard.press("ArrowDown")
    expect(page.locator("#id_preferred_contact_2")).to_be_checked()
    preferred_label = page.locator("label[for=id_preferred_contact_2]").inner_text()
    description = page.locator("#id_description")
    tab_to(page, description)
    keyboard.type("Our son needed help breathing after a long labour.")
    submit_button = page.get_by_role("button", name="Request my free case review")
    tab_to(page, submit_button)
    keyboard.press("Enter")

    summary = page.locator("#error-summary")
    expect(summary).to_be_visible()
    expect(summary).to_be_focused()
    expect(page).to_have_title(re.compile(r"^Error: "))
    email_field = page.locator("#id_email")
    email_error = page.locator("#id_email ~ .invalid-feedback, #error_1_id_email").first
    expect(email_error).to_contain_text("email")
    expect(email_field).to_have_attribute("aria-invalid", "true")
    expect(page.locator("#id_consent").locator("xpath=ancestor::*[contains(@class,'form-check') or contains(@class,'mb-3')][1]")).to_contain_text("Tick the box")
    # Nothing typed is lost.
    expect(page.locator("#id_full_name")).to_have_value("Jordan Example")
    expect(page.locator("#id_phone")).to_have_value(re.compile(r"312.*555.*0142"))
    expect(email_field).to_have_value("jordan.example.com")
    expect(page.locator("#id_preferred_contact_2")).to_be_checked()
    expect(description).to_have_value("Our son needed help breathing after a long labour.")
    shoot(page, "form-with-errors")

    # The summary links to the field; fix it and tick the consent box, still with the keyboard.
    email_link = summary.get_by_role("link", name=re.compile("Email address"))
    tab_to(page, email_link)
    keyboard.press("Enter")
    expect(email_field).to_be_focused()
    keyboard.press("ControlOrMeta+A")
    keyboard.type("jordan@example.com")
    consent = page.locator("#id_consent")
    tab_to(page, consent)
    keyboard.press("Space")
    expect(consent).to_be_checked()
    tab_to(page, submit_button)
    keyboard.press("Enter")

    expect(page).to_have_url(re.compile(r"/case-review/thank-you/$"))
    expect(page.get_by_role("heading", level=1)).to_contain_text("Thank you")
    expect(page.get_by_role("main")).to_contain_text(site_content["firm_phone"])
    shoot(page, "thank-you")

    from intake.models import CaseReview

    review = CaseReview.objects.get()
    assert review.source_article_id == article.pk
    assert review.full_name == "Jordan Example"
    assert review.phone == "+13125550142"
    assert review.email == "jordan@example.com"
    assert review.get_preferred_contact_display() in preferred_label
    assert review.consent_given is True
    expect(page.get_by_role("main")).to_contain_text(review.reference)
    recipients = [address for message in mail.outbox for address in message.to]
    assert "jordan@example.com" in recipients, "the person gets an acknowledgement"
    assert len(mail.outbox) >= 2, "the intake team is notified too"
    assert any(review.reference in message.subject or review.reference in message.body for message in mail.outbox)


def test_the_form_works_with_javascript_turned_off(new_context, site_content, shoot):
    page = new_context(java_script_enabled=False).new_page()
    page.goto(FORM_PATH)
    fill_by_mouse(page, phone="12", consent=False)
    submit(page)

    summary = page.locator("#error-summary")
    expect(summary).to_be_visible()
    expect(summary).to_contain_text("Phone number")
    expect(page.locator("#id_full_name")).to_have_value("Jordan Example")
    expect(page.locator("#id_phone")).to_have_value("12")

    page.get_by_label("Phone number").fill("312-555-0142")
    page.locator("#id_consent").check()
    submit(page)
    expect(page).to_have_url(re.compile(r"/case-review/thank-you/$"))
    expect(page.get_by_role("heading", level=1)).to_contain_text("Thank you")

    from intake.models import CaseReview

    assert CaseReview.objects.get().phone == "+13125550142"


def test_an_intake_staff_member_triages_the_new_request_in_the_admin(new_context, site_content, shoot, live_server):
    from django.contrib.auth.models import Group, Permission, User

    from intake.models import CaseReview

    from .journeys import open_thank_you_page

    # Two readers ask for a review; the first one has already been handled.
    reader = new_context().new_page()
    open_thank_you_page(reader, name="Earlier Person", email="earlier@example.com", phone="(312) 555-0177")
    CaseReview.objects.update(status=CaseReview.Status.QUALIFIED)
    open_thank_you_page(reader, article=site_content["article"])
    review = CaseReview.objects.get(status=CaseReview.Status.NEW)

    staff = User.objects.create_user("casey", "casey@example.com", "a-long-test-password", is_staff=True)
    staff.groups.add(Group.objects.get(name="Intake staff"))
    assert not staff.is_superuser

    page = new_context(viewport={"width": 1280, "height": 900}).new_page()
    page.goto("/admin/")
    page.get_by_label("Username").fill("casey")
    page.get_by_label("Password").fill("a-long-test-password")
    page.get_by_label("Password").press("Enter")
    expect(page.get_by_role("heading", name="Intake and content")).to_be_visible()

    page.get_by_role("link", name=re.compile(r"^Case.review requests$", re.IGNORECASE)).first.click()
    expect(page.locator("#result_list tbody tr")).to_have_count(2)
    status_filter = page.locator("#changelist-filter")
    status_filter.locator("details", has_text="By status").get_by_role("link", name="New", exact=True).click()
    expect(page).to_have_url(re.compile(r"status__exact=new"))
    rows = page.locator("#result_list tbody tr")
    expect(rows).to_have_count(1)
    expect(rows.first).to_contain_text("Jordan Example")
    expect(rows.first).to_contain_text(site_content["article"].title)
    shoot(page, "admin-new-requests")
    # No way to delete: neither the bulk action nor a link on the request.
    assert "delete_selected" not in page.locator("select[name=action]").inner_html()
    # The CSV export is refused without the export permission.
    assert page.get_by_role("link", name="Export filtered list (CSV)").count() == 0
    assert page.request.get("/admin/intake/casereview/export/").status == 403

    rows.first.get_by_role("link", name="Jordan Example").click()
    expect(page).to_have_url(re.compile(rf"/admin/intake/casereview/{review.pk}/change/"))
    expect(page.get_by_role("link", name="Delete")).to_have_count(0)
    page.get_by_label("Assigned to").select_option(label="casey")
    page.get_by_label("Status").select_option("contacted")
    page.locator("textarea[name$='-0-body']").fill("Called the mother; she will send the discharge summary.")
    shoot(page, "admin-request-edited")
    page.get_by_role("button", name="Save and continue editing").click()
    expect(page.locator(".messagelist")).to_contain_text("was changed successfully")
    expect(page.get_by_label("Status")).to_have_value("contacted")
    expect(page.locator("#content-main")).to_contain_text("Called the mother")

    page.get_by_role("link", name="History").click()
    history = page.locator("#change-history")
    expect(history).to_contain_text("casey")
    expect(history).to_contain_text(re.compile(r"Status:\s*new\s*→\s*contacted"))
    expect(history.locator("tbody tr")).to_have_count(2)
    shoot(page, "admin-history")

    review.refresh_from_db()
    assert review.status == CaseReview.Status.CONTACTED
    assert review.assigned_to == staff
    assert review.first_contacted_at is not None
    assert review.notes.get().author == staff

    # Given the export permission, the same person can download the CSV.
    staff.user_permissions.add(Permission.objects.get(codename="export_casereview"))
    page.goto("/admin/intake/casereview/?status__exact=contacted")
    expect(page.get_by_role("link", name="Export filtered list (CSV)")).to_be_visible()
    export = page.request.get("/admin/intake/casereview/export/?status__exact=contacted")
    assert export.status == 200
    assert export.headers["content-type"].startswith("text/csv")
    assert "Jordan Example" in export.text()
    assert "Earlier Person" not in export.text()
