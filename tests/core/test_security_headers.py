"""Content-Security-Policy and Permissions-Policy on every page type, the pages of ours that are
not Wagtail pages, the error pages and the admin: no inline script runs unless the policy names
its hash, and no element carries a style attribute (style-src allows neither)."""

import base64
import hashlib
import re

from django.conf import settings
from django.test import Client
from django.urls import include, path

import pytest

from lessons.models import LessonPage
from tests.builders.accounts import make_site_editor, make_user
from tests.builders.every_page import one_of_each_page_type
from tests.builders.lessons import lesson

ADDRESSES = (
    "/search/?q=huddles",
    "/search/similar/",
    "/members/",
    "/members/me/following/",
    "/lessons/share/",
    "/accounts/login/",
    "/accounts/signup/",
    "/no-such-page/",  # the 404 page
)
INLINE_SCRIPT = re.compile(r"<script(?P<attrs>[^>]*)>(?P<body>.*?)</script>", re.S)
NOT_RUN = re.compile(r'type="(application/json|application/ld\+json|text/template)"')


@pytest.fixture(scope="module")
def every_page_type(module_lessons):
    module_lessons(lesson())
    make_user("member@example.nhs.uk")
    make_site_editor()
    return [page.url for page in one_of_each_page_type()]


def script_sources(policy):
    directives = dict(part.strip().split(" ", 1) for part in policy.split(";"))
    return directives["script-src"].split()


def sha256(text):
    return f"'sha256-{base64.b64encode(hashlib.sha256(text.encode()).digest()).decode()}'"


def check_page(response):
    policy = response.headers["Content-Security-Policy"]
    assert "'unsafe-inline'" not in policy and "'unsafe-eval'" not in policy
    assert "object-src 'none'" in policy and "frame-ancestors 'self'" in policy
    allowed = script_sources(policy)
    html = response.content.decode()
    for script in INLINE_SCRIPT.finditer(html):
        if "src=" in script["attrs"] or NOT_RUN.search(script["attrs"]):
            continue
        assert sha256(script["body"]) in allowed, f"an inline script without its hash: {script[0]}"
    assert " style=" not in html
    assert response.headers["Permissions-Policy"] == settings.PERMISSIONS_POLICY
    assert "camera=()" in response.headers["Permissions-Policy"]


def test_every_page_type_carries_the_policy_and_runs_only_the_scripts_it_names(
    every_page_type,
):
    visitor = Client()
    for url in every_page_type:
        response = visitor.get(url)
        assert response.status_code == 200, url
        check_page(response)


def test_pages_of_ours_and_error_pages_carry_it_for_visitors_and_members(every_page_type):
    member = Client()
    member.force_login(make_user("reader@example.nhs.uk"))
    for client in (Client(), member):
        for url in ADDRESSES:
            response = client.get(url, follow=True)
            check_page(response)


def broken(request):
    raise RuntimeError("something went wrong")


urlpatterns = [path("broken/", broken), path("", include("config.urls"))]


@pytest.mark.urls(__name__)
def test_the_server_error_page_carries_it(client):
    client.raise_request_exception = False
    response = client.get("/broken/")
    assert response.status_code == 500
    check_page(response)


def test_the_admin_has_its_own_policy_which_lets_wagtails_inline_scripts_run(every_page_type):
    editor = Client()
    editor.force_login(make_site_editor("admin-reader@example.nhs.uk"))
    lesson_page = LessonPage.objects.first()
    for url in ("/admin/", f"/admin/pages/{lesson_page.pk}/edit/", "/admin/login/"):
        response = editor.get(url)
        policy = response.headers["Content-Security-Policy"]
        assert script_sources(policy) == ["'self'", "'unsafe-inline'"], url
        assert "style-src 'self';" in policy and "object-src 'none'" in policy
        assert "Permissions-Policy" in response.headers


def test_the_admin_asks_no_other_site_for_pictures_or_versions(every_page_type):
    editor = Client()
    editor.force_login(make_site_editor("admin-looker@example.nhs.uk"))
    html = editor.get("/admin/").content.decode()
    assert "gravatar.com" not in html and "releases.wagtail.org" not in html
