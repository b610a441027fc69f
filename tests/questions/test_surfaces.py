"""One matrix: every surface that shows questions (tests/builders/question_surfaces.py) ×
(anonymous, non-member, member, facilitator) × (public network, members-only network, whole
site). Each shows a question exactly to those its rule names."""

import pytest

from following.models import Follow
from questions import posting
from tests.builders.network import make_member
from tests.builders.question_surfaces import SURFACES, shown_to
from tests.builders.questions import PLACES, READERS, ask, people
from tests.builders.themes import add_theme


@pytest.fixture(scope="module")
def asked(module_lessons, django_db_blocker):
    with django_db_blocker.unblock():
        module_lessons()
        who = people()
        theme = add_theme("huddles", "Huddles")
        for user in who.values():
            if user.is_authenticated:
                Follow.start(user, "theme", theme)
        answerer = make_member("board-leads", "answerer@example.nhs.uk")
        questions, answers = {}, {}
        for place in PLACES:
            question = ask(who["member"], place, title=f"Kingfisher huddles {place}wards")
            question.themes.set([theme])
            questions[place] = question
            answers[question.pk] = posting.answer(question, answerer, "Start small.")
        return who, questions, {"answers": answers}


@pytest.mark.parametrize("place", PLACES)
@pytest.mark.parametrize("reader", READERS)
@pytest.mark.parametrize("surface", SURFACES, ids=lambda surface: surface.name)
def test_each_surface_shows_a_question_to_whom_its_rule_names(asked, surface, reader, place):
    who, questions, data = asked
    shown = shown_to(surface, who[reader], questions[place], data)
    assert shown is surface.expected(place, reader)
