"""Finding questions: search (with the thesaurus, core.fulltext), title suggestions, and what
is most like a question being asked: lessons by the similar-context ranking
(lessons.similarity) and earlier questions by search. All within the read rules."""

from core.fulltext import Matches, clean_query, id_set, in_order, match, search_words
from lessons.similarity import Context, similar_lessons
from questions.models import Question

SIMILAR = 5
SUGGESTIONS = 8


def search(user, text):
    """(questions, matches): the questions this person may read with the query's words (or
    their synonyms), best first."""
    query, notice = clean_query(text)
    matches = match(Question.objects.all(), query)
    if notice and not matches.notice:
        matches = Matches(matches.ids, notice=notice, found=matches.found, words=matches.words)
    readable = Question.objects.readable_by(user).filter(pk__in=id_set(matches.ids))
    return in_order(readable.select_related("network"), matches.ids), matches


def suggestions(user, text):
    """Titles of readable questions containing what has been typed."""
    query, _ = clean_query(text)
    if len(query) < 2:
        return []
    return list(
        Question.objects.readable_by(user)
        .filter(title__icontains=query)
        .order_by("title")
        .values_list("title", flat=True)[:SUGGESTIONS]
    )


def like_this(user, *, title, body="", organisation_type="", region="", setting=""):
    """(lessons, questions) most like a question being asked, for the asker to read before
    posting: lessons from the similar-context ranking, earlier questions by search."""
    text = f"{title} {body}"
    context = Context(organisation_type=organisation_type, region=region, setting=setting, q=text)
    lessons = [item for item in similar_lessons(user, context, limit=SIMILAR)]
    questions = []
    if search_words(text):
        questions, _ = search(user, text)
        questions = [q for q in questions if not q.is_hidden][:SIMILAR]
    return lessons, questions
