"""lessons/v1 `related` and `applications`: imported, exported, and idempotent."""

import json

from django.db.models import Q

import pytest

from lessons.exchange.exporter import export_document
from lessons.exchange.format import VALIDATOR
from lessons.models import Application, LessonPage, LessonRelation
from tests.builders.accounts import make_user
from tests.builders.lessons import lesson
from tests.builders.network import make_profile

APPLIED = {
    "organisation_type": "community_trust",
    "setting": "district nursing",
    "region": "north_west",
    "scale": "team",
    "team_years": 40,
    "applied_on": "2026-02-01",
    "what_we_did": "Ran the huddle at 8.30 with the community matrons.",
    "result": "partly",
    "result_note": "Worked on weekdays only.",
    "result_on": "2026-05-01",
}


def links_of(slug):
    page = LessonPage.objects.get(slug=slug)
    return [(link.target.slug, link.relation) for link in page.related_links.all()]


def test_lessons_in_a_file_may_link_to_each_other_in_any_order(import_lessons):
    result = import_lessons(
        lesson(slug="later", title="Later", related=[{"slug": "earlier", "relation": "builds_on"}]),
        lesson(
            slug="earlier",
            title="Earlier",
            related=[{"slug": "later", "relation": "contrasts_with"}],
        ),
    )
    assert str(result.lessons) == "created 2, updated 0, unchanged 0"
    assert links_of("later") == [("earlier", "builds_on")]
    assert links_of("earlier") == [("later", "contrasts_with")]
    assert LessonRelation.objects.count() == 2
    # One revision each, as for a lesson without links.
    assert [p.revisions.count() for p in LessonPage.objects.order_by("slug")] == [1, 1]


def test_a_lesson_may_link_to_one_already_on_the_site(import_lessons):
    import_lessons(lesson(slug="on-the-site", title="On the site"))
    import_lessons(lesson(related=[{"slug": "on-the-site", "relation": "builds_on"}]), networks=[])
    assert links_of("discharge-huddles") == [("on-the-site", "builds_on")]


def test_links_are_exported_and_a_second_import_changes_nothing(import_lessons):
    linked = lesson(related=[{"slug": "earlier", "relation": "builds_on"}])
    earlier = lesson(slug="earlier", title="Earlier")
    import_lessons(linked, earlier)
    exported = {item["slug"]: item for item in export_document()["lessons"]}
    assert exported["discharge-huddles"] == linked
    assert "related" not in exported["earlier"]

    result = import_lessons(linked, earlier)
    assert str(result.lessons) == "created 0, updated 0, unchanged 2"

    changed = lesson(related=[{"slug": "earlier", "relation": "contrasts_with"}])
    result = import_lessons(changed, earlier)
    assert str(result.lessons) == "created 0, updated 1, unchanged 1"
    assert links_of("discharge-huddles") == [("earlier", "contrasts_with")]


def test_a_link_to_a_lesson_left_out_of_the_export_is_left_out_too(import_lessons):
    import_lessons(
        lesson(related=[{"slug": "a-draft", "relation": "builds_on"}]),
        lesson(slug="a-draft", title="A draft", status="draft"),
    )
    published_only = export_document()
    assert [item["slug"] for item in published_only["lessons"]] == ["discharge-huddles"]
    assert "related" not in published_only["lessons"][0]
    assert list(VALIDATOR.iter_errors(published_only)) == []
    everything = export_document(include_drafts=True)
    assert everything["lessons"][1]["related"] == [{"slug": "a-draft", "relation": "builds_on"}]


def test_a_draft_keeps_its_links_in_its_revision(import_lessons):
    import_lessons(
        lesson(slug="earlier", title="Earlier"),
        lesson(status="draft", related=[{"slug": "earlier", "relation": "builds_on"}]),
    )
    exported = export_document(include_drafts=True)["lessons"]
    draft = next(item for item in exported if item["slug"] == "discharge-huddles")
    assert draft["related"] == [{"slug": "earlier", "relation": "builds_on"}]
    result = import_lessons(
        lesson(slug="earlier", title="Earlier"),
        lesson(status="draft", related=[{"slug": "earlier", "relation": "builds_on"}]),
    )
    assert str(result.lessons) == "created 0, updated 0, unchanged 2"


