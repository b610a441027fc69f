"""An import tells immediate followers about its new lessons in a few tasks (one per batch of
lessons), not one per lesson, and each follower gets the same emails as when each lesson is
published on its own."""

from django.contrib.contenttypes.models import ContentType
from django.core import mail
from django.db import transaction
from django.tasks.signals import task_enqueued

from following import tasks
from following.models import Follow, NotificationPreference
from home import site_tree
from lessons.models import LessonPage
from tests.builders.lessons import document, lesson

NEW_LESSONS = [
    lesson(slug="theme-huddles", title="Theme huddles", themes=["huddles"]),
    lesson(slug="sw-rounds", title="South West rounds", network="south-west-km"),
    lesson(
        slug="board-only",
        title="A members-only huddle",
        visibility="members",
        network="board-leads",
        themes=["huddles"],
    ),
    lesson(slug="unfollowed", title="Nothing followed", themes=["estates"]),
    lesson(slug="later-draft", title="A draft huddle", status="draft", themes=["huddles"]),
]


def subscribe(member, frequency, **follows):
    NotificationPreference.objects.create(member=member, frequency=frequency)
    for target in follows.values():  # named by kind, for the reader
        Follow.objects.create(follower=member, target=target)


def sent():
    return [(message.to, message.subject, message.body) for message in mail.outbox]


def importing(capture, each):
    """Import a document; returns the tasks enqueued once it commits (their names)."""
    names = []

    def note(sender, task_result, **kwargs):
        names.append(task_result.task.name)

    task_enqueued.connect(note)
    try:
        with capture(execute=True):
            site_tree.import_lessons(each)
    finally:
        task_enqueued.disconnect(note)
    return names


def test_followers_get_the_same_emails_from_one_import_as_from_a_task_per_lesson(
    site, django_capture_on_commit_callbacks
):
    subscribe(site["reader"], "immediate", theme=site["theme"], network=site["south_west"])
    subscribe(site["board_member"], "immediate", theme=site["theme"])
    with django_capture_on_commit_callbacks() as after_the_import:
        site_tree.import_lessons(document(*NEW_LESSONS))
    published = [
        LessonPage.objects.get(slug=each["slug"])
        for each in NEW_LESSONS
        if each.get("status") != "draft"
    ]
    content_type = ContentType.objects.get_for_model(LessonPage)
    with transaction.atomic():  # what a task per lesson sends, then forgotten
        for page in published:
            tasks.tell_immediate_followers.call(content_type.pk, page.pk)
        one_task_per_lesson = sent()
        transaction.set_rollback(True)
    mail.outbox.clear()

    for callback in after_the_import:
        callback()

    assert sent() == one_task_per_lesson
    reader, board_member = [site["reader"].email], [site["board_member"].email]
    # The builder's lessons are in the South West network and the theme "huddles" unless told.
    assert [(to, subject) for to, subject, _ in sent()] == [
        (board_member, "New lesson: Theme huddles"),
        (reader, "New lesson: Theme huddles"),
        (board_member, "New lesson: South West rounds"),
        (reader, "New lesson: South West rounds"),
        (board_member, "New lesson: A members-only huddle"),  # the reader may not read it
        (reader, "New lesson: Nothing followed"),  # by its network
    ]


def test_an_import_enqueues_one_announcement_per_batch_of_lessons(
    site, django_capture_on_commit_callbacks
):
    many = [lesson(slug=f"many-{n}", title=f"Many {n}") for n in range(501)]
    names = importing(django_capture_on_commit_callbacks, document(*many))
    # following.tasks.TOGETHER_BATCH lessons a task
    assert len([name for name in names if name.startswith("tell_immediate_followers")]) == 2
