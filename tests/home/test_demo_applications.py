"""The demo content shows lessons applied elsewhere, some learned, without emailing anyone."""

from django.core import mail

from home import demo_content
from lessons.models import Application, LessonPage


def test_the_demo_applies_lessons_through_the_transitions_once(
    db, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        demo_content.load("a-long-demo-password-1")
        demo_content.load("a-long-demo-password-1")  # safe to repeat
    listed = demo_content.read("applications.json")["applications"]
    assert Application.objects.count() == len(listed) >= 6
    assert all(application.applier_id for application in Application.objects.all())
    assert {a.result for a in Application.objects.all()} >= {"worked", "partly", "did_not_work"}
    assert LessonPage.objects.learned().count() >= 3
    most_applied = list(LessonPage.objects.most_applied().values_list("slug", flat=True))
    assert len(most_applied) >= 5
    assert mail.outbox == []  # old applications: no one is told about them now
