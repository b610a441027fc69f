"""The "similar lessons" box of a lesson's page, worked out once per lesson and audience.

Scoring every readable lesson is most of a lesson page's work, and its answer is the same for
everyone who belongs to the same networks until a lesson or an application changes. So the
page keeps the answer (lessons.models.SimilarBox) and uses it while no such change has been
committed since (SimilarityGeneration: raised in the changing transaction, so the box is right
as soon as the change is). After a change commits, a task works out again the boxes that
readers have asked for; a box asked for before the task reaches it is worked out there and
then, as before. The box holds ids, scores and the reasons in words (which name maturity
levels, so changes to the framework count too); the lessons themselves are read again through
the read rule.
"""

from contextlib import contextmanager
from contextvars import ContextVar

from django.db import IntegrityError, connection, transaction
from django.db.models import F, JSONField, OuterRef, Prefetch, Subquery
from django.db.models.signals import post_delete, post_save
from django.tasks import task

from lessons.models import (
    Application,
    LessonMaturityLink,
    LessonPage,
    SimilarBox,
    SimilarityGeneration,
)
from lessons.models.querysets import networks_of
from lessons.similarity import Context, Similar, similar_lessons
from maturity.models import Dimension, Level

# Saves that only keep Wagtail's records of drafts and locks change no published context.
BOOKKEEPING = frozenset(
    {
        "draft_title",
        "latest_revision",
        "latest_revision_created_at",
        "has_unpublished_changes",
        "locked",
        "locked_at",
        "locked_by",
    }
)
# How many boxes the task works out before it looks whether a newer change has come.
REFRESH_BATCH = 50
SIMILAR_IN_BOX = 3  # what a lesson's page shows


def similar_box(reader, lesson, networks=None):
    """The lessons most like this live lesson that the reader may read: at most
    SIMILAR_IN_BOX, each with a score above 0, best first. `networks`: the reader's
    (networks_of), where the caller has asked already."""
    networks = networks_of(reader) if networks is None else networks
    audience = ",".join(str(pk) for pk in sorted(networks))
    readable = LessonPage.objects.readable_by_members_of(networks)
    stored = (
        SimilarityGeneration.objects.filter(pk=1)
        .annotate(
            ranked=Subquery(
                SimilarBox.objects.filter(
                    lesson=lesson.pk, audience=audience, generation=OuterRef("number")
                ).values("ranked")[:1],
                output_field=JSONField(),
            )
        )
        .values_list("number", "ranked")
        .first()
    )
    if stored is None:  # no change since the database was made: the count starts here
        SimilarityGeneration.objects.get_or_create(pk=1)
        stored = (0, None)
    generation, ranked = stored
    if ranked is not None:
        # Read again through the read rule: the box names only what this audience may read,
        # and this keeps it so should anything have slipped past the generation.
        found = readable.filter(pk__in=[pk for pk, _, _ in ranked]).for_links().in_bulk()
        return [Similar(found[pk], score, why) for pk, score, why in ranked if pk in found]
    found = _work_out(lesson, readable)
    _store(lesson.pk, audience, generation, found)
    return found


def _work_out(lesson, readable):
    context = Context.of_lesson(lesson)
    found = similar_lessons(None, context, limit=SIMILAR_IN_BOX, exclude=lesson, readable=readable)
    return [item for item in found if item.score > 0]


def _store(lesson_id, audience, generation, found):
    ranked = [[item.lesson.pk, item.score, item.why] for item in found]
    try:
        with transaction.atomic():
            SimilarBox.objects.update_or_create(
                lesson_id=lesson_id,
                audience=audience,
                defaults={"generation": generation, "ranked": ranked},
            )
    except IntegrityError:  # another request stored it first, or the lesson has just gone
        pass


# Set while many lessons change in one transaction (an import): they are counted once, at the
# end, so that the counter's row is locked only briefly rather than for the whole import.
_counting_later = ContextVar("similar_changes_counted_later", default=None)


@contextmanager
def changes_counted_once():
    """Within, changes are counted once, when the block ends (inside the same transaction)."""
    changed = []
    token = _counting_later.set(changed)
    try:
        yield
    finally:
        _counting_later.reset(token)
    if changed:
        lessons_changed()


def lessons_changed():
    """Say, within the changing transaction, that every stored box may now be wrong; once it
    commits, have them worked out again in the background (once per transaction)."""
    if (later := _counting_later.get()) is not None:
        later.append(True)
        return
    if not SimilarityGeneration.objects.filter(pk=1).update(number=F("number") + 1):
        SimilarityGeneration.objects.get_or_create(pk=1, defaults={"number": 1})
    if not any(callback is _refresh_later for _, callback, _ in connection.run_on_commit):
        transaction.on_commit(_refresh_later)


def _refresh_later():
    refresh_similar_boxes.enqueue()


@task()
def refresh_similar_boxes():
    """Work out again the stored boxes that a change has made stale, while no newer change
    comes (its own task will carry on)."""
    while True:
        current = SimilarityGeneration.objects.filter(pk=1).values_list("number", flat=True)
        current = current.first() or 0
        stale = list(
            SimilarBox.objects.filter(generation__lt=current).values_list(
                "pk", "lesson_id", "audience"
            )[:REFRESH_BATCH]
        )
        if not stale:
            return
        lessons = (
            LessonPage.objects.live()
            .prefetch_related(Prefetch("maturity_links", queryset=LessonMaturityLink.labelled()))
            .in_bulk({lesson_id for _, lesson_id, _ in stale})
        )
        for pk, lesson_id, audience in stale:
            lesson = lessons.get(lesson_id)
            if lesson is None:
                SimilarBox.objects.filter(pk=pk).delete()
                continue
            networks = [int(n) for n in audience.split(",") if n]
            readable = LessonPage.objects.readable_by_members_of(networks)
            found = _work_out(lesson, readable)
            _store(lesson_id, audience, current, found)
        latest = SimilarityGeneration.objects.filter(pk=1).values_list("number", flat=True)
        if latest.first() != current:
            return


def _lesson_saved(sender, instance, update_fields=None, raw=False, **kwargs):
    if raw or (update_fields is not None and set(update_fields) <= BOOKKEEPING):
        return
    lessons_changed()


def _changed(sender, **kwargs):
    if not kwargs.get("raw"):
        lessons_changed()


def connect():
    post_save.connect(_lesson_saved, sender=LessonPage, dispatch_uid="similar_box_lesson")
    post_delete.connect(_changed, sender=LessonPage, dispatch_uid="similar_box_lesson_gone")
    for model in (Application, Dimension, Level):
        name = model._meta.label_lower
        post_save.connect(_changed, sender=model, dispatch_uid=f"similar_box_{name}")
        post_delete.connect(_changed, sender=model, dispatch_uid=f"similar_box_{name}_gone")
