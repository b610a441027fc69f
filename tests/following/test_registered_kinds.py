"""What members may follow is registered by the apps that own it (core/follows.py): a kind
registered here, by a test standing in for an app that `following` does not import, is followed,
listed, digested and emailed at once like themes, networks and people; any app may add to what
is new in a followed thing; each kind's two rules agree; deleting a followed thing or an item
leaves nothing behind."""

import datetime
import io

from django.contrib.auth.models import AnonymousUser
from django.core import mail
from django.core.management import call_command
from django.utils import timezone

import pytest

from campaigns.models import CampaignPage
from core import follows
from following import digests
from following.models import Follow, NotificationPreference, SentItem
from home import site_tree
from lessons.models import LessonPage
from maturity.models import Dimension
from network.models import EventPage, NetworkPage, Profile
from questions.models import Question
from tests.builders.accounts import make_user
from tests.builders.campaigns import add_campaign
from tests.builders.lessons import document, lesson
from tests.builders.network import add_event, make_profile
from tests.builders.pages import text_of
from tests.builders.questions import ask as ask_question
from tests.builders.themes import add_theme
from themes.models import ThemePage, ThemeTag


def lessons_on_outcomes(reader, outcomes, window):
    by_pk = {outcome.pk: outcome for outcome in outcomes}
    lessons = window.filter(
        LessonPage.objects.readable_by(reader).filter(maturity_links__dimension__in=outcomes)
    ).distinct()
    for lesson_page in lessons.prefetch_related("maturity_links"):
        for link in lesson_page.maturity_links.all():
            if link.dimension_id in by_pk:
                yield lesson_page, by_pk[link.dimension_id]


# A maturity outcome, followed like a theme: an app that `following` knows nothing of could
# register this from its AppConfig.ready().
OUTCOMES = follows.Kind(
    name="outcome",
    model=Dimension,
    followable=lambda user: Dimension.objects.all(),
    may_follow=lambda user, outcome: True,
    order=40,
    plural="outcomes",
    none_followed="You do not follow any outcomes.",
    browse="Browse the frameworks",
    browse_url=lambda request: "/maturity/",
    reason=lambda outcome: f"the outcome “{outcome.label}”",
    title=lambda outcome: outcome.label,
    url=Dimension.get_absolute_url,
)
LESSONS_ON_OUTCOMES = follows.News(
    kind="outcome",
    model=LessonPage,
    items=lessons_on_outcomes,
    sources=lambda lesson_page: lesson_page.maturity_links.values("dimension"),
)


def events_in_themes(reader, themes, window):
    tags = {}
    for tag in ThemeTag.objects.filter(content_object__in=themes):
        tags.setdefault(tag.content_object_id, set()).add(tag.tag_id)
    events = window.filter(
        EventPage.objects.readable_by(reader).filter(
            tagged_themes__tag_id__in=[tag for ids in tags.values() for tag in ids]
        )
    ).distinct()
    for event in events.prefetch_related("tagged_themes"):
        event_tags = {tagged.tag_id for tagged in event.tagged_themes.all()}
        for theme in themes:
            if tags.get(theme.pk, set()) & event_tags:
                yield event, theme


# Events tagged with a theme's tags, added to what is new in a theme, as questions will add
# theirs.
EVENTS_IN_THEMES = follows.News(
    kind="theme",
    model=EventPage,
    items=events_in_themes,
    sources=lambda event: ThemePage.objects.filter(
        tagged_items__tag_id__in=[tag.pk for tag in event.themes.all()]
    ).values("pk"),
)


@pytest.fixture
def outcomes_followable():
    with follows.registered(OUTCOMES, LESSONS_ON_OUTCOMES):
        yield


A_MONTH = datetime.timedelta(days=30)


def run(frequency):
    call_command("send_digests", "--frequency", frequency, stdout=io.StringIO())


def subscribe(member, frequency, *things):
    NotificationPreference.objects.update_or_create(
        member=member, defaults={"frequency": frequency}
    )
    for thing in things:  # followed before the site's lessons were published
        follow = Follow.objects.create(follower=member, target=thing)
        Follow.objects.filter(pk=follow.pk).update(created_at=follow.created_at - A_MONTH)


