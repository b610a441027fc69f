"""Emails about lessons being applied, sent in the background once the change that causes
them is saved (emails about reviews are lessons/moderation/emails.py's).

Tasks take primary keys, not objects: they may run in another process (the production worker),
after the request has gone, and they check the read rules again when they run. Models are
looked up by name because the models enqueue these tasks.
"""

from django.apps import apps
from django.tasks import task

from core.addresses import absolute_url
from network.tasks import send_templated_email


@task()
def email_lesson_applied(application_id):
    """Tell the lesson's author and its network's facilitators that a team applied it: each
    only if they may read the lesson, and with the applier's name only if they may see the
    applier's profile."""
    application = _application(application_id)
    if application is None:
        return
    lesson = application.lesson
    recipients = {}
    for author in lesson.authors():
        recipients[author.pk] = (author, True)
    if lesson.network is not None:
        for membership in lesson.network.facilitator_memberships().select_related("user"):
            recipients.setdefault(membership.user.pk, (membership.user, False))
    recipients.pop(application.applier_id, None)  # they know: they did it

    profile_model = apps.get_model("network", "Profile")
    for recipient, is_author in recipients.values():
        if not lesson.is_readable_by(recipient):
            continue
        applier = (
            profile_model.objects.visible_to(recipient)
            .filter(user_id=application.applier_id)
            .first()
        )
        context = {
            "application": application,
            "lesson": lesson,
            "applier": applier,
            "is_author": is_author,
            "applications_url": absolute_url(lesson) + "#applications",
        }
        send_templated_email(recipient.email, "lessons/email/applied.txt", context)


@task()
def email_result_reminder(application_id):
    """Ask whoever applied a lesson what happened, unless they have said already or may no
    longer read the lesson."""
    application = _application(application_id)
    if application is None or application.result or application.applier is None:
        return
    lesson, applier = application.lesson, application.applier
    if not lesson.is_readable_by(applier):
        return
    context = {
        "application": application,
        "lesson": lesson,
        "result_url": absolute_url(lesson)
        + lesson.reverse_subpage("record_result", args=[application.pk]),
    }
    send_templated_email(applier.email, "lessons/email/result_reminder.txt", context)


def _application(pk):
    model = apps.get_model("lessons", "Application")
    return (
        model.objects.select_related("lesson__owner", "lesson__network", "applier")
        .filter(pk=pk)
        .first()
    )
