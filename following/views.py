from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.contrib.auth.views import redirect_to_login
from django.http import Http404
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_POST

from core.numbers import parse_whole_number
from following.forms import PreferenceForm
from following.models import (
    TARGETS,
    Follow,
    Frequency,
    NotificationPreference,
    member_for_token,
)
from network.models import Profile

EMAILS_WILL = {
    Frequency.IMMEDIATE: "We will email you as soon as something new is published",
    Frequency.DAILY: "We will email you a daily digest of what is new",
    Frequency.WEEKLY: "We will email you a weekly digest of what is new",
    Frequency.NONE: "We will not email you about it",
}


def _preference(member):
    """The member's preference, unsaved (weekly) if they have never chosen one."""
    return NotificationPreference.objects.filter(member=member).first() or NotificationPreference(
        member=member
    )


@login_required
def following(request):
    return _following_page(request, PreferenceForm(instance=_preference(request.user)))


def _following_page(request, form):
    follows = list(
        request.user.follows.select_related("theme", "network", "person").order_by("created_at")
    )
    visible_people = set(
        Profile.objects.visible_to(request.user)
        .filter(pk__in=[f.person_id for f in follows if f.person_id])
        .values_list("pk", flat=True)
    )
    people = [
        (follow, follow.person if follow.person_id in visible_people else None)
        for follow in follows
        if follow.person_id
    ]
    return TemplateResponse(
        request,
        "following/following.html",
        {
            "form": form,
            "themes": [f for f in follows if f.theme_id],
            "networks": [f for f in follows if f.network_id],
            "people": people,
        },
    )


@login_required
@require_POST
def preferences(request):
    form = PreferenceForm(request.POST, instance=_preference(request.user))
    if not form.is_valid():
        return _following_page(request, form)
    preference = NotificationPreference.choose(request.user, form.cleaned_data["frequency"])
    messages.success(request, f"{EMAILS_WILL[preference.frequency]} about what you follow.")
    return redirect("following:list")


def _target(request):
    """(kind, primary key) from the follow and stop-following forms."""
    kind = request.POST.get("kind", "")
    pk = parse_whole_number(request.POST.get("pk", ""))
    if kind not in TARGETS or pk is None:
        raise Http404("Nothing to follow")
    return kind, pk


def _back(request):
    """Back to the page the form was on, if it is on this site; else the following page."""
    url = request.POST.get("next", "")
    if url_has_allowed_host_and_scheme(
        url, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return redirect(url)
    return redirect("following:list")


@require_POST
def follow(request):
    if not request.user.is_authenticated:
        return redirect_to_login(request.POST.get("next") or reverse("following:list"))
    kind, pk = _target(request)
    # Something the member may not see is, to them, not there.
    target = TARGETS[kind].followable(request.user).filter(pk=pk).first()
    if target is None:
        raise Http404("Nothing to follow")
    Follow.start(request.user, kind, target)
    frequency = _preference(request.user).frequency
    messages.success(
        request,
        f"You are following {target}. {EMAILS_WILL[frequency]}: "
        "change this on the page of what you follow.",
    )
    return _back(request)


@require_POST
def unfollow(request):
    if not request.user.is_authenticated:
        return redirect_to_login(request.POST.get("next") or reverse("following:list"))
    kind, pk = _target(request)
    found = Follow.objects.filter(follower=request.user, **{f"{kind}_id": pk}).first()
    if found is not None:
        name = found.target if kind != "person" or found.target.is_visible_to(request.user) else ""
        Follow.stop(request.user, kind, pk)
        messages.success(request, f"You no longer follow {name or 'this member'}.")
    return _back(request)


@csrf_exempt  # mail providers post here without a session (RFC 8058); the signed token is the key
def unsubscribe(request, token):
    """One-click unsubscribe from every email about what the member follows, without signing
    in. GET asks to confirm (link checkers fetch links); POST unsubscribes."""
    member = member_for_token(token)
    if member is None:
        raise Http404("This unsubscribe link is not valid")
    if request.method == "POST":
        preference = NotificationPreference.of(member)
        preference.frequency = Frequency.NONE
        preference.save(update_fields=["frequency"])
        return TemplateResponse(request, "following/unsubscribed.html", {"member": member})
    return TemplateResponse(request, "following/unsubscribe.html", {"member": member})
