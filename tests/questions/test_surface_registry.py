"""Every address of questions, its feeds, its sitemap section and its API routes is covered by
a surface of the matrix (tests/builders/question_surfaces.py): a new one cannot show questions
without saying to whom."""

from django.urls import URLPattern, URLResolver, get_resolver

from config import urls
from tests.builders.question_surfaces import covered


def _modules(callback):
    """The modules of a view: a function's, a class-based view's, and for the API's routes
    (django-ninja wraps each path's operations) each operation's function's."""
    modules = {getattr(callback, "__module__", ""), type(callback).__module__}
    for cell in getattr(callback, "__closure__", None) or ():
        for operation in getattr(cell.cell_contents, "operations", ()):
            modules.add(operation.view_func.__module__)
    return modules


def _names(patterns, namespace=""):
    for pattern in patterns:
        if isinstance(pattern, URLResolver):
            inner = f"{namespace}{pattern.namespace}:" if pattern.namespace else namespace
            yield from _names(pattern.url_patterns, inner)
        elif isinstance(pattern, URLPattern) and pattern.name:
            yield f"{namespace}{pattern.name}", _modules(pattern.callback)


def questions_addresses():
    found = set()
    for name, modules in _names(get_resolver().url_patterns):
        if any(module.startswith(("questions", "api.questions")) for module in modules):
            found.add(name)
    for pattern in urls.urlpatterns:
        sitemaps = (getattr(pattern, "default_args", None) or {}).get("sitemaps", {})
        for section, sitemap in sitemaps.items():
            if sitemap.__module__.startswith("questions"):
                found.add(f"sitemap:{section}")
    return found


def test_the_addresses_of_questions_are_found():
    found = questions_addresses()
    assert {"questions:question", "questions_feed_json", "sitemap:questions"} <= found
    assert {"api:questions", "api:question"} <= found


def test_every_address_of_questions_is_a_surface_of_the_matrix():
    missing = questions_addresses() - covered()
    assert not missing, f"Add these to tests/builders/question_surfaces.py: {sorted(missing)}"
