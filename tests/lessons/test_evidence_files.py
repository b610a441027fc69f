"""Evidence files: one rule for who may open them (may read the lesson, wrote it, or may
review it), the same for a queryset and one file, and what the private-file view serves by
URL to each kind of person for each state of the lesson; their authors upload them."""

from django.contrib.auth.models import AnonymousUser
from django.core.files.base import ContentFile
from django.test import TestCase, override_settings
from django.urls import reverse

import pytest

from lessons.models import CoAuthor, EvidenceFile, LessonPage
from tests.builders.files import PDF
from tests.builders.lessons import lesson
from tests.builders.module_data import afresh
from tests.builders.network import make_member
from tests.builders.pages import errors_in
from tests.builders.sharing import approve, in_review, people, shared

KINDS = (
    "anonymous",
    "member",
    "non_member",
    "author",
    "co_author",
    "reviewer",
    "other_facilitator",
)
AUTHORS = {"author", "co_author"}
MAY_OPEN = {
    "draft": AUTHORS,
    "in_review": AUTHORS | {"reviewer"},
    "published_public": set(KINDS),
    "published_members_only": AUTHORS | {"member", "reviewer"},
    "unpublished": AUTHORS,
}


@pytest.fixture(scope="module")
def built(module_lessons, tmp_path_factory):
    """Built once for the module: what a test writes is undone after it (module_db)."""
    with override_settings(PRIVATE_MEDIA_ROOT=tmp_path_factory.mktemp("private")):
        yield _build(module_lessons)


@pytest.fixture
def world(built):
    """The people and files read afresh for each test, so nothing one test's checks kept on
    them (a permission cache) reaches the next."""
    return {"people": afresh(built["people"]), "files": afresh(built["files"])}


def _build(module_lessons):
    module_lessons(lesson())
    found = people()
    everyone = {
        "anonymous": AnonymousUser(),
        "member": found["member"],
        "non_member": found["non_member"],
        "author": found["champion"],
        "co_author": make_member("south-west-km", "co-author@example.nhs.uk"),
        "reviewer": found["facilitator"],
        "other_facilitator": found["other_facilitator"],
    }
    champion = found["champion"]
    capture = TestCase.captureOnCommitCallbacks  # as django_capture_on_commit_callbacks

    def published(title, **fields):
        return approve(in_review(champion, capture, title=title, **fields), found["editor"])

    unpublished = published("Huddles taken down")
    unpublished.unpublish()
    lessons = {
        "draft": shared(champion, title="Huddles not yet sent"),
        "in_review": in_review(champion, capture, title="Huddles in review"),
        "published_public": published("Huddles for everyone"),
        "published_members_only": published("Huddles for members", visibility="members"),
        "unpublished": LessonPage.objects.get(pk=unpublished.pk),
    }
    files = {}
    for state, page in lessons.items():
        CoAuthor.objects.create(lesson=page, user=everyone["co_author"])
        evidence = EvidenceFile(lesson=page, title=f"Huddle log ({state})")
        evidence.file.save("log.pdf", ContentFile(PDF), save=True)
        files[state] = evidence
    return {"people": everyone, "files": files}


def file_url(evidence):
    return reverse("lessons:evidence_file", args=[evidence.pk])


@pytest.mark.parametrize("kind", KINDS)
def test_each_kind_of_person_opens_exactly_the_files_the_rule_gives_them(client, world, kind):
    person = world["people"][kind]
    if kind != "anonymous":
        client.force_login(person)
    openable = set(EvidenceFile.objects.openable_by(person).values_list("pk", flat=True))
    for state, evidence in world["files"].items():
        expected = kind in MAY_OPEN[state]
        assert (evidence.pk in openable) is expected, state
        assert evidence.is_openable_by(person) is expected, state
        response = client.get(file_url(evidence))
        assert response.status_code == (200 if expected else 404), state
        if expected:
            assert response["Content-Type"] == "application/pdf"
            assert b"".join(response.streaming_content) == PDF
            public = state == "published_public"
            assert ("public" if public else "private") in response["Cache-Control"]


def test_authors_upload_a_file_and_readers_find_it_on_the_lesson(client, world):
    client.force_login(world["people"]["co_author"])
    page = LessonPage.objects.get(title="Huddles for everyone")
    url = reverse("lessons:share_files", args=[page.pk])
    response = client.post(url, {"title": "Poster", "file": ContentFile(b"not a pdf", "x.pdf")})
    assert response.status_code == 400
    assert "The evidence file must be" in errors_in(response)[0]
    response = client.post(url, {"title": "Poster", "file": ContentFile(PDF, "poster.pdf")})
    assert response.status_code == 302
    poster = EvidenceFile.objects.get(title="Poster")
    client.logout()
    html = client.get(page.url).content.decode()
    assert f'href="{file_url(poster)}">Poster</a>' in html


def test_a_file_over_the_size_limit_is_refused_in_words(client, world, settings):
    settings.LESSON_EVIDENCE_MAX_BYTES = 1024 * 1024
    client.force_login(world["people"]["author"])
    page = LessonPage.objects.get(title="Huddles not yet sent")
    big = ContentFile(PDF + b"0" * (1024 * 1024), "big.pdf")
    response = client.post(
        reverse("lessons:share_files", args=[page.pk]), {"title": "Big", "file": big}
    )
    assert response.status_code == 400
    assert errors_in(response) == ["The evidence file must be 1 MB or smaller."]


@pytest.mark.parametrize("kind", ["member", "reviewer", "non_member"])
def test_only_authors_add_files(client, world, kind):
    client.force_login(world["people"][kind])
    page = LessonPage.objects.get(title="Huddles for everyone")
    assert client.get(reverse("lessons:share_files", args=[page.pk])).status_code == 404
