"""The routes of a lesson page (LessonPage's apply/, result/<id>/ and useful/):
"we applied this", its result, and "this was useful". LessonPage.serve has already checked
that the reader may read the lesson; the models check again and make the change."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.views.decorators.http import require_POST

from core import ratelimits
from lessons.forms import ApplicationForm, ResultForm


@login_required
def apply(request, lesson):
    """ "We applied this": a member records that their team applied the lesson."""
    if not request.user.has_verified_email:
        raise PermissionDenied("Confirm your email address before you record applying a lesson.")
    form = ApplicationForm(request.POST or None, initial=ApplicationForm.initial_for(request.user))
    context = {"page": lesson, "lesson": lesson, "form": form}
    if request.method == "POST" and form.is_valid():
        # Only applications that would be recorded count (each one sends emails).
        if limited := ratelimits.consume(request, "apply"):
            # The form again, with what was typed and when to send it.
            form.add_error(
                None,
                f"You have recorded as many applications as we take in "
                f"{limited.limit.span}. Nothing was recorded this time; your answers "
                f"are kept below. Send them again in {limited.wait}.",
            )
            return TemplateResponse(
                request, "lessons/apply.html", context, status=429, headers=limited.headers
            )
        lesson.record_application(request.user, **form.cleaned_data)
        messages.success(
            request,
            "Thank you: your team's application is recorded below. Record what happened "
            "whenever you know; we will also email you later to ask.",
        )
        return redirect(lesson.url + "#applications")
    return TemplateResponse(request, "lessons/apply.html", context)


@login_required
def record_result(request, lesson, application_id):
    """The member who applied the lesson records what happened (at any time, and again)."""
    application = get_object_or_404(lesson.applications, pk=application_id, applier=request.user)
    initial = {"result": application.result, "note": application.result_note}
    form = ResultForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        application.record_result(
            request.user, form.cleaned_data["result"], form.cleaned_data["note"]
        )
        messages.success(request, "Thank you: the result is recorded below.")
        return redirect(lesson.url + f"#application-{application.pk}")
    return TemplateResponse(
        request,
        "lessons/record_result.html",
        {"page": lesson, "lesson": lesson, "application": application, "form": form},
    )


@require_POST
def useful(request, lesson):
    """ "This was useful": a plain form post (works without JavaScript), back to the lesson."""
    if not request.user.is_authenticated:
        return redirect_to_login(lesson.url)  # back to the lesson, not to this POST-only address
    lesson.set_useful(request.user, request.POST.get("useful") != "no")
    return redirect(lesson.url + "#useful")
