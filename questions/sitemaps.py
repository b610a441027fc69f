"""Questions in the sitemap (config/urls.py): only those anyone may read, as the sitemap is
fetched without signing in."""

from django.contrib.sitemaps import Sitemap

from core.addresses import at_site_url
from questions.models import Question


class QuestionSitemap(Sitemap):
    def items(self):
        return Question.objects.public().order_by("pk")

    def lastmod(self, question):
        return question.created_at

    def location(self, question):
        return question.get_absolute_url()

    def get_urls(self, page=1, site=None, protocol=None):
        return [
            {**url, "location": at_site_url(url["location"])}
            for url in super().get_urls(page=page, site=site, protocol=protocol)
        ]
