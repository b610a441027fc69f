"""The lessons/v1 exchange format: validate a document, apply it to the site, write it back out.

import_lessons and export_lessons are thin commands over this module. Validation is complete
before anything is written: every error is collected with its JSON path, and a document with any
error changes nothing.
"""

import datetime
import json
from dataclasses import dataclass
from pathlib import Path

from django.core.exceptions import ValidationError
from django.core.validators import URLValidator
from django.db import transaction

from wagtail.models import ReferenceIndex
from wagtail.signal_handlers import disable_reference_index_auto_update

from jsonschema import Draft202012Validator, FormatChecker

from core.vocabulary import Visibility
from lessons.models import LessonMaturityLink, LessonPage, TeamMember
from maturity.models import Dimension
from network.models import NetworkPage

FORMAT = "lessons/v1"
SCHEMA = json.loads((Path(__file__).parent / "schema" / "lessons-v1.schema.json").read_text())
VALIDATOR = Draft202012Validator(SCHEMA, format_checker=FormatChecker())


# Validation


class InvalidDocument(Exception):
    def __init__(self, errors):
        super().__init__(f"{len(errors)} error(s)")
        self.errors = errors


def json_path(parts):
    path = ""
    for part in parts:
        path += f"[{part}]" if isinstance(part, int) else (f".{part}" if path else part)
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
    return "must be lower-case letters and digits, separated by single hyphens"


def validate(document, existing_network_slugs=None, dimension_codes=None):
    """All the errors in a document, as "path: message" lines, in document order."""
    if existing_network_slugs is None:
        existing_network_slugs = set(NetworkPage.objects.values_list("slug", flat=True))
    if dimension_codes is None:
        dimension_codes = set(Dimension.objects.values_list("code", flat=True))

    errors = [_describe(error) for error in VALIDATOR.iter_errors(document)]
    if isinstance(document, dict):
        errors += _check_references(document, existing_network_slugs, dimension_codes)
    seen, unique = set(), []
    for item in sorted(errors, key=_document_order):
        if item not in seen:
            seen.add(item)
            unique.append(item)
    return [f"{path}: {message}" for path, message in unique]


def _document_order(item):
    path = item[0]
    return [
        int(p) if p.isdigit() else p for p in path.replace("[", ".").replace("]", "").split(".")
    ]


def _items(document, key):
    value = document.get(key)
    return (
        [(i, item) for i, item in enumerate(value) if isinstance(item, dict)]
        if isinstance(value, list)
        else []
    )


def _check_references(document, existing_network_slugs, dimension_codes):
    """Rules the schema cannot state: references, duplicates and well-formed addresses."""
    errors = []
    file_networks = set()
    for i, network in _items(document, "networks"):
        slug = network.get("slug")
        if slug in file_networks:
            errors.append((f"networks[{i}].slug", f'"{slug}" appears more than once'))
        file_networks.add(slug)
    known_networks = file_networks | set(existing_network_slugs)

    slugs = set()
    url_validator = URLValidator(schemes=["http", "https"])
    for i, lesson in _items(document, "lessons"):
        where = f"lessons[{i}]"
        slug = lesson.get("slug")
        if isinstance(slug, str):
            if slug in slugs:
                errors.append((f"{where}.slug", f'"{slug}" appears more than once'))
            slugs.add(slug)
        network = lesson.get("network")
        if isinstance(network, str) and network not in known_networks:
            errors.append(
                (f"{where}.network", f'"{network}" is not a network in this file or on the site')
            )
        dimensions_seen = set()
        for j, link in enumerate(lesson.get("maturity") or []):
            code = link.get("dimension") if isinstance(link, dict) else None
            if not isinstance(code, str):
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
        for j, link in enumerate(lesson.get("evidence") or []):
            url = link.get("url") if isinstance(link, dict) else None
            if isinstance(url, str):
                try:
                    url_validator(url)
                except ValidationError:
                    errors.append(
                        (f"{where}.evidence[{j}].url", "must be an http or https address")
                    )
    return errors


# Writing lessons out


def _clean(mapping):
    """Drop absent values so that a field left empty is simply not written."""
    return {key: value for key, value in mapping.items() if value not in (None, "", [], {})}


