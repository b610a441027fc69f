"""Facilitators manage their own network's pages in the Wagtail admin, and nothing else."""

import datetime

from lessons.models import LessonPage
from network.models import Membership, ResourcePage
from tests.builders.lessons import lesson
from tests.builders.network import LONDON

WHEN = datetime.datetime(2027, 1, 20, 13, tzinfo=LONDON)


def test_facilitators_edit_their_own_networks_pages_only(
    networks, add_event, client, member_of, import_lessons
):
    own = add_event(networks["south-west-km"], "own-event", WHEN)
    other = add_event(networks["board-leads"], "other-event", WHEN)
    own_lesson = LessonPage.objects.get()  # the South West network's
    import_lessons(lesson(slug="board-lesson", network="board-leads", visibility="members"))
    other_lesson = LessonPage.objects.get(slug="board-lesson")
    client.force_login(member_of("south-west-km", email="lead@example.nhs.uk", role="facilitator"))

    assert client.get("/admin/").status_code == 200
    assert client.get(f"/admin/pages/{own.pk}/edit/").status_code == 200
    # Their network's published lessons are read on the site; only lessons in review are
    # theirs in the admin (tests/lessons/test_moderation.py).
    assert client.get(f"/admin/pages/{own_lesson.pk}/edit/").status_code in (302, 403)
    assert client.get(f"/admin/pages/{networks['south-west-km'].pk}/edit/").status_code == 200
    add_resource = f"/admin/pages/add/network/resourcepage/{networks['south-west-km'].pk}/"
    assert client.get(add_resource).status_code == 200

    for page in (other, networks["board-leads"], other_lesson):
        response = client.get(f"/admin/pages/{page.pk}/edit/")
        assert response.status_code in (302, 403), page
    refused = client.post(
        f"/admin/pages/add/network/resourcepage/{networks['board-leads'].pk}/",
        {
            "title": "Sneaky",
            "slug": "sneaky",
            "kind": "toolkit",
            "summary": "x",
            "action-publish": "publish",
        },
    )
    assert refused.status_code in (302, 403)
    assert not ResourcePage.objects.filter(slug="sneaky").exists()


def test_access_ends_when_the_role_does(networks, add_event, client, member_of):
    own = add_event(networks["south-west-km"], "own-event", WHEN)
    lead = member_of("south-west-km", email="lead@example.nhs.uk", role="facilitator")
    client.force_login(lead)
    assert client.get(f"/admin/pages/{own.pk}/edit/").status_code == 200

    Membership.objects.filter(user=lead).update(role="member")  # bypasses signals...
    membership = Membership.objects.get(user=lead)
    membership.save()  # ...so save once, as the admin or a facilitator would
    assert client.get(f"/admin/pages/{own.pk}/edit/").status_code in (302, 403)

    membership.role = "facilitator"
    membership.save()
    assert client.get(f"/admin/pages/{own.pk}/edit/").status_code == 200
    membership.delete()
    assert not lead.groups.exists()


def test_plain_members_have_no_admin(networks, client, member_of):
    client.force_login(member_of("south-west-km", email="plain@example.nhs.uk"))
    assert client.get("/admin/").status_code in (302, 403)


def test_renaming_a_network_then_demoting_its_facilitator_ends_their_access(
    networks, add_event, client, member_of
):
    network = networks["south-west-km"]
    own = add_event(network, "own-event", WHEN)
    lead = member_of("south-west-km", email="lead@example.nhs.uk", role="facilitator")
    client.force_login(lead)
    assert client.get(f"/admin/pages/{own.pk}/edit/").status_code == 200

    network.slug = "south-west-knowledge"
    network.title = "South West Knowledge Network"
    network.save_revision().publish()
    membership = Membership.objects.get(user=lead)
    membership.role = "member"
    membership.save()

    assert client.get(f"/admin/pages/{own.pk}/edit/").status_code in (302, 403)
    assert not lead.groups.exists()


def test_deleting_a_network_deletes_its_facilitator_group(networks, member_of):
    from django.contrib.auth.models import Group

    member_of("south-west-km", email="lead@example.nhs.uk", role="facilitator")
    assert Group.objects.filter(name__startswith="Facilitators of").count() == 1
    networks["south-west-km"].delete()
    assert not Group.objects.filter(name__startswith="Facilitators of").exists()


def test_the_header_links_to_the_admin_for_everyone_who_may_use_it(networks, client, member_of):
    facilitator = member_of("south-west-km", email="lead@example.nhs.uk", role="facilitator")
    member = member_of("south-west-km", email="plain@example.nhs.uk")
    assert not facilitator.is_staff
    link = 'href="/admin/">Write and manage</a>'
    client.force_login(facilitator)
    assert link in client.get("/networks/").content.decode()
    client.force_login(member)
    assert link not in client.get("/networks/").content.decode()
    client.logout()
    assert link not in client.get("/networks/").content.decode()
