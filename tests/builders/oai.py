"""Asking /oai/ and reading its answers, each validated against the vendored OAI-PMH and
oai_dc schemas (api/xsd/), without the network."""

from pathlib import Path

from django.conf import settings

from lxml import etree

XSD = Path(settings.BASE_DIR) / "api" / "xsd"
NS = {
    "oai": "http://www.openarchives.org/OAI/2.0/",
    "oai_dc": "http://www.openarchives.org/OAI/2.0/oai_dc/",
    "dc": "http://purl.org/dc/elements/1.1/",
}
# Both schemas at once: a record's metadata is checked strictly, so oai_dc must be known.
_BOTH = f"""<xs:schema xmlns:xs="http://www.w3.org/2001/XMLSchema">
  <xs:import namespace="{NS["oai"]}" schemaLocation="{(XSD / "OAI-PMH.xsd").as_uri()}"/>
  <xs:import namespace="{NS["oai_dc"]}" schemaLocation="{(XSD / "oai_dc.xsd").as_uri()}"/>
</xs:schema>"""
SCHEMA = etree.XMLSchema(etree.fromstring(_BOTH.encode(), etree.XMLParser(no_network=True)))


def valid(content):
    """The parsed response, which must be valid OAI-PMH."""
    tree = etree.fromstring(content, etree.XMLParser(no_network=True))
    SCHEMA.assertValid(tree)
    return tree


def oai(client, method="get", **params):
    response = getattr(client, method)("/oai/", params)
    assert response.status_code == 200, response.content
    assert response["Content-Type"] == "text/xml; charset=utf-8"
    return valid(response.content)


def error_codes(tree):
    return [error.get("code") for error in tree.findall("oai:error", NS)]


def texts(element, path):
    return [found.text for found in element.findall(path, NS)]


def headers(tree):
    """(identifier, deleted?) of each header in a list or record answer."""
    return [
        (header.findtext("oai:identifier", namespaces=NS), header.get("status") == "deleted")
        for header in tree.iter(f"{{{NS['oai']}}}header")
    ]


def token(tree):
    found = tree.find(".//oai:resumptionToken", NS)
    return found
