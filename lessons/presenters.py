"""What the lessons index and a lesson's page show besides their own fields: the context their
templates get (LessonIndexPage.get_context and LessonPage.get_context ask for it). Each piece
asks the read rules, so a reader sees only what they may."""

import functools

from django.core.paginator import Paginator
from django.db.models import Exists, OuterRef, Prefetch, prefetch_related_objects

from taggit.models import Tag

from lessons.feeds import lessons_alternates
from lessons.models import (
    LESSONS_PER_PAGE,
    CoAuthor,
    LessonMaturityLink,
    LessonPage,
    LessonRelation,
    LessonTheme,
)
from lessons.models.querysets import LINK_FIELDS, networks_of, reader_key
from lessons.sections import LESSON_PAGE
from lessons.similar_box import SIMILAR_IN_BOX, similar_box
from lessons.similarity import Context, similar_lessons
from lessons.vocabulary import Kind
from network.models import Profile
from network.sections import sections_for


def lesson_page(request, lesson):
    """What a lesson's page shows besides the lesson itself."""
    # Onto the lesson itself, so the similar-contexts ranking reads the same links. A preview's
    # links come from its revision and win over these.
    # Its themes and links too: the page, its metadata (JSON-LD), the themes that list it and
    # the similar-contexts ranking each read them, once between them.
    prefetch_related_objects(
        [lesson],
        Prefetch("maturity_links", queryset=LessonMaturityLink.labelled()),
        "themes",
        "related_links",
    )
    useful_count, found_useful = lesson.useful_count_for(request.user)
    # Asked once here for the related lessons, the similar box and its fragment's key.
    networks = networks_of(request.user)
    applications = list(lesson.applications.all())
    # Every application of the lesson is read for the page: the learned rule over them, as
    # listings annotate it (with_application_summary), so is_learned asks no query of its own.
    lesson.is_learned = any(application.has_reported_result for application in applications)
    author, co_authors = people_of(request.user, lesson, applications)
    return {
        "team": list(lesson.team_members.all()),
        "maturity_links": list(lesson.maturity_links.all()),
        "theme_list": list(lesson.themes.all()),
        "author": author,
        "co_authors": co_authors,
        # Ranked only when the page's shared fragment of them is not kept (lesson_page.html),
        # which is keyed by what the read rule asks of the reader.
        "similar": functools.cache(lambda: similar_to(request, lesson, networks)),
        "reader_key": functools.cache(lambda: reader_key(request.user, networks)),
        "applications": applications,
        # The page is shown only to those who may read it (or preview it): its files are theirs.
        "evidence_files": list(lesson.evidence_files.all()),
        "useful_count": useful_count,
        "found_useful": found_useful,
        "sections": sections_for(LESSON_PAGE, request, lesson),
        "may_correct": lesson.is_correctable_by(request.user, request),
        "impact_types": lesson.impact_labels("impact_types"),
        "impact_beneficiaries": lesson.impact_labels("impact_beneficiaries"),
        **related_lessons(networks, lesson),
    }


def related_lessons(networks, lesson):
    """The earlier lessons this one links to, and the lessons that link to it, each only if
    a reader of these networks (networks_of) may read it. A link is part of the linking
    lesson's published version (or of the draft being previewed), so a draft's links reach no
    other lesson's page."""
    links = list(lesson.related_links.all())
    readable = LessonPage.objects.readable_by_members_of(networks)
    targets = readable.for_links().in_bulk({link.target_id for link in links})
    linked_from = (
        LessonRelation.objects.filter(target_id=lesson.pk, lesson__in=readable)
        .select_related("lesson")
        .only("relation", "lesson", *(f"lesson__{name}" for name in LINK_FIELDS))
        .order_by("lesson__title")
    )
    return {
        "links_to": [
            (link.get_relation_display(), targets[link.target_id])
            for link in links
            if link.target_id in targets
        ],
        "linked_from": [(link.get_relation_display(), link.lesson) for link in linked_from],
    }


def people_of(reader, lesson, applications):
    """The profiles this reader may see of the lesson's people, read in one query after the
    co-authors' ids: (the
    champion's profile, [the co-authors' profiles]; None and [] for those they may not see)
    and, onto each of the lesson's applications, `profile`: its applier's profile if this reader
    may see it (else None: the context is shown without a name), and `is_own`, whether the
    reader applied it (and so may record its result)."""
    # Plain lists rather than subqueries of the co-authors: building and compiling those cost
    # more than this query of their ids.
    co_author_ids = set(CoAuthor.objects.filter(lesson=lesson.pk).values_list("user_id", flat=True))
    appliers = {a.applier_id for a in applications if a.applier_id}
    profiles = list(
        Profile.objects.visible_to(reader)
        .filter(user_id__in={lesson.owner_id, *co_author_ids, *appliers} - {None})
        .order_by("display_name", "pk")
    )
    by_user = {p.user_id: p for p in profiles}
    for application in applications:
        application.profile = by_user.get(application.applier_id)
        application.is_own = reader.is_authenticated and application.applier_id == reader.pk
    return (
        by_user.get(lesson.owner_id),
        [p for p in profiles if p.user_id in co_author_ids and p.user_id != lesson.owner_id],
    )


def similar_to(request, lesson, networks):
    """Lessons from contexts most like this one's, that this reader (of these networks) may
    read: kept between changes for the published lesson, worked out afresh for a preview of a
    draft."""
    if not getattr(request, "is_preview", False):
        return similar_box(request.user, lesson, networks)
    context = Context.of_lesson(lesson)
    found = similar_lessons(request.user, context, limit=SIMILAR_IN_BOX, exclude=lesson)
    return [item for item in found if item.score > 0]


def lesson_listing(request, index_page):
    """The lessons index: visible lessons, filtered by kind and theme, a page at a time."""
    # The reader's networks asked once, for the lessons and the themes alike.
    readable = LessonPage.objects.readable_by_members_of(networks_of(request.user))
    lessons = readable.child_of(index_page)

    kind = request.GET.get("kind", "")
    if kind not in Kind.values:
        kind = ""
    if kind:
        lessons = lessons.filter(kind=kind)

    theme = request.GET.get("theme", "").strip()
    if theme:
        lessons = lessons.filter(themes__name__iexact=theme)

    lessons = LessonPage.with_reading_relations(lessons.order_by("-date", "title"))
    page = Paginator(lessons, LESSONS_PER_PAGE).get_page(request.GET.get("page"))

    # Each tag looks for one readable lesson of its own (from the index on the tag) and stops
    # there, where gathering every readable lesson's tags read them all; nested, so that
    # neither SQLite nor PostgreSQL joins every lesson of a tag first.
    tagged = LessonTheme.objects.filter(tag=OuterRef("pk")).filter(
        Exists(readable.filter(pk=OuterRef("content_object_id")))
    )
    themes = Tag.objects.filter(Exists(tagged)).order_by("name")

    query = request.GET.copy()
    query.pop("page", None)
    return {
        "lessons": page,
        "kinds": Kind.choices,
        "themes": themes,
        "chosen_kind": kind,
        "chosen_theme": theme,
        "filter_query": query.urlencode(),
        "feeds": lessons_alternates(),
    }
