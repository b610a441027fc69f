"""Private files (core/private_files.py): kept outside the public media folder with no URL of
their own, checked by their content when uploaded, and served only through a view that asks
the read rule of the object they belong to; profile photos are the first."""

import importlib
import io

from django.contrib.auth.models import AnonymousUser
from django.core import checks
from django.core.exceptions import ImproperlyConfigured, ValidationError
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db.models.fields.files import FieldFile
from django.test import RequestFactory
from django.urls import clear_url_caches

from wagtail.images import get_image_model

import pytest
from PIL import ExifTags, Image

from accounts.models import User
from core.private_files import (
    DOCX,
    GIF,
    IMAGES,
    JPEG,
    PDF,
    PNG,
    PPTX,
    WEBP,
    XLSX,
    PrivateFileField,
    checked_upload,
    file_response,
    kind_of,
    private_storage,
)
from network.models import Profile
from tests.builders import files
from tests.builders.accounts import make_site_editor, make_user
from tests.builders.network import make_profile


def upload(content, name="upload.bin", content_type="application/octet-stream"):
    return SimpleUploadedFile(name, content, content_type)


def stored(content, name="profiles/file.bin"):
    """A file in private storage, as a field holding it gives it."""
    name = private_storage.save(name, ContentFile(content))
    return FieldFile(None, Profile._meta.get_field("photo"), name)


# Storing


def test_private_files_have_no_url_and_live_outside_the_media_folder(file_roots):
    photo = stored(files.image("JPEG"), "profiles/ada.jpg")
    assert (file_roots / "private" / photo.name).is_file()
    assert not (file_roots / "media").exists()
    with pytest.raises(NotImplementedError, match="no URL"):
        private_storage.url(photo.name)
    with pytest.raises(NotImplementedError):
        photo.url  # noqa: B018


@pytest.fixture
def development_urls(settings):
    """config/urls.py as `make run` loads it: with DEBUG on, it serves /static/ and /media/."""
    import config.urls

    settings.DEBUG = True
    importlib.reload(config.urls)
    clear_url_caches()
    yield
    settings.DEBUG = False
    importlib.reload(config.urls)
    clear_url_caches()


def test_the_development_server_serves_media_files_but_no_private_file(
    db, file_roots, development_urls, client
):
    public = default_storage.save("images/ward.png", ContentFile(files.image("PNG")))
    assert client.get(f"/media/{public}").status_code == 200  # media are served here
    private = stored(files.image("JPEG"), "profiles/ada.jpg").name
    for path in [
        f"/media/{private}",
        f"/media/private/{private}",
        f"/media/../private/{private}",
        f"/media/%2e%2e/private/{private}",
    ]:
        assert client.get(path).status_code in (400, 404), path


def test_a_private_folder_that_overlaps_a_served_one_is_refused_by_the_checks(settings, tmp_path):
    settings.MEDIA_ROOT, settings.STATIC_ROOT = tmp_path / "media", tmp_path / "static"

    def errors():
        return [e.id for e in checks.run_checks(tags=[checks.Tags.security]) if e.id == "core.E002"]

    settings.PRIVATE_MEDIA_ROOT = tmp_path / "private"
    assert errors() == []
    for overlapping in [tmp_path / "media", tmp_path / "media" / "p", tmp_path / "static" / "p"]:
        settings.PRIVATE_MEDIA_ROOT = overlapping
        assert errors() == ["core.E002"], overlapping
    settings.PRIVATE_MEDIA_ROOT = tmp_path  # holds MEDIA_ROOT
    assert errors() == ["core.E002", "core.E002"]


# Checking


@pytest.mark.parametrize(
    ("content", "name", "kind"),
    [
        (files.PDF, "evidence.png", PDF),
        (files.image("PNG"), "photo.pdf", PNG),
        (files.image("JPEG"), "photo.png", JPEG),
        (files.image("WEBP"), "photo.jpg", WEBP),
        (files.image("GIF"), "photo.jpg", GIF),
        (files.office_file(files.WORD), "kit.pdf", DOCX),
        (files.office_file(files.EXCEL), "kit.docx", XLSX),
        (files.office_file(files.POWERPOINT), "kit.zip", PPTX),
    ],
    ids=["pdf", "png", "jpeg", "webp", "gif", "docx", "xlsx", "pptx"],
)
def test_a_file_is_known_by_its_content_not_its_name(content, name, kind):
    checked = checked_upload(upload(content, name))
    assert kind_of(io.BytesIO(content)) == kind
    kept = PNG if kind == GIF else kind  # a GIF is kept as a PNG
    assert kind_of(checked) == kept
    assert checked.name.endswith(f".{kept.extension}") and name not in checked.name


