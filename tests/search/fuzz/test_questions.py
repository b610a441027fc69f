"""Hostile input to questions: asking, answering, marking, reporting, moderating,
comments on lessons, their feeds and API."""

import pytest

from tests.builders.fuzz import fuzz_address, fuzz_fields
from tests.builders.fuzz_cases import QUESTIONS, addresses_of

ADDRESSES = addresses_of(QUESTIONS)


@pytest.mark.parametrize("case", QUESTIONS, ids=[case.name for case in QUESTIONS])
def test_no_value_of_any_field_or_parameter_makes_a_view_fail(site, client, case):
    problems = fuzz_fields(client, site, case)
    assert not problems, "\n".join(problems)


@pytest.mark.parametrize(
    ("name", "case", "n"),
    ADDRESSES,
    ids=[name for name, _, _ in ADDRESSES],
)
def test_no_part_of_an_address_makes_a_view_fail(site, client, name, case, n):
    problems = fuzz_address(client, site, case, n)
    assert not problems, "\n".join(problems)
