"""Who works on themes in the Wagtail admin: a theme's curators (its creator and the facilitators
they add) change and publish it; facilitators add themes under the themes index; only site
editors touch the index or other people's themes (themes/permissions.py)."""

import importlib

from django.apps import apps

from wagtail.models import GroupPagePermission, Page
from wagtail.test.utils.form_data import inline_formset, nested_form_data

import pytest

from accounts.models import User
from network.models import FacilitatorGroup
from tests.builders.admin_site import build_admin_site
from tests.builders.network import make_profile
from themes.models import ThemeIndexPage, ThemePage


@pytest.fixture(scope="module")
def people(module_db):
    return build_admin_site()


def theme(slug):
    return ThemePage.objects.get(slug=slug)


def themes_index():
    return ThemeIndexPage.objects.get()


def theme_form(title, slug, curators, publish=True):
    data = nested_form_data(
        {
            "title": title,
            "slug": slug,
            "introduction": f"All about {title.lower()}.",
            "picks": inline_formset([]),
            "tags": "",
            "comments": inline_formset([]),
            "seo_title": "",
            "search_description": "",
            "go_live_at": "",
            "expire_at": "",
        }
    )
    data["curators"] = [str(user.pk) for user in curators]
    if publish:
        data["action-publish"] = "publish"
    return data


def test_a_facilitator_cannot_take_the_themes_section_offline(people, client):
    client.force_login(people["lead"])
    index = themes_index()
    client.post(f"/admin/pages/{index.pk}/unpublish/", {"include_descendants": "on"})
    client.post(f"/admin/api/main/pages/{index.pk}/action/unpublish/", {"recursive": "true"})
    assert ThemeIndexPage.objects.get().live
    assert set(ThemePage.objects.live().values_list("slug", flat=True)) == {
        "lead-huddles-theme",
        "board-lead-published-theme",
    }
    assert client.get("/themes/").status_code == 200
    permissions = index.permissions_for_user(people["lead"])
    assert not (permissions.can_unpublish() or permissions.can_edit())
    assert not (permissions.can_delete() or permissions.can_move())
    assert not permissions.can_reorder_children()


def test_a_facilitator_cannot_delete_unpublish_or_move_a_theme_they_do_not_curate(people, client):
    client.force_login(people["lead"])
    others = theme("board-lead-published-theme")
    client.post(f"/admin/pages/{others.pk}/delete/")
    client.post(f"/admin/pages/{others.pk}/unpublish/")
    client.post(f"/admin/bulk/wagtailcore/page/delete/?id={others.pk}")
    assert theme("board-lead-published-theme").live
    permissions = others.permissions_for_user(people["lead"])
    assert not (permissions.can_edit() or permissions.can_publish())
    assert not (permissions.can_delete() or permissions.can_unpublish() or permissions.can_move())


def test_a_curator_edits_and_publishes_their_theme_but_does_not_delete_or_move_it(people, client):
    lead = people["lead"]
    client.force_login(lead)
    own = theme("lead-huddles-theme")
    # Curators the editor cannot name (no profile they may see) are not offered, and stay.
    response = client.post(
        f"/admin/pages/{own.pk}/edit/", theme_form("Huddles that last a year", own.slug, [])
    )
    assert response.status_code == 302, response.content.decode()[:3000]
    assert theme("lead-huddles-theme").title == "Huddles that last a year"
    assert list(theme("lead-huddles-theme").curators.all()) == [lead]
    permissions = own.permissions_for_user(lead)
    assert permissions.can_unpublish()
    assert not (permissions.can_delete() or permissions.can_move())
    assert not permissions.can_set_view_restrictions()
    assert client.post(f"/admin/pages/{own.pk}/delete/").status_code == 302
    assert ThemePage.objects.filter(pk=own.pk).exists()


def test_a_facilitator_adds_a_theme_and_is_its_curator(people, client):
    lead = people["lead"]
    client.force_login(lead)
    index = themes_index()
    assert index.permissions_for_user(lead).can_add_subpage()
    response = client.post(
        f"/admin/pages/add/themes/themepage/{index.pk}/",
        theme_form("Discharge before noon", "discharge-before-noon", []),
    )
    assert response.status_code == 302, response.content.decode()[:3000]
    created = theme("discharge-before-noon")
    assert created.live and created.owner == lead
    assert list(created.curators.all()) == [lead]
    assert created.permissions_for_user(lead).can_edit()
    assert not created.permissions_for_user(people["board_lead"]).can_edit()


