"""Lessons from contexts like mine: the ranking on a set where the right answer is clear."""

import pytest

from lessons.similarity import Context, similar_lessons
from maturity.models import Dimension
from tests.builders.accounts import make_user
from tests.builders.network import make_profile


def ranked(user, **context):
    return [item.lesson.slug for item in similar_lessons(user, Context(**context))]


def test_the_closest_context_comes_first(library, django_user_model):
    user = make_user("reader@example.nhs.uk")
    outcome_2 = Dimension.objects.get(code="qiof-2")
    # An acute trust, a department, 20 years in the team, at level 1 on Outcome 2.
    order = ranked(
        user,
        organisation_type="acute_trust",
        scale="department",
        years_experience=20,
        dimension=outcome_2,
        level=1,
    )
    assert order[0] == "huddle-briefings"  # same type, same scale, one level ahead, 18 years
    assert order.index("board-evidence") < order.index("community-cafe")
    assert "secret-board" not in order and "draft-huddles" not in order


def test_reasons_are_in_plain_words_and_scores_run_from_0_to_1(library):
    user = make_user("reader@example.nhs.uk")
    found = similar_lessons(
        user,
        Context(
            organisation_type="acute_trust",
            years_experience=20,
            training="QSIR",
            dimension=Dimension.objects.get(code="qiof-2"),
            level=1,
            region="south_west",
        ),
    )
    best = found[0]
    assert best.lesson.slug == "huddle-briefings"
    assert best.why == [
        "same organisation type: Acute trust",
        "one level ahead: QIOF Outcome 2 · level 2: delivering to teams",
        "a team of similar experience: 20 vs 18 years",
        "the team had similar training: QSIR practitioner",
        "same region: South West",
    ]
    # Alike in everything but 2 years of experience, and not yet applied anywhere (0.15 of the
    # weight: tests/search/test_applied.py).
    assert best.score > 0.8
    assert all(0 <= item.score <= 1 for item in found)
    assert found[-1].score < best.score


def test_nothing_given_ranks_by_date_with_no_reasons(library):
    found = similar_lessons(make_user("reader@example.nhs.uk"), Context())
    assert found and all(item.why == [] and item.score == 0 for item in found)


def test_words_narrow_the_candidates(library):
    assert ranked(make_user("r@example.nhs.uk"), q="cafe", organisation_type="acute_trust") == [
        "community-cafe"
    ]


def api(client, query):
    return client.get(f"/api/lessons/similar/?{query}")


def test_the_similar_api(library, client, settings):
    body = api(client, "organisation_type=community_trust&limit=2").json()
    assert len(body["results"]) == 2
    top = body["results"][0]
    assert set(top) == {"slug", "title", "url", "score", "why"}
    assert top["slug"] == "community-cafe" and top["why"] == [
        "same organisation type: Community trust"
    ]
    assert top["url"] == f"{settings.SITE_URL}/lessons/community-cafe/"  # not the request's host
    assert len(api(client, "").json()["results"]) == 3  # every parameter is optional


@pytest.mark.parametrize(
    ("query", "param", "message"),
    [
        ("organisation_type=hospital", "organisation_type", "Select a valid choice."),
        ("region=wales", "region", "Select a valid choice."),
        ("scale=ward", "scale", "Select a valid choice."),
        ("dimension=qiof-99&level=1", "dimension", "That is not a known dimension code."),
        ("dimension=qiof-2&level=two", "level", "The level must be a whole number from 0 to 4."),
        ("dimension=qiof-2&level=5", "level", "The level must be a whole number from 0 to 4."),
        ("level=2", "dimension", "Choose the outcome your level is on."),
        ("limit=51", "limit", "The limit must be a whole number from 1 to 50"),
        ("limit=0", "limit", "The limit must be a whole number from 1 to 50"),
        ("team_size=lots", "team_size", "People in your team must be a whole number from 1 to 500"),
        ("dimension=qiof-2&level=%C2%B2", "level", "The level must be a whole number from 0 to 4."),
        ("limit=%C2%B2", "limit", "The limit must be a whole number from 1 to 50"),
        ("limit=99999999999999999999999", "limit", "The limit must be a whole number from 1 to 50"),
        ("setting=wards%00", "setting", "holds a NUL character"),
        (
            "years_experience=-3",
            "years_experience",
            "Years of experience in the team must be a whole number from 0 to 600",
        ),
        (
            "years_experience=601",
            "years_experience",
            "Years of experience in the team must be a whole number from 0 to 600",
        ),
    ],
)
def test_bad_parameters_get_400_with_field_errors(library, client, query, param, message):
    response = api(client, query)
    assert response.status_code == 400
    errors = response.json()["errors"]
    assert param in errors and any(message in m for m in errors[param]), errors


def test_the_form_starts_from_the_members_profile(library, client):
    user = make_user("reader@example.nhs.uk")
    profile = make_profile(
        user, organisation_type="community_trust", region="north_west", years_experience=12
    )
    profile.training.set(["QSIR practitioner"])
    profile.save()
    client.force_login(user)
    html = client.get("/search/similar/").content.decode()
    assert '<option value="community_trust" selected>' in html
    assert 'value="12"' in html and 'value="QSIR practitioner"' in html
    results = client.get("/search/similar/?organisation_type=community_trust").content.decode()
    assert "A knowledge cafe for community nurses" in results
    assert "Same organisation type: Community trust" in results


def test_every_lesson_page_shows_similar_contexts(library, client):
    html = client.get("/lessons/huddle-briefings/").content.decode()
    section = html.split("Lessons from similar contexts")[1]
    assert "Evidence for the board" in section
    assert "Secret board" not in section and "Draft huddle" not in section


def test_each_reason_comes_from_the_closeness_the_ranking_used(library):
    from lessons.similarity import CRITERIA

    context = Context(
        organisation_type="acute_trust",
        scale="department",
        years_experience=20,
        training="QSIR",
        dimension=Dimension.objects.get(code="qiof-2"),
        level=1,
        region="south_west",
        setting="wards",
    )
    found = similar_lessons(make_user("reader@example.nhs.uk"), context, limit=50)
    given = [c for c in CRITERIA if c.applies(context)]
    assert len(given) == 8  # all but team size
    total = sum(c.weight for c in given)
    for item in found:
        closeness = {c.name: getattr(item.lesson, f"closeness_{c.name}") for c in given}
        weighted = sum(c.weight * closeness[c.name] for c in given) / total
        assert item.score == pytest.approx(weighted, abs=0.001)
        reasons_due = [c for c in given if closeness[c.name] > 0]
        assert len(item.why) == len(reasons_due), (item.lesson.slug, item.why, closeness)
