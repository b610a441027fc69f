"""Hostile input to every field of every form, every query parameter and every part of every
address of ours: nothing answers 500.

What is sent where is found, not listed. Each case (CASES) names an address and who asks; for a
form, the page that shows it. The test renders that page as that person and reads the names of
the inputs, selects, text areas and buttons of each form that sends to the address, so a field
added to a form is fuzzed without a change here (the rows of a list after its first, and fields a
case calls `alike`, once for each kind; the CSRF token, which the test client does not check,
never). A case lists only the query parameters that a view reads without any form showing them,
and the valid answers a form leaves blank. Each part
of an address that routing captures (a URL pattern's <int:pk>, a page's slug, a page route's
<str:decision>) is replaced in turn by each hostile value. test_every_address_of_ours_has_a_case
fails when an address of ours has no case, and
test_every_query_parameter_a_view_reads_by_name_has_a_case when a view reads a parameter by a
name that no case sends.

Each hostile value goes to one field at a time, the others keeping what the form rendered (or the
case's valid answers), so a bad value elsewhere cannot stop the request before it reaches the code
under test. Each request runs in a savepoint rolled back after it, so each meets the same site:
a facilitator of both networks who has a draft lesson, one in review, an application and a
follow; staff for the admin. The JSON API must answer a bad parameter with 400 and its errors.

Known 500s, each left to the issue that fixes it, are in KNOWN_500: their fuzzing is left out of
the case's test and done by test_a_known_500_is_still_there, a strict xfail. When a fix lands
that test passes, which fails the suite (XPASS): remove the entry then.

Runs on SQLite and on PostgreSQL (DATABASE_URL=$(scripts/start-postgres)).
"""

import ast
import datetime
import json
import re
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import quote, urlencode, urlsplit

from django.db import transaction
from django.test import RequestFactory
from django.urls import URLPattern, URLResolver, get_resolver, resolve

from wagtail.contrib.routable_page.models import RoutablePageMixin
from wagtail.models import Site, get_page_models
from wagtail.views import serve as wagtail_serve

import pytest

from following.models import Follow, unsubscribe_token
from lessons.models import LessonPage
from lessons.moderation.workflow import submit_for_review
from lessons.sharing import rules as sharing
from maturity.models import Dimension
from network.models import JoinRequest, Membership, NetworkPage
from tests.builders.accounts import make_user
from tests.builders.lessons import lesson
from tests.builders.network import (
    add_child,
    add_event,
    make_profile,
    research_summary_page,
    resource_page,
)
from tests.builders.sharing import shared
from tests.builders.themes import add_theme

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


@dataclass(frozen=True)
class Case:
    """Hostile values for one address, as one person.

    method "get": the query parameters of the forms on the page that send to `path` by GET,
    and `params`. method "post": the fields of the forms on `page` (by default `path` itself)
    that post to `path`, filled as rendered, then with `valid`."""

    name: str
    who: str
    path: str
    method: str = "get"
    page: str | None = None
    params: tuple = ()
    valid: dict = field(default_factory=dict)
    alike: tuple = ()  # patterns of field names of one kind: only the first of each is fuzzed


SEARCH = ("q", "dimension", "level", "theme", "kind", "organisation_type", "region", "network")
SEARCH += ("sort", "page")
SIMILAR = ("organisation_type", "setting", "region", "scale", "team_size", "years_experience")
SIMILAR += ("training", "dimension", "level", "q", "limit")
DIRECTORY = ("q", "organisation_type", "region", "specialism", "training", "network", "page")
ADMIN_LIST = ("q", "p", "ordering")
SHARE = "/lessons/share/{draft}"
NETWORK = "/networks/south-west-km"
BOARD = "/networks/board-leads"
LESSON = "/lessons/discharge-huddles"
APPLICATION = {
    "organisation_type": "acute_trust",
    "setting": "wards",
    "region": "south_west",
    "scale": "team",
    "team_years": "20",
    "applied_on": "2026-01-15",
    "what_we_did": "Ran the huddles on two wards.",
}

