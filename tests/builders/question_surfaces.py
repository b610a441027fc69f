"""Every surface that shows questions, for the matrix test (tests/questions/test_surfaces.py):
how to ask it, as one reader, whether it shows a question, and whom it should show it to.

A surface covers addresses (URL names, "sitemap:questions" for the sitemap's section, API
routes by their URL name). tests/questions/test_surface_registry.py fails when an address of
questions, a feed, a sitemap section or an API route of questions is covered by no surface
here: a new one must say how the read rule reaches it.
"""

import datetime
import json
from collections.abc import Callable
from dataclasses import dataclass

from django.test import Client
from django.utils import timezone

from following import digests


def reads(place, reader):
    """The read rule, as the matrix expects it: a public network's questions for anyone, a
    members-only network's for its members (and facilitators), the whole site's for anyone
    signed in."""
    if place == "public":
        return True
    if place == "members":
        return reader in ("member", "facilitator")
    return reader != "anonymous"


def public_only(place, reader):
    """Feeds and the sitemap are read without signing in: what anyone may read."""
    return place == "public"


def signed_in_and_reads(place, reader):
    return reader != "anonymous" and reads(place, reader)


def in_a_network_and_reads(place, reader):
    return place != "site" and reads(place, reader)


def facilitates(place, reader):
    return reader == "facilitator" and place != "site" and reads(place, reader)


@dataclass(frozen=True)
class Surface:
    name: str
    covers: tuple[str, ...]
    # (client, question, fixture data) -> whether the surface shows the question to this client
    shows: Callable
    expected: Callable = reads  # (place, reader) -> bool


def client_for(user):
    client = Client()
    if user.is_authenticated:
        client.force_login(user)
    return client


def _has(response, question):
    return response.status_code == 200 and question.title in response.content.decode()


def _page(client, question, data):
    return _has(client.get(question.get_absolute_url()), question)


def _listing(client, question, data):
    return _has(client.get("/questions/"), question)


def _search(client, question, data):
    return _has(client.get("/questions/", {"q": question.title.split()[-1]}), question)


def _suggestions(client, question, data):
    response = client.get("/questions/suggest/", {"q": question.title[:12]})
    return question.title in response.json()["suggestions"]


def _before_posting(client, question, data):
    response = client.post("/questions/ask/", {"title": question.title, "body": "Still stuck."})
    html = response.content.decode()  # the title typed is in the form: look for the link
    return "Before you post" in html and f'href="{question.get_absolute_url()}"' in html


def _feeds(client, question, data):
    anonymous = Client()  # feed readers do not sign in
    found = [
        question.title in anonymous.get(f"/feeds/questions/{suffix}").content.decode()
        for suffix in ("", "atom/", "json/")
    ]
    assert len(set(found)) == 1, "the feed's formats disagree"
    return found[0]


def _sitemap(client, question, data):
    return question.get_absolute_url() in Client().get("/sitemap.xml").content.decode()


def _network_page(client, question, data):
    if question.network is None:
        return False
    return _has(client.get(question.network.url), question)


def _api(client, question, data):
    listed = question.title in json.dumps(client.get("/api/questions/").json())
    one = client.get(f"/api/questions/{question.pk}/")
    assert listed is (one.status_code == 200), "the API's list and detail disagree"
    return listed


def _digests(client, question, data):
    user = data["reader"]
    if not user.is_authenticated:
        return False
    since = timezone.now() - datetime.timedelta(days=1)
    return any(item.object == question for item in digests.new_items(user, since=since))


def _answering(client, question, data):
    response = client.post(f"/questions/{question.pk}/answer/", {"body": "We did this."})
    return response.status_code == 302 and "/accounts/" not in response["Location"]


def _marking(client, question, data):
    answer = data["answers"][question.pk]
    useful = client.post(f"/questions/{question.pk}/answers/{answer.pk}/useful/")
    helpful = client.post(f"/questions/{question.pk}/answers/{answer.pk}/helpful/")
    if useful.status_code == 302 and "/accounts/" not in useful["Location"]:
        return True
    return helpful.status_code == 302 and "/accounts/" not in helpful["Location"]


def _reporting(client, question, data):
    response = client.get(f"/questions/question/{question.pk}/report/")
    return response.status_code == 200 and "Report this post" in response.content.decode()


def _moderating(client, question, data):
    response = client.get(f"/questions/question/{question.pk}/hide/")
    return response.status_code == 200 and "Hide this post" in response.content.decode()


SURFACES = (
    Surface("page", ("questions:question",), _page),
    Surface("listing", ("questions:index",), _listing),
    Surface("search", ("questions:index",), _search),
    Surface("suggestions", ("questions:suggest",), _suggestions),
    Surface("before posting", ("questions:ask",), _before_posting, signed_in_and_reads),
    Surface(
        "feeds",
        ("questions_feed", "questions_feed_atom", "questions_feed_json"),
        _feeds,
        public_only,
    ),
    Surface("sitemap", ("sitemap:questions",), _sitemap, public_only),
    Surface("network page", (), _network_page, in_a_network_and_reads),
    Surface("API", ("api:questions", "api:question"), _api),
    Surface("digests", (), _digests, signed_in_and_reads),
    Surface("answering", ("questions:answer",), _answering, signed_in_and_reads),
    # The asker marks the answer that helped; anyone else who reads it marks it useful.
    Surface("marking", ("questions:helpful", "questions:useful"), _marking, signed_in_and_reads),
    Surface("reporting", ("questions:report",), _reporting, signed_in_and_reads),
    Surface("moderating", ("questions:moderate",), _moderating, facilitates),
)

# Addresses of questions that show no question, each with where its rule is tested.
ELSEWHERE = {
    "questions:comment": "comments on lessons: tests/questions/test_comments.py",
    "questions:reports": "reports waiting for moderators: tests/questions/test_moderation.py",
    "questions:turn_into_a_lesson": "only the helpful answer's author: test_turn_into_lesson.py",
}


def covered():
    return {name for surface in SURFACES for name in surface.covers} | set(ELSEWHERE)


def shown_to(surface, user, question, data):
    return surface.shows(client_for(user), question, {**data, "reader": user})
