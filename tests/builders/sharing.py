"""Sharing a lesson through the guided form: the people of the permission matrix, and lessons in the
states the guided form leaves them."""

from django.core import mail
from django.urls import reverse

from accounts.models import User
from lessons.models import LessonPage, TeamMember
from lessons.moderation.workflow import submit_for_review
from lessons.sharing import rules as sharing
from network.models import NetworkPage
from tests.builders.accounts import PASSWORD, make_user
from tests.builders.network import make_member

PEOPLE = ("non_member", "member", "facilitator", "other_facilitator", "editor")


def people():
    """Everyone the permission matrix asks about, besides the champion and the anonymous."""
    unverified = User.objects.create_user(email="unverified@example.nhs.uk", password=PASSWORD)
    return {
        "champion": make_member("south-west-km", "champion@example.nhs.uk"),
        "member": make_member("south-west-km", "member@example.nhs.uk"),
        "facilitator": make_member(
            "south-west-km", "facilitator@example.nhs.uk", role="facilitator"
        ),
        "other_facilitator": make_member(
            "board-leads", "other-lead@example.nhs.uk", role="facilitator"
        ),
        "non_member": make_user("outsider@example.nhs.uk"),
        "editor": make_user("editor@example.nhs.uk", is_superuser=True, is_staff=True),
        "unverified": unverified,
    }


FACTOR = {
    "type": "barrier",
    "statement": "Pharmacy delays",
    "whys": ["Medicines to take home were late", "One pharmacist covered two sites"],
    "root_cause": "Pharmacy was staffed for the old discharge times.",
    "actions": ["Asked pharmacy to join the huddle on Mondays"],
}


def shared(champion, title="Protected time for evidence huddles", factor=True, **fields):
    """A lesson started in the form, with one barrier (the short path) unless factor=False."""
    lesson = sharing.start(
        champion,
        kind=fields.pop("kind", "lesson"),
        title=title,
        summary=fields.pop("summary", "Fifteen protected minutes made the huddle a habit."),
        network=_network(fields.pop("network", "south-west-km")),
    )
    draft = sharing.current_version(lesson)
    if factor:
        draft.factors = [{"type": "factor", "value": FACTOR}]
    for name, value in fields.items():
        setattr(draft, name, value)
    sharing.save_draft(lesson, draft, champion)
    return LessonPage.objects.get(pk=lesson.pk)


def _network(slug):
    return NetworkPage.objects.get(slug=slug) if slug else None


def in_review(champion, capture, **kwargs):
    lesson = shared(champion, **kwargs)
    with capture(execute=True):
        submit_for_review(lesson, champion)
    return LessonPage.objects.get(pk=lesson.pk)


def approve(lesson, reviewer):
    state = lesson.current_workflow_state.current_task_state
    state.task.specific.on_action(state, reviewer, "approve")
    return LessonPage.objects.get(pk=lesson.pk)


def url(name, lesson, *args):
    return reverse(f"lessons:{name}", args=[lesson.pk, *args])


def step(lesson, slug):
    return url("share_step", lesson, slug)


def latest(lesson):
    """The lesson as its latest revision has it, read afresh."""
    return LessonPage.objects.get(pk=lesson.pk).get_latest_revision_as_object()


SECOND_FACTOR = {
    "type": "success_factor",
    "statement": "Protected time",
    "whys": ["The ward manager kept fifteen minutes free", "The matron asked for it"],
    "root_cause": "Time for evidence had no owner.",
    "actions": [],
}


def with_two_of_each():
    """Fields for shared(): two factors, two team members, two evidence links."""
    return {
        "factors": [
            {"type": "factor", "value": FACTOR},
            {"type": "factor", "value": SECOND_FACTOR},
        ],
        "team_members": [
            TeamMember(role="Ward sister", years_experience=12),
            TeamMember(role="Pharmacist", years_experience=4),
        ],
        "evidence": [
            {"type": "link", "value": {"title": "Audit", "url": "https://example.org/audit"}},
            {"type": "link", "value": {"title": "Survey", "url": "https://example.org/survey"}},
        ],
    }


def resubmitted_with_three_changes(champion, lesson):
    """The champion of a lesson sent back for changes changes one why of its second factor,
    the second team member's years and the second evidence link's address, and sends it
    again (call inside django_capture_on_commit_callbacks(execute=True) to send its emails)."""
    draft = sharing.current_version(lesson)
    factors = list(draft.factors.raw_data)
    whys = factors[1]["value"]["whys"]
    changed = "The matron asked for it at the safety huddle"
    if isinstance(whys[1], dict):
        whys[1]["value"] = changed
    else:
        whys[1] = changed
    draft.factors = factors
    members = list(draft.team_members.all())
    members[1].years_experience = 9
    draft.team_members = members
    evidence = list(draft.evidence.raw_data)
    evidence[1]["value"]["url"] = "https://example.org/survey-2025"
    draft.evidence = evidence
    sharing.save_draft(lesson, draft, champion)
    mail.outbox.clear()
    submit_for_review(lesson, champion)
    return LessonPage.objects.get(pk=lesson.pk)
