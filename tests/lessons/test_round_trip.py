"""What a person writes in the Wagtail admin exports to lessons/v1 and imports back unchanged
(issue 7, item 4). The editor and the importer share their limits, so the editor refuses what
an import would refuse."""

import io
import json

from django.core.management import call_command

from wagtail.test.utils.form_data import inline_formset, streamfield

import pytest

from lessons.models import LessonPage
from maturity.models import Dimension
from network.models import NetworkPage
from tests.builders.accounts import make_user
from tests.builders.lessons import editor_form, factor, list_block


@pytest.fixture
def editor(site_tree, client):
    client.force_login(make_user("editor@example.nhs.uk", is_staff=True, is_superuser=True))
    return client


def publish(client, url, form):
    response = client.post(url, {**form, "action-publish": "publish"})
    assert response.status_code == 302, response.content.decode()[-3000:]


def add_lesson_url(site_tree):
    return f"/admin/pages/add/lessons/lessonpage/{site_tree[1].pk}/"


def write_network(client, site_tree):
    form = {
        "title": "North West Evidence Champions",
        "slug": "north-west-evidence-champions",
        "purpose": "Bringing evidence to community teams.",
        "visibility": "members",
        "seo_title": "",
        "search_description": "",
        "go_live_at": "",
        "expire_at": "",
        "comment_notifications": "",
        "comments-TOTAL_FORMS": "0",
        "comments-INITIAL_FORMS": "0",
        "comments-MIN_NUM_FORMS": "0",
        "comments-MAX_NUM_FORMS": "1000",
    }
    publish(client, f"/admin/pages/add/network/networkpage/{site_tree[2].pk}/", form)
    return NetworkPage.objects.get(slug="north-west-evidence-champions")


def full_lesson_form(network, earlier):
    qiof2 = Dimension.objects.get(code="qiof-2")
    kmsa = Dimension.objects.get(code="kmsa-leadership")
    barrier = factor("Time pressure", ["Shifts overrun", "Too few staff", "Vacancies"])
    success = factor("Named librarian", ["Trust grew"], kind="success_factor")
    success[1]["actions"] = list_block(["Weekly slot in the huddle", "Shared inbox"])
    return editor_form(
        visibility="members",
        network=str(network.pk),
        factors=streamfield([barrier, success]),
        maturity_links=inline_formset(
            [
                {"dimension": str(qiof2.pk), "level": "2"},
                {"dimension": str(kmsa.pk), "level": "0"},
            ]
        ),
        evidence=streamfield(
            [
                ("link", {"title": "Audit report", "url": "https://example.org/audit"}),
                ("link", {"title": "Slides", "url": "HTTP://example.org/slides"}),
            ]
        ),
        related_links=inline_formset([{"target": str(earlier.pk), "relation": "builds_on"}]),
    )


def export(*args):
    out = io.StringIO()
    call_command("export_lessons", *args, stdout=out)
    return out.getvalue()


def test_a_lesson_written_in_the_admin_exports_and_imports_back_unchanged(
    site_tree, editor, tmp_path
):
    network = write_network(editor, site_tree)
    publish(
        editor,
        add_lesson_url(site_tree),
        editor_form(
            title="An earlier lesson",
            slug="an-earlier-lesson",
            themes="huddles",
            team_members=inline_formset([]),
            factors=streamfield([]),
            maturity_links=inline_formset([]),
        ),
    )
    earlier = LessonPage.objects.get(slug="an-earlier-lesson")
    publish(editor, add_lesson_url(site_tree), full_lesson_form(network, earlier))

    first = export()
    written = json.loads(first)
    lesson = next(x for x in written["lessons"] if x["slug"] == "evidence-at-the-morning-huddle")
    assert lesson["visibility"] == "members"
    assert lesson["network"] == "north-west-evidence-champions"
    assert lesson["themes"] == ["evidence summaries", "huddles"]
    assert lesson["context"]["team"][0] == {
        "role": "District nurse",
        "years_experience": 22,
        "specialisms": ["wound care"],
        "training": ["QSIR practitioner"],
    }
    assert lesson["factors"][1]["whys"] == ["Trust grew"]
    assert lesson["factors"][1]["actions"] == ["Weekly slot in the huddle", "Shared inbox"]
    assert lesson["maturity"] == [
        {"dimension": "qiof-2", "level": 2},
        {"dimension": "kmsa-leadership", "level": 0},
    ]
    assert lesson["evidence"][1] == {"title": "Slides", "url": "http://example.org/slides"}
    assert lesson["related"] == [{"slug": "an-earlier-lesson", "relation": "builds_on"}]
    assert written["networks"][0]["visibility"] == "members"

    # Into an empty site: the lessons and the network go; the tree stays.
    for page in [*LessonPage.objects.all(), *NetworkPage.objects.all()]:
        page.delete()
    path = tmp_path / "lessons.json"
    path.write_text(first)
    out = io.StringIO()
    call_command("import_lessons", str(path), stdout=out)
    assert out.getvalue().strip() == (
        "created 2, updated 0, unchanged 0; networks: created 1, updated 0, unchanged 0"
    )

    assert export() == first


def refused(client, site_tree, **overrides):
    response = client.post(
        add_lesson_url(site_tree), {**editor_form(**overrides), "action-publish": "publish"}
    )
    assert response.status_code == 200
    assert not LessonPage.objects.exists()
    return response.content.decode()


def test_the_admin_refuses_an_ftp_evidence_link(site_tree, editor):
    page = refused(
        editor,
        site_tree,
        evidence=streamfield([("link", {"title": "Files", "url": "ftp://example.org/files"})]),
    )
    assert "Enter an address that starts with http:// or https://" in page


@pytest.mark.parametrize(
    "slug", ["huddles_at_nine", "Huddles-at-nine", "huddles--at-nine", "h" * 101]
)
def test_the_admin_refuses_a_slug_lessons_v1_cannot_carry(site_tree, editor, slug):
    page = refused(editor, site_tree, slug=slug)
    assert "Use lower-case letters and digits only" in page or "at most 100 characters" in page


def test_the_admin_refuses_a_specialism_longer_than_a_line(site_tree, editor):
    member = {"role": "Nurse", "years_experience": "3", "specialisms": "s" * 256, "training": ""}
    page = refused(editor, site_tree, team_members=inline_formset([member]))
    assert "Keep each line to 255 characters or fewer (the longest has 256)." in page
