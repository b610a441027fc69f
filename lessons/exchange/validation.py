"""Validating a lessons/v1 document before anything is written: the JSON Schema first, then
what the schema cannot say (unknown networks, lessons and dimension codes, duplicates, NUL
characters and unpaired surrogates, visibility made less private without the flag). Every error
is collected with its JSON path."""

import json
import re
from dataclasses import dataclass, field

from django.core.exceptions import ValidationError
from django.core.validators import URLValidator

from core.blocks import LINK_SCHEMES
from core.vocabulary import Visibility
from lessons.exchange.format import (
    FORMAT,
    NUL,
    NUL_MESSAGE,
    SURROGATE_MESSAGE,
    VALIDATOR,
    VISIBILITY_FLAG,
)
from lessons.exchange.reading import as_source
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


def _describe(error, index=None):
    """One schema error in words a librarian fixing a file can act on: (path, message).
    `index`: the error is in a lesson validated alone as lessons[0]; it is lessons[index]."""
    schema, path = error.schema, list(error.absolute_path)
    if index is not None and path[:2] == ["lessons", 0]:
        path[1] = index
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
    """All the errors in a document (a dict, or a reading.Source), as "path: message" lines,
    in document order (check)."""
    return check(document, allow_visibility_change).errors


@dataclass
class Checked:
    """What validating a document found: its errors, and what writing it needs to know
    beforehand, kept while its lessons stream past (slugs, networks, links; not lessons)."""

    errors: list
    count: int = 0  # lessons in the document
    slugs: set = field(default_factory=set)
    networks: set = field(default_factory=set)  # named by lessons
    linked: set = field(default_factory=set)  # slugs named in lessons' `related`


def check(document, allow_visibility_change=False):
    """Validate a whole document, its lessons read once, one at a time.

    Besides the schema: references to networks, lessons and dimensions, duplicates, text
    that cannot be stored (a NUL character anywhere, an unpaired surrogate), and, unless
    allowed, making a network or lesson that is members-only on the site public. Each lesson
    is checked alone as it passes; what involves other lessons or the site is noted (slugs,
    networks, links) and checked once all have passed.
    """
    source = as_source(document)
    head = source.head
    errors = [_describe(error) for error in VALIDATOR.iter_errors(head)]
    errors += _unstorable_text(head)
    references = _References(head, allow_visibility_change)
    for i, lesson in enumerate(source.lessons()):
        single = {"format": FORMAT, "lessons": [lesson]}
        errors += [_describe(error, i) for error in VALIDATOR.iter_errors(single)]
        errors += _unstorable_text(lesson, ["lessons", i])
        if isinstance(lesson, dict):
            errors += references.lesson(i, lesson)
        references.count += 1
    errors += references.across_lessons()
    seen, unique = set(), []
    for item in sorted(errors, key=_document_order):
        if item not in seen:
            seen.add(item)
            unique.append(item)
    return Checked(
        [f"{path}: {message}" for path, message in unique],
        count=references.count,
        slugs=references.slugs,
        networks={network for network, _ in references.networks},
        linked=references.linked,
    )


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


def _unstorable_text(document, path=()):
    """(path, message) for every string anywhere in the document (or the part at `path`)
    that cannot be stored; the schema's NUL pattern covers only some of them. Walked without
    recursion, however deep."""
    errors, pending = [], [(list(path), document)]
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


PUBLIC_BATCH = 500  # lessons made public looked up on the site at a time