@pytest.mark.parametrize(
    ("content", "name"),
    [
        (files.HTML, "evidence.pdf"),
        (files.SVG, "logo.png"),
        (files.EXE, "report.docx"),
        (b"plain words", "notes.pdf"),
        (files.plain_zip(), "kit.docx"),
        (files.office_file(files.WORD_WITH_MACROS), "kit.docx"),
        (files.office_file(files.WORD, extra=[("word/vbaProject.bin", b"\0")]), "kit.docx"),
        (b"PK\x03\x04 not really a zip", "kit.xlsx"),
        (b"%PDF", "short.pdf"),
    ],
    ids=["html", "svg", "exe", "text", "zip", "docm", "docx-vba", "broken-zip", "short"],
)
def test_anything_else_is_refused_whatever_it_is_called(content, name):
    with pytest.raises(ValidationError) as refused:
        checked_upload(upload(content, name, "application/pdf"))
    assert refused.value.messages == [
        "The file must be a PDF, a Word document, an Excel spreadsheet, a PowerPoint "
        "presentation, a PNG image, a JPEG image, a WebP image or a GIF image."
    ]


def test_only_the_kinds_asked_for_are_accepted_and_not_too_large():
    with pytest.raises(ValidationError, match="The evidence must be a PDF or a Word document."):
        checked_upload(upload(files.image("PNG")), (PDF, DOCX), noun="evidence")
    big = files.PDF + b"\0" * (2 * 1024 * 1024)
    with pytest.raises(ValidationError, match="The file must be 2 MB or smaller."):
        checked_upload(upload(big), max_bytes=2 * 1024 * 1024)


def test_the_form_field_checks_uploads_the_same_way():
    field = PrivateFileField(kinds=(PDF,), noun="evidence")
    with pytest.raises(ValidationError, match="The evidence must be a PDF."):
        field.clean(upload(files.HTML, "evidence.pdf", "application/pdf"))
    assert field.clean(upload(files.PDF, "evidence.pdf")).name.endswith(".pdf")


def test_images_lose_their_metadata_and_keep_their_pixels():
    original = files.jpeg_with_metadata()
    assert Image.open(io.BytesIO(original)).getexif()[ExifTags.Base.Make] == "PhoneMaker"
    checked = checked_upload(upload(original, "ada-at-home-51.5N.jpg"))
    data = checked.read()
    with Image.open(io.BytesIO(data)) as image:
        assert image.format == "JPEG" and image.size == (40, 60)  # upright
        assert not image.getexif()
        assert not {"exif", "comment", "icc_profile", "xmp"} & set(image.info)
    assert b"PhoneMaker" not in data and b"at home" not in data
    # A PNG keeps its transparency; a WebP stays a WebP.
    clear = files.image("PNG", mode="RGBA", colour=(0, 0, 0, 0), pnginfo=None)
    with Image.open(checked_upload(upload(clear))) as image:
        assert image.format == "PNG" and image.getpixel((0, 0))[3] == 0
    with Image.open(checked_upload(upload(files.image("WEBP")))) as image:
        assert image.format == "WEBP"


def test_an_image_with_too_many_pixels_is_refused_before_it_is_decoded():
    # 7000 × 7000 pixels of 1 bit (49 megapixels), a few kilobytes compressed.
    huge = io.BytesIO()
    Image.new("1", (7000, 7000)).save(huge, "PNG")
    with pytest.raises(ValidationError, match="The file has too many pixels: use one of at"):
        checked_upload(upload(huge.getvalue()), IMAGES)


# Serving


def serve(file, public=False, **headers):
    return file_response(RequestFactory().get("/", headers=headers), file, public=public)


