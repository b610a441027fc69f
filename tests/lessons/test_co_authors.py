"""Co-authors: the champion adds fellow members; co-authors open, change and submit the draft
like its champion, are told what reviewers decide, are named on the lesson where their profile
may be seen, and never review it. One rule (authored_by / is_author), tested equal."""

from django.contrib.auth.models import AnonymousUser
from django.core import mail
from django.urls import reverse

import pytest

from lessons.models import CoAuthor, LessonPage
from lessons.moderation.workflow import Status, status_of, submit_for_review
from lessons.sharing import rules as sharing
from tests.builders.lessons import lesson
from tests.builders.network import make_member, make_profile
from tests.builders.pages import errors_in, text_of
from tests.builders.sharing import approve, people, shared


@pytest.fixture
def world(import_lessons):
    import_lessons(lesson())
    everyone = people()
    everyone["co_author"] = make_member("south-west-km", "co-author@example.nhs.uk")
    everyone["anonymous"] = AnonymousUser()
    draft = shared(everyone["champion"], title="Huddles written together")
    CoAuthor.objects.create(lesson=draft, user=everyone["co_author"])
    return {"people": everyone, "draft": draft}


def add_url(page):
    return reverse("lessons:share_co_authors", args=[page.pk])


AUTHORS = {"champion", "co_author"}


@pytest.mark.parametrize(
    "kind", ["champion", "co_author", "member", "facilitator", "non_member", "anonymous"]
)
def test_who_wrote_a_lesson_is_one_rule_for_a_queryset_and_one_lesson(world, kind):
    person, draft = world["people"][kind], world["draft"]
    authored = set(LessonPage.objects.authored_by(person).values_list("pk", flat=True))
    assert (draft.pk in authored) is (kind in AUTHORS)
    assert draft.is_author(person) is (kind in AUTHORS)


def test_the_champion_adds_a_fellow_member_and_is_refused_anyone_else_in_words(client, world):
    champion = world["people"]["champion"]
    page = shared(champion, title="Board huddles")
    client.force_login(champion)
    assert client.get(add_url(page)).status_code == 200
    for email in ("outsider@example.nhs.uk", "nobody@example.nhs.uk", "champion@example.nhs.uk"):
        response = client.post(add_url(page), {"email": email})
        assert response.status_code == 400
        assert errors_in(response) == [
            "Enter the email address of a member of your networks who is not already an author"
        ]
    assert client.post(add_url(page), {"email": "Member@example.nhs.uk"}).status_code == 302
    assert [u.email for u in page.co_authors()] == ["member@example.nhs.uk"]


def test_a_members_only_lessons_co_authors_are_members_of_its_network(client, world):
    champion = world["people"]["champion"]
    make_member("board-leads", "champion@example.nhs.uk")
    board_only = make_member("board-leads", "board@example.nhs.uk")
    page = shared(champion, title="Board huddles", network="board-leads", visibility="members")
    client.force_login(champion)
    response = client.post(add_url(page), {"email": "member@example.nhs.uk"})  # south west only
    assert "a member of Board Evidence Leads" in errors_in(response)[0]
    assert client.post(add_url(page), {"email": board_only.email}).status_code == 302


def test_only_the_champion_adds_co_authors(client, world):
    client.force_login(world["people"]["co_author"])
    assert client.get(add_url(world["draft"])).status_code == 404
    client.force_login(world["people"]["member"])
    assert client.get(add_url(world["draft"])).status_code == 404


def test_a_co_author_opens_changes_and_submits_the_draft(client, world):
    co_author, draft = world["people"]["co_author"], world["draft"]
    client.force_login(co_author)
    assert client.get(reverse("lessons:share_check", args=[draft.pk])).status_code == 200
    assert "Huddles written together" in text_of(client.get(reverse("lessons:my_lessons")))
    version = sharing.current_version(draft)
    version.summary = "Changed by the co-author."
    sharing.save_draft(draft, version, co_author)
    submit_for_review(LessonPage.objects.get(pk=draft.pk), co_author)
    assert status_of(LessonPage.objects.get(pk=draft.pk))[0] == Status.IN_REVIEW


def test_a_co_author_never_reviews_and_both_authors_are_told_the_decision(
    world, django_capture_on_commit_callbacks
):
    everyone = world["people"]
    lead = everyone["facilitator"]
    page = shared(lead, title="Huddles the lead wrote with a colleague")
    CoAuthor.objects.create(lesson=page, user=everyone["other_facilitator"])
    make_member("south-west-km", "other-lead@example.nhs.uk", role="facilitator")
    with django_capture_on_commit_callbacks(execute=True):
        submit_for_review(page, lead)
    page = LessonPage.objects.get(pk=page.pk)
    other = everyone["other_facilitator"]
    assert not page.is_reviewable_by(other)
    assert page.pk not in LessonPage.objects.reviewable_by(other).values_list("pk", flat=True)
    assert page.pk not in LessonPage.objects.awaiting_review_by(other).values_list("pk", flat=True)
    assert other not in page.reviewers()
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        approve(page, everyone["editor"])
    assert sorted(m.to[0] for m in mail.outbox) == [
        "facilitator@example.nhs.uk",
        "other-lead@example.nhs.uk",
    ]


def test_co_authors_are_named_on_the_lesson_only_where_their_profile_may_be_seen(
    client, world, django_capture_on_commit_callbacks
):
    everyone = world["people"]
    make_profile(everyone["champion"], display_name="Chris Champion")
    make_profile(everyone["co_author"], display_name="Casey Coauthor", visibility="members")
    with django_capture_on_commit_callbacks(execute=True):
        submit_for_review(world["draft"], everyone["champion"])
    page = approve(LessonPage.objects.get(pk=world["draft"].pk), everyone["editor"])
    assert "Casey Coauthor" not in text_of(client.get(page.url))  # anonymous
    client.force_login(everyone["member"])
    assert "With Casey Coauthor" in text_of(client.get(page.url))
