"""The fuzz cases: each address of ours, who asks, and for a form the page that shows it, grouped
by the part of the site they belong to (tests/search/fuzz/test_every_case.py fuzzes them all),
and the 500s that fuzzing finds today, each left to the issue that fixes it (KNOWN_500).

A case lists only the query parameters that a view reads without any form showing them, and the
valid answers a form leaves blank: tests/builders/fuzz.py reads the rest from the rendered page.
"""

import re
from dataclasses import dataclass, field

from django.urls import resolve

from wagtail.views import serve as wagtail_serve


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
SEARCH += ("impact_type", "beneficiary", "sort", "page")
IMPACT = ("year", "region", "organisation_type", "network", "dimension")
SIMILAR = ("organisation_type", "setting", "region", "scale", "team_size", "years_experience")
SIMILAR += ("training", "dimension", "level", "q", "limit")
OAI = ("verb", "identifier", "metadataPrefix", "set", "from", "until", "resumptionToken")
DIRECTORY = ("q", "organisation_type", "region", "specialism", "training", "network", "page")
ADMIN_LIST = ("q", "p", "ordering")
SHARE = "/lessons/share/{draft}"
NETWORK = "/networks/south-west-km"
BOARD = "/networks/board-leads"
LESSON = "/lessons/discharge-huddles"
UNANSWERED = "/search/insights/networks/{network}/"
CAMPAIGN = "/campaigns/a-million-decisions"
APPLICATION = {
    "organisation_type": "acute_trust",
    "setting": "wards",
    "region": "south_west",
    "scale": "team",
    "team_years": "20",
    "applied_on": "2026-01-15",
    "what_we_did": "Ran the huddles on two wards.",
}

# Reading: pages of every type, listings, search, feeds
READING = [
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
    Case("lesson api", "facilitator", "/api/lessons/discharge-huddles/"),
    Case("lesson api anonymous", "anonymous", "/api/lessons/discharge-huddles/"),
    Case("api openapi", "anonymous", "/api/openapi.json"),
    Case("api docs", "anonymous", "/api/docs/"),
    Case("api root", "anonymous", "/api/"),
    Case("networks api", "anonymous", "/api/networks/"),
    Case("themes api", "anonymous", "/api/themes/"),
    Case("events api", "facilitator", "/api/events/", params=("page",)),
    Case("oai-pmh", "anonymous", "/oai/", params=OAI),
    Case("robots.txt", "anonymous", "/robots.txt"),
    Case("insights", "staff", "/search/insights/", params=("days", "network")),
    Case("searches that found nothing", "facilitator", UNANSWERED),
    Case("what answers a search", "facilitator", f"{UNANSWERED}answer/", params=("query",)),
    Case("insights for a facilitator", "facilitator", "/search/insights/", params=("days",)),
    Case("impact", "facilitator", "/impact/", params=IMPACT),
    Case("impact csv", "facilitator", "/impact/download/", params=IMPACT),
    Case("showcase", "anonymous", "/impact/showcase/"),
    Case("nominate", "facilitator", "/impact/showcase/nominate/", "post"),
    Case("key message", "anonymous", "/impact/messages/2/"),
    Case("directory", "facilitator", "/members/", params=DIRECTORY),
    Case("directory anonymous", "anonymous", "/members/", params=DIRECTORY),
    Case("profile", "facilitator", "/members/{profile}/"),
    Case("profile photo", "facilitator", "/members/{profile}/photo/"),
    Case("sitemap", "anonymous", "/sitemap.xml", params=("p",)),
    Case("health live", "anonymous", "/health/live/"),
    Case("health ready", "anonymous", "/health/ready/"),
    Case("lessons feed", "anonymous", "/feeds/lessons/"),
    Case("lessons atom feed", "anonymous", "/feeds/lessons/atom/"),
    Case("lessons json feed", "anonymous", "/feeds/lessons/json/"),
    Case("theme feed", "anonymous", "/feeds/themes/huddles/"),
    Case("theme atom feed", "anonymous", "/feeds/themes/huddles/atom/"),
    Case("theme json feed", "anonymous", "/feeds/themes/huddles/json/"),
    Case("network feed", "anonymous", "/feeds/networks/south-west-km/"),
    Case("network atom feed", "anonymous", "/feeds/networks/south-west-km/atom/"),
    Case("network json feed", "anonymous", "/feeds/networks/south-west-km/json/"),
    Case("campaigns", "anonymous", "/campaigns/"),
    Case("campaign", "facilitator", f"{CAMPAIGN}/"),
    Case("campaign news", "anonymous", f"{CAMPAIGN}/launch/"),
    Case("campaign contacts", "staff", f"{CAMPAIGN}/contacts/"),
    Case("campaign feed", "anonymous", "/feeds/campaigns/a-million-decisions/"),
    Case("campaign atom feed", "anonymous", "/feeds/campaigns/a-million-decisions/atom/"),
    Case("campaign json feed", "anonymous", "/feeds/campaigns/a-million-decisions/json/"),
    Case("quote card page", "anonymous", CAMPAIGN + "/quotes/{quote}/"),
    Case("quote card", "anonymous", CAMPAIGN + "/quotes/{quote}/card/wide/"),
    Case("case study card page", "anonymous", CAMPAIGN + "/case-studies/{lesson}/"),
    Case("case study card", "anonymous", CAMPAIGN + "/case-studies/{lesson}/card/square/"),
    Case("confirm signature page", "anonymous", CAMPAIGN + "/confirm/{signature}/"),
    Case("withdraw signature page", "anonymous", CAMPAIGN + "/withdraw/{signature}/"),
    Case("stop campaign updates page", "anonymous", "/emails/campaign-updates/{signature}/"),
]

