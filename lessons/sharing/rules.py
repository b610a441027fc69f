"""Sharing a lesson on the site: the model side of the guided form at /lessons/share/.

A lesson being shared is an unpublished LessonPage owned by its champion. Each step of the
form changes the lesson as its latest revision has it and saves a new revision, so the champion
can stop at any point and carry on from "My lessons". For a lesson that has never been
published the page row is kept in step too, so that the title and network reviewers see (and
route by) are right; for a published lesson only a revision is saved, and the published
version stays up until a reviewer approves the edit.

Who reviews, and how, is in lessons/moderation; the views in lessons/sharing/views.py and
checking.py only parse forms and call these functions.
"""

from dataclasses import dataclass

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Count
from django.utils.text import slugify

from wagtail.models import Page

from core.fulltext import Matches, clean_query, match, search_words
from lessons.models import (
    RESERVED_SLUGS,
    LessonIndexPage,
    LessonMaturityLink,
    LessonPage,
    LessonRelation,
    LessonTheme,
    in_order,
)
from lessons.moderation.workflow import Status, status_of, submit_for_review
from lessons.similarity import Context, similar_lessons
from lessons.vocabulary import Kind, Relation
from maturity.models import Framework
from network.models import NetworkPage, networks_joined

SIMILAR_BEFORE_SUBMITTING = 5
SUGGESTED_THEMES = 24


# Who may share, and what


def may_share(user):
    """Signed in, active, and with a verified email address."""
    return user.is_authenticated and user.is_active and user.has_verified_email


def lessons_of(champion):
    """The lessons this person shared or started, or co-authors: only they may open them in
    the form."""
    return LessonPage.objects.authored_by(champion)


def networks_for(champion):
    """The networks a champion may share a lesson with: those they belong to (none for
    someone signed out)."""
    if not champion.is_authenticated:
        return NetworkPage.objects.none()
    return (
        NetworkPage.objects.live().filter(memberships__user=champion).distinct().order_by("title")
    )


def may_share_with(champion, network, request=None):
    """The rule of networks_for, for one network: whether to invite them to share with it.
    Given the request being answered for `champion`, their networks are read once for all
    that ask (network.models.networks_joined); tested equal to networks_for."""
    if request is not None:
        return network.live and network.pk in networks_joined(champion, request)
    return networks_for(champion).filter(pk=network.pk).exists()


def invited_network(champion, slug):
    """(network, refusal) for a "share with" link's ?network=slug: the network, if the champion
    may share with it; otherwise None and why not, in words ("" when the link names none)."""
    if not slug:
        return None, ""
    network = NetworkPage.objects.live().filter(slug=slug).first()
    if network is None:
        return None, (
            "The link you followed names a network we cannot find, so your lesson is not "
            "shared with it. You can choose where to share it later."
        )
    if not may_share_with(champion, network):
        return None, (
            f"You are not a member of {network.title}, so you cannot share a lesson with it. "
            "You can choose one of your networks, or the whole site, later."
        )
    return network, ""


def is_locked(lesson):
    """A lesson in review is its reviewers' to change; the champion may withdraw it first."""
    return status_of(lesson)[0] == Status.IN_REVIEW


# Drafts


def current_version(lesson):
    """The lesson as its latest revision has it: what the champion is working on."""
    revision = lesson.latest_revision
    return lesson.with_content_json(revision.content) if revision else lesson


def start(champion, *, kind, title, summary, network=None):
    """A new lesson, unpublished and owned by the champion, with its first revision."""
    if not may_share(champion):
        raise PermissionDenied("Sign in with a verified email address to share a lesson.")
    lesson = LessonPage(
        kind=kind,
        title=title,
        summary=summary,
        network=network,
        network_chosen=network is not None,  # invited by the network's own page
        owner=champion,
        live=False,
    )
    with transaction.atomic():
        index = _locked_index()
        lesson.slug = _free_slug(title)
        index.add_child(instance=lesson)
        lesson.save_revision(user=champion, log_action=True)
    return lesson


class StepChanged(Exception):
    """A step's answers changed since its form was shown (saved from another tab or window):
    nothing was saved. `draft` is the lesson as it is now, `revision_id` its latest revision."""

    def __init__(self, draft, revision_id):
        super().__init__("This step was changed meanwhile.")
        self.draft, self.revision_id = draft, revision_id


@transaction.atomic
def save_step(lesson, change, by, *, shown=None, answers=None):
    """Make one step's change to the lesson as its latest revision has it *now*, and save the
    result as a new revision: `change(draft)` changes the draft in place.

    Saves of one lesson wait for each other (its page row is locked on PostgreSQL; on SQLite
    the immediate transaction lets one writer in at a time), and each applies its own change to
    what the one before saved, so saves of different steps at the same moment all keep their
    answers. `shown` is the revision the form was shown from and `answers(draft)` the step's
    own answers: if they changed since (the same step saved meanwhile), nothing is saved and
    StepChanged says what the step holds now. A change that returns False changed nothing:
    nothing is saved, and the answer is None."""
    Page.objects.select_for_update().filter(pk=lesson.pk).values_list("pk").first()
    lesson = LessonPage.objects.get(pk=lesson.pk)
    draft = current_version(lesson)
    if answers is not None and shown is not None and shown != lesson.latest_revision_id:
        before = lesson.revisions.filter(pk=shown).first()
        if before is None or answers(lesson.with_content_json(before.content)) != answers(draft):
            raise StepChanged(draft, lesson.latest_revision_id)
    if change(draft) is False:
        return None
    return save_draft(lesson, draft, by)


