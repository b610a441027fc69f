from django.contrib import messages
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.http import HttpResponseNotAllowed
from django.shortcuts import redirect
from django.template.response import TemplateResponse

from network.forms import AddMemberForm
from network.models import Membership


def _require_signed_in_post(request):
    if request.method != "POST":
        return HttpResponseNotAllowed(["POST"])
    if not request.user.is_authenticated:
        return redirect_to_login(request.get_full_path())
    return None


def join(request, network):
    if refusal := _require_signed_in_post(request):
        return refusal
    if not network.is_public:
        messages.error(
            request,
            "This network is for members only. Ask one of its facilitators to add you.",
        )
    else:
        _, created = Membership.objects.get_or_create(network=network, user=request.user)
        if created:
            messages.success(request, f"You have joined {network.title}.")
    return redirect(network.url)


def leave(request, network):
    if refusal := _require_signed_in_post(request):
        return refusal
    deleted, _ = network.memberships.filter(user=request.user).delete()
    if deleted:
        messages.success(request, f"You have left {network.title}.")
    return redirect(network.url)


def add_member(request, network):
    if not request.user.is_authenticated:
        return redirect_to_login(request.get_full_path())
    membership = network.membership_for(request.user)
    if not (membership and membership.is_facilitator) and not request.user.is_superuser:
        raise PermissionDenied("Only the network's facilitators can add members.")

    form = AddMemberForm(request.POST or None, network=network)
    if request.method == "POST" and form.is_valid():
        Membership.objects.create(network=network, user=form.user)
        messages.success(request, f"{form.user} is now a member of {network.title}.")
        return redirect(network.url)
    return TemplateResponse(
        request, "network/add_member.html", {"page": network, "network": network, "form": form}
    )