CASES = [
    # Reading: pages of every type, listings, search, feeds
    Case("home", "anonymous", "/", params=("page",)),
    Case("lessons index", "facilitator", "/lessons/", params=("kind", "theme", "page")),
    Case("lesson", "facilitator", f"{LESSON}/", params=("page",)),
    Case("networks", "facilitator", "/networks/", params=("page",)),
    Case("network", "facilitator", f"{NETWORK}/", params=("page", "tab")),
    Case("members-only network", "facilitator", f"{BOARD}/", params=("page",)),
    Case("event", "facilitator", f"{NETWORK}/webinar/"),
    Case("event calendar", "anonymous", f"{NETWORK}/webinar/calendar/"),
    Case("network calendar", "anonymous", f"{NETWORK}/calendar/"),
    Case("resource", "facilitator", f"{NETWORK}/toolkit/"),
    Case("research summary", "facilitator", f"{NETWORK}/summary/"),
    Case("themes", "anonymous", "/themes/", params=("page",)),
    Case("theme", "facilitator", "/themes/huddles/", params=("page",)),
    Case("frameworks", "anonymous", "/maturity/"),
    Case("framework", "facilitator", "/maturity/qiof/", params=("level",)),
    Case("outcome", "facilitator", "/maturity/outcome/qiof-2/", params=("level",)),
    Case("search", "facilitator", "/search/", params=SEARCH),
    Case("search api", "facilitator", "/api/lessons/search/", params=SEARCH),
    Case("search api anonymous", "anonymous", "/api/lessons/search/", params=SEARCH),
    Case("suggestions", "facilitator", "/search/suggest/", params=("q",)),
    Case("similar", "facilitator", "/search/similar/", params=SIMILAR),
    Case("similar api", "facilitator", "/api/lessons/similar/", params=SIMILAR),
    Case("insights", "staff", "/search/insights/", params=("days", "network")),
    Case("insights for a facilitator", "facilitator", "/search/insights/", params=("days",)),
    Case("directory", "facilitator", "/members/", params=DIRECTORY),
    Case("directory anonymous", "anonymous", "/members/", params=DIRECTORY),
    Case("profile", "facilitator", "/members/{profile}/"),
    Case("profile photo", "facilitator", "/members/{profile}/photo/"),
    Case("sitemap", "anonymous", "/sitemap.xml", params=("p",)),
    Case("lessons feed", "anonymous", "/feeds/lessons/"),
    Case("lessons atom feed", "anonymous", "/feeds/lessons/atom/"),
    Case("lessons json feed", "anonymous", "/feeds/lessons/json/"),
    Case("theme feed", "anonymous", "/feeds/themes/huddles/"),
    Case("theme atom feed", "anonymous", "/feeds/themes/huddles/atom/"),
    Case("theme json feed", "anonymous", "/feeds/themes/huddles/json/"),
    Case("network feed", "anonymous", "/feeds/networks/south-west-km/"),
    Case("network atom feed", "anonymous", "/feeds/networks/south-west-km/atom/"),
    Case("network json feed", "anonymous", "/feeds/networks/south-west-km/json/"),
    # Signing in
    Case("sign in form", "anonymous", "/accounts/login/", params=("next",)),
    Case(
        "sign in",
        "anonymous",
        "/accounts/login/",
        "post",
        valid={"login": "nobody@example.nhs.uk", "password": "not-the-password"},
    ),
    Case("admin sign in", "anonymous", "/admin/login/", params=("next",)),
    Case("wagtail's sign in", "anonymous", "/_util/login/", params=("next",)),
    # Profiles and following
    Case("profile form", "facilitator", "/members/me/edit/"),
    Case("profile edit", "facilitator", "/members/me/edit/", "post"),
    Case("following", "facilitator", "/members/me/following/"),
    Case(
        "email preferences",
        "facilitator",
        "/members/me/following/emails/",
        "post",
        page="/members/me/following/",
    ),
    Case("follow", "facilitator", "/members/me/following/follow/", "post", page="/themes/huddles/"),
    Case(
        "stop following",
        "facilitator",
        "/members/me/following/stop/",
        "post",
        page="/members/me/following/",
    ),
    Case("unsubscribe page", "anonymous", "/emails/unsubscribe/{token}/"),
    Case("unsubscribe", "anonymous", "/emails/unsubscribe/{token}/", "post"),
    # Networks
    Case("join", "outsider", f"{BOARD}/join/", "post", page=f"{BOARD}/"),
    Case("leave", "member", f"{NETWORK}/leave/", "post", page=f"{NETWORK}/"),
    Case("join requests", "facilitator", f"{BOARD}/requests/", params=("page",)),
    Case(
        "approve a request",
        "facilitator",
        BOARD + "/requests/{request}/approve/",
        "post",
        page=f"{BOARD}/requests/",
    ),
    Case("add member form", "facilitator", f"{NETWORK}/members/add/"),
    Case(
        "add member",
        "facilitator",
        f"{NETWORK}/members/add/",
        "post",
        valid={"email": "outsider@example.nhs.uk"},
    ),
    Case("add review form", "facilitator", f"{NETWORK}/reviews/add/"),
    Case(
        "add review",
        "facilitator",
        f"{NETWORK}/reviews/add/",
        "post",
        valid={
            "date": "2026-03-15",
            "notes": "First review.",
            **{f"nmm-{d}-current": "1" for d in ("purpose", "leadership", "learning")},
            **{f"nmm-{d}-current": "1" for d in ("knowledge-sharing", "impact")},
            **{f"nmm-{d}-target": "2" for d in ("purpose", "leadership", "learning")},
            **{f"nmm-{d}-target": "2" for d in ("knowledge-sharing", "impact")},
            "measure-0-name": "active members",
            "measure-0-value": "40",
        },
        alike=(r"nmm-.+-current", r"nmm-.+-target"),
    ),
    # Applying a lesson
    Case("apply form", "facilitator", f"{LESSON}/apply/"),
    Case("apply a lesson", "facilitator", f"{LESSON}/apply/", "post", valid=APPLICATION),
    Case("result form", "facilitator", LESSON + "/result/{application}/"),
    Case(
        "record a result",
        "facilitator",
        LESSON + "/result/{application}/",
        "post",
        valid={"result": "worked"},
    ),
    Case("useful", "facilitator", f"{LESSON}/useful/", "post", page=f"{LESSON}/"),
    # Sharing a lesson
    Case("my lessons", "facilitator", "/members/me/lessons/"),
    Case("share form", "facilitator", "/lessons/share/", params=("network",)),
    Case(
        "share",
        "facilitator",
        "/lessons/share/",
        "post",
        valid={"kind": "lesson", "title": "Huddles", "summary": "Short huddles."},
    ),
    *[
        Case(f"share {step} step{suffix}", "facilitator", f"{SHARE}/{step}/", method, params=params)
        for step in ("about", "story", "context", "team", "factors", "maturity")
        + ("themes", "network", "evidence", "related")
        for method, suffix, params in [("get", " page", ("from",)), ("post", "", ())]
    ],
    Case("new factor form", "facilitator", f"{SHARE}/factors/new/", params=("from",)),
    Case("new factor", "facilitator", f"{SHARE}/factors/new/", "post"),
    Case("factor", "facilitator", SHARE + "/factors/{factor}/", "post"),
    Case("maturity level form", "facilitator", f"{SHARE}/maturity/qiof-2/", params=("from",)),
    Case("maturity level", "facilitator", f"{SHARE}/maturity/qiof-2/", "post"),
    Case("check", "facilitator", f"{SHARE}/check/"),
    Case("preview", "facilitator", f"{SHARE}/preview/"),
    Case("submit", "facilitator", f"{SHARE}/submit/", "post", page=f"{SHARE}/check/"),
    Case("sent", "facilitator", "/lessons/share/{in_review}/sent/"),
    Case(
        "withdraw",
        "facilitator",
        "/lessons/share/{in_review}/withdraw/",
        "post",
        page="/lessons/share/{in_review}/check/",
    ),
    # The admin: our views, and the Wagtail listings that show our models
    Case("admin tag autocomplete", "staff", "/admin/tag-autocomplete/", params=("term",)),
    Case(
        "admin tag autocomplete by model",
        "staff",
        "/admin/tag-autocomplete/taggit/tag/",
        params=("term",),
    ),
    Case(
        "admin page chooser",
        "staff",
        "/admin/choose-page/",
        params=("q", "p", "page_type", "user_perms", "can_choose_root", "match_subclass"),
    ),
    Case(
        "admin page chooser in a page",
        "staff",
        "/admin/choose-page/{lessons_index}/",
        params=("q", "p", "page_type", "user_perms"),
    ),
    Case("admin pages chosen", "staff", "/admin/choose-page/chosen-multiple/", params=("id",)),
    Case("admin page types report", "staff", "/admin/reports/page-types-usage/", params=ADMIN_LIST),
    Case(
        "admin page types report results",
        "staff",
        "/admin/reports/page-types-usage/results/",
        params=ADMIN_LIST,
    ),
    Case("admin site history", "staff", "/admin/reports/site-history/", params=ADMIN_LIST),
    Case(
        "admin site history results",
        "staff",
        "/admin/reports/site-history/results/",
        params=ADMIN_LIST,
    ),
    Case("admin workflows report", "staff", "/admin/reports/workflow/", params=ADMIN_LIST),
    Case(
        "admin workflows report results",
        "staff",
        "/admin/reports/workflow/results/",
        params=ADMIN_LIST,
    ),
    Case("admin profile chooser", "staff", "/admin/profile_chooser/", params=("q", "p")),
    Case(
        "admin profile chooser results",
        "staff",
        "/admin/profile_chooser/results/",
        params=("q", "p"),
    ),
    Case("admin profile chosen", "staff", "/admin/profile_chooser/chosen/{profile}/"),
    Case(
        "admin profiles chosen", "staff", "/admin/profile_chooser/chosen-multiple/", params=("id",)
    ),
    Case("admin page search", "staff", "/admin/pages/search/", params=("q", "p")),
    Case("admin memberships", "staff", "/admin/memberships/", params=(*ADMIN_LIST, "role")),
    Case("admin outcomes", "staff", "/admin/snippets/maturity/dimension/", params=ADMIN_LIST),
    Case("admin images", "staff", "/admin/images/", params=ADMIN_LIST),
    Case("admin documents", "staff", "/admin/documents/", params=ADMIN_LIST),
    Case("admin users", "staff", "/admin/users/", params=ADMIN_LIST),
]
CASE = {case.name: case for case in CASES}
assert len(CASE) == len(CASES), "two cases have one name"

