"""One permission makes a site editor (accounts.roles), and the "Site editors" group gives it,
with what editing the whole site needs: the admin, every page permission at the root of the
page tree, and adding, editing and choosing images and documents in every collection."""

from django.db import migrations

GROUP = "Site editors"
PERMISSION = (
    "site_editor",
    "Is a site editor: reviews lessons without a network, sees every network and site-wide "
    "search insights, gives the regional lead role",
)
PAGE_PERMISSIONS = ["add", "change", "publish", "bulk_delete", "lock", "unlock"]
COLLECTION_PERMISSIONS = {
    ("wagtailimages", "image"): ["add", "change", "delete", "choose"],
    ("wagtaildocs", "document"): ["add", "change", "delete", "choose"],
}


def permission(apps, app_label, model, codename, name):
    ContentType = apps.get_model("contenttypes", "ContentType")
    Permission = apps.get_model("auth", "Permission")
    content_type, _ = ContentType.objects.get_or_create(app_label=app_label, model=model)
    found, _ = Permission.objects.get_or_create(
        content_type=content_type, codename=codename, defaults={"name": name}
    )
    return found


def create_site_editors_group(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    Page = apps.get_model("wagtailcore", "Page")
    Collection = apps.get_model("wagtailcore", "Collection")
    GroupPagePermission = apps.get_model("wagtailcore", "GroupPagePermission")
    GroupCollectionPermission = apps.get_model("wagtailcore", "GroupCollectionPermission")

    group, _ = Group.objects.get_or_create(name=GROUP)
    group.permissions.add(
        permission(apps, "accounts", "user", *PERMISSION),
        permission(apps, "wagtailadmin", "admin", "access_admin", "Can access Wagtail admin"),
    )
    for root in Page.objects.filter(depth=1):
        for action in PAGE_PERMISSIONS:
            GroupPagePermission.objects.get_or_create(
                group=group,
                page=root,
                permission=permission(
                    apps, "wagtailcore", "page", f"{action}_page", f"Can {action} page"
                ),
            )
    for root in Collection.objects.filter(depth=1):
        for (app_label, model), actions in COLLECTION_PERMISSIONS.items():
            for action in actions:
                GroupCollectionPermission.objects.get_or_create(
                    group=group,
                    collection=root,
                    permission=permission(
                        apps, app_label, model, f"{action}_{model}", f"Can {action} {model}"
                    ),
                )


def remove_site_editors_group(apps, schema_editor):
    apps.get_model("auth", "Group").objects.filter(name=GROUP).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("accounts", "0001_initial"),
        ("wagtailadmin", "0001_create_admin_access_permissions"),
        ("wagtailcore", "0098_apitoken"),
        ("wagtailimages", "0027_image_description"),
        ("wagtaildocs", "0014_alter_document_file_size"),
    ]

    operations = [
        migrations.AlterModelOptions(
            name="user",
            options={"ordering": ["email"], "permissions": [PERMISSION]},
        ),
        migrations.RunPython(create_site_editors_group, remove_site_editors_group),
    ]
