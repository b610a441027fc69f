"""Questions in the described API, within their read rule (Question.objects.readable_by): a
caller who is not signed in sees questions to public networks only; hidden questions and
answers are never listed here, not even to their authors or moderators."""

import datetime

from django.core.paginator import Paginator
from django.http import JsonResponse

from ninja import Field, Query, Router, Schema

from api.main import bad_request
from api.schemas import Errors, TooMany
from core.numbers import parse_whole_number
from core.ratelimits import limited_json
from questions import finding
from questions.models import Question as QuestionModel

router = Router(tags=["questions"])
QUESTIONS_PER_PAGE = 50


class Answer(Schema):
    id: int
    body: str
    created_at: datetime.datetime
    helpful: bool
    lessons: list[str] = Field(description="Addresses of the lessons it links that you may read.")


class Question(Schema):
    id: int
    title: str
    body: str
    url: str
    network: str | None = Field(description="The network's slug; null: asked to the whole site.")
    created_at: datetime.datetime


class QuestionDetail(Question):
    answers: list[Answer]


class QuestionList(Schema):
    count: int
    results: list[Question]


class Params(Schema):
    q: str = Field("", description="Words to look for (with the thesaurus's synonyms).")
    page: str = Field("1", description=f"Pages of {QUESTIONS_PER_PAGE}, from 1.")


def _question(question):
    return {
        "id": question.pk,
        "title": question.title,
        "body": question.body,
        "url": question.full_url,
        "network": question.network.slug if question.network_id else None,
        "created_at": question.created_at,
    }


def _shown(user):
    return QuestionModel.objects.readable_by(user).filter(hidden_at__isnull=True)


@router.get(
    "/questions/",
    response={200: QuestionList, 400: Errors, 429: TooMany},
    url_name="questions",
)
@limited_json("api")
def questions(request, params: Query[Params]):
    """The questions the caller may read, newest first (best match first with q), 50 a page."""
    number = parse_whole_number(request.GET.get("page", "1"), minimum=1)
    if not number:
        return bad_request({"page": ["The page must be a whole number from 1."]})
    query = request.GET.get("q", "").strip()
    if query:
        found, _ = finding.search(request.user, query)
        found = [question for question in found if not question.is_hidden]
    else:
        found = _shown(request.user).select_related("network")
    paginator = Paginator(found, QUESTIONS_PER_PAGE)
    page = paginator.page(number).object_list if number <= paginator.num_pages else []
    return {"count": paginator.count, "results": [_question(q) for q in page]}


@router.get(
    "/questions/{question_id}/",
    response={200: QuestionDetail, 404: Errors, 429: TooMany},
    url_name="question",
)
@limited_json("api")
def question(request, question_id: str):
    """One question the caller may read, with its answers."""
    pk = parse_whole_number(question_id)
    found = _shown(request.user).select_related("network").filter(pk=pk).first() if pk else None
    if found is None:
        message = "There is no question with this id that you may read."
        return JsonResponse({"errors": {"question_id": [message]}}, status=404)
    answers = found.answers.filter(hidden_at__isnull=True).prefetch_related("lessons")
    return {
        **_question(found),
        "answers": [
            {
                "id": answer.pk,
                "body": answer.body,
                "created_at": answer.created_at,
                "helpful": answer.pk == found.helpful_answer_id,
                "lessons": [
                    lesson.full_url
                    for lesson in answer.lessons.all()
                    if lesson.is_readable_by(request.user)
                ],
            }
            for answer in answers
        ],
    }
