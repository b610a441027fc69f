"""Comments on lessons: shown under the lesson to whoever may read it (anonymous readers of a
public lesson too), never to anyone else; the authors and co-authors are told, naming the
commenter by the profile rule; moderators hide a comment with a reason its author sees, and
its replies go with it."""

from django.core import mail

import pytest

from following.models import NotificationPreference
from lessons.models import CoAuthor, LessonPage
from questions import posting
from questions.models import Comment
from tests.builders.accounts import make_site_editor, make_user
from tests.builders.lessons import lesson
from tests.builders.network import make_member, make_profile


@pytest.fixture(scope="module")
def built(module_lessons):
    """Built once for the module: what a test writes (comments, people) is undone after it
    (module_db)."""
    module_lessons(
        lesson(),
        lesson(slug="board-only", title="Board only", visibility="members", network="board-leads"),
        lesson(slug="site-wide", title="Site wide"),
    )
    LessonPage.objects.filter(slug="site-wide").update(network=None)
    author = make_member("south-west-km", "author@example.nhs.uk")
    co_author = make_user("co.author@example.nhs.uk")
    for found in LessonPage.objects.all():
        found.owner = author
        found.save(update_fields=["owner"])
        CoAuthor.objects.create(lesson=found, user=co_author)


@pytest.fixture
def lessons(built):
    """The lessons read afresh for each test."""
    return {page.slug: page for page in LessonPage.objects.all()}


def test_a_comment_on_a_public_lesson_is_shown_to_anonymous_readers(lessons, client):
    commenter = make_member("south-west-km", "commenter@example.nhs.uk")
    make_profile(commenter, display_name="Cara Commenter")
    posting.comment(lessons["discharge-huddles"], commenter, "Did the consultants come?")
    html = client.get("/lessons/discharge-huddles/").content.decode()
    assert "Did the consultants come?" in html
    assert "Cara Commenter" in html
    assert "Sign in</a> to comment" in html


def test_a_comment_on_a_members_only_lesson_is_shown_to_no_one_outside(lessons, client):
    member = make_member("board-leads", "board.member@example.nhs.uk")
    posting.comment(lessons["board-only"], member, "Board secret comment")
    client.force_login(make_user("outsider@example.nhs.uk"))
    assert client.get("/lessons/board-only/").status_code == 404
    answered = client.post(f"/questions/comments/lesson/{lessons['board-only'].pk}/", {"body": "x"})
    assert answered.status_code == 404
    assert not Comment.objects.filter(body="x").exists()
    client.force_login(member)
    assert "Board secret comment" in client.get("/lessons/board-only/").content.decode()


def test_authors_and_co_authors_are_told_naming_the_commenter_as_they_may_see_them(
    lessons, client, django_capture_on_commit_callbacks
):
    commenter = make_member("south-west-km", "commenter@example.nhs.uk")
    make_profile(commenter, display_name="Cara Commenter", visibility="private")
    client.force_login(commenter)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            f"/questions/comments/lesson/{lessons['discharge-huddles'].pk}/",
            {"body": "How long did it take?"},
        )
    assert response.status_code == 302
    assert sorted(m.to[0] for m in mail.outbox) == [
        "author@example.nhs.uk",
        "co.author@example.nhs.uk",
    ]
    for message in mail.outbox:
        assert "Cara Commenter" not in message.body
        assert "A member of South West KM Network commented" in message.body
        assert "How long did it take?" in message.body


def test_an_author_who_wants_no_emails_is_not_emailed(lessons, django_capture_on_commit_callbacks):
    NotificationPreference.choose(lessons["discharge-huddles"].owner, "none")
    with django_capture_on_commit_callbacks(execute=True):
        posting.comment(lessons["discharge-huddles"], make_user("c@example.nhs.uk"), "Hello")
    assert [m.to[0] for m in mail.outbox] == ["co.author@example.nhs.uk"]
    assert "A member of this site commented" in mail.outbox[0].body


def test_a_hidden_comment_hides_its_replies_and_its_author_sees_why(lessons, client):
    huddles = lessons["discharge-huddles"]
    commenter = make_user("commenter@example.nhs.uk")
    comment = posting.comment(huddles, commenter, "Buy cheap pills")
    posting.comment(huddles, huddles.owner, "A reply to the spam", parent=comment)
    facilitator = make_member("south-west-km", "fay@example.nhs.uk", role="facilitator")
    client.force_login(facilitator)
    response = client.post(f"/questions/comment/{comment.pk}/hide/", {"reason": "Spam"})
    assert response.status_code == 302
    anonymous = client.__class__().get("/lessons/discharge-huddles/").content.decode()
    assert "Buy cheap pills" not in anonymous
    assert "A reply to the spam" not in anonymous
    client.force_login(commenter)
    own = client.get("/lessons/discharge-huddles/").content.decode()
    assert "Buy cheap pills" in own and "The reason given: Spam" in own
    client.force_login(facilitator)
    client.post(f"/questions/comment/{comment.pk}/restore/")
    again = client.__class__().get("/lessons/discharge-huddles/").content.decode()
    assert "Buy cheap pills" in again and "A reply to the spam" in again


def test_comments_on_lessons_without_a_network_are_moderated_by_site_editors(lessons, client):
    comment = posting.comment(lessons["site-wide"], make_user("c@example.nhs.uk"), "Hmm")
    client.force_login(make_member("south-west-km", "fay@example.nhs.uk", role="facilitator"))
    assert client.post(f"/questions/comment/{comment.pk}/hide/", {"reason": "x"}).status_code == 403
    client.force_login(make_site_editor())
    assert client.post(f"/questions/comment/{comment.pk}/hide/", {"reason": "x"}).status_code == 302
    comment.refresh_from_db()
    assert comment.is_hidden and comment.hidden_reason == "x"


def test_a_reply_shows_under_the_comment_it_answers(lessons, client):
    huddles = lessons["discharge-huddles"]
    comment = posting.comment(huddles, make_user("c@example.nhs.uk"), "Which wards?")
    client.force_login(huddles.owner)
    page = client.get(huddles.url).content.decode()
    assert f'<label class="nhsuk-label" for="reply-{comment.pk}">' in page
    response = client.post(
        f"/questions/comments/lesson/{huddles.pk}/",
        {"body": "Two medical wards.", "parent": comment.pk},
    )
    reply = Comment.objects.get(parent=comment)
    assert response["Location"].endswith(f"#comment-{reply.pk}")
    html = client.__class__().get(huddles.url).content.decode()
    assert html.index("Which wards?") < html.index("Two medical wards.")
