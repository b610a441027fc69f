"""Searching lessons by their impact: the kind of impact and who benefited are facets of the
site search, counted only over what the reader may read."""

from django.contrib.auth.models import AnonymousUser
from django.http import QueryDict

import pytest

from search import lessons as lesson_search
from tests.builders.lessons import plain


@pytest.fixture
def impact_library(import_lessons):
    import_lessons(
        plain(
            slug="cafe",
            title="Knowledge cafe",
            kind="case_study",
            impact={"impact_types": ["time_saved", "other"], "beneficiaries": ["patients"]},
        ),
        plain(
            slug="briefings",
            title="Huddle briefings",
            impact={"impact_types": ["decision_making"], "beneficiaries": ["patients", "board"]},
        ),
        plain(slug="no-impact", title="Plain lesson"),
        plain(
            slug="secret",
            title="Members-only board case study",
            kind="case_study",
            visibility="members",
            network="south-west-km",
            impact={"impact_types": ["time_saved"], "beneficiaries": ["board"]},
        ),
    )


def found(query, user=None):
    filters = lesson_search.parse(QueryDict(query))
    result = lesson_search.search(user or AnonymousUser(), filters)
    return {lesson.slug for lesson in result.page.object_list}, result.facets


def test_impact_facets_count_only_what_the_reader_may_read(impact_library):
    _, facets = found("")
    assert facets["impact_type"] == {"time_saved": 1, "other": 1, "decision_making": 1}
    assert facets["beneficiary"] == {"patients": 2, "board": 1}


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("impact_type=time_saved", {"cafe"}),
        ("impact_type=other", {"cafe"}),
        ("impact_type=time_saved&impact_type=decision_making", {"cafe", "briefings"}),
        ("beneficiary=board", {"briefings"}),
        ("beneficiary=patients&impact_type=decision_making", {"briefings"}),
        ("beneficiary=carers", set()),
    ],
)
def test_each_impact_filter_alone_and_combined(impact_library, query, expected):
    assert found(query)[0] == expected


def test_the_search_page_offers_the_impact_facets_and_names_an_unknown_code(impact_library, client):
    html = client.get("/search/").content.decode()
    assert "Kind of impact" in html and "Time saved" in html and "Who benefited" in html
    html = client.get("/search/?impact_type=happiness").content.decode()
    assert "Some filters in the link were not recognised and have been left out." in html
    with pytest.raises(lesson_search.InvalidParameters) as invalid:
        lesson_search.parse(QueryDict("impact_type=happiness&beneficiary=everyone"))
    assert invalid.value.errors == {
        "impact_type": ["“happiness” is not a known kind of impact."],
        "beneficiary": ["“everyone” is not a known beneficiary."],
    }
