import pytest

from maturity.models import Dimension, Framework, Level
from tests.builders.accounts import make_user

CONTRACT_CODES = [
    *(f"qiof-{n}" for n in range(1, 7)),
    "kmsa-leadership",
    "kmsa-behaviours",
    "kmsa-capabilities",
    "kmsa-opportunities",
    "nmm-purpose",
    "nmm-leadership",
    "nmm-knowledge-sharing",
    "nmm-learning",
    "nmm-impact",
]


def test_the_three_frameworks_ship_with_the_contract_codes(db):
    assert list(Framework.objects.values_list("slug", flat=True)) == ["qiof", "kmsa", "nmm"]
    assert sorted(Dimension.objects.values_list("code", flat=True)) == sorted(CONTRACT_CODES)


@pytest.mark.parametrize("code", CONTRACT_CODES)
def test_every_dimension_has_levels_0_to_4_with_descriptors(db, code):
    levels = Level.objects.filter(dimension__code=code).order_by("number")
    assert [level.number for level in levels] == [0, 1, 2, 3, 4]
    assert all(level.descriptor.strip() for level in levels)


def test_outcome_2_levels_carry_things_to_think_about(db):
    level = Level.objects.get(dimension__code="qiof-2", number=1)
    assert level.prompt_list and all(prompt.endswith("?") for prompt in level.prompt_list)


def test_framework_and_dimension_pages(db, client):
    assert "Quality and Improvement Outcomes" in client.get("/maturity/").content.decode()
    assert client.get("/maturity/qiof/").status_code == 200
    html = client.get("/maturity/outcome/qiof-2/").content.decode()
    assert all(f'id="level-{n}"' in html for n in range(5))
    assert "Things to think about" in html
    assert client.get("/maturity/outcome/qiof-9/").status_code == 404
    assert client.get("/maturity/nothing/").status_code == 404


def test_frameworks_are_editable_in_the_admin(db, client):
    client.force_login(make_user("admin@example.nhs.uk", is_staff=True, is_superuser=True))
    dimension = Dimension.objects.get(code="qiof-2")
    assert client.get("/admin/snippets/maturity/framework/").status_code == 200
    response = client.get(f"/admin/snippets/maturity/dimension/edit/{dimension.pk}/")
    assert response.status_code == 200
    assert "Things to think about" in response.content.decode()


def test_framework_and_dimension_pages_show_visible_stories_by_level(import_lessons, client):
    from tests.builders.lessons import lesson

    import_lessons(
        lesson(),  # Outcome 2, level 2
        lesson(
            slug="secret",
            title="Secret board work",
            visibility="members",
            network="board-leads",
            maturity=[{"dimension": "qiof-2", "level": 3}],
        ),
    )
    framework = client.get("/maturity/qiof/").content.decode()
    assert 'Level 2: delivering to teams</a> <span class="nhsuk-body-s">(1 story)' in framework
    assert 'Level 3: becoming business as usual</a> <span class="nhsuk-body-s">(0 stories)' in (
        framework
    )
    dimension = client.get("/maturity/outcome/qiof-2/").content.decode()
    level_2 = dimension.split('id="level-2"')[1].split('id="level-3"')[0]
    assert "Daily discharge huddles" in level_2
    assert "Secret board work" not in dimension