# Signing in
SIGNING_IN = [
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
    # allauth's two-factor pages are its views (test_every_case.py leaves accounts/ out) in our
    # templates; the others ask for the password again, or for a sign-in under way, first.
    Case("two-factor sign-in", "facilitator", "/accounts/2fa/"),
]

# Profiles and following
PROFILES_AND_FOLLOWING = [
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
]

# Networks
NETWORKS = [
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
]

# A network's searches that found nothing (search/unanswered_views.py)
NETWORKS += [
    Case(
        "propose what answers a search",
        "facilitator",
        f"{UNANSWERED}answer/",
        "post",
        page=f"{UNANSWERED}answer/?query=telepathy",
        valid={"answer": "words", "terms": "huddles"},
    ),
    Case("ask for a lesson", "facilitator", f"{UNANSWERED}ask/", "post", page=UNANSWERED),
    Case(
        "withdraw an ask",
        "facilitator",
        UNANSWERED + "asks/{ask}/withdraw/",
        "post",
        page=f"{NETWORK}/",
    ),
]

# Applying a lesson
APPLYING = [
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
]

# Sharing a lesson
SHARING = [
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
    Case("evidence file", "facilitator", "/lessons/evidence-files/{draft}/"),
    Case("reviews", "staff", "/members/me/reviews/", params=("show",)),
    Case("review page", "staff", "/members/me/reviews/{in_review}/"),
    Case(
        "ask for changes",
        "staff",
        "/members/me/reviews/{in_review}/ask-for-changes/",
        "post",
        page="/members/me/reviews/{in_review}/",
        valid={"comment": "Say more about the team."},
    ),
    Case(
        "approve",
        "staff",
        "/members/me/reviews/{in_review}/approve/",
        "post",
        page="/members/me/reviews/{in_review}/",
    ),
    Case(
        "withdraw",
        "facilitator",
        "/lessons/share/{in_review}/withdraw/",
        "post",
        page="/lessons/share/{in_review}/check/",
    ),
    Case("co-authors page", "facilitator", f"{SHARE}/co-authors/"),
    Case("co-authors", "facilitator", f"{SHARE}/co-authors/", "post"),
    Case("evidence files page", "facilitator", f"{SHARE}/files/"),
    Case("correction page", "facilitator", "/members/me/corrections/{lesson}/"),
    Case("correction", "facilitator", "/members/me/corrections/{lesson}/", "post"),
]

# The admin: our views, and the Wagtail listings that show our models
ADMIN = [
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
    Case(
        "admin proposed answers",
        "staff",
        "/admin/answer_proposals/",
        params=(*ADMIN_LIST, "status", "answer"),
    ),
    Case(
        "admin decide a proposed answer",
        "staff",
        "/admin/answer_proposals/edit/{proposal}/",
        "post",
        valid={"status": "declined"},
    ),
    Case("admin pledge contacts", "staff", "/admin/pledge_contacts/", params=ADMIN_LIST),
    Case(
        "admin pledge contacts results",
        "staff",
        "/admin/pledge_contacts/results/",
        params=ADMIN_LIST,
    ),
]

