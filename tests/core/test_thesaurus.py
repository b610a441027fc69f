"""The thesaurus matched against the raw query: whole terms, short abbreviations only in
capitals, plurals and possessives, the longer term first, one-way entries, bounded growth."""

import pytest

from core.fulltext import MAX_ADDED_WORDS, expand
from core.models import ThesaurusEntry
from core.thesaurus import Thesaurus

ENTRIES = [
    ("A&E, ED, emergency department", False),
    ("DN, district nurse", False),
    ("GP, general practice", False),
    ("hospital at home, virtual ward", False),
    ("home, house", False),
    ("blood cancer, leukaemia, lymphoma, myeloma", True),
    ("BAR, before action review", False),
    ("children's, paediatric", False),
]


@pytest.fixture
def thesaurus():
    return Thesaurus(ENTRIES)


def found(thesaurus, text):
    return [(text[f.start : f.end], f.also) for f in thesaurus.find(text)]


def test_a_and_e_is_found_whole_in_the_raw_query(thesaurus):
    assert found(thesaurus, "A&E handover") == [("A&E", ("ed", "emergency department"))]
    assert found(thesaurus, "a & e")[0][0] == "a & e"


@pytest.mark.parametrize("text", ["education", "Ed Smith", "ed", "DNA", "dna samples", "GPS"])
def test_short_abbreviations_are_never_part_of_another_word_or_in_lower_case(thesaurus, text):
    assert found(thesaurus, text) == []


@pytest.mark.parametrize(("text", "term"), [("DNs", "DNs"), ("GP's", "GP's"), ("EDs", "EDs")])
def test_plurals_and_possessives_of_a_term_are_the_term(thesaurus, text, term):
    assert found(thesaurus, f"evidence for {text} today")[0][0] == term


def test_the_longer_term_wins_where_two_overlap(thesaurus):
    assert found(thesaurus, "hospital at home") == [("hospital at home", ("virtual ward",))]


def test_a_one_way_entry_expands_only_from_its_first_term(thesaurus):
    assert found(thesaurus, "blood cancer")[0][1] == ("leukaemia", "lymphoma", "myeloma")
    assert found(thesaurus, "leukaemia") == []


def test_capitals_matter_only_for_short_abbreviations(thesaurus):
    assert found(thesaurus, "bar chart") == []
    assert found(thesaurus, "BAR") == [("BAR", ("before action review",))]
    assert found(thesaurus, "Before Action Review")[0][1] == ("bar",)
    assert found(thesaurus, "childrens")[0][1] == ("paediatric",)


def test_expansion_is_bounded_and_a_term_counts_as_one_word(db):
    ThesaurusEntry.objects.create(
        terms=", ".join(["zz one"] + [f"synonym number {n}" for n in range(10)]), source="test"
    )
    wanted = expand("zz one and zebra")
    assert wanted[0].phrases[0] == "zz one"
    added = sum(len(p.split()) for w in wanted for p in w.phrases[1:])
    assert 0 < added <= MAX_ADDED_WORDS
    assert [w.phrases for w in wanted[1:]] == [("zebra",)]


def test_the_shipped_thesaurus_has_150_groups_each_with_its_source(db):
    entries = ThesaurusEntry.objects.all()
    assert entries.count() >= 150
    assert all(entry.source.strip() for entry in entries)
    assert entries.filter(one_way=True).exists()
    for entry in entries:
        entry.full_clean()  # every shipped entry is one the admin would accept
