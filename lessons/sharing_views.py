"""Sharing a lesson on the site: the guided form at /lessons/share/ and "My lessons".

The views parse forms and call lessons/sharing.py, which changes and saves the lesson; who may
review and publish it is lessons/moderation.py's business. Only a lesson's champion (its owner)
may open it here: to anyone else each of these addresses answers "not found".
"""

from dataclasses import dataclass
from functools import wraps

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponseNotAllowed
from django.shortcuts import get_object_or_404, redirect, render
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.dateformat import format as date_format

from core.fulltext import clean_query, in_order, match
from lessons import sharing
from lessons.models import LessonPage
from lessons.moderation import Status, status_of, withdraw_from_review
from lessons.sharing_forms import (
    AboutForm,
    ContextForm,
    EvidenceForm,
    FactorForm,
    LevelForm,
    ListForm,
    NetworkForm,
    OutcomeForm,
    StoryForm,
    TeamForm,
    ThemesForm,
)
from lessons.vocabulary import MAX_WHYS, FactorType, Relation
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


def post_only(view):
    @wraps(view)
    def wrapped(request, *args, **kwargs):
        if request.method != "POST":
            return HttpResponseNotAllowed(["POST"])
        return view(request, *args, **kwargs)

    return wrapped


def _posted(request):
    """The form data of a POST (even an empty one), or None."""
    return request.POST if request.method == "POST" else None


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
    network = _invited_by(request)
    form = AboutForm(_posted(request), draft=None, user=request.user)
    if request.method == "POST" and form.is_valid():
        lesson = sharing.start(request.user, **form.cleaned_data, network=network)
        messages.success(
            request,
            "Your lesson is saved as a draft. You can stop at any point and carry on from "
            "My lessons.",
        )
        return redirect(_next_url(request, lesson, STEP["about"]))
    return _render_step(
        request,
        None,
        STEP["about"],
        {"form": form, "invited_by": network},
        status=400 if form.is_bound else 200,
    )


def _invited_by(request):
    slug = request.POST.get("network") or request.GET.get("network") or ""
    return sharing.networks_for(request.user).filter(slug=slug).first() if slug else None


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
    form = step.form(_posted(request), draft=draft, user=request.user)
    if request.method == "POST":
        if isinstance(form, ListForm) and form.change_of_shape():
            form = form.reshaped()
        elif form.is_valid():
            form.apply(draft)
            sharing.save_draft(lesson, draft, request.user)
            return redirect(_next_url(request, lesson, step))
    return _render_step(
        request,
        lesson,
        step,
        {"form": form, "draft": draft},
        status=400 if form.is_bound and form.errors else 200,
    )


def factors(request, lesson):
    """The lesson's success factors and barriers: add, change or remove each."""
    draft = sharing.current_version(lesson)
    if request.method == "POST":
        if sharing.remove_factor(draft, request.POST.get("remove", "")):
            sharing.save_draft(lesson, draft, request.user)
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
    form = FactorForm(
        _posted(request),
        draft=draft,
        user=request.user,
        block_id=None if block_id == "new" else block_id,
    )
    if request.method == "POST":
        if form.change_of_shape():
            form = form.reshaped()
        elif form.is_valid():
            form.apply(draft)
            sharing.save_draft(lesson, draft, request.user)
            after = step_url(lesson, "factors", _from_check(request))
            return redirect(after)
    return _render_step(
        request,
        lesson,
        STEP["factors"],
        {
            "form": form,
            "draft": draft,
            "is_new": block_id == "new",
            "max_whys": MAX_WHYS,
            "back_url": step_url(lesson, "factors", _from_check(request)),
        },
        status=400 if form.is_bound and form.errors else 200,
        template="lessons/share/factor.html",
    )


