"""The share form's check and related steps say a lesson "is about the same things" as the draft
when its title has the draft's title's words (lessons.sharing.rules.about_the_same_things): a
lesson that mentions a word in passing is not about it, and at 10,000 lessons matching every
lesson's whole text found thousands of them to rank. A title of very common words alone is
about nothing in particular."""

import pytest

from lessons.sharing import rules as sharing
from tests.builders.lessons import context, plain
from tests.builders.sharing import people, shared

ABOUT = "it is about the same things"


@pytest.fixture
def champion(import_lessons):
    import_lessons(
        plain(slug="safety-huddles", title="Safety huddles", context=context()),
        plain(
            slug="cafe",
            title="A knowledge cafe",
            summary="Staff came to the cafe after their huddles.",
            context=context(),
        ),
    )
    return people()["champion"]


def suggested(champion, title):
    draft = shared(
        champion,
        title=title,
        organisation_type="acute_trust",
        region="south_west",
        scale="department",
    )
    return {item.lesson.slug: item.why for item in sharing.similar_to(draft, champion)}


def test_a_lesson_is_about_the_same_things_when_its_title_has_the_drafts_words(champion):
    found = suggested(champion, "Huddles that stuck")
    assert found["safety-huddles"][0] == ABOUT
    # Suggested for its context, but only mentioning huddles: not about the same things.
    assert ABOUT not in found["cafe"]


def test_a_title_of_very_common_words_is_about_nothing_in_particular(champion):
    found = suggested(champion, "How we did it")
    assert found  # the closest contexts are still suggested
    assert not any(ABOUT in why for why in found.values())
