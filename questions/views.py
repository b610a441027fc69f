"""/questions/: asking, answering, marking, reporting and moderating. Each view checks, calls
questions.posting, renders or redirects. A question the reader may not read is "not found",
as for any other page."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, JsonResponse
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.views.decorators.http import require_GET, require_POST

from core import ratelimits
from core.feeds import alternates
from core.numbers import parse_whole_number
from network.models.people import named_for
from questions import finding, posting
from questions.feeds import QUESTIONS_FEED
from questions.forms import AnswerForm, AskForm, ReasonForm
from questions.models import Answer, Comment, Question, Report

PER_PAGE = 50


def _readable(request, pk):
    questions = Question.objects.readable_by(request.user).select_related("network", "author")
    return get_object_or_404(questions, pk=pk)


def _too_many(request, limited, template="questions/limited.html"):
    response = TemplateResponse(request, template, {"wait": limited.wait}, status=429)
    for header, value in limited.headers.items():
        response[header] = value
    return response


@require_GET
def index(request):
    """Every question this reader may read, newest first, or those with the words searched."""
    query = request.GET.get("q", "").strip()
    matches = None
    if query:
        questions, matches = finding.search(request.user, query)
    else:
        questions = list(
            Question.objects.readable_by(request.user).select_related("network")[:PER_PAGE]
        )
    context = {
        "questions": questions,
        "query": query,
        "matches": matches,
        "may_ask": request.user.is_authenticated,
        "feeds": alternates("Questions to public networks", QUESTIONS_FEED),
    }
    return TemplateResponse(request, "questions/index.html", context)


@require_GET
def suggest(request):
    if limited := ratelimits.consume(request, "suggest"):
        return JsonResponse(
            {"suggestions": [], "retry_after": limited.retry_after},
            status=429,
            headers=limited.headers,
        )
    return JsonResponse({"suggestions": finding.suggestions(request.user, request.GET.get("q"))})


@login_required
def ask(request):
    """Ask: a first submission shows the lessons and questions most like it; posting is a
    second, deliberate step."""
    initial = AskForm.initial_for(request.user)
    if network := parse_whole_number(request.GET.get("network", "")):
        initial["network"] = network
    form = AskForm(request.user, request.POST or None, initial=initial)
    context = {"form": form, "similar_lessons": None, "similar_questions": None}
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        if "post" not in request.POST:
            lessons, questions = finding.like_this(
                request.user,
                title=data["title"],
                body=data["body"],
                organisation_type=data["organisation_type"],
                region=data["region"],
                setting=data["setting"],
            )
            context.update(similar_lessons=lessons, similar_questions=questions, checked=True)
        else:
            if limited := ratelimits.consume(request, "post"):
                return _too_many(request, limited)
            question = posting.ask(request.user, **data)
            messages.success(request, "Your question is posted. We will tell you of answers.")
            return redirect(question)
    return TemplateResponse(request, "questions/ask.html", context)


@require_GET
def question(request, pk):
    question = _readable(request, pk)
    answers = list(
        question.answers_for(request.user).prefetch_related(
            "lessons", "resources", "people", "useful_marks"
        )
    )
    people = named_for(
        request.user, [question.author_id, *(a.author_id for a in answers)], question.network
    )
    for answer in answers:
        answer.named = people[answer.author_id]
        answer.useful_count = len(answer.useful_marks.all())
        answer.lesson_links = [
            lesson for lesson in answer.lessons.all() if lesson.is_readable_by(request.user)
        ]
        answer.resource_links = [
            r for r in answer.resources.all() if r.is_readable_by(request.user)
        ]
        answer.people_links = [p for p in answer.people.all() if p.is_visible_to(request.user)]
    context = {
        "question": question,
        "asker": people[question.author_id],
        "answers": answers,
        "is_asker": request.user.pk == question.author_id,
        "moderates": question.is_moderated_by(request.user),
        "may_turn": [a.pk for a in answers if posting.may_turn_into_a_lesson(a, request.user)],
        "answer_form": AnswerForm(request.user) if request.user.is_authenticated else None,
    }
    return TemplateResponse(request, "questions/question.html", context)


@login_required
@require_POST
def answer(request, pk):
    question = _readable(request, pk)
    form = AnswerForm(request.user, request.POST)
    if not form.is_valid():
        return TemplateResponse(
            request,
            "questions/answer_form.html",
            {"question": question, "form": form},
            status=400,
        )
    if limited := ratelimits.consume(request, "post"):
        return _too_many(request, limited)
    try:
        reply = posting.answer(question, request.user, form.cleaned_data["body"], **form.links())
    except PermissionDenied:
        raise Http404("No such question") from None
    messages.success(request, "Your answer is posted.")
    return redirect(reply)


def _answer(request, pk, answer_id):
    question = _readable(request, pk)
    return question, get_object_or_404(question.answers_for(request.user), pk=answer_id)


@login_required
@require_POST
def helpful(request, pk, answer_id):
    question, reply = _answer(request, pk, answer_id)
    posting.mark_helpful(question, reply, request.user)
    messages.success(request, "You marked the answer that helped. Thank you.")
    return redirect(reply)


@login_required
@require_POST
def useful(request, pk, answer_id):
    _, reply = _answer(request, pk, answer_id)
    posting.mark_useful(reply, request.user)
    return redirect(reply)


@login_required
@require_POST
def turn_into_a_lesson(request, pk, answer_id):
    _, reply = _answer(request, pk, answer_id)
    draft = posting.turn_into_a_lesson(reply, request.user)
    messages.success(request, "Your answer is the start of a lesson: add what others need.")
    return redirect("lessons:share_step", draft.pk, "about")


@login_required
def reports(request):
    """What members reported in the posts this person moderates, oldest first."""
    waiting = Report.objects.waiting_for(request.user).select_related("content_type")
    found = [report for report in waiting.order_by("created_at") if report.post is not None]
    context = {"reports": found}
    return TemplateResponse(request, "questions/reports.html", context)


def _post(request, kind, pk):
    """A question, answer or comment this person may read, by kind and id."""
    if kind == "question":
        return _readable(request, pk)
    if kind == "answer":
        reply = get_object_or_404(Answer.objects.select_related("question"), pk=pk)
        question = reply.question
        if not question.is_readable_by(request.user) or not (
            question.answers_for(request.user).filter(pk=pk).exists()
        ):
            raise Http404("No such answer")
        return reply
    if kind == "comment":
        comment = get_object_or_404(Comment.objects.select_related("lesson"), pk=pk)
        lesson = comment.lesson.specific
        if not lesson.is_readable_by(request.user) or not (
            Comment.objects.readable_by(request.user, lesson).filter(pk=pk).exists()
        ):
            raise Http404("No such comment")
        return comment
    raise Http404("No such post")


@login_required
def report(request, kind, pk):
    post = _post(request, kind, pk)
    form = ReasonForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        if limited := ratelimits.consume(request, "report"):
            return _too_many(request, limited)
        posting.report(post, request.user, form.cleaned_data["reason"])
        messages.success(request, "Thank you: the moderators will look at it.")
        return redirect(post)
    context = {"form": form, "post": post, "action": "report"}
    return TemplateResponse(request, "questions/reason.html", context)


@login_required
def moderate(request, kind, pk, action):
    if action not in ("hide", "restore"):
        raise Http404("No such action")
    post = _post(request, kind, pk)
    if not post.is_moderated_by(request.user):
        raise PermissionDenied
    form = ReasonForm(request.POST or None) if action == "hide" else None
    if request.method == "POST":
        if action == "restore":
            posting.restore(post, request.user)
            messages.success(request, "The post is shown again.")
            return redirect(post)
        if form.is_valid():
            try:
                posting.hide(post, request.user, form.cleaned_data["reason"])
            except ValidationError as error:
                form.add_error(None, error)
            else:
                messages.success(request, "The post is hidden. Its author sees why.")
                return redirect(post)
    context = {"form": form, "post": post, "action": action}
    return TemplateResponse(request, "questions/reason.html", context)