class _References:
    """Rules the schema cannot state: references, duplicates, well-formed addresses, and
    visibility made less private. Each lesson is checked alone as it passes (lesson); what it
    names of other lessons and networks is kept, and checked against the file and the site
    once every lesson has passed (across_lessons)."""

    def __init__(self, head, allow_visibility_change):
        self.errors = []
        self.file_networks = set()
        networks = _items(head, "networks") if isinstance(head, dict) else []
        for i, network in networks:
            slug = _name(network.get("slug"))
            if slug in self.file_networks:
                self.errors.append((f"networks[{i}].slug", f'"{slug}" appears more than once'))
            self.file_networks.add(slug)
        if not allow_visibility_change:
            self.errors += _made_public(NetworkPage, "networks", networks)
        self.allow_visibility_change = allow_visibility_change
        self.dimension_codes = set(Dimension.objects.values_list("code", flat=True))
        self.url_validator = URLValidator(schemes=LINK_SCHEMES)
        self.count = 0
        self.slugs = set()
        self.networks = []  # (network, lesson index) not in the file's networks
        self.linked = set()  # every slug lessons link to
        # Links to lessons not (yet) seen in the file: (lesson index, link index, slug, whether
        # the lesson named it before). A link to a lesson seen already is checked as it passes.
        self.links = []
        # (lesson index, {"slug": ...}) of lessons the file makes public, checked against the
        # site a batch at a time as they pass, so that no more than a batch is kept.
        self.public = []

    def lesson(self, i, lesson):
        errors = []
        where = f"lessons[{i}]"
        slug = _name(lesson.get("slug"))
        if slug is not None:
            if slug in self.slugs:
                errors.append((f"{where}.slug", f'"{slug}" appears more than once'))
            self.slugs.add(slug)
            if lesson.get("visibility", "public") == "public" and not self.allow_visibility_change:
                self.public.append((i, {"slug": slug}))
                if len(self.public) >= PUBLIC_BATCH:
                    self.errors += _made_public(LessonPage, "lessons", self.public)
                    self.public = []
        network = _name(lesson.get("network"))
        if network is not None and network not in self.file_networks:
            self.networks.append((network, i))
        dimensions_seen = set()
        for j, link in _items(lesson, "maturity"):
            code = _name(link.get("dimension"))
            if code is None:
                continue
            if code not in self.dimension_codes:
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
            again = target in targets_seen
            targets_seen.add(target)
            self.linked.add(target)
            if target not in self.slugs:
                self.links.append((i, j, target, again))
            elif again:
                errors.append(
                    (f"{where}.related[{j}].slug", f'"{target}" is linked more than once')
                )
        impact = lesson.get("impact") if isinstance(lesson.get("impact"), dict) else {}
        links = [(f"evidence[{j}]", link) for j, link in _items(lesson, "evidence")]
        links += [
            (f"impact.corroboration[{j}]", link) for j, link in _items(impact, "corroboration")
        ]
        for at, link in links:
            url = _name(link.get("url"))
            if url is not None:
                try:
                    self.url_validator(url)
                except ValidationError:
                    errors.append((f"{where}.{at}.url", "must be an http or https address"))
        return errors

    def across_lessons(self):
        errors = list(self.errors)
        on_site = set(
            NetworkPage.objects.filter(
                slug__in={network for network, _ in self.networks}
            ).values_list("slug", flat=True)
        )
        for network, i in self.networks:
            if network not in on_site:
                errors.append(
                    (
                        f"lessons[{i}].network",
                        f'"{network}" is not a network in this file or on the site',
                    )
                )
        elsewhere = {target for _, _, target, _ in self.links} - self.slugs
        on_site = set(LessonPage.objects.filter(slug__in=elsewhere).values_list("slug", flat=True))
        for i, j, target, again in self.links:
            if target not in self.slugs and target not in on_site:
                errors.append(
                    (
                        f"lessons[{i}].related[{j}].slug",
                        f'"{target}" is not a lesson in this file or on the site',
                    )
                )
            elif again:
                errors.append(
                    (f"lessons[{i}].related[{j}].slug", f'"{target}" is linked more than once')
                )
        if not self.allow_visibility_change:
            errors += _made_public(LessonPage, "lessons", self.public)
        return errors


def _made_public(model, key, items):
    """Making something members-only public takes an explicit flag: a file that leaves out
    `visibility` (public by default) must not silently open a members-only network or lesson.
    `items`: (index, item) of those the file makes public or leaves public, as they are."""
    public = [(i, item) for i, item in items if item.get("visibility", "public") == "public"]
    members_only = set(
        model.objects.filter(
            slug__in={_name(item.get("slug")) for _, item in public} - {None},
            visibility=Visibility.MEMBERS,
        ).values_list("slug", flat=True)
    )
    what = "network" if key == "networks" else "lesson"
    return [
        (
            f"{key}[{i}].visibility",
            f'would make the members-only {what} "{item["slug"]}" public; '
            f"to do that, import again with {VISIBILITY_FLAG}",
        )
        for i, item in public
        if _name(item.get("slug")) in members_only
    ]