def test_a_facilitator_edits_a_theme_once_a_curator_adds_them(people, client):
    lead, north_lead = people["lead"], people["north_lead"]
    make_profile(lead, display_name="Lena Lead")
    make_profile(north_lead, display_name="Nora North")
    own = theme("lead-huddles-theme")
    assert not own.permissions_for_user(north_lead).can_edit()
    client.force_login(lead)
    client.post(f"/admin/pages/{own.pk}/edit/", theme_form(own.title, own.slug, [lead, north_lead]))
    assert set(theme("lead-huddles-theme").curators.all()) == {lead, north_lead}
    permissions = theme("lead-huddles-theme").permissions_for_user(north_lead)
    assert permissions.can_edit() and permissions.can_publish()
    client.force_login(north_lead)
    assert client.get(f"/admin/pages/{own.pk}/edit/").status_code == 200


def test_the_curators_offered_are_facilitators_one_may_see_and_hidden_ones_stay(people):
    lead, board_lead, north_lead = people["lead"], people["board_lead"], people["north_lead"]
    make_profile(board_lead, display_name="Bea Board")
    make_profile(north_lead, display_name="Nora North", visibility="private")
    make_profile(people["sam"], display_name="Sam Member")  # a member, not a facilitator
    own = theme("lead-huddles-theme")
    own.curators.add(north_lead)
    own.save()
    form_class = ThemePage.get_edit_handler().get_form_class()
    form = form_class(instance=own, for_user=lead)
    assert [label for _, label in form.fields["curators"].choices] == ["Bea Board"]
    data = theme_form(own.title, own.slug, [board_lead])
    form = form_class(data, instance=own, parent_page=own.get_parent(), for_user=lead)
    assert form.is_valid(), form.errors
    # The theme's creator, whom the form cannot name either, stays too.
    assert set(form.cleaned_data["curators"]) == {board_lead, north_lead, lead}


def test_a_facilitators_explorer_and_chooser_show_only_the_themes_they_curate(people, client):
    client.force_login(people["lead"])
    index = themes_index()
    for path in (f"/admin/pages/{index.pk}/", f"/admin/choose-page/{index.pk}/"):
        html = client.get(path).content.decode()
        assert "Huddles that last" in html and "Rotas in progress" in html, path
        assert "Evidence at the board" not in html, path
        assert "Unannounced governance theme" not in html, path
    html = client.get(f"/admin/pages/{index.pk}/").content.decode()
    assert f"/admin/pages/{index.pk}/add_subpage/" in html


def test_site_editors_change_and_publish_every_theme(people):
    site_editor = people["site_editor"]
    assert themes_index().permissions_for_user(site_editor).can_add_subpage()
    for page in ThemePage.objects.all():
        permissions = page.permissions_for_user(site_editor)
        assert permissions.can_edit() and permissions.can_publish(), page.slug


def test_the_queryset_and_the_single_page_agree_on_who_works_on_themes(people):
    for person in people.values():
        editable = set(ThemePage.objects.editable_by(person).values_list("pk", flat=True))
        for page in ThemePage.objects.all():
            assert page.is_editable_by(person) == (page.pk in editable), (person, page.slug)
        accepting = set(
            ThemeIndexPage.objects.accepting_themes_from(person).values_list("pk", flat=True)
        )
        for index in ThemeIndexPage.objects.all():
            assert index.accepts_themes_from(person) == (index.pk in accepting), person
    assert not ThemePage.objects.editable_by(people["sam"]).exists()
    assert set(ThemePage.objects.editable_by(people["lead"]).values_list("slug", flat=True)) == {
        "lead-huddles-theme",
        "lead-draft-theme",
    }


def test_the_migration_makes_owners_curators_and_takes_facilitators_off_the_themes_index(
    people,
):
    migration = importlib.import_module("themes.migrations.0003_owners_curate_their_themes")
    own = theme("board-lead-published-theme")
    own.curators.clear()
    own.save()
    group = FacilitatorGroup.objects.get(network__slug="south-west-km").group
    index = themes_index()
    for codename in ("add_page", "change_page", "publish_page"):
        GroupPagePermission.objects.create(
            group=group, page=Page.objects.get(pk=index.pk), permission_id=_permission(codename)
        )
    migration.owners_curate_their_themes(apps, None)
    migration.facilitators_hold_nothing_on_the_themes_index(apps, None)
    assert list(theme("board-lead-published-theme").curators.all()) == [people["board_lead"]]
    assert not GroupPagePermission.objects.filter(page=index.pk).exists()
    assert User.objects.filter(groups=group).exists()  # the group itself is untouched


def _permission(codename):
    from django.contrib.auth.models import Permission

    return Permission.objects.get(content_type__app_label="wagtailcore", codename=codename).pk
