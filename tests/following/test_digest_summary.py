"""A digest starts from when the member began following: nothing published before it is news to
them in what they follow. `send_digests` says what it did: how many members got a digest, how
many had nothing new, and how many follow something but are not emailed."""

import datetime
import io

from django.core import mail
from django.core.management import call_command
from django.utils import timezone

from following.models import Follow, NotificationPreference
from home import site_tree
from tests.builders.accounts import make_user
from tests.builders.lessons import document, lesson


def follow(member, frequency, *things, ago=datetime.timedelta(0)):
    NotificationPreference.objects.update_or_create(
        member=member, defaults={"frequency": frequency}
    )
    for thing in things:
        made = Follow.objects.create(follower=member, target=thing)
        Follow.objects.filter(pk=made.pk).update(created_at=timezone.now() - ago)


def run(frequency):
    out = io.StringIO()
    call_command("send_digests", "--frequency", frequency, stdout=out)
    return out.getvalue().splitlines()


def publish(capture, slug, title, **fields):
    with capture(execute=True):
        site_tree.import_lessons(document(lesson(slug=slug, title=title, **fields)))


def test_a_first_digest_holds_only_what_was_published_after_the_member_began_following(
    site, django_capture_on_commit_callbacks
):
    reader = site["reader"]
    # The site's lessons were published minutes ago, within the week, but before this follow.
    follow(reader, "weekly", site["theme"])
    assert run("weekly")[0] == (
        "Weekly digests enqueued for 0 members with something new (0 new items)."
    )
    assert mail.outbox == []

    publish(django_capture_on_commit_callbacks, "new-huddles", "New huddles", themes=["huddles"])
    NotificationPreference.objects.filter(member=reader).update(last_digest_at=None)
    run("weekly")
    [email] = mail.outbox
    assert email.subject == "Your weekly digest: 1 new lesson"
    assert "New huddles" in email.body
    for title in ["South West huddles", "Board papers in public"]:
        assert title not in email.body


def test_an_item_is_news_only_through_what_was_followed_before_it_was_published(site):
    reader = site["reader"]
    follow(reader, "weekly", site["theme"], ago=datetime.timedelta(days=30))
    follow(reader, "weekly", site["south_west"])  # just now: its lessons are older
    run("weekly")
    [email] = mail.outbox
    assert "South West huddles" in email.body  # in the theme, followed a month ago
    assert "Because you follow the theme “Huddles”." in email.body
    assert "South West KM Network" not in email.body


def test_send_digests_says_how_many_members_got_a_digest_and_why_the_others_did_not(site):
    a_month = datetime.timedelta(days=30)
    follow(site["reader"], "weekly", site["theme"], ago=a_month)  # 2 lessons in the theme
    follow(site["board_member"], "weekly", site["theme"])  # nothing since they followed
    unsubscribed = make_user("none@example.nhs.uk")
    follow(unsubscribed, "none", site["theme"], ago=a_month)
    inactive = make_user("gone@example.nhs.uk", is_active=False)
    follow(inactive, "weekly", site["theme"], ago=a_month)
    daily = make_user("daily@example.nhs.uk")
    follow(daily, "daily", site["theme"], ago=a_month)  # not this run's

    assert run("weekly") == [
        "Weekly digests enqueued for 1 member with something new (2 new items).",
        "No email for 1 member with nothing new.",
        "Not emailed, though they follow something: 1 member who chose no emails, "
        "1 inactive account.",
    ]
    assert [message.to for message in mail.outbox] == [[site["reader"].email]]
    assert run("weekly")[:2] == [
        "Weekly digests enqueued for 0 members with something new (0 new items).",
        "No email for 2 members with nothing new.",
    ]
    assert len(mail.outbox) == 1
