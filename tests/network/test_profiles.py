"""Member profiles: who sees them, in every place they appear, and editing your own."""

import io
import re
import struct
import zlib
from pathlib import Path

from django.core import mail
from django.core.files.uploadedfile import SimpleUploadedFile

import pytest
from PIL import ExifTags, Image

from lessons.models import LessonPage
from network.models import Profile
from tests.builders.accounts import PASSWORD, make_user
from tests.builders.lessons import lesson
from tests.builders.network import make_profile

NAMES = {"everyone": "Ada Everyone", "members": "Mo Membersonly", "private": "Pat Private"}


@pytest.fixture
def people(import_lessons, member_of):
    """Three members of the South West network, one for each profile visibility, each the
    author of a lesson."""
    import_lessons(*[lesson(slug=f"lesson-by-{v}", title=f"Lesson by {v}") for v in NAMES])
    profiles = {}
    for visibility, name in NAMES.items():
        user = member_of("south-west-km", email=f"{visibility}@example.nhs.uk")
        profiles[visibility] = make_profile(
            user,
            visibility,
            display_name=name,
            job_role="Clinical librarian",
            organisation_type="acute_trust",
            region="south_west",
        )
        profiles[visibility].specialisms.set(["literature searching", visibility])
        profiles[visibility].save()
        LessonPage.objects.filter(slug=f"lesson-by-{visibility}").update(owner=user)
    return profiles


def viewer(client, kind, people):
    if kind == "member-of-network":
        client.force_login(people["everyone"].user)
    elif kind == "signed-in":
        client.force_login(make_user("someone@example.nhs.uk"))
    elif kind == "owner":
        client.force_login(people["private"].user)
    return client


# Who may see each profile: anonymous readers see public ones, anyone signed in also sees
# members-only ones, and only the owner sees a private one.
EXPECTED = {
    "anonymous": {"everyone"},
    "signed-in": {"everyone", "members"},
    "member-of-network": {"everyone", "members"},
    "owner": {"everyone", "members", "private"},
}


def places(people):
    return {
        "directory": "/members/",
        "directory search": "/members/?q=librarian",
        "directory filter": "/members/?specialism=literature+searching",
        "network members": "/networks/south-west-km/",
    }


@pytest.mark.parametrize("kind", EXPECTED)
def test_profiles_appear_only_to_those_allowed(people, client, kind):
    client = viewer(client, kind, people)
    for place, url in places(people).items():
        html = client.get(url).content.decode()
        for visibility, name in NAMES.items():
            shown = name in html
            if place == "network members" and kind in ("anonymous", "signed-in"):
                assert not shown, (place, name)  # the member list is for the network's members
            elif place == "network members" and kind == "owner":
                assert shown == (visibility in EXPECTED[kind]), (place, name)
            else:
                assert shown == (visibility in EXPECTED[kind]), (place, name)
    for visibility, profile in people.items():
        status = client.get(f"/members/{profile.pk}/").status_code
        assert (status == 200) == (visibility in EXPECTED[kind]), visibility
        page = client.get(f"/lessons/lesson-by-{visibility}/").content.decode()
        assert (f'Shared by <a href="/members/{profile.pk}/"' in page) == (
            visibility in EXPECTED[kind]
        ), visibility


def test_the_profile_page_lists_lessons_and_networks(people, client):
    html = client.get(f"/members/{people['everyone'].pk}/").content.decode()
    assert "Lesson by everyone" in html
    assert "Lesson by members" not in html
    assert "South West KM Network" in html


def test_directory_filters(people, client, member_of):
    client.force_login(people["private"].user)
    other = make_profile(
        make_user("north@example.nhs.uk"),
        display_name="Nel North",
        organisation_type="mental_health_trust",
        region="north_west",
    )
    other.training.set(["QSIR practitioner"])
    other.save()
    member_of("board-leads", email="north@example.nhs.uk")
    cases = {
        "?organisation_type=mental_health_trust": {"Nel North"},
        "?region=south_west": set(NAMES.values()),
        "?training=qsir+practitioner": {"Nel North"},
        "?network=south-west-km": set(NAMES.values()),
        "?specialism=members": {"Mo Membersonly"},
        "?q=nel": {"Nel North"},
        "?q=librarian&region=south_west&specialism=private": {"Pat Private"},
    }
    everyone = set(NAMES.values()) | {"Nel North"}
    for query, names in cases.items():
        html = client.get("/members/" + query).content.decode()
        assert {name for name in everyone if name in html} == names, query
    html = client.get("/members/?q=nobody-like-this").content.decode()
    assert "Nobody matches" in html


def test_directory_paginates(db, client):
    for n in range(25):
        make_profile(make_user(f"p{n:02}@example.nhs.uk"), display_name=f"Person {n:02}")
    first = client.get("/members/").content.decode()
    assert "Person 00" in first and "Person 20" not in first
    assert "Page 2 of 2" in first
    assert "Person 24" in client.get("/members/?page=2").content.decode()


