"""Who may read an organisation's assessments, and their notes: one rule, the same for a
queryset and one assessment, for every kind of person and state."""

import pytest

from accounts.models import User
from assessments.models import Assessment, EvidenceFile
from tests.builders.assessment_matrix import NOTE_READERS, PEOPLE, READERS


@pytest.mark.parametrize("state", ["draft", "closed"])
@pytest.mark.parametrize("kind", PEOPLE)
def test_the_read_rule_gives_each_person_what_the_table_says_for_a_queryset_and_one(
    world, kind, state
):
    person, subject = world["people"][kind], world["assessments"][state]
    in_queryset = Assessment.objects.readable_by(person).filter(pk=subject.pk).exists()
    assert in_queryset == subject.is_readable_by(person) == (kind in READERS[state])


@pytest.mark.parametrize("state", ["draft", "closed"])
@pytest.mark.parametrize("kind", PEOPLE)
def test_notes_are_read_by_the_same_people_but_the_regions_lead(world, kind, state):
    person, subject = world["people"][kind], world["assessments"][state]
    in_queryset = Assessment.objects.with_notes_readable_by(person).filter(pk=subject.pk).exists()
    assert in_queryset == subject.notes_are_readable_by(person) == (kind in NOTE_READERS)


@pytest.mark.parametrize("state", ["draft", "closed"])
@pytest.mark.parametrize("kind", PEOPLE)
def test_evidence_files_open_to_whoever_may_read_their_assessment(world, kind, state):
    person = world["people"][kind]
    evidence = EvidenceFile.objects.get(answer__assessment=world["assessments"][state])
    opens = EvidenceFile.objects.openable_by(person).filter(pk=evidence.pk).exists()
    assert opens == evidence.is_openable_by(person) == (kind in READERS[state])


def test_an_inactive_lead_reads_nothing(world):
    org_lead = User.objects.get(pk=world["people"]["org_lead"].pk)
    org_lead.is_active = False
    assert not Assessment.objects.readable_by(org_lead).exists()
    assert not world["assessments"]["closed"].is_readable_by(org_lead)


def test_a_lead_reads_every_units_work_and_a_participant_only_their_units(world):
    whole = world["unit"].organisation.whole
    board = Assessment.start(
        unit=whole,
        framework=world["assessments"]["draft"].framework,
        dimensions=[],
        by=world["people"]["org_lead"],
    )
    assert board.is_readable_by(world["people"]["org_lead"])
    assert board.is_readable_by(world["people"]["whole_participant"])
    assert not board.is_readable_by(world["people"]["unit_participant"])
    assert board.answers.count() == 6  # every QIOF outcome when none is chosen
