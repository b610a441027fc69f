"""Profile photos: uploads checked and re-encoded without their metadata, kept in private storage
and served only to those who may see the profile."""

import io
import re
import struct
import zlib
from pathlib import Path

from django.core.files.uploadedfile import SimpleUploadedFile

import pytest
from PIL import ExifTags, Image

from network.models import Profile
from tests.builders.accounts import make_user
from tests.builders.network import make_profile
from tests.builders.profiles import profile_form


def image_bytes(fmt, size=(40, 40)):
    buffer = io.BytesIO()
    Image.new("RGB", size, "blue").save(buffer, fmt)
    return buffer.getvalue()


@pytest.mark.parametrize(
    ("upload", "message"),
    [
        (
            SimpleUploadedFile("me.png", b"not an image at all", "image/png"),
            "Upload a valid image.",
        ),
        (
            SimpleUploadedFile("me.gif", image_bytes("GIF"), "image/gif"),
            "The photo must be a JPEG, PNG or WebP image.",
        ),
        (
            SimpleUploadedFile(
                "me.png", image_bytes("PNG") + b"\0" * (2 * 1024 * 1024), "image/png"
            ),
            "The photo must be 2 MB or smaller.",
        ),
    ],
)
def test_photo_uploads_are_checked(db, client, settings, tmp_path, upload, message):
    settings.MEDIA_ROOT, settings.PRIVATE_MEDIA_ROOT = tmp_path / "media", tmp_path / "private"
    client.force_login(make_user("ada@example.nhs.uk"))
    response = client.post("/members/me/edit/", {**profile_form(), "photo": upload})
    assert response.status_code == 200
    assert message in response.content.decode()
    assert not Profile.objects.exists()
    assert not list(tmp_path.rglob("*.*"))


def photo_with_metadata(size=(60, 40)):
    """A JPEG as a phone takes it: GPS position, camera, and turned on its side."""
    exif = Image.Exif()
    exif[ExifTags.Base.Make] = "PhoneMaker"
    exif[ExifTags.Base.Model] = "Pocket Camera 9"
    exif[ExifTags.Base.Orientation] = 6  # shown rotated a quarter turn clockwise
    exif[ExifTags.IFD.GPSInfo] = {
        ExifTags.GPS.GPSLatitudeRef: "N",
        ExifTags.GPS.GPSLatitude: (51.0, 30.0, 26.0),
        ExifTags.GPS.GPSLongitudeRef: "W",
        ExifTags.GPS.GPSLongitude: (0.0, 7.0, 39.0),
    }
    buffer = io.BytesIO()
    Image.new("RGB", size, "blue").save(buffer, "JPEG", exif=exif, comment=b"at home")
    return buffer.getvalue()


def upload_photo(client, content, name="me.jpg", content_type="image/jpeg", **changes):
    upload = SimpleUploadedFile(name, content, content_type)
    return client.post("/members/me/edit/", {**profile_form(**changes), "photo": upload})


def test_an_uploaded_photo_is_reencoded_without_its_metadata(db, client, settings, tmp_path):
    settings.MEDIA_ROOT, settings.PRIVATE_MEDIA_ROOT = tmp_path / "media", tmp_path / "private"
    client.force_login(make_user("ada@example.nhs.uk"))
    assert Image.open(io.BytesIO(photo_with_metadata())).getexif()[ExifTags.Base.Make]
    response = upload_photo(client, photo_with_metadata(), name="ada-at-home-52.1N.jpg")
    assert response.status_code == 302
    photo = Profile.objects.get().photo
    assert re.fullmatch(r"profiles/[0-9a-f]{32}\.jpg", photo.name), photo.name
    assert [p.name for p in tmp_path.rglob("*.*")] == [photo.name.split("/")[1]]
    with Image.open(photo.path) as stored:
        assert stored.format == "JPEG"
        assert not stored.getexif()
        assert not stored.getexif().get_ifd(ExifTags.IFD.GPSInfo)
        assert not {"exif", "comment", "icc_profile", "xmp"} & set(stored.info)
        assert stored.size == (40, 60)  # turned upright, as the phone meant it
    assert b"PhoneMaker" not in photo.open("rb").read()


def test_a_large_photo_is_shrunk_to_800_pixels_a_side(db, client, settings, tmp_path):
    settings.MEDIA_ROOT, settings.PRIVATE_MEDIA_ROOT = tmp_path / "media", tmp_path / "private"
    client.force_login(make_user("ada@example.nhs.uk"))
    response = upload_photo(client, image_bytes("PNG", (3000, 2000)), "me.png", "image/png")
    assert response.status_code == 302
    with Image.open(Profile.objects.get().photo.path) as stored:
        assert stored.size == (800, 533) and stored.format == "JPEG"


