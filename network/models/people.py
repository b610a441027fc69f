"""How a person is named to a reader: the profile rule, for anything a member wrote or said.

Where the reader may see the person's profile (Profile.objects.visible_to), by its display name,
linked to it. Where they may not, the person chose not to be shown to them, so a neutral label
stands in: "A member of <network>" when the person belongs to the network the post or event
belongs to, else "A member of this site". Comments, questions and answers (questions/) and an
event's programme (EventPage.speakers_for) ask it.
"""

from dataclasses import dataclass

from network.models.networks import NetworkPage
from network.models.profiles import Profile

SOMEONE = "A member of this site"


@dataclass(frozen=True)
class Named:
    name: str
    profile: Profile | None = None


def named_for(reader, user_ids, network: NetworkPage | None = None):
    """{user id: Named} for each of these people, as this reader may see them: two queries
    at most, whatever the number of people."""
    user_ids = {pk for pk in user_ids if pk is not None}
    if not user_ids:
        return {}
    visible = {
        profile.user_id: profile
        for profile in Profile.objects.visible_to(reader).filter(user_id__in=user_ids)
    }
    hidden = user_ids - set(visible)
    in_network = set()
    if hidden and network is not None:
        in_network = set(network.memberships.filter(user__in=hidden).values_list("user", flat=True))
    named = {pk: Named(profile.display_name, profile) for pk, profile in visible.items()}
    for pk in hidden:
        named[pk] = Named(f"A member of {network.title}" if pk in in_network else SOMEONE)
    return named