def publish(capture, *lessons):
    with capture(execute=True):
        site_tree.import_lessons(document(*lessons))


def test_a_registered_kind_is_followed_listed_and_stopped_from_its_forms(
    site, client, outcomes_followable
):
    outcome = Dimension.objects.get(code="qiof-1")
    client.force_login(site["reader"])
    page = text_of(client.get("/members/me/following/"))
    assert (
        "Follow themes, networks, people, campaigns, outcomes and questions from their pages."
        in page
    )
    assert "You do not follow any outcomes. Browse the frameworks" in page

    response = client.post(
        "/members/me/following/follow/", {"kind": "outcome", "pk": outcome.pk, "next": "/"}
    )
    assert response.status_code == 302
    assert Follow.objects.filter(follower=site["reader"]).of(outcome).count() == 1
    html = client.get("/members/me/following/").content.decode()
    assert f'<a href="{outcome.get_absolute_url()}">QIOF Outcome 1</a>' in html
    assert "You do not follow any outcomes." not in text_of(client.get("/members/me/following/"))

    client.post("/members/me/following/stop/", {"kind": "outcome", "pk": outcome.pk, "next": "/"})
    assert "You no longer follow QIOF Outcome 1." in text_of(client.get("/"))
    assert not Follow.objects.exists()


def test_a_kind_no_app_registers_cannot_be_followed(site, client):
    client.force_login(site["reader"])
    outcome = Dimension.objects.get(code="qiof-1")
    response = client.post("/members/me/following/follow/", {"kind": "outcome", "pk": outcome.pk})
    assert response.status_code == 404
    assert "outcomes" not in text_of(client.get("/members/me/following/"))


def test_a_registered_kind_is_digested_and_emailed_at_once(
    site, django_capture_on_commit_callbacks, outcomes_followable
):
    outcome = Dimension.objects.get(code="qiof-1")
    reader, board_member = site["reader"], site["board_member"]
    subscribe(reader, "immediate", outcome)
    subscribe(board_member, "weekly", outcome)
    on_outcome_1 = [{"dimension": "qiof-1", "level": 3}]
    publish(
        django_capture_on_commit_callbacks,
        lesson(slug="outcome-one", title="Outcome one in practice", maturity=on_outcome_1),
        lesson(
            slug="outcome-one-board",
            title="Outcome one at board level",
            maturity=on_outcome_1,
            visibility="members",
            network="board-leads",
        ),
    )
    [email] = mail.outbox
    assert email.to == [reader.email]
    assert email.subject == "New lesson: Outcome one in practice"
    assert "Because you follow the outcome “QIOF Outcome 1”." in email.body

    run("weekly")
    [_, digest] = mail.outbox
    assert digest.to == [board_member.email]
    assert digest.subject == "Your weekly digest: 2 new lessons"
    assert "Outcome one in practice" in digest.body
    assert "Outcome one at board level" in digest.body
    assert "South West huddles" not in digest.body  # on outcome 2, which they do not follow
    assert digest.body.count("Because you follow the outcome “QIOF Outcome 1”.") == 2


def test_any_app_adds_to_what_is_new_in_a_followed_thing(site, django_capture_on_commit_callbacks):
    reader = site["reader"]
    subscribe(reader, "immediate", site["theme"])
    with follows.registered(EVENTS_IN_THEMES):
        with django_capture_on_commit_callbacks(execute=True):
            add_event(site["south_west"], "huddle-webinar", "Huddle webinar", themes=["huddles"])
            add_event(site["board"], "board-huddle", "Board huddle roundtable", themes=["huddles"])
        [email] = mail.outbox
        assert email.subject == "New event: Huddle webinar"
        assert "Huddle webinar: an hour for network leads." in email.body
        assert "Because you follow the theme “Huddles”." in email.body

        NotificationPreference.objects.filter(member=reader).update(frequency="weekly")
        SentItem.objects.all().delete()
        run("weekly")
        digest = mail.outbox[-1]
        assert digest.subject == "Your weekly digest: 2 new lessons and 1 new event"
        assert "Huddle webinar" in digest.body
        assert "Board huddle roundtable" not in digest.body  # members only

    mail.outbox.clear()
    SentItem.objects.all().delete()
    NotificationPreference.objects.filter(member=reader).update(last_digest_at=None)
    run("weekly")
    assert "Huddle webinar" not in mail.outbox[-1].body  # no app adds events to themes now


