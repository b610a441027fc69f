"""Regional leads: a role site editors give a member for one or more regions, shown on their
profile, and nothing more (network/models/roles.py)."""

from django.contrib.auth.models import AnonymousUser, Group, Permission

import pytest
from allauth.account.models import EmailAddress

from accounts.models import User
from core.vocabulary import Region
from lessons.models import LessonPage, is_site_editor, may_review
from network.models import (
    Membership,
    NetworkPage,
    Profile,
    RegionalLead,
    is_regional_lead,
    leads_for,
)

ADMIN = "/admin/regional_leads/"
LONDON, SOUTH_EAST = Region.LONDON, Region.SOUTH_EAST


def person(email, **fields):
    user = User.objects.create_user(email=email, password="a-long-test-password-7", **fields)
    EmailAddress.objects.create(user=user, email=email, verified=True, primary=True)
    return user


def lead_of(*regions, email="lena@example.nhs.uk"):
    user = person(email)
    for region in regions:
        RegionalLead.objects.create(user=user, region=region)
    return user


def site_editor_by_permission():
    """A site editor who is not a superuser (lessons.models.is_site_editor, as it reads now)."""
    user = person("editor@example.nhs.uk")
    group = Group.objects.create(name="Test site editors")
    group.permissions.add(
        Permission.objects.get(content_type__app_label="wagtailadmin", codename="access_admin"),
        Permission.objects.get(content_type__app_label="lessons", codename="review_lessons"),
    )
    user.groups.add(group)
    return user


def turned_away(response):
    """Sent to sign in (no admin access: then told the admin is not for them), or to the admin's
    home with Wagtail's "you do not have permission" (a facilitator)."""
    return response.status_code == 302 and response.url.split("?")[0] in (
        "/admin/login/",
        "/admin/",
    )


@pytest.fixture
def network_and_lesson(import_lessons):
    import_lessons(
        {
            "slug": "regional-huddles",
            "title": "Regional huddles",
            "summary": "Huddles across a region.",
            "status": "published",
            "visibility": "public",
            "network": "south-west-km",
        }
    )
    return NetworkPage.objects.get(slug="south-west-km"), LessonPage.objects.get(
        slug="regional-huddles"
    )


def test_a_member_given_the_role_leads_those_regions_and_no_others(db):
    lena, other = lead_of(LONDON, SOUTH_EAST), person("other@example.nhs.uk")
    assert is_regional_lead(lena) and is_regional_lead(lena, LONDON)
    assert is_regional_lead(lena, "south_east")
    assert not is_regional_lead(lena, Region.NORTH_WEST)
    assert not is_regional_lead(other) and not is_regional_lead(AnonymousUser())
    assert list(leads_for(LONDON)) == [lena]
    assert not leads_for(Region.NORTH_WEST).exists()


def test_the_predicate_and_the_queryset_agree_for_every_person_and_region(db):
    people = [
        lead_of(LONDON, SOUTH_EAST),
        lead_of(LONDON, email="second@example.nhs.uk"),
        person("other@example.nhs.uk"),
    ]
    retired = lead_of(Region.MIDLANDS, email="retired@example.nhs.uk")
    retired.is_active = False
    retired.save()
    for user in [*people, retired]:
        for region in Region.values:
            assert is_regional_lead(user, region) == leads_for(region).filter(pk=user.pk).exists()
    assert not is_regional_lead(retired) and not leads_for(Region.MIDLANDS).exists()
    assert leads_for(LONDON).count() == 2


