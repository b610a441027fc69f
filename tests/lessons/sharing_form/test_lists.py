"""Lists in the guided form (team members, whys): add another and remove, without JavaScript."""

from lessons.models import LessonPage
from tests.builders.sharing import latest, shared, step, url


def test_add_another_team_member_shows_the_page_again_as_typed_without_saving(champion, client):
    lesson = shared(champion)
    revisions = lesson.revisions.count()
    response = client.post(
        step(lesson, "team"),
        {
            "member-count": "1",
            "member-1-role": "Ward sister",
            "member-1-years_experience": "18",
            "add-member": "1",
        },
    )
    html = response.content.decode()
    assert response.status_code == 200
    assert 'value="Ward sister"' in html
    assert 'name="member-2-role"' in html
    assert 'name="member-count" value="2"' in html
    assert "There is a problem" not in html
    assert lesson.revisions.count() == revisions


def test_remove_takes_out_that_member_and_keeps_the_others(champion, client):
    lesson = shared(champion)
    response = client.post(
        step(lesson, "team"),
        {
            "member-count": "3",
            "member-1-role": "Ward sister",
            "member-2-role": "Pharmacist",
            "member-3-role": "Clinical librarian",
            "member-3-years_experience": "9",
            "remove-member": "2",
        },
    )
    html = response.content.decode()
    assert "Pharmacist" not in html
    assert 'name="member-2-role"' in html and 'value="Clinical librarian"' in html
    assert 'name="member-2-years_experience"' in html and 'value="9"' in html
    assert 'name="member-3-role"' not in html


def test_the_team_is_saved_with_blank_members_left_out(champion, client):
    lesson = shared(champion)
    response = client.post(
        step(lesson, "team"),
        {
            "member-count": "3",
            "member-1-role": "Ward sister",
            "member-1-years_experience": "18",
            "member-1-specialisms": "infection prevention and control\n\ntissue viability",
            "member-1-training": "measurement for improvement",
            "member-3-role": "Clinical librarian",
            "member-3-years_experience": "9",
        },
    )
    assert response.status_code == 302
    team = list(latest(lesson).team_members.all())
    assert [(m.role, m.years_experience) for m in team] == [
        ("Ward sister", 18),
        ("Clinical librarian", 9),
    ]
    assert team[0].specialism_list == ["infection prevention and control", "tissue viability"]
    row = LessonPage.objects.get(pk=lesson.pk)
    assert (row.team_size, row.team_years) == (2, 27)


def test_a_chain_stops_at_seven_whys(champion, client):
    lesson = shared(champion, factor=False)
    data = {"type": "barrier", "statement": "S", "why-count": "7", "add-why": "1"}
    html = client.post(url("share_factor", lesson, "new"), data).content.decode()
    assert 'name="why-7-text"' in html and 'name="why-8-text"' not in html
    assert '<p hidden><button class="nhsuk-button nhsuk-button--secondary" type="submit" ' in html
