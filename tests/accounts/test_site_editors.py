"""Site editors: one permission (accounts.site_editor), given by the "Site editors" group and
implicit for superusers, asked everywhere through accounts.roles. An editor by that permission
who is neither a superuser nor staff does what editors do in every place; staff without it do
none of it: being staff means nothing."""

from importlib import import_module

from django.apps import apps
from django.contrib.auth.models import AnonymousUser, Group, Permission
from django.contrib.contenttypes.models import ContentType
from django.core import mail
from django.urls import reverse

from wagtail.models import GroupCollectionPermission, GroupPagePermission, Page

import pytest

from accounts.models import User
from accounts.roles import SITE_EDITORS_GROUP, is_site_editor, site_editors
from lessons.models import LessonIndexPage, LessonPage, may_review
from lessons.moderation.admin_scope import choosable_pages, pages_in_admin
from lessons.moderation.workflow import reviewers_of, submit_for_review
from network.models import EventPage, Membership, NetworkPage, RegionalLead
from tests.builders.accounts import make_site_editor, make_user
from tests.builders.lessons import lesson
from tests.builders.network import add_event

EDITOR, STAFF = "editor@example.nhs.uk", "staff@example.nhs.uk"
REGIONAL_LEADS = "/admin/regional_leads/"


@pytest.fixture
def people(import_lessons, django_capture_on_commit_callbacks):
    """A site editor by permission (not a superuser, not staff), a staff member without the
    permission, and a champion who shares a lesson without a network, sent for review."""
    import_lessons(
        lesson(),
        lesson(
            slug="board-secret",
            title="Board secret lesson",
            network="board-leads",
            visibility="members",
        ),
    )
    add_event(NetworkPage.objects.get(slug="board-leads"), "board-webinar", "Board webinar")
    editor = make_site_editor(EDITOR)
    staff = make_user(STAFF, is_staff=True)
    assert not (editor.is_superuser or editor.is_staff)
    champion = make_user("champion@example.nhs.uk")
    unassigned = LessonPage(
        title="A lesson for the whole site",
        summary="Shared without a network.",
        owner=champion,
        live=False,
    )
    LessonIndexPage.objects.get().add_child(instance=unassigned)
    unassigned.save_revision(user=champion)
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        submit_for_review(unassigned, champion)
    return {
        "editor": editor,
        "staff": staff,
        "unassigned": LessonPage.objects.get(pk=unassigned.pk),
    }


def test_the_site_editors_group_gives_the_permission_the_admin_and_every_page_at_the_root(db):
    group = Group.objects.get(name=SITE_EDITORS_GROUP)
    assert set(group.permissions.values_list("content_type__app_label", "codename")) == {
        ("accounts", "site_editor"),
        ("wagtailadmin", "access_admin"),
        # editors' picks (migration accounts/0004)
        ("wagtailsearchpromotions", "add_searchpromotion"),
        ("wagtailsearchpromotions", "change_searchpromotion"),
        ("wagtailsearchpromotions", "delete_searchpromotion"),
    }
    root = Page.get_first_root_node()
    at_root = GroupPagePermission.objects.filter(group=group, page=root)
    assert set(at_root.values_list("permission__codename", flat=True)) == {
        "add_page",
        "change_page",
        "publish_page",
        "bulk_delete_page",
        "lock_page",
        "unlock_page",
    }
    files = GroupCollectionPermission.objects.filter(group=group, collection__depth=1)
    assert {"add_image", "choose_image", "add_document", "choose_document"} <= set(
        files.values_list("permission__codename", flat=True)
    )


