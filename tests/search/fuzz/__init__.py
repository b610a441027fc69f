"""Hostile input to every field of every form, every query parameter and every part of every
address of ours: nothing answers 500.

What is sent where is found, not listed. Each case (CASES, in tests/builders/fuzz_cases.py,
grouped by the part of the site; test_every_case.py fuzzes them all) names an address and who
asks; for a form, the page that shows it. The test renders that page as that person and reads
the names of the inputs, selects, text areas and buttons of each form that sends to the address,
so a field added to a form is fuzzed without a change here (the rows of a list after its first,
and fields a case calls `alike`, once for each kind; the CSRF token, which the test client does
not check, never). A case lists only the query parameters that a view reads without any form
showing them, and the valid answers a form leaves blank. Each part of an address that routing
captures (a URL pattern's <int:pk>, a page's slug, a page route's <str:decision>) is replaced in
turn by each hostile value. In test_every_case.py, test_every_address_of_ours_has_a_case fails
when an address of ours has no case, and
test_every_query_parameter_a_view_reads_by_name_has_a_case when a view reads a parameter by a
name that no case sends.

Each hostile value goes to one field at a time, the others keeping what the form rendered (or the
case's valid answers), so a bad value elsewhere cannot stop the request before it reaches the code
under test. Each request runs in a savepoint rolled back after it, so each meets the same site
(conftest.py): a facilitator of both networks who has a draft lesson, one in review, an
application and a follow; staff for the admin. The JSON API must answer a bad parameter with 400
and its errors.

Known 500s, each left to the issue that fixes it, go in KNOWN_500 (empty today): their fuzzing
is left out of the case's test and done by test_each_known_500_is_still_there, which fails once
a fix lands, until the entry is removed.

Runs on SQLite and on PostgreSQL (DATABASE_URL=$(scripts/start-postgres)).
"""