def huge_png(width, height):
    """A black 1-bit PNG of this size, written row by row without building it in memory."""

    def chunk(kind, data):
        body = kind + data
        return struct.pack(">I", len(data)) + body + struct.pack(">I", zlib.crc32(body))

    header = struct.pack(">IIBBBBB", width, height, 1, 0, 0, 0, 0)
    rows = zlib.compress(b"\0" * ((width + 7) // 8 + 1) * height, 9)
    return (
        b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", rows) + chunk(b"IEND", b"")
    )


@pytest.mark.parametrize("side", [12000, 20000])
def test_a_photo_with_too_many_pixels_is_refused_before_it_is_decoded(
    db, client, settings, tmp_path, side
):
    settings.MEDIA_ROOT, settings.PRIVATE_MEDIA_ROOT = tmp_path / "media", tmp_path / "private"
    client.force_login(make_user("ada@example.nhs.uk"))
    content = huge_png(side, side)
    assert len(content) < 2 * 1024 * 1024
    response = upload_photo(client, content, "me.png", "image/png")
    assert response.status_code == 200
    html = response.content.decode()
    assert "There is a problem" in html
    assert "The photo has too many pixels: use one of at most 40 megapixels" in html
    assert not Profile.objects.exists()
    assert not list(tmp_path.rglob("*.*"))


def test_a_replaced_or_removed_photo_leaves_no_file_behind(
    db, client, settings, tmp_path, django_capture_on_commit_callbacks
):
    settings.MEDIA_ROOT, settings.PRIVATE_MEDIA_ROOT = tmp_path / "media", tmp_path / "private"
    client.force_login(make_user("ada@example.nhs.uk"))
    upload_photo(client, image_bytes("JPEG"))
    first = Profile.objects.get().photo.name
    with django_capture_on_commit_callbacks(execute=True):
        upload_photo(client, image_bytes("PNG"), "me.png", "image/png")
    second = Profile.objects.get().photo.name
    assert second != first
    assert [p.name for p in tmp_path.rglob("*.*")] == [second.split("/")[1]]
    with django_capture_on_commit_callbacks(execute=True):
        client.post("/members/me/edit/", profile_form(display_name="Ada L."))  # photo kept
    assert Profile.objects.get().photo.name == second
    assert [p.name for p in tmp_path.rglob("*.*")] == [second.split("/")[1]]
    edit = client.get("/members/me/edit/").content.decode()
    assert "/media/" not in edit and second not in edit
    assert f'href="/members/{Profile.objects.get().pk}/photo/"' in edit
    with django_capture_on_commit_callbacks(execute=True):
        client.post("/members/me/edit/", {**profile_form(), "photo-clear": "on"})
    assert not Profile.objects.get().photo
    assert not list(tmp_path.rglob("*.*"))


def test_photos_kept_as_uploaded_before_are_reencoded_by_a_migration(
    db, settings, tmp_path, django_capture_on_commit_callbacks
):
    from importlib import import_module

    from django.apps import apps
    from django.core.files.base import ContentFile

    from core.private_files import private_storage

    settings.MEDIA_ROOT, settings.PRIVATE_MEDIA_ROOT = tmp_path / "media", tmp_path / "private"
    kept = make_profile(make_user("ada@example.nhs.uk"))
    lost = make_profile(make_user("bob@example.nhs.uk"))
    name = private_storage.save("profiles/ada-at-home.jpg", ContentFile(photo_with_metadata()))
    Profile.objects.filter(pk=kept.pk).update(photo=name)
    Profile.objects.filter(pk=lost.pk).update(photo="profiles/gone.jpg")
    migration = import_module("network.migrations.0005_reencode_profile_photos")
    with django_capture_on_commit_callbacks(execute=True):
        migration.reencode_photos(apps, None)
    kept.refresh_from_db()
    lost.refresh_from_db()
    assert re.fullmatch(r"profiles/[0-9a-f]{32}\.jpg", kept.photo.name)
    assert not lost.photo
    assert [p.name for p in tmp_path.rglob("*.*")] == [kept.photo.name.split("/")[1]]
    with Image.open(kept.photo.path) as stored:
        assert not stored.getexif() and stored.size == (40, 60)


def test_photos_move_out_of_the_public_media_folder_by_a_migration_keeping_their_address(
    db, client, settings, tmp_path, django_capture_on_commit_callbacks
):
    from importlib import import_module

    from django.apps import apps
    from django.core.files.base import ContentFile
    from django.core.files.storage import default_storage

    settings.MEDIA_ROOT, settings.PRIVATE_MEDIA_ROOT = tmp_path / "media", tmp_path / "private"
    kept = make_profile(make_user("ada@example.nhs.uk"))
    lost = make_profile(make_user("bob@example.nhs.uk"))
    name = default_storage.save("profiles/0123abcd.jpg", ContentFile(image_bytes("JPEG")))
    Profile.objects.filter(pk=kept.pk).update(photo=name)
    Profile.objects.filter(pk=lost.pk).update(photo="profiles/gone.jpg")
    migration = import_module("network.migrations.0009_private_profile_photos")
    for _ in range(2):  # a second run changes nothing
        with django_capture_on_commit_callbacks(execute=True):
            migration.photos_to_private_storage(apps, None)
        kept.refresh_from_db()
        lost.refresh_from_db()
        assert kept.photo.name == name and not lost.photo
        assert [p.relative_to(tmp_path).as_posix() for p in tmp_path.rglob("*.*")] == [
            f"private/{name}"
        ]
    response = client.get(f"/members/{kept.pk}/photo/")
    assert b"".join(response.streaming_content) == image_bytes("JPEG")


PHOTO_READERS = {
    "everyone": {"anonymous": 200, "signed-in": 200, "owner": 200},
    "members": {"anonymous": 404, "signed-in": 200, "owner": 200},
    "private": {"anonymous": 404, "signed-in": 404, "owner": 200},
}


@pytest.mark.parametrize("visibility", PHOTO_READERS)
def test_a_photo_is_served_only_to_those_who_may_see_the_profile(
    db, client, settings, tmp_path, visibility
):
    settings.MEDIA_ROOT, settings.PRIVATE_MEDIA_ROOT = tmp_path / "media", tmp_path / "private"
    owner = make_user("ada@example.nhs.uk")
    client.force_login(owner)
    upload_photo(client, photo_with_metadata(), visibility=visibility)
    profile = Profile.objects.get()
    # Kept in private storage, outside the public media folder.
    assert Path(profile.photo.path).parent == tmp_path / "private" / "profiles"
    assert not list((tmp_path / "media").rglob("*.*"))
    url = f"/members/{profile.pk}/photo/"
    page = client.get(profile.get_absolute_url()).content.decode()
    assert f'src="{url}"' in page and "/media/" not in page
    for reader, status in PHOTO_READERS[visibility].items():
        client.logout()
        if reader == "signed-in":
            client.force_login(make_user(f"reader-{visibility}@example.nhs.uk"))
        elif reader == "owner":
            client.force_login(owner)
        response = client.get(url)
        assert response.status_code == status, reader
        if status == 200:
            assert response["Content-Type"] == "image/jpeg"
            assert response["Content-Disposition"] == 'inline; filename="photo.jpg"'
            assert response["X-Content-Type-Options"] == "nosniff"
            assert "sandbox" in response["Content-Security-Policy"]
            assert profile.photo.name.split("/")[1] not in str(response.headers)
            assert b"".join(response.streaming_content) == profile.photo.open("rb").read()
            again = client.get(url, headers={"if-none-match": response["ETag"]})
            assert again.status_code == 304


def cache_directives(response):
    """Cache-Control's directives by name, each with its value (True when it has none)."""
    directives = {}
    for directive in response["Cache-Control"].split(","):
        name, _, value = directive.strip().partition("=")
        directives[name.lower()] = value or True
    return directives


@pytest.mark.parametrize(
    "visibility, directives",
    [
        ("everyone", {"no-cache": True, "public": True}),
        ("members", {"no-cache": True, "private": True}),
        ("private", {"no-cache": True, "private": True}),
    ],
)
def test_only_a_public_profiles_photo_may_be_kept_by_shared_caches(
    db, client, settings, tmp_path, visibility, directives
):
    settings.MEDIA_ROOT = tmp_path
    client.force_login(make_user("ada@example.nhs.uk"))
    upload_photo(client, photo_with_metadata(), visibility=visibility)
    url = f"/members/{Profile.objects.get().pk}/photo/"
    response = client.get(url)
    assert cache_directives(response) == directives
    revalidated = client.get(url, headers={"if-none-match": response["ETag"]})
    assert (revalidated.status_code, cache_directives(revalidated)) == (304, directives)


def test_a_profile_without_a_photo_has_no_photo_address(people, client):
    assert client.get(f"/members/{people['everyone'].pk}/photo/").status_code == 404