def maturity(request, lesson):
    """The maturity outcomes the lesson speaks to: add one (then its level), or remove one."""
    draft = sharing.with_references(sharing.current_version(lesson))
    form = OutcomeForm(request.POST if "outcome" in request.POST else None)
    if request.method == "POST":
        if removed := request.POST.get("remove", ""):
            if removed.isdigit():
                sharing.unlink_maturity(draft, int(removed))
                sharing.save_draft(lesson, draft, request.user)
                messages.success(request, "The maturity outcome has been removed.")
            return redirect(request.get_full_path())
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
    current = next(
        (link.level for link in draft.maturity_links.all() if link.dimension_id == dimension.pk),
        None,
    )
    form = LevelForm(_posted(request), dimension=dimension, initial={"level": current})
    if request.method == "POST" and form.is_valid():
        sharing.link_maturity(draft, dimension, form.cleaned_data["level"])
        sharing.save_draft(lesson, draft, request.user)
        return redirect(step_url(lesson, "maturity", _from_check(request)))
    return _render_step(
        request,
        lesson,
        STEP["maturity"],
        {
            "form": form,
            "dimension": dimension,
            "back_url": step_url(lesson, "maturity", _from_check(request)),
        },
        status=400 if form.is_bound and form.errors else 200,
        template="lessons/share/level.html",
    )


def related(request, lesson):
    """Earlier lessons this one builds on or contrasts with: the most similar are suggested,
    and any other the champion may read can be found by its title."""
    draft = sharing.with_references(sharing.current_version(lesson))
    if request.method == "POST":
        _change_links(request, lesson, draft)
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
            "links": _links(draft),
            "linked": _linked(draft),
            "similar": sharing.similar_to(draft, request.user),
            "query": query,
            "found": found,
            "relations": Relation.choices,
        },
    )


def _change_links(request, lesson, draft):
    if target_id := request.POST.get("unlink", ""):
        if target_id.isdigit():
            sharing.unlink_lesson(draft, int(target_id))
            sharing.save_draft(lesson, draft, request.user)
            messages.success(request, "The link has been removed.")
        return
    target_id, _, relation = request.POST.get("link", "").partition(":")
    if not target_id.isdigit() or relation not in Relation.values:
        return
    target = sharing.may_link_to(lesson, request.user).filter(pk=target_id).first()
    if target is None:
        return
    sharing.link_lesson(draft, target, relation)
    sharing.save_draft(lesson, draft, request.user)
    messages.success(
        request, f"Your lesson now says it {Relation(relation).label.lower()} “{target.title}”."
    )


def _links(draft):
    return [
        {"relation": link.get_relation_display(), "target": link.target}
        for link in draft.related_links.all()
    ]


def _linked(draft):
    """{lesson id: how the draft relates to it}, for the suggestions' buttons."""
    return {link.target_id: link.get_relation_display() for link in draft.related_links.all()}


STEP_VIEWS = {"factors": factors, "maturity": maturity, "related": related}


# Checking, previewing, submitting


@champions_only
def check(request, lesson):
    """Check your answers: every step with a change link, what is still missing, lessons
    like this one to link to, and the button that sends it for review."""
    draft = sharing.with_references(sharing.current_version(lesson))
    status, comment = status_of(lesson)
    locked = status == Status.IN_REVIEW
    to_submit = sharing.missing_to_submit(draft, request.user)
    return TemplateResponse(
        request,
        "lessons/share/check.html",
        {
            "lesson": lesson,
            "draft": draft,
            "status": status,
            "status_label": Status.LABELS[status],
            "comment": comment,
            "locked": locked,
            "answers": _answers(lesson, draft),
            "linked": _linked(draft),
            "to_submit": [_gap_with_url(lesson, gap) for gap in to_submit],
            "to_complete": [
                _gap_with_url(lesson, gap) for gap in sharing.missing_for_complete(draft)
            ],
            "similar": [] if locked else sharing.similar_to(draft, request.user),
            "relations": Relation.choices,
            "reviewers": _reviewers_phrase(draft),
            "review_days": settings.LESSON_REVIEW_DAYS,
        },
    )


