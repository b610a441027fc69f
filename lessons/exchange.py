"""The lessons/v1 exchange format: validate a document, apply it to the site, write it back out.

import_lessons and export_lessons are thin commands over this module. Validation is complete
before anything is written: every error is collected with its JSON path, and a document with any
error changes nothing. apply_lesson is the one mapping from a lessons/v1 lesson to the model,
used by the importer, the demo loader (through it) and bench_search; lesson_to_dict is its
inverse.
"""

import datetime
import json
import re
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import ValidationError
from django.core.validators import URLValidator
from django.db import connection, transaction
from django.db.models import Prefetch, Q

from wagtail.models import ReferenceIndex
from wagtail.signal_handlers import disable_reference_index_auto_update

from jsonschema import Draft202012Validator, FormatChecker

from core.blocks import LINK_SCHEMES
from core.vocabulary import Visibility
from lessons.models import Application, LessonMaturityLink, LessonPage, LessonRelation, TeamMember
from maturity.models import Dimension
from network.models import NetworkPage, Profile

FORMAT = "lessons/v1"
SCHEMA = json.loads((Path(__file__).parent / "schema" / "lessons-v1.schema.json").read_text())
VALIDATOR = Draft202012Validator(SCHEMA, format_checker=FormatChecker())

NUL = "\x00"
NUL_MESSAGE = "must not contain a NUL character"
SURROGATE_MESSAGE = "must be valid Unicode text (it contains an unpaired surrogate)"
VISIBILITY_FLAG = "--allow-visibility-change"

# The fields of lessons/v1 `applications[]`: all of them together say whether two entries are
# the same application.
APPLICATION_FIELDS = (
    "organisation_type",
    "setting",
    "region",
    "scale",
    "team_years",
    "applied_on",
    "what_we_did",
    "result",
    "result_note",
    "result_on",
)


# Validation


class InvalidDocument(Exception):
    def __init__(self, errors):
        super().__init__(f"{len(errors)} error(s)")
        self.errors = errors


def json_path(parts):
    path = ""
    for part in parts:
        if isinstance(part, int):
            path += f"[{part}]"
        else:
            # An unknown key is shown as written, escaped if it would not print.
            name = part if _problem_in_text(part) is None else json.dumps(part)
            path += f".{name}" if path else name
    return path or "(document)"


def _describe(error):
    """One schema error in words a librarian fixing a file can act on: (path, message)."""
    schema, path = error.schema, list(error.absolute_path)
    kind = error.validator
    if kind == "required":
        missing = [name for name in error.validator_value if name not in error.instance]
        if "then" in error.schema_path:
            return json_path([*path, *missing]), 'is required when visibility is "members"'
        return json_path([*path, missing[0]]), "is required"
    if kind == "additionalProperties":
        allowed = set(schema.get("properties", {}))
        unknown = sorted(set(error.instance) - allowed)
        return json_path([*path, unknown[0]]), "is not a known field (check the spelling)"
    if schema.get("type") == "integer" and {"minimum", "maximum"} <= set(schema):
        return json_path(path), (
            f"must be an integer from {schema['minimum']} to {schema['maximum']}"
        )
    messages = {
        "type": lambda: f"must be {_article(error.validator_value)}",
        "enum": lambda: "must be one of: " + ", ".join(map(str, error.validator_value)),
        "const": lambda: f'must be "{error.validator_value}"',
        "minLength": lambda: (
            "must not be empty"
            if error.validator_value == 1
            else f"must be at least {error.validator_value} characters"
        ),
        "maxLength": lambda: f"must be at most {error.validator_value} characters",
        "minItems": lambda: f"must have at least {error.validator_value} item(s)",
        "maxItems": lambda: f"must have at most {error.validator_value} items",
        "format": lambda: (
            "must be a date written YYYY-MM-DD"
            if error.validator_value == "date"
            else f"must be a valid {error.validator_value}"
        ),
        "pattern": lambda: _pattern_message(error.validator_value),
    }
    message = messages.get(kind, lambda: error.message)()
    return json_path(path), message


def _article(json_type):
    return {
        "object": "an object",
        "array": "a list",
        "string": "a string",
        "integer": "an integer",
    }.get(json_type, f"a {json_type}")


