"""Pages that belong to a network: its events, resources and research summaries.

One guard for all of them. A network child page may be read while it is live and its network
shares its content with the reader (NetworkPage.shares_with), which a network does only while it
is live itself: unpublishing a network takes its pages with it. `readable_by` applies the same
rule to many pages at once. The page itself, the network page's listings, search, calendars,
tags, digests and the sitemap all ask it.
"""

from django.contrib.auth.models import AnonymousUser
from django.db.models import Q
from django.http import Http404
from django.utils.functional import cached_property

from network.models.networks import NetworkPage


class NetworkChildPage:
    """Mixed into a page model whose parent is a NetworkPage. Put it before RoutablePageMixin
    and Page in the bases, so that its `serve` guards every route of the page."""

    parent_page_types = ["network.NetworkPage"]
    subpage_types = []

    @classmethod
    def in_networks(cls, networks):
        """Pages of this kind directly under any of these networks. A plain filter on the tree
        path, so that search backends (Elasticsearch too) can apply it."""
        rule = Q(pk__in=[])
        for network in networks:
            rule |= Q(path__startswith=network.path, depth=network.depth + 1)
        return cls.objects.filter(rule)

    @classmethod
    def readable_by(cls, user, shared=None):
        """The pages of this kind this person may read: live, in a network that shares its
        content with them. `shared` is NetworkPage.shared_with(user) when the caller already
        has it (listing several kinds at once); it is asked here otherwise."""
        if shared is None:
            shared = NetworkPage.shared_with(user)
        return cls.in_networks(shared).live()

    @cached_property
    def network(self):
        return self.get_parent().specific

    def is_readable_by(self, user):
        """The rule of readable_by, for this one page."""
        return self.live and self.network.shares_with(user)

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
