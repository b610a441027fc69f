"""Before sending a lesson, its champion sees the published lessons most like it and may link to
them ("builds on", "contrasts with"); the links show on both lessons, to readers who may read
the other. And the site invites members to share, saying what happens next."""

from urllib.parse import quote

from django.test import override_settings
from django.urls import reverse

import pytest

from lessons.models import LessonPage, LessonRelation
from network.models import NetworkPage
from tests.builders.lessons import lesson
from tests.builders.module_data import afresh
from tests.builders.sharing import approve, people, shared, step, url


def other(slug, title, **fields):
    return lesson(slug=slug, title=title, summary=f"{title}.", **fields)


@pytest.fixture(scope="module")
def built(module_lessons):
    """Built once for the module: what a test writes is undone after it (module_db)."""
    module_lessons(
        lesson(),  # Daily discharge huddles: an acute trust in the South West
        other("huddle-two", "Evidence huddles in theatres"),
        other("huddle-three", "Huddles for community nurses"),
        other("huddle-four", "Safety huddles"),
        other("huddle-five", "Morning huddles"),
        other("huddle-six", "Huddles at handover"),
        other(
            "board-secret",
            "Board huddles",
            visibility="members",
            network="board-leads",
        ),
        other("unfinished", "Unfinished huddles", status="draft"),
    )
    return people()


@pytest.fixture
def world(built):
    """Everyone read afresh for each test, so nothing one test's checks kept on them (a
    permission cache) reaches the next."""
    return afresh(built)


@pytest.fixture
def champion(world, client):
    client.force_login(world["champion"])
    return world["champion"]


def draft_like_the_others(champion):
    return shared(
        champion,
        title="Huddles that stuck",
        organisation_type="acute_trust",
        region="south_west",
        setting="inpatient wards",
    )


def test_the_check_page_suggests_up_to_five_readable_published_lessons_with_reasons(
    champion, client
):
    lesson_ = draft_like_the_others(champion)
    html = client.get(url("share_check", lesson_)).content.decode()
    section = html.split('id="similar"', 1)[1]
    assert section.count('class="nhsuk-card"') == 5
    assert "Board huddles" not in section  # members-only, and not the champion's network
    assert "Unfinished huddles" not in section  # a draft
    assert "Huddles that stuck" not in section  # not itself
    assert "same organisation type: acute trust" in section.lower()
    assert "same region: south west" in section.lower()
    assert "My lesson builds on this" in section and "My lesson contrasts with this" in section


def test_members_of_the_network_are_suggested_its_members_only_lessons(world, client, member_of):
    board_member = member_of("board-leads", email="champion@example.nhs.uk")
    client.force_login(board_member)
    lesson_ = draft_like_the_others(board_member)
    html = client.get(step(lesson_, "related") + "?q=board").content.decode()
    assert "Board huddles" in html


def test_a_link_shows_on_both_lessons_once_the_linking_lesson_is_published(
    champion, world, client, django_capture_on_commit_callbacks
):
    lesson_ = draft_like_the_others(champion)
    target = LessonPage.objects.get(slug="huddle-six")  # the first lesson like it
    response = client.post(
        step(lesson_, "related"), {"link": f"{target.pk}:builds_on", "back": "check"}
    )
    assert response["Location"] == url("share_check", lesson_)
    html = client.get(url("share_check", lesson_)).content.decode()
    assert "Your lesson builds on this one." in html
    # Not on the earlier lesson's page while the linking lesson is a draft.
    assert "Huddles that stuck" not in client.get(target.url).content.decode()

    with django_capture_on_commit_callbacks(execute=True):
        client.post(url("share_submit", lesson_))
    lesson_ = approve(LessonPage.objects.get(pk=lesson_.pk), world["facilitator"])
    client.logout()
    assert "This lesson builds on" in client.get(lesson_.url).content.decode()
    assert "Huddles at handover" in client.get(lesson_.url).content.decode()
    html = client.get(target.url).content.decode()
    assert "Huddles that stuck</a> builds on this lesson" in html


