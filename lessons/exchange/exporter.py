"""Writing lessons out as lessons/v1 (export_lessons): lesson_to_dict is the inverse of the
importer's apply_lesson."""

from django.contrib.auth.models import AnonymousUser
from django.db.models import Prefetch, Q

from lessons.exchange.format import FORMAT
from lessons.models import Application, LessonPage
from lessons.models.impact import as_number
from network.models import NetworkPage, Profile


def _clean(mapping):
    """Drop absent values so that a field left empty is simply not written."""
    return {key: value for key, value in mapping.items() if value not in (None, "", [], {})}


def lesson_to_dict(page, exported_slugs=None):
    """The lessons/v1 form of a lesson page, keys in the contract's order.

    `related` lists links to lessons in `exported_slugs` only, when given, so that a file
    never names a lesson it does not contain (a published lesson may link to a draft).
    """
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
    related = [
        {"slug": link.target.slug, "relation": link.relation}
        for link in page.related_links.all()
        if exported_slugs is None or link.target.slug in exported_slugs
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
            "related": related,
            "impact": impact_to_dict(page),
        }
    )


def impact_to_dict(page):
    """A lesson's impact as lessons/v1 writes it; nothing when it has none."""
    return _clean(
        {
            "beneficiaries": list(page.impact_beneficiaries or []),
            "impact_types": list(page.impact_types or []),
            "decisions_informed": page.impact_decisions_informed,
            "hours_saved": as_number(page.impact_hours_saved),
            "money_saved_gbp": as_number(page.impact_money_saved_gbp),
            "outcome": page.impact_outcome,
            "vignette": page.impact_vignette,
            "quote": _clean({"text": page.impact_quote, "speaker": page.impact_quote_speaker}),
            "corroboration": [
                {"title": block.value["title"], "url": block.value["url"]}
                for block in page.impact_corroboration
            ],
        }
    )


def application_to_dict(application):
    """An application as lessons/v1 writes it: the context and the result, never who."""
    values = {name: getattr(application, name) for name in Application.EXCHANGED_FIELDS}
    for name in ("applied_on", "result_on"):
        values[name] = values[name].isoformat() if values[name] else None
    return _clean(values)


def exportable_applications():
    """Applications a file may carry: imported ones (no applier) and those whose applier's
    profile anyone may see. A file is read by people outside the site."""
    public_profiles = Profile.objects.visible_to(AnonymousUser())
    return Application.objects.filter(
        Q(applier__isnull=True) | Q(applier__profile__in=public_profiles)
    ).order_by("applied_on", "pk")


def network_to_dict(network):
    return _clean(
        {
            "slug": network.slug,
            "title": network.title,
            "purpose": network.purpose,
            "visibility": network.visibility,
        }
    )


def saved_version(page):
    """A draft's content lives in its latest revision; a live page's in its row."""
    if not page.live and page.latest_revision_id:
        return page.get_latest_revision_as_object()
    return page


def export_document(include_drafts=False):
    lessons = LessonPage.objects.select_related("network").order_by("slug")
    if not include_drafts:
        lessons = lessons.live()
    lessons = list(
        lessons.prefetch_related(
            "themes",
            "team_members",
            "maturity_links__dimension",
            "related_links__target",
            Prefetch(
                "applications",
                queryset=exportable_applications(),
                to_attr="exportable_applications",
            ),
        )
    )
    exported_slugs = {page.slug for page in lessons}
    lesson_dicts = []
    for page in lessons:
        data = lesson_to_dict(saved_version(page), exported_slugs)
        applications = [application_to_dict(a) for a in page.exportable_applications]
        if applications:
            data["applications"] = applications
        lesson_dicts.append(data)
    named = {lesson["network"] for lesson in lesson_dicts if "network" in lesson}
    networks = NetworkPage.objects.filter(slug__in=named).order_by("slug")
    return {
        "format": FORMAT,
        "networks": [network_to_dict(network) for network in networks],
        "lessons": lesson_dicts,
    }
