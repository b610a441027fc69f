"""Demo questions: one in a public network and one in a members-only network, with answers
(one linking a lesson), a helpful mark and a useful mark, and comments on a lesson, all made
through questions.posting as members make them. Safe to repeat: a question is found by its
title, a comment by its lesson and text."""

from accounts.models import User
from lessons.models import LessonPage
from network.models import NetworkPage
from questions import posting
from questions.models import Comment, Question

QUESTIONS = [
    {
        "network": "south-west-km",
        "asker": "sarah.whitfield@example.nhs.uk",
        "title": "How did you get consultants to come to discharge huddles?",
        "body": "Our huddles start well, then the consultants stop coming after a fortnight.",
        "organisation_type": "acute_trust",
        "answers": [
            {
                "author": "priya.sharma@example.nhs.uk",
                "body": "We brought one evidence summary to each huddle, about a patient on "
                "the board that morning. The lesson says what we did, week by week.",
                "lesson": "discharge-huddle-evidence-briefings",
                "helpful": True,
                "useful_to": ["daniel.okafor@example.nhs.uk"],
            },
            {
                "author": "daniel.okafor@example.nhs.uk",
                "body": "Ask them which time suits: ours moved to 8.45 and attendance doubled.",
            },
        ],
    },
    {
        "network": "board-evidence-leads",
        "asker": "mark.ellison@example.nhs.uk",
        "title": "How long should the evidence box on a board paper be?",
        "body": "Our executives say the box is too long; our authors say it is too short.",
        "answers": [
            {
                "author": "helen.carter@example.nhs.uk",
                "body": "Three lines and a link to the full search: see "
                "https://www.england.nhs.uk/ for the house style we copied.",
            },
        ],
    },
]
COMMENTS = [
    {
        "lesson": "discharge-huddle-evidence-briefings",
        "author": "daniel.okafor@example.nhs.uk",
        "body": "Did the ward sisters choose the questions, or the librarian?",
        "reply": {"author": "priya.sharma@example.nhs.uk", "body": "The ward sisters, each day."},
    },
]


def load_questions():
    people = {user.email: user for user in User.objects.all()}
    for data in QUESTIONS:
        if Question.objects.filter(title=data["title"]).exists():
            continue
        asker = people[data["asker"]]
        question = posting.ask(
            asker,
            title=data["title"],
            body=data["body"],
            network=NetworkPage.objects.get(slug=data["network"]),
            organisation_type=data.get("organisation_type", ""),
            context_for_lesson=True,
        )
        for answer_data in data["answers"]:
            lessons = LessonPage.objects.filter(slug=answer_data.get("lesson", ""))
            answer = posting.answer(
                question, people[answer_data["author"]], answer_data["body"], lessons=lessons
            )
            if answer_data.get("helpful"):
                posting.mark_helpful(question, answer, asker)
            for email in answer_data.get("useful_to", ()):
                posting.mark_useful(answer, people[email])
    for data in COMMENTS:
        lesson = LessonPage.objects.get(slug=data["lesson"])
        if Comment.objects.filter(lesson=lesson, body=data["body"]).exists():
            continue
        comment = posting.comment(lesson, people[data["author"]], data["body"], notify=False)
        reply = data["reply"]
        posting.comment(
            lesson, people[reply["author"]], reply["body"], parent=comment, notify=False
        )
