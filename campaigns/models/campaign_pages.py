"""Campaigns (/campaigns/ and /campaigns/<slug>/): a key message, its audiences, ways to take
part, a materials kit, linked case studies and events, news (child pages with a feed, followable
through core/follows.py) and, when editors give it wording, a pledge (campaigns/models/pledges.py).

Linked case studies and events are shown only to readers who may read them (the lessons' and
the networks' read rules), so a members-only case study linked here stays members-only.
"""

from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import ValidationError
from django.db import models

from wagtail.admin.panels import FieldPanel, InlinePanel, MultiFieldPanel, PageChooserPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.fields import RichTextField
from wagtail.models import Orderable, Page

from modelcluster.fields import ParentalKey

from campaigns.cards import HEX_COLOUR, MINIMUM_CONTRAST, Card, contrast_ratio
from core.metadata import PageMetadata
from core.pages import SectionIndexPage
from lessons.models import LessonPage
from network.models import EventPage


def _views():
    """The one hop from a campaign page to the code that serves its routes (as
    wagtail.contrib.forms reaches its views): campaigns/campaign_views.py imports these models."""
    from campaigns import campaign_views  # noqa: PLC0415 (see above)

    return campaign_views


class CampaignIndexPage(SectionIndexPage):
    default_slug = "campaigns"
    default_title = "Campaigns"
    default_intro = (
        "Campaigns the networks run together: their key messages, materials to share and "
        "pledges anyone can sign."
    )
    subpage_types = ["campaigns.CampaignPage"]

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["campaigns"] = CampaignPage.objects.child_of(self).live().order_by("title")
        return context


class CampaignPage(PageMetadata, RoutablePageMixin, Page):
    """One campaign, such as #AMillionDecisions."""

    description_field = "key_message"

    hashtag = models.CharField(
        max_length=60, blank=True, help_text="Without the #, for example AMillionDecisions."
    )
    key_message = models.TextField(max_length=1000)
    audiences = RichTextField(
        blank=True, features=["bold", "italic", "link", "ul"], help_text="Who the campaign is for."
    )
    ways_to_take_part = RichTextField(blank=True, features=["h3", "bold", "italic", "link", "ul"])
    email_signature = models.TextField(
        blank=True, max_length=1000, help_text="Text supporters copy into their email signature."
    )
    pledge = models.TextField(
        blank=True,
        max_length=2000,
        help_text="The words supporters sign. Leave empty for a campaign without a pledge.",
    )
    closes_on = models.DateField(
        null=True,
        blank=True,
        help_text="The day the pledge closes. Signers' details are deleted a set time after it.",
    )
    card_background = models.CharField(
        "card background colour",
        max_length=7,
        default="#005eb8",
        help_text="The social cards' background, like #005eb8.",
    )
    card_text_colour = models.CharField(
        "card text colour",
        max_length=7,
        default="#ffffff",
        help_text="The cards' text: at least 4.5 to 1 against the background.",
    )

    content_panels = Page.content_panels + [
        FieldPanel("hashtag"),
        FieldPanel("key_message"),
        FieldPanel("audiences"),
        FieldPanel("ways_to_take_part"),
        MultiFieldPanel(
            [FieldPanel("email_signature"), InlinePanel("materials", label="Material")],
            heading="Materials kit",
        ),
        MultiFieldPanel(
            [
                InlinePanel("quotes", label="Quote"),
                FieldPanel("card_background"),
                FieldPanel("card_text_colour"),
            ],
            heading="Quotes and social cards",
        ),
        InlinePanel("case_studies", label="Case study"),
        InlinePanel("events", label="Event"),
        MultiFieldPanel(
            [
                FieldPanel("pledge"),
                FieldPanel("closes_on"),
                InlinePanel("milestones", label="Milestone"),
            ],
            heading="Pledge",
        ),
    ]
    parent_page_types = ["campaigns.CampaignIndexPage"]
    subpage_types = ["campaigns.CampaignNewsPage"]

    def clean(self):
        super().clean()
        errors = {}
        for name in ("card_background", "card_text_colour"):
            if not HEX_COLOUR.fullmatch(getattr(self, name) or ""):
                label = self._meta.get_field(name).verbose_name.capitalize()
                errors[name] = f"{label} must be a colour like #005eb8"
        if not errors:
            ratio = contrast_ratio(self.card_background, self.card_text_colour)
            if ratio < MINIMUM_CONTRAST:
                errors["card_text_colour"] = (
                    f"Card text colour: its contrast with the background is {ratio:.1f} to 1; "
                    f"it must be at least {MINIMUM_CONTRAST} to 1"
                )
        if errors:
            raise ValidationError(errors)

    def card(self, text, attribution):
        return Card(
            text=text,
            attribution=attribution,
            background=self.card_background,
            foreground=self.card_text_colour,
            hashtag=self.hashtag,
        )

    def public_case_study(self, lesson_id):
        """A linked case study with a vignette that everyone may read, or None: only such a
        case study has a card (a members-only one never gets a public card)."""
        return (
            LessonPage.objects.readable_by(AnonymousUser())
            .filter(pk=lesson_id, pk__in=self.case_studies.values("lesson_id"))
            .exclude(impact_vignette="")
            .first()
        )

    def route_metadata(self, request, path):
        """A quote's or a case study's card page: its words as the description and its card
        as the image."""
        view, args, kwargs = self.resolve_subpage(request.path[len(path) - 1 :])
        return _views().card_metadata(request, self, view, kwargs)

    @property
    def has_pledge(self):
        return bool(self.pledge.strip())

    def news(self):
        return CampaignNewsPage.objects.child_of(self).live().order_by("-date", "-pk")

    def case_studies_for(self, user):
        linked = self.case_studies.values("lesson_id")
        return LessonPage.objects.readable_by(user).filter(pk__in=linked).order_by("title")

    def events_for(self, user):
        linked = self.events.values("event_id")
        return EventPage.objects.readable_by(user).filter(pk__in=linked).order_by("start")

    @path("", name="index")
    def index_route(self, request):
        return _views().campaign_page(request, self)

    @path("sign/", name="sign")
    def sign_route(self, request):
        return _views().sign(request, self)

    @path("contacts/", name="contacts")
    def contacts_route(self, request):
        return _views().contacts_csv(request, self)

    @path("quotes/<id:number>/", name="quote")
    def quote_route(self, request, number):
        return _views().quote_page(request, self, number)

    @path("quotes/<id:number>/card/<slug:size>/", name="quote_card")
    def quote_card_route(self, request, number, size):
        return _views().quote_card(request, self, number, size)

    @path("case-studies/<id:number>/", name="case_study_card_page")
    def case_study_card_page_route(self, request, number):
        return _views().case_study_card_page(request, self, number)

    @path("case-studies/<id:number>/card/<slug:size>/", name="case_study_card")
    def case_study_card_route(self, request, number, size):
        return _views().case_study_card(request, self, number, size)

    @path("confirm/<str:token>/", name="confirm")
    def confirm_route(self, request, token):
        return _views().confirm(request, self, token)

    @path("withdraw/<str:token>/", name="withdraw")
    def withdraw_route(self, request, token):
        return _views().withdraw(request, self, token)


