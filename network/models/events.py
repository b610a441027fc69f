import re

from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone

from wagtail import blocks
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.documents.blocks import DocumentChooserBlock
from wagtail.fields import StreamField
from wagtail.models import Orderable, Page
from wagtail.search import index

from modelcluster.contrib.taggit import ClusterTaggableManager
from modelcluster.fields import ParentalKey
from taggit.models import TaggedItemBase

from core.addresses import absolute_url
from core.blocks import LinkBlock
from core.metadata import PageMetadata
from network.models.children import NetworkChildPage
from network.models.networks import _views
from network.models.people import named_for


class DocumentBlock(blocks.StructBlock):
    title = blocks.CharBlock(max_length=255)
    document = DocumentChooserBlock()

    class Meta:
        icon = "doc-full"


class EventTheme(TaggedItemBase):
    content_object = ParentalKey("network.EventPage", related_name="tagged_themes")


def link_list(**kwargs):
    return StreamField([("link", LinkBlock())], blank=True, **kwargs)


class EventPage(PageMetadata, NetworkChildPage, RoutablePageMixin, Page):
    """A network event such as a NetWorkout webinar, and what it leaves behind afterwards."""

    description_field = "description"  # its metadata (core/metadata.py)

    start = models.DateTimeField(help_text="UK time (Europe/London).")
    end = models.DateTimeField(help_text="UK time (Europe/London).")
    online = models.BooleanField(default=True)
    venue = models.CharField(max_length=255, blank=True, help_text="For an in-person event.")
    joining_link = models.URLField(blank=True, help_text="Where people join an online event.")
    audience = models.CharField(
        max_length=255,
        blank=True,
        help_text="Who it is for, for example “anyone leading a network”.",
    )
    description = models.TextField()
    recording_url = models.URLField("recording", blank=True)
    materials = StreamField(
        [("document", DocumentBlock()), ("link", LinkBlock())],
        blank=True,
        help_text="Slides and documents from the event.",
    )
    useful_links = link_list()
    background_reading = link_list()
    themes = ClusterTaggableManager(through=EventTheme, blank=True, related_name="events")

    content_panels = Page.content_panels + [
        FieldRowPanel([FieldPanel("start"), FieldPanel("end")], heading="When"),
        MultiFieldPanel(
            [FieldPanel("online"), FieldPanel("joining_link"), FieldPanel("venue")],
            heading="Where",
        ),
        FieldPanel("audience"),
        FieldPanel("description"),
        FieldPanel("themes"),
        InlinePanel("speakers", heading="Speakers", label="Speaker"),
        MultiFieldPanel(
            [
                FieldPanel("recording_url"),
                FieldPanel("materials"),
                FieldPanel("useful_links"),
                FieldPanel("background_reading"),
            ],
            heading="After the event",
        ),
    ]
    search_fields = Page.search_fields + [
        index.SearchField("description"),
        index.SearchField("audience"),
        index.FilterField("start"),
        index.RelatedFields("themes", [index.SearchField("name")]),
    ]

    class Meta:
        verbose_name = "event"

    def clean(self):
        super().clean()
        errors = {}
        if self.start and self.end and self.end <= self.start:
            errors["end"] = "The event must end after it starts."
        if not self.online and not self.venue:
            errors["venue"] = "Give a venue for an in-person event."
        if re.match(r"\s*for\s*:", self.audience, re.IGNORECASE):
            errors["audience"] = "Leave out “For:”: the page puts it in front of who it is for."
        if errors:
            raise ValidationError(errors)

    @property
    def is_past(self):
        return self.end < timezone.now()

    def json_ld(self, url, request=None):
        """A schema.org Event, organised by its network; online events are located at their
        page (the joining link stays on the page), in-person ones at their venue. Speakers
        are left out: some are members whose profiles not everyone may see."""
        if self.online:
            mode, location = "Online", {"@type": "VirtualLocation", "url": url}
        else:
            mode, location = "Offline", {"@type": "Place", "name": self.venue}
        network = self.network
        return {
            "@type": "Event",
            "name": self.title,
            "description": self.metadata_description(),
            "url": url,
            "startDate": timezone.localtime(self.start).isoformat(),
            "endDate": timezone.localtime(self.end).isoformat(),
            "eventAttendanceMode": f"https://schema.org/{mode}EventAttendanceMode",
            "location": location,
            "organizer": {
                "@type": "Organization",
                "name": network.title,
                # With the request, Wagtail's site roots are read once for the whole page.
                "url": absolute_url(network, request),
            },
        }

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["speakers"] = self.speakers_for(request.user)
        return context

    def speakers_for(self, user):
        """The programme as this person may read it: (name, role, profile to link or None).

        A speaker linked to a profile the reader may not see is a member who chose not to be
        shown to them: the editor's typed name and role would undo that choice, so the profile
        rule's neutral label (network.models.people) stands in for both. Speakers with no
        profile (guests) are shown as typed.
        """
        speakers = list(self.speakers.select_related("profile"))
        named = named_for(user, [s.profile.user_id for s in speakers if s.profile_id], self.network)
        programme = []
        for speaker in speakers:
            if speaker.profile_id is None:
                programme.append((speaker.name, speaker.role, None))
                continue
            shown = named[speaker.profile.user_id]
            if shown.profile is not None:
                programme.append((speaker.name, speaker.role, shown.profile))
            else:
                programme.append((shown.name, "", None))
        return programme

    @path("calendar/", name="ics")
    def ics(self, request):
        return _views().event_calendar(request, self)


class EventSpeaker(Orderable):
    event = ParentalKey(EventPage, on_delete=models.CASCADE, related_name="speakers")
    name = models.CharField(max_length=120)
    role = models.CharField(max_length=255, blank=True)
    profile = models.ForeignKey(
        "network.Profile",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="talks",
        help_text="Link the speaker's profile if they are a member.",
    )

    panels = [FieldPanel("name"), FieldPanel("role"), FieldPanel("profile")]

    def __str__(self):
        return self.name
