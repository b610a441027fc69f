"""Evidence-gated levels: a level agreed without the evidence its framework expects is kept as
agreed and counted one lower, by one function, which every result reads."""

from django.urls import reverse

import pytest

from assessments.levels import counted_level, in_words
from assessments.models import Answer
from tests.builders.assessments import (
    add_unit,
    assessment,
    expect_evidence,
    lead,
    make_organisation,
)


@pytest.mark.parametrize(
    ("agreed", "expected", "met", "counted"),
    [
        (None, True, False, None),
        (3, False, False, 3),
        (3, True, True, 3),
        (3, True, False, 2),
        (0, True, False, 0),
        (4, True, False, 3),
    ],
)
def test_the_counted_level(agreed, expected, met, counted):
    assert counted_level(agreed, evidence_expected=expected, evidence_met=met) == counted


def test_the_counted_level_in_words():
    assert in_words(3, 2) == "Level 3 agreed; evidence for level 3 missing, counts as 2"
    assert in_words(3, 3) == "Level 3"
    assert in_words(None, None) == "Not answered yet"


@pytest.fixture
def directorate_lead(db, settings, tmp_path):
    settings.PRIVATE_MEDIA_ROOT = tmp_path / "private"
    organisation = make_organisation()
    return add_unit(organisation), lead(organisation, "lead@riverside.nhs.uk")


def test_a_level_agreed_without_its_evidence_counts_one_lower_everywhere(client, directorate_lead):
    unit, by = directorate_lead
    expect_evidence("qiof-2", 3)
    subject = assessment(unit, by)
    client.force_login(by)
    url = reverse("assessments:answer", args=[subject.pk, 1])
    assert "Board minutes that show it" in client.get(url).text  # the evidence expected
    client.post(url, {"agreed_level": "3"})
    answer = Answer.objects.get(assessment=subject)
    assert (answer.agreed_level, answer.counted_level) == (3, 2)
    words = "Level 3 agreed; evidence for level 3 missing, counts as 2"
    assert words in client.get(reverse("assessments:assessment", args=[subject.pk])).text
    results = client.get(reverse("assessments:results", args=[subject.pk])).text
    assert words in results
    assert "towards level 3" in results  # what to work on next starts from the counted level

    client.post(url, {"agreed_level": "3", "evidence_met": "on"})
    assert Answer.objects.get(assessment=subject).counted_level == 3


def test_a_level_that_expects_no_evidence_counts_as_agreed(directorate_lead):
    unit, by = directorate_lead
    expect_evidence("qiof-2", 3)
    subject = assessment(unit, by, levels=((2, False),))
    assert Answer.objects.get(assessment=subject).counted_level == 2


def test_results_give_the_next_levels_descriptor_and_things_to_think_about(
    client, directorate_lead
):
    unit, by = directorate_lead
    subject = assessment(unit, by, codes=("qiof-1", "qiof-2"), levels=(4, 1), closed=True)
    client.force_login(by)
    page = client.get(reverse("assessments:results", args=[subject.pk])).text
    level_2 = subject.answers.get(position=2).dimension.level(2)
    assert level_2.descriptor in page
    for prompt in level_2.prompt_list:
        assert prompt in page
    assert "towards level 5" not in page  # nothing above 4
    assert '<table class="nhsuk-table">' in page and 'role="img"' in page  # chart and table
