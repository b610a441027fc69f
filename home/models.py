from django.db import models

from wagtail.admin.panels import FieldPanel
from wagtail.models import Page

from core import routing
from core.metadata import PageMetadata
from core.pages import section_index_models

RECENT = 6
MOST_APPLIED = 5


class HomePage(PageMetadata, Page):
    intro = models.TextField(
        blank=True, help_text="A sentence or two under the site's name on the home page."
    )

    content_panels = Page.content_panels + [FieldPanel("intro")]
    parent_page_types = ["wagtailcore.Page"]
    description_field = "intro"
    max_count = 1

    @classmethod
    def clean_subpage_models(cls):
        # Under the home page: each section's index page, whichever app defines it (an app adds
        # a section by subclassing SectionIndexPage; migrate creates its page).
        return section_index_models()

    def route(self, request, path_components):
        # Its children (the sections) as routing keeps them until the tree changes: a lesson's
        # or a network's address reads its section's page from no table (core/routing.py).
        if path_components:
            section = routing.child_page(request, self, path_components[0])
            if section is not None:
                return section.route(request, path_components[1:])
        return super().route(request, path_components)

    def get_context(self, request, *args, **kwargs):
        from lessons.models import LessonPage

        context = super().get_context(request, *args, **kwargs)
        readable = LessonPage.objects.readable_by(request.user)
        recent = LessonPage.with_reading_relations(readable.order_by("-date", "-pk"))
        most_applied = LessonPage.with_reading_relations(readable.most_applied())
        context["recent_lessons"] = recent[:RECENT]
        context["most_applied"] = most_applied[:MOST_APPLIED]
        from campaigns.models import case_study_of_the_month

        context["month"], context["month_picked"] = case_study_of_the_month()
        if request.user.is_authenticated:
            from home.member_home import member_home

            context["member_home"] = member_home(request.user)
        return context
