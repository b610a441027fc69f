"""Reading lessons/v1 in (import_lessons): apply_lesson is the one mapping from a lessons/v1
lesson to the model, used by the importer, the demo loader (through it) and bench_search.
Imports take a lock, so that one runs at a time."""

import datetime
from contextlib import contextmanager
from dataclasses import dataclass, field

from django.db import connection, transaction

from wagtail.models import ReferenceIndex
from wagtail.signal_handlers import disable_reference_index_auto_update

from core.search_bulk import indexed_afterwards
from core.text import without_control_characters
from core.vocabulary import Visibility
from lessons.exchange.exporter import lesson_to_dict, network_to_dict, saved_version
from lessons.exchange.validation import InvalidDocument, validate
from lessons.models import (
    Application,
    LessonMaturityLink,
    LessonPage,
    LessonRelation,
    TeamMember,
    in_order,
)
from lessons.models.impact import figure
from lessons.similar_box import changes_counted_once
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


def apply_lesson(page, data, network, dimensions, lessons):
    """Set every field of a lesson page from its lessons/v1 form, in memory. lessons/v1 allows
    control characters everywhere; in one-line fields (titles, the setting, roles, factors'
    statements, evidence titles) they become spaces, as the site's forms refuse them there.

    `dimensions` maps dimension codes to dimensions, `lessons` the slugs in `related` to
    lesson pages.
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
    page.themes.set(list(dict.fromkeys(data.get("themes", []))))
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
    added = 0
    for entry in entries:
        values = application_values(entry)
        if not Application.objects.filter(lesson=page, **values).exists():
            Application.objects.create(lesson=page, applier=None, **values)
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


def _create_lesson_page(data, lesson_index, network, dimensions, lessons):
    """A new lesson page, not live yet."""
    page = LessonPage()
    apply_lesson(page, data, network, dimensions, lessons)
    page.live = False
    lesson_index.add_child(instance=page)
    return page


def _import_lesson(data, page, created, lesson_index, networks, dimensions, lessons):
    """Create or update one lesson; returns "created", "updated" or "unchanged", and the page.

    `page` is the lesson's page if it exists, and `created` whether this import made it."""
    network = networks.get(data.get("network"))
    publish = data.get("status", "published") == "published"
    # Wagtail would rebuild the page's reference index after every save of the page and of each
    # child row (team member, maturity link, theme): a dozen times per lesson. Once is enough.
    with disable_reference_index_auto_update():
        if page is None:
            page = _create_lesson_page(data, lesson_index, network, dimensions, lessons)
            _write(page, publish)
            changed = created = True
        else:
            changed = _update_lesson(data, page, created, network, dimensions, lessons, publish)
        added = add_applications(page, data.get("applications", []))
    if changed:
        ReferenceIndex.create_or_update_for_object(LessonPage.objects.get(pk=page.pk))
    if created:
        return "created", page
    return ("updated" if changed or added else "unchanged"), page


def _update_lesson(data, existing, created, network, dimensions, lessons, publish):
    """Write the lesson's content if it differs from the file's; returns whether it did."""
    page = saved_version(existing)
    before = None if created else lesson_to_dict(page)
    apply_lesson(page, data, network, dimensions, lessons)
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


def import_document(document, indexes, progress=None, allow_visibility_change=False):
    """Validate the whole document, then create or update its networks and lessons by slug.

    `indexes` gives the (lesson index, network index) pages to add new pages under; it is
    called once the document is known to be valid, so that an invalid document changes nothing
    at all. Raises InvalidDocument if there is any error. Imports run one at a time, and each
    validates against the site as the import before it left it.
    """
    with (
        one_import_at_a_time(),
        changes_counted_once(),
        indexed_afterwards(LessonPage) as saved,
    ):
        errors = validate(document, allow_visibility_change=allow_visibility_change)
        if errors:
            raise InvalidDocument(errors)

        result = ImportResult()
        lesson_index, network_index = indexes()
        networks = {}
        for data in document.get("networks", []):
            network, outcome = _import_network(data, network_index)
            networks[network.slug] = network
            result.networks.add(outcome)
        lessons = document["lessons"]
        named = {data.get("network") for data in lessons} - set(networks) - {None}
        networks.update({n.slug: n for n in NetworkPage.objects.filter(slug__in=named)})
        dimensions = Dimension.objects.in_bulk(field_name="code")

        linked = {link["slug"] for data in lessons for link in data.get("related", [])}
        wanted = linked | {data["slug"] for data in lessons}
        pages = {page.slug: page for page in LessonPage.objects.filter(slug__in=wanted)}
        # A lesson may link to one later in the file: lessons that are linked to are created
        # before any lesson is written in full, so that every link has its target.
        created = set()
        for data in lessons:
            if data["slug"] in linked and data["slug"] not in pages:
                network = networks.get(data.get("network"))
                with disable_reference_index_auto_update():
                    pages[data["slug"]] = _create_lesson_page(
                        {**data, "related": []}, lesson_index, network, dimensions, lessons={}
                    )
                created.add(data["slug"])
                saved.add(pages[data["slug"]].pk)

        for number, data in enumerate(lessons, start=1):
            slug = data["slug"]
            outcome, page = _import_lesson(
                data, pages.get(slug), slug in created, lesson_index, networks, dimensions, pages
            )
            result.lessons.add(outcome)
            if outcome != "unchanged":
                saved.add(page.pk)
            if progress:
                progress(number, len(lessons))
    return result
