"""Applying a lesson ('We applied this'): its addresses, the form's answers, and an application
recorded through the model."""

import datetime

from django.utils import timezone

APPLY = "/lessons/discharge-huddles/apply/"
PAGE = "/lessons/discharge-huddles/"
SECRET_APPLY = "/lessons/board-secret/apply/"
LAST_MONTH = timezone.localdate() - datetime.timedelta(days=30)


def response_html(client, url=PAGE):
    return client.get(url).content.decode()


def form_data(**changes):
    data = {
        "organisation_type": "community_trust",
        "setting": "district nursing",
        "region": "north_west",
        "scale": "team",
        "team_years": "40",
        "applied_on": LAST_MONTH.strftime("%d/%m/%Y"),
        "what_we_did": "Ran the huddle at 8.30 with the district nurses, by phone.",
    }
    data.update(changes)
    return data


def apply(the_lesson, user, **changes):
    """Record an application through the model, as the view does."""
    data = {
        "organisation_type": "community_trust",
        "setting": "district nursing",
        "region": "north_west",
        "scale": "team",
        "team_years": 40,
        "applied_on": LAST_MONTH,
        "what_we_did": "Ran the huddle by phone.",
    }
    data.update(changes)
    return the_lesson.record_application(user, **data)
