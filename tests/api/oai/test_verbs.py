"""Each OAI-PMH verb, answered as the vendored schemas say (tests/builders/oai.py validates
every answer), over public, published lessons only."""

from lessons.models import LessonPage
from tests.builders.oai import NS, error_codes, headers, oai, texts

HOST = "127.0.0.1"  # SITE_URL's host in the test settings


def ident(slug):
    return f"oai:{HOST}:lesson/{LessonPage.objects.get(slug=slug).pk}"


def test_identify_names_the_repository_from_settings(library, client, settings):
    settings.OAI_ADMIN_EMAILS = ["oai@example.nhs.uk", "library@example.nhs.uk"]
    settings.OAI_EARLIEST_DATESTAMP = "2024-01-01T00:00:00Z"
    tree = oai(client, verb="Identify")
    identify = tree.find("oai:Identify", NS)
    assert (
        identify.findtext("oai:repositoryName", namespaces=NS) == "Knowledge Mobilisation Network"
    )
    assert identify.findtext("oai:baseURL", namespaces=NS) == f"{settings.SITE_URL}/oai/"
    assert texts(identify, "oai:adminEmail") == settings.OAI_ADMIN_EMAILS
    assert identify.findtext("oai:earliestDatestamp", namespaces=NS) == "2024-01-01T00:00:00Z"
    assert identify.findtext("oai:deletedRecord", namespaces=NS) == "persistent"
    assert identify.findtext("oai:granularity", namespaces=NS) == "YYYY-MM-DDThh:mm:ssZ"
    assert tree.find("oai:request", NS).get("verb") == "Identify"


def test_the_same_answers_come_by_post(library, client):
    tree = oai(client, method="post", verb="ListIdentifiers", metadataPrefix="oai_dc")
    assert len(headers(tree)) == 2


def test_list_metadata_formats_offers_oai_dc(library, client):
    for params in ({}, {"identifier": ident("discharge-huddles")}):
        tree = oai(client, verb="ListMetadataFormats", **params)
        assert texts(tree, ".//oai:metadataPrefix") == ["oai_dc"]


def test_list_sets_names_kinds_public_networks_and_outcomes(library, client):
    specs = texts(oai(client, verb="ListSets"), ".//oai:setSpec")
    assert {"kind", "network", "outcome", "kind:case_study", "network:south-west-km"} <= set(specs)
    assert "outcome:qiof-2" in specs
    assert "network:board-leads" not in specs  # members-only


def test_only_public_published_lessons_of_public_networks_are_listed(library, client):
    for verb in ("ListIdentifiers", "ListRecords"):
        tree = oai(client, verb=verb, metadataPrefix="oai_dc")
        assert sorted(headers(tree)) == sorted(
            [(ident("discharge-huddles"), False), (ident("ward-rounds"), False)]
        )
        assert tree.find(".//oai:resumptionToken", NS) is None  # one page
    html = oai(client, verb="ListRecords", metadataPrefix="oai_dc")
    text = b"".join(e.text.encode() for e in html.iter() if e.text)
    for hidden in (b"Board secrets", b"Open board", b"Draft huddles", b"Ward sister"):
        assert hidden not in text


def test_a_record_in_simple_dublin_core(library, client, settings):
    tree = oai(
        client, verb="GetRecord", identifier=ident("discharge-huddles"), metadataPrefix="oai_dc"
    )
    header = tree.find(".//oai:header", NS)
    assert texts(header, "oai:setSpec") == [
        "kind:lesson",
        "network:south-west-km",
        "outcome:qiof-2",
    ]
    dc = tree.find(".//oai_dc:dc", NS)
    assert texts(dc, "dc:title") == ["Daily discharge huddles"]
    assert texts(dc, "dc:creator") == ["South West KM Network"]  # the network, not a person
    subjects = texts(dc, "dc:subject")
    assert subjects[:2] == ["huddles", "patient flow"] and subjects[2].startswith("QIOF Outcome 2")
    assert texts(dc, "dc:description") == [
        "Ten-minute huddles at 9am cut delayed discharges on two wards."
    ]
    assert texts(dc, "dc:date") == ["2025-03-01"]
    assert texts(dc, "dc:type") == ["Text", "Lesson learned"]
    assert texts(dc, "dc:identifier") == [f"{settings.SITE_URL}/lessons/discharge-huddles/"]
    assert texts(dc, "dc:coverage") == ["South West", "inpatient wards"]
    # Related lessons that anyone may read; never the members-only one.
    assert texts(dc, "dc:relation") == [f"{settings.SITE_URL}/lessons/ward-rounds/"]


def test_a_lesson_of_no_network_is_created_by_the_site(library, client):
    tree = oai(client, verb="GetRecord", identifier=ident("ward-rounds"), metadataPrefix="oai_dc")
    assert texts(tree, ".//dc:creator") == ["Knowledge Mobilisation Network"]
    assert texts(tree, ".//dc:type") == ["Text", "Case study"]
    assert texts(tree, ".//oai:setSpec") == ["kind:case_study"]


def test_the_identifier_survives_a_slug_change(library, client):
    before = ident("ward-rounds")
    page = LessonPage.objects.get(slug="ward-rounds")
    page.slug = "ward-rounds-with-librarians"
    page.save_revision().publish()
    tree = oai(client, verb="GetRecord", identifier=before, metadataPrefix="oai_dc")
    assert texts(tree, ".//dc:identifier")[0].endswith("/lessons/ward-rounds-with-librarians/")


def test_hidden_lessons_have_no_identifier(library, client):
    for slug in ("board-secrets", "open-board", "draft-huddles"):
        tree = oai(client, verb="GetRecord", identifier=ident(slug), metadataPrefix="oai_dc")
        assert error_codes(tree) == ["idDoesNotExist"], slug
