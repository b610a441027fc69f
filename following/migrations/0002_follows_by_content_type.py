"""Follows and sent items point at their thing by content type and id, not by one foreign key
per kind: the kinds are registered by the apps that own them (core/follows.py), which this app
may not import. Every follow and sent item is kept: a follow of a theme, network or person
points at that theme page, network page or profile; a sent page points at the page as its
specific type (a lesson, an event). Going back keeps what the old shape can hold."""

import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models
from django.db.models import Exists, F, OuterRef, Subquery

OLD_KINDS = {
    "theme": ("themes", "themepage"),
    "network": ("network", "networkpage"),
    "person": ("network", "profile"),
}


def to_content_types(apps, schema_editor):
    ContentType = apps.get_model("contenttypes", "ContentType")
    Follow = apps.get_model("following", "Follow")
    SentItem = apps.get_model("following", "SentItem")
    for field, (app_label, model) in OLD_KINDS.items():
        follows = Follow.objects.filter(**{f"{field}__isnull": False})
        if follows.exists():
            content_type, _ = ContentType.objects.get_or_create(app_label=app_label, model=model)
            follows.update(content_type=content_type, object_id=F(f"{field}_id"))
    Page = SentItem._meta.get_field("page").related_model
    SentItem.objects.update(
        object_id=F("page_id"),
        content_type=Subquery(
            Page.objects.filter(pk=OuterRef("page_id")).values("content_type")[:1]
        ),
    )


def to_one_key_per_kind(apps, schema_editor):
    ContentType = apps.get_model("contenttypes", "ContentType")
    Follow = apps.get_model("following", "Follow")
    SentItem = apps.get_model("following", "SentItem")
    for field, (app_label, model) in OLD_KINDS.items():
        content_type = ContentType.objects.filter(app_label=app_label, model=model).first()
        if content_type is not None:
            Target = Follow._meta.get_field(field).related_model
            Follow.objects.filter(content_type=content_type).filter(
                Exists(Target.objects.filter(pk=OuterRef("object_id")))
            ).update(**{field: F("object_id")})
    Follow.objects.filter(theme=None, network=None, person=None).delete()
    Page = SentItem._meta.get_field("page").related_model
    pages = Page.objects.filter(pk=OuterRef("object_id"), content_type=OuterRef("content_type"))
    SentItem.objects.filter(Exists(pages)).update(page=F("object_id"))
    SentItem.objects.filter(page=None).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("contenttypes", "0002_remove_content_type_name"),
        ("following", "0001_following"),
        migrations.swappable_dependency(settings.WAGTAIL_PAGE_MODEL),
    ]

    operations = [
        migrations.RemoveConstraint(model_name="follow", name="follow_exactly_one_thing"),
        migrations.RemoveConstraint(model_name="follow", name="follow_a_theme_once"),
        migrations.RemoveConstraint(model_name="follow", name="follow_a_network_once"),
        migrations.RemoveConstraint(model_name="follow", name="follow_a_person_once"),
        migrations.RemoveConstraint(model_name="sentitem", name="send_each_page_once"),
        migrations.AddField(
            model_name="follow",
            name="content_type",
            field=models.ForeignKey(
                null=True,
                on_delete=django.db.models.deletion.CASCADE,
                related_name="+",
                to="contenttypes.contenttype",
            ),
        ),
        migrations.AddField(
            model_name="follow",
            name="object_id",
            field=models.PositiveBigIntegerField(null=True),
        ),
        migrations.AddField(
            model_name="sentitem",
            name="content_type",
            field=models.ForeignKey(
                null=True,
                on_delete=django.db.models.deletion.CASCADE,
                related_name="+",
                to="contenttypes.contenttype",
            ),
        ),
        migrations.AddField(
            model_name="sentitem",
            name="object_id",
            field=models.PositiveBigIntegerField(null=True),
        ),
        # Nullable while both shapes exist, so that going back can fill it again.
        migrations.AlterField(
            model_name="sentitem",
            name="page",
            field=models.ForeignKey(
                null=True,
                on_delete=django.db.models.deletion.CASCADE,
                related_name="+",
                to=settings.WAGTAIL_PAGE_MODEL,
            ),
        ),
        migrations.RunPython(to_content_types, to_one_key_per_kind),
        migrations.RemoveField(model_name="follow", name="theme"),
        migrations.RemoveField(model_name="follow", name="network"),
        migrations.RemoveField(model_name="follow", name="person"),
        migrations.RemoveField(model_name="sentitem", name="page"),
        migrations.AlterField(
            model_name="follow",
            name="content_type",
            field=models.ForeignKey(
                on_delete=django.db.models.deletion.CASCADE,
                related_name="+",
                to="contenttypes.contenttype",
            ),
        ),
        migrations.AlterField(
            model_name="follow",
            name="object_id",
            field=models.PositiveBigIntegerField(),
        ),
        migrations.AlterField(
            model_name="sentitem",
            name="content_type",
            field=models.ForeignKey(
                on_delete=django.db.models.deletion.CASCADE,
                related_name="+",
                to="contenttypes.contenttype",
            ),
        ),
        migrations.AlterField(
            model_name="sentitem",
            name="object_id",
            field=models.PositiveBigIntegerField(),
        ),
        migrations.AddIndex(
            model_name="follow",
            index=models.Index(fields=["content_type", "object_id"], name="follows_of_a_thing"),
        ),
        migrations.AddIndex(
            model_name="sentitem",
            index=models.Index(fields=["content_type", "object_id"], name="sent_items_of_an_item"),
        ),
        migrations.AddConstraint(
            model_name="follow",
            constraint=models.UniqueConstraint(
                fields=("follower", "content_type", "object_id"), name="follow_a_thing_once"
            ),
        ),
        migrations.AddConstraint(
            model_name="sentitem",
            constraint=models.UniqueConstraint(
                fields=("member", "content_type", "object_id"), name="send_each_item_once"
            ),
        ),
    ]
