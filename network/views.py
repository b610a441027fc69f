from functools import wraps

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.db import IntegrityError, transaction
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.views.decorators.http import require_POST

from core.fulltext import id_set, in_order, match
from core.private_files import PrivateFileView
from network.calendar import event_file as event_calendar  # noqa: F401 (a page route's view)
from network.calendar import network_feed as network_calendar  # noqa: F401 (a page route's view)
from network.forms import (
    AddMemberForm,
    DirectoryFilterForm,
    JoinRequestForm,
    ProfileForm,
    ReviewForm,
)
from network.models import JoinRequest, NetworkPage, NetworkReview, Profile, regions_led_by
from network.presenters import network_page_context
from network.sections import PROFILE_PAGE, PROFILE_PAGE_ACTIONS, sections_for

PROFILES_PER_PAGE = 20


def facilitators_only(view):
    """Refuse (403) anyone who does not facilitate the network, the view's second argument.
    Signed-out people are not asked: put login_required above it."""

    @wraps(view)
    def if_facilitator(request, network, *args, **kwargs):
        if not network.is_facilitated_by(request.user):
            raise PermissionDenied("Only the network's facilitators can do that.")
        return view(request, network, *args, **kwargs)

    return if_facilitator


# Joining and leaving


@require_POST
@login_required
def join(request, network):
    if not request.user.has_verified_email:
        raise PermissionDenied("Confirm your email address before you join a network.")
    if network.membership_for(request.user):
        return redirect(network.url)
    if network.is_public:
        network.join(request.user)
        messages.success(request, f"You have joined {network.title}.")
        return redirect(network.url)

    form = JoinRequestForm(request.POST)
    if not form.is_valid():
        messages.error(request, "Your message is too long: keep it under 1,000 characters.")
        return redirect(network.url)
    _, created = network.ask_to_join(request.user, form.cleaned_data["message"])
    if not created:
        messages.info(request, "You have already asked to join; a facilitator will decide soon.")
    else:
        messages.success(
            request,
            f"You have asked to join {network.title}. "
            "We will email you when a facilitator decides.",
        )
    return redirect(network.url)


@require_POST
@login_required
def leave(request, network):
    if network.leave(request.user):
        messages.success(request, f"You have left {network.title}.")
    return redirect(network.url)


# Facilitators: requests, members and reviews


@login_required
@facilitators_only
def join_requests(request, network):
    pending = network.join_requests.filter(status=JoinRequest.Status.PENDING).select_related(
        "user__profile"
    )
    return TemplateResponse(
        request,
        "network/join_requests.html",
        {"page": network, "network": network, "join_requests": pending},
    )


@require_POST
@login_required
@facilitators_only
def decide_request(request, network, request_id, decision):
    join_request = get_object_or_404(
        network.join_requests, pk=request_id, status=JoinRequest.Status.PENDING
    )
    if decision == "approve":
        join_request.approve(by=request.user)
        messages.success(request, f"{join_request.user} has been added to {network.title}.")
    elif decision == "decline":
        join_request.decline(by=request.user)
        messages.success(request, f"{join_request.user} has been declined for {network.title}.")
    else:
        raise Http404("No such decision")
    return redirect(network.url + network.reverse_subpage("join_requests"))


@login_required
@facilitators_only
def add_member(request, network):
    form = AddMemberForm(request.POST or None, network=network)
    if request.method == "POST" and form.is_valid():
        if form.user is not None:
            network.add_member(form.user, by=request.user)
        # The same answer whether or not the address has an account.
        messages.success(
            request,
            f"If {form.cleaned_data['email']} belongs to an account on this site, that person "
            f"is now a member of {network.title}. If not, ask them to sign up first.",
        )
        return redirect(network.url)
    return TemplateResponse(
        request, "network/add_member.html", {"page": network, "network": network, "form": form}
    )


@login_required
@facilitators_only
def add_review(request, network):
    form = ReviewForm(request.POST or None, previous=NetworkReview.latest_for(network))
    if request.method == "POST" and form.is_valid():
        form.save(network, request.user)
        messages.success(request, "The review has been recorded.")
        return redirect(network.url + "#maturity")
    return TemplateResponse(
        request, "network/add_review.html", {"page": network, "network": network, "form": form}
    )


# Members and their profiles


