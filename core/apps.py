from django.apps import AppConfig

# Registers the `id` path converter. Routable pages build their routes when their models are
# imported, after every app's config and before any ready(): so here, at import.
import core.numbers  # noqa: F401


class CoreConfig(AppConfig):
    name = "core"
    verbose_name = "Shared vocabulary"

    def ready(self):
        from wagtail.permissions import register_permission_policy  # noqa: PLC0415

        from accounts.roles import is_site_editor  # noqa: PLC0415

        # The limits' check, the tag slug receiver, the private folder's check, the receivers
        # that make a thesaurus edit count at once.
        from core import page_cache, private_files, ratelimits, tags, thesaurus  # noqa: F401, PLC0415
        from core.models import ThesaurusEntry  # noqa: PLC0415
        from core.permissions import OnlyWhoPolicy  # noqa: PLC0415

        # Only site editors change the thesaurus (ThesaurusViewSet's views and menu item ask).
        register_permission_policy(ThesaurusEntry, OnlyWhoPolicy(ThesaurusEntry, is_site_editor))

        # Cached pages purged when what they show changes (core/page_cache.py); the thesaurus
        # is core's own dependency: an entry changes what every search finds.
        page_cache.connect()
        # What routing keeps in each process, forgotten when the tree or a site changes.
        from core import routing  # noqa: PLC0415

        routing.connect()
        page_cache.register(ThesaurusEntry, tags=lambda entry: [page_cache.SEARCH])
