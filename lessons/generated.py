"""Realistic-looking generated lessons (lessons/v1 dicts), for benchmarks and load tests."""

from core.vocabulary import OrganisationType, Region, Scale
from lessons.vocabulary import FactorType, Kind

ROLES = [
    "Clinical librarian",
    "Knowledge manager",
    "Ward sister",
    "Consultant physician",
    "Improvement lead",
    "Pharmacist",
    "Practice manager",
    "Evidence search specialist",
    "Head of library and knowledge services",
    "Physiotherapist",
    "Paramedic",
    "Data analyst",
]
SPECIALISMS = [
    "literature searching",
    "infection prevention and control",
    "critical appraisal",
    "health literacy",
    "patient safety",
    "knowledge capture",
    "service redesign",
    "statistics",
]
TRAINING = [
    "measurement for improvement",
    "QSIR practitioner",
    "knowledge management foundations",
    "Kirkpatrick evaluation",
    "coaching",
    "lean for healthcare",
]
THEMES = [
    "evidence summaries",
    "knowledge capture",
    "huddles",
    "patient flow",
    "board engagement",
    "clinical librarians",
    "after action review",
    "onboarding",
    "communities of practice",
    "health literacy",
    "digital tools",
    "current awareness",
    "patient safety",
    "research use",
    "peer assist",
]
TOPICS = [
    "evidence briefings for the board",
    "a ward knowledge café",
    "current awareness bulletins",
    "peer assists before new projects",
    "after action reviews in theatres",
    "handover checklists",
    "an exit interview for knowledge",
    "a searchable lessons log",
    "embedded clinical librarians",
    "journal clubs for allied health professionals",
    "plain-language research summaries",
]
SETTINGS = [
    "inpatient wards",
    "community nursing",
    "GP practices",
    "emergency department",
    "corporate services",
    "mental health wards",
    "ambulance control room",
]
WHYS = [
    "People did not know the evidence existed",
    "Nobody owned the question",
    "Time was short",
    "The request form was hard to find",
    "Teams worked in silos",
    "Leaders asked for it weekly",
    "A named librarian joined the team",
    "Results were shared at the huddle",
]


def fake_networks(count=5):
    """Networks for generated lessons; the first is members-only."""
    return [
        {
            "slug": f"bench-network-{n}",
            "title": f"Benchmark network {n}",
            "purpose": "Bench",
            "visibility": "members" if n == 0 else "public",
        }
        for n in range(count)
    ]


def fake_lesson(rng, n, codes, networks):
    topic = rng.choice(TOPICS)
    network = rng.choice(networks)
    team = [
        {
            "role": rng.choice(ROLES),
            "years_experience": rng.randint(0, 35),
            "specialisms": rng.sample(SPECIALISMS, 2),
            "training": rng.sample(TRAINING, 1),
        }
        for _ in range(rng.randint(1, 6))
    ]
    factors = [
        {
            "type": rng.choice(FactorType.values),
            "statement": f"Factor {k} of {topic}",
            "whys": rng.sample(WHYS, rng.randint(1, 5)),
            "root_cause": rng.choice(WHYS),
            "actions": [f"Action taken for {topic}"],
        }
        for k in range(rng.randint(1, 4))
    ]
    return {
        "slug": f"generated-lesson-{n}",
        "title": f"{topic.capitalize()} ({n})",
        "kind": rng.choice(Kind.values),
        "summary": f"How one team introduced {topic}, and what others can learn from it.",
        "visibility": network["visibility"],
        "date": f"{rng.randint(2020, 2026)}-{rng.randint(1, 12):02}-{rng.randint(1, 28):02}",
        "network": network["slug"],
        "themes": rng.sample(THEMES, 3),
        "context": {
            "organisation_type": rng.choice(OrganisationType.values),
            "setting": rng.choice(SETTINGS),
            "region": rng.choice(Region.values),
            "scale": rng.choice(Scale.values),
            "team": team,
        },
        "intended": f"Introduce {topic}.",
        "what_happened": f"The team piloted {topic} for three months.",
        "outcome": f"Requests rose by {rng.randint(5, 80)}%.",
        "factors": factors,
        "recommendations": ["Start small.", "Name an owner."],
        "maturity": [
            {"dimension": code, "level": rng.randint(0, 4)} for code in rng.sample(codes, 2)
        ],
    }
