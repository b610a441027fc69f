from django.apps import AppConfig


class QuestionsConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "questions"
    verbose_name = "Questions to the network"

    def ready(self):
        from core import follows  # noqa: PLC0415
        from questions import cache_dependencies  # noqa: PLC0415
        from questions import follows as questions  # noqa: PLC0415

        cache_dependencies.register()

        follows.register(
            questions.QUESTIONS,
            questions.QUESTION_ITEMS,
            questions.ANSWER_ITEMS,
            questions.QUESTIONS_IN_NETWORKS,
            questions.QUESTIONS_IN_THEMES,
            questions.ANSWERS_TO_QUESTIONS,
        )
