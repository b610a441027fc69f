"""Lesson pages and the lessons index: the page tree, what a reader sees, and its cost."""

import re

from wagtail.models import Page

import pytest

from home.models import HomePage
from lessons.models import LESSONS_PER_PAGE, LessonIndexPage, LessonPage, LessonRelation
from network.models import NetworkIndexPage, NetworkPage
from tests.builders.accounts import make_user
from tests.builders.lessons import editor_form, lesson
from tests.builders.network import make_profile
from tests.builders.pages import text_of


class TestPageTree:
    def test_editors_add_lessons_under_the_lessons_index_and_nowhere_else(
        self, site_tree, import_lessons, client
    ):
        home, lesson_index, network_index = site_tree
        import_lessons(lesson())
        client.force_login(make_user("editor@example.nhs.uk", is_staff=True, is_superuser=True))

        def add_lesson(parent):
            return f"/admin/pages/add/lessons/lessonpage/{parent.pk}/"

        # Under the index, "Add child page" goes straight to the lesson form: it takes nothing else.
        assert client.get(f"/admin/pages/{lesson_index.pk}/add_subpage/").url == add_lesson(
            lesson_index
        )
        assert client.get(add_lesson(lesson_index)).status_code == 200
        a_lesson = LessonPage.objects.get()
        elsewhere = [home, network_index, NetworkPage.objects.get(slug="south-west-km"), a_lesson]
        for parent in elsewhere:
            response = client.post(
                add_lesson(parent), {**editor_form(), "action-publish": "publish"}
            )
            assert (response.status_code, response.url) == (302, "/admin/"), parent
        assert list(LessonPage.objects.all()) == [a_lesson]
        # Nothing at all can be added under a lesson.
        assert client.get(f"/admin/pages/{a_lesson.pk}/add_subpage/").url == "/admin/"

    def test_indexes_live_under_the_home_page_once(self, site_tree):
        home, lesson_index, network_index = site_tree
        assert LessonIndexPage.can_exist_under(home)
        assert NetworkIndexPage.can_exist_under(home)
        assert not LessonIndexPage.can_create_at(home)  # max_count 1, already there
        assert not LessonPage.can_exist_under(home)
        assert not HomePage.can_create_at(Page.get_first_root_node())

    def test_networks_live_under_the_networks_index(self, site_tree):
        _, lesson_index, network_index = site_tree
        assert NetworkPage.can_exist_under(network_index)
        assert not NetworkPage.can_exist_under(lesson_index)

    def test_ensure_site_tree_is_idempotent(self, site_tree):
        from home.site_tree import ensure_site_tree

        assert ensure_site_tree() == site_tree
        assert HomePage.objects.count() == 1


