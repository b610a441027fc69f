from django.apps import AppConfig


class LessonsConfig(AppConfig):
    name = "lessons"

    def ready(self):
        from wagtail.models import Page
        from wagtail.permissions import register_permission_policy

        from lessons.admin_scope import policy

        # Every page's permissions in the admin, facilitators' lessons included.
        register_permission_policy(Page, policy)
