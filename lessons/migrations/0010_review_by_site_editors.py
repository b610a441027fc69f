"""Site editors review lessons without a network, and a site editor is whoever holds
accounts.site_editor (accounts.roles). Everyone who could review such lessons through
`lessons.review_lessons` (Wagtail's Moderators, given it by 0007, any other group, any person
given it directly) is given the site editor's permission instead, so nobody loses the right;
then `lessons.review_lessons` goes."""

from django.db import migrations

OLD = ("lessons", "lessonpage", "review_lessons", "Can review lessons shared without a network")
NEW = (
    "accounts",
    "user",
    "site_editor",
    "Is a site editor: reviews lessons without a network, sees every network and site-wide "
    "search insights, gives the regional lead role",
)


def permission(apps, app_label, model, codename, name):
    ContentType = apps.get_model("contenttypes", "ContentType")
    Permission = apps.get_model("auth", "Permission")
    content_type, _ = ContentType.objects.get_or_create(app_label=app_label, model=model)
    found, _ = Permission.objects.get_or_create(
        content_type=content_type, codename=codename, defaults={"name": name}
    )
    return found


def move_holders(apps, old, new):
    Group = apps.get_model("auth", "Group")
    User = apps.get_model("accounts", "User")
    to = permission(apps, *new)
    for group in Group.objects.filter(permissions=old):
        group.permissions.add(to)
    for user in User.objects.filter(user_permissions=old):
        user.user_permissions.add(to)


def site_editors_review(apps, schema_editor):
    Permission = apps.get_model("auth", "Permission")
    app_label, _, codename, _ = OLD
    for old in Permission.objects.filter(content_type__app_label=app_label, codename=codename):
        move_holders(apps, old, NEW)
        old.delete()


def reviewers_again(apps, schema_editor):
    """Back: holders of the site editor's permission review lessons as before."""
    Permission = apps.get_model("auth", "Permission")
    app_label, _, codename, _ = NEW
    for editor in Permission.objects.filter(content_type__app_label=app_label, codename=codename):
        move_holders(apps, editor, OLD)


class Migration(migrations.Migration):
    dependencies = [
        ("accounts", "0002_site_editors"),
        ("lessons", "0009_year_limits_named"),
    ]

    operations = [
        migrations.RunPython(site_editors_review, reviewers_again),
        migrations.AlterModelOptions(
            name="lessonpage",
            options={"verbose_name": "lesson"},
        ),
    ]
