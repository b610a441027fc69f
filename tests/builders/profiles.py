"""Member profiles: the names of the three members of the profile tests (one for each
visibility), and the answers of the profile form."""

NAMES = {"everyone": "Ada Everyone", "members": "Mo Membersonly", "private": "Pat Private"}


def profile_form(**changes):
    data = {
        "display_name": "Ada Lovelace",
        "job_role": "Knowledge manager",
        "organisation": "Westbrook NHS Trust",
        "organisation_type": "community_trust",
        "region": "london",
        "years_experience": "12",
        "specialisms": "knowledge capture",
        "training": "QSIR practitioner",
        "ask_me_about": "peer assist, after action review",
        "bio": "Ran peer assists for ten years.",
        "visibility": "members",
    }
    data.update(changes)
    return data
