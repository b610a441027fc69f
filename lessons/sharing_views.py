"""What a champion sees of the lessons they share: "My lessons", each with where it stands."""

from django.contrib.auth.decorators import login_required
from django.shortcuts import render

from lessons.models import LessonPage
from lessons.moderation import Status, status_of

SECTIONS = (
    (Status.CHANGES_REQUESTED, "Changes requested", "A reviewer asked for changes."),
    (Status.DRAFT, "Drafts", "Not yet sent for review."),
    (Status.IN_REVIEW, "In review", "Waiting for a reviewer."),
    (Status.PUBLISHED, "Published", "Everyone who may read them can see these."),
)


@login_required
def my_lessons(request):
    lessons = (
        LessonPage.objects.filter(owner=request.user)
        .select_related("network")
        .specific()  # Wagtail prefetches a lesson's workflow states only on a specific queryset
        .prefetch_workflow_states()
        .order_by("-latest_revision_created_at", "-pk")
    )
    by_status = {status: [] for status, *_ in SECTIONS}
    for lesson in lessons:
        status, comment = status_of(lesson)
        by_status[status].append({"lesson": lesson, "comment": comment})
    sections = [
        {"status": status, "heading": heading, "hint": hint, "items": by_status[status]}
        for status, heading, hint in SECTIONS
    ]
    return render(
        request,
        "lessons/my_lessons.html",
        {"sections": sections, "has_lessons": any(by_status.values())},
    )
