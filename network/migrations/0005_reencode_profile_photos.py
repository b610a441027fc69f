"""Photos uploaded before they were re-encoded still carry their metadata (GPS position,
camera) and their uploader's file name: re-encode them as new uploads are. A photo that
cannot be read or is too large is removed; its owner can upload another."""

from django.core.exceptions import ValidationError
from django.db import migrations, transaction

from network.models.profiles import reencoded_photo


def reencode_photos(apps, schema_editor):
    Profile = apps.get_model("network", "Profile")
    for profile in Profile.objects.exclude(photo="").iterator():
        old, storage = profile.photo.name, profile.photo.storage
        try:
            with profile.photo.open("rb") as photo:
                clean = reencoded_photo(photo)
        except (OSError, ValidationError):
            profile.photo = ""
        else:
            profile.photo.save(clean.name, clean, save=False)
        Profile.objects.filter(pk=profile.pk).update(photo=profile.photo.name)
        transaction.on_commit(lambda old=old, storage=storage: storage.delete(old))


class Migration(migrations.Migration):
    dependencies = [("network", "0004_facilitator_group")]

    operations = [migrations.RunPython(reencode_photos, migrations.RunPython.noop)]
