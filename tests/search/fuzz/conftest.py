"""The site every fuzz case meets: a facilitator of both networks who has a draft lesson, one in
review, an application and a follow; staff for the admin. Built once for the module that holds
every case (test_every_case.py), in each pytest process."""

import datetime

from django.test import override_settings
from django.utils import timezone

import pytest

from assessments.models import Invitation, Lead, Participant
from campaigns.models import CampaignCaseStudy, Quote
from following.models import Follow, unsubscribe_token
from lessons.models import LessonPage
from lessons.moderation.workflow import submit_for_review
from lessons.sharing import rules as sharing
from maturity.models import Dimension
from network.models import JoinRequest, Membership, NetworkPage
from questions import posting
from search.models import AnswerProposal, LessonRequest, MemberSearch
from tests.builders.accounts import make_user
from tests.builders.assessments import add_unit, assessment, make_organisation, regional_lead
from tests.builders.campaigns import add_campaign, add_news, confirmed_signature
from tests.builders.fuzz_cases import APPLICATION
from tests.builders.lessons import lesson
from tests.builders.network import (
    add_child,
    add_event,
    make_profile,
    research_summary_page,
    resource_page,
)
from tests.builders.plans import after_closing
from tests.builders.rounds import published_and_open
from tests.builders.sharing import shared
from tests.builders.themes import add_theme


@pytest.fixture(autouse=True)
def no_rate_limits_in_the_way(settings):
    """Every hostile value reaches the code under test, not a rate limit (some are valid, and
    each valid application counts)."""
    settings.RATE_LIMITS = {name: "1000000/m/member" for name in settings.RATE_LIMITS}


@pytest.fixture(scope="module")
def site(module_lessons, tmp_path_factory):
    private_root = tmp_path_factory.mktemp("private")
    module_lessons(
        lesson(),
        lesson(
            slug="board-secret", title="Board evidence", visibility="members", network="board-leads"
        ),
    )
    public = NetworkPage.objects.get(slug="south-west-km")
    members_only = NetworkPage.objects.get(slug="board-leads")
    facilitator = make_user("fay@example.nhs.uk")
    Membership.objects.create(network=public, user=facilitator, role="facilitator")
    Membership.objects.create(network=members_only, user=facilitator, role="facilitator")
    profile = make_profile(facilitator, display_name="Fay Facilitator", job_role="Librarian")
    member = make_user("member@example.nhs.uk")
    Membership.objects.create(network=public, user=member)
    asker = make_user("asker@example.nhs.uk")
    join_request = JoinRequest.objects.create(network=members_only, user=asker)
    add_event(public, "webinar", "Webinar", days=7)
    add_child(public, resource_page("toolkit"))
    add_child(public, research_summary_page("summary"))
    huddles = LessonPage.objects.get(slug="discharge-huddles")
    add_theme("huddles", "Huddles", tags=["huddles"], picks=[(huddles, "")])
    Follow.start(facilitator, "network", members_only)
    application = huddles.record_application(
        facilitator,
        **{**APPLICATION, "team_years": 20, "applied_on": datetime.date(2026, 1, 15)},
        notify=False,
    )
    draft = shared(facilitator, title="A draft with every kind of answer")
    version = sharing.current_version(draft)
    sharing.link_maturity(version, Dimension.objects.get(code="qiof-2"), 2)
    sharing.link_lesson(version, huddles, "builds_on")
    sharing.save_draft(draft, version, facilitator)
    for searcher in ("a", "b", "c"):  # three members' searches that found nothing
        MemberSearch.objects.create(
            network=public,
            query="telepathy",
            day=timezone.localdate(),
            searcher=searcher,
            searches=1,
            without_results=1,
        )
    proposal = AnswerProposal.objects.create(
        network=public, query="telepathy", answer="words", terms="huddles"
    )
    ask = LessonRequest.objects.create(network=public, query="mind reading", asked_by=facilitator)
    in_review = shared(facilitator, title="A lesson sent for review")
    submit_for_review(in_review, facilitator)
    organisation = make_organisation()
    Lead.objects.create(organisation=organisation, user=facilitator)
    directorate = add_unit(organisation)
    with override_settings(PRIVATE_MEDIA_ROOT=private_root):
        running = assessment(directorate, facilitator, levels=(2,))
        closed = after_closing(directorate, facilitator, huddles)
    invitation = Invitation.send(
        organisation=organisation, email=member.email, role="lead", by=facilitator
    )
    campaign = add_campaign(milestones=[1, 1000])
    add_news(campaign, "launch", "The campaign launches")
    quote = Quote.objects.create(campaign=campaign, text="Evidence saves time.", name="Ada")
    CampaignCaseStudy.objects.create(campaign=campaign, lesson=huddles)
    signature = confirmed_signature(campaign, 0, wants_updates=True)
    withdrawn = confirmed_signature(campaign, 1)
    outsider = make_user("outsider@example.nhs.uk")
    question = posting.ask(facilitator, title="Huddles?", body="How?", network=public)
    answer = posting.answer(question, member, "Like this.")
    posting.mark_helpful(question, answer, facilitator)
    other_answer = posting.answer(question, outsider, "Or this.")
    comment = posting.comment(huddles, member, "Thank you.")
    return {
        "people": {
            "facilitator": facilitator,
            "member": member,
            "outsider": outsider,
            "staff": make_user("staff@example.nhs.uk", is_staff=True, is_superuser=True),
            "region_lead": regional_lead(organisation.region, "region-lead@example.nhs.uk"),
        },
        "ids": {
            "profile": profile.pk,
            "request": join_request.pk,
            "application": application.pk,
            "draft": draft.pk,
            "factor": sharing.current_version(draft).factors[0].id,
            "in_review": in_review.pk,
            "lesson": huddles.pk,
            "token": unsubscribe_token(facilitator),
            "lessons_index": huddles.get_parent().pk,
            "network": public.pk,
            "proposal": proposal.pk,
            "ask": ask.pk,
            "organisation": organisation.pk,
            "assessment": running.pk,
            "evidence": running.answers.get().files.get().pk,
            "invitation": invitation.token,
            "closed": closed.pk,
            "action": closed.action_plan.actions.get().pk,
            "participant": Participant.objects.create(unit=directorate, user=asker).pk,
            "signature": signature.token,
            "quote": quote.pk,
            "withdrawn": withdrawn.token,
            **published_and_open(organisation),
            "question": question.pk,
            "answer": answer.pk,
            "other_answer": other_answer.pk,
            "comment": comment.pk,
        },
    }
