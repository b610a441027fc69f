"""Fuzzing an address of ours (tests/search/fuzz/): the hostile values, the forms of a page read
as a browser would submit them, and the requests that send each hostile value to one field,
parameter or part of an address at a time, each in a savepoint rolled back after it.
"""

import json
import re
from dataclasses import dataclass, field
from html.parser import HTMLParser
from urllib.parse import quote, urlencode, urlsplit

from django.db import transaction
from django.urls import Resolver404, resolve

from tests.builders.fuzz_cases import KNOWN_500

# Each value is sent percent-encoded, in a query string, a form body or an address.
HOSTILE = {
    name: quote(value, safe="")
    for name, value in {
        "empty": "",
        "double quote": '"',
        "nul": "huddles\x00",
        "superscript two": "²",
        "arabic-indic digit": "٣",
        "5000 digits": "9" * 5000,
        "huge number": "99999999999999999999999",
        "minus one": "-1",
        "long": "evidence " * 1500,
        "parent directory": "../",
        "script": "<script>alert(1)</script>",
        "emoji": "😀",
    }.items()
}
# A lone surrogate has no UTF-8 form: these are the bytes that would encode one.
HOSTILE["lone surrogate"] = "%ED%A0%80"
# Query strings also reach the full-text search and LIKE lookups: their syntax and escapes,
# and words too long to index.
HOSTILE_QUERY = HOSTILE | {
    name: quote(value, safe="")
    for name, value in {
        "unbalanced quotes": 'huddles" OR "x',
        "apostrophe": "'",
        "percent": "%",
        "backslash": "\\",
        "nul alone": "\x00",
        "long word": "w" * 5000,
        "star": "*",
        "fts near": "NEAR(huddles",
        "fts operators": "AND OR NOT",
        "fts column": "title:huddles {body}: x",
    }.items()
}


# Reading forms


@dataclass
class Form:
    method: str
    action: str
    names: list = field(default_factory=list)  # every named control, buttons included
    data: list = field(default_factory=list)  # (name, value) as a browser would submit it
    submit: tuple | None = None  # the first named submit button


class Forms(HTMLParser):
    """The forms of a page, read as a browser would submit each without a change."""

    def __init__(self, html):
        super().__init__(convert_charrefs=True)
        self.forms, self._form, self._select, self._textarea = [], None, None, None
        self.feed(html)
        self.close()

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "form":
            method = (attrs.get("method") or "get").lower()
            self._form = Form(method, attrs.get("action") or "")
            self.forms.append(self._form)
            return
        name = attrs.get("name")
        if self._form is None:
            return
        if tag == "option" and self._select is not None:
            self._select["options"].append(attrs.get("value", ""))
            if "selected" in attrs:
                self._select["selected"].append(attrs.get("value", ""))
        if not name:
            return
        if tag in ("input", "button", "select", "textarea") and name not in self._form.names:
            self._form.names.append(name)
        kind = (attrs.get("type") or ("submit" if tag == "button" else "text")).lower()
        if tag in ("input", "button") and kind in ("submit", "image"):
            if self._form.submit is None:
                self._form.submit = (name, attrs.get("value", ""))
        elif tag == "input" and kind in ("checkbox", "radio"):
            if "checked" in attrs:
                self._form.data.append((name, attrs.get("value", "on")))
        elif tag == "input" and kind not in ("button", "reset", "file"):
            self._form.data.append((name, attrs.get("value", "")))
        elif tag == "select":
            self._select = {"name": name, "options": [], "selected": []}
        elif tag == "textarea":
            self._textarea = [name, ""]

    def handle_data(self, data):
        if self._textarea is not None:
            self._textarea[1] += data

    def handle_endtag(self, tag):
        if tag == "form":
            self._form = None
        elif tag == "select" and self._select is not None and self._form is not None:
            chosen = self._select["selected"] or self._select["options"][:1]
            self._form.data += [(self._select["name"], value) for value in chosen]
            self._select = None
        elif tag == "textarea" and self._textarea is not None and self._form is not None:
            self._form.data.append(tuple(self._textarea))
            self._textarea = None


def forms_sending_to(html, page, path, method):
    """The forms on `page` that send to `path` by `method`."""
    found = []
    for form in Forms(html).forms:
        action = urlsplit(form.action).path or page
        if form.method == method and action == path:
            found.append(form)
    return found


# Sending


def signed_in(client, site, who):
    if who != "anonymous":
        client.force_login(site["people"][who])
    return client


def send(client, method, path, body):
    """The response, or the exception a view raised. Each request runs in a savepoint that is
    rolled back, so each meets the same site (and on PostgreSQL a failed statement cannot
    spoil the requests after it)."""
    try:
        with transaction.atomic():
            if method == "get":
                response = client.get(f"{path}?{body}" if body else path)
            else:
                response = client.post(
                    path, body.encode(), content_type="application/x-www-form-urlencoded"
                )
            transaction.set_rollback(True)
            return response
    except Exception as error:  # noqa: BLE001 - every failure is reported below
        return error


