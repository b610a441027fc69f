"""Hostile input, to every parameter of every view that takes one: nothing answers 500.

Each hostile value goes to one parameter at a time (so a bad value elsewhere cannot stop the
request before it reaches the code under test), as the person who reaches the most code
there: a facilitator of the public network who is a member of the members-only one, staff
for the staff pages. The JSON API answers a bad parameter with 400 and errors by parameter.
Runs on SQLite and on PostgreSQL (DATABASE_URL=$(scripts/start-postgres)).
"""

import datetime
import json
from urllib.parse import quote, urlencode

from django.db import transaction
from django.utils import timezone

import pytest

from network.models import EventPage, JoinRequest, Membership, NetworkPage
from tests.builders.accounts import make_user
from tests.builders.lessons import lesson
from tests.builders.network import make_profile

# Each value as it travels in a query string or a form body (percent-encoded).
HOSTILE = {
    "double quote": quote('"'),
    "unbalanced quotes": quote('huddles" OR "x'),
    "apostrophe": quote("'"),
    "nul": quote("huddles\x00"),
    "nul alone": "%00",
    "superscript two": quote("²"),
    "arabic-indic digit": quote("٣"),
    "long": quote("evidence " * 1500),
    "long word": "w" * 5000,
    "minus one": "-1",
    "huge number": "999999999999999999999",
    "percent": quote("%"),
    "star": quote("*"),
    "fts near": quote("NEAR(huddles"),
    "fts operators": quote("AND OR NOT"),
    "fts column": quote("title:huddles {body}: x"),
    "emoji": quote("😀"),
    # A lone surrogate has no UTF-8 form: these are the bytes that would encode one.
    "lone surrogate": "%ED%A0%80",
    "backslash": quote("\\"),
}

SEARCH = ["q", "dimension", "level", "theme", "kind", "organisation_type", "region", "network"]
SEARCH += ["sort", "page"]
SIMILAR = ["organisation_type", "setting", "region", "scale", "team_size", "years_experience"]
SIMILAR += ["training", "dimension", "level", "q", "limit"]
DIRECTORY = ["q", "organisation_type", "region", "specialism", "training", "network", "page"]

