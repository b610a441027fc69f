"""Reading lessons/v1 in (import_lessons): apply_lesson is the one mapping from a lessons/v1
lesson to the model, used by the importer, the demo loader (through it) and bench_search.
Imports take a lock, so that one runs at a time."""

import datetime
from contextlib import contextmanager, nullcontext
from dataclasses import dataclass, field
from itertools import batched

from django.db import connection, transaction
from django.db.models import Prefetch

from wagtail.models import ReferenceIndex
from wagtail.signal_handlers import disable_reference_index_auto_update

from core.search_bulk import indexed_afterwards
from core.statement_log import forget_logged_statements
from core.text import without_control_characters
from core.vocabulary import Visibility
from lessons.exchange.creating import BATCH, NewLessons, Themes, new_applications
from lessons.exchange.exporter import lesson_to_dict, network_to_dict, saved_version
from lessons.exchange.reading import as_source
from lessons.exchange.validation import InvalidDocument, check
from lessons.models import (
    Application,
    LessonMaturityLink,
    LessonPage,
    LessonRelation,
    TeamMember,
    in_order,
)
from lessons.models.impact import figure
from lessons.similar_box import changes_counted_once, lessons_changed
from maturity.models import Dimension
from network.models import NetworkPage


@dataclass
class Tally:
    created: int = 0
    updated: int = 0
    unchanged: int = 0

    def add(self, outcome):
        setattr(self, outcome, getattr(self, outcome) + 1)

    def __str__(self):
        return f"created {self.created}, updated {self.updated}, unchanged {self.unchanged}"


@dataclass
class ImportResult:
    lessons: Tally = field(default_factory=Tally)
    networks: Tally = field(default_factory=Tally)

    def summary(self):
        """The contract's line: lessons first, then networks."""
        return f"{self.lessons}; networks: {self.networks}"


def _lines(values):
    return "\n".join(" ".join(value.split()) for value in values or [])


def _date(text):
    return datetime.date.fromisoformat(text) if text else None


def apply_lesson(page, data, network, dimensions, lessons, themes=None):
    """Set every field of a lesson page from its lessons/v1 form, in memory. lessons/v1 allows
    control characters everywhere; in one-line fields (titles, the setting, roles, factors'
    statements, evidence titles) they become spaces, as the site's forms refuse them there.

    `dimensions` maps dimension codes to dimensions, `lessons` the slugs in `related` to
    lesson pages; `themes`, if given, turns theme names into tags (creating.Themes).
    """
    context = data.get("context", {})
    page.slug = data["slug"]
    page.title = without_control_characters(data["title"])
    page.kind = data.get("kind", "lesson")
    page.summary = data["summary"]
    page.visibility = data.get("visibility", Visibility.PUBLIC)
    page.date = _date(data.get("date"))
    page.network = network
    page.organisation_type = context.get("organisation_type", "")
    page.setting = without_control_characters(context.get("setting", ""))
    page.region = context.get("region", "")
    page.scale = context.get("scale", "")
    page.intended = data.get("intended", "")
    page.what_happened = data.get("what_happened", "")
    page.outcome = data.get("outcome", "")
    page.team_members = in_order(
        [
            TeamMember(
                role=without_control_characters(member["role"]),
                years_experience=member.get("years_experience"),
                specialisms=_lines(member.get("specialisms")),
                training=_lines(member.get("training")),
            )
            for member in context.get("team", [])
        ]
    )
    page.factors = [
        {
            "type": "factor",
            "value": {
                "type": factor["type"],
                "statement": without_control_characters(factor["statement"]),
                "whys": factor.get("whys", []),
                "root_cause": factor.get("root_cause", ""),
                "actions": factor.get("actions", []),
            },
        }
        for factor in data.get("factors", [])
    ]
    page.recommendations = [
        {"type": "recommendation", "value": text} for text in data.get("recommendations", [])
    ]
    page.evidence = [
        {
            "type": "link",
            "value": {"title": without_control_characters(link["title"]), "url": link["url"]},
        }
        for link in data.get("evidence", [])
    ]
    page.maturity_links = in_order(
        [
            LessonMaturityLink(dimension=dimensions[link["dimension"]], level=link["level"])
            for link in data.get("maturity", [])
        ]
    )
    page.related_links = in_order(
        [
            LessonRelation(target=lessons[link["slug"]], relation=link["relation"])
            for link in data.get("related", [])
        ]
    )
    names = list(dict.fromkeys(data.get("themes", [])))
    page.themes.set(themes(names) if themes else names)
    apply_impact(page, data.get("impact", {}))


