"""The steps of the guided form at /lessons/share/: starting saves an unpublished lesson, every
step saves a draft revision and resumes from it, and what each step asks and keeps."""

import pytest

from lessons.models import LessonPage
from lessons.moderation.workflow import Status, status_of
from network.models import NetworkPage
from tests.builders.lessons import lesson
from tests.builders.pages import errors_in
from tests.builders.sharing import latest, shared, step, url


def test_starting_creates_an_unpublished_lesson_owned_by_the_champion(champion, client):
    response = client.post(
        "/lessons/share/",
        {"kind": "after_action_review", "title": "Ward huddles", "summary": "What we learned."},
    )
    lesson = LessonPage.objects.get(title="Ward huddles")
    assert response["Location"] == step(lesson, "story")
    assert lesson.owner == champion
    assert not lesson.live
    assert lesson.slug == "ward-huddles"
    assert lesson.get_parent().specific_class.__name__ == "LessonIndexPage"
    assert lesson.revisions.count() == 1
    assert status_of(lesson) == (Status.DRAFT, "")
    # The story step asks the kind's own questions.
    html = client.get(response["Location"]).content.decode()
    assert "What was meant to happen?" in html
    assert "What we set out to do" not in html


def test_each_step_saves_a_new_revision_and_resumes_from_it(champion, client):
    lesson = shared(champion)
    revisions = lesson.revisions.count()
    response = client.post(
        step(lesson, "story"),
        {"intended": "Discharge before noon.", "recommendations": "Start small.\nKeep it short."},
    )
    assert response["Location"] == step(lesson, "context")
    assert lesson.revisions.count() == revisions + 1
    draft = latest(lesson)
    assert draft.intended == "Discharge before noon."
    assert [block.value for block in draft.recommendations] == ["Start small.", "Keep it short."]
    # Coming back shows what was saved.
    assert "Discharge before noon." in client.get(step(lesson, "story")).content.decode()


def test_save_and_check_your_answers_goes_to_the_check_page(champion, client):
    lesson = shared(champion)
    response = client.post(step(lesson, "story"), {"intended": "x", "then": "check"})
    assert response["Location"] == url("share_check", lesson)
    response = client.post(step(lesson, "story") + "?from=check", {"intended": "y"})
    assert response["Location"] == url("share_check", lesson)


def test_the_page_row_of_a_never_published_lesson_keeps_in_step(champion, world, client):
    """Reviewers are chosen by the lesson's network, and the admin lists it by title."""
    lesson = shared(champion)
    client.post(step(lesson, "network"), {"network": "site", "visibility": "public"})
    client.post(
        step(lesson, "about"), {"kind": "lesson", "title": "Share", "summary": "A summary."}
    )
    row = LessonPage.objects.get(pk=lesson.pk)
    assert row.network is None
    assert row.title == "Share"
    assert row.slug == "share-lesson"  # /lessons/share/ is the form


def test_the_slug_share_is_kept_for_the_form(world):
    from django.core.exceptions import ValidationError

    page = LessonPage.objects.get(slug="discharge-huddles")
    page.slug = "share"
    with pytest.raises(ValidationError) as error:
        page.full_clean()
    assert "slug" in error.value.message_dict


def test_a_factor_with_its_whys_root_cause_and_actions(champion, client):
    lesson = shared(champion, factor=False)
    response = client.get(url("share_factor", lesson, "new"))
    html = response.content.decode()
    assert 'name="why-3-text"' in html and 'name="why-4-text"' not in html
    assert "See an example of a good chain of whys" in html
    response = client.post(
        url("share_factor", lesson, "new"),
        {
            "type": "success_factor",
            "statement": "Effective communication",
            "why-count": "4",
            "why-1-text": "Everyone heard the same plan",
            "why-2-text": "",
            "why-3-text": "The huddle was at 9am daily",
            "why-4-text": "The ward sister protected the slot",
            "root_cause": "A fixed time made it a habit.",
            "action-count": "2",
            "action-1-text": "Booked 9am in every rota",
            "action-2-text": "",
        },
    )
    assert response["Location"] == step(lesson, "factors")
    (block,) = latest(lesson).factors
    assert block.value["statement"] == "Effective communication"
    assert list(block.value["whys"]) == [
        "Everyone heard the same plan",
        "The huddle was at 9am daily",
        "The ward sister protected the slot",
    ]
    assert list(block.value["actions"]) == ["Booked 9am in every rota"]

    # Changing it keeps its place; removing it leaves none.
    change = url("share_factor", lesson, block.id)
    assert "Effective communication" in client.get(change).content.decode()
    client.post(
        change,
        {
            "type": "barrier",
            "statement": "Communication",
            "why-count": "1",
            "why-1-text": "x",
            "action-count": "1",
        },
    )
    (changed,) = latest(lesson).factors
    assert (changed.id, changed.value["type"]) == (block.id, "barrier")
    client.post(step(lesson, "factors"), {"remove": block.id})
    assert not latest(lesson).factors


