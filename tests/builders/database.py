"""What the migrations ship, for tests that empty every table."""

import importlib


def put_back_shipped_data():
    """Transactional tests end by emptying every table, which also removes what the migrations
    shipped: Wagtail's locale and root page, our frameworks and the "Site editors" group (with
    its page permissions at the root). A transactional test that needs them calls this first.

    All in one transaction, as the migrations ran it: in autocommit each of the ~90 levels
    saved commits on its own, and each commit has the similar boxes worked out again by a task
    of its own, which was most of what this cost."""
    from django.apps import apps
    from django.conf import settings
    from django.db import transaction

    from wagtail.coreutils import get_supported_content_language_variant
    from wagtail.models import Locale, Page

    language = get_supported_content_language_variant(settings.LANGUAGE_CODE)
    with transaction.atomic():
        Locale.objects.get_or_create(language_code=language)
        if not Page.get_first_root_node():
            Page.add_root(instance=Page(title="Root", slug="root"))
        for migration, step in [
            ("0002_shipped_frameworks", "create_frameworks"),
            ("0006_shipped_short_names", "name_shipped_levels"),
        ]:
            getattr(importlib.import_module(f"maturity.migrations.{migration}"), step)(apps, None)
        site_editors = importlib.import_module("accounts.migrations.0002_site_editors")
        site_editors.create_site_editors_group(apps, None)