# Organisations' self-assessments: the facilitator leads the organisation
ORG = "/assessments/organisations/{organisation}"
RUN = "/assessments/{assessment}"
ASSESSING = [
    Case("assessments", "facilitator", "/assessments/"),
    Case("add organisation form", "staff", "/assessments/organisations/new/"),
    Case(
        "add organisation",
        "staff",
        "/assessments/organisations/new/",
        "post",
        valid={
            "name": "Hillside Community Trust",
            "ods_code": "RHL",
            "organisation_type": "community_trust",
            "region": "north_west",
            "workforce_size": "2400",
            "first_lead_email": "lead@hillside.nhs.uk",
        },
    ),
    Case("organisation", "facilitator", f"{ORG}/"),
    Case("add unit form", "facilitator", f"{ORG}/units/new/"),
    Case(
        "add unit",
        "facilitator",
        f"{ORG}/units/new/",
        "post",
        valid={"name": "Surgery division", "kind": "division"},
    ),
    Case(
        "remove participant",
        "facilitator",
        ORG + "/participants/{participant}/remove/",
        "post",
        page=f"{ORG}/",
    ),
    Case("invite form", "facilitator", f"{ORG}/invite/"),
    Case(
        "invite",
        "facilitator",
        f"{ORG}/invite/",
        "post",
        valid={"email": "ward@riverside.nhs.uk", "role": "lead"},
    ),
    Case("invitation", "member", "/assessments/invitations/{invitation}/"),
    Case(
        "accept invitation",
        "member",
        "/assessments/invitations/{invitation}/",
        "post",
    ),
    Case("start form", "facilitator", f"{ORG}/start/"),
    Case("start", "facilitator", f"{ORG}/start/", "post"),
    Case("assessment", "facilitator", f"{RUN}/"),
    Case("session mode", "facilitator", f"{RUN}/session-mode/", "post", page=f"{RUN}/"),
    Case("outcome page", "facilitator", f"{RUN}/outcomes/1/"),
    Case(
        "answer an outcome",
        "facilitator",
        f"{RUN}/outcomes/1/",
        "post",
        valid={"agreed_level": "2"},
    ),
    Case("close", "facilitator", f"{RUN}/close/", "post", page=f"{RUN}/"),
    Case("results", "facilitator", f"{RUN}/results/"),
    Case("assessment evidence file", "facilitator", "/assessments/evidence-files/{evidence}/"),
    # Submission rounds and the benchmark
    Case("rounds", "facilitator", "/assessments/rounds/"),
    Case("round", "facilitator", "/assessments/rounds/{round}/"),
    Case(
        "return form",
        "facilitator",
        "/assessments/rounds/{open_round}/organisations/{organisation}/return/",
    ),
    Case(
        "make a return",
        "facilitator",
        "/assessments/rounds/{open_round}/organisations/{organisation}/return/",
        "post",
    ),
    Case("headline report", "facilitator", "/assessments/rounds/{round}/report/"),
    Case(
        "position",
        "facilitator",
        "/assessments/rounds/{round}/organisations/{organisation}/position/",
    ),
    Case("benchmark", "facilitator", "/assessments/benchmark/", params=("round", "by")),
    Case("benchmark csv", "facilitator", "/assessments/benchmark/csv/", params=("round", "by")),
]

# After an assessment closes: the facilitator leads the organisation; the region's lead
# leaves feedback.
CLOSED = "/assessments/{closed}"
ACTION = CLOSED + "/plan/actions/{action}"
ASSESSING += [
    Case("development opportunities", "facilitator", f"{CLOSED}/opportunities/"),
    Case("discussion", "facilitator", f"{CLOSED}/discussion/"),
    Case(
        "record the discussion",
        "facilitator",
        f"{CLOSED}/discussion/",
        "post",
        valid={"held_on_0": "2", "held_on_1": "11", "held_on_2": "2026", "took_part": "Nurse"},
    ),
    Case("feedback", "region_lead", f"{CLOSED}/feedback/"),
    Case("leave feedback", "region_lead", f"{CLOSED}/feedback/", "post", valid={"text": "Good."}),
    Case("action plan", "facilitator", f"{CLOSED}/plan/"),
    Case("printable action plan", "facilitator", f"{CLOSED}/plan/print/"),
    Case("action plan CSV", "facilitator", f"{CLOSED}/plan/action-plan.csv"),
    Case("action", "facilitator", f"{ACTION}/"),
    Case(
        "change an action",
        "facilitator",
        f"{ACTION}/",
        "post",
        valid={"description": "Minute it", "status": "done"},
    ),
    Case(
        "we applied this from the plan",
        "facilitator",
        ACTION + "/applied/{lesson}/",
        "post",
        page=f"{CLOSED}/plan/",
    ),
    Case("compare units", "facilitator", f"{ORG}/compare/"),
    Case("track a unit", "facilitator", f"{ORG}/track/"),
]


