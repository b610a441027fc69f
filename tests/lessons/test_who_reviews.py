"""Who reviews a lesson is one rule: who *may* review it (LessonPage.objects.reviewable_by and
lesson.is_reviewable_by) and who is *asked* to (awaiting_review_by and lesson.reviewers), each
in a queryset form and a form for one lesson that agree for every kind of person."""

from django.contrib.auth.models import AnonymousUser

import pytest

from home import site_tree as tree
from lessons.models import LessonPage, ReviewByNetworkTask, may_review
from lessons.moderation.workflow import reviewers_of, submit_for_review
from tests.builders.accounts import make_site_editor
from tests.builders.lessons import document, lesson
from tests.builders.network import make_member
from tests.builders.sharing import people, shared

KINDS = (
    "facilitator",
    "other_facilitator",
    "editor",
    "editor_facilitator",
    "champion",
    "member",
    "non_member",
    "inactive_facilitator",
    "anonymous",
)


@pytest.fixture(scope="module")
def world(module_db):
    tree.ensure_site_tree()
    tree.import_lessons(document(lesson()))
    everyone = people()
    everyone["editor"] = make_site_editor("site-editor@example.nhs.uk")
    everyone["editor_facilitator"] = make_site_editor("editor-lead@example.nhs.uk")
    inactive = make_member("south-west-km", "gone@example.nhs.uk", role="facilitator")
    inactive.is_active = False
    inactive.save()
    everyone["inactive_facilitator"] = inactive
    everyone["anonymous"] = AnonymousUser()
    champion, lead = everyone["champion"], everyone["other_facilitator"]

    def submitted(author, **fields):
        page = shared(author, **fields)
        submit_for_review(page, author)
        return LessonPage.objects.get(pk=page.pk)

    lessons = {
        "network": submitted(champion, title="Huddles in the south west"),
        "whole_site": submitted(champion, title="Huddles for everyone", network=None),
        # Board leads' only facilitator wrote this one.
        "only_facilitator_wrote_it": submitted(lead, title="Board huddles", network="board-leads"),
        "draft": shared(champion, title="Huddles not yet sent"),
    }
    # The editor who also facilitates the south west is asked as its facilitator.
    make_member("south-west-km", "editor-lead@example.nhs.uk", role="facilitator")
    return {"people": everyone, "lessons": lessons}


MAY = {
    "network": {"facilitator", "editor", "editor_facilitator"},
    "whole_site": {"editor", "editor_facilitator"},
    "only_facilitator_wrote_it": {"editor", "editor_facilitator"},
    "draft": set(),
}
ASKED = {
    "network": {"facilitator", "editor_facilitator"},
    "whole_site": {"editor", "editor_facilitator"},
    "only_facilitator_wrote_it": {"editor", "editor_facilitator"},
    "draft": set(),
}


@pytest.mark.parametrize("kind", KINDS)
def test_who_may_review_is_the_same_rule_for_a_queryset_and_one_lesson(world, kind):
    person = world["people"][kind]
    reviewable = set(LessonPage.objects.reviewable_by(person).values_list("pk", flat=True))
    for name, page in world["lessons"].items():
        expected = kind in MAY[name]
        assert (page.pk in reviewable) is expected, name
        assert page.is_reviewable_by(person) is expected, name
        assert may_review(page, person) is expected, name


@pytest.mark.parametrize("kind", KINDS)
def test_who_is_asked_to_review_is_the_same_rule_for_a_queryset_and_one_lesson(world, kind):
    person = world["people"][kind]
    awaiting = set(LessonPage.objects.awaiting_review_by(person).values_list("pk", flat=True))
    for name, page in world["lessons"].items():
        expected = kind in ASKED[name]
        assert (page.pk in awaiting) is expected, name
        if page.workflow_in_progress:
            asked = set(reviewers_of(page).values_list("pk", flat=True))
            assert (getattr(person, "pk", None) in asked) is expected, name


@pytest.mark.parametrize("kind", KINDS)
def test_everyone_asked_to_review_may_review(world, kind):
    person = world["people"][kind]
    awaiting = LessonPage.objects.awaiting_review_by(person)
    assert set(awaiting) <= set(LessonPage.objects.reviewable_by(person))


def test_a_site_editor_may_review_a_network_lesson_without_being_asked(world):
    editor, page = world["people"]["editor"], world["lessons"]["network"]
    assert page.is_reviewable_by(editor)
    assert editor not in reviewers_of(page)


@pytest.mark.parametrize("kind", KINDS)
def test_the_workflow_task_offers_its_actions_to_whom_the_rule_names(world, kind):
    person = world["people"][kind]
    for name, page in world["lessons"].items():
        if not page.workflow_in_progress:
            continue
        state = page.current_workflow_state.current_task_state
        task = state.task.specific
        assert isinstance(task, ReviewByNetworkTask)
        assert bool(task.get_actions(page, person)) is (kind in MAY[name]), name
        moderated = task.get_task_states_user_can_moderate(person)
        assert moderated.filter(pk=state.pk).exists() is (kind in MAY[name]), name


def test_a_facilitator_who_is_not_active_is_never_asked(world):
    gone = world["people"]["inactive_facilitator"]
    assert gone not in reviewers_of(world["lessons"]["network"])