def apply_impact(page, impact):
    """Set a lesson's impact from its lessons/v1 form (absent keys leave it empty)."""
    quote = impact.get("quote", {})
    page.impact_beneficiaries = _field(page, "impact_beneficiaries").in_order(
        impact.get("beneficiaries")
    )
    page.impact_types = _field(page, "impact_types").in_order(impact.get("impact_types"))
    page.impact_decisions_informed = impact.get("decisions_informed")
    page.impact_hours_saved = figure(impact.get("hours_saved"))
    page.impact_money_saved_gbp = figure(impact.get("money_saved_gbp"))
    page.impact_outcome = impact.get("outcome", "")
    page.impact_vignette = impact.get("vignette", "")
    page.impact_quote = quote.get("text", "")
    page.impact_quote_speaker = without_control_characters(quote.get("speaker", ""))
    page.impact_corroboration = [
        {
            "type": "link",
            "value": {"title": without_control_characters(link["title"]), "url": link["url"]},
        }
        for link in impact.get("corroboration", [])
    ]


def _field(page, name):
    return page._meta.get_field(name)


def application_values(data):
    """The model's values for a lessons/v1 application; what the file leaves out is empty."""
    values = {name: data.get(name, "") for name in Application.EXCHANGED_FIELDS}
    values["team_years"] = data.get("team_years")
    values["applied_on"] = _date(data["applied_on"])
    values["result_on"] = _date(data.get("result_on"))
    return values


def add_applications(page, entries):
    """Add the applications a lesson does not have yet; returns how many were added.

    Idempotent: an entry equal in every field to an application the lesson has (imported or
    reported on the site) is the same application."""
    if not entries:
        return 0
    fields = [*Application.EXCHANGED_FIELDS]
    have = {
        tuple(getattr(application, name) for name in fields)
        for application in page.applications.all()
    }
    added = 0
    for entry in entries:
        values = application_values(entry)
        if tuple(values[name] for name in fields) not in have:
            Application.objects.create(lesson=page, applier=None, **values)
            have.add(tuple(values[name] for name in fields))
            added += 1
    return added


def apply_network(network, data):
    """Set a network page's fields from its lessons/v1 form, in memory."""
    network.slug = data["slug"]
    network.title = without_control_characters(data["title"])
    network.purpose = data.get("purpose", "")
    network.visibility = data.get("visibility", Visibility.PUBLIC)


def _import_network(data, network_index):
    """Create or update one network; returns it and "created", "updated" or "unchanged"."""
    network = NetworkPage.objects.filter(slug=data["slug"]).first()
    created = network is None
    if created:
        network = NetworkPage(slug=data["slug"])
    before = None if created else network_to_dict(network)
    apply_network(network, data)
    if created:
        network_index.add_child(instance=network)
    elif before == network_to_dict(network) and network.live:
        return network, "unchanged"
    network.save_revision().publish()
    return network, "created" if created else "updated"


def _is_published(data):
    return data.get("status", "published") == "published"


def _create_lessons(lessons, new, networks, dimensions, themes, pks, progress):
    """Create the lessons the site does not have, in batches (creating.NewLessons): each is
    written once, whole, with one revision. A lesson that links to one later in the file
    waits for it: it is finished once the lessons it links to are written."""
    waiting = []
    for batch in batched(lessons, BATCH):
        pages = []
        for data in batch:
            page = LessonPage()
            network = networks.get(data.get("network"))
            apply_lesson(page, {**data, "related": []}, network, dimensions, {}, themes)
            pages.append(page)
        new.insert(pages, [_is_published(data) for data in batch])
        pks.update((page.slug, page.pk) for page in pages)
        ready, still = [], []
        for page, data in [*waiting, *zip(pages, batch, strict=True)]:
            linked = all(link["slug"] in pks for link in data.get("related", []))
            (ready if linked else still).append((page, data))
        waiting = still
        _finish(new, ready, pks)
        progress(len(batch))
    _finish(new, waiting, pks)


