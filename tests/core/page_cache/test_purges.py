"""Each registered dependency purges the kept copies of the pages that show it
(core/page_cache.py; each app's cache_dependencies.py): a visitor's page is kept, the thing
changes, and the next visitor's page is built afresh with the change."""

import datetime

from django.test import Client

from wagtail.contrib.search_promotions.models import Query, SearchPromotion

import pytest
from taggit.models import Tag

from campaigns.cache_dependencies import PLEDGES
from campaigns.models import CaseStudyNomination, KeyMessage, MonthlyPick, Signature
from core import page_cache
from core.models import ThesaurusEntry
from lessons.models import Application, CoAuthor, EvidenceFile, LessonPage, UsefulMark
from maturity.models import Dimension, Framework, Level
from network import models as network_models
from network.models import Membership, NetworkPage, NetworkReview, OutcomeMeasure, ReviewScore
from search.models import AnswerProposal, LessonRequest
from search.unanswered import ask
from tests.builders.accounts import make_site_editor
from tests.builders.campaigns import add_campaign, confirmed_signature
from tests.builders.lessons import applied, lesson
from tests.builders.network import make_member, make_profile
from tests.builders.themes import add_theme

pytestmark = pytest.mark.django_db
TESTED = set()  # the registered models these tests change, checked against the registry


@pytest.fixture(autouse=True)
def caching(settings):
    settings.PAGE_CACHE_SECONDS = 600


@pytest.fixture
def site(import_lessons):
    import_lessons(lesson(kind="case_study"))
    huddles = LessonPage.objects.get(slug="discharge-huddles")
    network = NetworkPage.objects.get(slug="south-west-km")
    member = make_member("south-west-km", "member@example.nhs.uk")
    return {"lesson": huddles, "network": network, "member": member, "home": "/"}


def served(url):
    return Client().get(url)


def kept_then_purged(url, change, *models):
    """The page is kept, `change()` runs, and the next visitor's page is built afresh."""
    TESTED.update(models)
    assert served(url)["X-Page-Cache"] in ("miss", "hit")
    assert served(url)["X-Page-Cache"] == "hit", f"{url} was not kept"
    change()
    response = served(url)
    assert response["X-Page-Cache"] == "miss", f"{url} was not purged"
    return response.content.decode()


def test_an_application_purges_most_applied_on_home_and_the_lessons_page(site):
    lesson_url = site["lesson"].url
    served(lesson_url)
    html = kept_then_purged("/", lambda: applied("discharge-huddles"), Application)
    assert "Applied in 1 place" in html and "Most applied" in html
    assert "Applied in 1 place" in served(lesson_url).content.decode()


def test_a_useful_mark_purges_the_lessons_page(site):
    kept_then_purged(
        site["lesson"].url,
        lambda: UsefulMark.objects.create(lesson=site["lesson"], user=site["member"]),
        UsefulMark,
    )


def test_a_co_author_purges_the_lessons_byline(site):
    make_profile(site["member"], display_name="Asha Co-Author")
    html = kept_then_purged(
        site["lesson"].url,
        lambda: CoAuthor.objects.create(lesson=site["lesson"], user=site["member"]),
        CoAuthor,
    )
    assert "Asha Co-Author" in html


def test_an_evidence_file_purges_the_lessons_page(site):
    kept_then_purged(
        site["lesson"].url,
        lambda: EvidenceFile.objects.create(
            lesson=site["lesson"], title="Audit", file="evidence/audit.pdf"
        ),
        EvidenceFile,
    )


def test_a_profile_renamed_purges_the_network_page(site):
    profile = make_profile(site["member"], display_name="Before")

    def rename():
        profile.display_name = "After Renaming"
        profile.save()

    kept_then_purged(site["network"].url, rename, network_models.Profile)


@pytest.mark.parametrize("through", ["ProfileSpecialism", "ProfileTopic", "ProfileTraining"])
def test_a_profiles_tags_purge_the_pages_that_show_people(site, through):
    model = getattr(network_models, through)
    profile = make_profile(site["member"])
    kept_then_purged(
        site["network"].url,
        lambda: model.objects.create(content_object=profile, tag=Tag.objects.create(name="qi")),
        model,
    )


def test_a_membership_purges_the_network_page(site):
    kept_then_purged(
        site["network"].url,
        lambda: make_member("south-west-km", "new@example.nhs.uk"),
        Membership,
    )