def test_is_site_editor_and_site_editors_agree_for_everyone(db):
    permission = Permission.objects.get(content_type__app_label="accounts", codename="site_editor")
    direct = make_user("direct@example.nhs.uk")
    direct.user_permissions.add(permission)
    moderator = make_user("moderator@example.nhs.uk")
    moderator.groups.add(Group.objects.get(name="Moderators"))  # given it by migration
    expected = {
        make_site_editor("group@example.nhs.uk"): True,
        direct: True,
        moderator: True,
        make_user("super@example.nhs.uk", is_superuser=True): True,
        make_user(STAFF, is_staff=True): False,
        make_user("member@example.nhs.uk"): False,
        make_site_editor("gone@example.nhs.uk", is_active=False): False,
        make_user("gone-super@example.nhs.uk", is_superuser=True, is_active=False): False,
    }
    everyone = set(site_editors())
    for person, editor in expected.items():
        person = User.objects.get(pk=person.pk)  # no cached permissions
        assert is_site_editor(person) is editor, person.email
        assert (person in everyone) is editor, person.email
    assert not is_site_editor(AnonymousUser())


def test_an_editor_by_permission_reviews_a_lesson_without_a_network_and_staff_do_not(
    people, client, django_capture_on_commit_callbacks
):
    editor, staff, lesson_page = people["editor"], people["staff"], people["unassigned"]
    assert editor in reviewers_of(lesson_page) and staff not in reviewers_of(lesson_page)
    assert EDITOR in [message.to[0] for message in mail.outbox]
    assert STAFF not in [message.to[0] for message in mail.outbox]
    assert may_review(lesson_page, editor) and not may_review(lesson_page, staff)
    task_state = lesson_page.current_workflow_state.current_task_state
    task = task_state.task.specific
    assert task.get_task_states_user_can_moderate(editor).filter(pk=task_state.pk).exists()
    assert not task.get_task_states_user_can_moderate(staff).exists()
    approve = reverse(
        "wagtailadmin_pages:workflow_action", args=[lesson_page.pk, "approve", task_state.pk]
    )

    client.force_login(staff)
    assert client.get(f"/admin/pages/{lesson_page.pk}/edit/").status_code != 200
    client.post(approve, {})
    assert not LessonPage.objects.get(pk=lesson_page.pk).live

    client.force_login(editor)
    assert "A lesson for the whole site" in client.get("/admin/").content.decode()  # the queue
    assert client.get(f"/admin/pages/{lesson_page.pk}/edit/").status_code == 200
    with django_capture_on_commit_callbacks(execute=True):
        client.post(approve, {})
    assert LessonPage.objects.get(pk=lesson_page.pk).live


def test_an_editor_by_permission_sees_every_search_on_the_site_and_staff_do_not(
    people, client, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):  # the search is counted after commit
        client.get("/search/", {"q": "huddles"})
    client.force_login(people["editor"])
    response = client.get("/search/insights/")
    assert response.status_code == 200
    assert "huddles" in [row["query"] for row in response.context["site"]["top"]]
    client.force_login(people["staff"])
    assert client.get("/search/insights/").status_code == 403


def test_an_editor_by_permission_gives_the_regional_lead_role_and_staff_do_not(people, client):
    member = make_user("member@example.nhs.uk")
    client.force_login(people["staff"])
    assert client.get(REGIONAL_LEADS).status_code == 302  # away, to the admin's refusal
    client.post(f"{REGIONAL_LEADS}new/", {"user": member.pk, "region": "london"})
    assert not RegionalLead.objects.exists()
    client.force_login(people["editor"])
    assert client.get(REGIONAL_LEADS).status_code == 200
    assert REGIONAL_LEADS in client.get("/admin/").content.decode()  # the settings menu
    response = client.post(f"{REGIONAL_LEADS}new/", {"user": member.pk, "region": "london"})
    assert response.status_code == 302
    assert RegionalLead.objects.filter(user=member, region="london").exists()


def test_an_editor_by_permission_edits_any_page_in_the_admin_and_staff_do_not(people, client):
    everything = Page.objects.filter(depth__gt=1)
    editor, staff = people["editor"], people["staff"]
    assert set(pages_in_admin(editor)) >= set(everything)
    assert set(choosable_pages(editor)) >= set(everything)
    assert not pages_in_admin(staff).exists()
    client.force_login(editor)
    for page in everything:
        assert client.get(f"/admin/pages/{page.pk}/edit/").status_code == 200, page.url_path
        assert page.permissions_for_user(editor).can_publish(), page.url_path
    board = NetworkPage.objects.get(slug="board-leads")
    assert client.get(f"/admin/pages/add/network/eventpage/{board.pk}/").status_code == 200
    client.force_login(staff)
    for page in everything:
        assert client.get(f"/admin/pages/{page.pk}/edit/").status_code != 200, page.url_path
        assert not page.permissions_for_user(staff).can_edit(), page.url_path


