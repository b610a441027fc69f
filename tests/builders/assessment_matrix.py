"""The privacy matrix of assessments: who reads an assessment in each state, who reads its
notes, and each kind of person in tests/assessments/conftest.py's world."""

READERS = {
    "draft": {"org_lead", "unit_participant", "site_editor"},
    "closed": {"org_lead", "unit_participant", "region_lead", "site_editor"},
}
NOTE_READERS = {"org_lead", "unit_participant", "site_editor"}
PEOPLE = (
    "org_lead",
    "unit_participant",
    "whole_participant",
    "other_org_lead",
    "plain_member",
    "anonymous",
    "region_lead",
    "other_region_lead",
    "site_editor",
)
STATES = ("draft", "closed")


def signed_in_as(client, world, kind):
    if kind != "anonymous":
        client.force_login(world["people"][kind])
    return client