def test_links_from_members_only_lessons_show_only_to_their_members(world, client, member_of):
    secret = LessonPage.objects.get(slug="board-secret")
    target = LessonPage.objects.get(slug="discharge-huddles")
    LessonRelation.objects.create(lesson=secret, target=target, relation="contrasts_with")
    assert "Board huddles" not in client.get(target.url).content.decode()
    client.force_login(member_of("board-leads", email="board@example.nhs.uk"))
    assert "Board huddles</a> contrasts with this lesson" in client.get(target.url).content.decode()


def test_a_champion_cannot_link_to_a_lesson_they_may_not_read(champion, client):
    lesson_ = draft_like_the_others(champion)
    for slug in ("board-secret", "unfinished"):
        hidden = LessonPage.objects.get(slug=slug)
        client.post(step(lesson_, "related"), {"link": f"{hidden.pk}:builds_on"})
    client.post(step(lesson_, "related"), {"link": f"{lesson_.pk}:builds_on"})  # itself
    client.post(step(lesson_, "related"), {"link": "nonsense"})
    draft = LessonPage.objects.get(pk=lesson_.pk).get_latest_revision_as_object()
    assert list(draft.related_links.all()) == []


def test_a_link_can_be_changed_and_removed(champion, client):
    lesson_ = draft_like_the_others(champion)
    target = LessonPage.objects.get(slug="huddle-two")
    client.post(step(lesson_, "related"), {"link": f"{target.pk}:builds_on"})
    client.post(step(lesson_, "related"), {"link": f"{target.pk}:contrasts_with"})
    draft = LessonPage.objects.get(pk=lesson_.pk).get_latest_revision_as_object()
    assert [(link.target_id, link.relation) for link in draft.related_links.all()] == [
        (target.pk, "contrasts_with")
    ]
    html = client.get(step(lesson_, "related")).content.decode()
    assert "Contrasts with" in html and "Evidence huddles in theatres" in html
    client.post(step(lesson_, "related"), {"unlink": str(target.pk)})
    draft = LessonPage.objects.get(pk=lesson_.pk).get_latest_revision_as_object()
    assert list(draft.related_links.all()) == []


def test_find_another_lesson_by_its_words(champion, client):
    lesson_ = draft_like_the_others(champion)
    html = client.get(step(lesson_, "related") + "?q=theatres").content.decode()
    assert "1 lesson found for “theatres”" in html
    assert "Evidence huddles in theatres" in html
    html = client.get(step(lesson_, "related") + "?q=board").content.decode()
    assert "No lessons found for “board”" in html


def _fill(lesson_, client, size):
    client.post(
        step(lesson_, "team"),
        {
            "member-count": str(size),
            **{f"member-{n}-role": f"Role {n}" for n in range(1, size + 1)},
            **{f"member-{n}-years_experience": str(n) for n in range(1, size + 1)},
            **{f"member-{n}-training": "QSIR practitioner" for n in range(1, size + 1)},
        },
    )
    for n in range(size):
        client.post(
            url("share_factor", lesson_, "new"),
            {"type": "barrier", "statement": f"B{n}", "why-count": "1", "why-1-text": "w"},
        )
    for code in ("qiof-1", "qiof-2", "qiof-3")[:size]:
        client.post(url("share_level", lesson_, code), {"level": "2"})
    client.post(step(lesson_, "themes"), {"others": ", ".join(f"t{n}" for n in range(size))})
    for slug in ("huddle-two", "huddle-three", "huddle-four")[:size]:
        target = LessonPage.objects.get(slug=slug)
        client.post(step(lesson_, "related"), {"link": f"{target.pk}:builds_on"})


@pytest.mark.parametrize("size", [1, 3])
def test_the_check_page_costs_the_same_however_full_the_lesson(
    champion, client, size, django_assert_max_num_queries
):
    lesson_ = draft_like_the_others(champion)
    _fill(lesson_, client, size)
    client.get(url("share_check", lesson_))  # warm Wagtail's site-root cache
    # Signed-in member 3; the lesson, its revision and what it refers to 12 (one query per kind
    # of key, not per team member, outcome, theme or link); its review 1; what it needs 2;
    # lessons like it 11 (words, then context: that ranking first asks whether the readable
    # lessons are few enough to score all, lessons/candidates.py); addresses and the header 3;
    # the outcomes' level descriptors 1, for their labels. (PostgreSQL's full-text search needs
    # one query fewer than SQLite's.)
    with django_assert_max_num_queries(33):
        response = client.get(url("share_check", lesson_))
    assert response.status_code == 200
    assert response.content.decode().count("Team member ") == size


