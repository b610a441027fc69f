"""What questions show on cached pages (core/page_cache.py): a question and its answers on the
question's page, the questions listing and the network page's latest questions; a comment on its
lesson's page. Posting, hiding, restoring and marking each save one of these models, so each
purges every kept page that shows it."""

from core import page_cache

QUESTIONS = "questions"  # declared by the question pages and the sections that list posts


def register():
    from questions.models import Answer, Comment, Question, UsefulMark  # noqa: PLC0415

    for model in (Question, Answer, UsefulMark, Comment):
        page_cache.register(model, tags=lambda post: [QUESTIONS])
