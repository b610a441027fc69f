"""Lessons: lessons/v1 documents to import, lessons applied, and the admin editor's form."""

import copy
import datetime

from wagtail.test.utils.form_data import inline_formset, nested_form_data, streamfield

from lessons.models import Application, LessonPage
from maturity.models import Dimension

NETWORKS = [
    {
        "slug": "south-west-km",
        "title": "South West KM Network",
        "purpose": "Sharing what works.",
        "visibility": "public",
    },
    {
        "slug": "board-leads",
        "title": "Board Evidence Leads",
        "purpose": "Board-level evidence.",
        "visibility": "members",
    },
]

LESSON = {
    "slug": "discharge-huddles",
    "title": "Daily discharge huddles",
    "kind": "lesson",
    "summary": "Ten-minute huddles at 9am cut delayed discharges on two wards.",
    "status": "published",
    "visibility": "public",
    "date": "2025-03-01",
    "network": "south-west-km",
    "themes": ["huddles", "patient flow"],
    "context": {
        "organisation_type": "acute_trust",
        "setting": "inpatient wards",
        "region": "south_west",
        "scale": "department",
        "team": [
            {
                "role": "Ward sister",
                "years_experience": 18,
                "specialisms": ["infection prevention and control"],
                "training": ["measurement for improvement"],
            },
            {
                "role": "Clinical librarian",
                "years_experience": 9,
                "specialisms": ["literature searching"],
                "training": ["QSIR practitioner"],
            },
        ],
    },
    "intended": "Discharge patients before noon.",
    "what_happened": "Huddles ran daily for twelve weeks.",
    "outcome": "Delayed discharges fell from 14 to 6 a week, from the bed-state report.",
    "factors": [
        {
            "type": "success_factor",
            "statement": "Effective communication",
            "whys": [
                "Everyone heard the same plan",
                "The huddle was at the same time daily",
                "The ward sister protected the slot",
            ],
            "root_cause": "A fixed, protected time made the huddle a habit.",
            "actions": ["Booked 9am in every rota"],
        },
        {
            "type": "barrier",
            "statement": "Pharmacy delays",
            "whys": ["Medicines to take home were late"],
            "root_cause": "One pharmacist per site.",
            "actions": ["Asked pharmacy to join on Mondays"],
        },
    ],
    "recommendations": ["Start with one ward.", "Keep it to ten minutes."],
    "maturity": [{"dimension": "qiof-2", "level": 2}],
    "evidence": [{"title": "Bed-state report", "url": "https://example.org/report"}],
}


def lesson(**overrides):
    """A complete, valid lessons/v1 lesson with some fields replaced."""
    data = copy.deepcopy(LESSON)
    data.update(overrides)
    return data


def document(*lessons, networks=None):
    return {
        "format": "lessons/v1",
        "networks": copy.deepcopy(NETWORKS if networks is None else networks),
        "lessons": list(lessons),
    }


def context(org="acute_trust", region="south_west", scale="department", team=None, **extra):
    data = {
        "organisation_type": org,
        "setting": "inpatient wards",
        "region": region,
        "scale": scale,
    }
    data["team"] = (
        team
        if team is not None
        else [{"role": "Ward sister", "years_experience": 18, "training": ["QSIR practitioner"]}]
    )
    data.update(extra)
    return data


def plain(**fields):
    """A lesson whose only words are the ones given (no shared default story or factors)."""
    empty = {
        "intended": "",
        "what_happened": "",
        "outcome": "",
        "factors": [],
        "recommendations": [],
        "evidence": [],
        "summary": fields.get("title", ""),
    }
    return lesson(**{**empty, **fields})


APPLIED_ON = datetime.date(2026, 1, 15)


def applied(slug, times=1, result="", organisation_type="acute_trust"):
    """Record that the lesson was applied, `times` times, each with this result."""
    page = LessonPage.objects.get(slug=slug)
    for n in range(times):
        Application.objects.create(
            lesson=page,
            organisation_type=organisation_type,
            applied_on=APPLIED_ON,
            what_we_did=f"Tried it, time {n + 1}.",
            result=result,
        )


# The lesson editor in the Wagtail admin: a complete, valid submission of its form.


def list_block(values):
    data = {"count": len(values)}
    for n, value in enumerate(values):
        data[str(n)] = {"value": value, "deleted": "", "order": str(n), "id": ""}
    return data


def factor(statement, whys, kind="barrier"):
    return (
        "factor",
        {
            "type": kind,
            "statement": statement,
            "whys": list_block(whys),
            "root_cause": "The root",
            "actions": list_block(["An action"]),
        },
    )


def editor_form(**overrides):
    qiof2 = Dimension.objects.get(code="qiof-2")
    data = {
        "title": "Evidence at the morning huddle",
        "slug": "evidence-at-the-morning-huddle",
        "kind": "lesson",
        "summary": "A librarian brought one evidence summary to each huddle.",
        "date": "2025-05-01",
        "intended": "Bring evidence to decisions.",
        "what_happened": "Summaries at every huddle.",
        "outcome": "Used in 40 decisions.",
        "recommendations": streamfield([("recommendation", "Start small.")]),
        "evidence": streamfield([]),
        "impact_corroboration": streamfield([]),
        "organisation_type": "community_trust",
        "region": "north_west",
        "setting": "community nursing",
        "scale": "team",
        "team_members": inline_formset(
            [
                {
                    "role": "District nurse",
                    "years_experience": "22",
                    "specialisms": "wound care",
                    "training": "QSIR practitioner",
                },
                {
                    "role": "Clinical librarian",
                    "years_experience": "5",
                    "specialisms": "",
                    "training": "",
                },
            ]
        ),
        "factors": streamfield(
            [factor("Time pressure", ["Shifts overrun", "Too few staff", "Vacancies"])]
        ),
        "maturity_links": inline_formset([{"dimension": str(qiof2.pk), "level": "2"}]),
        "related_links": inline_formset([]),
        "themes": "huddles, evidence summaries",
        "network": "",
        "visibility": "public",
        "seo_title": "",
        "search_description": "",
        "go_live_at": "",
        "expire_at": "",
        "comment_notifications": "",
        "comments": inline_formset([]),
    }
    data.update(overrides)
    return nested_form_data(data)