class Quote(Orderable):
    """A champion's or a senior leader's words, shared as a card."""

    campaign = ParentalKey(CampaignPage, on_delete=models.CASCADE, related_name="quotes")
    text = models.TextField(max_length=500)
    name = models.CharField("who said it", max_length=200)
    role = models.CharField("their role", max_length=200, blank=True)

    panels = [FieldPanel("text"), FieldPanel("name"), FieldPanel("role")]

    def __str__(self):
        return f"{self.name}: {self.text[:60]}"

    @property
    def attribution(self):
        return ", ".join(part for part in (self.name, self.role) if part)

    @property
    def card(self):
        return self.campaign.card(self.text, self.attribution)


class CampaignMaterial(Orderable):
    """One item of the materials kit: a logo, a poster or another image or document."""

    class Kind(models.TextChoices):
        LOGO = "logo", "Logo"
        POSTER = "poster", "Poster"
        OTHER = "other", "Other material"

    campaign = ParentalKey(CampaignPage, on_delete=models.CASCADE, related_name="materials")
    kind = models.CharField(max_length=10, choices=Kind.choices, default=Kind.POSTER)
    title = models.CharField(max_length=255)
    image = models.ForeignKey(
        "wagtailimages.Image", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    alt_text = models.CharField(
        max_length=500, blank=True, help_text="What the image shows, for people who cannot see it."
    )
    document = models.ForeignKey(
        "wagtaildocs.Document", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    panels = [
        FieldPanel("kind"),
        FieldPanel("title"),
        FieldPanel("image"),
        FieldPanel("alt_text"),
        FieldPanel("document"),
    ]

    def __str__(self):
        return self.title


class CampaignCaseStudy(Orderable):
    campaign = ParentalKey(CampaignPage, on_delete=models.CASCADE, related_name="case_studies")
    lesson = models.ForeignKey(LessonPage, on_delete=models.CASCADE, related_name="+")

    panels = [PageChooserPanel("lesson")]


class CampaignEvent(Orderable):
    campaign = ParentalKey(CampaignPage, on_delete=models.CASCADE, related_name="events")
    event = models.ForeignKey(EventPage, on_delete=models.CASCADE, related_name="+")

    panels = [PageChooserPanel("event")]


class CampaignNewsPage(PageMetadata, Page):
    """An update on a campaign: news to those who follow the campaign, in its feed, and
    emailed to signers who asked for the campaign's updates."""

    description_field = "summary"
    metadata_type = "article"

    date = models.DateField()
    summary = models.TextField(max_length=500)
    body = RichTextField(blank=True, features=["h3", "bold", "italic", "link", "ul", "ol"])

    content_panels = Page.content_panels + [
        FieldPanel("date"),
        FieldPanel("summary"),
        FieldPanel("body"),
    ]
    parent_page_types = ["campaigns.CampaignPage"]
    subpage_types = []

    @property
    def campaign(self):
        return CampaignPage.objects.get(pk=self.get_parent().pk)

    def json_ld(self, url, request=None):
        return {
            "@type": "NewsArticle",
            "headline": self.title,
            "datePublished": self.date,
            "url": url,
        }
