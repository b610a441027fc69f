"""The Wagtail admin's dashboard is headed with the site's name, not its host name."""

import re

import pytest

from home.site_tree import import_lessons
from tests.builders.lessons import document, lesson


@pytest.mark.parametrize("role", ["facilitator", "superuser"])
def test_the_admin_dashboard_is_headed_with_the_sites_name_not_its_host(
    db, client, member_of, role
):
    import_lessons(document(lesson()))  # the site tree, with the default Site at 127.0.0.1
    user = member_of("south-west-km", email="lead@example.nhs.uk", role="facilitator")
    if role == "superuser":
        user.is_staff = user.is_superuser = True
        user.save()
    client.force_login(user)
    html = client.get("/admin/").content.decode()
    [heading] = re.findall(r"<h1[^>]*>(.*?)</h1>", html, re.S)
    assert heading.strip() == "Knowledge Mobilisation Network"
