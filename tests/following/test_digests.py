"""Emails about what members follow: immediate, daily, weekly or none; never an item twice,
never an empty digest, only what the member may read when it is sent; one-click unsubscribe."""

import datetime
import email
import email.policy
import io
import re

from django.core import mail, signing
from django.core.management import call_command
from django.test import Client
from django.utils import timezone

import pytest

from following import digests
from following.models import UNSUBSCRIBE_SALT, Follow, NotificationPreference
from home import site_tree
from lessons.models import LessonPage
from tests.builders.lessons import document, lesson

IN_THE_THEME = ["South West huddles", "Board papers in public"]
NEVER = ["Board secret huddles", "Draft huddles", "Hal's hidden lesson", "Nothing anyone follows"]


A_MONTH_AGO = datetime.timedelta(days=30)


def subscribe(member, frequency, since=A_MONTH_AGO, **follows):
    """The member chose this frequency and began following these things `since` ago (a
    month, before the site's lessons were published, unless told)."""
    NotificationPreference.objects.update_or_create(
        member=member, defaults={"frequency": frequency}
    )
    for target in follows.values():  # named by kind, for the reader
        follow = Follow.objects.create(follower=member, target=target)
        Follow.objects.filter(pk=follow.pk).update(created_at=timezone.now() - since)


def run(frequency):
    out = io.StringIO()
    call_command("send_digests", "--frequency", frequency, stdout=out)
    return out.getvalue()


def emails_to(member):
    return [message for message in mail.outbox if message.to == [member.email]]


def publish_new_lesson(capture, slug="new-huddles", title="New huddles lesson", **fields):
    with capture(execute=True):
        site_tree.import_lessons(document(lesson(slug=slug, title=title, **fields)))


def test_a_weekly_digest_lists_what_is_new_in_what_the_member_follows(site):
    reader = site["reader"]
    subscribe(
        reader, "weekly", theme=site["theme"], network=site["south_west"], person=site["author"]
    )
    assert run("weekly") == (
        "Weekly digests enqueued for 1 member with something new (4 new items).\n"
        "No email for 0 members with nothing new.\n"
        "Not emailed, though they follow something: 0 members who chose no emails, "
        "0 inactive accounts.\n"
    )
    [email] = mail.outbox
    assert email.subject == "Your weekly digest: 3 new lessons and 1 new event"
    body = email.body
    for title in [*IN_THE_THEME, "Ann's pharmacy rounds", "South West webinar"]:
        assert title in body
    for title in [*NEVER, "Board roundtable"]:
        assert title not in body
    assert "http://127.0.0.1:8000/lessons/sw-huddles/" in body
    assert "Because you follow the theme “Huddles” and South West KM Network." in body
    assert "Because you follow Ann Author." in body
    assert "http://127.0.0.1:8000/members/me/following/" in body


def test_no_item_is_sent_twice_and_empty_digests_are_not_sent(site):
    reader = site["reader"]
    subscribe(reader, "daily", theme=site["theme"])
    run("daily")
    assert len(mail.outbox) == 1
    run("daily")
    assert len(mail.outbox) == 1  # nothing new: no email
    NotificationPreference.objects.filter(member=reader).update(frequency="weekly")
    run("weekly")
    assert len(mail.outbox) == 1  # what the daily digest sent is not repeated
    assert NotificationPreference.objects.get(member=reader).last_digest_at is not None


def test_items_published_before_the_period_are_not_in_the_digest(site):
    subscribe(site["reader"], "weekly", theme=site["theme"])
    LessonPage.objects.filter(slug="sw-huddles").update(
        first_published_at=timezone.now() - datetime.timedelta(days=10)
    )
    run("weekly")
    [email] = mail.outbox
    assert "South West huddles" not in email.body
    assert "Board papers in public" in email.body


@pytest.mark.parametrize(
    "frequency, at_publication, daily_run, weekly_run",
    [
        ("immediate", 1, 0, 0),
        ("daily", 0, 1, 0),
        ("weekly", 0, 0, 1),
        ("none", 0, 0, 0),
    ],
)
def test_each_preference_gets_its_own_emails(
    site, django_capture_on_commit_callbacks, frequency, at_publication, daily_run, weekly_run
):
    reader = site["reader"]
    subscribe(reader, frequency, theme=site["theme"])
    publish_new_lesson(django_capture_on_commit_callbacks, themes=["huddles"])
    assert len(emails_to(reader)) == at_publication
    if at_publication:
        [email] = mail.outbox
        assert email.subject == "New lesson: New huddles lesson"
        assert "Because you follow the theme “Huddles”." in email.body
        assert "South West huddles" not in email.body  # one email per item
    run("daily")
    assert len(emails_to(reader)) == at_publication + daily_run
    run("weekly")
    assert len(emails_to(reader)) == at_publication + daily_run + weekly_run
    if daily_run or weekly_run:
        digest = emails_to(reader)[-1].body
        for title in ["New huddles lesson", *IN_THE_THEME]:
            assert title in digest
        for title in NEVER:
            assert title not in digest


def test_immediate_emails_are_for_first_publication_only(site, django_capture_on_commit_callbacks):
    subscribe(site["reader"], "immediate", network=site["south_west"])
    publish_new_lesson(django_capture_on_commit_callbacks, network="south-west-km")
    assert len(mail.outbox) == 1
    with django_capture_on_commit_callbacks(execute=True):
        edited = LessonPage.objects.get(slug="new-huddles")
        edited.summary = "Now with the second ward's figures."
        edited.save_revision().publish()
    assert len(mail.outbox) == 1


