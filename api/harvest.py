"""Which lessons other systems may harvest (OAI-PMH at /oai/), their sets, and the records kept
of them (api.models.HarvestRecord).

Harvestable: what anyone may read (LessonPage.objects.readable_by for a reader who is not
signed in), whose network, if it has one, shares its content with anyone (a live, public
network: NetworkPage.objects.sharing_content_with). A lesson of a network that becomes
members-only leaves the repository with it, as its feed does."""

from contextlib import contextmanager
from contextvars import ContextVar
from itertools import batched

from django.contrib.auth.models import AnonymousUser
from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from api.models import HarvestRecord
from lessons.models import LessonPage
from lessons.vocabulary import Kind
from maturity.models import Dimension
from network.models import NetworkPage

KIND, NETWORK, OUTCOME = "kind", "network", "outcome"


def harvestable():
    anyone = AnonymousUser()
    networks = NetworkPage.objects.sharing_content_with(anyone)
    return LessonPage.objects.readable_by(anyone).filter(
        Q(network__isnull=True) | Q(network__in=networks)
    )


def set_specs(lesson):
    """The sets a harvestable lesson is in: its kind, its network, its maturity outcomes."""
    specs = [f"{KIND}:{lesson.kind}"]
    if lesson.network_id:
        specs.append(f"{NETWORK}:{lesson.network.slug}")
    specs += [f"{OUTCOME}:{link.dimension.code}" for link in lesson.maturity_links.all()]
    return specs


def all_sets():
    """(setSpec, setName) of every set: the three groups, then each kind, public network and
    maturity outcome."""
    sets = [
        (KIND, "Kinds of lesson"),
        (NETWORK, "Networks"),
        (OUTCOME, "Maturity outcomes"),
    ]
    sets += [(f"{KIND}:{code}", label) for code, label in Kind.choices]
    networks = NetworkPage.objects.sharing_content_with(AnonymousUser()).order_by("slug")
    sets += [(f"{NETWORK}:{n.slug}", n.title) for n in networks]
    sets += [(f"{OUTCOME}:{d.code}", d.full_label) for d in Dimension.objects.all()]
    return sets


def refresh(lesson_ids, changed=False):
    """Bring the records of these lessons up to date: a harvestable lesson's record is live
    (with a new datestamp if `changed`, or if it was deleted or is new, or its sets moved); a
    record of a lesson no longer harvestable becomes deleted, datestamped now. A lesson that
    was never harvestable gets no record: its id is never shown.

    Within refreshed_together(), the lessons are noted and brought up to date together, a
    batch at a time."""
    if (noted := _together.get()) is not None:
        for lesson_id in lesson_ids:
            noted[lesson_id] = noted.get(lesson_id, False) or changed
        if len(noted) >= TOGETHER_BATCH:
            _refresh_noted(noted)
        return
    _refresh(lesson_ids, changed)


def _refresh(lesson_ids, changed):
    now = timezone.now()
    lessons = {
        lesson.pk: lesson
        for lesson in harvestable()
        .filter(pk__in=lesson_ids)
        .select_related("network")
        .prefetch_related("maturity_links__dimension")
    }
    with transaction.atomic():
        records = {
            r.lesson_id: r
            for r in HarvestRecord.objects.select_for_update().filter(lesson_id__in=lesson_ids)
        }
        new = []
        for lesson_id in lesson_ids:
            record, lesson = records.get(lesson_id), lessons.get(lesson_id)
            if lesson is not None:
                sets = f" {' '.join(set_specs(lesson))} "
                if record is None:
                    new.append(HarvestRecord(lesson_id=lesson_id, changed_at=now, sets=sets))
                elif changed or record.deleted or record.sets != sets:
                    record.changed_at, record.deleted, record.sets = now, False, sets
                    record.save()
            elif record is not None and not record.deleted:
                record.changed_at, record.deleted = now, True
                record.save()
        HarvestRecord.objects.bulk_create(new)


# Lessons noted by refresh() within refreshed_together(): id -> whether changed.
_together = ContextVar("harvest_refreshed_together", default=None)
TOGETHER_BATCH = 500


@contextmanager
def refreshed_together():
    """Within, refresh() only notes its lessons, and their records are brought up to date
    together whenever a batch of them is noted, and at the end (unless an error ends it): an
    import publishing thousands of lessons reads and writes them in bulk rather than once per
    lesson, and keeps no more than a batch of them in memory."""
    if _together.get() is not None:
        yield
        return
    noted = {}
    token = _together.set(noted)
    try:
        yield
    finally:
        _together.reset(token)
    _refresh_noted(noted)


def _refresh_noted(noted):
    for changed in (True, False):
        ids = sorted(lesson_id for lesson_id, was in noted.items() if was is changed)
        for batch in batched(ids, TOGETHER_BATCH):
            _refresh(list(batch), changed=changed)
    noted.clear()
