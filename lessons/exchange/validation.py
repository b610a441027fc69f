"""Validating a lessons/v1 document before anything is written: the JSON Schema first, then
what the schema cannot say (unknown networks, lessons and dimension codes, duplicates, NUL
characters and unpaired surrogates, visibility made less private without the flag). Every error
is collected with its JSON path."""

import json
import re

from django.core.exceptions import ValidationError
from django.core.validators import URLValidator

from core.blocks import LINK_SCHEMES
from core.vocabulary import Visibility
from lessons.exchange.format import NUL, NUL_MESSAGE, SURROGATE_MESSAGE, VALIDATOR, VISIBILITY_FLAG
from lessons.models import LessonPage
from maturity.models import Dimension
from network.models import NetworkPage


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
        "minimum": lambda: f"must be at least {error.validator_value}",
        "maximum": lambda: f"must be at most {error.validator_value:,}",
        "uniqueItems": lambda: "must not name the same value twice",
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
        impact = lesson.get("impact") if isinstance(lesson.get("impact"), dict) else {}
        links = [(f"evidence[{j}]", link) for j, link in _items(lesson, "evidence")]
        links += [
            (f"impact.corroboration[{j}]", link) for j, link in _items(impact, "corroboration")
        ]
        for at, link in links:
            url = _name(link.get("url"))
            if url is not None:
                try:
                    url_validator(url)
                except ValidationError:
                    errors.append((f"{where}.{at}.url", "must be an http or https address"))
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