# A campaign's pledge
CAMPAIGNS = [
    Case(
        "sign the pledge",
        "anonymous",
        f"{CAMPAIGN}/sign/",
        "post",
        page=f"{CAMPAIGN}/",
        valid={
            "name": "Ada Signer",
            "organisation": "A trust",
            "role": "Librarian",
            "region": "south_west",
            "email": "ada.signer@example.nhs.uk",
        },
    ),
    Case("confirm signature", "anonymous", CAMPAIGN + "/confirm/{signature}/", "post"),
    Case("withdraw signature", "anonymous", CAMPAIGN + "/withdraw/{withdrawn}/", "post"),
    Case("stop campaign updates", "anonymous", "/emails/campaign-updates/{signature}/", "post"),
]

QUESTION = "/questions/{question}/"
ASKED = "/questions/question/{question}/"
QUESTIONS = [
    Case("questions", "anonymous", "/questions/", params=("q",)),
    Case("questions signed in", "member", "/questions/", params=("q",)),
    Case("question page", "member", QUESTION),
    Case("question suggestions", "member", "/questions/suggest/", params=("q",)),
    Case("reported posts", "facilitator", "/questions/reports/"),
    Case(
        "ask a question",
        "facilitator",
        "/questions/ask/",
        "post",
        valid={"title": "How?", "body": "So"},
    ),
    Case(
        "answer a question",
        "member",
        QUESTION + "answer/",
        "post",
        page=QUESTION,
        valid={"body": "So"},
    ),
    Case(
        "answer helped",
        "facilitator",
        QUESTION + "answers/{other_answer}/helpful/",
        "post",
        page=QUESTION,
    ),
    Case("answer useful", "outsider", QUESTION + "answers/{answer}/useful/", "post", page=QUESTION),
    Case(
        "turn into a lesson", "member", QUESTION + "answers/{answer}/lesson/", "post", page=QUESTION
    ),
    Case("report a post", "member", ASKED + "report/", "post", valid={"reason": "Spam"}),
    Case("hide a post", "facilitator", ASKED + "hide/", "post", valid={"reason": "Spam"}),
    Case("restore a post", "facilitator", ASKED + "restore/", "post"),
    Case(
        "comment on a lesson",
        "member",
        "/questions/comments/lesson/{lesson}/",
        "post",
        page=f"{LESSON}/",
        valid={"body": "Thank you"},
    ),
    Case("questions feed", "anonymous", "/feeds/questions/"),
    Case("questions atom feed", "anonymous", "/feeds/questions/atom/"),
    Case("questions json feed", "anonymous", "/feeds/questions/json/"),
    Case("questions api", "member", "/api/questions/", params=("q", "page")),
    Case("question api", "anonymous", "/api/questions/{question}/"),
]

FORMS = [*SIGNING_IN, *PROFILES_AND_FOLLOWING, *NETWORKS, *APPLYING, *CAMPAIGNS]
CASES = [*READING, *FORMS, *SHARING, *ADMIN, *ASSESSING, *QUESTIONS]
CASE = {case.name: case for case in CASES}
assert len(CASE) == len(CASES), "two cases have one name"

# 500s that fuzzing finds today, each left to the issue that will fix it:
# "<case> / <field or parameter>" or "<case> / address part <n>" -> why. None today.
KNOWN_500 = {}


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


# One test for each part of each address and method, once: a part is fuzzed with the rest
# of the address before it, and the same person.
ADDRESSES = {}
for _case in CASES:
    for _n in address_parts(_case.path):
        _key = (_case.method, "/".join(_case.path.strip("/").split("/")[:_n]), _case.who)
        ADDRESSES.setdefault(_key, (f"{_case.name} / address part {_n}", _case, _n))
ADDRESSES = sorted(ADDRESSES.values(), key=lambda entry: entry[0])


def addresses_of(cases):
    """The ADDRESSES whose case is one of these, less the known 500s."""
    names = {case.name for case in cases}
    return [entry for entry in ADDRESSES if entry[1].name in names and entry[0] not in KNOWN_500]
