"""“Turn this into a lesson”: the author of the answer that helped starts a share-form draft
pre-filled from their answer, and from the question's context only if the asker agreed; only
they may open it."""

import pytest

from lessons.models import LessonPage
from questions import posting
from tests.builders.accounts import make_user
from tests.builders.network import make_member
from tests.builders.questions import ask


@pytest.fixture
def answered(site_tree, import_lessons):
    import_lessons()
    asker = make_member("south-west-km", "asker@example.nhs.uk")
    answerer = make_member("south-west-km", "answerer@example.nhs.uk")

    def _answered(context_for_lesson):
        question = ask(
            asker,
            organisation_type="community_trust",
            setting="district nursing",
            context_for_lesson=context_for_lesson,
        )
        reply = posting.answer(question, answerer, "We moved huddles to 8.45 and it stuck.")
        posting.mark_helpful(question, reply, asker)
        return question, reply, answerer, asker

    return _answered


def test_the_helpful_answers_author_gets_a_draft_pre_filled_from_it(answered, client):
    question, reply, answerer, _ = answered(context_for_lesson=True)
    client.force_login(answerer)
    page = client.get(question.get_absolute_url()).content.decode()
    assert "Turn your answer into a lesson" in page
    response = client.post(f"/questions/{question.pk}/answers/{reply.pk}/lesson/")
    draft = LessonPage.objects.get(owner=answerer)
    assert response["Location"] == f"/lessons/share/{draft.pk}/about/"
    version = draft.latest_revision.as_object()
    assert version.title == question.title
    assert version.what_happened == reply.body
    assert version.organisation_type == "community_trust"
    assert version.setting == "district nursing"
    assert not draft.live
    again = client.post(f"/questions/{question.pk}/answers/{reply.pk}/lesson/")
    assert again["Location"] == response["Location"]
    assert LessonPage.objects.filter(owner=answerer).count() == 1
    assert client.get(f"/lessons/share/{draft.pk}/about/").status_code == 200


def test_the_questions_context_stays_out_unless_the_asker_agreed(answered, client):
    question, reply, answerer, _ = answered(context_for_lesson=False)
    draft = posting.turn_into_a_lesson(reply, answerer)
    version = draft.latest_revision.as_object()
    assert version.organisation_type == "" and version.setting == ""


def test_only_the_helpful_answers_author_can_do_it_or_open_the_draft(answered, client):
    question, reply, answerer, asker = answered(context_for_lesson=True)
    for someone in (asker, make_user("someone@example.nhs.uk")):
        client.force_login(someone)
        response = client.post(f"/questions/{question.pk}/answers/{reply.pk}/lesson/")
        assert response.status_code == 403
    draft = posting.turn_into_a_lesson(reply, answerer)
    for someone in (asker, make_user("other@example.nhs.uk")):
        client.force_login(someone)
        assert client.get(f"/lessons/share/{draft.pk}/about/").status_code in (403, 404)
    unmarked = posting.answer(question, asker, "My own idea")
    client.force_login(asker)
    assert client.post(f"/questions/{question.pk}/answers/{unmarked.pk}/lesson/").status_code == 403
