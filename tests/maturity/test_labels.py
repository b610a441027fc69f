"""A maturity level is named one way everywhere: its framework, its dimension, the level and
what the level means ("QIOF Outcome 2 · level 2: delivering to teams"), never the cryptic
"Outcome 6 level 0"."""

import datetime
import re

from django.db import connection
from django.test.utils import CaptureQueriesContext

import pytest

from maturity.models import Dimension, Framework, Level
from network.models import NetworkPage, NetworkReview, ReviewScore
from tests.builders.lessons import lesson

HUDDLES = "QIOF Outcome 2 · level 2: delivering to teams"
IMPACT = "QIOF Outcome 6 · level 0: impact not yet measured"
LEADERSHIP = "KMSA Leadership · level 3: in the strategy, reviewed by the Board"


def text_of(response):
    html = response.content.decode()
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html)).replace(" ,", ",")


def test_every_shipped_framework_and_level_has_its_short_name(db):
    abbreviations = dict(Framework.objects.values_list("slug", "abbreviation"))
    assert abbreviations == {"qiof": "QIOF", "kmsa": "KMSA", "nmm": "NMM"}
    assert Level.objects.count() == 15 * 5
    assert not Level.objects.filter(short_descriptor="").exists()


def test_the_label_names_framework_dimension_level_and_what_it_means(db):
    level = Level.objects.get(dimension__code="qiof-2", number=2)
    assert level.label == HUDDLES
    assert level.short_label == "Level 2: delivering to teams"
    dimension = level.dimension
    assert dimension.label == "QIOF Outcome 2"
    assert dimension.level_label(2) == HUDDLES
    assert str(dimension).startswith("QIOF Outcome 2: Decision making")


def test_a_level_without_a_descriptor_is_still_named_by_framework_and_dimension(db):
    dimension = Dimension.objects.get(code="qiof-6")
    dimension.levels.filter(number=4).delete()
    assert dimension.level_label(4) == "QIOF Outcome 6 · level 4"
    assert dimension.level_choices()[4] == (4, "Level 4")


@pytest.fixture(scope="module")
def lessons(module_lessons):
    module_lessons(
        lesson(
            maturity=[
                {"dimension": "qiof-2", "level": 2},
                {"dimension": "kmsa-leadership", "level": 3},
            ]
        ),
        lesson(
            slug="impact-log",
            title="An impact log",
            date="2025-02-01",
            maturity=[{"dimension": "qiof-6", "level": 0}],
        ),
    )


@pytest.mark.parametrize(
    "url", ["/lessons/discharge-huddles/", "/lessons/", "/", "/search/?q=huddles"]
)
def test_lesson_pages_and_lists_use_the_full_label(lessons, client, url):
    text = text_of(client.get(url))
    assert HUDDLES in text and LEADERSHIP in text
    assert "Outcome 2 level 2" not in text and "Outcome 2 · Level 2" not in text
    if url != "/lessons/discharge-huddles/":
        assert IMPACT in text


def test_search_names_the_chosen_outcome_with_its_framework(lessons, client):
    text = text_of(client.get("/search/?dimension=qiof-2"))
    assert "Maturity outcome: QIOF Outcome 2" in text


def test_similar_contexts_give_the_level_they_are_ahead_on_in_full(lessons, client):
    response = client.get("/api/lessons/similar/?dimension=qiof-2&level=1")
    best = response.json()["results"][0]
    assert best["slug"] == "discharge-huddles"
    assert f"one level ahead: {HUDDLES}" in best["why"]


def test_the_api_keeps_its_codes_and_numbers(lessons, client):
    results = client.get("/api/lessons/search/?q=huddles").json()["results"]
    huddles = next(r for r in results if r["slug"] == "discharge-huddles")
    assert huddles["maturity"] == [
        {"dimension": "qiof-2", "level": 2},
        {"dimension": "kmsa-leadership", "level": 3},
    ]


def test_framework_and_dimension_pages_say_what_each_level_means(lessons, client):
    framework = text_of(client.get("/maturity/qiof/"))
    assert "QIOF Outcome 2: Decision making" in framework
    assert "Level 2: delivering to teams (1 story)" in framework
    dimension = text_of(client.get("/maturity/outcome/qiof-6/"))
    assert "Level 0: impact not yet measured" in dimension


def test_a_networks_maturity_names_each_dimension_with_its_framework(lessons, client):
    network = NetworkPage.objects.get(slug="south-west-km")
    for year, level in [(2025, 1), (2026, 2)]:
        review = NetworkReview(network=network, date=datetime.date(year, 3, 1))
        review.scores = [
            ReviewScore(dimension=dimension, current_level=level, target_level=3)
            for dimension in Dimension.objects.filter(framework__slug="nmm")
        ]
        review.save()
    html = client.get(network.url).content.decode()
    table = re.search(r'<table class="nhsuk-table app-trend-table">(.*?)</table>', html, re.S)
    assert "NMM Purpose" in table.group(1) and "NMM Knowledge sharing" in table.group(1)


def test_the_review_form_says_what_each_level_means(lessons, client, member_of):
    client.force_login(member_of("south-west-km", email="lead@example.nhs.uk", role="facilitator"))
    html = client.get("/networks/south-west-km/reviews/add/").content.decode()
    assert '<option value="2">Level 2: agreed by the core group</option>' in html


@pytest.mark.parametrize("url", ["/lessons/", "/search/?q=huddles"])
def test_labels_cost_the_same_however_many_lessons_and_levels(import_lessons, client, url):
    def queries():
        client.get(url)  # warm Wagtail's site-root cache
        with CaptureQueriesContext(connection) as captured:
            assert client.get(url).status_code == 200
        return len(captured)

    import_lessons(lesson(maturity=[{"dimension": "qiof-2", "level": 2}]))
    one = queries()
    import_lessons(
        *[
            lesson(
                slug=f"lesson-{n}",
                maturity=[{"dimension": f"qiof-{d}", "level": (n + d) % 5} for d in range(1, 7)],
            )
            for n in range(8)
        ]
    )
    assert queries() == one


def test_the_share_forms_outcome_list_names_each_outcome_by_the_one_scheme(db):
    from lessons.sharing.forms import OutcomeForm

    groups = OutcomeForm().fields["outcome"].choices[1:]
    labels = {code: label for _, options in groups for code, label in options}
    assert labels["kmsa-leadership"] == "KMSA Leadership"
    assert labels["qiof-2"].startswith("QIOF Outcome 2: Decision making")
    assert labels["nmm-purpose"].startswith("NMM Purpose")
    for label in labels.values():  # never a short title repeated as the title
        named, _, title = label.partition(": ")
        assert not (title and named.endswith(title)), label


def test_search_facets_name_outcomes_with_their_title_not_a_bare_code(lessons, client):
    text = text_of(client.get("/search/?q=huddles"))
    assert re.search(r"QIOF Outcome 2: Decision making[^()]* \(1\)", text), text
    assert "KMSA Leadership (1)" in text
