"""Hostile input to every case (tests/builders/fuzz_cases.py: reading, forms, sharing, the admin,
assessments, questions), all in this one module so that the site they meet is built once for
each pytest process; and what the cases cover: every address of ours has a case, every query
parameter a view reads by name is sent, and each known 500 is still there (when a fix lands the
test fails until its KNOWN_500 entry is removed)."""

import ast
from pathlib import Path

from django.test import RequestFactory
from django.urls import URLPattern, URLResolver, get_resolver, resolve

from wagtail.contrib.routable_page.models import RoutablePageMixin
from wagtail.models import Site, get_page_models
from wagtail.views import serve as wagtail_serve

import pytest

from tests.builders.fuzz import fuzz_address, fuzz_fields
from tests.builders.fuzz_cases import CASE, CASES, KNOWN_500, addresses_of
from tests.builders.project import project_apps

ADDRESSES = addresses_of(CASES)
pytestmark = pytest.mark.usefixtures("templates_unrecorded")


@pytest.mark.parametrize("case", CASES, ids=[case.name for case in CASES])
def test_no_value_of_any_field_or_parameter_makes_a_view_fail(site, client, case):
    problems = fuzz_fields(client, site, case)
    assert not problems, "\n".join(problems)


@pytest.mark.parametrize(
    ("name", "case", "n"),
    ADDRESSES,
    ids=[name for name, _, _ in ADDRESSES],
)
def test_no_part_of_an_address_makes_a_view_fail(site, client, name, case, n):
    problems = fuzz_address(client, site, case, n)
    assert not problems, "\n".join(problems)


def test_each_known_500_is_still_there(site, client):
    fixed = []
    for known in KNOWN_500:
        case_name, _, what = known.partition(" / ")
        case = CASE[case_name]
        if what.startswith("address part "):
            problems = fuzz_address(client, site, case, int(what.removeprefix("address part ")))
        else:
            problems = fuzz_fields(client, site, case, only=what)
        if not problems:
            fixed.append(known)
    assert not fixed, f"fixed, so remove from KNOWN_500: {fixed}"


# Every address of ours has a case


OUR_APPS = project_apps()


def _ours(module):
    return module.split(".")[0] in OUR_APPS


def _view_module(callback):
    view = getattr(callback, "view_class", None) or getattr(callback, "__wrapped__", None)
    while getattr(view, "__wrapped__", None) is not None:
        view = view.__wrapped__
    view = view or callback
    return getattr(view, "__module__", None) or type(view).__module__


def url_patterns_of_ours(patterns=None, prefix="", urlconf="config.urls"):
    """Every URL pattern that our URLconfs declare, or whose view is our code (a Wagtail hook
    of ours adds admin URLs). Left out: the URLconfs of Django, Wagtail and allauth included
    whole (admin, documents, accounts/), whose views are theirs, and Wagtail's page-serving
    pattern, which pages_and_routes_of_ours stands for."""
    for pattern in get_resolver().url_patterns if patterns is None else patterns:
        route = prefix + str(pattern.pattern)
        if isinstance(pattern, URLResolver):
            module = getattr(pattern.urlconf_module, "__name__", urlconf)
            yield from url_patterns_of_ours(pattern.url_patterns, route, module)
        elif not isinstance(pattern, URLPattern) or pattern.callback is wagtail_serve:
            continue
        elif _ours(urlconf) or _ours(_view_module(pattern.callback)):
            yield ("url", route)


def pages_and_routes_of_ours():
    """Every page type of our apps, and every route of a routable one."""
    for model in get_page_models():
        if not _ours(model.__module__):
            continue
        yield (model._meta.label, "")
        if issubclass(model, RoutablePageMixin):
            for pattern in model.get_resolver().url_patterns:
                if str(pattern.pattern) != "^$":  # the index route: the page itself
                    yield (model._meta.label, str(pattern.pattern))


def what_serves(path):
    """("url", route) for a URL pattern; (page type, route) for a page or one of its routes."""
    match = resolve(path)
    if match.func is not wagtail_serve:
        return ("url", match.route)
    request = RequestFactory().get(path)
    site = Site.find_for_request(request)
    components = [part for part in path.split("/") if part]
    page = site.root_page.specific.route(request, components).page.specific
    rest = path[len(page.get_url(request)) :]
    route = ""
    if isinstance(page, RoutablePageMixin) and rest:
        route = page.get_resolver().resolve(f"/{rest}").route.removeprefix("^/")
    return (page._meta.label, route)


def test_every_address_of_ours_has_a_case(site):
    """Which addresses count: those of url_patterns_of_ours and pages_and_routes_of_ours.
    A case serves its address with the site's ids filled in."""
    wanted = set(url_patterns_of_ours()) | set(pages_and_routes_of_ours())
    served = {what_serves(case.path.format(**site["ids"])) for case in CASES}
    assert wanted - served == set(), "addresses without a fuzz case"
    assert len(wanted) > 60  # the walk finds what it should


def query_parameters_read_by_name():
    """The names in request.GET.get("name"), request.GET.getlist("name"), request.GET["name"]
    and "name" in request.GET anywhere in our apps (a form given request.GET shows its fields,
    which the cases read from the page instead)."""

    def is_query(node):
        return isinstance(node, ast.Attribute) and node.attr == "GET"

    def text(node):
        return (
            node.value if isinstance(node, ast.Constant) and isinstance(node.value, str) else None
        )

    root = Path(__file__).resolve().parents[3]
    for app in OUR_APPS:
        for path in (root / app).rglob("*.py"):
            if "migrations" in path.parts:
                continue
            for node in ast.walk(ast.parse(path.read_text())):
                if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute):
                    if node.func.attr in ("get", "getlist") and is_query(node.func.value):
                        yield text(node.args[0]) if node.args else None
                elif isinstance(node, ast.Subscript) and is_query(node.value):
                    yield text(node.slice)
                elif isinstance(node, ast.Compare) and any(map(is_query, node.comparators)):
                    yield text(node.left)


def test_every_query_parameter_a_view_reads_by_name_has_a_case():
    read = set(query_parameters_read_by_name()) - {None}
    fuzzed = {name for case in CASES for name in case.params}
    assert "term" in read and "id" in read  # the walk finds what it should
    assert read - fuzzed == set(), "query parameters that no case sends"
