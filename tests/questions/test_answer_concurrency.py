"""Twenty members answer one question at the same moment: every answer is kept, each answerer
follows the question once, and no request fails. Run on SQLite and PostgreSQL."""

from django.core.cache import cache

import pytest

from following.models import Follow
from home.site_tree import ensure_site_tree, import_lessons
from questions.models import Answer
from tests.builders.database import put_back_shipped_data
from tests.builders.lessons import document
from tests.builders.network import make_member
from tests.builders.questions import ask
from tests.builders.threads import all_at_once, signed_in

pytestmark = pytest.mark.django_db(transaction=True)

ANSWERS = 20


@pytest.fixture
def question(settings):
    settings.RATE_LIMITS = {**settings.RATE_LIMITS, "post": "1000/h/member"}
    put_back_shipped_data()
    ensure_site_tree()
    import_lessons(document())
    yield ask(make_member("south-west-km", "asker@example.nhs.uk"))
    cache.clear()  # the rate limit's counts were committed to the cache table


def test_twenty_answers_at_once_lose_nothing(question):
    answerers = [
        make_member("south-west-km", f"answerer{n}@example.nhs.uk") for n in range(ANSWERS)
    ]
    clients = [signed_in(answerer) for answerer in answerers]
    path = f"/questions/{question.pk}/answer/"
    statuses = all_at_once(
        [
            lambda c=client, n=n: c.post(path, {"body": f"Answer number {n}"}).status_code
            for n, client in enumerate(clients)
        ]
    )
    assert statuses == [302] * ANSWERS
    assert sorted(Answer.objects.filter(question=question).values_list("body", flat=True)) == (
        sorted(f"Answer number {n}" for n in range(ANSWERS))
    )
    followers = Follow.objects.of(question).values_list("follower", flat=True)
    assert sorted(followers) == sorted([question.author_id, *(a.pk for a in answerers)])