def test_empty_directory(db, client):
    assert "Nobody has shared a profile yet." in client.get("/members/").content.decode()


def test_a_new_member_confirms_their_email_and_lands_on_the_profile_form(db, client):
    client.post(
        "/accounts/signup/",
        {"email": "new@example.nhs.uk", "password1": PASSWORD, "password2": PASSWORD},
    )
    link = re.search(r"http://testserver(/accounts/confirm-email/\S+)", mail.outbox[0].body)
    response = client.post(link.group(1), follow=True)
    assert response.redirect_chain[-1][0] == "/members/me/edit/"
    assert 'name="display_name"' in response.content.decode()
    assert response.context["user"].email == "new@example.nhs.uk"


def test_a_returning_member_who_signs_in_is_not_sent_to_the_profile_form(db, client):
    make_user("ada@example.nhs.uk")
    response = client.post(
        "/accounts/login/", {"login": "ada@example.nhs.uk", "password": PASSWORD}
    )
    assert response.url == "/"


def profile_form(**changes):
    data = {
        "display_name": "Ada Lovelace",
        "job_role": "Knowledge manager",
        "organisation": "Westbrook NHS Trust",
        "organisation_type": "community_trust",
        "region": "london",
        "years_experience": "12",
        "specialisms": "knowledge capture",
        "training": "QSIR practitioner",
        "ask_me_about": "peer assist, after action review",
        "bio": "Ran peer assists for ten years.",
        "visibility": "members",
    }
    data.update(changes)
    return data


def test_members_complete_and_edit_their_own_profile(db, client):
    user = make_user("ada@example.nhs.uk")
    assert client.get("/members/me/edit/").status_code == 302  # signed-in only
    client.force_login(user)
    assert "Complete your profile" in client.get("/members/me/edit/").content.decode()
    response = client.post("/members/me/edit/", profile_form())
    profile = Profile.objects.get(user=user)
    assert response.status_code == 302 and response.url == f"/members/{profile.pk}/"
    assert sorted(t.name for t in profile.ask_me_about.all()) == [
        "after action review",
        "peer assist",
    ]
    client.post("/members/me/edit/", profile_form(display_name="Ada L."))
    profile.refresh_from_db()
    assert profile.display_name == "Ada L." and Profile.objects.count() == 1


def test_profile_errors_keep_what_was_typed(db, client):
    client.force_login(make_user("ada@example.nhs.uk"))
    response = client.post("/members/me/edit/", profile_form(years_experience="99"))
    html = response.content.decode()
    assert response.status_code == 200
    assert "There is a problem" in html
    assert "Years of experience in this kind of work must be a whole number from 0 to 60" in html
    assert 'value="Westbrook NHS Trust"' in html
    assert not Profile.objects.exists()


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


# Members-only networks keep their member lists to themselves, on every path.


@pytest.fixture
def board_member(people, member_of):
    """Someone with a public profile in the members-only Board Evidence Leads network only."""
    user = member_of("board-leads", email="bea@example.nhs.uk")
    return make_profile(user, "everyone", display_name="Bea Boardmember")


@pytest.mark.parametrize("kind", ["anonymous", "signed-in", "member-of-network"])
def test_the_directory_never_lists_a_members_only_networks_members_to_outsiders(
    people, board_member, client, kind
):
    client = viewer(client, kind, people)
    html = client.get("/members/?network=board-leads").content.decode()
    assert "Select a valid choice" in html
    assert "Board Evidence Leads" not in html  # not even offered as a filter
    # Bea is still in the directory (her profile is public), just not picked out by network.
    assert "Ada Everyone" in html
    html = client.get("/members/?network=no-such-network").content.decode()
    assert "Select a valid choice" in html


def test_a_members_only_networks_members_may_filter_by_it(people, board_member, client):
    client.force_login(board_member.user)
    html = client.get("/members/?network=board-leads").content.decode()
    assert "Bea Boardmember" in html and "Ada Everyone" not in html
    assert '<option value="board-leads" selected>Board Evidence Leads</option>' in html


@pytest.mark.parametrize(
    ("kind", "shown"),
    [("anonymous", False), ("signed-in", False), ("board member", True), ("owner", True)],
)
def test_a_profile_lists_only_the_networks_shared_with_the_reader(
    people, board_member, client, member_of, kind, shown
):
    member_of("south-west-km", email="bea@example.nhs.uk")
    if kind == "signed-in":
        client.force_login(make_user("someone@example.nhs.uk"))
    elif kind == "board member":
        client.force_login(member_of("board-leads", email="other@example.nhs.uk"))
    elif kind == "owner":
        client.force_login(board_member.user)
    html = client.get(f"/members/{board_member.pk}/").content.decode()
    assert "South West KM Network" in html
    assert ("Board Evidence Leads" in html) == shown
