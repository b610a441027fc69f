"""Existing themes' owners become their curators, and facilitators' groups lose the permissions
they held on the themes index (what themes/permissions.py used to give every facilitator
group): facilitators now add themes and curate their own through the themes rule, and only
site editors' groups hold tree permissions over the themes."""

from django.db import migrations


def owners_curate_their_themes(apps, schema_editor):
    ThemePage = apps.get_model("themes", "ThemePage")
    Curator = ThemePage._meta.get_field("curators").remote_field.through
    existing = set(Curator.objects.values_list("themepage_id", "user_id"))
    Curator.objects.bulk_create(
        Curator(themepage_id=theme, user_id=owner)
        for theme, owner in ThemePage.objects.filter(owner__isnull=False).values_list("pk", "owner")
        if (theme, owner) not in existing
    )


def facilitators_hold_nothing_on_the_themes_index(apps, schema_editor):
    ThemeIndexPage = apps.get_model("themes", "ThemeIndexPage")
    FacilitatorGroup = apps.get_model("network", "FacilitatorGroup")
    GroupPagePermission = apps.get_model("wagtailcore", "GroupPagePermission")
    GroupPagePermission.objects.filter(
        page__in=ThemeIndexPage.objects.values("pk"),
        group__in=FacilitatorGroup.objects.values("group"),
    ).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("themes", "0002_curators"),
        ("network", "0004_facilitator_group"),
        ("wagtailcore", "0098_apitoken"),
    ]

    operations = [
        migrations.RunPython(owners_curate_their_themes, migrations.RunPython.noop),
        migrations.RunPython(
            facilitators_hold_nothing_on_the_themes_index, migrations.RunPython.noop
        ),
    ]