def test_applications_are_added_once(import_lessons):
    result = import_lessons(lesson(applications=[APPLIED, APPLIED]))
    assert str(result.lessons) == "created 1, updated 0, unchanged 0"
    application = Application.objects.get()
    assert application.applier is None
    assert application.result == "partly"
    assert application.team_years == 40
    assert str(application.applied_on) == "2026-02-01"

    result = import_lessons(lesson(applications=[APPLIED]))
    assert str(result.lessons) == "created 0, updated 0, unchanged 1"
    assert Application.objects.count() == 1


def test_a_new_application_updates_the_lesson_and_keeps_the_others(import_lessons):
    import_lessons(lesson(applications=[APPLIED]))
    later = {"applied_on": "2026-03-01", "what_we_did": "Tried it in theatres."}
    result = import_lessons(lesson(applications=[later]))
    assert str(result.lessons) == "created 0, updated 1, unchanged 0"
    assert Application.objects.count() == 2
    # Only the fields written count: an entry with fewer fields is another application.
    result = import_lessons(lesson(applications=[{"applied_on": "2026-02-01"}]))
    assert Application.objects.count() == 3


def add_application(page, applier, what):
    return Application.objects.create(
        lesson=page, applier=applier, applied_on="2026-04-01", what_we_did=what
    )


def test_export_carries_applications_only_of_appliers_whose_profile_is_public(import_lessons):
    import_lessons(lesson(applications=[APPLIED]))
    page = LessonPage.objects.get()
    public = make_user("public.applier@example.nhs.uk", first_name="Pat", last_name="Public")
    make_profile(public, "everyone", display_name="Pat Public")
    members = make_user("members.applier@example.nhs.uk")
    make_profile(members, "members")
    hidden = make_user("hidden.applier@example.nhs.uk")
    make_profile(hidden, "private")
    no_profile = make_user("no.profile@example.nhs.uk")
    for applier, what in [
        (public, "Public applier"),
        (members, "Members-only applier"),
        (hidden, "Hidden applier"),
        (no_profile, "Applier without a profile"),
    ]:
        add_application(page, applier, what)

    exported = export_document()
    applications = exported["lessons"][0]["applications"]
    assert applications == [APPLIED, {"applied_on": "2026-04-01", "what_we_did": "Public applier"}]
    text = json.dumps(exported)
    for name in ["Pat", "public.applier", "members.applier", "hidden", "no.profile"]:
        assert name not in text
    assert list(VALIDATOR.iter_errors(exported)) == []


def test_exported_applications_import_into_an_empty_site_unchanged(import_lessons):
    import_lessons(lesson(applications=[APPLIED, {"applied_on": "2025-12-01"}]))
    first = export_document()
    assert [a["applied_on"] for a in first["lessons"][0]["applications"]] == [
        "2025-12-01",
        "2026-02-01",
    ]
    LessonPage.objects.get().delete()
    assert not Application.objects.exists()
    import_lessons(*first["lessons"], networks=first["networks"])
    assert export_document() == first


def test_without_related_or_applications_no_such_keys_are_written(import_lessons):
    import_lessons(lesson())
    exported = export_document()["lessons"][0]
    assert "related" not in exported and "applications" not in exported
    assert not Application.objects.filter(Q(lesson__slug="discharge-huddles")).exists()


@pytest.mark.parametrize(
    ("related", "expected"),
    [
        (
            [{"slug": "nowhere", "relation": "builds_on"}],
            'lessons[0].related[0].slug: "nowhere" is not a lesson in this file or on the site',
        ),
        (
            [
                {"slug": "other", "relation": "builds_on"},
                {"slug": "other", "relation": "builds_on"},
            ],
            'lessons[0].related[1].slug: "other" is linked more than once',
        ),
        (
            [{"slug": "other", "relation": "inspired_by"}],
            "lessons[0].related[0].relation: must be one of: builds_on, contrasts_with",
        ),
        ([{"slug": "other"}], "lessons[0].related[0].relation: is required"),
    ],
)
def test_bad_links_are_errors_before_anything_is_written(import_lessons, related, expected):
    from home.site_tree import import_lessons as import_document
    from lessons.exchange.validation import InvalidDocument
    from tests.builders.lessons import document

    doc = document(lesson(related=related), lesson(slug="other", title="Other"))
    with pytest.raises(InvalidDocument) as invalid:
        import_document(doc)
    assert expected in invalid.value.errors
    assert not LessonPage.objects.exists()
