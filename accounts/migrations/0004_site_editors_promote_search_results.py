"""Site editors keep the editors' picks (Wagtail's search promotions, Settings → Promoted
search results, shown by search/picks.py): the "Site editors" group gets adding, changing and
deleting them, as superusers had alone."""

from django.db import migrations

GROUP = "Site editors"
ACTIONS = ["add", "change", "delete"]


def give(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    ContentType = apps.get_model("contenttypes", "ContentType")
    Permission = apps.get_model("auth", "Permission")
    group = Group.objects.filter(name=GROUP).first()
    if group is None:
        return
    content_type, _ = ContentType.objects.get_or_create(
        app_label="wagtailsearchpromotions", model="searchpromotion"
    )
    for action in ACTIONS:
        permission, _ = Permission.objects.get_or_create(
            content_type=content_type,
            codename=f"{action}_searchpromotion",
            defaults={"name": f"Can {action} search promotion"},
        )
        group.permissions.add(permission)


def take_back(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    group = Group.objects.filter(name=GROUP).first()
    if group is not None:
        group.permissions.remove(
            *Permission.objects.filter(
                content_type__app_label="wagtailsearchpromotions",
                codename__in=[f"{action}_searchpromotion" for action in ACTIONS],
            )
        )


class Migration(migrations.Migration):
    dependencies = [
        ("accounts", "0003_undelivered_emails"),
        ("wagtailsearchpromotions", "0008_query_verbose_name"),
    ]

    operations = [migrations.RunPython(give, take_back)]
