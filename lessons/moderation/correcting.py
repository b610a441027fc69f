"""Corrections: a network's facilitators fix a published lesson of their network on the site
(/members/me/corrections/<id>/), a typo in its title or story. The rule of who may is
LessonPage.objects.correctable_by / lesson.is_correctable_by. A correction is a revision of
the published version, so the history shows who changed what. Someone else's lesson is
published at once and its author is emailed what changed, in words (changes.py); a lesson the
facilitator wrote goes to review like any edit of theirs."""

from functools import partial

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.http import Http404
from django.shortcuts import redirect
from django.tasks import task
from django.template.response import TemplateResponse

from core.addresses import absolute_url
from lessons.models import LessonPage
from lessons.moderation.changes import changes_between
from lessons.moderation.workflow import submit_for_review
from network.tasks import send_templated_email

# What a correction may change: the words of the lesson, not who may read it or where it sits.
CORRECTABLE = ("title", "summary", "intended", "what_happened", "outcome")


class CorrectionForm(forms.ModelForm):
    class Meta:
        model = LessonPage
        fields = CORRECTABLE
        labels = {
            "title": "Title",
            "summary": "Summary",
            "intended": "What was intended",
            "what_happened": "What happened",
            "outcome": "Outcome",
        }
        error_messages = {
            "title": {"required": "Enter the title of the lesson"},
            "summary": {"required": "Enter the summary of the lesson"},
        }

    def clean(self):
        cleaned = super().clean()
        if not self.errors and not self.has_changed():
            raise forms.ValidationError(
                "Nothing was changed: correct the title, summary or story before you save",
                code="unchanged",
            )
        return cleaned


@transaction.atomic
def correct(lesson, by, changed):
    """Save `changed` (field: value) on the published version of `lesson` as a new revision by
    `by`; publish it, or, on their own lesson, send it for review. Returns the revision."""
    if not lesson.is_correctable_by(by):
        raise PermissionDenied("Only a facilitator of its network may correct this lesson.")
    published_revision = lesson.live_revision
    before = published_revision.as_object()
    after = lesson.live_revision.as_object()
    for name, value in changed.items():
        setattr(after, name, value)
    revision = after.save_revision(user=by, log_action=True)
    if lesson.correction_goes_to_review(by):
        submit_for_review(LessonPage.objects.get(pk=lesson.pk), by)
        return revision
    # The rule above is the permission: facilitators hold no publish right on live lessons.
    revision.publish(user=by, skip_permission_checks=True)
    if changes_between(before, after):
        transaction.on_commit(partial(email_correction.enqueue, revision.pk, published_revision.pk))
    return revision


@task()
def email_correction(revision_id, before_revision_id):
    """Tell the lesson's authors what a facilitator corrected, in words."""
    from wagtail.models import Revision  # noqa: PLC0415 (Wagtail's models, as the task runs)

    revision = Revision.objects.select_related("user").get(pk=revision_id)
    before = Revision.objects.get(pk=before_revision_id).as_object()
    after = revision.as_object()
    lesson = LessonPage.objects.get(pk=after.pk)
    context = {
        "lesson": lesson,
        "corrector": revision.user,
        "changes": changes_between(before, after),
        "lesson_url": absolute_url(lesson),
    }
    for author in lesson.authors().filter(is_active=True).exclude(pk=revision.user_id):
        send_templated_email(author.email, "lessons/email/corrected.txt", context)


def _correctable(request, pk):
    lesson = LessonPage.objects.filter(pk=pk).first()
    if lesson is None or not lesson.is_correctable_by(request.user):
        raise Http404("No lesson for you to correct with that number")
    return lesson


@login_required
def correction(request, pk):
    lesson = _correctable(request, pk)
    published = lesson.live_revision.as_object()
    form = CorrectionForm(request.POST or None, instance=published)
    if request.method == "POST" and form.is_valid():
        changed = {name: form.cleaned_data[name] for name in form.changed_data}
        correct(lesson, request.user, changed)
        lesson.refresh_from_db()
        if lesson.correction_goes_to_review(request.user):
            messages.success(request, f"Your correction of “{lesson.title}” is sent for review.")
        else:
            messages.success(
                request, "Your correction is published. The lesson's author will be emailed."
            )
        return redirect(lesson.url)
    return TemplateResponse(
        request,
        "lessons/correction.html",
        {
            "lesson": lesson,
            "form": form,
            "goes_to_review": lesson.correction_goes_to_review(request.user),
        },
        status=400 if form.errors else 200,
    )
