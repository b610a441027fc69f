"""One world for the read rule's tests: two organisations in two regions, a directorate with
a participant, and each kind of person; an assessment of the directorate in each state.
Built once per module; what a test writes is undone after it."""

from django.contrib.auth.models import AnonymousUser
from django.test import override_settings

import pytest

from tests.builders.accounts import make_site_editor, make_user
from tests.builders.assessments import (
    add_unit,
    assessment,
    lead,
    make_organisation,
    participant,
    regional_lead,
)


@pytest.fixture(scope="module")
def world(module_db, tmp_path_factory):
    with override_settings(PRIVATE_MEDIA_ROOT=tmp_path_factory.mktemp("private")):
        riverside = make_organisation()
        directorate = add_unit(riverside)
        hillside = make_organisation("Hillside Community Trust", "RHL", region="north_west")
        org_lead = lead(riverside, "lead@riverside.nhs.uk")
        people = {
            "org_lead": org_lead,
            "unit_participant": participant(directorate, "ward@riverside.nhs.uk"),
            "whole_participant": participant(riverside.whole, "board@riverside.nhs.uk"),
            "other_org_lead": lead(hillside, "lead@hillside.nhs.uk"),
            "plain_member": make_user("member@example.nhs.uk"),
            "anonymous": AnonymousUser(),
            "region_lead": regional_lead("south_west", "sw-lead@example.nhs.uk"),
            "other_region_lead": regional_lead("north_west", "nw-lead@example.nhs.uk"),
            "site_editor": make_site_editor(),
        }
        assessments = {
            "draft": assessment(directorate, org_lead, levels=(2,)),
            "closed": assessment(directorate, org_lead, levels=(3,), closed=True),
        }
        yield {"people": people, "assessments": assessments, "unit": directorate}