def test_a_network_review_its_scores_and_measures_purge_the_network_page(site):
    network = site["network"]
    review = NetworkReview.objects.create(network=network, date=datetime.date(2026, 6, 1))
    score = lambda: ReviewScore.objects.create(  # noqa: E731
        review=review,
        dimension=Dimension.objects.get(code="nmm-purpose"),
        current_level=2,
        target_level=3,
    )
    measure = lambda: OutcomeMeasure.objects.create(  # noqa: E731
        review=review, name="active members", value=40, date=review.date
    )
    kept_then_purged(network.url, review.save, NetworkReview)
    kept_then_purged(network.url, score, ReviewScore)
    kept_then_purged(network.url, measure, OutcomeMeasure)


def test_a_lesson_asked_for_purges_the_network_page(site):
    facilitator = make_member("south-west-km", "lead@example.nhs.uk", role="facilitator")
    html = kept_then_purged(
        site["network"].url,
        lambda: ask(site["network"], "falls in care homes", facilitator),
        LessonRequest,
    )
    assert "falls in care homes" in html


def test_a_thesaurus_entry_purges_kept_search_pages(site):
    url = "/search/?q=standup"
    assert "/discharge-huddles/" not in served(url).content.decode()
    html = kept_then_purged(
        url,
        lambda: ThesaurusEntry.objects.create(terms="standup, huddles", source="a network"),
        ThesaurusEntry,
    )
    assert "/discharge-huddles/" in html


def test_an_editors_pick_and_its_query_purge_kept_search_pages(site):
    url = "/search/?q=flow"
    query = Query.get("flow")
    pick = lambda: SearchPromotion.objects.create(  # noqa: E731
        query=query,
        external_link_url="https://www.england.nhs.uk/",
        external_link_text="NHS England on flow",
        sort_order=1,
    )
    assert "NHS England on flow" in kept_then_purged(url, pick, SearchPromotion)
    kept_then_purged(url, query.save, Query)


def test_an_answer_proposal_purges_kept_search_pages(site):
    kept_then_purged(
        "/search/?q=flow",
        lambda: AnswerProposal.objects.create(
            network=site["network"], query="flow", answer="synonym", terms="patient flow"
        ),
        AnswerProposal,
    )


def test_the_months_pick_purges_the_home_page(site):
    editor = make_site_editor()
    html = kept_then_purged(
        "/",
        lambda: MonthlyPick.pick(editor, site["lesson"], datetime.date.today()),
        MonthlyPick,
    )
    assert "Daily discharge huddles" in html


def test_a_nomination_and_a_key_message_purge_the_impact_pages(site):
    facilitator = make_member("south-west-km", "lead@example.nhs.uk", role="facilitator")
    nominate = lambda: CaseStudyNomination.nominate(  # noqa: E731
        facilitator, site["lesson"], datetime.date.today()
    )
    message = lambda: KeyMessage.objects.create(  # noqa: E731
        number=99, text="Evidence saves time.", source_title="A survey"
    )
    kept_then_purged("/impact/showcase/", nominate, CaseStudyNomination)
    assert "Evidence saves time." in kept_then_purged("/impact/", message, KeyMessage)


def test_a_signature_purges_what_shows_the_pledges_count(site):
    # The campaign page carries the pledge form (a CSRF token sets a cookie), so it is never
    # kept whole today; its count is declared so that it is purged once it is.
    campaign = add_campaign()
    response = served(campaign.url)
    assert "X-Page-Cache" not in response and response.cookies
    before = page_cache.versions([PLEDGES])
    confirmed_signature(campaign)
    assert page_cache.versions([PLEDGES]) != before
    TESTED.add(Signature)


@pytest.mark.parametrize("model", [Framework, Dimension, Level])
def test_a_maturity_frameworks_parts_purge_the_lesson_pages_that_name_them(site, model):
    kept_then_purged(site["lesson"].url, model.objects.first().save, model)


def test_a_theme_renamed_purges_its_lessons_pages(site):
    theme = add_theme("huddles", "Huddles", tags=["huddles"], picks=[(site["lesson"], "")])

    def rename():
        theme.title = "Safety huddles"
        theme.save_revision().publish()

    assert "Safety huddles" in kept_then_purged(site["lesson"].url, rename)


def test_a_lesson_unpublished_moved_or_deleted_purges_the_pages_that_list_it(site):
    other = LessonPage.objects.get(slug="discharge-huddles")
    kept_then_purged("/lessons/", other.unpublish)
    other.save_revision().publish()
    kept_then_purged("/lessons/", other.delete)


def test_every_registered_dependency_has_a_purge_test_above():
    # Run last in the module (pytest keeps the order of definition without xdist).
    if not TESTED:
        pytest.skip("run with the tests above")
    assert set(page_cache.registered()) <= TESTED, set(page_cache.registered()) - TESTED
