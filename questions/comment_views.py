"""Comments on a lesson are posted here and shown in the lesson page's section
(questions/wagtail_hooks.py)."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.views.decorators.http import require_POST

from core import ratelimits
from core.numbers import parse_whole_number
from lessons.models import LessonPage
from questions import posting
from questions.forms import CommentForm
from questions.models import Comment


@login_required
@require_POST
def comment(request, lesson_id):
    lesson = get_object_or_404(LessonPage.objects.readable_by(request.user), pk=lesson_id)
    form = CommentForm(request.POST)
    parent = None
    if parent_id := request.POST.get("parent"):
        comments = Comment.objects.readable_by(request.user, lesson)
        parent = comments.filter(pk=parse_whole_number(parent_id) or 0).first()
        if parent is None:
            form.add_error(None, "The comment you replied to is no longer shown.")
    if not form.is_valid():
        context = {"lesson": lesson, "form": form}
        return TemplateResponse(request, "questions/comment_form.html", context, status=400)
    if limited := ratelimits.consume(request, "post"):
        response = TemplateResponse(
            request, "questions/limited.html", {"wait": limited.wait}, status=429
        )
        response["Retry-After"] = str(limited.retry_after)
        return response
    try:
        posted = posting.comment(lesson, request.user, form.cleaned_data["body"], parent)
    except PermissionDenied:
        raise Http404("No such lesson") from None
    messages.success(request, "Your comment is posted. The lesson's authors are told.")
    return redirect(posted)
