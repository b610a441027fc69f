from django.apps import AppConfig


class LessonsConfig(AppConfig):
    name = "lessons"

    def ready(self):
        # Imported here: these need the app registry ready.
        from wagtail.models import Page  # noqa: PLC0415
        from wagtail.permissions import register_permission_policy  # noqa: PLC0415

        from core import follows  # noqa: PLC0415
        from lessons import cache_dependencies  # noqa: PLC0415
        from lessons.follows import LESSONS, LESSONS_BY_PEOPLE, LESSONS_IN_NETWORKS  # noqa: PLC0415
        from lessons.moderation import emails  # noqa: PLC0415
        from lessons.moderation.admin_scope import policy  # noqa: PLC0415
        from lessons.similar_box import connect as connect_similar_box  # noqa: PLC0415

        # Every page's permissions in the admin, facilitators' lessons included.
        register_permission_policy(Page, policy)
        emails.connect()
        # A stored "similar lessons" box goes stale with any change to lessons or applications.
        connect_similar_box()
        # What is new in what members follow: lessons, in networks and by people.
        follows.register(LESSONS, LESSONS_IN_NETWORKS, LESSONS_BY_PEOPLE)
        # What its pages show besides pages, for the cache of whole pages.
        cache_dependencies.register()
