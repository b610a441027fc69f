"""Sharing a lesson on the site: the steps of the guided form at /lessons/share/ (checking,
submitting and "My lessons" are in checking.py).

The views parse forms and call lessons/sharing/rules.py, which changes and saves the lesson;
who may review and publish it is lessons/moderation's business. Only a lesson's champion (its
owner) may open it here: to anyone else each of these addresses answers "not found".
"""

from dataclasses import dataclass
from functools import wraps

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.views import redirect_to_login
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.template.response import TemplateResponse
from django.urls import reverse

from core.fulltext import clean_query, in_order, match
from core.numbers import parse_whole_number
from lessons.sharing import kept as back_link
from lessons.sharing import rules as sharing
from lessons.sharing.forms import (
    AboutForm,
    ContextForm,
    LevelForm,
    NetworkForm,
    OutcomeForm,
    StoryForm,
    ThemesForm,
)
from lessons.sharing.impact_form import ImpactForm
from lessons.sharing.list_forms import EvidenceForm, FactorForm, ListForm, TeamForm
from lessons.vocabulary import MAX_WHYS, Relation
from maturity.models import Dimension

FIND_RESULTS = 10


@dataclass(frozen=True)
class Step:
    slug: str
    title: str  # as the check page and the progress caption name it
    form: type | None = None  # None: the step has its own view below


STEPS = (
    Step("about", "Kind, title and summary", AboutForm),
    Step("story", "The story", StoryForm),
    Step("context", "Context", ContextForm),
    Step("team", "The team", TeamForm),
    Step("factors", "Success factors and barriers"),
    Step("maturity", "Maturity outcomes"),
    Step("themes", "Themes", ThemesForm),
    Step("network", "Network and visibility", NetworkForm),
    Step("evidence", "Evidence", EvidenceForm),
    Step("impact", "Impact", ImpactForm),
    Step("related", "Related lessons"),
)
STEP = {step.slug: step for step in STEPS}


# Who may come in


def champions_only(view):
    """Signed in with a verified email address, and (for a lesson) its champion."""

    @wraps(view)
    def wrapped(request, pk=None, **kwargs):
        if not request.user.is_authenticated:
            return redirect_to_login(request.get_full_path())
        if not sharing.may_share(request.user):
            return render(request, "lessons/share/verify_email.html", status=403)
        if pk is None:
            return view(request, **kwargs)
        lesson = get_object_or_404(sharing.lessons_of(request.user), pk=pk)
        return view(request, lesson, **kwargs)

    return wrapped


def editable(view):
    """A lesson in review waits for its reviewers: the champion may only withdraw it."""

    @wraps(view)
    def wrapped(request, lesson, **kwargs):
        if sharing.is_locked(lesson):
            messages.info(
                request,
                "Your lesson is in review, so it cannot be changed just now. Withdraw it from "
                "review if you want to change it.",
            )
            return redirect("lessons:share_check", lesson.pk)
        return view(request, lesson, **kwargs)

    return wrapped


def _posted(request):
    """The form data of a POST (even an empty one), or None."""
    return request.POST if request.method == "POST" else None


def _shown_revision(request, lesson):
    """The revision a step's form was shown from: the one its page sent back (a hidden field),
    or for a page being shown now, the latest."""
    if request.method == "POST":
        return parse_whole_number(request.POST.get("revision", ""))
    return lesson.latest_revision_id


CHANGED_MEANWHILE = (
    "This page was saved from another window or tab after you opened it, so what you sent "
    "has not been saved. It now shows the answers saved there: check them, change them if "
    "you need to, and save again."
)


def _id_or_404(sent, not_found):
    """The id a button sent (core/numbers.py): one that is no whole number names nothing."""
    if (number := parse_whole_number(sent)) is None:
        raise Http404(not_found)
    return number


# Where to go next


def step_url(lesson, slug, from_check=False):
    url = reverse("lessons:share_step", args=[lesson.pk, slug])
    return f"{url}?from=check" if from_check else url


def _from_check(request):
    return request.GET.get("from") == "check"


