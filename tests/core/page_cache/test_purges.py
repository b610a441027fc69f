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
from questions import models as questions
from questions import posting
from search.models import AnswerProposal, LessonRequest
from search.unanswered import ask
from tests.builders.accounts import make_site_editor
from tests.builders.campaigns import add_campaign, confirmed_signature
from tests.builders.lessons import applied, lesson
from tests.builders.network import make_member, make_profile
from tests.builders.questions import ask as ask_question
from tests.builders.themes import add_theme

pytestmark = pytest.mark.django_db
TESTED = set()  # the registered models a test below changes, checked against the registry


def purges(*models):
    """Marks a test as the purge test of these registered models (recorded at import, so the
    check below holds however the tests are spread over processes)."""

    def mark(test):
        TESTED.update(models)
        return test

    return mark


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
    assert set(models) <= TESTED, "mark the test with @purges(...)"
    assert served(url)["X-Page-Cache"] in ("miss", "hit")
    assert served(url)["X-Page-Cache"] == "hit", f"{url} was not kept"
    change()
    response = served(url)
    assert response["X-Page-Cache"] == "miss", f"{url} was not purged"
    return response.content.decode()


@purges(Application)
def test_an_application_purges_most_applied_on_home_and_the_lessons_page(site):
    lesson_url = site["lesson"].url
    served(lesson_url)
    html = kept_then_purged("/", lambda: applied("discharge-huddles"), Application)
    assert "Applied in 1 place" in html and "Most applied" in html
    assert "Applied in 1 place" in served(lesson_url).content.decode()


@purges(UsefulMark)
def test_a_useful_mark_purges_the_lessons_page(site):
    kept_then_purged(
        site["lesson"].url,
        lambda: UsefulMark.objects.create(lesson=site["lesson"], user=site["member"]),
        UsefulMark,
    )


@purges(CoAuthor)
def test_a_co_author_purges_the_lessons_byline(site):
    make_profile(site["member"], display_name="Asha Co-Author")
    html = kept_then_purged(
        site["lesson"].url,
        lambda: CoAuthor.objects.create(lesson=site["lesson"], user=site["member"]),
        CoAuthor,
    )
    assert "Asha Co-Author" in html


@purges(EvidenceFile)
def test_an_evidence_file_purges_the_lessons_page(site):
    kept_then_purged(
        site["lesson"].url,
        lambda: EvidenceFile.objects.create(
            lesson=site["lesson"], title="Audit", file="evidence/audit.pdf"
        ),
        EvidenceFile,
    )


@purges(network_models.Profile)
def test_a_profile_renamed_purges_the_network_page(site):
    profile = make_profile(site["member"], display_name="Before")

    def rename():
        profile.display_name = "After Renaming"
        profile.save()

    kept_then_purged(site["network"].url, rename, network_models.Profile)


@purges(
    network_models.ProfileSpecialism, network_models.ProfileTopic, network_models.ProfileTraining
)
@pytest.mark.parametrize("through", ["ProfileSpecialism", "ProfileTopic", "ProfileTraining"])
def test_a_profiles_tags_purge_the_pages_that_show_people(site, through):
    model = getattr(network_models, through)
    profile = make_profile(site["member"])
    kept_then_purged(
        site["network"].url,
        lambda: model.objects.create(content_object=profile, tag=Tag.objects.create(name="qi")),
        model,
    )


@purges(Membership)
def test_a_membership_purges_the_network_page(site):
    kept_then_purged(
        site["network"].url,
        lambda: make_member("south-west-km", "new@example.nhs.uk"),
        Membership,
    )


@purges(NetworkReview, ReviewScore, OutcomeMeasure)
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


@purges(LessonRequest)
def test_a_lesson_asked_for_purges_the_network_page(site):
    facilitator = make_member("south-west-km", "lead@example.nhs.uk", role="facilitator")
    html = kept_then_purged(
        site["network"].url,
        lambda: ask(site["network"], "falls in care homes", facilitator),
        LessonRequest,
    )
    assert "falls in care homes" in html


