"""The routes of a campaign page: the page itself with its pledge, signing, confirming and
withdrawing a signature; and stopping a campaign's updates from an email. The rules are on the
models (campaigns/models/pledges.py); these parse, call and render."""

from urllib.parse import quote as url_quote
from urllib.parse import urlencode

from django.contrib.auth.views import redirect_to_login
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.utils import timezone
from django.views.decorators.csrf import csrf_exempt

from campaigns.cards import SIZES, card_png
from campaigns.contacts import CampaignContactsExport
from campaigns.feeds import CAMPAIGN_FEED
from campaigns.forms import SignatureForm
from campaigns.models import Signature, signature_count, supporters_by_organisation
from core import ratelimits
from core.addresses import absolute_url
from core.feeds import alternates
from core.metadata import Metadata
from following.wagtail_hooks import follow_button

NEWS_ON_PAGE = 5


def is_open(campaign):
    return campaign.has_pledge and (
        campaign.closes_on is None or campaign.closes_on >= timezone.localdate()
    )


def campaign_context(request, campaign, form=None):
    user = request.user
    follow = follow_button(request, "campaign", campaign, "this campaign's news")
    return {
        "page": campaign,
        "self": campaign,
        "news": campaign.news()[:NEWS_ON_PAGE],
        "materials": campaign.materials.select_related("image", "document"),
        "case_studies": campaign.case_studies_for(user),
        "events": campaign.events_for(user),
        "actions": [follow] if follow else [],
        "feeds": alternates(campaign.title, CAMPAIGN_FEED, campaign.slug),
        "pledge_open": is_open(campaign),
        "form": form or SignatureForm(),
        "count": signature_count(campaign),
        "milestones": campaign.milestones.order_by("signatures"),
        "supporters": supporters_by_organisation(campaign),
        "may_export": Signature.objects.may_export(user),
        "quotes": campaign.quotes.all(),
        "card_case_studies": [
            lesson
            for lesson in campaign.case_studies_for(user)
            if campaign.public_case_study(lesson.pk)
        ],
    }


def campaign_page(request, campaign, form=None, status=200, headers=None):
    context = campaign_context(request, campaign, form)
    return TemplateResponse(
        request, "campaigns/campaign_page.html", context, status=status, headers=headers
    )


def sign(request, campaign):
    if not campaign.has_pledge:
        raise Http404("This campaign has no pledge")
    if request.method != "POST":
        return redirect(campaign.url + "#pledge")
    form = SignatureForm(request.POST)
    if not is_open(campaign):
        form.add_error(None, "This pledge has closed: it no longer takes signatures.")
        return campaign_page(request, campaign, form, status=400)
    if not form.is_valid():
        return campaign_page(request, campaign, form, status=400)
    if form.caught_a_bot:
        # Answer as to a person, so the bot learns nothing; nothing is kept or sent.
        return _check_your_email(request, campaign)
    if limited := ratelimits.consume(request, "pledge"):
        form.add_error(
            None,
            f"We take only so many signatures from one place in {limited.limit.span}. "
            f"Nothing was signed this time; please try again in {limited.wait}.",
        )
        return campaign_page(request, campaign, form, status=429, headers=limited.headers)
    details = form.signature_details()
    Signature.sign(campaign, email=details.pop("email"), **details)
    return _check_your_email(request, campaign)


def _check_your_email(request, campaign):
    context = {"page": campaign, "self": campaign}
    return TemplateResponse(request, "campaigns/check_your_email.html", context)


def confirm(request, campaign, token):
    """GET asks (link checkers fetch links); POST confirms."""
    signature = get_object_or_404(Signature, campaign=campaign, token=token)
    context = {"page": campaign, "self": campaign, "signature": signature}
    if request.method == "POST":
        Signature.confirm(campaign, token)
        context["count"] = signature_count(campaign)
        return TemplateResponse(request, "campaigns/confirmed.html", context)
    return TemplateResponse(request, "campaigns/confirm.html", context)


def withdraw(request, campaign, token):
    """GET asks; POST deletes the signature and the signer's details."""
    signature = get_object_or_404(Signature, campaign=campaign, token=token)
    context = {"page": campaign, "self": campaign, "signature": signature}
    if request.method == "POST":
        Signature.withdraw(campaign, token)
        return TemplateResponse(request, "campaigns/withdrawn.html", context)
    return TemplateResponse(request, "campaigns/withdraw.html", context)


@csrf_exempt  # mail providers post here without a session (RFC 8058); the token is the key
def stop_updates(request, token):
    """One-click stop of a campaign's updates, from the link in each update."""
    signature = get_object_or_404(
        Signature.objects.select_related("campaign"), token=token, email__isnull=False
    )
    context = {"campaign": signature.campaign}
    if request.method == "POST":
        Signature.stop_updates(signature.campaign, token)
        return TemplateResponse(request, "campaigns/updates_stopped.html", context)
    return TemplateResponse(request, "campaigns/stop_updates.html", context)