# 500s that fuzzing finds today, each left to the issue that will fix it:
# "<case> / <field or parameter>" or "<case> / address part <n>" -> why.
NEXT_IS_NOT_A_PATH = (
    "issue 16 (bad input): a `next` that is not a path goes to redirect(), which looks it up "
    "as a view name (NoReverseMatch)"
)
PROFILE_CHOOSER_IDS = (
    "issue 14 item 7 (whole numbers): the profile chooser, a Wagtail ChooserViewSet of ours, "
    "passes any text to Profile.objects.get(pk=...) (ValueError; beyond SQLite's range, "
    "OverflowError)"
)
KNOWN_500 = {
    "follow / next": NEXT_IS_NOT_A_PATH,
    "stop following / next": NEXT_IS_NOT_A_PATH,
    "admin pages chosen / id": (
        "issue 16 (bad input): the root page's id (1) passes lessons' PageChosenMultipleView "
        "to Wagtail's, which fails on the root's missing parent (AttributeError)"
    ),
    "admin profiles chosen / id": PROFILE_CHOOSER_IDS,
    "admin profile chosen / address part 3": PROFILE_CHOOSER_IDS,
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


# The site


@pytest.fixture(autouse=True)
def no_rate_limits_in_the_way(settings):
    """Every hostile value reaches the code under test, not a rate limit (some are valid, and
    each valid application counts)."""
    settings.RATE_LIMITS = {name: "1000000/m/member" for name in settings.RATE_LIMITS}


@pytest.fixture(scope="module")
def site(module_lessons):
    module_lessons(
        lesson(),
        lesson(
            slug="board-secret", title="Board evidence", visibility="members", network="board-leads"
        ),
    )
    public = NetworkPage.objects.get(slug="south-west-km")
    members_only = NetworkPage.objects.get(slug="board-leads")
    facilitator = make_user("fay@example.nhs.uk")
    Membership.objects.create(network=public, user=facilitator, role="facilitator")
    Membership.objects.create(network=members_only, user=facilitator, role="facilitator")
    profile = make_profile(facilitator, display_name="Fay Facilitator", job_role="Librarian")
    member = make_user("member@example.nhs.uk")
    Membership.objects.create(network=public, user=member)
    asker = make_user("asker@example.nhs.uk")
    join_request = JoinRequest.objects.create(network=members_only, user=asker)
    add_event(public, "webinar", "Webinar", days=7)
    add_child(public, resource_page("toolkit"))
    add_child(public, research_summary_page("summary"))
    huddles = LessonPage.objects.get(slug="discharge-huddles")
    add_theme("huddles", "Huddles", tags=["huddles"], picks=[(huddles, "")])
    Follow.start(facilitator, "network", members_only)
    application = huddles.record_application(
        facilitator,
        **{**APPLICATION, "team_years": 20, "applied_on": datetime.date(2026, 1, 15)},
        notify=False,
    )
    draft = shared(facilitator, title="A draft with every kind of answer")
    version = sharing.current_version(draft)
    sharing.link_maturity(version, Dimension.objects.get(code="qiof-2"), 2)
    sharing.link_lesson(version, huddles, "builds_on")
    sharing.save_draft(draft, version, facilitator)
    in_review = shared(facilitator, title="A lesson sent for review")
    submit_for_review(in_review, facilitator)
    return {
        "people": {
            "facilitator": facilitator,
            "member": member,
            "outsider": make_user("outsider@example.nhs.uk"),
            "staff": make_user("staff@example.nhs.uk", is_staff=True, is_superuser=True),
        },
        "ids": {
            "profile": profile.pk,
            "request": join_request.pk,
            "application": application.pk,
            "draft": draft.pk,
            "factor": sharing.current_version(draft).factors[0].id,
            "in_review": in_review.pk,
            "token": unsubscribe_token(facilitator),
            "lessons_index": huddles.get_parent().pk,
        },
    }


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
        if response.status_code != 400:
            return f"{where}: HTTP {response.status_code}, expected 200 or 400"
        errors = json.loads(response.content).get("errors")
        sent = {pair.split("=")[0] for pair in body.split("&")}
        if not errors or not set(errors) <= sent:
            return f"{where}: 400 without errors for the parameters sent: {errors}"
        if not all(isinstance(m, str) for messages in errors.values() for m in messages):
            return f"{where}: error messages are not strings: {errors}"
    return None


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


@pytest.mark.parametrize("case", CASES, ids=[case.name for case in CASES])
def test_no_value_of_any_field_or_parameter_makes_a_view_fail(site, client, case):
    problems = fuzz_fields(client, site, case)
    assert not problems, "\n".join(problems)


# Addresses


def address_parts(path):
    """The positions of the segments of `path` that routing captures: a URL pattern's
    converters, or for a page, every segment (each is a slug or a page route's part)."""
    segments = path.strip("/").split("/")
    probe = re.sub(r"\{\w+\}", "1", path)
    match = resolve(probe)
    if match.func is wagtail_serve:
        return list(range(len(segments)))
    captured = {str(value) for value in match.kwargs.values()}
    probe_segments = probe.strip("/").split("/")
    return [n for n, segment in enumerate(probe_segments) if segment in captured]


def with_part(path, n, value):
    segments = path.strip("/").split("/")
    segments[n] = value
    return "/" + "/".join(segments) + ("/" if path.endswith("/") else "")


# One test for each part of each address and method, once: a part is fuzzed with the rest
# of the address before it, and the same person.
ADDRESSES = {}
for _case in CASES:
    for _n in address_parts(_case.path):
        _key = (_case.method, "/".join(_case.path.strip("/").split("/")[:_n]), _case.who)
        ADDRESSES.setdefault(_key, (f"{_case.name} / address part {_n}", _case, _n))
ADDRESSES = sorted(ADDRESSES.values(), key=lambda entry: entry[0])


def fuzz_address(client, site, case, n):
    client = signed_in(client, site, case.who)
    path = case.path.format(**site["ids"])
    problems = []
    for label, value in HOSTILE.items():
        hostile = with_part(path, n, value)
        response = send(client, case.method, hostile, "")
        problems.append(problem(response, hostile, "", f"{case.method.upper()} part {n}={label}"))
    return [p for p in problems if p]


@pytest.mark.parametrize(
    ("name", "case", "n"),
    [entry for entry in ADDRESSES if entry[0] not in KNOWN_500],
    ids=[name for name, _, _ in ADDRESSES if name not in KNOWN_500],
)
def test_no_part_of_an_address_makes_a_view_fail(site, client, name, case, n):
    problems = fuzz_address(client, site, case, n)
    assert not problems, "\n".join(problems)


@pytest.mark.parametrize(
    "known",
    [
        pytest.param(
            key,
            marks=pytest.mark.xfail(strict=True, reason=why),
        )
        for key, why in KNOWN_500.items()
    ],
    ids=list(KNOWN_500),
)
def test_a_known_500_is_still_there(site, client, known):
    case_name, _, what = known.partition(" / ")
    case = CASE[case_name]
    if what.startswith("address part "):
        problems = fuzz_address(client, site, case, int(what.removeprefix("address part ")))
    else:
        problems = fuzz_fields(client, site, case, only=what)
    assert not problems, "\n".join(problems)


# Every address of ours has a case

OUR_APPS = ("accounts", "config", "core", "following", "home", "lessons", "maturity", "network")
OUR_APPS += ("search", "themes")


def _ours(module):
    return module.split(".")[0] in OUR_APPS


def _view_module(callback):
    view = getattr(callback, "view_class", None) or getattr(callback, "__wrapped__", None)
    while getattr(view, "__wrapped__", None) is not None:
        view = view.__wrapped__
    view = view or callback
    return getattr(view, "__module__", None) or type(view).__module__


def url_patterns_of_ours(patterns=None, prefix="", urlconf="config.urls"):
    """Every URL pattern that our URLconfs declare, or whose view is our code (a Wagtail hook
    of ours adds admin URLs). Left out: the URLconfs of Django, Wagtail and allauth included
    whole (admin, documents, accounts/), whose views are theirs, and Wagtail's page-serving
    pattern, which pages_and_routes_of_ours stands for."""
    for pattern in get_resolver().url_patterns if patterns is None else patterns:
        route = prefix + str(pattern.pattern)
        if isinstance(pattern, URLResolver):
            module = getattr(pattern.urlconf_module, "__name__", urlconf)
            yield from url_patterns_of_ours(pattern.url_patterns, route, module)
        elif not isinstance(pattern, URLPattern) or pattern.callback is wagtail_serve:
            continue
        elif _ours(urlconf) or _ours(_view_module(pattern.callback)):
            yield ("url", route)


def pages_and_routes_of_ours():
    """Every page type of our apps, and every route of a routable one."""
    for model in get_page_models():
        if not _ours(model.__module__):
            continue
        yield (model._meta.label, "")
        if issubclass(model, RoutablePageMixin):
            for pattern in model.get_resolver().url_patterns:
                if str(pattern.pattern) != "^$":  # the index route: the page itself
                    yield (model._meta.label, str(pattern.pattern))


def what_serves(path):
    """("url", route) for a URL pattern; (page type, route) for a page or one of its routes."""
    match = resolve(path)
    if match.func is not wagtail_serve:
        return ("url", match.route)
    request = RequestFactory().get(path)
    site = Site.find_for_request(request)
    components = [part for part in path.split("/") if part]
    page = site.root_page.specific.route(request, components).page.specific
    rest = path[len(page.get_url(request)) :]
    route = ""
    if isinstance(page, RoutablePageMixin) and rest:
        route = page.get_resolver().resolve(f"/{rest}").route.removeprefix("^/")
    return (page._meta.label, route)


def test_every_address_of_ours_has_a_case(site):
    """Which addresses count: those of url_patterns_of_ours and pages_and_routes_of_ours.
    A case serves its address with the site's ids filled in."""
    wanted = set(url_patterns_of_ours()) | set(pages_and_routes_of_ours())
    served = {what_serves(case.path.format(**site["ids"])) for case in CASES}
    assert wanted - served == set(), "addresses without a fuzz case"
    assert len(wanted) > 60  # the walk finds what it should


def query_parameters_read_by_name():
    """The names in request.GET.get("name"), request.GET.getlist("name"), request.GET["name"]
    and "name" in request.GET anywhere in our apps (a form given request.GET shows its fields,
    which the cases read from the page instead)."""

    def is_query(node):
        return isinstance(node, ast.Attribute) and node.attr == "GET"

    def text(node):
        return (
            node.value if isinstance(node, ast.Constant) and isinstance(node.value, str) else None
        )

    root = Path(__file__).resolve().parents[2]
    for app in OUR_APPS:
        for path in (root / app).rglob("*.py"):
            if "migrations" in path.parts:
                continue
            for node in ast.walk(ast.parse(path.read_text())):
                if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute):
                    if node.func.attr in ("get", "getlist") and is_query(node.func.value):
                        yield text(node.args[0]) if node.args else None
                elif isinstance(node, ast.Subscript) and is_query(node.value):
                    yield text(node.slice)
                elif isinstance(node, ast.Compare) and any(map(is_query, node.comparators)):
                    yield text(node.left)


def test_every_query_parameter_a_view_reads_by_name_has_a_case():
    read = set(query_parameters_read_by_name()) - {None}
    fuzzed = {name for case in CASES for name in case.params}
    assert "term" in read and "id" in read  # the walk finds what it should
    assert read - fuzzed == set(), "query parameters that no case sends"