def test_a_regional_lead_has_no_admin_access_page_rights_or_facilitator_rights(
    network_and_lesson, client
):
    network, lesson = network_and_lesson
    lena = lead_of(LONDON, SOUTH_EAST)
    Membership.objects.create(network=network, user=lena, role="member")
    lena = User.objects.get(pk=lena.pk)  # no cached permissions
    assert lena.get_all_permissions() == set() and not lena.groups.exists()
    assert not lena.has_perm("wagtailadmin.access_admin")
    for page in [network, lesson]:
        rights = page.permissions_for_user(lena)
        assert not (rights.can_edit() or rights.can_publish() or rights.can_add_subpage())
    assert not NetworkPage.objects.facilitated_by(lena).exists()
    assert not network.is_facilitated_by(lena)
    assert not is_site_editor(lena) and not may_review(lesson, lena)
    client.force_login(lena)
    for path in ["/admin/", ADMIN]:
        assert client.get(path, follow=True).status_code == 403  # "the admin is for editors…"


def test_site_editors_give_the_role_in_the_admin(db, client):
    member = person("member@example.nhs.uk")
    superuser = person("super@example.nhs.uk", is_superuser=True, is_staff=True)
    for editor in [superuser, site_editor_by_permission()]:
        client.force_login(editor)
        assert client.get(ADMIN).status_code == 200
        assert client.get(f"{ADMIN}new/").status_code == 200
        assert ADMIN in client.get("/admin/").content.decode()  # the settings menu offers it
    response = client.post(f"{ADMIN}new/", {"user": member.pk, "region": "london"})
    assert response.status_code == 302
    assert is_regional_lead(member, LONDON)
    # The same region twice is refused, with words.
    again = client.post(f"{ADMIN}new/", {"user": member.pk, "region": "london"})
    assert again.status_code == 200 and "already leads this region" in again.content.decode()
    role = RegionalLead.objects.get()
    assert client.post(f"{ADMIN}delete/{role.pk}/").status_code == 302
    assert not is_regional_lead(member)


def test_people_who_are_not_site_editors_cannot_manage_the_role_in_the_admin(
    network_and_lesson, client
):
    network, _ = network_and_lesson
    member = person("member@example.nhs.uk")
    facilitator = person("fay@example.nhs.uk")
    Membership.objects.create(network=network, user=facilitator, role="facilitator")
    facilitator = User.objects.get(pk=facilitator.pk)
    assert facilitator.has_perm("wagtailadmin.access_admin")  # in the admin, for their network
    role = RegionalLead.objects.create(user=member, region=LONDON)
    for outsider in [member, facilitator, lead_of(SOUTH_EAST)]:
        client.force_login(outsider)
        for path in [ADMIN, f"{ADMIN}new/", f"{ADMIN}edit/{role.pk}/"]:
            assert turned_away(client.get(path)), path
        assert turned_away(client.post(f"{ADMIN}new/", {"user": outsider.pk, "region": "london"}))
        assert turned_away(client.post(f"{ADMIN}delete/{role.pk}/"))
    client.force_login(facilitator)
    assert ADMIN not in client.get("/admin/").content.decode()
    assert list(RegionalLead.objects.values_list("user__email", "region")) == [
        ("member@example.nhs.uk", "london"),
        ("lena@example.nhs.uk", "south_east"),
    ]


@pytest.mark.parametrize(
    ("visibility", "reader", "shown"),
    [
        ("everyone", "anonymous", True),
        ("members", "anonymous", False),
        ("members", "member", True),
        ("private", "member", False),
        ("private", "owner", True),
    ],
)
def test_the_profile_shows_the_role_wherever_the_profile_may_be_seen(
    db, client, visibility, reader, shown
):
    lena = lead_of(SOUTH_EAST, LONDON)
    profile = Profile.objects.create(user=lena, display_name="Lena Lead", visibility=visibility)
    readers = {"member": person("reader@example.nhs.uk"), "owner": lena}
    if reader in readers:
        client.force_login(readers[reader])
    response = client.get(profile.get_absolute_url())
    assert response.status_code == (200 if shown else 404)
    page = response.content.decode()
    assert ("Regional lead for London, South East" in page) == shown


def test_a_profile_without_the_role_does_not_mention_it(db, client):
    profile = Profile.objects.create(
        user=person("pat@example.nhs.uk"), display_name="Pat", visibility="everyone"
    )
    assert "Regional lead" not in client.get(profile.get_absolute_url()).content.decode()