def _pattern_message(pattern):
    if pattern.startswith("^https?"):
        return "must be an http or https address"
    if "\\u0000" in pattern:
        return NUL_MESSAGE
    return "must be lower-case letters and digits, separated by single hyphens"


def validate(document, allow_visibility_change=False):
    """All the errors in a document, as "path: message" lines, in document order.

    Besides the schema: references to networks, lessons and dimensions, duplicates, text
    that cannot be stored (a NUL character anywhere, an unpaired surrogate), and, unless
    allowed, making a network or lesson that is members-only on the site public.
    """
    errors = [_describe(error) for error in VALIDATOR.iter_errors(document)]
    errors += _unstorable_text(document)
    if isinstance(document, dict):
        errors += _check_references(document)
        if not allow_visibility_change:
            errors += _check_visibility(document)
    seen, unique = set(), []
    for item in sorted(errors, key=_document_order):
        if item not in seen:
            seen.add(item)
            unique.append(item)
    return [f"{path}: {message}" for path, message in unique]


def _document_order(item):
    """Sort key for a JSON path: list indexes by number, names by name."""
    parts = re.findall(r"\[(\d+)\]|([^.\[\]]+)", item[0])
    return [(0, int(index), "") if index else (1, 0, name) for index, name in parts]


def _problem_in_text(text):
    """Why a string from the file cannot be stored (PostgreSQL refuses NUL characters, and
    no database takes an unpaired surrogate), or None."""
    if NUL in text:
        return NUL_MESSAGE
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return SURROGATE_MESSAGE
    return None


def _unstorable_text(document):
    """(path, message) for every string anywhere in the document that cannot be stored; the
    schema's NUL pattern covers only some of them. Walked without recursion, however deep."""
    errors, pending = [], [([], document)]
    while pending:
        path, value = pending.pop()
        if isinstance(value, str):
            if problem := _problem_in_text(value):
                errors.append((json_path(path), problem))
        elif isinstance(value, dict):
            pending += [([*path, key], item) for key, item in value.items()]
        elif isinstance(value, list):
            pending += [([*path, index], item) for index, item in enumerate(value)]
    return errors


def _list(value):
    return value if isinstance(value, list) else []


def _items(document, key):
    return [(i, item) for i, item in enumerate(_list(document.get(key))) if isinstance(item, dict)]


def _name(value):
    """A slug or code as written in the file, if it can be looked up at all."""
    return value if isinstance(value, str) and _problem_in_text(value) is None else None


def _check_references(document):
    """Rules the schema cannot state: references, duplicates and well-formed addresses."""
    errors = []
    file_networks = set()
    for i, network in _items(document, "networks"):
        slug = _name(network.get("slug"))
        if slug in file_networks:
            errors.append((f"networks[{i}].slug", f'"{slug}" appears more than once'))
        file_networks.add(slug)
    lessons = _items(document, "lessons")
    named_networks = {_name(lesson.get("network")) for _, lesson in lessons} - {None}
    known_networks = file_networks | set(
        NetworkPage.objects.filter(slug__in=named_networks).values_list("slug", flat=True)
    )
    file_lessons = {_name(lesson.get("slug")) for _, lesson in lessons}
    linked = {
        _name(link.get("slug")) for _, lesson in lessons for _, link in _items(lesson, "related")
    }
    known_lessons = file_lessons | set(
        LessonPage.objects.filter(slug__in=linked - {None}).values_list("slug", flat=True)
    )
    dimension_codes = set(Dimension.objects.values_list("code", flat=True))

    slugs = set()
    url_validator = URLValidator(schemes=LINK_SCHEMES)
    for i, lesson in lessons:
        where = f"lessons[{i}]"
        slug = _name(lesson.get("slug"))
        if slug is not None:
            if slug in slugs:
                errors.append((f"{where}.slug", f'"{slug}" appears more than once'))
            slugs.add(slug)
        network = _name(lesson.get("network"))
        if network is not None and network not in known_networks:
            errors.append(
                (f"{where}.network", f'"{network}" is not a network in this file or on the site')
            )
        dimensions_seen = set()
        for j, link in _items(lesson, "maturity"):
            code = _name(link.get("dimension"))
            if code is None:
                continue
            if code not in dimension_codes:
                errors.append(
                    (f"{where}.maturity[{j}].dimension", f'"{code}" is not a known dimension code')
                )
            elif code in dimensions_seen:
                errors.append(
                    (f"{where}.maturity[{j}].dimension", f'"{code}" is linked more than once')
                )
            dimensions_seen.add(code)
        targets_seen = set()
        for j, link in _items(lesson, "related"):
            target = _name(link.get("slug"))
            if target is None:
                continue
            if target not in known_lessons:
                errors.append(
                    (
                        f"{where}.related[{j}].slug",
                        f'"{target}" is not a lesson in this file or on the site',
                    )
                )
            elif target in targets_seen:
                errors.append(
                    (f"{where}.related[{j}].slug", f'"{target}" is linked more than once')
                )
            targets_seen.add(target)
        for j, link in _items(lesson, "evidence"):
            url = _name(link.get("url"))
            if url is not None:
                try:
                    url_validator(url)
                except ValidationError:
                    errors.append(
                        (f"{where}.evidence[{j}].url", "must be an http or https address")
                    )
    return errors