# (name, who, path, parameters). Pages that read no parameters get the common ones anyway.
GET_VIEWS = [
    ("search", "facilitator", "/search/", SEARCH),
    ("search api", "facilitator", "/api/lessons/search/", SEARCH),
    ("search api anonymous", "anonymous", "/api/lessons/search/", SEARCH),
    ("suggestions", "facilitator", "/search/suggest/", ["q"]),
    ("similar", "facilitator", "/search/similar/", SIMILAR),
    ("similar api", "facilitator", "/api/lessons/similar/", SIMILAR),
    ("directory", "facilitator", "/members/", DIRECTORY),
    ("directory anonymous", "anonymous", "/members/", DIRECTORY),
    ("lessons index", "facilitator", "/lessons/", ["kind", "theme", "page"]),
    ("lesson", "facilitator", "/lessons/discharge-huddles/", ["q", "page"]),
    ("home", "anonymous", "/", ["q", "page"]),
    ("networks", "facilitator", "/networks/", ["page"]),
    ("network", "facilitator", "/networks/south-west-km/", ["page", "tab"]),
    ("members-only network", "facilitator", "/networks/board-leads/", ["page"]),
    ("join requests", "facilitator", "/networks/board-leads/requests/", ["page"]),
    ("add member form", "facilitator", "/networks/south-west-km/members/add/", ["email"]),
    ("add review form", "facilitator", "/networks/south-west-km/reviews/add/", ["date"]),
    ("event", "facilitator", "/networks/south-west-km/webinar/", ["page"]),
    ("event calendar", "anonymous", "/networks/south-west-km/webinar/calendar/", ["page"]),
    ("network calendar", "anonymous", "/networks/south-west-km/calendar/", ["page"]),
    ("frameworks", "anonymous", "/maturity/", ["page"]),
    ("framework", "facilitator", "/maturity/qiof/", ["level"]),
    ("outcome", "facilitator", "/maturity/outcome/qiof-2/", ["level"]),
    ("profile", "facilitator", "/members/{profile}/", ["page"]),
    ("profile edit form", "facilitator", "/members/me/edit/", ["page"]),
    ("insights", "staff", "/search/insights/", ["days", "network"]),
    ("insights for a facilitator", "facilitator", "/search/insights/", ["days", "network"]),
    ("admin tag autocomplete", "staff", "/admin/tag-autocomplete/", ["term"]),
    ("admin page search", "staff", "/admin/pages/search/", ["q", "p"]),
    ("admin page chooser", "staff", "/admin/choose-page/search/", ["q", "p"]),
    ("admin memberships", "staff", "/admin/memberships/", ["q", "p", "role", "network"]),
    ("admin outcomes", "staff", "/admin/snippets/maturity/dimension/", ["q", "p"]),
    ("admin images", "staff", "/admin/images/", ["q", "p"]),
    ("admin documents", "staff", "/admin/documents/", ["q", "p"]),
    ("admin users", "staff", "/admin/users/", ["q", "p"]),
    ("sign in", "anonymous", "/accounts/login/", ["next"]),
    ("lessons feed", "anonymous", "/feeds/lessons/", ["page"]),
    ("lessons json feed", "anonymous", "/feeds/lessons/json/", ["page"]),
    ("network feed", "anonymous", "/feeds/networks/south-west-km/atom/", ["page"]),
    ("themes", "anonymous", "/themes/", ["page"]),
    ("following", "facilitator", "/members/me/following/", ["page", "next"]),
    ("unsubscribe", "anonymous", "/emails/unsubscribe/nonsense/", ["page"]),
    ("my lessons", "facilitator", "/members/me/lessons/", ["page"]),
    ("apply a lesson", "facilitator", "/lessons/discharge-huddles/apply/", ["page"]),
]

# (name, who, path, a valid submission). Each field in turn gets each hostile value (on the
# review form, one field of each kind: the rest repeat them).
POST_FORMS = [
    (
        "profile edit",
        "facilitator",
        "/members/me/edit/",
        {
            "display_name": "Fay Facilitator",
            "job_role": "Clinical librarian",
            "organisation": "Exeter Trust",
            "organisation_type": "acute_trust",
            "region": "south_west",
            "years_experience": "12",
            "specialisms": "literature searching",
            "training": "QSIR",
            "ask_me_about": "huddles",
            "bio": "Ran huddles.",
            "visibility": "everyone",
        },
    ),
    ("join", "outsider", "/networks/board-leads/join/", {"message": "I write board papers."}),
    (
        "add member",
        "facilitator",
        "/networks/south-west-km/members/add/",
        {"email": "outsider@example.nhs.uk"},
    ),
    (
        "add review",
        "facilitator",
        "/networks/south-west-km/reviews/add/",
        {
            "date": "2026-03-15",
            "notes": "First review.",
            **{f"nmm-{d}-current": "1" for d in ("purpose", "leadership", "learning")},
            **{f"nmm-{d}-current": "1" for d in ("knowledge-sharing", "impact")},
            **{f"nmm-{d}-target": "2" for d in ("purpose", "leadership", "learning")},
            **{f"nmm-{d}-target": "2" for d in ("knowledge-sharing", "impact")},
            "measure-0-name": "active members",
            "measure-0-value": "40",
        },
    ),
    (
        "sign in",
        "anonymous",
        "/accounts/login/",
        {"login": "nobody@example.nhs.uk", "password": "not-the-password"},
    ),
    ("email preferences", "facilitator", "/members/me/following/emails/", {"frequency": "daily"}),
    (
        "apply a lesson",
        "facilitator",
        "/lessons/discharge-huddles/apply/",
        {
            "organisation_type": "acute_trust",
            "setting": "wards",
            "region": "south_west",
            "scale": "team",
            "team_years": "20",
            "applied_on": "2026-01-15",
            "what_we_did": "Ran the huddles on two wards.",
        },
    ),
]