class TestLessonPage:
    def test_shows_context_team_and_whys(self, import_lessons, client):
        import_lessons(lesson())
        response = client.get("/lessons/discharge-huddles/")
        assert response.status_code == 200
        text = text_of(response)
        for expected in [
            "Daily discharge huddles",
            "Acute trust",
            "inpatient wards",
            "South West",
            "A department",
            "Ward sister , 18 years of experience",
            "Specialisms: infection prevention and control",
            "Training: measurement for improvement",
            "27 years of experience between them",
            "What we set out to do",
            "The outcome and how we measured it",
            "Effective communication",
            "Root cause: A fixed, protected time made the huddle a habit.",
            "Booked 9am in every rota",
            "Keep it to ten minutes.",
        ]:
            assert expected in text, expected
        html = response.content.decode()
        ladder = re.search(r'<ol class="app-whys">(.*?)</ol>', html, re.S).group(1)
        steps = re.findall(r'app-whys__label">Why\?</span>\s*(.*?)</li>', ladder)
        assert steps == lesson()["factors"][0]["whys"]

    def test_context_and_team_come_after_the_summary_and_before_the_story(
        self, import_lessons, client
    ):
        # A phone shows the page in this order: readers judge from the context and the team
        # whether the lesson applies to them before they read the story.
        import_lessons(lesson())
        html = client.get("/lessons/discharge-huddles/").content.decode()
        order = [
            "Ten-minute huddles at 9am",
            'id="context-heading"',
            'id="team-heading"',
            "What we set out to do",
            'id="factors"',
        ]
        positions = [html.index(marker) for marker in order]
        assert positions == sorted(positions)

    def test_maturity_badge_links_to_the_level_descriptor(self, import_lessons, client):
        import_lessons(lesson())
        html = client.get("/lessons/discharge-huddles/").content.decode()
        assert 'href="/maturity/outcome/qiof-2/#level-2"' in html
        descriptor = client.get("/maturity/outcome/qiof-2/").content.decode()
        assert 'id="level-2"' in descriptor

    @pytest.mark.parametrize(
        ("kind", "heading"),
        [
            ("lesson", "What we set out to do"),
            ("case_study", "The challenge"),
            ("before_action_review", "What are our intended results and measures?"),
            ("after_action_review", "What was meant to happen?"),
            ("retrospect", "What were the objectives?"),
        ],
    )
    def test_each_kind_asks_its_own_questions(self, import_lessons, client, kind, heading):
        import_lessons(lesson(kind=kind))
        assert heading in text_of(client.get("/lessons/discharge-huddles/"))

    @pytest.mark.parametrize("size", [1, 12])
    def test_query_count_does_not_grow_with_team_and_factors(
        self, import_lessons, client, django_assert_max_num_queries, size
    ):
        data = lesson()
        data["context"]["team"] = [
            {"role": f"Role {n}", "years_experience": n, "specialisms": ["a"], "training": ["b"]}
            for n in range(size)
        ]
        data["factors"] = [
            {"type": "barrier", "statement": f"Barrier {n}", "whys": ["w1", "w2", "w3"]}
            for n in range(size)
        ]
        data["maturity"] = [{"dimension": f"qiof-{n}", "level": 1} for n in range(1, 7)]
        others = [lesson(slug=f"other-{n}", title=f"Other lesson {n}") for n in range(size)]
        import_lessons(data, *others)
        author = make_user("author@example.nhs.uk")
        make_profile(author, display_name="Ann Author")
        LessonPage.objects.filter(slug="discharge-huddles").update(owner=author)
        page = LessonPage.objects.get(slug="discharge-huddles")
        for other in LessonPage.objects.filter(slug__startswith="other-"):
            LessonRelation.objects.create(lesson=page, target=other, relation="builds_on")
            LessonRelation.objects.create(lesson=other, target=page, relation="contrasts_with")
        client.get("/lessons/discharge-huddles/")  # warm Wagtail's site-root cache
        # 15 for the page itself, 2 for "Lessons from similar contexts" (its box, kept from
        # the view above until a lesson changes, and the lessons in it, read again),
        # 3 for where it was applied, its learned mark and its "useful" count; 2 for the
        # themes that list it (its own themes are read again, as a list: a lesson being
        # previewed keeps them in memory, where no subquery can reach them); 3 for "Related
        # lessons" (its links, which of them are readable, links to it); 1 for the header's
        # links from the page tree; 4 for its metadata (Wagtail's privacy setting, its themes
        # as keywords, and the lessons it builds on that anyone may read: its links and which
        # are readable); 1 for its evidence files. (Its author's and co-authors' profiles are
        # one query, as its author's alone was.) 1 for its comments (questions/wagtail_hooks.py).
        # Less 3: its themes and links are read once, prefetched onto the lesson, for the page,
        # the themes that list it and its metadata alike (every page type's budget:
        # tests/core/test_query_budgets.py).
        with django_assert_max_num_queries(29):
            response = client.get("/lessons/discharge-huddles/")
        assert response.status_code == 200
        html = response.content.decode()
        assert html.count("This lesson builds on") == size
        assert html.count("contrasts with this lesson") == size
        assert html.count('class="app-factor app-factor--barrier"') == size
        assert html.count('class="app-team__member"') == size
        assert "Shared by" in html and "Ann Author" in html


class TestLessonIndex:
    def test_lists_filters_by_kind_and_theme(self, import_lessons, client):
        import_lessons(
            lesson(),
            lesson(slug="a-case", title="A case study", kind="case_study", themes=["onboarding"]),
        )
        assert "A case study" in text_of(client.get("/lessons/"))
        by_kind = text_of(client.get("/lessons/?kind=case_study"))
        assert "A case study" in by_kind and "Daily discharge huddles" not in by_kind
        by_theme = text_of(client.get("/lessons/?theme=Huddles"))
        assert "Daily discharge huddles" in by_theme and "A case study" not in by_theme

    def test_unknown_kind_is_ignored_not_an_error(self, import_lessons, client):
        import_lessons(lesson())
        response = client.get("/lessons/?kind=nonsense&page=abc")
        assert response.status_code == 200
        assert "Daily discharge huddles" in text_of(response)

    def test_empty_state(self, site_tree, client):
        assert "No lessons have been published yet" in text_of(client.get("/lessons/"))

    def test_empty_state_for_filters_offers_a_way_back(self, import_lessons, client):
        import_lessons(lesson())
        text = text_of(client.get("/lessons/?theme=nothing-here"))
        assert "No lessons match these filters" in text

    def test_paginates(self, import_lessons, client, django_assert_max_num_queries):
        import_lessons(*[lesson(slug=f"lesson-{n:02}", title=f"Lesson {n:02}") for n in range(15)])
        first = text_of(client.get("/lessons/"))
        assert first.count("Lesson ") >= LESSONS_PER_PAGE
        assert "Page 2 of 2" in first
        # 14 for the listing; 1 for its page metadata (whether Wagtail's privacy setting hides
        # the section, core/metadata.py).
        with django_assert_max_num_queries(15):
            second = client.get("/lessons/?page=2")
        assert text_of(second).count("Lesson 0") + text_of(second).count("Lesson 1") == 3