def lesson_to_dict(page):
    """The lessons/v1 form of a lesson page, keys in the contract's order."""
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
        }
    )


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
    lessons = lessons.prefetch_related("themes", "team_members", "maturity_links__dimension")
    lesson_dicts = [lesson_to_dict(_current_version(page)) for page in lessons]
    named = {lesson["network"] for lesson in lesson_dicts if "network" in lesson}
    networks = NetworkPage.objects.filter(slug__in=named).order_by("slug")
    return {
        "format": FORMAT,
        "networks": [network_to_dict(network) for network in networks],
        "lessons": lesson_dicts,
    }


# Reading lessons in


@dataclass
class ImportResult:
    created: int = 0
    updated: int = 0
    unchanged: int = 0

    def summary(self):
        return f"created {self.created}, updated {self.updated}, unchanged {self.unchanged}"


def _lines(values):
    return "\n".join(" ".join(value.split()) for value in values or [])


def apply_lesson(page, data, network, dimensions):
    """Set every field of a lesson page from its lessons/v1 form, in memory."""
    context = data.get("context", {})
    page.slug = data["slug"]
    page.title = data["title"]
    page.kind = data.get("kind", "lesson")
    page.summary = data["summary"]
    page.visibility = data.get("visibility", Visibility.PUBLIC)
    page.date = datetime.date.fromisoformat(data["date"]) if data.get("date") else None
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
    page.themes.set(list(dict.fromkeys(data.get("themes", []))))


def _import_network(data, network_index):
    network = NetworkPage.objects.filter(slug=data["slug"]).first()
    created = network is None
    if created:
        network = NetworkPage(slug=data["slug"])
    before = None if created else network_to_dict(network)
    network.title = data["title"]
    network.purpose = data.get("purpose", "")
    network.visibility = data.get("visibility", Visibility.PUBLIC)
    if created:
        network_index.add_child(instance=network)
        network.save_revision().publish()
    elif before != network_to_dict(network) or not network.live:
        network.save_revision().publish()
    return network


def _import_lesson(data, lesson_index, networks, dimensions):
    """Create or update one lesson; returns "created", "updated" or "unchanged"."""
    # Wagtail would rebuild the page's reference index after every save of the page and of each
    # child row (team member, maturity link, theme): a dozen times per lesson. Once is enough.
    with disable_reference_index_auto_update():
        outcome = _save_lesson(data, lesson_index, networks, dimensions)
    if outcome != "unchanged":
        ReferenceIndex.create_or_update_for_object(LessonPage.objects.get(slug=data["slug"]))
    return outcome


def _save_lesson(data, lesson_index, networks, dimensions):
    existing = LessonPage.objects.filter(slug=data["slug"]).first()
    publish = data.get("status", "published") == "published"
    network = networks.get(data.get("network"))

    if existing is None:
        page = LessonPage()
        apply_lesson(page, data, network, dimensions)
        page.live = False
        lesson_index.add_child(instance=page)
        revision = page.save_revision()
        if publish:
            revision.publish()
        return "created"

    page = _current_version(existing)
    before = lesson_to_dict(page)
    apply_lesson(page, data, network, dimensions)
    wanted_status = "published" if publish else "draft"
    if {**lesson_to_dict(page), "status": wanted_status} == before:
        return "unchanged"
    if publish:
        page.save_revision().publish()
    else:
        if page.live:
            page.unpublish()
        page.save_revision()
    return "updated"


def import_document(document, indexes, progress=None):
    """Validate the whole document, then create or update its networks and lessons by slug.

    `indexes` gives the (lesson index, network index) pages to add new pages under; it is
    called inside the transaction, once the document is known to be valid, so that an invalid
    document changes nothing at all. Raises InvalidDocument if there is any error.
    """
    errors = validate(document)
    if errors:
        raise InvalidDocument(errors)

    result = ImportResult()
    lessons = document["lessons"]
    with transaction.atomic():
        lesson_index, network_index = indexes()
        networks = {}
        for data in document.get("networks", []):
            network = _import_network(data, network_index)
            networks[network.slug] = network
        named = {lesson.get("network") for lesson in lessons} - set(networks) - {None}
        networks.update({n.slug: n for n in NetworkPage.objects.filter(slug__in=named)})
        dimensions = Dimension.objects.in_bulk(field_name="code")

        for number, data in enumerate(lessons, start=1):
            outcome = _import_lesson(data, lesson_index, networks, dimensions)
            setattr(result, outcome, getattr(result, outcome) + 1)
            if progress:
                progress(number, len(lessons))
    return result
