"""Emails about questions and comments, sent in the background after the change is saved.
New questions and answers reach followers through following (core/follows.py,
questions/follows.py); these tell the people a post is addressed to."""

from django.apps import apps
from django.tasks import task

from core.addresses import absolute_url
from network.models.people import named_for
from network.tasks import send_templated_email


@task()
def email_comment_to_authors(comment_id):
    """Tell the lesson's authors and co-authors of a comment on it: each only if they may
    still read the lesson and the comment is not hidden, not the commenter themselves, not
    those who asked for no emails (following's preferences), and with the commenter named as
    each may see them."""
    model = apps.get_model("questions", "Comment")
    comment = model.objects.select_related("lesson__network").filter(pk=comment_id).first()
    if comment is None or comment.is_hidden:
        return
    lesson = comment.lesson
    preference = apps.get_model("following", "NotificationPreference")
    silent = set(preference.objects.filter(frequency="none").values_list("member", flat=True))
    for author in lesson.authors().filter(is_active=True).exclude(pk=comment.author_id):
        if author.pk in silent or not lesson.is_readable_by(author):
            continue
        named = named_for(author, [comment.author_id], lesson.network)[comment.author_id]
        context = {
            "comment": comment,
            "lesson": lesson,
            "commenter": named.name,
            "url": absolute_url(lesson) + f"#comment-{comment.pk}",
        }
        send_templated_email(author.email, "questions/email/comment.txt", context)