def test_maturity_outcome_then_its_level_with_descriptors(champion, client):
    lesson = shared(champion)
    response = client.post(step(lesson, "maturity"), {"outcome": "qiof-2"})
    assert response["Location"] == url("share_level", lesson, "qiof-2")
    html = client.get(response["Location"]).content.decode()
    assert "Level 2" in html
    assert "nhsuk-radios__hint" in html  # each level's descriptor under its choice
    client.post(response["Location"], {"level": "2"})
    (link,) = latest(lesson).maturity_links.all()
    assert (link.dimension.code, link.level) == ("qiof-2", 2)
    # The outcome and level are named one way on the step and the check page.
    for page in (step(lesson, "maturity"), url("share_check", lesson)):
        html = client.get(page).content.decode()
        assert "QIOF Outcome 2 · level 2: delivering to teams" in html
        assert "Quality and Improvement Outcomes, Outcome 2" not in html
    client.post(url("share_level", lesson, "qiof-1"), {"level": "1"})
    links = latest(lesson).maturity_links.all()
    assert [(x.dimension.code, x.sort_order) for x in links] == [("qiof-2", 0), ("qiof-1", 1)]
    client.post(step(lesson, "maturity"), {"remove": str(link.dimension_id)})
    assert [(x.dimension.code, x.sort_order) for x in latest(lesson).maturity_links.all()] == [
        ("qiof-1", 0)
    ]


def test_themes_are_suggested_from_lessons_the_member_may_read(champion, client, import_lessons):
    import_lessons(
        lesson(
            slug="secret",
            title="Secret",
            visibility="members",
            network="board-leads",
            themes=["board secrets"],
        )
    )
    lesson_ = shared(champion)
    html = client.get(step(lesson_, "themes")).content.decode()
    assert 'value="huddles"' in html
    assert "board secrets" not in html
    client.post(step(lesson_, "themes"), {"chosen": ["huddles"], "others": "flow,  new  idea"})
    assert sorted(tag.name for tag in latest(lesson_).themes.all()) == [
        "flow",
        "huddles",
        "new idea",
    ]


def test_network_choices_are_the_members_own_networks_and_the_whole_site(champion, client):
    lesson = shared(champion)
    html = client.get(step(lesson, "network")).content.decode()
    assert "South West KM Network" in html
    assert "Board Evidence Leads" not in html
    board = NetworkPage.objects.get(slug="board-leads")
    response = client.post(step(lesson, "network"), {"network": board.pk, "visibility": "public"})
    assert response.status_code == 400
    assert errors_in(response) == [
        "Who should review and host your lesson?: Select a network you belong to, or the whole site"
    ]


def test_evidence_links_are_http_or_https_only(champion, client):
    lesson = shared(champion)
    response = client.post(
        step(lesson, "evidence"),
        {"link-count": "1", "link-1-title": "Report", "link-1-url": "https://example.org/r"},
    )
    assert response.status_code == 302
    (link,) = latest(lesson).evidence
    assert dict(link.value) == {"title": "Report", "url": "https://example.org/r"}


def test_no_radio_is_chosen_for_the_champion_on_a_new_lesson_or_factor(champion, client):
    html = client.get("/lessons/share/").content.decode()
    assert 'value="lesson" checked' not in html and " checked" not in html
    response = client.post("/lessons/share/", {"title": "Quick win", "summary": "Short."})
    assert "Select what kind of lesson it is" in response.content.decode()
    lesson = shared(champion, factor=False)
    html = client.get(url("share_factor", lesson, "new")).content.decode()
    assert 'value="success_factor" checked' not in html and " checked" not in html
