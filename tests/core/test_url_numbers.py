"""Numbers in addresses: the `id` converter (core/numbers.py) matches only a whole number the
database can hold, so "²", 5000 digits or an id beyond its range answer 404 before any view
runs. Every address of the project that takes a number uses it, routable pages' routes too."""

import importlib

from django.apps import apps
from django.urls import URLPattern, URLResolver, get_resolver
from django.urls.converters import IntConverter, get_converters

from wagtail.contrib.routable_page.models import RoutablePageMixin

import pytest

from core.numbers import DATABASE_MAX, WholeNumberConverter
from tests.builders.project import project_apps

PROJECT_APPS = project_apps()
HOSTILE = {
    "superscript two": "²",
    "arabic-indic three": "٣",
    "5000 digits": "9" * 5000,
    "beyond the database": "99999999999999999999999",
    "one beyond": str(DATABASE_MAX + 1),
}
# Ours stands in front of Wagtail's view at the same address (lessons/moderation/admin_urls.py):
# it must match every id Wagtail's does, or Wagtail's unscoped view would answer the rest.
SHADOWS_WAGTAIL = {"admin/choose-page/<int:parent_page_id>/"}


def test_the_id_converter_is_registered_as_the_whole_number_converter():
    assert isinstance(get_converters()["id"], WholeNumberConverter)


@pytest.mark.parametrize("text", ["0", "7", "0042", str(DATABASE_MAX)])
def test_the_id_converter_reads_whole_numbers_in_the_database_range(text):
    converter = WholeNumberConverter()
    assert converter.to_python(text) == int(text)
    assert converter.to_url(int(text)) == str(int(text))


@pytest.mark.parametrize("text", HOSTILE.values(), ids=HOSTILE)
def test_the_id_converter_refuses_anything_else_so_the_address_does_not_match(text):
    with pytest.raises(ValueError):
        WholeNumberConverter().to_python(text)


def _patterns(resolver, prefix=""):
    """(route as written, pattern) for every URL pattern under the resolver."""
    for entry in resolver.url_patterns:
        route = prefix + str(entry.pattern)
        if isinstance(entry, URLResolver):
            yield from _patterns(entry, route)
        elif isinstance(entry, URLPattern):
            yield route, entry


def _is_ours(pattern):
    module = pattern.lookup_str.split(".", 1)[0]
    return module in PROJECT_APPS


def _uses_int(pattern):
    return any(isinstance(c, IntConverter) for c in pattern.pattern.converters.values())


def test_every_address_of_the_project_that_takes_a_number_takes_a_whole_number():
    importlib.import_module("config.urls")
    by_int = [
        route
        for route, pattern in _patterns(get_resolver())
        if _is_ours(pattern) and _uses_int(pattern) and route not in SHADOWS_WAGTAIL
    ]
    pages = [
        model
        for model in apps.get_models()
        if issubclass(model, RoutablePageMixin) and model._meta.app_label in PROJECT_APPS
    ]
    assert pages, "the lesson and network pages have routes"
    for model in pages:
        by_int += [
            f"{model.__name__}: {pattern.pattern}"
            for pattern in model.get_subpage_urls()
            if _uses_int(pattern)
        ]
    assert by_int == [], "use <id:…> (core.numbers.WholeNumberConverter) in:\n" + "\n".join(by_int)
