"""Running an assessment: started for a unit, one outcome a page, saved after every page,
resumed where the group stopped, revised until closed, read-only once closed."""

from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

import pytest

from assessments.models import Answer, Assessment
from maturity.models import Framework
from tests.builders.assessments import (
    add_unit,
    assessment,
    lead,
    make_organisation,
    participant,
)
from tests.builders.files import PDF


@pytest.fixture
def trust(db, settings, tmp_path):
    settings.PRIVATE_MEDIA_ROOT = tmp_path / "private"
    organisation = make_organisation()
    return {
        "organisation": organisation,
        "directorate": add_unit(organisation),
        "lead": lead(organisation, "lead@riverside.nhs.uk"),
    }


def _answer_url(subject, position):
    return reverse("assessments:answer", args=[subject.pk, position])


def test_a_lead_starts_an_assessment_of_chosen_outcomes_for_a_unit(client, trust):
    client.force_login(trust["lead"])
    qiof = Framework.objects.get(slug="qiof")
    response = client.post(
        reverse("assessments:start", args=[trust["organisation"].pk]),
        {
            "framework": qiof.slug,
            "unit": trust["directorate"].pk,
            "dimensions": ["qiof-2", "qiof-5"],
        },
    )
    started = Assessment.objects.get()
    assert response.url == reverse("assessments:assessment", args=[started.pk])
    assert [a.dimension.code for a in started.answers.order_by("position")] == ["qiof-2", "qiof-5"]
    page = client.get(response.url).text
    assert "Board checklist" not in page  # none written for QIOF yet
    assert "Start with Outcome 2" in page


def test_outcomes_of_another_framework_are_refused_in_words_naming_the_field(client, trust):
    client.force_login(trust["lead"])
    response = client.post(
        reverse("assessments:start", args=[trust["organisation"].pk]),
        {
            "framework": "qiof",
            "unit": trust["directorate"].pk,
            "dimensions": [Framework.objects.get(slug="kmsa").dimensions.first().code],
        },
    )
    assert response.status_code == 200
    assert "Choose only outcomes of" in response.text
    assert not Assessment.objects.exists()


def test_the_introduction_shows_the_frameworks_board_checklist(client, trust):
    Framework.objects.filter(slug="qiof").update(
        board_checklist="The Board has named a sponsor\nMinutes record the discussion"
    )
    subject = assessment(trust["directorate"], trust["lead"])
    client.force_login(trust["lead"])
    page = client.get(reverse("assessments:assessment", args=[subject.pk])).text
    assert "Board checklist" in page and "Minutes record the discussion" in page


def test_each_page_is_saved_and_the_group_resumes_where_it_stopped(client, trust):
    subject = assessment(trust["directorate"], trust["lead"], codes=("qiof-1", "qiof-2", "qiof-3"))
    client.force_login(trust["lead"])
    response = client.post(_answer_url(subject, 1), {"agreed_level": "2", "then": "next"})
    assert response.url == _answer_url(subject, 2)
    response = client.post(
        _answer_url(subject, 2), {"agreed_level": "1", "evidence": "Search logs", "then": "stop"}
    )
    assert response.url == reverse("assessments:assessment", args=[subject.pk])
    page = client.get(response.url).text
    assert "Carry on from Outcome 3" in page
    assert [a.agreed_level for a in subject.answers.order_by("position")] == [2, 1, None]


def test_answers_are_revised_until_the_assessment_is_closed(client, trust):
    subject = assessment(trust["directorate"], trust["lead"], levels=(1,))
    client.force_login(trust["lead"])
    client.post(_answer_url(subject, 1), {"agreed_level": "3", "notes": "Changed our minds"})
    answer = Answer.objects.get(assessment=subject)
    assert (answer.agreed_level, answer.notes) == (3, "Changed our minds")
    page = client.get(_answer_url(subject, 1)).text
    assert 'value="3" checked' in page and "Changed our minds" in page


def test_a_closed_assessment_is_read_only(client, trust):
    subject = assessment(trust["directorate"], trust["lead"], levels=(2,), closed=True)
    client.force_login(trust["lead"])
    page = client.get(_answer_url(subject, 1))
    assert "<form" not in page.text.split('id="maincontent"')[1].split("Sign out")[0]
    response = client.post(_answer_url(subject, 1), {"agreed_level": "4", "notes": "Later"})
    assert response.status_code == 409
    assert "This assessment is closed: nothing on it can be changed." in response.text
    answer = Answer.objects.get(assessment=subject)
    assert (answer.agreed_level, answer.notes) == (2, "Private notes on qiof-2")