def problem(response, path, body, what):
    """What is wrong with this response, or None."""
    where = f"{path} {what}"
    if isinstance(response, Exception):
        return f"{where}: raised {response!r}"[:300]
    if response.status_code >= 500:
        return f"{where}: HTTP {response.status_code}"
    if path.startswith("/api/") and response.status_code != 200:
        in_address = not body  # a part of the address fuzzed: what it names may not exist
        if in_address and response.status_code == 404:
            return None
        if response.status_code != 400:
            return f"{where}: HTTP {response.status_code}, expected 200 or 400"
        errors = json.loads(response.content).get("errors")
        sent = {pair.split("=")[0] for pair in body.split("&")}
        if in_address:
            sent = set(_captured(path))
        if not errors or not set(errors) <= sent:
            return f"{where}: 400 without errors for the parameters sent: {errors}"
        if not all(isinstance(m, str) for messages in errors.values() for m in messages):
            return f"{where}: error messages are not strings: {errors}"
    return None


def _captured(path):
    """The names of the parts of the address that its view reads."""
    try:
        return resolve(urlsplit(path).path).kwargs
    except Resolver404:
        return {}


def one_of_each_kind(names, case):
    """The names, less those of a kind already there: the rows of a list after its first (names
    that differ only in their numbers) and the case's `alike` patterns. The CSRF token is left
    out: the test client does not check it."""
    kept, kinds = [], set()
    for name in names:
        kind = re.sub(r"\d+", "0", name)
        kind = next((pattern for pattern in case.alike if re.fullmatch(pattern, name)), kind)
        if kind not in kinds and name != "csrfmiddlewaretoken":
            kinds.add(kind)
            kept.append(name)
    return kept


def fields_of(client, site, case):
    """The address, and [(a valid submission as pairs, the names to fuzz in it)], one for each
    form that posts to the address; for a query string, one with no submission."""
    ids = site["ids"]
    path = case.path.format(**ids)
    page = (case.page or case.path).format(**ids)
    response = client.get(page)
    assert response.status_code < 500, f"{page} answered {response.status_code}"
    forms = []
    if response.status_code == 200 and response["Content-Type"].startswith("text/html"):
        forms = forms_sending_to(response.content.decode(), page, path, case.method)
    if case.method == "get":
        names = [name for form in forms for name in form.names] + list(case.params)
        return path, [([], one_of_each_kind(dict.fromkeys(names), case))]
    assert forms, f"no form on {page} posts to {path} (it answered {response.status_code})"
    groups, seen = [], set()
    for form in forms:
        data = form.data + ([form.submit] if form.submit else [])
        data = [(k, v) for k, v in data if k not in case.valid] + list(case.valid.items())
        names = one_of_each_kind(dict.fromkeys([*form.names, *case.valid]), case)
        groups.append((data, [name for name in names if name not in seen]))
        seen.update(names)
    groups[0][1].extend(name for name in case.params if name not in seen)
    return path, groups


def fuzz_fields(client, site, case, only=None):
    """Each hostile value in each field or parameter of the case (or only the one named)."""
    client = signed_in(client, site, case.who)
    path, groups = fields_of(client, site, case)
    values = HOSTILE_QUERY if case.method == "get" else HOSTILE
    problems = []
    for data, names in groups:
        for name in names:
            if only is None and f"{case.name} / {name}" in KNOWN_500 or only not in (None, name):
                continue
            rest = urlencode([(k, v) for k, v in data if k != name])
            bodies = {
                f"{name}={label}": f"{rest}&{name}={value}" for label, value in values.items()
            }
            if case.method == "get":
                bodies[f"{name} repeated"] = f"{name}=1&{name}=huddles&{name}=%22&{name}="
            for what, body in bodies.items():
                response = send(client, case.method, path, body.lstrip("&"))
                problems.append(problem(response, path, body, f"{case.method.upper()} {what}"))
    return [p for p in problems if p]


def with_part(path, n, value):
    segments = path.strip("/").split("/")
    segments[n] = value
    return "/" + "/".join(segments) + ("/" if path.endswith("/") else "")


def fuzz_address(client, site, case, n):
    client = signed_in(client, site, case.who)
    path = case.path.format(**site["ids"])
    problems = []
    for label, value in HOSTILE.items():
        hostile = with_part(path, n, value)
        response = send(client, case.method, hostile, "")
        problems.append(problem(response, hostile, "", f"{case.method.upper()} part {n}={label}"))
    return [p for p in problems if p]