def test_an_editor_by_permission_facilitates_and_sees_into_every_network_and_staff_do_not(
    people, client
):
    editor, staff = people["editor"], people["staff"]
    board = NetworkPage.objects.get(slug="board-leads")  # members-only
    Membership.objects.create(network=board, user=make_user("bea@example.nhs.uk"))
    assert set(NetworkPage.objects.facilitated_by(editor)) == set(NetworkPage.objects.all())
    assert board.is_facilitated_by(editor) and board.shares_content_with(editor)
    assert set(NetworkPage.objects.sharing_content_with(editor)) == set(NetworkPage.objects.all())
    assert not NetworkPage.objects.facilitated_by(staff).exists()
    assert not (board.is_facilitated_by(staff) or board.shares_content_with(staff))
    assert board not in NetworkPage.objects.sharing_content_with(staff)

    client.force_login(editor)
    page = client.get(board.url)
    assert page.context["is_facilitator"] and page.context["members"] is not None
    assert "Board webinar" in page.content.decode()
    assert client.get(EventPage.objects.get(slug="board-webinar").url).status_code == 200
    assert client.get(f"{board.url}requests/").status_code == 200
    client.force_login(staff)
    page = client.get(board.url)
    assert not page.context["is_facilitator"] and page.context["members"] is None
    assert "Board webinar" not in page.content.decode()
    assert client.get(EventPage.objects.get(slug="board-webinar").url).status_code == 404
    assert client.get(f"{board.url}requests/").status_code in (403, 404)


def test_templates_offer_editors_the_admin_and_not_staff(site_tree, client):
    _, lesson_index, _ = site_tree
    write = reverse("wagtailadmin_pages:add", args=["lessons", "lessonpage", lesson_index.pk])
    client.force_login(make_site_editor(EDITOR))
    assert write in client.get(lesson_index.url).content.decode()
    client.force_login(make_user(STAFF, is_staff=True))
    assert write not in client.get(lesson_index.url).content.decode()


def test_everyone_who_could_review_lessons_without_a_network_is_a_site_editor_after_the_migration(
    db,
):
    """Migration lessons/0010 gives the site editor's permission to everyone who held
    lessons.review_lessons (Wagtail's Moderators among them), then removes that permission."""
    old = Permission.objects.create(
        content_type=ContentType.objects.get(app_label="lessons", model="lessonpage"),
        codename="review_lessons",
        name="Can review lessons shared without a network",
    )
    reviewers = Group.objects.create(name="Reviewers")
    reviewers.permissions.add(old)
    in_group = make_user("in-group@example.nhs.uk")
    in_group.groups.add(reviewers)
    given = make_user("given@example.nhs.uk")
    given.user_permissions.add(old)
    bystander = make_user("bystander@example.nhs.uk")
    migration = import_module("lessons.migrations.0010_review_by_site_editors")
    migration.site_editors_review(apps, None)
    for person, editor in [(in_group, True), (given, True), (bystander, False)]:
        assert is_site_editor(User.objects.get(pk=person.pk)) is editor, person.email
    assert not Permission.objects.filter(codename="review_lessons").exists()
    moderators = Group.objects.get(name="Moderators")
    assert moderators.permissions.filter(codename="site_editor").exists()


def test_the_site_editors_group_and_its_permission_are_given_in_the_admin(db, client):
    client.force_login(make_user("super@example.nhs.uk", is_superuser=True))
    group = Group.objects.get(name=SITE_EDITORS_GROUP)
    assert "Is a site editor" in client.get(f"/admin/groups/edit/{group.pk}/").content.decode()
    member = make_user("member@example.nhs.uk")
    assert SITE_EDITORS_GROUP in client.get(f"/admin/users/edit/{member.pk}/").content.decode()
