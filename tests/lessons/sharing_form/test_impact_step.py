"""The impact step of the guided form: asked of case studies, offered to other kinds; what it
keeps, what it refuses (naming the field), and how the lesson page shows it."""

from decimal import Decimal

from wagtail.test.utils.form_data import streamfield

from lessons.models import LessonPage
from tests.builders.lessons import editor_form
from tests.builders.pages import errors_in
from tests.builders.sharing import latest, shared, step, url

ANSWERS = {
    "impact_beneficiaries": ["patients", "clinical_teams"],
    "impact_types": ["time_saved", "decision_making"],
    "impact_hours_saved": "1,250.5",
    "impact_money_saved_gbp": "£4000",
    "impact_decisions_informed": "12",
    "impact_outcome": "Twelve ward decisions used the summaries.",
    "impact_vignette": "A librarian at the huddle gave the ward back 1,250 hours.",
    "impact_quote": "We stopped searching and started deciding.",
    "impact_quote_speaker": "Ward sister, Royal Devon",
    "source-count": "1",
    "source-1-title": "Quarterly audit",
    "source-1-url": "https://example.org/audit",
}


def test_a_case_study_is_asked_for_its_impact_and_other_kinds_are_offered_it(champion, client):
    case_study = shared(champion, kind="case_study", title="Evidence at the huddle")
    lesson = shared(champion, title="Huddles that stuck")
    assert "What impact did it have?" in client.get(step(case_study, "impact")).content.decode()
    offered = client.get(step(lesson, "impact")).content.decode()
    assert "Did it have an impact you can show? (optional)" in offered
    check = client.get(url("share_check", case_study)).content.decode()
    assert "Say what impact the case study had" in check
    assert "Say what impact the case study had" not in (
        client.get(url("share_check", lesson)).content.decode()
    )


def test_the_impact_step_keeps_every_answer(champion, client):
    lesson = shared(champion, kind="case_study")
    response = client.post(step(lesson, "impact"), ANSWERS)
    assert response.status_code == 302, errors_in(response)
    draft = latest(lesson)
    assert draft.impact_beneficiaries == ["patients", "clinical_teams"]
    assert draft.impact_types == ["time_saved", "decision_making"]
    assert draft.impact_hours_saved == Decimal("1250.5")
    assert draft.impact_money_saved_gbp == Decimal("4000")
    assert draft.impact_decisions_informed == 12
    assert draft.impact_quote_speaker == "Ward sister, Royal Devon"
    assert [b.value["url"] for b in draft.impact_corroboration] == ["https://example.org/audit"]
    page = client.get(step(lesson, "impact")).content.decode()
    assert 'value="1250.5"' in page
    check = client.get(url("share_check", lesson)).content.decode()
    assert "1,250.5" in check and "£4,000" in check


def test_bad_figures_and_a_quote_without_its_speaker_are_refused_by_name(champion, client):
    lesson = shared(champion, kind="case_study")
    response = client.post(
        step(lesson, "impact"),
        {
            **ANSWERS,
            "impact_hours_saved": "-3",
            "impact_money_saved_gbp": "12.345",
            "impact_decisions_informed": "many",
            "impact_quote_speaker": "",
            "impact_beneficiaries": ["everyone"],
        },
    )
    assert response.status_code == 400
    errors = errors_in(response)
    assert (
        "Hours of staff time saved must be a number from 0 to 1,000,000, "
        "with at most two decimal places"
    ) in errors
    assert any(e.startswith("Money saved (£) must be a number") for e in errors)
    assert any(e.startswith("Decisions informed must be a whole number") for e in errors)
    assert "Enter who said the quote" in errors
    assert "Who benefited?: choose from the list" in errors
    assert latest(lesson).impact_hours_saved is None


def test_the_lesson_page_shows_its_impact(champion, client, world):
    lesson = shared(champion, kind="case_study")
    client.post(step(lesson, "impact"), ANSWERS)
    draft = latest(lesson)
    draft.save_revision().publish()
    html = client.get(LessonPage.objects.get(pk=lesson.pk).url).content.decode()
    for words in (
        "1,250.5",
        "£4,000",
        "Patients, Clinical teams",
        "Time saved, Decision making",
        "We stopped searching and started deciding.",
        "Quarterly audit",
        "A librarian at the huddle gave the ward back 1,250 hours.",
    ):
        assert words in html, words


def test_the_editor_writes_impact_with_a_checkbox_for_each_code(world, client):
    client.force_login(world["editor"])
    index = LessonPage.objects.first().get_parent()
    form = editor_form(
        kind="case_study",
        impact_hours_saved="7.25",
        impact_corroboration=streamfield(
            [("link", {"title": "Board paper", "url": "https://example.org/board"})]
        ),
    )
    form.update(impact_types=["patient_safety"], impact_beneficiaries=["board"])
    page = client.get(f"/admin/pages/add/lessons/lessonpage/{index.pk}/").content.decode()
    assert 'name="impact_types" value="patient_safety"' in page
    response = client.post(
        f"/admin/pages/add/lessons/lessonpage/{index.pk}/",
        {**form, "action-publish": "publish"},
    )
    assert response.status_code == 302, response.content.decode()[-2000:]
    written = LessonPage.objects.get(slug=form["slug"])
    assert written.impact_types == ["patient_safety"]
    assert written.impact_hours_saved == Decimal("7.25")
