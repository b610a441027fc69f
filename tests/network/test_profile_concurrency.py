"""Many saves of one profile at the same moment leave exactly one submission's state, and a
first save made many times at once creates one profile (issue 16, item 4)."""

import threading

from django.db import connections
from django.test import Client

import pytest

from network.models import Profile
from tests.builders.accounts import make_user
from tests.builders.network import make_profile
from tests.builders.threads import all_at_once, signed_in

pytestmark = pytest.mark.django_db(transaction=True)

SAVES = 20
ROUNDS = 5


def submission(n):
    return {
        "display_name": f"Ada {n}",
        "job_role": f"Role {n}",
        "specialisms": f"specialism {n}, second specialism {n}, literature searching",
        "training": f"training {n}, measurement for improvement",
        "ask_me_about": f"topic {n}, another topic {n}",
        "visibility": "members",
    }


def state(profile):
    profile = Profile.objects.get(pk=profile.pk)
    return {
        "display_name": profile.display_name,
        "job_role": profile.job_role,
        "specialisms": {t.name for t in profile.specialisms.all()},
        "training": {t.name for t in profile.training.all()},
        "ask_me_about": {t.name for t in profile.ask_me_about.all()},
    }


def as_saved(data):
    tags = {key: {name.strip() for name in data[key].split(",")} for key in TAG_FIELDS}
    return {"display_name": data["display_name"], "job_role": data["job_role"], **tags}


TAG_FIELDS = ("specialisms", "training", "ask_me_about")


def save_all_at_once(clients):
    start = threading.Barrier(len(clients))
    statuses = []

    def save(client, n):
        try:
            start.wait()
            statuses.append(client.post("/members/me/edit/", submission(n)).status_code)
        finally:
            connections.close_all()  # this thread's own connection

    threads = [threading.Thread(target=save, args=(c, n)) for n, c in enumerate(clients)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return statuses


def test_simultaneous_saves_of_a_profile_leave_one_submissions_tags():
    user = make_user("ada@example.nhs.uk")
    profile = make_profile(user, "members", display_name="Ada")
    clients = []
    for _ in range(SAVES):
        client = Client()
        client.force_login(user)
        clients.append(client)
    submitted = [as_saved(submission(n)) for n in range(SAVES)]
    for round_ in range(ROUNDS):
        statuses = save_all_at_once(clients)
        assert statuses == [302] * SAVES, round_
        final = state(profile)
        assert final in submitted, (round_, final)


def test_a_first_save_of_a_profile_made_twenty_times_at_once_makes_one_profile():
    user = make_user("grace@example.nhs.uk")
    clients = [signed_in(user) for _ in range(SAVES)]

    def saving(client, n):
        return lambda: client.post("/members/me/edit/", submission(n)).status_code

    statuses = all_at_once([saving(client, n) for n, client in enumerate(clients)])

    assert statuses == [302] * SAVES
    assert Profile.objects.filter(user=user).count() == 1
    assert state(Profile.objects.get(user=user)) in [as_saved(submission(n)) for n in range(SAVES)]
