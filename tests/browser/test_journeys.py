import re

import pytest
from playwright.sync_api import expect

from home.site_tree import ensure_site_tree
from tests.builders.accounts import make_user
from tests.builders.browser import sign_in
from tests.builders.lessons import document, lesson

pytestmark = pytest.mark.django_db(transaction=True)


def test_a_champion_writes_and_publishes_a_lesson(page):
    _, lesson_index, _ = ensure_site_tree()
    make_user("champion@example.nhs.uk", is_staff=True, is_superuser=True)

    sign_in(page, "champion@example.nhs.uk", next_url="/admin/")
    expect(page).to_have_url(re.compile(r"/admin/$"))
    page.goto(f"/admin/pages/add/lessons/lessonpage/{lesson_index.pk}/")

    # Story
    page.locator("#id_title").fill("Huddle evidence cards")
    page.locator("#id_summary").fill("One evidence card a day at the ward huddle changed practice.")
    page.locator("#id_intended").fill("Bring one piece of evidence to every huddle.")
    # Wagtail's script fills the slug once the title has changed and lost focus: publishing
    # before it has (as a loaded CI machine once did) leaves the slug empty and nothing saved.
    expect(page.locator("#id_slug")).to_have_value("huddle-evidence-cards")

    # Context and team: two members with their experience
    page.get_by_role("tab", name="Context and team").click()
    page.locator("#id_organisation_type").select_option("community_trust")
    add_member = page.get_by_role("button", name="Add team member")
    for n, (role, years) in enumerate([("District nurse", "22"), ("Clinical librarian", "6")]):
        add_member.click()
        page.locator(f"#id_team_members-{n}-role").fill(role)
        page.locator(f"#id_team_members-{n}-years_experience").fill(years)

    # Factors and whys: a barrier followed down three whys
    page.get_by_role("tab", name="Factors and whys").click()
    page.locator("#tab-factors_and_whys button[title='Insert a block']").first.click()
    page.locator("select[name='factors-0-value-type']").select_option("barrier")
    page.locator("input[name='factors-0-value-statement']").fill("Time pressure")
    whys = ["Shifts overran", "Handover took forty minutes", "No agreed handover format"]
    page.locator("input[name='factors-0-value-whys-0-value']").fill(whys[0])
    for n in (1, 2):
        page.locator(
            "[data-contentpath='whys'] > div > [data-streamfield-list-container]"
            " > button[title='Add']"
        ).last.click()
        page.locator(f"input[name='factors-0-value-whys-{n}-value']").fill(whys[n])

    # Publish
    page.get_by_role("button", name="More actions").click()
    page.get_by_role("button", name="Publish").click()
    expect(page.get_by_text("created and published")).to_be_visible()

    page.goto("/lessons/huddle-evidence-cards/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Huddle evidence cards")
    team = page.locator(".app-team")
    expect(team).to_contain_text("District nurse, 22 years of experience")
    expect(team).to_contain_text("Clinical librarian, 6 years of experience")
    expect(page.locator(".app-whys__step")).to_have_count(3)
    for n, why in enumerate(whys):
        expect(page.locator(".app-whys__step").nth(n)).to_contain_text(why)
    expect(page.locator(".app-factor--barrier h3")).to_contain_text("Time pressure")


def test_main_pages_have_no_wcag_22_aa_violations(page, assert_accessible):
    from home.site_tree import import_lessons

    ensure_site_tree()
    import_lessons(document(lesson()))
    for url in [
        "/",
        "/lessons/",
        "/lessons/discharge-huddles/",
        "/networks/south-west-km/",
        "/maturity/outcome/qiof-2/",
        "/accounts/login/",
    ]:
        page.goto(url)
        assert_accessible(page)
