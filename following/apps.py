from django.apps import AppConfig


class FollowingConfig(AppConfig):
    name = "following"

    def ready(self):
        from following import signals  # noqa: F401