def _next_url(request, lesson, step):
    if _from_check(request) or request.POST.get("then") == "check":
        return reverse("lessons:share_check", args=[lesson.pk])
    following = STEPS.index(step) + 1
    if following == len(STEPS):
        return reverse("lessons:share_check", args=[lesson.pk])
    return step_url(lesson, STEPS[following].slug)


def _back_url(request, lesson, step):
    if _from_check(request):
        return reverse("lessons:share_check", args=[lesson.pk])
    before = STEPS.index(step) - 1
    if before < 0:
        return reverse("lessons:my_lessons")
    return step_url(lesson, STEPS[before].slug)


def _render_step(request, lesson, step, context, status=200, template=None):
    context = {
        "lesson": lesson,
        "step": step,
        "number": STEPS.index(step) + 1,
        "total": len(STEPS),
        "from_check": _from_check(request),
        "back_url": _back_url(request, lesson, step) if lesson else reverse("lessons:my_lessons"),
        "next_url": _next_url(request, lesson, step) if lesson else None,
        "review_days": settings.LESSON_REVIEW_DAYS,
        **context,
    }
    template = template or f"lessons/share/{step.slug}.html"
    return TemplateResponse(request, template, context, status=status)


# Starting


@champions_only
def start(request):
    """The first question: the kind of lesson, its title and summary. Saving it creates the
    draft; a network page's invitation passes its network along."""
    data = _posted(request) if request.method == "POST" else back_link.kept(request, "new")
    slug = (data or {}).get("network") or request.GET.get("network") or ""
    network, refusal = sharing.invited_network(request.user, slug)
    form = AboutForm(data, draft=None, user=request.user)
    if request.method == "POST" and form.is_valid():
        lesson = sharing.start(request.user, **form.cleaned_data, network=network)
        if refusal:
            messages.warning(request, refusal)
        messages.success(
            request,
            "Your lesson is saved as a draft. You can stop at any point and carry on from "
            "My lessons.",
        )
        if back_link.going_back(request):
            return redirect("lessons:my_lessons")
        return redirect(_next_url(request, lesson, STEP["about"]))
    if back_link.going_back(request):
        back_link.keep(request, "new", STEP["about"].title)
        return redirect("lessons:my_lessons")
    return _render_step(
        request,
        None,
        STEP["about"],
        {"form": form, "invited_by": network, "not_invited": refusal, "back_keeps": True},
        status=400 if request.method == "POST" else 200,
    )


# The steps


@champions_only
@editable
def step(request, lesson, slug):
    if slug not in STEP:
        raise Http404("No such step")
    step = STEP[slug]
    if step.form is None:
        return STEP_VIEWS[slug](request, lesson)
    draft = sharing.current_version(lesson)
    key = f"{lesson.pk}/{slug}"
    kept = back_link.kept(request, key)
    shown = _shown_revision(request, lesson)
    if kept is not None:
        shown = parse_whole_number(kept.get("revision", ""))
    form = step.form(_posted(request) if kept is None else kept, draft=draft, user=request.user)
    if request.method == "POST":
        if isinstance(form, ListForm) and form.change_of_shape():
            form = form.reshaped()
        elif form.is_valid():
            try:
                sharing.save_step(
                    lesson, form.apply, request.user, shown=shown, answers=form.initial_from
                )
            except sharing.StepChanged as changed:
                form = step.form(None, draft=changed.draft, user=request.user)
                return _changed_meanwhile(request, lesson, step, changed, {"form": form})
            if back_link.going_back(request):
                return redirect(_back_url(request, lesson, step))
            return redirect(_next_url(request, lesson, step))
        elif back_link.going_back(request):
            back_link.keep(request, key, step.title)
            return redirect(_back_url(request, lesson, step))
    return _render_step(
        request,
        lesson,
        step,
        {"form": form, "draft": draft, "revision": shown, "back_keeps": True},
        status=400 if request.method == "POST" and form.errors else 200,
    )


