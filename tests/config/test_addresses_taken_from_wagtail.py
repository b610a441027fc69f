"""Addresses where config/urls.py answers before Wagtail does, with views of ours.

Wagtail offers no hook to replace one of its admin views (`register_admin_urls` adds its URLs
after Wagtail's own) and none to narrow the page chooser's parent page, the chosen pages of a
multiple chooser or the filters of its reports; its login forms must never be reached at all.
So these addresses are claimed first: lessons/moderation/admin_urls.py (views in admin_views.py),
the tag autocomplete (search/tags.py) and both login forms (accounts/views.py).

A Wagtail upgrade that moves or renames one of them, or renames a method our view overrides,
would silently bring Wagtail's own view back. These tests fail instead: they read Wagtail's
URL patterns and classes as they are installed, not as we remember them.
"""

import inspect
import re

from django.urls import URLPattern, URLResolver, get_resolver, resolve, reverse

from wagtail.admin.views.reports.page_types_usage import PageTypesUsageReportFilterSet
from wagtail.admin.views.reports.workflows import WorkflowReportFilterSet

import pytest

EXTENDS = "a subclass of Wagtail's view, overriding only methods Wagtail's has"
SAME_CALL = "a function called as Wagtail's is"
ELSEWHERE = "sends people to allauth's sign-in instead"

# Wagtail's address (as its URL pattern is written): the name Wagtail gives it, and what ours is.
TAKEN = {
    "_util/login/": ("wagtailcore_login", ELSEWHERE),
    "admin/login/": ("wagtailadmin_login", ELSEWHERE),
    "admin/tag-autocomplete/": ("wagtailadmin_tag_autocomplete", SAME_CALL),
    "admin/tag-autocomplete/<slug:app_name>/<slug:model_name>/": (
        "wagtailadmin_tag_model_autocomplete",
        SAME_CALL,
    ),
    "admin/choose-page/": ("wagtailadmin_choose_page", EXTENDS),
    "admin/choose-page/<int:parent_page_id>/": ("wagtailadmin_choose_page_child", EXTENDS),
    "admin/choose-page/chosen-multiple/": ("wagtailadmin_choose_page_chosen_multiple", EXTENDS),
    "admin/reports/page-types-usage/": ("wagtailadmin_reports:page_types_usage", EXTENDS),
    "admin/reports/page-types-usage/results/": (
        "wagtailadmin_reports:page_types_usage_results",
        EXTENDS,
    ),
    "admin/reports/site-history/": ("wagtailadmin_reports:site_history", EXTENDS),
    "admin/reports/site-history/results/": (
        "wagtailadmin_reports:site_history_results",
        EXTENDS,
    ),
    "admin/reports/workflow/": ("wagtailadmin_reports:workflow", EXTENDS),
    "admin/reports/workflow/results/": ("wagtailadmin_reports:workflow_results", EXTENDS),
}

# Filters of Wagtail's that our views reach by name.
FILTERS_WE_NAME = {
    WorkflowReportFilterSet: {"requested_by"},
    PageTypesUsageReportFilterSet: {"page_locale", "site"},
}


def _patterns(entries, prefix="", namespace=""):
    """(route, name, view) of every URL pattern below these entries."""
    for entry in entries:
        route = prefix + str(entry.pattern)
        if isinstance(entry, URLResolver):
            inner = f"{namespace}{entry.namespace}:" if entry.namespace else namespace
            yield from _patterns(entry.url_patterns, route, inner)
        elif isinstance(entry, URLPattern):
            yield route, f"{namespace}{entry.name}" if entry.name else None, entry.callback


def _is_wagtails(entry):
    module = getattr(entry, "urlconf_module", None)
    return isinstance(entry, URLResolver) and getattr(module, "__name__", "").startswith("wagtail.")


def _wagtails():
    """Wagtail's URL patterns, where config/urls.py mounts them: route -> (name, view)."""
    entries = [entry for entry in get_resolver().url_patterns if _is_wagtails(entry)]
    return {route: (name, view) for route, name, view in _patterns(entries)}


def _ours():
    entries = [entry for entry in get_resolver().url_patterns if not _is_wagtails(entry)]
    return {route: view for route, _, view in _patterns(entries)}


def _address(route):
    """A path that the route matches."""
    return "/" + re.sub(r"<(?:(\w+):)?\w+>", lambda m: "1" if m[1] == "int" else "x", route)


def _view(callback):
    """What a URL pattern calls: the class of a class-based view (and how it was made), or the
    function under the decorators."""
    if hasattr(callback, "view_class"):
        return callback.view_class, callback.view_initkwargs
    return inspect.unwrap(callback), None


def test_the_wagtail_addresses_we_answer_first_are_exactly_these():
    assert set(_ours()) & set(_wagtails()) == set(TAKEN)


@pytest.mark.parametrize("route", TAKEN)
def test_each_address_keeps_wagtails_name_and_reaches_our_view(route):
    name, wagtails = _wagtails()[route]
    assert name == TAKEN[route][0]
    address = _address(route)
    assert reverse(name, kwargs=resolve(address).kwargs) == address  # Wagtail's links, our view
    assert _view(resolve(address).func) == _view(_ours()[route]) != _view(wagtails)


def _overrides(ours, wagtails):
    """(name, our signature, Wagtail's) for each method and nested class our class defines; a
    method that takes (self, *args, **kwargs) passes anything on, whatever Wagtail's takes."""
    for name, value in vars(ours).items():
        if name.startswith("__") and name != "__init__":
            continue
        theirs = getattr(wagtails, name, None)
        if inspect.isclass(value):
            assert theirs is not None and issubclass(value, theirs), name
            yield from _overrides(value, theirs)
        elif inspect.isfunction(value):
            mine = inspect.signature(value)
            kinds = [parameter.kind for parameter in mine.parameters.values()][1:]
            if kinds == [inspect.Parameter.VAR_POSITIONAL, inspect.Parameter.VAR_KEYWORD]:
                yield name, "anything", "anything" if theirs else None
            else:
                yield name, mine, inspect.signature(theirs) if theirs else None


@pytest.mark.parametrize("route", [route for route, (_, kind) in TAKEN.items() if kind == EXTENDS])
def test_each_view_of_ours_extends_wagtails_and_overrides_only_what_wagtail_still_has(route):
    ours, our_kwargs = _view(_ours()[route])
    wagtails, their_kwargs = _view(_wagtails()[route][1])
    assert issubclass(ours, wagtails)
    assert our_kwargs == their_kwargs
    for name, mine, theirs in _overrides(ours, wagtails):
        assert theirs is not None, f"Wagtail's {wagtails.__name__} has no {name} any more"
        assert mine == theirs, f"{name}: ours {mine}, Wagtail's {theirs}"


@pytest.mark.parametrize(
    "route", [route for route, (_, kind) in TAKEN.items() if kind == SAME_CALL]
)
def test_each_function_wagtail_had_there_takes_what_the_address_gives(route):
    wagtails, _ = _view(_wagtails()[route][1])
    inspect.signature(wagtails).bind("request", **resolve(_address(route)).kwargs)


@pytest.mark.parametrize(("filterset", "names"), FILTERS_WE_NAME.items())
def test_the_report_filters_we_narrow_are_still_wagtails(filterset, names):
    assert names <= set(filterset.base_filters)
