from dataclasses import dataclass
from functools import wraps

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.contrib.auth.views import redirect_to_login
from django.http import Http404, HttpResponseRedirect
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_POST

from core import follows
from core.numbers import parse_whole_number
from following.digests import followed_kinds
from following.forms import PreferenceForm
from following.models import (
    Follow,
    Frequency,
    NotificationPreference,
    member_for_token,
    pointing_at,
)

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


@dataclass
class Followed:
    """A kind on the page of what a member follows, and what they follow of it."""

    kind: follows.Kind
    entries: list  # [(id, name, address or "")], in the order they were followed
    browse_url: str | None


def _followed(request):
    """Every kind, with what the member follows of it: named and linked, unless the kind hides
    what they may no longer follow (a person who stopped sharing their profile)."""
    user = request.user
    found = []
    for kind, wanted in user.follows.by_kind():
        things = kind.model._default_manager.in_bulk(wanted)
        hidden = set()
        if kind.hidden_entry:
            hidden = set(things) - set(
                kind.followable(user).filter(pk__in=wanted).values_list("pk", flat=True)
            )
        entries = [
            (pk, kind.hidden_entry, "")
            if pk in hidden
            else (pk, kind.title(things[pk]), kind.url(things[pk]))
            for pk in wanted
            if pk in things
        ]
        found.append(Followed(kind, entries, kind.browse_url(request)))
    return found


def _following_page(request, form):
    return TemplateResponse(
        request,
        "following/following.html",
        {"form": form, "followed": _followed(request), "kinds": followed_kinds()},
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
    kind = follows.kind(request.POST.get("kind", ""))
    pk = parse_whole_number(request.POST.get("pk", ""))
    if kind is None or pk is None:
        raise Http404("Nothing to follow")
    return kind, pk


def _back(request):
    """Back to the page the form was on, if it is on this site; else the following page."""
    url = request.POST.get("next", "")
    # A path of this site only: redirect() would take any other text for a view's name.
    if url.startswith("/") and url_has_allowed_host_and_scheme(
        url, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return HttpResponseRedirect(url)
    return redirect("following:list")


def signed_in_then_back(view):
    """login_required for the follow buttons: a signed-out person is sent to sign in and then
    back to the page the button was on (the form's `next`), not to this POST-only address."""

    @wraps(view)
    def if_signed_in(request, *args, **kwargs):
        if not request.user.is_authenticated:
            return redirect_to_login(request.POST.get("next") or reverse("following:list"))
        return view(request, *args, **kwargs)

    return if_signed_in


@require_POST
@signed_in_then_back
def follow(request):
    kind, pk = _target(request)
    # Something the member may not see is, to them, not there.
    target = kind.followable(request.user).filter(pk=pk).first()
    if target is None:
        raise Http404("Nothing to follow")
    Follow.start(request.user, kind.name, target)
    frequency = _preference(request.user).frequency
    messages.success(
        request,
        f"You are following {kind.title(target)}. {EMAILS_WILL[frequency]}: "
        "change this on the page of what you follow.",
    )
    return _back(request)


@require_POST
@signed_in_then_back
def unfollow(request):
    kind, pk = _target(request)
    if Follow.objects.filter(follower=request.user).filter(pointing_at(kind.model, pk)).exists():
        target = kind.model._default_manager.filter(pk=pk).first()
        if target is None or (kind.hidden_name and not kind.may_follow(request.user, target)):
            name = kind.hidden_name or "it"
        else:
            name = kind.title(target)
        Follow.stop(request.user, kind.name, pk)
        messages.success(request, f"You no longer follow {name}.")
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