def _changed_meanwhile(request, lesson, step, changed, context, template=None):
    """The step's form again, with what it holds now and why nothing was saved (409)."""
    context = {
        "draft": changed.draft,
        "revision": changed.revision_id,
        "changed_meanwhile": CHANGED_MEANWHILE,
        **context,
    }
    return _render_step(request, lesson, step, context, status=409, template=template)


def factors(request, lesson):
    """The lesson's success factors and barriers: add, change or remove each."""
    draft = sharing.current_version(lesson)
    if request.method == "POST":
        block_id = request.POST.get("remove", "")
        if sharing.save_step(lesson, lambda d: sharing.remove_factor(d, block_id), request.user):
            messages.success(request, "The factor has been removed.")
        return redirect(request.get_full_path())
    return _render_step(request, lesson, STEP["factors"], {"draft": draft})


@champions_only
@editable
def factor(request, lesson, block_id):
    """One success factor or barrier: its chain of whys, root cause and actions."""
    draft = sharing.current_version(lesson)
    if block_id != "new" and block_id not in {block.id for block in draft.factors}:
        raise Http404("No such factor")
    key = f"{lesson.pk}/factor/{block_id}"
    kept = back_link.kept(request, key)
    shown = _shown_revision(request, lesson)
    if kept is not None:
        shown = parse_whole_number(kept.get("revision", ""))
    form = FactorForm(
        _posted(request) if kept is None else kept,
        draft=draft,
        user=request.user,
        block_id=None if block_id == "new" else block_id,
    )
    if request.method == "POST":
        if form.change_of_shape():
            form = form.reshaped()
        elif form.is_valid():
            try:
                sharing.save_step(
                    lesson, form.apply, request.user, shown=shown, answers=form.initial_from
                )
            except sharing.StepChanged as changed:
                if block_id not in {block.id for block in changed.draft.factors}:
                    raise Http404("No such factor") from None  # removed meanwhile
                form = FactorForm(draft=changed.draft, user=request.user, block_id=form.block_id)
                return _changed_meanwhile(
                    request,
                    lesson,
                    STEP["factors"],
                    changed,
                    {"form": form, **_factor_context(request, lesson, block_id)},
                    template="lessons/share/factor.html",
                )
            after = step_url(lesson, "factors", _from_check(request))
            return redirect(after)
        elif back_link.going_back(request):
            back_link.keep(request, key, "Success factors and barriers")
            return redirect(step_url(lesson, "factors", _from_check(request)))
    return _render_step(
        request,
        lesson,
        STEP["factors"],
        {
            "form": form,
            "draft": draft,
            "revision": shown,
            **_factor_context(request, lesson, block_id),
            "back_keeps": True,
        },
        status=400 if request.method == "POST" and form.errors else 200,
        template="lessons/share/factor.html",
    )


def _factor_context(request, lesson, block_id):
    return {
        "is_new": block_id == "new",
        "max_whys": MAX_WHYS,
        "back_url": step_url(lesson, "factors", _from_check(request)),
    }


def maturity(request, lesson):
    """The maturity outcomes the lesson speaks to: add one (then its level), or remove one."""
    draft = sharing.with_references(sharing.current_version(lesson))
    form = OutcomeForm(request.POST if "outcome" in request.POST else None)
    if request.method == "POST":
        if "remove" in request.POST:
            outcome = _id_or_404(request.POST["remove"], "No such outcome")
            sharing.save_step(lesson, lambda d: sharing.unlink_maturity(d, outcome), request.user)
            messages.success(request, "The maturity outcome has been removed.")
            return redirect(request.get_full_path())
        # Every button sends the outcome chosen: with one, each goes on to its level first,
        # so that no button drops an answer; without one, Continue and Check go on.
        then = request.POST.get("then")
        if not request.POST.get("outcome") and then == "next":
            return redirect(_next_url(request, lesson, STEP["maturity"]))
        if not request.POST.get("outcome") and then == "check":
            return redirect("lessons:share_check", lesson.pk)
        if form.is_valid():
            url = reverse("lessons:share_level", args=[lesson.pk, form.cleaned_data["outcome"]])
            return redirect(f"{url}?from=check" if _from_check(request) else url)
    return _render_step(
        request,
        lesson,
        STEP["maturity"],
        {"form": form, "draft": draft, "links": list(draft.maturity_links.all())},
        status=400 if form.is_bound and form.errors else 200,
    )


