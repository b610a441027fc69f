"""The follow button on theme, network and profile pages, which sit in lower layers and take
it as an action section (themes.sections, network.sections). An app above this one that
registers a kind of its own (core/follows.py) puts `follow_button` on its pages itself."""

from wagtail import hooks

from core import follows
from following.models import Follow
from network.sections import NETWORK_PAGE_ACTIONS, PROFILE_PAGE_ACTIONS, Section
from themes.sections import THEME_PAGE_ACTIONS


def follow_button(request, kind, target, name):
    """A follow or stop-following button for something the reader may follow; for someone
    signed out, a link to sign in first. Nothing for what they may not follow."""
    user = request.user
    if not follows.kind(kind).may_follow(user, target):
        return None
    following = user.is_authenticated and Follow.objects.filter(follower=user).of(target).exists()
    return Section(
        "following/follow_button.html",
        {
            "kind": kind,
            "pk": target.pk,
            "name": name,
            "following": following,
            "next": request.get_full_path(),
        },
    )


@hooks.register(THEME_PAGE_ACTIONS)
def follow_theme(request, theme):
    return follow_button(request, "theme", theme, "this theme")


@hooks.register(NETWORK_PAGE_ACTIONS)
def follow_network(request, network):
    return follow_button(request, "network", network, "this network")


@hooks.register(PROFILE_PAGE_ACTIONS)
def follow_person(request, profile):
    return follow_button(request, "person", profile, profile.display_name)
