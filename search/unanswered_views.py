"""A network's searches that found nothing, as its facilitators' work (search/unanswered.py):
the queue, "this is answered by…" and "ask for a lesson". Only for those who facilitate the
network (site editors facilitate every network); anyone else is told it is not there."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_POST

from network.models import NetworkPage
from search import insights, unanswered
from search.forms import AnswerForm


def _facilitated(request, network_id):
    return get_object_or_404(NetworkPage.objects.facilitated_by(request.user), pk=network_id)


def _queue_url(network):
    return reverse("search:unanswered", args=[network.pk])


@login_required
def queue(request, network_id):
    network = _facilitated(request, network_id)
    context = {
        "network": network,
        "queue": unanswered.queue(network),
        "days": insights.KEEP_DAYS,
        "min_people": insights.MIN_PEOPLE,
        "ask_days": unanswered.ASK_DAYS,
    }
    return TemplateResponse(request, "search/unanswered.html", context)


@login_required
def answer(request, network_id):
    network = _facilitated(request, network_id)
    data = request.POST if request.method == "POST" else None
    initial = {"query": request.GET.get("query", "")}
    form = AnswerForm(data, initial=initial, network=network, user=request.user)
    if data is None and not unanswered.in_queue(network, initial["query"]):
        raise Http404("Not one of the network's searches that found nothing.")
    if data is not None and form.is_valid():
        proposal = form.save()
        messages.success(
            request,
            f"The site editors have been told what answers “{proposal.query}”. "
            "What they decide shows here.",
        )
        return redirect(_queue_url(network))
    query = form["query"].value() or ""
    context = {"network": network, "form": form, "query": query}
    return TemplateResponse(request, "search/answer.html", context)


@login_required
@require_POST
def ask(request, network_id):
    network = _facilitated(request, network_id)
    query = request.POST.get("query", "")
    if not unanswered.in_queue(network, query):
        raise Http404("Not one of the network's searches that found nothing.")
    unanswered.ask(network, query, request.user)
    messages.success(
        request,
        f"Members of {network.title} are asked for a lesson on “{query}”: on the network's "
        "page, and in the next digest of those who follow it.",
    )
    return redirect(_queue_url(network))


@login_required
@require_POST
def withdraw(request, network_id, ask_id):
    """A facilitator takes an ask back before its time is up; anyone else is told it is not
    there (as for the queue)."""
    ask = get_object_or_404(
        unanswered.withdrawable_by(request.user).select_related("network"),
        pk=ask_id,
        network_id=network_id,
    )
    if unanswered.withdraw(ask, request.user):
        messages.success(
            request,
            f"The ask for a lesson on “{ask.query}” is withdrawn: it is no longer on "
            f"{ask.network.title}'s page or in any digest.",
        )
    else:
        messages.info(request, f"The ask for a lesson on “{ask.query}” was already withdrawn.")
    back = request.POST.get("next", "")
    if not url_has_allowed_host_and_scheme(
        back, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        back = ask.network.url
    return redirect(back)
