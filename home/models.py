from django.db import models

from wagtail.admin.panels import FieldPanel
from wagtail.models import Page

RECENT = 6
MOST_APPLIED = 5


class HomePage(Page):
    intro = models.TextField(
        blank=True, help_text="A sentence or two under the site's name on the home page."
    )

    content_panels = Page.content_panels + [FieldPanel("intro")]
    parent_page_types = ["wagtailcore.Page"]
    subpage_types = ["lessons.LessonIndexPage", "network.NetworkIndexPage", "themes.ThemeIndexPage"]
    max_count = 1

    def get_context(self, request, *args, **kwargs):
        from lessons.models import LessonPage

        context = super().get_context(request, *args, **kwargs)
        readable = LessonPage.objects.readable_by(request.user)
        recent = LessonPage.with_reading_relations(readable.order_by("-date", "-pk"))
        most_applied = LessonPage.with_reading_relations(readable.most_applied())
        context["recent_lessons"] = recent[:RECENT]
        context["most_applied"] = most_applied[:MOST_APPLIED]
        return context
