"""Sharing a lesson on the site: "Check your answers", the preview, sending it for review or
taking it back, and "My lessons". Like the steps (views.py), only a lesson's champion may open
these."""

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.db.models import Q
from django.shortcuts import redirect, render
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.dateformat import format as date_format
from django.views.decorators.http import require_POST

from lessons.moderation.workflow import (
    Status,
    lessons_by_status,
    status_of,
    withdraw_from_review,
)
from lessons.sharing import rules as sharing
from lessons.sharing.impact_form import impact_answers
from lessons.sharing.views import STEP, champions_only, editable, linked_of, links_of, step_url
from lessons.vocabulary import FactorType, Relation
from maturity.models import Level

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
            "linked": linked_of(draft),
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


def _shared_with(draft):
    if not draft.network_chosen:
        return "Not answered yet"
    return draft.network.title if draft.network_id else "The whole site"


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
                (link.dimension.full_label, link.dimension.level_label(link.level, words))
                for link, words in _level_words(draft.maturity_links.all())
            ),
        )
        or rows("maturity", ("Outcomes", "")),
        "themes": rows("themes", ("Themes", ", ".join(tag.name for tag in draft.themes.all()))),
        "network": rows(
            "network",
            ("Shared with", _shared_with(draft)),
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
        "impact": rows("impact", *impact_answers(draft)) or rows("impact", ("Impact", "")),
        "related": rows(
            "related", *((link["relation"], link["target"].title) for link in links_of(draft))
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
@require_POST
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
@require_POST
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
    by_status = {
        status: [{"lesson": lesson, "comment": comment} for lesson, comment in found]
        for status, found in lessons_by_status(request.user).items()
    }
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


def _level_words(links):
    """Each maturity link with its level's short descriptor, found in one query for them all
    (the label scheme: "QIOF Outcome 2 · level 2: delivering to teams")."""
    links = list(links)
    if not links:
        return []
    wanted = Q()
    for link in links:
        wanted |= Q(dimension_id=link.dimension_id, number=link.level)
    words = {
        (dimension_id, number): descriptor
        for dimension_id, number, descriptor in Level.objects.filter(wanted).values_list(
            "dimension_id", "number", "short_descriptor"
        )
    }
    return [(link, words.get((link.dimension_id, link.level), "")) for link in links]