def test_an_event_in_a_followed_network_is_emailed_at_once_with_its_description(
    site, django_capture_on_commit_callbacks
):
    subscribe(site["reader"], "immediate", site["south_west"])
    with django_capture_on_commit_callbacks(execute=True):
        add_event(site["south_west"], "new-webinar", "New webinar")
    [email] = mail.outbox
    assert email.subject == "New event: New webinar"
    lines = email.body.splitlines()
    at = lines.index("New webinar")
    assert lines[at + 1].endswith("(UK time)")
    assert lines[at + 2 : at + 5] == [
        "http://127.0.0.1:8000/networks/south-west-km/new-webinar/",
        "New webinar: an hour for network leads.",
        "",
    ]
    assert lines[at + 5] == "Because you follow South West KM Network."


def test_each_kind_may_follow_exactly_what_it_lists_as_followable(site):
    add_theme("unpublished", "Unpublished theme", live=False)
    add_campaign("draft-campaign", "Draft campaign", live=False)
    add_campaign()
    site_wide = ask_question(site["reader"], place="site", title="Who runs huddles on Sundays?")
    board_only = ask_question(site["board_member"], place="members")
    author = site["author"].user
    people = [AnonymousUser(), site["reader"], site["board_member"], author]
    things = {
        "theme": ThemePage.objects.all(),
        "network": NetworkPage.objects.all(),
        "person": Profile.objects.all(),
        "campaign": CampaignPage.objects.all(),
        "question": Question.objects.all(),
    }
    assert [kind.name for kind in follows.kinds()] == [
        "theme",
        "network",
        "person",
        "campaign",
        "question",
    ]
    for kind in follows.kinds():
        for person in people:
            followable = set(kind.followable(person).values_list("pk", flat=True))
            for thing in things[kind.name]:
                assert kind.may_follow(person, thing) == (thing.pk in followable), (
                    kind.name,
                    person,
                    thing,
                )
    # The rules are not trivially true or false.
    assert not follows.kind("theme").may_follow(
        site["reader"], ThemePage.objects.get(slug="unpublished")
    )
    assert not follows.kind("network").may_follow(site["reader"], site["board"])
    assert follows.kind("network").may_follow(site["board_member"], site["board"])
    assert not follows.kind("person").may_follow(author, site["author"])
    assert not follows.kind("person").may_follow(site["reader"], site["hidden"])
    assert not follows.kind("campaign").may_follow(
        site["reader"], CampaignPage.objects.get(slug="draft-campaign")
    )
    assert follows.kind("question").may_follow(site["board_member"], site_wide)
    assert not follows.kind("question").may_follow(AnonymousUser(), site_wide)
    assert not follows.kind("question").may_follow(site["reader"], board_only)


def test_deleting_a_followed_thing_or_a_sent_item_leaves_no_follow_or_sent_item(site):
    reader = make_user("deleter@example.nhs.uk")
    gone = make_user("gone@example.nhs.uk")
    theme = add_theme("short-lived", "Short-lived", tags=["huddles"])
    subscribe(reader, "weekly", theme, site["theme"], make_profile(gone, display_name="Gone"))
    sent = digests.new_items(reader, since=timezone.now() - datetime.timedelta(days=7))
    assert sent
    run("weekly")
    assert SentItem.objects.filter(member=reader).count() == len(sent)

    theme.delete()
    gone.delete()
    LessonPage.objects.get(slug="sw-huddles").delete()
    assert [follow.target for follow in Follow.objects.filter(follower=reader)] == [site["theme"]]
    assert len(sent) - 1 == SentItem.objects.filter(member=reader).count()
    assert all(item.item is not None for item in SentItem.objects.filter(member=reader))
