"""A facilitator's Wagtail admin is their network and nothing else: its page, events and
resources, and its lessons in review (a champion's draft is theirs until it is submitted;
published lessons are read on the site). Every admin path that shows
pages or people is tried as a facilitator of one network, an editor, a superuser and a plain
member: no title of another network's members-only lesson, event or resource, no draft outside
their network and no hidden profile's name reaches the facilitator; editors and superusers see
everything; a plain member gets the admin's refusal page."""

import datetime
import json

from django.contrib.auth.models import Group

import pytest

from lessons.models import LessonPage
from lessons.moderation.workflow import submit_for_review
from network.models import EventPage, Membership, NetworkPage, Profile, ResourcePage
from tests.builders.accounts import make_user
from tests.builders.lessons import lesson
from tests.builders.network import LONDON, make_profile

WHEN = datetime.datetime(2027, 1, 20, 13, tzinfo=LONDON)

# Titles a facilitator of the South West network must never see in the admin.
SECRETS = [
    "Board secret lesson",  # another network's members-only lesson
    "Board draft lesson",  # another network's submission, in review
    "Unassigned draft lesson",  # a draft with no network
    "Board webinar",  # another (members-only) network's event
    "Board toolkit",  # another network's resource
    "Hidden Hermione",  # a profile nobody but its owner may see
    "Bertha Boardman",  # the other network's champion, owner and editor of its lessons
    "South West unsubmitted draft",  # a champion's draft in their own network, not yet submitted
]
# Readable on the site, so a chooser may offer it, but not part of the facilitator's admin.
OUTSIDE = "Board public lesson"
# The facilitator's network's lesson in review, which they must see.
THEIRS = ["South West lesson in review"]
# Their network's published lessons: read on the site, not changed in the admin.
PUBLISHED_THEIRS = ["South West public lesson", "South West members lesson"]


def unassigned(data):
    del data["network"]
    return data


def add_child(network, page, publish=True):
    page.live = publish
    network.add_child(instance=page)
    revision = page.save_revision()
    if publish:
        revision.publish()
    return page


@pytest.fixture(scope="module")
def site(module_lessons):
    module_lessons(
        lesson(slug="sw-public", title="South West public lesson"),
        lesson(slug="sw-members", title="South West members lesson", visibility="members"),
        lesson(slug="sw-review", title="South West lesson in review", status="draft"),
        lesson(slug="sw-draft", title="South West unsubmitted draft", status="draft"),
        lesson(
            slug="board-secret",
            title="Board secret lesson",
            network="board-leads",
            visibility="members",
        ),
        lesson(
            slug="board-draft", title="Board draft lesson", network="board-leads", status="draft"
        ),
        lesson(slug="board-public", title="Board public lesson", network="board-leads"),
        unassigned(
            lesson(slug="unassigned-draft", title="Unassigned draft lesson", status="draft")
        ),
    )
    sw, board = (NetworkPage.objects.get(slug=s) for s in ("south-west-km", "board-leads"))
    add_child(
        sw,
        EventPage(
            title="South West webinar",
            slug="sw-webinar",
            start=WHEN,
            end=WHEN + datetime.timedelta(hours=1),
            description="x",
        ),
    )
    add_child(
        board,
        EventPage(
            title="Board webinar",
            slug="board-webinar",
            start=WHEN,
            end=WHEN + datetime.timedelta(hours=1),
            description="x",
        ),
    )
    add_child(board, ResourcePage(title="Board toolkit", slug="board-toolkit", summary="x"))

    champion = make_user("bertha@example.nhs.uk", first_name="Bertha", last_name="Boardman")
    make_profile(champion, display_name="Bertha Boardman", visibility="private")
    for slug in ("board-secret", "board-draft"):
        page = LessonPage.objects.get(slug=slug)
        page.owner = champion
        page.save(update_fields=["owner"])
        page.save_revision(user=champion, log_action=True)
    # Another network's submission: its facilitators' to review, not South West's.
    submit_for_review(LessonPage.objects.get(slug="board-draft"), champion)
    sw_champion = make_user("sam@example.nhs.uk")
    Membership.objects.create(network=sw, user=sw_champion)
    for slug in ("sw-review", "sw-draft"):
        page = LessonPage.objects.get(slug=slug)
        page.owner = sw_champion
        page.save(update_fields=["owner"])
        page.save_revision(user=sw_champion)
    submit_for_review(LessonPage.objects.get(slug="sw-review"), sw_champion)
    make_profile(
        make_user("hermione@example.nhs.uk"), display_name="Hidden Hermione", visibility="private"
    )
    make_profile(make_user("open@example.nhs.uk"), display_name="Open Olive")

    people = {
        "facilitator": make_user("lead@example.nhs.uk"),
        "superuser": make_user("admin@example.nhs.uk", is_superuser=True, is_staff=True),
        "editor": make_user("editor@example.nhs.uk"),
        "member": make_user("member@example.nhs.uk"),
    }
    Membership.objects.create(network=sw, user=people["facilitator"], role="facilitator")
    Membership.objects.create(network=board, user=people["member"])
    people["editor"].groups.add(Group.objects.get(name="Editors"))
    return {"people": people, "sw": sw, "board": board}


