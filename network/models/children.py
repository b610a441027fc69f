"""Pages that belong to a network: its events, resources and research summaries.

One guard for all of them. A network child page may be read while it is live and its network
shares its content with the reader (NetworkPage.shares_content_with), which a network does only
while it is live itself: unpublishing a network takes its pages with it. The queryset method
(`EventPage.objects.readable_by(user)`, the same for each kind) applies the same rule to many
pages at once. The page itself, the network page's listings, search, calendars, tags, digests
and the sitemap all ask it.
"""

from django.contrib.auth.models import AnonymousUser
from django.db.models import Q
from django.http import Http404
from django.utils.functional import cached_property

from wagtail.models import Page, PageManager
from wagtail.query import PageQuerySet

from network.models.networks import NetworkPage


class NetworkChildPageQuerySet(PageQuerySet):
    def in_networks(self, networks):
        """Pages directly under any of these networks. A plain filter on the tree path, so
        that search backends (Elasticsearch too) can apply it."""
        rule = Q(pk__in=[])
        for network in networks:
            rule |= Q(path__startswith=network.path, depth=network.depth + 1)
        return self.filter(rule)

    def readable_by(self, user, shared=None):
        """The pages this person may read: live, in a network that shares its content with
        them. `shared` is NetworkPage.objects.sharing_content_with(user) when the caller
        already has it (listing several kinds at once); it is asked here otherwise."""
        if shared is None:
            shared = NetworkPage.objects.sharing_content_with(user)
        return self.in_networks(shared).live()


class NetworkChildPage(Page):
    """The page model of a network's events, resources and research summaries. Put it before
    RoutablePageMixin in a page's bases, so that its `serve` guards every route of the page."""

    objects = PageManager.from_queryset(NetworkChildPageQuerySet)()

    parent_page_types = ["network.NetworkPage"]
    subpage_types = []

    class Meta:
        abstract = True

    @cached_property
    def network(self):
        return self.get_parent().specific

    def is_readable_by(self, user):
        """The rule of NetworkChildPageQuerySet.readable_by, for this one page (tested equal)."""
        return self.live and self.network.shares_content_with(user)

    def can_be_previewed_by(self, user):
        return self.permissions_for_user(user).can_edit()

    def serve(self, request, *args, **kwargs):
        if not (self.is_readable_by(request.user) or self.can_be_previewed_by(request.user)):
            raise Http404(f"No such {self._meta.verbose_name}")
        return super().serve(request, *args, **kwargs)

    def get_sitemap_urls(self, request=None):
        # Sitemaps are fetched without signing in.
        if not self.is_readable_by(AnonymousUser()):
            return []
        return super().get_sitemap_urls(request)
