"""The pages people see when something goes wrong, in the site's own NHS.UK look."""

from django.test import RequestFactory
from django.urls import include, path
from django.views.defaults import server_error

import pytest

from home.templatetags.site_tags import nhsuk_frontend


def broken(request):
    raise RuntimeError("the database went away")


urlpatterns = [path("broken/", broken), path("", include("wagtail.urls"))]


def test_the_500_page_is_an_nhsuk_page_that_needs_no_database_or_request():
    # No django_db mark: any query here would fail the test. Django renders 500.html with no
    # request and no context processors, so the page may use neither.
    response = server_error(RequestFactory().get("/lessons/"))
    assert response.status_code == 500
    html = response.content.decode()
    assert '<header class="nhsuk-header"' in html and '<footer class="nhsuk-footer"' in html
    assert f'<link rel="stylesheet" href="{nhsuk_frontend("css")}">' in html
    assert '<link rel="stylesheet" href="/static/css/site.css">' in html
    assert "<h1>Sorry, there is a problem with the service</h1>" in html
    assert '<a href="/">Go to the home page</a>' in html


@pytest.mark.urls(__name__)
def test_an_error_in_a_view_answers_with_the_500_page(client):
    client.raise_request_exception = False
    response = client.get("/broken/")
    assert response.status_code == 500
    assert "nhsuk-header" in response.content.decode()


def test_the_500_page_renders_even_when_static_files_were_never_collected(settings, tmp_path):
    # Production's hashed storage raises for a file its manifest lacks; the 500 page must not
    # fail in turn (that hides the first error from the logs), so it names the plain files.
    settings.STATIC_ROOT = str(tmp_path)
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "config.storage.StaticFilesStorage"},
    }
    html = server_error(RequestFactory().get("/")).content.decode()
    assert '<link rel="stylesheet" href="/static/css/site.css">' in html
    assert "nhsuk-header" in html