def test_immediate_emails_only_reach_those_who_may_read_the_item(
    site, django_capture_on_commit_callbacks
):
    # Both follow the theme; only the member of the network may read its members-only lesson.
    subscribe(site["reader"], "immediate", theme=site["theme"])
    subscribe(site["board_member"], "immediate", theme=site["theme"])
    publish_new_lesson(
        django_capture_on_commit_callbacks,
        slug="board-only",
        title="A members-only huddle",
        visibility="members",
        network="board-leads",
        themes=["huddles"],
    )
    assert [message.to for message in mail.outbox] == [[site["board_member"].email]]


def test_a_digest_holds_only_what_the_member_may_read_when_it_is_sent(site):
    member = site["board_member"]
    subscribe(member, "weekly", theme=site["theme"], network=site["board"], person=site["hidden"])
    now = timezone.now()
    titles = [
        item.object.title
        for item in digests.new_items(member, since=now - datetime.timedelta(days=7), until=now)
    ]
    assert "Board secret huddles" in titles and "Board roundtable" in titles
    assert "Hal's hidden lesson" not in titles  # a private profile brings nothing

    site["board"].leave(member)
    run("weekly")
    [email] = mail.outbox
    for title in ["Board secret huddles", "Board roundtable", *NEVER]:
        assert title not in email.body
    for title in IN_THE_THEME:
        assert title in email.body


def test_members_following_nothing_or_inactive_get_no_digest(site):
    NotificationPreference.objects.create(member=site["reader"], frequency="weekly")
    subscribe(site["board_member"], "weekly", theme=site["theme"])
    site["board_member"].is_active = False
    site["board_member"].save()
    assert run("weekly").splitlines() == [
        "Weekly digests enqueued for 0 members with something new (0 new items).",
        "No email for 0 members with nothing new.",
        "Not emailed, though they follow something: 0 members who chose no emails, "
        "1 inactive account.",
    ]
    assert mail.outbox == []


class TestUnsubscribe:
    @pytest.fixture
    def link(self, site):
        subscribe(site["reader"], "weekly", theme=site["theme"])
        run("weekly")
        [email] = mail.outbox
        url = re.search(r"^(http://127\.0\.0\.1:8000/emails/unsubscribe/\S+/)$", email.body, re.M)
        assert email.extra_headers["List-Unsubscribe"] == f"<{url.group(1)}>"
        assert email.extra_headers["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
        return url.group(1).removeprefix("http://127.0.0.1:8000")

    def frequency(self, site):
        return NotificationPreference.objects.get(member=site["reader"]).frequency

    def test_opening_the_link_asks_first_and_changes_nothing(self, site, link):
        response = Client().get(link)
        assert response.status_code == 200
        assert "Stop emails about what you follow?" in response.content.decode()
        assert self.frequency(site) == "weekly"

    def test_one_click_unsubscribes_without_signing_in_or_a_csrf_token(self, site, link):
        # RFC 8058: the mail provider posts "List-Unsubscribe=One-Click", with no cookies.
        response = Client(enforce_csrf_checks=True).post(
            link, "List-Unsubscribe=One-Click", content_type="application/x-www-form-urlencoded"
        )
        assert response.status_code == 200
        assert "You will not get these emails" in response.content.decode()
        assert self.frequency(site) == "none"
        NotificationPreference.objects.filter(member=site["reader"]).update(last_digest_at=None)
        LessonPage.objects.update(first_published_at=timezone.now())
        assert run("weekly").splitlines()[::2] == [
            "Weekly digests enqueued for 0 members with something new (0 new items).",
            "Not emailed, though they follow something: 1 member who chose no emails, "
            "0 inactive accounts.",
        ]

    def test_a_changed_or_made_up_link_is_not_found(self, site, link):
        assert Client().post(link[:-3] + "xx/").status_code == 404
        assert Client().get("/emails/unsubscribe/not-a-token/").status_code == 404
        pk, _, mac = link.removeprefix("/emails/unsubscribe/").rstrip("/").partition(".")
        assert Client().post(f"/emails/unsubscribe/{int(pk) + 1}.{mac}/").status_code == 404
        assert Client().post(f"/emails/unsubscribe/{'9' * 30}.{mac}/").status_code == 404
        assert self.frequency(site) == "weekly"

    def test_a_long_link_sent_before_links_were_short_still_unsubscribes(self, site, link):
        old = signing.dumps(site["reader"].pk, salt=UNSUBSCRIBE_SALT)
        response = Client(enforce_csrf_checks=True).post(
            f"/emails/unsubscribe/{old}/",
            "List-Unsubscribe=One-Click",
            content_type="application/x-www-form-urlencoded",
        )
        assert response.status_code == 200
        assert self.frequency(site) == "none"


def test_mail_readers_parse_list_unsubscribe_as_one_plain_https_link(site, settings):
    """RFC 8058 one-click: the header as mail providers parse it from the raw message is one
    `<https://…>`, on one line, not RFC 2047 encoded words folded over lines."""
    settings.SITE_URL = "https://knowledge.example.nhs.uk"
    subscribe(site["reader"], "weekly", theme=site["theme"])
    run("weekly")
    [message] = mail.outbox
    raw = message.message().as_bytes()
    parsed = email.message_from_bytes(raw, policy=email.policy.default)
    [header] = parsed.get_all("List-Unsubscribe")
    site_url = re.escape("https://knowledge.example.nhs.uk")
    assert re.fullmatch(rf"<{site_url}/emails/unsubscribe/[^/\s]+/>", header)
    assert header.removeprefix("<").removesuffix(">") in message.body
    assert parsed["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    [line] = [line for line in raw.split(b"\n") if line.startswith(b"List-Unsubscribe:")]
    assert line.rstrip(b"\r") == f"List-Unsubscribe: {header}".encode()
    assert len(header) < 100