def directory(request):
    """Visible profiles, filtered; with words, found through the search index (as site search
    finds them) and ranked, most words first. One full-text match whatever the number of
    words; the filters then narrow the matched ids in one query."""
    form = DirectoryFilterForm(request.GET or None, user=request.user)
    visible = Profile.objects.visible_to(request.user)
    profiles, ranked = visible, None
    if form.is_valid():
        data = form.cleaned_data
        for field in ("organisation_type", "region"):
            if data[field]:
                profiles = profiles.filter(**{field: data[field]})
        if data["specialism"]:
            profiles = profiles.filter(specialisms__name__iexact=data["specialism"])
        if data["training"]:
            profiles = profiles.filter(training__name__iexact=data["training"])
        if data["network"]:
            profiles = profiles.filter(user__memberships__network=data["network"])
        if data["q"]:
            ranked = match(visible, data["q"]).ids
            kept = set(profiles.filter(pk__in=id_set(ranked)).values_list("pk", flat=True))
            ranked = [pk for pk in ranked if pk in kept]
    with_tags = Profile.objects.prefetch_related("specialisms", "ask_me_about")
    if ranked is None:
        listing = with_tags.filter(pk__in=profiles.values("pk")).order_by("display_name", "pk")
        page = Paginator(listing, PROFILES_PER_PAGE).get_page(request.GET.get("page"))
    else:
        page = Paginator(ranked, PROFILES_PER_PAGE).get_page(request.GET.get("page"))
        page.object_list = in_order(with_tags, list(page.object_list))
    return TemplateResponse(
        request,
        "network/directory.html",
        {
            "form": form,
            "profiles": page,
            "filtered": form.is_valid() and any(form.cleaned_data.values()),
            "own_profile": getattr(request.user, "profile", None)
            if request.user.is_authenticated
            else None,
        },
    )


def profile_detail(request, pk):
    profile = get_object_or_404(
        Profile.objects.visible_to(request.user).select_related("user"), pk=pk
    )
    memberships = (
        profile.user.memberships.filter(
            network__in=NetworkPage.objects.sharing_content_with(request.user)
        )
        .select_related("network")
        .order_by("network__title")
    )
    return TemplateResponse(
        request,
        "network/profile_detail.html",
        {
            "profile": profile,
            "sections": sections_for(PROFILE_PAGE, request, profile),
            "actions": sections_for(PROFILE_PAGE_ACTIONS, request, profile),
            "memberships": memberships,
            "is_owner": profile.user_id == request.user.pk,
            "specialisms": list(profile.specialisms.all()),
            "training": list(profile.training.all()),
            "topics": list(profile.ask_me_about.all()),
            "regions_led": regions_led_by(profile.user),
        },
    )


# A profile's photo, to those who may see the profile (others get "not found").
profile_photo = PrivateFileView.as_view(
    readable=Profile.objects.visible_to, field="photo", download_name="photo"
)


@login_required
def profile_edit(request):
    profile = Profile.objects.filter(user=request.user).first()
    if profile is None:
        profile = Profile(user=request.user, display_name=request.user.get_full_name())
    form = ProfileForm(request.POST or None, request.FILES or None, instance=profile)
    if request.method == "POST" and form.is_valid():
        profile = _save_profile(request, form)
        if form.photo_not_stored:
            messages.warning(
                request,
                "Your profile has been saved, but not your new photo: the site could not "
                "store it just now. Try adding the photo again later.",
            )
        else:
            messages.success(request, "Your profile has been saved.")
        return redirect(profile.get_absolute_url())
    memberships = request.user.memberships.select_related("network")
    return TemplateResponse(
        request,
        "network/profile_edit.html",
        {"form": form, "profile": profile, "memberships": memberships},
    )


def _save_profile(request, form):
    """Save the profile form. A member's first save made twice at once (two tabs, a double
    click) meets the unique constraint on the second insert: that one is then saved onto the
    profile the first created, as a later edit would be, and the photo it wrote is removed."""
    try:
        with transaction.atomic():
            return form.save()
    except IntegrityError:
        if not form.instance._state.adding:
            raise
        written = form.instance.photo.name
        existing = Profile.objects.filter(user=request.user).first()
        if existing is None:
            raise
        if written:
            form.instance.photo.storage.delete(written)
        again = ProfileForm(request.POST, request.FILES, instance=existing)
        if not again.is_valid():  # it was valid a moment ago, against the same data
            raise
        profile = again.save()
        form.photo_not_stored = again.photo_not_stored
        return profile


# The network page itself (its route: NetworkPage.index_route)


def network_page(request, network):
    request.is_preview = getattr(request, "is_preview", False)
    return network.render(request, context_overrides=network_page_context(request, network))