def test_an_assessment_closes_only_when_every_outcome_has_a_level(client, trust):
    subject = assessment(
        trust["directorate"], trust["lead"], codes=("qiof-1", "qiof-2"), levels=(2,)
    )
    client.force_login(trust["lead"])
    response = client.post(reverse("assessments:close", args=[subject.pk]), follow=True)
    assert "Every outcome needs an agreed level" in response.text
    assert not Assessment.objects.get(pk=subject.pk).is_closed
    client.post(_answer_url(subject, 2), {"agreed_level": "1"})
    response = client.post(reverse("assessments:close", args=[subject.pk]))
    assert response.url == reverse("assessments:results", args=[subject.pk])
    assert Assessment.objects.get(pk=subject.pk).is_closed


def test_a_participant_answers_but_only_a_lead_closes(client, trust):
    subject = assessment(trust["directorate"], trust["lead"], levels=(2,))
    client.force_login(participant(trust["directorate"], "ward@riverside.nhs.uk"))
    assert client.post(_answer_url(subject, 1), {"agreed_level": "3"}).status_code == 302
    assert client.post(reverse("assessments:close", args=[subject.pk])).status_code == 403
    assert not Assessment.objects.get(pk=subject.pk).is_closed


def test_session_mode_shows_no_ones_name_or_address(client, trust):
    subject = assessment(trust["directorate"], trust["lead"])
    client.force_login(trust["lead"])
    client.post(reverse("assessments:session_mode", args=[subject.pk]), {"mode": "session"})
    for url in (reverse("assessments:assessment", args=[subject.pk]), _answer_url(subject, 1)):
        page = client.get(url).text
        assert "app-session-mode" in page
        assert "lead@riverside.nhs.uk" not in page
    client.post(reverse("assessments:session_mode", args=[subject.pk]), {"mode": "personal"})
    assert "lead@riverside.nhs.uk" in client.get(_answer_url(subject, 1)).text


def test_a_link_and_a_file_are_added_to_the_evidence(client, trust):
    subject = assessment(trust["directorate"], trust["lead"])
    client.force_login(trust["lead"])
    client.post(
        _answer_url(subject, 1),
        {
            "agreed_level": "2",
            "link_title": "Service plan",
            "link_url": "https://example.org/plan",
            "file_title": "Minutes",
            "file": SimpleUploadedFile("minutes.pdf", PDF),
        },
    )
    answer = Answer.objects.get(assessment=subject)
    assert [link.title for link in answer.links.all()] == ["Service plan"]
    assert [file.title for file in answer.files.all()] == ["Minutes"]


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({}, "Select which level does the group agree on?"),
        ({"agreed_level": "7"}, "Which level does the group agree on?"),
        ({"agreed_level": "2", "link_url": "javascript:alert(1)"}, "Address of the link"),
        ({"agreed_level": "2", "link_url": "https://example.org"}, "Enter a title for the link"),
    ],
)
def test_an_outcome_page_reshows_with_errors_that_name_the_field(client, trust, data, message):
    subject = assessment(trust["directorate"], trust["lead"])
    client.force_login(trust["lead"])
    response = client.post(_answer_url(subject, 1), data)
    assert response.status_code == 200
    assert message in response.text
    assert Answer.objects.get(assessment=subject).agreed_level is None


def test_evidence_links_and_files_are_removed_until_the_assessment_is_closed(
    client, trust, django_capture_on_commit_callbacks
):
    subject = assessment(trust["directorate"], trust["lead"], levels=(2,))
    answer = Answer.objects.get(assessment=subject)
    link, file = answer.links.get(), answer.files.get()
    stored = file.file.name
    client.force_login(trust["lead"])
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            _answer_url(subject, 1),
            {"agreed_level": "2", "remove": [f"link-{link.pk}", f"file-{file.pk}"]},
        )
    assert response.status_code == 302
    assert not answer.links.exists() and not answer.files.exists()
    assert not file.file.storage.exists(stored)


def test_only_this_answers_evidence_can_be_removed(client, trust):
    subject = assessment(
        trust["directorate"], trust["lead"], codes=("qiof-1", "qiof-2"), levels=(2, 2)
    )
    other = Answer.objects.get(assessment=subject, position=2)
    client.force_login(trust["lead"])
    response = client.post(
        _answer_url(subject, 1), {"agreed_level": "2", "remove": [f"link-{other.links.get().pk}"]}
    )
    assert response.status_code == 200 and "Remove evidence" in response.text
    assert other.links.exists()