@purges(ThesaurusEntry)
def test_a_thesaurus_entry_purges_kept_search_pages(site):
    url = "/search/?q=standup"
    assert "/discharge-huddles/" not in served(url).content.decode()
    html = kept_then_purged(
        url,
        lambda: ThesaurusEntry.objects.create(terms="standup, huddles", source="a network"),
        ThesaurusEntry,
    )
    assert "/discharge-huddles/" in html


@purges(SearchPromotion, Query)
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


@purges(AnswerProposal)
def test_an_answer_proposal_purges_kept_search_pages(site):
    kept_then_purged(
        "/search/?q=flow",
        lambda: AnswerProposal.objects.create(
            network=site["network"], query="flow", answer="synonym", terms="patient flow"
        ),
        AnswerProposal,
    )


@purges(MonthlyPick)
def test_the_months_pick_purges_the_home_page(site):
    editor = make_site_editor()
    html = kept_then_purged(
        "/",
        lambda: MonthlyPick.pick(editor, site["lesson"], datetime.date.today()),
        MonthlyPick,
    )
    assert "Daily discharge huddles" in html


@purges(CaseStudyNomination, KeyMessage)
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


@purges(Signature)
def test_a_signature_purges_what_shows_the_pledges_count(site):
    # The campaign page carries the pledge form (a CSRF token sets a cookie), so it is never
    # kept whole today; its count is declared so that it is purged once it is.
    campaign = add_campaign()
    response = served(campaign.url)
    assert "X-Page-Cache" not in response and response.cookies
    before = page_cache.versions([PLEDGES])
    confirmed_signature(campaign)
    assert page_cache.versions([PLEDGES]) != before


@purges(Framework, Dimension, Level)
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


@purges(questions.Question, questions.Answer, questions.UsefulMark)
def test_questions_answers_and_marks_purge_the_question_page_the_listing_and_the_network_page(site):
    asker = make_member("south-west-km", "asker@example.nhs.uk", role="facilitator")
    helper = make_member("south-west-km", "helper@example.nhs.uk")
    html = kept_then_purged(
        site["network"].url,
        lambda: ask_question(asker, title="Who runs huddles at weekends?"),
        questions.Question,
    )
    assert "Who runs huddles at weekends?" in html
    question = questions.Question.objects.get()
    page = f"/questions/{question.pk}/"
    reply = lambda: posting.answer(question, helper, "Our site manager does.")  # noqa: E731
    assert "Our site manager does." in kept_then_purged(page, reply, questions.Answer)
    answer = questions.Answer.objects.get()
    kept_then_purged(page, lambda: posting.mark_useful(answer, asker), questions.UsefulMark)
    hide = lambda: posting.hide(answer, asker, "Names a patient.")  # noqa: E731
    assert "Our site manager does." not in kept_then_purged(page, hide, questions.Answer)
    assert "Who runs huddles" in kept_then_purged(
        "/questions/", lambda: posting.restore(answer, asker), questions.Answer
    )


@purges(questions.Comment)
def test_a_comment_hidden_or_restored_purges_its_lessons_page(site):
    facilitator = make_member("south-west-km", "lead@example.nhs.uk", role="facilitator")
    post = lambda: posting.comment(site["lesson"], site["member"], "Who chaired them?")  # noqa: E731
    assert "Who chaired them?" in kept_then_purged(site["lesson"].url, post, questions.Comment)
    comment = questions.Comment.objects.get()
    hide = lambda: posting.hide(comment, facilitator, "Off topic.")  # noqa: E731
    assert "Who chaired them?" not in kept_then_purged(site["lesson"].url, hide, questions.Comment)


def test_every_registered_dependency_has_a_purge_test_above():
    assert set(page_cache.registered()) <= TESTED, set(page_cache.registered()) - TESTED