@transaction.atomic
def save_draft(lesson, draft, by):
    """Save `draft` (the lesson with one step's answers applied) as the lesson's new revision.
    The form's views go through `save_step`, which applies their change to the latest
    revision under a lock: a draft read earlier would undo what was saved since."""
    if not lesson.is_author(by):
        raise PermissionDenied("Only the lesson's authors may change it here.")
    if is_locked(lesson):
        raise PermissionDenied("This lesson is in review: withdraw it to change it.")
    if not lesson.live:
        # Nobody reads the row of an unpublished lesson, but reviewers are chosen by its
        # network and the admin lists it by title: keep them, and its address, in step.
        if lesson.first_published_at is None and draft.title != lesson.title:
            _locked_index()
            draft.slug = _free_slug(draft.title, lesson)
        draft.save()
    return draft.save_revision(user=by, log_action=True)


def _locked_index():
    """The lessons index, its row locked until the transaction ends, so that lessons are given
    their addresses one at a time: two champions starting (or renaming) lessons with the same
    title at once each get a free slug, the second seeing the first's. On PostgreSQL this is
    the row lock; on SQLite the immediate transaction already lets one writer in at a time.
    Call it inside the transaction that chooses the slug and saves the page."""
    return LessonIndexPage.objects.select_for_update().get()


def _free_slug(title, lesson=None):
    """A slug for the title that no other lesson has: call it after `_locked_index()`."""
    base = slugify(title)[:70].strip("-") or "lesson"
    if base in RESERVED_SLUGS:
        base = f"{base}-lesson"
    taken = set(
        LessonPage.objects.filter(slug__startswith=base)
        .exclude(pk=getattr(lesson, "pk", None))
        .values_list("slug", flat=True)
    )
    slug, n = base, 1
    while slug in taken:
        n += 1
        slug = f"{base}-{n}"
    return slug


# What a lesson still needs


@dataclass(frozen=True)
class Gap:
    """Something a lesson lacks, and the step of the form where it is given."""

    step: str
    message: str


def missing_to_submit(draft, champion):
    """What a lesson must have before it can be sent for review: the short path is a title,
    summary and kind (the first step), a network or the whole site, and one factor."""
    gaps = []
    if not any(block.value["statement"] for block in draft.factors):
        gaps.append(Gap("factors", "Add at least one success factor or barrier, and why"))
    if not draft.network_chosen:
        gaps.append(Gap("network", "Choose who reviews your lesson: a network or the whole site"))
    elif draft.network_id and not networks_for(champion).filter(pk=draft.network_id).exists():
        gaps.append(Gap("network", "Choose a network you belong to, or share with the whole site"))
    return gaps


def missing_for_complete(draft):
    """What would make the lesson complete, so that others can judge whether it applies to
    them. None of it stops the champion sending the lesson for review."""
    gaps = []
    for question, text in zip(
        draft.questions, (draft.intended, draft.what_happened, draft.outcome), strict=True
    ):
        if not text.strip():
            gaps.append(Gap("story", f"Answer “{question}”"))
    if not draft.recommendations:
        gaps.append(Gap("story", "Add a recommendation for someone trying this elsewhere"))
    context = [
        label
        for label, value in (
            ("the type of organisation", draft.organisation_type),
            ("the setting", draft.setting),
            ("the region", draft.region),
            ("the scale", draft.scale),
            ("when it happened", draft.date),
        )
        if not value
    ]
    if context:
        gaps.append(Gap("context", "Say " + _and(context)))
    team = list(draft.team_members.all())
    if not team:
        gaps.append(Gap("team", "Add the team: each member's role and years of experience"))
    without_years = [member.role for member in team if member.years_experience is None]
    if without_years:
        gaps.append(Gap("team", f"Add the years of experience of {_and(without_years)}"))
    for block in draft.factors:
        factor = block.value
        if not factor["root_cause"]:
            gaps.append(Gap("factors", f"Add the root cause of “{factor['statement']}”"))
        if not factor["actions"]:
            gaps.append(Gap("factors", f"Add the actions behind “{factor['statement']}”"))
    if not draft.maturity_links.all():
        gaps.append(Gap("maturity", "Link the lesson to a maturity outcome and level"))
    if not draft.themes.all():
        gaps.append(Gap("themes", "Add at least one theme"))
    if not draft.evidence:
        gaps.append(Gap("evidence", "Add a link to the evidence: a report, data or a paper"))
    if draft.kind == Kind.CASE_STUDY and not draft.has_impact:
        gaps.append(Gap("impact", "Say what impact the case study had, and who benefited"))
    elif draft.kind == Kind.CASE_STUDY and not draft.impact_corroboration:
        gaps.append(Gap("impact", "Add a source that corroborates the impact"))
    return gaps


