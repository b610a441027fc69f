"""A lesson as schema.org JSON-LD (its page metadata, core/metadata.py): an Article on its
themes and maturity outcomes, aligned to the maturity levels it speaks to, where it happened,
and the lessons it builds on that anyone may read. Never who wrote or applied it."""

from django.contrib.auth.models import AnonymousUser

from core.addresses import absolute_url
from core.vocabulary import Region
from lessons.vocabulary import Relation


def lesson_json_ld(lesson, url, request=None):
    published = lesson.first_published_at
    links = list(lesson.maturity_links.all())
    themes = [theme.name for theme in lesson.themes.all()]
    data = {
        "@type": "Article",
        "headline": lesson.title,
        "name": lesson.title,
        "description": lesson.metadata_description(),
        "url": url,
        "genre": lesson.get_kind_display(),
        "inLanguage": "en-GB",
        "datePublished": published.date().isoformat() if published else None,
        "keywords": themes,
        "about": [
            *(
                {"@type": "DefinedTerm", "name": link.label, "url": absolute_url(link.level_url)}
                for link in links
            ),
            *({"@type": "Thing", "name": theme} for theme in themes),
        ],
        "educationalAlignment": [
            {
                "@type": "AlignmentObject",
                "alignmentType": "educationalLevel",
                "educationalFramework": link.dimension.framework.title,
                "targetName": link.label,
                "targetUrl": absolute_url(link.level_url),
            }
            for link in links
        ],
    }
    if lesson.region or lesson.setting:
        place = {"@type": "Place"}
        if lesson.region:
            place["name"] = Region(lesson.region).label
        if lesson.setting:
            place["description"] = lesson.setting
        data["contentLocation"] = place
    if based_on := _builds_on(lesson, request):
        data["isBasedOn"] = based_on
    return data


def _builds_on(lesson, request):
    """The lessons it builds on that anyone may read, as the page links them (their addresses
    through the request, which keeps the site's root paths for the whole page)."""
    ids = [
        link.target_id for link in lesson.related_links.all() if link.relation == Relation.BUILDS_ON
    ]
    if not ids:
        return []
    readable = type(lesson).objects.readable_by(AnonymousUser()).filter(pk__in=ids)
    return [
        {"@type": "Article", "name": target.title, "url": absolute_url(target, request)}
        for target in readable.order_by("title")
    ]
