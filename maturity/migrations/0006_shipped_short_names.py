"""Short names for the shipped frameworks, so that every label says which framework and what
the level means: “QIOF Outcome 2 · level 2: delivering to teams”.

Each short descriptor condenses the level's descriptor (seeds 000, 001 and 004). Like the rest
of the reference data they can be edited in the admin; `name_shipped_levels` only fills the rows
the product shipped, by framework slug and dimension code, and is safe to run again.
"""

from django.db import migrations

ABBREVIATIONS = {"qiof": "QIOF", "kmsa": "KMSA", "nmm": "NMM"}

SHORT_DESCRIPTORS = {
    # LKS Quality and Improvement Outcomes Framework
    "qiof-1": [
        "patchy, reactive access",
        "free to all, awareness uneven",
        "promoted to every staff group",
        "built into induction and planning",
        "shaping organisational priorities",
    ],
    "qiof-2": [
        "not yet mobilised",
        "evidence searches, plans with a team",
        "delivering to teams",
        "becoming business as usual",
        "business critical",
    ],
    "qiof-3": [
        "needs not yet assessed",
        "needs gathered informally",
        "a structured needs assessment",
        "needs assessed across the organisation",
        "anticipating needs with partners",
    ],
    "qiof-4": [
        "skills not yet reviewed",
        "skills mapped, gaps known",
        "a development plan for everyone",
        "skill mix planned regularly",
        "skill mix planned with the organisation",
    ],
    "qiof-5": [
        "quality not yet reviewed",
        "feedback collected, plans to improve",
        "improvement projects under way",
        "continuous improvement is normal",
        "an embedded improvement culture",
    ],
    "qiof-6": [
        "impact not yet measured",
        "some impact evidence",
        "impact measured routinely",
        "impact reported to the Board",
        "impact widely recognised",
    ],
    # Knowledge Mobilisation Self-Assessment
    "kmsa-leadership": [
        "knowledge not yet seen as an asset",
        "individual champions",
        "a named lead and a plan",
        "in the strategy, reviewed by the Board",
        "leaders at every level",
    ],
    "kmsa-behaviours": [
        "knowledge stays with individuals",
        "pockets of sharing",
        "sharing encouraged",
        "sharing is normal",
        "an open, learning culture",
    ],
    "kmsa-capabilities": [
        "few tools or skills",
        "some tools and training",
        "agreed tools in some teams",
        "part of standard practice",
        "mature and shared with others",
    ],
    "kmsa-opportunities": [
        "none identified yet",
        "noted, not yet acted on",
        "priorities in an action plan",
        "tied to objectives and measured",
        "a routine source of innovation",
    ],
    # Network Maturity Matrix
    "nmm-purpose": [
        "no agreed purpose",
        "drafted by the founders",
        "agreed by the core group",
        "steers the network's priorities",
        "owned and renewed by members",
    ],
    "nmm-leadership": [
        "nobody responsible yet",
        "an enthusiast facilitates",
        "facilitator, sponsor and core group",
        "clear, shared roles",
        "spread out, succession planned",
    ],
    "nmm-knowledge-sharing": [
        "one-way communication",
        "occasional sharing",
        "regular peer-to-peer sharing",
        "most members contribute",
        "a recognised source of know-how",
    ],
    "nmm-learning": [
        "no learning or reflection yet",
        "some learning content",
        "learning planned around needs",
        "learning is central",
        "a learning community",
    ],
    "nmm-impact": [
        "no evidence of impact yet",
        "measures suggested",
        "simple measures tracked",
        "tracked and reported",
        "impact clearly shown",
    ],
}


def name_shipped_levels(apps, schema_editor):
    Framework = apps.get_model("maturity", "Framework")
    Level = apps.get_model("maturity", "Level")
    for slug, abbreviation in ABBREVIATIONS.items():
        Framework.objects.filter(slug=slug).update(abbreviation=abbreviation)
    for code, descriptors in SHORT_DESCRIPTORS.items():
        for number, short_descriptor in enumerate(descriptors):
            Level.objects.filter(dimension__code=code, number=number).update(
                short_descriptor=short_descriptor
            )


class Migration(migrations.Migration):
    dependencies = [("maturity", "0005_framework_abbreviation_level_short_descriptor")]

    operations = [migrations.RunPython(name_shipped_levels, migrations.RunPython.noop)]
