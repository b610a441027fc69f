"""A full or read-only disk while a member saves their profile with a new photo: the rest of
the edit is kept, the photo they had stays, no empty file is left, and they are told in words.

Tests run as root, so the disk is simulated by storages that fail as the operating system does
(a full disk: the file is created, then writing to it fails; a read-only one: it cannot be
created). They stand in for the machine, not for our code: PrivateStorage's own writing runs."""

import errno

from django.core.files.base import File
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client

import pytest

from core.private_files import PrivateStorage
from network.models import Profile
from tests.builders.accounts import make_user
from tests.builders.files import image

EDIT = "/members/me/edit/"


class NoSpaceLeft(File):
    """What is being written, on a disk that fills up: the write fails as `write(2)` does."""

    def chunks(self, chunk_size=None):
        raise OSError(errno.ENOSPC, "No space left on device")
        yield b""  # a generator, as the file's own chunks are


class FullDisk(PrivateStorage):
    def _save(self, name, content):
        return super()._save(name, NoSpaceLeft(content))


class ReadOnlyDisk(PrivateStorage):
    def _save(self, name, content):
        raise OSError(errno.EROFS, "Read-only file system", self.path(name))


def form(**changes):
    return {
        "display_name": "Ada Lovelace",
        "job_role": "Knowledge manager",
        "organisation": "Westbrook NHS Trust",
        "organisation_type": "community_trust",
        "region": "london",
        "years_experience": "12",
        "specialisms": "knowledge capture",
        "training": "QSIR practitioner",
        "ask_me_about": "peer assist",
        "bio": "Ran peer assists for ten years.",
        "visibility": "members",
        **changes,
    }


def photo():
    return SimpleUploadedFile("me.png", image("PNG"), "image/png")


@pytest.fixture
def member(db, settings, tmp_path):
    settings.MEDIA_ROOT, settings.PRIVATE_MEDIA_ROOT = tmp_path / "media", tmp_path / "private"
    client = Client(raise_request_exception=False)
    client.force_login(make_user("ada@example.nhs.uk"))
    return client


@pytest.fixture
def disk(monkeypatch):
    """disk(FullDisk): the photo field writes to that disk from now on."""

    def fail_with(storage_class):
        monkeypatch.setattr(Profile._meta.get_field("photo"), "storage", storage_class())

    return fail_with


def files(settings):
    return sorted(p for p in settings.PRIVATE_MEDIA_ROOT.rglob("*") if p.is_file())


@pytest.mark.parametrize("failing", [FullDisk, ReadOnlyDisk])
def test_a_photo_the_disk_cannot_take_keeps_the_rest_of_the_edit_and_the_photo_before(
    member, disk, settings, failing
):
    assert member.post(EDIT, {**form(), "photo": photo()}).status_code == 302
    before = Profile.objects.get().photo.name
    assert before and [p.stat().st_size > 0 for p in files(settings)] == [True]

    disk(failing)
    response = member.post(
        EDIT,
        {
            **form(display_name="Ada L.", bio="Now runs the network.", training="QSIR, MfI"),
            "photo": photo(),
        },
        follow=True,
    )
    assert response.status_code == 200
    assert "Your profile has been saved, but not your new photo" in response.text
    profile = Profile.objects.get()
    assert (profile.display_name, profile.bio) == ("Ada L.", "Now runs the network.")
    assert sorted(t.name for t in profile.training.all()) == ["MfI", "QSIR"]
    assert profile.photo.name == before
    assert [p.name for p in files(settings)] == [before.split("/")[-1]]  # no empty file


def test_a_first_save_with_a_photo_on_a_full_disk_makes_the_profile_without_one(
    member, disk, settings
):
    disk(FullDisk)
    response = member.post(EDIT, {**form(), "photo": photo()}, follow=True)
    assert response.status_code == 200
    assert "Try adding the photo again later" in response.text
    profile = Profile.objects.get()
    assert profile.display_name == "Ada Lovelace" and not profile.photo
    assert files(settings) == []


def test_a_save_that_leaves_the_photo_alone_does_not_touch_the_disk(member, disk):
    disk(FullDisk)
    response = member.post(EDIT, form(), follow=True)
    assert "Your profile has been saved." in response.text
    assert "not your new photo" not in response.text
