from django.apps import AppConfig


class SearchConfig(AppConfig):
    name = "search"

    def ready(self):
        from wagtail.permissions import register_permission_policy  # noqa: PLC0415

        from accounts.roles import is_site_editor  # noqa: PLC0415
        from core import follows  # noqa: PLC0415
        from core.permissions import OnlyWhoPolicy  # noqa: PLC0415
        from search import cache_dependencies  # noqa: PLC0415
        from search.follows import LESSON_REQUESTS, LESSON_REQUESTS_IN_NETWORKS  # noqa: PLC0415
        from search.models import AnswerProposal  # noqa: PLC0415

        # Lessons asked for are news to those who follow the network.
        follows.register(LESSON_REQUESTS, LESSON_REQUESTS_IN_NETWORKS)
        # Only site editors see and decide proposed answers; facilitators propose on the site.
        register_permission_policy(
            AnswerProposal,
            OnlyWhoPolicy(AnswerProposal, is_site_editor, actions={"change", "view"}),
        )
        # What its pages show besides pages, for the cache of whole pages.
        cache_dependencies.register()