def _check_visibility(document):
    """Making something members-only public takes an explicit flag: a file that leaves out
    `visibility` (public by default) must not silently open a members-only network or lesson."""
    errors = []
    for key, model in (("networks", NetworkPage), ("lessons", LessonPage)):
        items = _items(document, key)
        members_only = set(
            model.objects.filter(
                slug__in={_name(item.get("slug")) for _, item in items} - {None},
                visibility=Visibility.MEMBERS,
            ).values_list("slug", flat=True)
        )
        for i, item in items:
            if (
                _name(item.get("slug")) in members_only
                and item.get("visibility", "public") == "public"
            ):
                what = "network" if key == "networks" else "lesson"
                errors.append(
                    (
                        f"{key}[{i}].visibility",
                        f'would make the members-only {what} "{item["slug"]}" public; '
                        f"to do that, import again with {VISIBILITY_FLAG}",
                    )
                )
    return errors


# Writing lessons out


def _clean(mapping):
    """Drop absent values so that a field left empty is simply not written."""
    return {key: value for key, value in mapping.items() if value not in (None, "", [], {})}


def lesson_to_dict(page, exported_slugs=None):
    """The lessons/v1 form of a lesson page, keys in the contract's order.

    `related` lists links to lessons in `exported_slugs` only, when given, so that a file
    never names a lesson it does not contain (a published lesson may link to a draft).
    """
    team = [
        _clean(
            {
                "role": member.role,
                "years_experience": member.years_experience,
                "specialisms": member.specialism_list,
                "training": member.training_list,
            }
        )
        for member in page.team_members.all()
    ]
    factors = [
        _clean(
            {
                "type": block.value["type"],
                "statement": block.value["statement"],
                "whys": list(block.value["whys"]),
                "root_cause": block.value["root_cause"],
                "actions": list(block.value["actions"]),
            }
        )
        for block in page.factors
    ]
    related = [
        {"slug": link.target.slug, "relation": link.relation}
        for link in page.related_links.all()
        if exported_slugs is None or link.target.slug in exported_slugs
    ]
    return _clean(
        {
            "slug": page.slug,
            "title": page.title,
            "kind": page.kind,
            "summary": page.summary,
            "status": "published" if page.live else "draft",
            "visibility": page.visibility,
            "date": page.date.isoformat() if page.date else None,
            "network": page.network.slug if page.network_id else None,
            "themes": sorted((tag.name for tag in page.themes.all()), key=str.lower),
            "context": _clean(
                {
                    "organisation_type": page.organisation_type,
                    "setting": page.setting,
                    "region": page.region,
                    "scale": page.scale,
                    "team": team,
                }
            ),
            "intended": page.intended,
            "what_happened": page.what_happened,
            "outcome": page.outcome,
            "factors": factors,
            "recommendations": [block.value for block in page.recommendations],
            "maturity": [
                {"dimension": link.dimension.code, "level": link.level}
                for link in page.maturity_links.all()
            ],
            "evidence": [
                {"title": block.value["title"], "url": block.value["url"]}
                for block in page.evidence
            ],
            "related": related,
        }
    )


def application_to_dict(application):
    """An application as lessons/v1 writes it: the context and the result, never who."""
    values = {name: getattr(application, name) for name in APPLICATION_FIELDS}
    for name in ("applied_on", "result_on"):
        values[name] = values[name].isoformat() if values[name] else None
    return _clean(values)


