"""Two intake staff members change the same request at once: the second save is refused, nothing is overwritten."""

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.test import Client
from django.urls import reverse
from django.utils.html import escape

from intake.admin import STALE_MESSAGE
from intake.models import CaseNote, CaseReview

from .intake_data import form_fields


@pytest.fixture
def two_staff_sessions(db):
    group = Group.objects.get(name="Intake staff")
    clients = []
    for name in ("alex", "sam"):
        user = get_user_model().objects.create_user(name, password=f"a-long-unusual-passphrase-{name}", is_staff=True)
        user.groups.add(group)
        client = Client()
        client.force_login(user)
        clients.append(client)
    return clients


@pytest.fixture
def review(db):
    return CaseReview.objects.create(
        full_name="Riley Example", phone="+13125550123", email="riley@example.com", consent_given=True
    )


def open_change_form(client, review):
    response = client.get(reverse("admin:intake_casereview_change", args=[review.pk]))
    assert response.status_code == 200
    fields = form_fields(response.content.decode())
    assert fields["version"] == str(review.version)
    return fields


def edit(fields, *, status, follow_up_on, note):
    data = {key: value for key, value in fields.items() if not key.startswith("_")}
    data.update(status=status, follow_up_on=follow_up_on, _save="Save")
    data["notes-0-body"] = note
    return data


def test_the_second_of_two_simultaneous_saves_is_refused_with_a_clear_message_and_nothing_is_overwritten(
    two_staff_sessions, review
):
    alex, sam = two_staff_sessions
    alex_form, sam_form = open_change_form(alex, review), open_change_form(sam, review)

    first = alex.post(
        reverse("admin:intake_casereview_change", args=[review.pk]),
        edit(alex_form, status="contacted", follow_up_on="2030-01-02", note="Alex called, left a voicemail."),
    )
    assert first.status_code == 302, first.content.decode()[:3000]

    second = sam.post(
        reverse("admin:intake_casereview_change", args=[review.pk]),
        edit(sam_form, status="not_qualified", follow_up_on="2030-05-06", note="Sam thinks it is not a case."),
    )
    assert second.status_code == 200
    html = second.content.decode()
    assert escape(STALE_MESSAGE) in html
    # What Sam typed is still on the page to copy.
    assert "Sam thinks it is not a case." in html

    review.refresh_from_db()
    assert review.status == "contacted"
    assert str(review.follow_up_on) == "2030-01-02"
    assert review.first_contacted_at is not None
    assert list(CaseNote.objects.values_list("body", flat=True)) == ["Alex called, left a voicemail."]
    assert review.history.count() == 2  # created, Alex's change; Sam's refused save left no trace


def test_after_reloading_the_second_person_can_save_on_top_of_the_first_change(two_staff_sessions, review):
    alex, sam = two_staff_sessions
    alex_form, sam_stale = open_change_form(alex, review), open_change_form(sam, review)
    alex.post(
        reverse("admin:intake_casereview_change", args=[review.pk]),
        edit(alex_form, status="contacted", follow_up_on="", note=""),
    )
    refused = sam.post(
        reverse("admin:intake_casereview_change", args=[review.pk]),
        edit(sam_stale, status="qualified", follow_up_on="", note=""),
    )
    assert refused.status_code == 200
    review.refresh_from_db()
    sam_fresh = open_change_form(sam, review)
    assert sam_fresh["status"] == "contacted"
    response = sam.post(
        reverse("admin:intake_casereview_change", args=[review.pk]),
        edit(sam_fresh, status="qualified", follow_up_on="", note="Qualified after a second call."),
    )
    assert response.status_code == 302
    review.refresh_from_db()
    assert review.status == "qualified"
