"""The guided form to share a lesson reads every number it is sent through core/numbers.py: a
lesson's id in its addresses, how many items a list showed, and which item, maturity outcome or
lesson a button names. "²", 5000 digits or an id beyond the database's range answer "not found"
(an address or a button that names nothing) or a form error in words (the form's own count),
never a server error (issue 14; SQLite raised OverflowError on the huge id)."""

from django.urls import reverse

import pytest
from allauth.account.models import EmailAddress

from accounts.models import User
from lessons.models import LessonPage
from lessons.sharing import rules as sharing

HOSTILE = {
    "superscript two": "²",
    "5000 digits": "9" * 5000,
    "beyond the database": "99999999999999999999999",
}
PUBLISHED = {
    "slug": "discharge-huddles",
    "title": "Daily discharge huddles",
    "summary": "Ten-minute huddles at 9am cut delayed discharges on two wards.",
}
INCOMPLETE = "This page was sent incomplete: check your answers and save again"


@pytest.fixture(scope="module")
def module_draft(module_lessons):
    """The champion's draft, built once for the module: each test posts to it in a savepoint
    that is rolled back after it (module_db), so each meets it as built."""
    module_lessons(PUBLISHED)
    user = User.objects.create_user(email="champion@example.nhs.uk", password="a-long-password-7")
    EmailAddress.objects.create(user=user, email=user.email, verified=True, primary=True)
    return sharing.start(
        user, kind="lesson", title="Protected time", summary="Fifteen minutes a day."
    )


@pytest.fixture
def draft(module_draft, client):
    client.force_login(module_draft.owner)
    return LessonPage.objects.get(pk=module_draft.pk)


def latest(lesson):
    """The lesson as its champion's latest revision has it, read afresh."""
    return sharing.current_version(LessonPage.objects.get(pk=lesson.pk))


def revisions(lesson):
    return LessonPage.objects.get(pk=lesson.pk).revisions.count()


@pytest.mark.parametrize("value", HOSTILE.values(), ids=HOSTILE)
@pytest.mark.parametrize(
    "after", ["check/", "preview/", "sent/", "about/", "team/", "factors/new/", "maturity/qiof-2/"]
)
def test_a_share_address_whose_id_is_not_a_whole_number_is_not_found(draft, client, value, after):
    assert client.get(f"/lessons/share/{value}/{after}").status_code == 404


# (step, the data a page of that step sends, with VALUE where the hostile number goes)
LIST_FORMS = {
    "team count": ("team", {"member-count": "VALUE", "member-1-role": "Ward sister"}),
    "team remove": (
        "team",
        {"member-count": "2", "member-1-role": "Ward sister", "remove-member": "VALUE"},
    ),
    "evidence count": ("evidence", {"link-count": "VALUE", "link-1-title": "Report"}),
    "evidence remove": ("evidence", {"link-count": "1", "remove-link": "VALUE"}),
    "why count": ("factor", {"why-count": "VALUE", "why-1-text": "It was late"}),
    "why remove": ("factor", {"why-count": "2", "why-1-text": "Late", "remove-why": "VALUE"}),
    "action count": ("factor", {"action-count": "VALUE", "action-1-text": "Asked"}),
    "action remove": ("factor", {"action-count": "1", "remove-action": "VALUE"}),
}
FACTOR = {"type": "barrier", "statement": "Pharmacy delays", "why-count": "1", "why-1-text": "Late"}


def list_form_url(lesson, step):
    if step == "factor":
        return reverse("lessons:share_factor", args=[lesson.pk, "new"])
    return reverse("lessons:share_step", args=[lesson.pk, step])


@pytest.mark.parametrize("value", HOSTILE.values(), ids=HOSTILE)
@pytest.mark.parametrize("place", LIST_FORMS)
def test_a_lists_count_or_remove_button_that_is_not_a_whole_number_is_a_form_error_in_words(
    draft, client, place, value
):
    step, data = LIST_FORMS[place]
    data = {**(FACTOR if step == "factor" else {}), **data}
    data = {key: value if sent == "VALUE" else sent for key, sent in data.items()}
    before = revisions(draft)
    response = client.post(list_form_url(draft, step), data)
    assert response.status_code == 400
    assert "There is a problem" in response.content.decode()
    assert INCOMPLETE in response.content.decode()
    assert revisions(draft) == before  # nothing saved from a page that could not be read


def test_a_count_the_page_did_not_send_is_still_one_item(draft, client):
    response = client.post(
        list_form_url(draft, "team"),
        {"member-1-role": "Ward sister", "member-1-years_experience": "4"},
    )
    assert response.status_code == 302
    [member] = latest(draft).team_members.all()
    assert (member.role, member.years_experience) == ("Ward sister", 4)


# (step, the button's name, its value with VALUE where the hostile number goes)
BUTTONS = {
    "remove a maturity outcome": ("maturity", "remove", "VALUE"),
    "remove a link": ("related", "unlink", "VALUE"),
    "link a lesson": ("related", "link", "VALUE:builds_on"),
}


@pytest.mark.parametrize("value", HOSTILE.values(), ids=HOSTILE)
@pytest.mark.parametrize("button", BUTTONS)
def test_a_button_that_names_no_whole_number_answers_not_found(draft, client, button, value):
    step, name, sent = BUTTONS[button]
    before = revisions(draft)
    response = client.post(
        reverse("lessons:share_step", args=[draft.pk, step]), {name: sent.replace("VALUE", value)}
    )
    assert response.status_code == 404
    assert revisions(draft) == before


def test_the_buttons_still_link_and_unlink_a_lesson_and_remove_an_outcome(draft, client):
    target = LessonPage.objects.get(slug="discharge-huddles")
    related = reverse("lessons:share_step", args=[draft.pk, "related"])
    client.post(related, {"link": f"{target.pk}:builds_on"})
    assert [link.target_id for link in latest(draft).related_links.all()] == [target.pk]
    client.post(related, {"unlink": str(target.pk)})
    assert not latest(draft).related_links.all()

    level = reverse("lessons:share_level", args=[draft.pk, "qiof-2"])
    assert client.post(level, {"level": "2"}).status_code == 302
    [link] = latest(draft).maturity_links.all()
    maturity = reverse("lessons:share_step", args=[draft.pk, "maturity"])
    assert client.post(maturity, {"remove": str(link.dimension_id)}).status_code == 302
    assert not latest(draft).maturity_links.all()


@pytest.mark.parametrize(
    ("day", "month", "year"), [("١٥", "٣", "٢٠٢٥"), ("15", "³", "2025"), ("15", "3", "２０２５")]
)
def test_a_date_typed_in_anything_but_ascii_digits_is_not_a_real_date(
    draft, client, day, month, year
):
    response = client.post(
        reverse("lessons:share_step", args=[draft.pk, "context"]),
        {"date_0": day, "date_1": month, "date_2": year},
    )
    assert response.status_code == 400
    assert "When did the work happen? must be a real date" in response.content.decode()
    assert latest(draft).date is None