# Invitations to share


@override_settings(LESSON_REVIEW_DAYS=3)
@pytest.mark.parametrize("place", ["/", "/lessons/", "/networks/south-west-km/"])
def test_the_site_invites_members_to_share_and_says_what_happens_next(world, client, place):
    html = client.get(place).content.decode()
    assert "Share a lesson" in html
    assert "usually within 3 working days" in html
    assert reverse("lessons:share") in html


def test_a_network_pages_invitation_starts_the_form_with_that_network(world, client):
    client.force_login(world["champion"])
    html = client.get("/networks/south-west-km/").content.decode()
    assert "/lessons/share/?network=south-west-km" in html
    assert "Share a lesson with South West KM Network" in html

    response = client.get("/lessons/share/?network=south-west-km")
    assert "You are sharing it with South West KM Network" in response.content.decode()
    client.post(
        "/lessons/share/",
        {"network": "south-west-km", "kind": "lesson", "title": "Invited", "summary": "S"},
    )
    assert LessonPage.objects.get(title="Invited").network.slug == "south-west-km"


@pytest.fixture
def everyone(world, member_of):
    """For each network, a person of every kind: (kind, user or None for the signed out)."""
    board_member = member_of("board-leads", email="board-member@example.nhs.uk")
    return {
        "board-leads": [
            ("anonymous", None),
            ("non-member", world["non_member"]),
            ("member", board_member),
            ("facilitator", world["other_facilitator"]),
        ],
        "south-west-km": [
            ("anonymous", None),
            ("non-member", world["non_member"]),
            ("member", world["member"]),
            ("facilitator", world["facilitator"]),
        ],
    }


def signed_in_as(client, user):
    client.logout()
    if user is not None:
        client.force_login(user)


@pytest.mark.parametrize("slug", ["board-leads", "south-west-km"])
def test_a_network_page_invites_to_share_with_it_only_those_who_may(everyone, client, slug):
    network = NetworkPage.objects.get(slug=slug)
    for kind, user in everyone[slug]:
        signed_in_as(client, user)
        html = client.get(network.url).content.decode()
        may_share = kind in ("member", "facilitator")
        assert (f"Share a lesson with {network.title}" in html) is may_share, kind
        assert (f"/lessons/share/?network={slug}" in html) is may_share, kind
        assert "Share a lesson" in html and reverse("lessons:share") in html, kind


def test_an_invitation_to_a_network_one_may_not_share_with_says_so_on_the_form(everyone, client):
    address = "/lessons/share/?network=board-leads"
    for kind, user in everyone["board-leads"]:
        signed_in_as(client, user)
        response = client.get(address)
        if user is None:
            assert response.url == f"/accounts/login/?next={quote(address)}"
            continue
        html = response.content.decode()
        refusal = (
            "You are not a member of Board Evidence Leads, so you cannot share a lesson with it."
        )
        if kind == "non-member":
            assert refusal in html and "You are sharing it with" not in html
            assert 'name="network"' not in html
        else:
            assert "You are sharing it with Board Evidence Leads" in html and refusal not in html

    html = client.get("/lessons/share/?network=no-such-network").content.decode()
    assert "The link you followed names a network we cannot find" in html


def test_a_lesson_started_from_an_invitation_one_may_not_accept_is_shared_with_no_network(
    world, client
):
    client.force_login(world["champion"])
    response = client.post(
        "/lessons/share/",
        {"network": "board-leads", "kind": "lesson", "title": "Not invited", "summary": "S"},
        follow=True,
    )
    assert LessonPage.objects.get(title="Not invited").network is None
    assert "You are not a member of Board Evidence Leads" in response.content.decode()
    assert NetworkPage.objects.filter(slug="board-leads").exists()