def exportable_applications():
    """Applications a file may carry: imported ones (no applier) and those whose applier's
    profile anyone may see. A file is read by people outside the site."""
    public_profiles = Profile.objects.visible_to(AnonymousUser())
    return Application.objects.filter(
        Q(applier__isnull=True) | Q(applier__profile__in=public_profiles)
    ).order_by("applied_on", "pk")


def network_to_dict(network):
    return _clean(
        {
            "slug": network.slug,
            "title": network.title,
            "purpose": network.purpose,
            "visibility": network.visibility,
        }
    )


def _current_version(page):
    """A draft's content lives in its latest revision; a live page's in its row."""
    if not page.live and page.latest_revision_id:
        return page.get_latest_revision_as_object()
    return page


def export_document(include_drafts=False):
    lessons = LessonPage.objects.select_related("network").order_by("slug")
    if not include_drafts:
        lessons = lessons.live()
    lessons = list(
        lessons.prefetch_related(
            "themes",
            "team_members",
            "maturity_links__dimension",
            "related_links__target",
            Prefetch(
                "applications",
                queryset=exportable_applications(),
                to_attr="exportable_applications",
            ),
        )
    )
    exported_slugs = {page.slug for page in lessons}
    lesson_dicts = []
    for page in lessons:
        data = lesson_to_dict(_current_version(page), exported_slugs)
        applications = [application_to_dict(a) for a in page.exportable_applications]
        if applications:
            data["applications"] = applications
        lesson_dicts.append(data)
    named = {lesson["network"] for lesson in lesson_dicts if "network" in lesson}
    networks = NetworkPage.objects.filter(slug__in=named).order_by("slug")
    return {
        "format": FORMAT,
        "networks": [network_to_dict(network) for network in networks],
        "lessons": lesson_dicts,
    }


# Reading lessons in


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
    """Set every field of a lesson page from its lessons/v1 form, in memory.

    `dimensions` maps dimension codes to dimensions, `lessons` the slugs in `related` to
    lesson pages.
    """
    context = data.get("context", {})
    page.slug = data["slug"]
    page.title = data["title"]
    page.kind = data.get("kind", "lesson")
    page.summary = data["summary"]
    page.visibility = data.get("visibility", Visibility.PUBLIC)
    page.date = _date(data.get("date"))
    page.network = network
    page.organisation_type = context.get("organisation_type", "")
    page.setting = context.get("setting", "")
    page.region = context.get("region", "")
    page.scale = context.get("scale", "")
    page.intended = data.get("intended", "")
    page.what_happened = data.get("what_happened", "")
    page.outcome = data.get("outcome", "")
    page.team_members = [
        TeamMember(
            role=member["role"],
            years_experience=member.get("years_experience"),
            specialisms=_lines(member.get("specialisms")),
            training=_lines(member.get("training")),
        )
        for member in context.get("team", [])
    ]
    page.factors = [
        {
            "type": "factor",
            "value": {
                "type": factor["type"],
                "statement": factor["statement"],
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
        {"type": "link", "value": {"title": link["title"], "url": link["url"]}}
        for link in data.get("evidence", [])
    ]
    page.maturity_links = [
        LessonMaturityLink(dimension=dimensions[link["dimension"]], level=link["level"])
        for link in data.get("maturity", [])
    ]
    page.related_links = [
        LessonRelation(target=lessons[link["slug"]], relation=link["relation"])
        for link in data.get("related", [])
    ]
    page.themes.set(list(dict.fromkeys(data.get("themes", []))))


def application_values(data):
    """The model's values for a lessons/v1 application; what the file leaves out is empty."""
    values = {name: data.get(name, "") for name in APPLICATION_FIELDS}
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
    network.title = data["title"]
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
    """Create or update one lesson; returns "created", "updated" or "unchanged".

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
        return "created"
    return "updated" if changed or added else "unchanged"


def _update_lesson(data, existing, created, network, dimensions, lessons, publish):
    """Write the lesson's content if it differs from the file's; returns whether it did."""
    page = _current_version(existing)
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
    with one_import_at_a_time():
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

        for number, data in enumerate(lessons, start=1):
            slug = data["slug"]
            outcome = _import_lesson(
                data, pages.get(slug), slug in created, lesson_index, networks, dimensions, pages
            )
            result.lessons.add(outcome)
            if progress:
                progress(number, len(lessons))
    return result
