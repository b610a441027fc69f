import copy

from django.db import transaction

import pytest
from allauth.account.models import EmailAddress

from accounts.models import User
from home import site_tree as tree
from network.models import Membership, NetworkPage

PASSWORD = "a-long-test-password-7"

NETWORKS = [
    {
        "slug": "south-west-km",
        "title": "South West KM Network",
        "purpose": "Sharing what works.",
        "visibility": "public",
    },
    {
        "slug": "board-leads",
        "title": "Board Evidence Leads",
        "purpose": "Board-level evidence.",
        "visibility": "members",
    },
]

LESSON = {
    "slug": "discharge-huddles",
    "title": "Daily discharge huddles",
    "kind": "lesson",
    "summary": "Ten-minute huddles at 9am cut delayed discharges on two wards.",
    "status": "published",
    "visibility": "public",
    "date": "2025-03-01",
    "network": "south-west-km",
    "themes": ["huddles", "patient flow"],
    "context": {
        "organisation_type": "acute_trust",
        "setting": "inpatient wards",
        "region": "south_west",
        "scale": "department",
        "team": [
            {
                "role": "Ward sister",
                "years_experience": 18,
                "specialisms": ["infection prevention and control"],
                "training": ["measurement for improvement"],
            },
            {
                "role": "Clinical librarian",
                "years_experience": 9,
                "specialisms": ["literature searching"],
                "training": ["QSIR practitioner"],
            },
        ],
    },
    "intended": "Discharge patients before noon.",
    "what_happened": "Huddles ran daily for twelve weeks.",
    "outcome": "Delayed discharges fell from 14 to 6 a week, from the bed-state report.",
    "factors": [
        {
            "type": "success_factor",
            "statement": "Effective communication",
            "whys": [
                "Everyone heard the same plan",
                "The huddle was at the same time daily",
                "The ward sister protected the slot",
            ],
            "root_cause": "A fixed, protected time made the huddle a habit.",
            "actions": ["Booked 9am in every rota"],
        },
        {
            "type": "barrier",
            "statement": "Pharmacy delays",
            "whys": ["Medicines to take home were late"],
            "root_cause": "One pharmacist per site.",
            "actions": ["Asked pharmacy to join on Mondays"],
        },
    ],
    "recommendations": ["Start with one ward.", "Keep it to ten minutes."],
    "maturity": [{"dimension": "qiof-2", "level": 2}],
    "evidence": [{"title": "Bed-state report", "url": "https://example.org/report"}],
}


def lesson(**overrides):
    """A complete, valid lessons/v1 lesson with some fields replaced."""
    data = copy.deepcopy(LESSON)
    data.update(overrides)
    return data


def document(*lessons, networks=None):
    return {
        "format": "lessons/v1",
        "networks": copy.deepcopy(NETWORKS if networks is None else networks),
        "lessons": list(lessons),
    }


@pytest.hookimpl(tryfirst=True)  # before pytest-django orders tests by their database use
def pytest_collection_modifyitems(items):
    # pytest-django creates the test database only for tests marked as using it. Unmarked,
    # these tests would be ordered after the transactional ones, whose flush empties the
    # tables the migrations filled (frameworks, the root page).
    for item in items:
        if "module_db" in getattr(item, "fixturenames", ()):
            item.add_marker(pytest.mark.django_db)


def put_back_shipped_data():
    """Transactional tests end by emptying every table, which also removes what the migrations
    shipped: Wagtail's locale and root page, and our frameworks. A transactional test that
    needs them calls this first."""
    import importlib

    from django.apps import apps
    from django.conf import settings

    from wagtail.coreutils import get_supported_content_language_variant
    from wagtail.models import Locale, Page

    language = get_supported_content_language_variant(settings.LANGUAGE_CODE)
    Locale.objects.get_or_create(language_code=language)
    if not Page.get_first_root_node():
        Page.add_root(instance=Page(title="Root", slug="root"))
    for migration, step in [
        ("0002_shipped_frameworks", "create_frameworks"),
        ("0006_shipped_short_names", "name_shipped_levels"),
    ]:
        getattr(importlib.import_module(f"maturity.migrations.{migration}"), step)(apps, None)


@pytest.fixture(scope="module")
def module_db(django_db_setup, django_db_blocker):
    """A transaction around a whole test module, rolled back at its end, for data that the
    module's tests only read: build it once in a module-scoped fixture that asks for this one.
    Each test still runs in its own savepoint, so what a test writes is undone after it."""
    with django_db_blocker.unblock(), transaction.atomic():
        yield
        transaction.set_rollback(True)


@pytest.fixture(scope="module")
def module_lessons(module_db):
    """Import lessons once for the module: module_lessons(lesson(...), ...)."""

    def _import(*lessons, networks=None):
        return tree.import_lessons(document(*lessons, networks=networks))

    return _import


@pytest.fixture
def site_tree(db):
    return tree.ensure_site_tree()


@pytest.fixture
def import_lessons(site_tree):
    def _import(*lessons, networks=None):
        return tree.import_lessons(document(*lessons, networks=networks))

    return _import


def make_user(email, password=PASSWORD, **fields):
    user = User.objects.create_user(email=email, password=password, **fields)
    EmailAddress.objects.create(user=user, email=email, verified=True, primary=True)
    return user


@pytest.fixture
def member_of():
    def _member_of(network_slug, email="member@example.nhs.uk", role="member"):
        user = User.objects.filter(email=email).first() or make_user(email)
        Membership.objects.create(
            network=NetworkPage.objects.get(slug=network_slug), user=user, role=role
        )
        return user

    return _member_of


def make_profile(user, visibility="everyone", **fields):
    from network.models import Profile

    fields.setdefault("display_name", user.email.split("@")[0].replace(".", " ").title())
    return Profile.objects.create(user=user, visibility=visibility, **fields)
