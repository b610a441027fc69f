"""A lesson as simple Dublin Core (oai_dc), for OAI-PMH harvesters: what it is about and
where it happened, never who wrote or applied it."""

from xml.etree.ElementTree import Element, SubElement

from django.conf import settings

from core.addresses import absolute_url
from core.vocabulary import Region

PREFIX = "oai_dc"
NAMESPACE = "http://www.openarchives.org/OAI/2.0/oai_dc/"
SCHEMA = "http://www.openarchives.org/OAI/2.0/oai_dc.xsd"
DC = "http://purl.org/dc/elements/1.1/"
XSI = "http://www.w3.org/2001/XMLSchema-instance"


def record_metadata(lesson, related):
    """The <oai_dc:dc> element of a lesson; `related` the harvestable lessons it links to."""
    dc = Element(f"{{{NAMESPACE}}}dc", {f"{{{XSI}}}schemaLocation": f"{NAMESPACE} {SCHEMA}"})

    def add(name, value):
        if value:
            SubElement(dc, f"{{{DC}}}{name}").text = str(value)

    add("title", lesson.title)
    # The network speaks for the lesson; a person is never named.
    add("creator", lesson.network.title if lesson.network_id else settings.WAGTAIL_SITE_NAME)
    for theme in sorted(tag.name for tag in lesson.themes.all()):
        add("subject", theme)
    for link in lesson.maturity_links.all():
        add("subject", link.dimension.full_label)
    add("description", lesson.summary)
    add("publisher", settings.WAGTAIL_SITE_NAME)
    add("date", (lesson.date or lesson.first_published_at.date()).isoformat())
    add("type", "Text")
    add("type", lesson.get_kind_display())
    add("format", "text/html")
    add("identifier", absolute_url(lesson))
    add("language", "en-GB")
    if lesson.region:
        add("coverage", Region(lesson.region).label)
    add("coverage", lesson.setting)
    for target in related:
        add("relation", absolute_url(target))
    return dc
