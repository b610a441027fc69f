"""Load the demo content in home/demo/: lessons, people and their profiles, each network's
events, resources, research summaries and maturity reviews, where lessons were applied, and
the themes facilitators curate (each by the facilitators home/demo/themes.json names),
organisations with their self-assessments (home/demo_assessments.py) and the campaigns
(home/demo_campaigns.py).
Every step is safe to repeat."""

import datetime
import json
import zoneinfo
from decimal import Decimal
from pathlib import Path

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.db import transaction

from wagtail.models import Page

from allauth.account.models import EmailAddress

from accounts.roles import SITE_EDITORS_GROUP
from campaigns.models import CaseStudyNomination, KeyMessage, MonthlyPick
from following.models import Follow
from home.demo_assessments import load_assessments
from home.demo_campaigns import load_campaigns
from home.demo_questions import load_questions
from home.demo_rounds import load_rounds
from home.site_tree import ensure_site_tree, import_lessons
from lessons.models import Application, LessonPage
from maturity.models import Dimension
from network.models import (
    EventPage,
    EventSpeaker,
    Membership,
    NetworkPage,
    NetworkReview,
    OutcomeMeasure,
    Profile,
    RegionalLead,
    ResearchSummaryPage,
    ResourcePage,
    ReviewScore,
)
from themes.models import ThemeIndexPage, ThemePage, ThemePick

DEMO_DIR = Path(__file__).resolve().parent / "demo"
ADMIN_EMAIL = "admin@example.nhs.uk"
LONDON = zoneinfo.ZoneInfo("Europe/London")


def read(name):
    return json.loads((DEMO_DIR / name).read_text(encoding="utf-8"))


@transaction.atomic
def load(password):
    """Load everything; returns (lesson import result, number of people)."""
    ensure_site_tree()
    result = import_lessons(read("lessons.json"))
    people = read("members.json")["members"]
    networks = {network.slug: network for network in NetworkPage.objects.all()}
    for person in people:
        load_person(person, password, networks)
    account(
        ADMIN_EMAIL,
        password,
        first_name="Site",
        last_name="Administrator",
        is_superuser=True,
    )
    assign_lesson_authors()
    content = read("network_content.json")
    for event in content["events"]:
        load_event(event, networks[event["network"]])
    for resource in content["resources"]:
        load_resource(resource, networks[resource["network"]])
    for summary in content["research_summaries"]:
        load_research_summary(summary, networks[summary["network"]])
    for review in content["reviews"]:
        load_review(review, networks[review["network"]])
    for application in read("applications.json")["applications"]:
        load_application(application)
    themes_index = ThemeIndexPage.objects.get()
    for theme in read("themes.json")["themes"]:
        load_theme(theme, themes_index)
    for person in people:
        load_follows(person)
    load_impact(read("impact.json"))
    load_assessments(read("assessments.json"))
    load_campaigns(read("campaigns.json"))
    load_rounds()
    load_questions()
    return result, len(people)


def account(email, password, **fields):
    """A demo account with a verified email address; its password follows the demo one."""
    user, created = get_user_model().objects.get_or_create(email=email, defaults=fields)
    if created or not user.check_password(password):
        user.set_password(password)
        user.save()
    EmailAddress.objects.update_or_create(
        user=user, email=email, defaults={"verified": True, "primary": True}
    )
    return user


def load_person(person, password, networks):
    user = account(
        person["email"],
        password,
        first_name=person["first_name"],
        last_name=person["last_name"],
    )
    if person.get("site_editor", False):
        user.groups.add(Group.objects.get(name=SITE_EDITORS_GROUP))
    for membership in person.get("networks", []):
        Membership.objects.update_or_create(
            network=networks[membership["network"]],
            user=user,
            defaults={"role": membership["role"]},
        )
    for region in person.get("regional_lead_for", []):
        RegionalLead.objects.get_or_create(user=user, region=region)
    details = dict(person.get("profile") or {})
    if not details:
        return
    tags = {key: details.pop(key, []) for key in ("specialisms", "training", "ask_me_about")}
    profile, _ = Profile.objects.update_or_create(user=user, defaults=details)
    for key, names in tags.items():
        getattr(profile, key).set(names)
    profile.save()


def assign_lesson_authors():
    """Demo lessons were imported without authors: credit each to someone in its network."""
    for lesson in LessonPage.objects.filter(owner__isnull=True).select_related("network"):
        if lesson.network is None:
            continue
        people = list(
            lesson.network.memberships.order_by("user__email").values_list("user", flat=True)
        )
        if people:
            LessonPage.objects.filter(pk=lesson.pk).update(owner=people[lesson.pk % len(people)])


def _child_page(network, model, slug):
    page = model.objects.child_of(network).filter(slug=slug).first()
    return page or model(slug=slug)


def _save(network, page):
    if page.pk is None:
        network.add_child(instance=page)
    page.save_revision().publish()


def _links(items):
    return [{"type": "link", "value": {"title": i["title"], "url": i["url"]}} for i in items]


def _local(text):
    return datetime.datetime.fromisoformat(text).replace(tzinfo=LONDON)