def _finish(new, pages_and_data, pks):
    if not pages_and_data:
        return
    pages = [page for page, _ in pages_and_data]
    links = [
        in_order(
            [
                LessonRelation(target_id=pks[link["slug"]], relation=link["relation"])
                for link in data.get("related", [])
            ]
        )
        for _, data in pages_and_data
    ]
    new.finish(pages, links)
    applications = Application.objects.bulk_create(
        [
            application
            for page, data in pages_and_data
            for application in new_applications(
                page, data.get("applications", []), application_values
            )
        ]
    )
    if applications:  # bulk_create skips Application.save, which keeps the lesson's count
        applied = {application.lesson_id for application in applications}
        LessonPage.objects.filter(pk__in=applied).recount_applications()


def _update_lessons(lessons, networks, dimensions, themes, pks, result, saved, progress):
    """Update the lessons the site has, in batches read with their children at once; a lesson
    whose content and applications are the file's already is left alone, unwritten."""
    for batch in batched(lessons, BATCH):
        targets = {}  # the lessons this batch links to (stand-ins)
        pages = _with_children(
            LessonPage.objects.filter(slug__in=[d["slug"] for d in batch]),
            applications=any(data.get("applications") for data in batch),
        )
        by_slug = {page.slug: page for page in pages}
        for data in batch:
            page = by_slug[data["slug"]]
            for link in data.get("related", []):
                if link["slug"] not in targets:
                    targets[link["slug"]] = _lesson_stand_in(link["slug"], pks[link["slug"]])
            network = networks.get(data.get("network"))
            changed = _update_lesson(data, page, network, dimensions, targets, themes)
            added = add_applications(page, data.get("applications", []))
            if changed:
                ReferenceIndex.create_or_update_for_object(LessonPage.objects.get(pk=page.pk))
            outcome = "updated" if changed or added else "unchanged"
            result.lessons.add(outcome)
            if outcome != "unchanged":
                saved.add(page.pk)
        progress(len(batch))


def _with_children(lessons, applications):
    """Lessons with what lesson_to_dict reads of them (of a linked lesson only its slug), and
    their applications if the file has any for them."""
    lessons = lessons.select_related("network").prefetch_related(
        "themes",
        "team_members",
        "maturity_links__dimension",
        Prefetch("related_links__target", queryset=LessonPage.objects.only("slug")),
    )
    return lessons.prefetch_related("applications") if applications else lessons


def _as_exported(data):
    """A lesson of the file as lesson_to_dict writes it: the status it defaults to written
    out, themes in the export's order, the applications (not part of a lesson's content)
    left out."""
    exported = {key: value for key, value in data.items() if key != "applications"}
    exported.setdefault("status", "published")
    if "themes" in exported:
        exported["themes"] = sorted(dict.fromkeys(exported["themes"]), key=str.lower)
    return exported


def _lesson_stand_in(slug, pk):
    """What a link from one lesson to another needs of its target: its key and slug."""
    target = LessonPage(pk=pk, slug=slug)
    target._state.adding = False
    return target


def _update_lesson(data, existing, network, dimensions, lessons, themes):
    """Write the lesson's content if it differs from the file's; returns whether it did."""
    publish = _is_published(data)
    page = saved_version(existing)
    before = lesson_to_dict(page)
    if before == _as_exported(data):
        # The file holds what an export of the lesson would: applying it would change nothing
        # (export and import are each other's inverse, tests/lessons/test_import_export.py).
        return False
    apply_lesson(page, data, network, dimensions, lessons, themes)
    if {**lesson_to_dict(page), "status": "published" if publish else "draft"} == before:
        return False
    _write(page, publish)
    return True


def _write(page, publish):
    """A new revision of the lesson, published, or kept as a draft (unpublishing it)."""
    if publish:
        page.save_revision().publish()
    else:
        if page.live:
            page.unpublish()
        page.save_revision()


