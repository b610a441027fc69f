"""Which pages each person sees in the Wagtail admin: the one home of that rule.

Superusers see every page, and so do editors: Wagtail's tree permissions (GroupPagePermission)
give them the root. A facilitator's group holds permissions on their own network only
(network/permissions.py), so Wagtail gives them that network's page, events, resources and
research summaries. A network's lessons live under /lessons/, not under the network, which tree
permissions cannot express: `LessonPageQuerySet.facilitated_by` names those they review (in
review, not their own; the same rule as `lessons.models.may_review`) and the page permission
policy below adds them. Nothing else: a champion's draft is theirs until it is submitted.

The policy is registered for every page (lessons/apps.py), so everything in the admin that asks
Wagtail "which pages may this person explore or edit?" follows it: the explorer and its search,
page search, the page-type listings, the aging pages, locked pages, workflow and site history
reports, the dashboard and the admin API behind the explorer menu. What does not ask Wagtail's
policy is scoped through hooks (lessons/wagtail_hooks.py) and views
(lessons/moderation/admin_views.py), all asking the functions here:

- `pages_in_admin(user)`: the pages they work on;
- `navigable_pages(user)`: those and the pages above them, from the explorer's start down;
- `choosable_pages(user)`: what the page chooser offers: the navigable pages, and the lessons
  they may read on the site (to link a lesson to), with the pages above those.
"""

from django.db.models import Q

from wagtail.models import Page
from wagtail.permission_policies.pages import PagePermissionPolicy

from lessons.models import FACILITATOR_ACTIONS, LessonIndexPage, LessonPage

# The actions that let someone see a page in the explorer (as Wagtail counts them).
EXPLORE_ACTIONS = {"add", "change", "publish", "bulk_delete", "lock", "unlock"}


class AdminPagePermissionPolicy(PagePermissionPolicy):
    """Wagtail's page permission policy, with the lessons of the networks a person facilitates."""

    def _facilitated_lessons(self, user, actions):
        """Pages: the lessons this person may act on as a facilitator, for any of the actions."""
        if not user.is_active or user.is_superuser:
            return Page.objects.none()
        rule = Q(pk__in=[])
        for action in set(actions) & set(FACILITATOR_ACTIONS):
            rule |= Q(pk__in=LessonPage.objects.facilitated_by(user, action).values("pk"))
        return Page.objects.filter(rule)

    def instances_user_has_any_permission_for(self, user, actions):
        pages = super().instances_user_has_any_permission_for(user, actions)
        if self._base_queryset_for_user(user) is not None:
            return pages
        return pages | self._facilitated_lessons(user, actions)

    def user_has_any_permission_for_instance(self, user, actions, instance):
        if super().user_has_any_permission_for_instance(user, actions, instance):
            return True
        lesson = instance.specific_deferred
        return isinstance(lesson, LessonPage) and bool(
            set(actions) & lesson.facilitator_actions(user)
        )

    def instances_with_direct_explore_permission(self, user):
        pages = super().instances_with_direct_explore_permission(user)
        if user.is_superuser:
            return pages
        return list(pages) + list(_parents(self._facilitated_lessons(user, FACILITATOR_ACTIONS)))

    def explorable_instances(self, user):
        base_queryset = self._base_queryset_for_user(user)
        if base_queryset is not None:
            return base_queryset
        pages = self.instances_user_has_any_permission_for(user, EXPLORE_ACTIONS)
        starts = self.instances_with_direct_explore_permission(user)
        if not starts:
            return pages
        # Wagtail's rule: the pages above those one may act on are there to navigate through,
        # from the first one they have in common (the explorer's start) down.
        for page in starts:
            pages |= Page.objects.ancestor_of(page, inclusive=True)
        start = Page.objects.first_common_ancestor_of(starts, include_self=True)
        return pages.filter(path__startswith=start.path)


def _parents(pages):
    paths = {path[: -Page.steplen] for path in pages.values_list("path", flat=True)}
    return Page.objects.filter(path__in=paths)


policy = AdminPagePermissionPolicy()


def pages_in_admin(user):
    """The pages this person works on in the admin."""
    return policy.instances_user_has_any_permission_for(user, EXPLORE_ACTIONS)


def navigable_pages(user):
    """The pages this person works on and the pages above them, to navigate through."""
    return policy.explorable_instances(user)


def choosable_pages(user):
    """What the page chooser offers this person: the pages of their admin, and the lessons they
    may read on the site, with the pages above those to browse through."""
    pages = navigable_pages(user)
    if user.is_superuser:
        return pages
    readable = Q(pk__in=LessonPage.objects.readable_by(user).values("pk"))
    for index in LessonIndexPage.objects.all():
        readable |= Q(pk__in=Page.objects.ancestor_of(index, inclusive=True).values("pk"))
    return pages | Page.objects.filter(readable)
