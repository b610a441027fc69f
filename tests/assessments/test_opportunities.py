"""Development opportunities: for each outcome below 4 of a closed assessment, the lessons at
the next level on that outcome, the most alike to the organisation first (the similar-context
ranking), applied with success elsewhere first among equals; only what the reader may read,
and only the people whose profiles the reader may see."""

from django.db import connection
from django.test import override_settings
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

import pytest

from assessments import opportunities
from home import site_tree as tree
from lessons.models import LessonPage
from lessons.vocabulary import Result
from tests.builders.accounts import make_user
from tests.builders.applications import apply
from tests.builders.assessments import add_unit, assessment, lead, make_organisation
from tests.builders.lessons import context, document
from tests.builders.network import make_member, make_profile
from tests.builders.plans import at_level

FAR = context(org="mental_health_trust", region="north_west", scale="national")


@pytest.fixture(scope="module")
def world(module_lessons, tmp_path_factory):
    module_lessons(
        at_level("alike", date="2024-01-01"),
        at_level("unlike", context=FAR, date="2025-06-01"),
        at_level("tied-plain", context=FAR, date="2025-05-01"),
        at_level("tied-worked", context=FAR, date="2023-01-01"),
        at_level("wrong-level", level=2),
        at_level("wrong-outcome", code="qiof-1", level=3),
        at_level("secret", visibility="members", network="board-leads"),
        at_level("draft", status="draft"),
    )
    worked = LessonPage.objects.get(slug="tied-worked")
    shown, hidden = make_user("shown@example.nhs.uk"), make_user("hidden@example.nhs.uk")
    make_profile(shown, display_name="Shown Applier")
    make_profile(hidden, visibility="private", display_name="Hidden Applier")
    for applier in (shown, hidden):
        application = apply(worked, applier, organisation_type="community_trust")
        application.record_result(applier, Result.WORKED)
    with override_settings(PRIVATE_MEDIA_ROOT=tmp_path_factory.mktemp("private")):
        riverside = make_organisation()
        directorate = add_unit(riverside)
        org_lead = lead(riverside, "lead@riverside.nhs.uk")
        closed = assessment(
            directorate, org_lead, codes=("qiof-1", "qiof-2"), levels=(4, 2), closed=True
        )
        draft = assessment(directorate, org_lead, codes=("qiof-2",), levels=(2,))
    return {"lead": org_lead, "closed": closed, "draft": draft}


def _slugs(found):
    return [item.lesson.slug for item in found]


def test_only_outcomes_below_4_and_lessons_at_their_next_level(world):
    [gap] = opportunities.for_assessment(world["closed"], world["lead"])
    assert gap.answer.dimension.code == "qiof-2"
    assert gap.level.number == 3
    found = opportunities.for_outcome(world["closed"], gap.answer, world["lead"], limit=10)
    assert set(_slugs(found)) == {"alike", "unlike", "tied-plain", "tied-worked"}


def test_the_most_alike_to_the_organisation_come_first(world):
    answer = world["closed"].answers.get(dimension__code="qiof-2")
    found = opportunities.for_outcome(world["closed"], answer, world["lead"], limit=10)
    assert found[0].lesson.slug == "alike"
    assert found[0].score > found[1].score
    assert "same organisation type: Acute trust" in found[0].why


def test_among_equally_alike_lessons_those_applied_with_success_come_first(world):
    answer = world["closed"].answers.get(dimension__code="qiof-2")
    found = opportunities.for_outcome(world["closed"], answer, world["lead"], limit=10)
    tied = [item for item in found if item.lesson.slug.startswith(("tied", "unlike"))]
    assert len({item.score for item in tied}) == 1  # equally alike
    assert _slugs(tied)[0] == "tied-worked"  # though the oldest
    assert tied[0].worked_elsewhere


def test_a_lesson_the_reader_may_not_read_is_never_offered(world, client):
    client.force_login(world["lead"])
    page = client.get(reverse("assessments:opportunities", args=[world["closed"].pk])).text
    assert "Alike" in page
    assert "Secret" not in page and "Draft" not in page
    make_member("board-leads", email=world["lead"].email)
    page = client.get(reverse("assessments:opportunities", args=[world["closed"].pk])).text
    assert "Secret" in page and "Draft" not in page


def test_appliers_are_named_only_where_the_reader_may_see_their_profile(world, client):
    client.force_login(world["lead"])
    page = client.get(reverse("assessments:opportunities", args=[world["closed"].pk])).text
    assert "Applied by" in page and "Shown Applier" in page
    assert "Hidden Applier" not in page
    assert "Applied with success elsewhere" in page


def test_a_draft_has_no_development_opportunities(world, client):
    client.force_login(world["lead"])
    url = reverse("assessments:opportunities", args=[world["draft"].pk])
    assert client.get(url).status_code == 404
    assert opportunities.for_assessment(world["draft"], world["lead"]) == []


def test_the_organisation_context_is_the_readers_context(world):
    answer = world["closed"].answers.get(dimension__code="qiof-2")
    context_ = opportunities.context_of(world["closed"], answer)
    assert (context_.organisation_type, context_.region, context_.scale) == (
        "acute_trust",
        "south_west",
        "department",
    )
    assert (context_.dimension.code, context_.level) == ("qiof-2", 2)


def test_the_page_costs_the_same_whatever_the_number_of_lessons(world, client):
    """20 queries: signing in and the read rule (6), the answers (5), then for each outcome
    below 4 whether its lessons are few enough to score all (lessons/candidates.py), its
    ranking, its lessons' team members and maturity links and which were applied with success
    (5, here one outcome), the authors and appliers (3), the rest of the page (1; the header's
    links are kept per process, core/routing.py).
    More lessons, more applications: no more queries (once routing has read the changed page
    tree again, which it does on the first request after any page is published)."""
    client.force_login(world["lead"])
    url = reverse("assessments:opportunities", args=[world["closed"].pk])
    client.get(url)
    with CaptureQueriesContext(connection) as before:
        client.get(url)
    tree.import_lessons(document(at_level("one-more"), at_level("and-another", context=FAR)))
    more = LessonPage.objects.get(slug="one-more")
    third = make_user("third@example.nhs.uk")
    apply(more, third).record_result(third, Result.WORKED)
    client.get(url)
    with CaptureQueriesContext(connection) as after:
        page = client.get(url)
    assert "One more" in page.text
    assert len(before) == len(after) == 20