# One import at a time

# The key of the PostgreSQL advisory lock that imports take: any number no other lock uses.
IMPORT_LOCK_KEY = 0x6C6573736F6E73  # "lessons"
# How long an import on SQLite waits for the imports before it to finish.
SQLITE_IMPORT_WAIT_MS = 10 * 60 * 1000


@contextmanager
def one_import_at_a_time():
    """A transaction in which no other import runs.

    Two imports at once would each create the same new network, or index page, and all but
    one would fail. On PostgreSQL an advisory lock, held until the transaction ends, makes the
    others wait; on SQLite the write lock that every transaction takes at its start (IMMEDIATE,
    in settings) does, waited for longer than an ordinary write would wait, since a queue of
    imports may take minutes.
    """
    with _patient_sqlite_writer(), transaction.atomic():
        if connection.vendor == "postgresql":
            with connection.cursor() as cursor:
                cursor.execute("SELECT pg_advisory_xact_lock(%s)", [IMPORT_LOCK_KEY])
        yield


@contextmanager
def _patient_sqlite_writer():
    if connection.vendor != "sqlite" or connection.in_atomic_block:
        yield  # inside a transaction, the write lock is already held
        return
    with connection.cursor() as cursor:
        cursor.execute("PRAGMA busy_timeout")
        usual = cursor.fetchone()[0]
        cursor.execute(f"PRAGMA busy_timeout = {SQLITE_IMPORT_WAIT_MS}")
    try:
        yield
    finally:
        with connection.cursor() as cursor:
            cursor.execute(f"PRAGMA busy_timeout = {int(usual)}")


def import_document(
    document, indexes, progress=None, allow_visibility_change=False, alongside=nullcontext
):
    """Validate the whole document, then create or update its networks and lessons by slug.

    `indexes` gives the (lesson index, network index) pages to add new pages under; it is
    called once the document is known to be valid, so that an invalid document changes nothing
    at all. Raises InvalidDocument if there is any error. Imports run one at a time, and each
    validates against the site as the import before it left it. `alongside` is a context
    manager entered inside the import's transaction (an upper layer's bookkeeping in bulk).
    """
    with (
        one_import_at_a_time(),
        alongside(),
        changes_counted_once(),
        indexed_afterwards(LessonPage) as saved,
    ):
        source = as_source(document)
        checked = check(source, allow_visibility_change=allow_visibility_change)
        if checked.errors:
            raise InvalidDocument(checked.errors)

        result = ImportResult()
        lesson_index, network_index = indexes()
        networks = {}
        for data in source.head.get("networks", []):
            network, outcome = _import_network(data, network_index)
            networks[network.slug] = network
            result.networks.add(outcome)
        named = checked.networks - set(networks)
        networks.update({n.slug: n for n in NetworkPage.objects.filter(slug__in=named)})
        dimensions = Dimension.objects.in_bulk(field_name="code")

        wanted = checked.linked | checked.slugs
        pks = dict(LessonPage.objects.filter(slug__in=wanted).values_list("slug", "pk"))
        new = checked.slugs - set(pks)
        done = 0

        def step(count):
            nonlocal done
            done += count
            forget_logged_statements()
            if progress:
                progress(done, checked.count)

        step(0)
        themes = Themes()
        # Wagtail would rebuild a page's reference index after every save of the page and of
        # each child row (team member, maturity link, theme). Once per lesson is enough.
        # The lessons are read again for each of the two steps (new, then existing), so that
        # no more than a batch of them is in memory.
        with disable_reference_index_auto_update():
            created = (data for data in source.lessons() if data["slug"] in new)
            writer = NewLessons(lesson_index)
            _create_lessons(created, writer, networks, dimensions, themes, pks, step)
            result.lessons.created = len(new)
            saved.update(pks[slug] for slug in new)
            existing = (data for data in source.lessons() if data["slug"] not in new)
            _update_lessons(existing, networks, dimensions, themes, pks, result, saved, step)
        if new:
            # New lessons are written without the signals of a save (creating.py).
            lessons_changed()
    return result