def _answers(lesson, draft):
    """The check page's summary: for each step, (question, answer, where to change it)."""

    def rows(slug, *pairs, url=None):
        url = url or step_url(lesson, slug, from_check=True)
        return [{"key": key, "value": value, "url": url} for key, value in pairs]

    questions = draft.questions
    team = [
        (f"Team member {n}", _member_summary(member))
        for n, member in enumerate(draft.team_members.all(), 1)
    ]
    factors = [
        row
        for block in draft.factors
        for row in rows(
            "factors",
            (FactorType(block.value["type"]).label, _factor_summary(block.value)),
            url=reverse("lessons:share_factor", args=[lesson.pk, block.id]) + "?from=check",
        )
    ]
    sections = {
        "about": rows(
            "about",
            ("Kind", draft.get_kind_display()),
            ("Title", draft.title),
            ("Summary", draft.summary),
        ),
        "story": rows(
            "story",
            (questions[0], draft.intended),
            (questions[1], draft.what_happened),
            (questions[2], draft.outcome),
            ("Recommendations", "\n".join(block.value for block in draft.recommendations)),
        ),
        "context": rows(
            "context",
            ("Type of organisation", draft.get_organisation_type_display()),
            ("Setting", draft.setting),
            ("Region", draft.get_region_display()),
            ("Scale", draft.get_scale_display()),
            ("When", date_format(draft.date, "j F Y") if draft.date else ""),
        ),
        "team": rows("team", *team) or rows("team", ("Team members", "")),
        "factors": factors or rows("factors", ("Factors", "")),
        "maturity": rows(
            "maturity",
            *(
                (
                    f"{link.dimension.framework.short_title}, {link.dimension.short_title}",
                    f"{link.dimension.title}: level {link.level}",
                )
                for link in draft.maturity_links.all()
            ),
        )
        or rows("maturity", ("Outcomes", "")),
        "themes": rows("themes", ("Themes", ", ".join(tag.name for tag in draft.themes.all()))),
        "network": rows(
            "network",
            ("Shared with", draft.network.title if draft.network_id else "The whole site"),
            ("Who can read it", draft.get_visibility_display()),
        ),
        "evidence": rows(
            "evidence",
            *(
                (f"Evidence link {n}", f"{block.value['title']}\n{block.value['url']}")
                for n, block in enumerate(draft.evidence, 1)
            ),
        )
        or rows("evidence", ("Evidence links", "")),
        "related": rows(
            "related", *((link["relation"], link["target"].title) for link in _links(draft))
        )
        or rows("related", ("Related lessons", "")),
    }
    return [{"slug": slug, "title": STEP[slug].title, "rows": sections[slug]} for slug in STEP]


def _member_summary(member):
    parts = [member.role]
    if member.years_experience is not None:
        parts[0] += f", {member.years_experience} years of experience"
    if member.specialism_list:
        parts.append("Specialisms: " + ", ".join(member.specialism_list))
    if member.training_list:
        parts.append("Training: " + ", ".join(member.training_list))
    return "\n".join(parts)


def _factor_summary(factor):
    parts = [factor["statement"], *(f"Why? {why}" for why in factor["whys"])]
    if factor["root_cause"]:
        parts.append(f"Root cause: {factor['root_cause']}")
    parts += [f"Action: {action}" for action in factor["actions"]]
    return "\n".join(parts)


def _gap_with_url(lesson, gap):
    return {"message": gap.message, "url": step_url(lesson, gap.step, from_check=True)}


def _reviewers_phrase(draft):
    if draft.network_id:
        return f"the facilitators of {draft.network.title}"
    return "the site's editors"


@champions_only
def preview(request, lesson):
    """The lesson exactly as it will be published: its own page template, with the draft."""
    draft = sharing.current_version(lesson)
    context = draft.get_context(request)
    context["preview_of"] = lesson
    return TemplateResponse(request, "lessons/share/preview.html", context)


@champions_only
@post_only
@editable
def submit(request, lesson):
    try:
        sharing.submit(lesson, request.user)
    except ValidationError as error:
        for message in error.messages:
            messages.error(request, message)
        return redirect("lessons:share_check", lesson.pk)
    return redirect("lessons:share_sent", lesson.pk)


@champions_only
def sent(request, lesson):
    if not sharing.is_locked(lesson):
        return redirect("lessons:share_check", lesson.pk)
    draft = sharing.current_version(lesson)
    return TemplateResponse(
        request,
        "lessons/share/sent.html",
        {
            "lesson": lesson,
            "draft": draft,
            "reviewers": _reviewers_phrase(draft),
            "review_days": settings.LESSON_REVIEW_DAYS,
        },
    )


@champions_only
@post_only
def withdraw(request, lesson):
    if sharing.is_locked(lesson):
        withdraw_from_review(lesson, request.user)
        messages.success(
            request,
            "Your lesson is back with you as a draft. Change what you need to, then send it again.",
        )
    return redirect("lessons:share_check", lesson.pk)


# My lessons

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
        {
            "sections": sections,
            "has_lessons": any(by_status.values()),
            "review_days": settings.LESSON_REVIEW_DAYS,
        },
    )