def contacts_csv(request, campaign):
    """The signers this person may contact, as CSV: a regional lead's regions, or every
    region for a site editor; only those who agreed to be contacted."""
    if not request.user.is_authenticated:
        return redirect_to_login(request.get_full_path())
    signatures = Signature.objects.filter(campaign=campaign)
    if not signatures.may_export(request.user):
        raise Http404("Only regional leads and site editors export contacts")
    contacts = signatures.contacts_for(request.user).select_related("campaign")
    response = CampaignContactsExport(campaign).write_csv_response(
        contacts.order_by("region", "organisation", "name")
    )
    response["Content-Type"] = "text/csv; charset=utf-8"
    response["Cache-Control"] = "private, no-store"
    return response


# Quotes and case studies as social cards


def _quote(campaign, number):
    quote = campaign.quotes.filter(pk=number).first()
    if quote is None:
        raise Http404("No such quote")
    return quote


def _case_study(campaign, number):
    lesson = campaign.public_case_study(number)
    if lesson is None:
        raise Http404("No card for this case study")
    return lesson


def _png(campaign, card, size):
    if size not in SIZES:
        raise Http404("Cards come in these sizes: " + ", ".join(SIZES))
    response = HttpResponse(card_png(card, size), content_type="image/png")
    response["Content-Disposition"] = f'inline; filename="{campaign.slug}-card-{size}.png"'
    response["Cache-Control"] = "public, max-age=3600"
    return response


def share_links(campaign, url, text):
    """Plain links that share the card's page: no script, nothing that tracks."""
    hashtag = campaign.hashtag
    tagged = f"{text} #{hashtag}" if hashtag else text
    return [
        ("LinkedIn", "https://www.linkedin.com/sharing/share-offsite/?" + urlencode({"url": url})),
        ("X", "https://x.com/intent/post?" + urlencode({"text": tagged, "url": url})),
        (
            "email",
            "mailto:?"
            + urlencode(
                {"subject": campaign.title, "body": f"{tagged}\n\n{url}"}, quote_via=url_quote
            ),
        ),
    ]


def _card_page(request, campaign, card, route, number, heading):
    page_url = absolute_url(request.path)
    shared_text = card.text if len(card.text) <= 200 else card.text[:197] + "…"
    context = {
        "page": campaign,
        "self": campaign,
        "card": card,
        "heading": heading,
        "route": route,
        "number": number,
        "sizes": SIZES,
        "share_links": share_links(campaign, page_url, shared_text),
    }
    return TemplateResponse(request, "campaigns/card_page.html", context)


def quote_page(request, campaign, number):
    quote = _quote(campaign, number)
    return _card_page(
        request, campaign, quote.card, "quote_card", number, f"A quote from {quote.name}"
    )


def quote_card(request, campaign, number, size):
    return _png(campaign, _quote(campaign, number).card, size)


def _lesson_card(campaign, lesson):
    return campaign.card(lesson.impact_vignette, lesson.title)


def case_study_card_page(request, campaign, number):
    lesson = _case_study(campaign, number)
    card = _lesson_card(campaign, lesson)
    return _card_page(
        request, campaign, card, "case_study_card", number, f"Case study: {lesson.title}"
    )


def case_study_card(request, campaign, number, size):
    return _png(campaign, _lesson_card(campaign, _case_study(campaign, number)), size)


def card_metadata(request, campaign, view, kwargs):
    """The Metadata of a quote's or a case study's card page (core/metadata.py): the words
    as the description, the wide card as the picture and its words as the picture's alt text."""
    name = getattr(view, "__name__", "")
    number = kwargs.get("number")
    if name == "quote_route":
        quote = campaign.quotes.filter(pk=number).first()
        card, title, route = (
            (quote.card, f"A quote from {quote.name}", "quote_card") if quote else (None, "", "")
        )
    elif name == "case_study_card_page_route":
        lesson = campaign.public_case_study(number)
        card = _lesson_card(campaign, lesson) if lesson else None
        title, route = (f"Case study: {lesson.title}", "case_study_card") if lesson else ("", "")
    else:
        return None
    if card is None:
        return None
    image = absolute_url(campaign.url + campaign.reverse_subpage(route, args=[number, "wide"]))
    return Metadata(
        title=f"{title} · {campaign.title}",
        description=card.text,
        url=absolute_url(request.path),
        type="article",
        image=image,
        image_alt=f"{card.text} ({card.attribution})",
    )