# Addresses whose own segments are hostile: (method, path).
PATHS = [
    ("get", "/members/999999999999999999999/"),
    ("get", "/members/999999999999999999999/photo/"),
    ("get", "/lessons/%00/"),
    ("get", "/lessons/%C2%B2/"),
    ("get", "/maturity/outcome/%22/"),
    ("get", "/maturity/%C2%B2/"),
    ("get", "/networks/south-west-km/%00/calendar/"),
    ("post", "/networks/board-leads/requests/999999999999999999999/approve/"),
    ("post", "/networks/board-leads/requests/{request}/%C2%B2/"),
    ("post", "/networks/board-leads/requests/{request}/%00/"),
]


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
    outsider = make_user("outsider@example.nhs.uk")
    asker = make_user("asker@example.nhs.uk")
    join_request = JoinRequest.objects.create(network=members_only, user=asker)
    start = timezone.now() + datetime.timedelta(days=7)
    event = EventPage(
        title="Webinar",
        slug="webinar",
        start=start,
        end=start + datetime.timedelta(hours=1),
        description="A webinar.",
    )
    public.add_child(instance=event)
    event.save_revision().publish()
    staff = make_user("staff@example.nhs.uk", is_staff=True, is_superuser=True)
    return {
        "people": {"facilitator": facilitator, "outsider": outsider, "staff": staff},
        "profile": profile,
        "request": join_request,
    }


def signed_in(client, site, who):
    if who != "anonymous":
        client.force_login(site["people"][who])
    return client


def send(client, method, path, body):
    """The response, or the exception a view raised (in its own savepoint, so that on
    PostgreSQL a failed statement cannot spoil the requests after it)."""
    try:
        with transaction.atomic():
            if method == "get":
                return client.get(f"{path}?{body}" if body else path)
            return client.post(
                path, body.encode(), content_type="application/x-www-form-urlencoded"
            )
    except Exception as error:  # noqa: BLE001 - every failure is reported below
        return error


def problem(response, path, body):
    """What is wrong with this response, or None."""
    where = f"{path}?{body[:120]}"
    if isinstance(response, Exception):
        return f"{where}: raised {response!r}"
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


@pytest.mark.parametrize(
    ("name", "who", "path", "params"), GET_VIEWS, ids=[v[0] for v in GET_VIEWS]
)
def test_no_parameter_value_makes_a_view_fail(site, client, name, who, path, params):
    client = signed_in(client, site, who)
    path = path.format(profile=site["profile"].pk)
    problems = []
    for param in params:
        queries = [f"{param}={value}" for value in HOSTILE.values()]
        queries.append(f"{param}=1&{param}=huddles&{param}=%22&{param}=")  # repeated
        for query in queries:
            problems.append(problem(send(client, "get", path, query), path, query))
    problems = [p for p in problems if p]
    assert not problems, "\n".join(problems)


@pytest.mark.parametrize(
    ("name", "who", "path", "valid"), POST_FORMS, ids=[f[0] for f in POST_FORMS]
)
def test_no_field_value_makes_a_form_fail(site, client, name, who, path, valid):
    client = signed_in(client, site, who)
    problems = []
    fields = [f for f in valid if not f.startswith("nmm-") or f.startswith("nmm-purpose")]
    for field in fields:
        for value in HOSTILE.values():
            body = urlencode({k: v for k, v in valid.items() if k != field})
            body += f"&{field}={value}"
            problems.append(problem(send(client, "post", path, body), path, body))
    problems = [p for p in problems if p]
    assert not problems, "\n".join(problems)


@pytest.mark.parametrize(("method", "path"), PATHS)
def test_no_address_makes_a_view_fail(site, client, method, path):
    client = signed_in(client, site, "facilitator")
    path = path.format(request=site["request"].pk)
    assert problem(send(client, method, path, ""), path, "") is None