@pytest.mark.parametrize(
    ("content", "kind"),
    [
        (files.PDF, PDF),
        (files.office_file(files.WORD), DOCX),
        (files.office_file(files.EXCEL), XLSX),
        (files.office_file(files.POWERPOINT), PPTX),
    ],
    ids=["pdf", "docx", "xlsx", "pptx"],
)
def test_documents_are_downloaded_never_shown_in_the_browser(file_roots, content, kind):
    response = serve(stored(content, "kits/a.bin"))
    assert response["Content-Type"] == kind.content_type  # from the content, not the name
    assert response["Content-Disposition"] == f'attachment; filename="file.{kind.extension}"'
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Content-Security-Policy"] == "default-src 'none'; sandbox"
    assert b"".join(response.streaming_content) == content


def test_a_stored_file_of_no_known_kind_is_downloaded_as_bytes(file_roots):
    response = serve(stored(files.HTML, "kits/page.html"))
    assert response["Content-Type"] == "application/octet-stream"
    assert response["Content-Disposition"] == 'attachment; filename="file.bin"'


def test_images_are_shown_and_every_file_is_cached_privately_unless_everyone_may_read_it(
    file_roots,
):
    photo = stored(files.image("PNG"), "profiles/p.png")
    response = serve(photo)
    assert response["Content-Type"] == "image/png"
    assert response["Content-Disposition"] == 'inline; filename="file.png"'
    assert set(response["Cache-Control"].split(", ")) == {"no-cache", "private"}
    assert set(serve(photo, public=True)["Cache-Control"].split(", ")) == {"no-cache", "public"}
    again = serve(photo, if_none_match=response["ETag"])
    assert again.status_code == 304 and again["Cache-Control"] == response["Cache-Control"]


def test_only_files_in_private_storage_are_served_this_way(file_roots):
    name = default_storage.save("original_images/ward.png", ContentFile(files.image("PNG")))
    public = FieldFile(None, get_image_model()._meta.get_field("file"), name)
    with pytest.raises(ImproperlyConfigured):
        serve(public)


# The view: the owning object's read rule decides


READERS = ["anonymous", "member", "owner", "staff", "site editor"]


@pytest.fixture
def photos(db, file_roots):
    """Ada's profile photo under each visibility: everyone, signed-in members only, hidden."""
    owner = make_user("ada@example.nhs.uk")
    readers = {
        "anonymous": None,
        "member": make_user("member@example.nhs.uk"),
        "owner": owner,
        "staff": make_user("staff@example.nhs.uk", is_staff=True),
        "site editor": make_site_editor(),
    }
    profile = make_profile(owner, photo=ContentFile(files.image("JPEG"), name="ada.jpg"))
    return profile, readers


@pytest.mark.parametrize("visibility", ["everyone", "members", "private"])
def test_a_file_is_served_to_exactly_those_who_may_read_its_object(photos, client, visibility):
    profile, readers = photos
    Profile.objects.filter(pk=profile.pk).update(visibility=visibility)
    for name, reader in readers.items():
        client.logout()
        if reader is not None:
            client.force_login(reader)
        user = User.objects.get(pk=reader.pk) if reader else AnonymousUser()
        may = Profile.objects.visible_to(user).filter(pk=profile.pk).exists()
        page = client.get(profile.get_absolute_url())
        photo = client.get(f"/members/{profile.pk}/photo/")
        assert page.status_code == photo.status_code == (200 if may else 404), name
        if may:
            assert b"".join(photo.streaming_content) == profile.photo.open("rb").read()
        else:
            assert not photo.has_header("ETag") and b"\xff\xd8" not in photo.content


def test_a_hidden_or_members_only_photo_is_refused_even_to_a_cache_revalidating_it(photos, client):
    profile, readers = photos
    client.force_login(readers["member"])
    etag = client.get(f"/members/{profile.pk}/photo/")["ETag"]
    Profile.objects.filter(pk=profile.pk).update(visibility="private")
    response = client.get(f"/members/{profile.pk}/photo/", headers={"if-none-match": etag})
    assert response.status_code == 404
    client.logout()
    Profile.objects.filter(pk=profile.pk).update(visibility="members")
    response = client.get(f"/members/{profile.pk}/photo/", headers={"if-none-match": etag})
    assert response.status_code == 404
