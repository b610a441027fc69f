"""Reporting and hiding: any member who may read a post reports it; its moderators hide it
with a reason its author sees, and restore it; a hidden question takes its answers with it,
from every surface; posting is held by the shared rate limits."""

import pytest

from questions import posting
from questions.models import Report
from tests.builders.accounts import make_site_editor, make_user
from tests.builders.questions import ask, people


@pytest.fixture(scope="module")
def site(module_lessons, django_db_blocker):
    with django_db_blocker.unblock():
        module_lessons()
        return people()


def test_a_member_reports_a_post_once(site, client):
    question = ask(site["member"])
    reporter = make_user("reporter@example.nhs.uk")
    client.force_login(reporter)
    for _ in range(2):
        response = client.post(f"/questions/question/{question.pk}/report/", {"reason": "Spam"})
        assert response.status_code == 302
    assert Report.objects.filter(object_id=question.pk).count() == 1


def test_reports_wait_for_the_posts_moderators_only(site, client):
    public = ask(site["member"], title="Public spam")
    whole_site = ask(site["member"], "site", title="Site-wide spam")
    reporter = make_user("reporter@example.nhs.uk")
    posting.report(public, reporter, "Spam")
    posting.report(whole_site, reporter, "Spam too")
    client.force_login(site["facilitator"])
    html = client.get("/questions/reports/").content.decode()
    assert "Public spam" in html and "Site-wide spam" not in html
    network_page = client.get(public.network.url).content.decode()
    assert "1 reported post to look at" in network_page
    client.force_login(make_site_editor())
    html = client.get("/questions/reports/").content.decode()
    assert "Public spam" in html and "Site-wide spam" in html
    client.force_login(site["member"])
    assert "spam" not in client.get("/questions/reports/").content.decode().lower()


def test_a_report_needs_a_reason_and_says_so(site, client):
    question = ask(site["member"])
    client.force_login(make_user("reporter@example.nhs.uk"))
    response = client.post(f"/questions/question/{question.pk}/report/", {"reason": ""})
    assert response.status_code == 200
    assert "Enter reason" in response.content.decode()
    assert not Report.objects.exists()


def test_only_its_moderators_hide_a_question(site, client):
    question = ask(site["member"], "members")
    client.force_login(site["member"])
    assert client.get(f"/questions/question/{question.pk}/hide/").status_code == 403
    client.force_login(make_user("stranger@example.nhs.uk"))
    assert client.get(f"/questions/question/{question.pk}/hide/").status_code == 404


def test_a_hidden_question_takes_its_answers_from_every_reader_but_its_author(site, client):
    question = ask(site["member"], title="Where do I buy cheap pills?")
    posting.answer(question, make_user("answerer@example.nhs.uk"), "Reply to spam")
    posting.report(question, make_user("reporter@example.nhs.uk"), "Spam")
    client.force_login(site["facilitator"])
    response = client.post(f"/questions/question/{question.pk}/hide/", {"reason": "Spam, sorry"})
    assert response.status_code == 302
    assert Report.objects.get().resolved_at is not None
    for path in (question.get_absolute_url(), f"/api/questions/{question.pk}/"):
        assert client.__class__().get(path).status_code == 404
    assert "cheap pills" not in client.__class__().get("/questions/").content.decode()
    assert "cheap pills" not in client.__class__().get("/feeds/questions/").content.decode()
    client.force_login(site["member"])
    own = client.get(question.get_absolute_url()).content.decode()
    assert "The reason given: Spam, sorry" in own
    assert "Reply to spam" in own
    client.force_login(make_user("someone@example.nhs.uk"))
    assert client.get(question.get_absolute_url()).status_code == 404
    client.force_login(site["facilitator"])
    client.post(f"/questions/question/{question.pk}/restore/")
    assert client.__class__().get(question.get_absolute_url()).status_code == 200


def test_a_hidden_answer_is_seen_only_by_its_author_and_the_moderators(site, client):
    question = ask(site["member"])
    author = make_user("answerer@example.nhs.uk")
    reply = posting.answer(question, author, "Rude words")
    client.force_login(site["facilitator"])
    client.post(f"/questions/answer/{reply.pk}/hide/", {"reason": "Be kind"})
    assert "Rude words" not in client.__class__().get(question.get_absolute_url()).content.decode()
    client.force_login(author)
    assert "The reason given: Be kind" in client.get(question.get_absolute_url()).content.decode()


def test_hiding_needs_a_reason(site, client):
    question = ask(site["member"])
    client.force_login(site["facilitator"])
    response = client.post(f"/questions/question/{question.pk}/hide/", {"reason": " "})
    assert response.status_code == 200
    assert "Enter reason" in response.content.decode()
    question.refresh_from_db()
    assert not question.is_hidden


def test_posting_is_held_by_the_shared_rate_limit(site, client, settings):
    settings.RATE_LIMITS = {**settings.RATE_LIMITS, "post": "2/h/member"}
    question = ask(site["member"])
    client.force_login(site["facilitator"])
    for n in range(2):
        response = client.post(f"/questions/{question.pk}/answer/", {"body": f"Answer {n}"})
        assert response.status_code == 302
    response = client.post(f"/questions/{question.pk}/answer/", {"body": "One too many"})
    assert response.status_code == 429
    assert "Retry-After" in response
    assert question.answers.count() == 2