def load_event(data, network):
    event = _child_page(network, EventPage, data["slug"])
    event.title = data["title"]
    event.start = _local(data["start"])
    event.end = _local(data["end"])
    event.online = data["online"]
    event.venue = data.get("venue", "")
    event.joining_link = data.get("joining_link", "")
    event.audience = data.get("audience", "")
    event.description = data["description"]
    event.recording_url = data.get("recording_url", "")
    event.materials = _links(data.get("materials", []))
    event.useful_links = _links(data.get("useful_links", []))
    event.background_reading = _links(data.get("background_reading", []))
    event.themes.set(data.get("themes", []))
    profiles = {p.user.email: p for p in Profile.objects.select_related("user")}
    event.speakers = [
        EventSpeaker(name=s["name"], role=s.get("role", ""), profile=profiles.get(s.get("email")))
        for s in data.get("speakers", [])
    ]
    _save(network, event)


def _tag(page, data):
    page.themes.set(data.get("themes", []))
    page.dimensions = list(Dimension.objects.filter(code__in=data.get("dimensions", [])))


def load_resource(data, network):
    page = _child_page(network, ResourcePage, data["slug"])
    page.title = data["title"]
    page.kind = data["kind"]
    page.summary = data["summary"]
    page.body = data.get("body", "")
    page.link = data.get("link", "")
    _tag(page, data)
    _save(network, page)


def load_research_summary(data, network):
    page = _child_page(network, ResearchSummaryPage, data["slug"])
    page.title = data["title"]
    for field in ("question", "findings", "reliability", "applies_to", "citation"):
        setattr(page, field, data[field])
    _tag(page, data)
    _save(network, page)


def load_review(data, network):
    date = datetime.date.fromisoformat(data["date"])
    dimensions = Dimension.objects.in_bulk(field_name="code")
    review = NetworkReview.objects.filter(network=network, date=date).first() or NetworkReview(
        network=network, date=date
    )
    review.notes = data.get("notes", "")
    review.scores = [
        ReviewScore(
            dimension=dimensions[s["dimension"]],
            current_level=s["current"],
            target_level=s["target"],
            notes=s.get("notes", ""),
        )
        for s in data["scores"]
    ]
    review.measures = [
        OutcomeMeasure(
            name=m["name"],
            value=Decimal(str(m["value"])),
            date=datetime.date.fromisoformat(m["date"]),
        )
        for m in data.get("measures", [])
    ]
    review.save()


def load_application(data):
    """A team applied a lesson, through the same transitions a member uses; the author and
    facilitators are not emailed about these old applications."""
    lesson = LessonPage.objects.get(slug=data["lesson"])
    applier = get_user_model().objects.get(email=data["applier"])
    applied_on = datetime.date.fromisoformat(data["applied_on"])
    if lesson.applications.filter(applier=applier, applied_on=applied_on).exists():
        return
    application = lesson.record_application(
        applier,
        applied_on=applied_on,
        what_we_did=data["what_we_did"],
        notify=False,
        **{key: data[key] for key in Application.CONTEXT_FIELDS if key in data},
    )
    if data.get("result"):
        application.record_result(
            applier,
            data["result"],
            data.get("result_note", ""),
            on=datetime.date.fromisoformat(data["result_on"]),
        )


def load_theme(data, index):
    """A theme, curated by the facilitators it names: the first created it (its owner), the
    others were added by them."""
    curators = [get_user_model().objects.get(email=email) for email in data["curators"]]
    theme = ThemePage.objects.child_of(index).filter(slug=data["slug"]).first()
    theme = theme or ThemePage(slug=data["slug"])
    theme.owner = curators[0]
    theme.curators.set(curators)
    theme.title = data["title"]
    theme.introduction = data["introduction"]
    theme.tags.set(data["tags"])
    theme.dimensions = list(Dimension.objects.filter(code__in=data["dimensions"]))
    picked = Page.objects.filter(slug__in=[pick["page"] for pick in data["picks"]])
    pages = {page.slug: page for page in picked}
    theme.picks = [ThemePick(page=pages[pick["page"]], note=pick["note"]) for pick in data["picks"]]
    if theme.pk is None:
        index.add_child(instance=theme)
    theme.save_revision(user=curators[0]).publish(user=curators[0])


def load_follows(person):
    """What a demo person follows, followed as they would from each page."""
    follows = person.get("follows")
    if not follows:
        return
    follower = get_user_model().objects.get(email=person["email"])
    for slug in follows.get("themes", []):
        Follow.start(follower, "theme", ThemePage.objects.get(slug=slug))
    for slug in follows.get("networks", []):
        Follow.start(follower, "network", NetworkPage.objects.get(slug=slug))
    for email in follows.get("people", []):
        Follow.start(follower, "person", Profile.objects.get(user__email=email))


def _months_ago(months):
    month = datetime.date.today().replace(day=1)
    for _ in range(months):
        month = (month - datetime.timedelta(days=1)).replace(day=1)
    return month


def load_impact(data):
    """The value proposition's key messages, facilitators' nominations and the editors' picks
    of the case study of the month (the admin picks, through the same transitions)."""
    for message in data["key_messages"]:
        KeyMessage.objects.update_or_create(
            number=message["number"],
            defaults={"text": message["text"], "source_title": message["source"]},
        )
    User = get_user_model()
    admin = User.objects.get(email=ADMIN_EMAIL)
    lessons = {page.slug: page for page in LessonPage.objects.filter(kind="case_study")}
    for nomination in data["nominations"]:
        CaseStudyNomination.nominate(
            User.objects.get(email=nomination["by"]),
            lessons[nomination["lesson"]],
            _months_ago(nomination["months_ago"]),
            nomination["reason"],
        )
    for pick in data["picks"]:
        MonthlyPick.pick(admin, lessons[pick["lesson"]], _months_ago(pick["months_ago"]))