@champions_only
@editable
def maturity_level(request, lesson, code):
    """Choose the level of one outcome, each level shown with its descriptor."""
    dimension = get_object_or_404(Dimension.objects.select_related("framework"), code=code)
    draft = sharing.current_version(lesson)
    shown = _shown_revision(request, lesson)

    def level_of(draft):
        links = draft.maturity_links.all()
        return next((link.level for link in links if link.dimension_id == dimension.pk), None)

    form = LevelForm(_posted(request), dimension=dimension, initial={"level": level_of(draft)})
    context = {
        "dimension": dimension,
        "back_url": step_url(lesson, "maturity", _from_check(request)),
    }
    if request.method == "POST" and form.is_valid():
        level = form.cleaned_data["level"]
        try:
            sharing.save_step(
                lesson,
                lambda d: sharing.link_maturity(d, dimension, level),
                request.user,
                shown=shown,
                answers=level_of,
            )
        except sharing.StepChanged as changed:
            form = LevelForm(dimension=dimension, initial={"level": level_of(changed.draft)})
            return _changed_meanwhile(
                request,
                lesson,
                STEP["maturity"],
                changed,
                {"form": form, **context},
                template="lessons/share/level.html",
            )
        return redirect(step_url(lesson, "maturity", _from_check(request)))
    return _render_step(
        request,
        lesson,
        STEP["maturity"],
        {"form": form, "revision": shown, **context},
        status=400 if form.is_bound and form.errors else 200,
        template="lessons/share/level.html",
    )


def related(request, lesson):
    """Earlier lessons this one builds on or contrasts with: the most similar are suggested,
    and any other the champion may read can be found by its title."""
    draft = sharing.with_references(sharing.current_version(lesson))
    if request.method == "POST":
        _change_links(request, lesson)
        if request.POST.get("back") == "check":
            return redirect("lessons:share_check", lesson.pk)
        return redirect(request.get_full_path())
    query, _ = clean_query(request.GET.get("q", ""))
    found = []
    if query:
        candidates = sharing.may_link_to(lesson, request.user)
        found = [
            sharing.SimilarLesson(found_lesson, [])
            for found_lesson in in_order(
                candidates.select_related("network"), match(candidates, query).ids[:FIND_RESULTS]
            )
        ]
    return _render_step(
        request,
        lesson,
        STEP["related"],
        {
            "draft": draft,
            "links": links_of(draft),
            "linked": linked_of(draft),
            "similar": sharing.similar_to(draft, request.user),
            "query": query,
            "found": found,
            "relations": Relation.choices,
        },
    )


def _change_links(request, lesson):
    if "unlink" in request.POST:
        target_id = _id_or_404(request.POST["unlink"], "No such link")
        sharing.save_step(lesson, lambda d: sharing.unlink_lesson(d, target_id), request.user)
        messages.success(request, "The link has been removed.")
        return
    if "link" not in request.POST:
        return
    target_id, _, relation = request.POST["link"].partition(":")
    target_id = _id_or_404(target_id, "No such lesson")
    if relation not in Relation.values:
        return
    target = sharing.may_link_to(lesson, request.user).filter(pk=target_id).first()
    if target is None:
        return
    sharing.save_step(lesson, lambda d: sharing.link_lesson(d, target, relation), request.user)
    messages.success(
        request, f"Your lesson now says it {Relation(relation).label.lower()} “{target.title}”."
    )


def links_of(draft):
    return [
        {"relation": link.get_relation_display(), "target": link.target}
        for link in draft.related_links.all()
    ]


def linked_of(draft):
    """{lesson id: how the draft relates to it}, for the suggestions' buttons."""
    return {link.target_id: link.get_relation_display() for link in draft.related_links.all()}


STEP_VIEWS = {"factors": factors, "maturity": maturity, "related": related}