# Every admin page that lists or names pages or people ({name} is a page's id).
ADMIN_PATHS = [
    "/admin/",
    "/admin/pages/",
    "/admin/pages/{home}/",
    "/admin/pages/{lessons}/",
    "/admin/pages/{lessons}/?q=lesson&search_all=1",
    "/admin/pages/{lessons}/results/?q=board&search_all=1",
    "/admin/pages/{networks}/",
    "/admin/pages/search/?q=board",
    "/admin/pages/search/results/?q=lesson",
    "/admin/pages/usage/lessons/lessonpage/",
    "/admin/pages/usage/network/eventpage/",
    "/admin/pages/{sw_webinar}/edit/",
    "/admin/pages/{sw_review}/edit/",
    "/admin/pages/{sw_review}/history/",
    "/admin/pages/{sw_review}/usage/",
    "/admin/pages/{sw_webinar}/move/",
    "/admin/pages/{sw_webinar}/copy/",
    "/admin/pages/create/lessons/lessonpage",
    "/admin/pages/create/network/eventpage",
    "/admin/choose-page/",
    "/admin/choose-page/?page_type=lessons.lessonpage",
    "/admin/choose-page/{lessons}/",
    "/admin/choose-page/{board_leads}/",
    "/admin/choose-page/search/?q=board",
    "/admin/choose-page/search/?q=lesson&page_type=lessons.lessonpage",
    "/admin/choose-page/chosen-multiple/?id={board_secret}&id={board_draft}",
    "/admin/reports/page-types-usage/",
    "/admin/reports/page-types-usage/results/",
    "/admin/reports/aging-pages/",
    "/admin/reports/site-history/",
    "/admin/reports/site-history/results/",
    "/admin/reports/workflow/",
    "/admin/reports/workflow_tasks/",
    "/admin/reports/locked/",
    "/admin/api/main/pages/?child_of={lessons}&for_explorer=1",
    "/admin/api/main/pages/?child_of={board_leads}&for_explorer=1",
    "/admin/api/main/pages/?search=board",
    "/admin/api/main/pages/?type=lessons.LessonPage&fields=title",
    "/admin/profile_chooser/",
    "/admin/profile_chooser/results/?q=Hermione",
    "/admin/snippets/choose/maturity/dimension/",
]


@pytest.fixture(scope="module")
def ids(site):
    from wagtail.models import Page

    return {slug.replace("-", "_"): pk for slug, pk in Page.objects.values_list("slug", "pk")}


def pk(slug):
    from wagtail.models import Page

    return Page.objects.get(slug=slug).pk


def shown(client, path):
    response = client.get(path, follow=True)
    return response.status_code, response.content.decode()


@pytest.mark.parametrize("path", ADMIN_PATHS)
def test_a_facilitator_sees_nothing_of_other_networks_drafts_or_hidden_people(
    site, ids, client, path
):
    client.force_login(site["people"]["facilitator"])
    status, html = shown(client, path.format(**ids))
    assert status in (200, 400, 403, 404)
    for secret in SECRETS:
        assert secret not in html, secret


def test_a_facilitators_explorer_and_search_show_only_their_network(site, client):
    client.force_login(site["people"]["facilitator"])
    for path in [f"/admin/pages/{pk('lessons')}/", "/admin/pages/search/?q=lesson"]:
        _, html = shown(client, path)
        assert OUTSIDE not in html, path
        for title in THEIRS:
            assert title in html, (path, title)
        for title in PUBLISHED_THEIRS:
            assert title not in html, (path, title)


def test_a_facilitator_opens_and_reviews_their_networks_lessons_in_review(site, client):
    client.force_login(site["people"]["facilitator"])
    assert client.get(f"/admin/pages/{pk('sw-review')}/edit/").status_code == 200
    for slug in ("sw-members", "sw-public", "sw-draft"):
        assert client.get(f"/admin/pages/{pk(slug)}/edit/").status_code in (302, 403), slug
    assert client.get(f"/admin/pages/{pk('sw-webinar')}/edit/").status_code == 200
    # A draft in review can be previewed on the site by those who review it.
    assert client.get(f"/admin/pages/{pk('sw-review')}/view_draft/").status_code == 200


