"""A facilitator corrects a typo in a published lesson of their network from its page, without
opening /admin/; the correction is published at once and the author is emailed what changed.
axe checks every page on the way."""

import re

from django.core import mail

import pytest
from playwright.sync_api import expect

from home.site_tree import ensure_site_tree, import_lessons
from lessons.models import LessonPage
from lessons.moderation.workflow import submit_for_review
from tests.builders.browser import sign_in
from tests.builders.lessons import document, lesson
from tests.builders.sharing import approve, people, shared

pytestmark = pytest.mark.django_db(transaction=True)


def test_a_facilitator_corrects_a_typo_and_the_author_is_told(page, live_server, assert_accessible):
    ensure_site_tree()
    import_lessons(document(lesson()))
    everyone = people()
    draft = shared(everyone["champion"], title="Protected time for evidnce huddles")
    submit_for_review(draft, everyone["champion"])
    published = approve(LessonPage.objects.get(pk=draft.pk), everyone["editor"])
    mail.outbox.clear()

    sign_in(page, "facilitator@example.nhs.uk", next_url=published.url)
    page.get_by_role("link", name=re.compile("^Correct this lesson")).click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Correct this lesson")
    assert_accessible(page)

    page.get_by_role("button", name="Publish the correction").click()
    expect(page.locator(".nhsuk-error-summary")).to_be_focused()
    expect(page.locator(".nhsuk-error-summary")).to_contain_text("Nothing was changed")
    assert_accessible(page)

    page.get_by_label("Title").fill("Protected time for evidence huddles")
    page.get_by_role("button", name="Publish the correction").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Protected time for evidence huddles")
    expect(page.get_by_text("Your correction is published")).to_be_visible()
    assert_accessible(page)

    [email] = mail.outbox
    assert email.to == ["champion@example.nhs.uk"]
    assert (
        "Title changed: was “Protected time for evidnce huddles”, "
        "now “Protected time for evidence huddles”" in email.body
    )
