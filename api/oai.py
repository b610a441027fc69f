"""OAI-PMH 2.0 at /oai/: the six verbs over the harvestable lessons (api/harvest.py), in
simple Dublin Core (api/oai_dc.py), with sets, date ranges, resumption tokens for pages of
100, persistent deleted records, and every error the specification defines that this
repository can meet (noSetHierarchy cannot: it has sets; noMetadataFormats cannot: every
item is in oai_dc).

Identifiers are `oai:<SITE_URL's host>:lesson/<id>`: the page's id, which a slug change leaves
alone. Arguments come by GET or by a POSTed form, as the protocol allows."""

import datetime
import re
from dataclasses import dataclass
from xml.etree.ElementTree import Element, SubElement, register_namespace, tostring

from django.conf import settings
from django.core import signing
from django.db.models import Q
from django.http import HttpResponse
from django.utils import timezone
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_http_methods

from api import oai_dc
from api.harvest import all_sets, harvestable
from api.models import HarvestRecord
from core.addresses import absolute_url, site_host
from core.numbers import parse_whole_number

OAI = "http://www.openarchives.org/OAI/2.0/"
SCHEMA = "http://www.openarchives.org/OAI/2.0/OAI-PMH.xsd"
PAGE = 100
GRANULARITY = "YYYY-MM-DDThh:mm:ssZ"
TOKEN_SALT = "api.oai.resumption"
for _prefix, _uri in (("", OAI), ("oai_dc", oai_dc.NAMESPACE), ("dc", oai_dc.DC)):
    register_namespace(_prefix, _uri)
register_namespace("xsi", oai_dc.XSI)

LISTS = {"required": {"metadataPrefix"}, "optional": {"from", "until", "set"}}
VERBS = {
    "Identify": {"required": set(), "optional": set()},
    "ListMetadataFormats": {"required": set(), "optional": {"identifier"}},
    "ListSets": {"required": set(), "optional": set(), "token": True},
    "GetRecord": {"required": {"identifier", "metadataPrefix"}, "optional": set()},
    "ListIdentifiers": {**LISTS, "token": True},
    "ListRecords": {**LISTS, "token": True},
}
DAY = re.compile(r"\d{4}-\d{2}-\d{2}")
SECOND = re.compile(r"\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z")


class OaiError(Exception):
    def __init__(self, code, message):
        super().__init__(message)
        self.code, self.message = code, message


def identifier(lesson_id):
    return f"oai:{site_host()}:lesson/{lesson_id}"