def _and(words):
    words = list(words)
    return words[0] if len(words) == 1 else ", ".join(words[:-1]) + " and " + words[-1]


@transaction.atomic
def submit(lesson, by):
    """Send the lesson as its latest revision has it to its reviewers."""
    if gaps := missing_to_submit(current_version(lesson), by):
        raise ValidationError([gap.message for gap in gaps])
    return submit_for_review(lesson, by)


# Reading a draft's references in a few queries


def with_references(draft):
    """Load the frameworks of the draft's maturity outcomes in one query. (The outcomes, linked
    lessons and themes themselves come with the revision: see LessonPage.from_serializable_data.)"""
    links = list(draft.maturity_links.all())
    frameworks = Framework.objects.in_bulk({link.dimension.framework_id for link in links})
    for link in links:
        link.dimension.framework = frameworks[link.dimension.framework_id]
    return draft


# Factors


def remove_factor(draft, block_id):
    """Take one success factor or barrier out; whether there was one with that id."""
    kept = [block for block in draft.factors.raw_data if block.get("id") != block_id]
    removed = len(kept) < len(draft.factors)
    if removed:
        draft.factors = kept
    return removed


# Themes


def suggested_themes(user, limit=SUGGESTED_THEMES):
    """Themes already used on lessons this person may read, most used first."""
    readable = LessonPage.objects.readable_by(user)
    return list(
        LessonTheme.objects.filter(content_object__in=readable)
        .values_list("tag__name", flat=True)
        .annotate(uses=Count("pk"))
        .order_by("-uses", "tag__name")[:limit]
    )


def set_themes(draft, names):
    draft.themes.set(list(dict.fromkeys(names)))


# Maturity outcomes


def link_maturity(draft, dimension, level):
    """Say which level of an outcome the lesson speaks to (one level per outcome)."""
    links = [link for link in draft.maturity_links.all() if link.dimension_id != dimension.pk]
    draft.maturity_links = in_order([*links, LessonMaturityLink(dimension=dimension, level=level)])


def unlink_maturity(draft, dimension_id):
    draft.maturity_links = in_order(
        [link for link in draft.maturity_links.all() if link.dimension_id != dimension_id]
    )


# Related lessons


def may_link_to(lesson, champion):
    """The lessons a champion's lesson may link to: those they may read, except itself."""
    return LessonPage.objects.readable_by(champion).exclude(pk=lesson.pk)


def link_lesson(draft, target, relation):
    if relation not in Relation.values:
        raise ValidationError("Choose how the lessons relate.")
    links = [link for link in draft.related_links.all() if link.target_id != target.pk]
    draft.related_links = in_order([*links, LessonRelation(target=target, relation=relation)])


def unlink_lesson(draft, target_id):
    draft.related_links = in_order(
        [link for link in draft.related_links.all() if link.target_id != target_id]
    )


# At most this many lessons about the same things as a draft are ranked by their context.
ABOUT_THE_SAME_THINGS = 200


def about_the_same_things(draft, readable):
    """The lessons of `readable` (those the champion may read) whose titles have the draft's
    title's words (core.fulltext.match on titles), those with the most of them first, then the
    most relevant, at most ABOUT_THE_SAME_THINGS: what a lesson is about is in its title, and
    matching every lesson's whole text found thousands at 10,000 lessons, for a word that they
    mention in passing."""
    title, _ = clean_query(draft.title)
    if not search_words(title):
        return Matches([])
    about = match(readable.exclude(pk=draft.pk), title, fields=["title"])
    about.ids = about.ids[:ABOUT_THE_SAME_THINGS]
    about.found = {pk: about.found[pk] for pk in about.ids}
    return about


@dataclass
class SimilarLesson:
    lesson: LessonPage
    why: list


def similar_to(draft, champion, limit=SIMILAR_BEFORE_SUBMITTING):
    """Published lessons the champion may read that are most like theirs: first those about
    the same things (their titles have the title's words: about_the_same_things), then those
    from the closest contexts; each with the plain-language reasons of the similar-context
    ranking."""
    context = Context.of_lesson(draft)
    context.training = " ".join(
        training for member in draft.team_members.all() for training in member.training_list
    )
    found = []
    readable = LessonPage.objects.readable_by(champion)  # asked once for both rankings
    about = about_the_same_things(draft, readable)
    if about.ids:
        ranked = similar_lessons(
            champion, context, limit=limit, exclude=draft, readable=readable, about=about
        )
        found += [
            SimilarLesson(item.lesson, ["it is about the same things", *item.why])
            for item in ranked
        ]
    if len(found) < limit:
        seen = {item.lesson.pk for item in found}
        found += [
            SimilarLesson(item.lesson, item.why)
            for item in similar_lessons(
                champion, context, limit=limit, exclude=draft, readable=readable
            )
            if item.score > 0 and item.lesson.pk not in seen
        ]
    return found[:limit]
