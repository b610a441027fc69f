"""Requests at the same moment: threads released together by a barrier, each with its own
database connection (closed when it is done), for concurrency tests on SQLite and PostgreSQL
(`pytest.mark.django_db(transaction=True)`)."""

import threading

from django.db import connections
from django.test import Client


def all_at_once(requests):
    """Run each request (a function of no arguments) in its own thread, released together;
    their results, in order."""
    start = threading.Barrier(len(requests))
    results = [None] * len(requests)

    def run(n, request):
        try:
            start.wait()
            results[n] = request()
        finally:
            connections.close_all()  # this thread's own connection

    threads = [threading.Thread(target=run, args=(n, r)) for n, r in enumerate(requests)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return results


def signed_in(user):
    """A client signed in as the user, that answers a server error with a 500 as a browser
    sees it (rather than raising it in the test)."""
    client = Client(raise_request_exception=False)
    client.force_login(user)
    return client