def test_a_facilitator_cannot_open_anything_else(site, client):
    client.force_login(site["people"]["facilitator"])
    for slug in (
        "board-secret",
        "board-draft",
        "board-public",
        "unassigned-draft",
        "board-webinar",
        "board-toolkit",
    ):
        for view in ("edit", "history", "usage", "view_draft"):
            response = client.get(f"/admin/pages/{pk(slug)}/{view}/")
            assert response.status_code in (302, 403, 404), (slug, view)
    assert client.get(f"/admin/choose-page/{pk('board-leads')}/").status_code == 404
    hermione = Profile.objects.get(display_name="Hidden Hermione").pk
    assert client.get(f"/admin/profile_chooser/chosen/{hermione}/").status_code == 404


def test_a_facilitator_does_not_delete_or_restrict_their_networks_lessons(site):
    facilitator = site["people"]["facilitator"]
    review = LessonPage.objects.get(slug="sw-review")
    permissions = review.permissions_for_user(facilitator)
    assert permissions.can_edit() and permissions.can_publish()
    assert not permissions.can_delete()
    assert not permissions.can_set_view_restrictions()
    assert (
        not LessonPage.objects.get(slug="board-draft").permissions_for_user(facilitator).can_edit()
    )


def test_a_facilitator_does_not_review_their_own_lesson(site):
    facilitator = site["people"]["facilitator"]
    own = LessonPage.objects.get(slug="sw-review")
    own.owner = facilitator
    permissions = own.permissions_for_user(facilitator)
    assert not permissions.can_edit() and not permissions.can_publish()


def test_the_queryset_and_the_single_lesson_agree_on_what_facilitators_may_do(site):
    for person in site["people"].values():
        for action in ("change", "publish"):
            allowed = set(
                LessonPage.objects.facilitated_by(person, action).values_list("pk", flat=True)
            )
            for one in LessonPage.objects.all():
                assert (action in one.facilitator_actions(person)) == (one.pk in allowed)


@pytest.mark.parametrize("who", ["superuser", "editor"])
def test_editors_and_superusers_see_everything(site, client, who):
    client.force_login(site["people"][who])
    _, html = shown(client, "/admin/pages/search/?q=lesson")
    for title in ["Board secret lesson", "Board draft lesson", "Unassigned draft lesson", *THEIRS]:
        assert title in html, title
    _, html = shown(client, "/admin/choose-page/search/?q=board")
    for title in ["Board secret lesson", "Board draft lesson", "Board webinar", "Board toolkit"]:
        assert title in html, title
    _, html = shown(client, f"/admin/pages/{pk('lessons')}/")
    assert "Bertha Boardman" in html  # the explorer's owner filter names the champion
    _, html = shown(client, "/admin/profile_chooser/results/?q=Olive")
    assert "Open Olive" in html


def page_types(client):
    response = client.get("/admin/reports/page-types-usage/results/")
    return {
        page_type.model: page_type.count
        for page_type in response.context["object_list"]
        if page_type.model in ("lessonpage", "eventpage", "resourcepage", "networkpage")
    }


def test_the_page_types_report_counts_only_the_pages_of_ones_admin(site, client):
    client.force_login(site["people"]["facilitator"])
    assert page_types(client) == {
        "lessonpage": 1,
        "eventpage": 1,
        "resourcepage": 0,
        "networkpage": 1,
    }
    client.force_login(site["people"]["superuser"])
    assert page_types(client) == {
        "lessonpage": 8,
        "eventpage": 2,
        "resourcepage": 1,
        "networkpage": 2,
    }


@pytest.mark.parametrize(
    "path",
    [
        "/admin/choose-page/search/?q=board",
        "/admin/choose-page/",
        "/admin/reports/page-types-usage/",
        "/admin/pages/search/?q=board",
        "/admin/profile_chooser/",
    ],
)
def test_a_member_without_admin_rights_gets_the_refusal_page(site, client, path):
    client.force_login(site["people"]["member"])
    response = client.get(path, follow=True)
    assert response.status_code == 403
    assert len(response.redirect_chain) <= 1
    assert "The admin is for editors and facilitators" in response.content.decode()
    for secret in SECRETS:
        assert secret not in response.content.decode()


def test_the_admin_api_lists_only_the_facilitators_pages(site, client):
    client.force_login(site["people"]["facilitator"])
    response = client.get(f"/admin/api/main/pages/?child_of={pk('lessons')}&for_explorer=1")
    titles = {item["title"] for item in json.loads(response.content)["items"]}
    assert titles == set(THEIRS)
