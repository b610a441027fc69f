"""Lessons from contexts like mine, where people are: linked from the home page, every lesson
page and one's own profile; a member whose profile says something gets results at once; each
card carries the lesson's kind, date, summary and the reasons."""

from django.urls import reverse

import pytest

from tests.builders.lessons import context, plain
from tests.builders.network import make_member, make_profile
from tests.builders.pages import text_of

SIMILAR = reverse("search:similar")


@pytest.fixture
def reader(import_lessons):
    import_lessons(
        plain(
            slug="ward-huddles",
            title="Ward huddles",
            summary="Ten-minute huddles cut delayed discharges.",
            date="2025-03-01",
            kind="case_study",
            context=context(org="acute_trust"),
        ),
        plain(slug="gp-huddles", title="GP huddles", context=context(org="primary_care")),
    )
    user = make_member("south-west-km", "reader@example.nhs.uk")
    make_profile(user, organisation_type="acute_trust", region="south_west", years_experience=12)
    return user


def test_a_member_gets_lessons_like_theirs_at_once_from_their_profile(client, reader):
    anonymous = client.get(SIMILAR)  # nothing to start from: the form waits
    assert anonymous.context["found"] is None
    assert "data-focus-on-load" not in anonymous.content.decode()
    client.force_login(reader)
    response = client.get(SIMILAR)
    found = response.context["found"]
    assert [item.lesson.slug for item in found][:1] == ["ward-huddles"]
    html = response.content.decode()
    assert 'id="results" tabindex="-1" data-focus-on-load' in html
    # The results first, then the form that changes them.
    assert html.index('id="results"') < html.index('id="describe-heading"')
    text = text_of(response)
    assert "Closest matches, from what your profile says" in text
    card = (
        text.split("Ward huddles")[0].rsplit("Closest matches", 1)[1]
        + text.split("Ward huddles")[1].split("GP huddles")[0]
    )
    assert "Case study" in card and "March 2025" in card
    assert "Ten-minute huddles cut delayed discharges." in card
    assert "Same organisation type: Acute trust" in card


def test_home_lesson_pages_and_ones_own_profile_link_to_it(client, reader):
    link = f'href="{SIMILAR}"'
    client.force_login(reader)
    assert link in client.get("/").content.decode()
    assert link in client.get("/lessons/gp-huddles/").content.decode()
    assert link in client.get(reverse("network:profile", args=[reader.profile.pk])).content.decode()
    other = make_member("south-west-km", "other@example.nhs.uk")
    make_profile(other)
    other_profile = client.get(reverse("network:profile", args=[other.profile.pk]))
    assert "Find lessons from contexts like yours" not in text_of(other_profile)
