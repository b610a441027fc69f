"""Profile photos move into private storage (core.private_files, under PRIVATE_MEDIA_ROOT),
out of MEDIA_ROOT, where anything serving /media/ could have handed them out. Each keeps its
name, so /members/<id>/photo/ serves the same photo; the public copy is deleted once the
migration commits. A row whose file is missing loses its photo (the view could never serve
it). Safe to run again: a photo already in private storage stays where it is."""

from django.core.files.storage import default_storage
from django.db import migrations, models, transaction

import core.private_files
import network.models.profiles


def move(apps, source, target):
    Profile = apps.get_model("network", "Profile")
    source, target = source(apps), target(apps)
    for profile in Profile.objects.exclude(photo="").iterator():
        name = profile.photo.name
        if target.exists(name):
            continue
        if not source.exists(name):
            Profile.objects.filter(pk=profile.pk).update(photo="")
            continue
        with source.open(name, "rb") as photo:
            stored = target.save(name, photo)
        Profile.objects.filter(pk=profile.pk).update(photo=stored)
        transaction.on_commit(lambda name=name: source.delete(name))


def public(apps):
    return default_storage


def private(apps):
    return apps.get_model("network", "Profile")._meta.get_field("photo").storage


def photos_to_private_storage(apps, schema_editor):
    move(apps, public, private)


def photos_to_public_storage(apps, schema_editor):
    move(apps, private, public)


class Migration(migrations.Migration):
    dependencies = [
        ("network", "0008_regional_leads"),
    ]

    operations = [
        migrations.AlterField(
            model_name="profile",
            name="photo",
            field=models.ImageField(
                blank=True,
                storage=core.private_files.PrivateStorage(),
                upload_to="profiles/",
                validators=[network.models.profiles.validate_photo],
            ),
        ),
        migrations.RunPython(photos_to_private_storage, photos_to_public_storage),
    ]
