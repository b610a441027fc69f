"""Reviewing on the site: the queue (/members/me/reviews/) and a lesson's review page, which
shows the lesson as it will read, what changed since it was last sent, the comments so far,
and the two decisions. Each view asks the review rule (LessonPage.objects.reviewable_by,
lesson.is_reviewable_by) and refuses everyone else as if the lesson were not there; the
decisions go through workflow.decide, the admin's own workflow action."""

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.utils.html import format_html
from django.views.decorators.http import require_POST

from wagtail.models import Page, TaskState

from core.addresses import absolute_url
from lessons.models import LessonPage
from lessons.moderation.changes import since_last_submission
from lessons.moderation.workflow import (
    APPROVE,
    ASK_FOR_CHANGES,
    decide,
    earlier_reviews,
    review_task_state,
)


class ChangesForm(forms.Form):
    comment = forms.CharField(
        label="What needs to change?",
        help_text="The champion sees this with their lesson. Say what to change and why.",
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 5}),
        error_messages={"required": "Enter what needs to change"},
    )


@login_required
def queue(request):
    """What this person is asked to review, or (show=all) everything they may review."""
    user = request.user
    asked = LessonPage.objects.awaiting_review_by(user)
    everything = LessonPage.objects.reviewable_by(user)
    show_all = request.GET.get("show") == "all"
    lessons = list(
        (everything if show_all else asked)
        .select_related("network", "owner")
        .order_by("latest_revision_created_at", "pk")
    )
    waiting = _in_review_since(lessons)
    return TemplateResponse(
        request,
        "lessons/reviews.html",
        {
            "items": [(lesson, waiting.get(lesson.pk)) for lesson in lessons],
            "show_all": show_all,
            "may_review_more": show_all or everything.count() > asked.count(),
        },
    )


def _in_review_since(lessons):
    """{lesson id: its review task state} for lessons in review, in one query."""
    states = TaskState.objects.filter(
        status=TaskState.STATUS_IN_PROGRESS,
        workflow_state__base_content_type=ContentType.objects.get_for_model(Page),
        workflow_state__object_id__in=[str(lesson.pk) for lesson in lessons],
    ).select_related("workflow_state")
    return {int(state.workflow_state.object_id): state for state in states}


def _reviewable(request, pk):
    lesson = LessonPage.objects.filter(pk=pk).first()
    if lesson is None or not lesson.is_reviewable_by(request.user):
        raise Http404("No lesson in review for you with that number")
    return lesson


@login_required
def review(request, pk):
    return _review_page(request, _reviewable(request, pk), ChangesForm())


def _review_page(request, lesson, form, status=200):
    task_state = review_task_state(lesson)
    submitted = task_state.revision.as_object()
    context = submitted.get_context(request)
    context.update(
        {
            "reviewed": lesson,
            "task_state": task_state,
            "comparison": since_last_submission(lesson, task_state),
            "earlier_reviews": [r for r in earlier_reviews(lesson) if r.comment],
            "form": form,
        }
    )
    return TemplateResponse(request, "lessons/review.html", context, status=status)


@login_required
@require_POST
def approve(request, pk):
    lesson = _reviewable(request, pk)
    try:
        decide(lesson, request.user, APPROVE)
    except PermissionDenied as refused:
        raise Http404("No lesson in review for you with that number") from refused
    lesson.refresh_from_db()
    messages.success(
        request,
        format_html(
            '“{}” is published. <a href="{}">Read it on the site</a>.',
            lesson.title,
            lesson.url or absolute_url(lesson),
        ),
    )
    return redirect("lessons:reviews")


@login_required
@require_POST
def ask_for_changes(request, pk):
    lesson = _reviewable(request, pk)
    form = ChangesForm(request.POST)
    if not form.is_valid():
        return _review_page(request, lesson, form, status=400)
    try:
        decide(lesson, request.user, ASK_FOR_CHANGES, form.cleaned_data["comment"])
    except PermissionDenied as refused:
        raise Http404("No lesson in review for you with that number") from refused
    messages.success(
        request,
        f"“{lesson.title}” is back with its champion, with your comment. They will be emailed now.",
    )
    return redirect("lessons:reviews")
