""" "We applied this" from a done action, pressed many times at once (a double click, two
tabs): one application, kept on the action's link to the lesson, and one email to the
lesson's people. On SQLite and PostgreSQL alike."""

from django.core import mail
from django.test import override_settings

import pytest

from assessments.models import Action, ActionLesson
from home import site_tree as tree
from lessons.models import Application, LessonPage
from tests.builders.accounts import make_user
from tests.builders.assessments import add_unit, assessment, lead, make_organisation
from tests.builders.database import put_back_shipped_data
from tests.builders.lessons import document
from tests.builders.plans import at_level, plan_of
from tests.builders.threads import all_at_once, signed_in

REQUESTS = 10


@pytest.mark.django_db(transaction=True)
def test_presses_at_the_same_moment_record_one_application(tmp_path):
    put_back_shipped_data()
    tree.import_lessons(document(at_level("peer-huddles")))
    lesson = LessonPage.objects.get(slug="peer-huddles")
    LessonPage.objects.filter(pk=lesson.pk).update(owner=make_user("ann@example.nhs.uk"))
    organisation = make_organisation()
    the_lead = lead(organisation, "lead@riverside.nhs.uk")
    with override_settings(PRIVATE_MEDIA_ROOT=tmp_path):
        closed = assessment(add_unit(organisation), the_lead, levels=(2,), closed=True)
    action = plan_of(closed, the_lead).actions.get()
    Action.objects.filter(pk=action.pk).update(status=Action.Status.DONE)
    url = f"/assessments/{closed.pk}/plan/actions/{action.pk}/applied/{lesson.pk}/"
    clients = [signed_in(the_lead) for _ in range(REQUESTS)]

    statuses = all_at_once(
        [lambda client=client: client.post(url).status_code for client in clients]
    )

    assert statuses == [302] * REQUESTS
    application = Application.objects.get(lesson=lesson)
    assert ActionLesson.objects.get(action=action, lesson=lesson).application == application
    assert [message.to for message in mail.outbox] == [["ann@example.nhs.uk"]]
