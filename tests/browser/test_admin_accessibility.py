"""The Wagtail admin's lesson editor as an editor meets it: every input has a name (axe, WCAG
2.2 AA). The dashboard's heading is tested in tests/home/test_admin_dashboard_name.py."""

import pytest
from playwright.sync_api import expect

from home.site_tree import import_lessons
from lessons.models import LessonPage
from tests.builders.accounts import make_user
from tests.builders.browser import sign_in
from tests.builders.lessons import document, lesson

pytestmark = pytest.mark.django_db(transaction=True)


def test_the_lesson_editors_recommendations_are_named_and_pass_axe(page, assert_accessible):
    import_lessons(
        document(lesson(recommendations=["Keep the huddle short.", "Bring one paper only."]))
    )
    make_user("editor@example.nhs.uk", is_staff=True, is_superuser=True)
    sign_in(page, "editor@example.nhs.uk", next_url="/admin/")
    page.goto(f"/admin/pages/{LessonPage.objects.get().pk}/edit/")
    for tab in page.get_by_role("tab").all():
        tab.click()
        assert_accessible(page)
    recommendations = page.locator("[name^='recommendations-'][aria-label='Recommendation']")
    expect(recommendations).to_have_count(2)