def datestamp(moment):
    return moment.astimezone(datetime.UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


@csrf_exempt
@require_http_methods(["GET", "POST"])
def endpoint(request):
    params = request.POST if request.method == "POST" else request.GET
    root = Element(f"{{{OAI}}}OAI-PMH", {f"{{{oai_dc.XSI}}}schemaLocation": f"{OAI} {SCHEMA}"})
    SubElement(root, f"{{{OAI}}}responseDate").text = datestamp(timezone.now())
    request_element = SubElement(root, f"{{{OAI}}}request")
    request_element.text = absolute_url("/oai/")
    try:
        verb, arguments = _arguments(params)
        for name, value in arguments.items():
            request_element.set(name, value)
        request_element.set("verb", verb)
        root.append(VIEWS[verb](arguments))
    except OaiError as error:
        if error.code in ("badVerb", "badArgument"):  # the protocol: then no attributes
            request_element.attrib.clear()
        SubElement(root, f"{{{OAI}}}error", code=error.code).text = error.message
    body = tostring(root, encoding="utf-8", xml_declaration=True)
    return HttpResponse(body, content_type="text/xml; charset=utf-8")


def _arguments(params):
    """The verb and its arguments, each once; OaiError for anything the protocol refuses."""
    verbs = params.getlist("verb")
    if len(verbs) != 1 or verbs[0] not in VERBS:
        given = "no verb" if not verbs else "more than one verb" if len(verbs) > 1 else None
        raise OaiError("badVerb", f"The request has {given or f'an unknown verb, {verbs[0]!r}'}.")
    verb, rules = verbs[0], VERBS[verbs[0]]
    arguments = {}
    for name, values in params.lists():
        if name == "verb":
            continue
        allowed = (
            rules["required"]
            | rules["optional"]
            | ({"resumptionToken"} if "token" in rules else set())
        )
        if name not in allowed:
            raise OaiError("badArgument", f"{verb} takes no argument {name!r}.")
        if len(values) > 1:
            raise OaiError("badArgument", f"The argument {name!r} is given more than once.")
        arguments[name] = values[0]
    if "resumptionToken" in arguments:
        if len(arguments) > 1:
            raise OaiError("badArgument", "resumptionToken is an exclusive argument.")
        return verb, arguments
    if missing := sorted(rules["required"] - set(arguments)):
        raise OaiError("badArgument", f"{verb} needs {', '.join(missing)}.")
    return verb, arguments


def _identify(arguments):
    element = Element(f"{{{OAI}}}Identify")
    admins = settings.OAI_ADMIN_EMAILS
    for name, value in (
        ("repositoryName", settings.OAI_REPOSITORY_NAME),
        ("baseURL", absolute_url("/oai/")),
        ("protocolVersion", "2.0"),
        *(("adminEmail", email) for email in admins),
        ("earliestDatestamp", settings.OAI_EARLIEST_DATESTAMP),
        ("deletedRecord", "persistent"),
        ("granularity", GRANULARITY),
    ):
        SubElement(element, f"{{{OAI}}}{name}").text = value
    return element


def _list_metadata_formats(arguments):
    if "identifier" in arguments:
        _record_named(arguments["identifier"])
    element = Element(f"{{{OAI}}}ListMetadataFormats")
    format_ = SubElement(element, f"{{{OAI}}}metadataFormat")
    SubElement(format_, f"{{{OAI}}}metadataPrefix").text = oai_dc.PREFIX
    SubElement(format_, f"{{{OAI}}}schema").text = oai_dc.SCHEMA
    SubElement(format_, f"{{{OAI}}}metadataNamespace").text = oai_dc.NAMESPACE
    return element


def _list_sets(arguments):
    if "resumptionToken" in arguments:
        raise OaiError("badResumptionToken", "This repository gives no token for its sets.")
    element = Element(f"{{{OAI}}}ListSets")
    for spec, name in all_sets():
        set_ = SubElement(element, f"{{{OAI}}}set")
        SubElement(set_, f"{{{OAI}}}setSpec").text = spec
        SubElement(set_, f"{{{OAI}}}setName").text = name
    return element


def _record_named(value):
    host = re.escape(site_host())
    found = re.fullmatch(rf"oai:{host}:lesson/([0-9]+)", value)
    number = parse_whole_number(found[1]) if found else None
    record = HarvestRecord.objects.filter(lesson_id=number).first() if number else None
    if record is None:
        raise OaiError("idDoesNotExist", f"{value!r} is not an item of this repository.")
    return record


def _check_prefix(prefix):
    if prefix != oai_dc.PREFIX:
        raise OaiError("cannotDisseminateFormat", f"Records are given as oai_dc, not {prefix!r}.")


def _get_record(arguments):
    record = _record_named(arguments["identifier"])
    _check_prefix(arguments["metadataPrefix"])
    element = Element(f"{{{OAI}}}GetRecord")
    element.append(_records([record], with_metadata=True)[0])
    return element


@dataclass(frozen=True)
class Harvest:
    """What a list asks for; a resumption token carries it, and where the last page ended."""

    prefix: str
    set: str | None
    since: str | None  # ISO datetimes, inclusive
    before: str | None  # exclusive
    after: tuple | None = None  # (changed_at ISO, lesson_id) of the last record sent
    cursor: int = 0

    def records(self):
        records = HarvestRecord.objects.all()
        if self.since:
            records = records.filter(changed_at__gte=self.since)
        if self.before:
            records = records.filter(changed_at__lt=self.before)
        if self.set:
            inside = Q(sets__contains=f" {self.set} ") | Q(sets__contains=f" {self.set}:")
            records = records.filter(inside)
        return records.order_by("changed_at", "lesson_id")

    def token(self, after, cursor):
        data = [self.prefix, self.set, self.since, self.before, after, cursor]
        return signing.dumps(data, salt=TOKEN_SALT, compress=True)

    @classmethod
    def from_token(cls, token):
        try:
            prefix, set_, since, before, after, cursor = signing.loads(token, salt=TOKEN_SALT)
            return cls(prefix, set_, since, before, tuple(after), int(cursor))
        except (signing.BadSignature, ValueError, TypeError):
            raise OaiError("badResumptionToken", "The resumption token is not valid.") from None


def _harvest(arguments):
    if "resumptionToken" in arguments:
        return Harvest.from_token(arguments["resumptionToken"])
    _check_prefix(arguments["metadataPrefix"])
    since, since_granularity = _moment(arguments.get("from"), "from")
    until, until_granularity = _moment(arguments.get("until"), "until")
    if since and until:
        if since_granularity != until_granularity:
            raise OaiError("badArgument", "from and until must have the same granularity.")
        if since > until:
            raise OaiError("badArgument", "from must not be later than until.")
    if until:
        until += (
            datetime.timedelta(days=1)
            if until_granularity == "day"
            else datetime.timedelta(seconds=1)
        )
    return Harvest(
        arguments["metadataPrefix"],
        arguments.get("set"),
        since.isoformat() if since else None,
        until.isoformat() if until else None,
    )


def _moment(value, name):
    if value is None:
        return None, None
    for pattern, form, granularity in (
        (DAY, "%Y-%m-%d", "day"),
        (SECOND, "%Y-%m-%dT%H:%M:%SZ", "second"),
    ):
        if pattern.fullmatch(value):
            try:
                moment = datetime.datetime.strptime(value, form).replace(tzinfo=datetime.UTC)
            except ValueError:
                break
            return moment, granularity
    raise OaiError("badArgument", f"{name} must be a date (YYYY-MM-DD) or {GRANULARITY}.")


def _list(verb, with_metadata):
    def view(arguments):
        harvest = _harvest(arguments)
        records = harvest.records()
        total = records.count()
        page = records
        if harvest.after:
            changed_at, lesson_id = harvest.after
            page = page.filter(
                Q(changed_at__gt=changed_at) | Q(changed_at=changed_at, lesson_id__gt=lesson_id)
            )
        page = list(page[: PAGE + 1])
        if not page and not harvest.after:
            raise OaiError("noRecordsMatch", "No records match the request.")
        more, page = len(page) > PAGE, page[:PAGE]
        element = Element(f"{{{OAI}}}{verb}")
        for item in _records(page, with_metadata):
            element.append(item if with_metadata else item.find(f"{{{OAI}}}header"))
        if more or harvest.after:
            token = SubElement(
                element,
                f"{{{OAI}}}resumptionToken",
                completeListSize=str(total),
                cursor=str(harvest.cursor),
            )
            if more:
                last = page[-1]
                after = (last.changed_at.isoformat(), last.lesson_id)
                token.text = harvest.token(after, harvest.cursor + len(page))
        return element

    return view


def _records(records, with_metadata):
    """<record> elements for these records: a header (deleted, for a record whose lesson is
    not harvestable now, whatever the record says), and the oai_dc of a live one."""
    ids = [record.lesson_id for record in records]
    lessons = {}
    if with_metadata:
        loaded = harvestable().filter(pk__in=ids).select_related("network")
        loaded = loaded.prefetch_related("themes", "maturity_links__dimension__framework")
        lessons = {lesson.pk: lesson for lesson in loaded.prefetch_related("related_links")}
        targets = {
            link.target_id for lesson in lessons.values() for link in lesson.related_links.all()
        }
        linked = {lesson.pk: lesson for lesson in harvestable().filter(pk__in=targets)}
    else:
        lessons = dict.fromkeys(harvestable().filter(pk__in=ids).values_list("pk", flat=True))
    elements = []
    for record in records:
        live = not record.deleted and record.lesson_id in lessons
        element = Element(f"{{{OAI}}}record")
        header = SubElement(element, f"{{{OAI}}}header", {} if live else {"status": "deleted"})
        SubElement(header, f"{{{OAI}}}identifier").text = identifier(record.lesson_id)
        SubElement(header, f"{{{OAI}}}datestamp").text = datestamp(record.changed_at)
        for spec in record.set_specs:
            SubElement(header, f"{{{OAI}}}setSpec").text = spec
        if live and with_metadata:
            lesson = lessons[record.lesson_id]
            related = [
                linked[link.target_id]
                for link in lesson.related_links.all()
                if link.target_id in linked
            ]
            SubElement(element, f"{{{OAI}}}metadata").append(
                oai_dc.record_metadata(lesson, related)
            )
        elements.append(element)
    return elements


VIEWS = {
    "Identify": _identify,
    "ListMetadataFormats": _list_metadata_formats,
    "ListSets": _list_sets,
    "GetRecord": _get_record,
    "ListIdentifiers": _list("ListIdentifiers", with_metadata=False),
    "ListRecords": _list("ListRecords", with_metadata=True),
}
