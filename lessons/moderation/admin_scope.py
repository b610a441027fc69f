"""Which pages each person sees in the Wagtail admin, and what they may do to them: the one home
of that rule.

Site editors (accounts.roles.is_site_editor) see every page: the "Site editors" group's tree
permissions (GroupPagePermission) give them the root, and superusers have it implicitly. A
facilitator's group holds permissions on their own network only (network/permissions.py), so
Wagtail gives them that network's page, events, resources and research summaries. Some pages
are given by rules the page tree cannot express, each an `AdminPageRule` beside its pages:

- a network's lessons live under /lessons/, not under the network: `LessonPageQuerySet
  .facilitated_by` names those its facilitators review (in review, not their own; the same rule
  as `lessons.models.may_review`). A champion's draft is theirs until it is submitted;
- themes (the themes app registers its rules through the `ADMIN_PAGE_RULES` hook, in
  themes/wagtail_hooks.py): facilitators add themes under the themes index, and change and
  publish the themes they curate.

Nothing else. The page permission policy below is registered for every page (lessons/apps.py),
so everything in the admin that asks Wagtail "which pages may this person explore or edit?"
follows it: the explorer and its search, page search, the page-type listings, the aging pages,
locked pages, workflow and site history reports, the dashboard and the admin API (its listings
and each page by id). Every view of a page by id (explorer, editor, preview, history,
revisions, usage, workflow, copy, move, delete, unpublish, lock, privacy...) first asks
`may_see_in_admin` (lessons/wagtail_hooks.py's page viewset), and so do the page bulk actions;
what does not ask Wagtail's policy is scoped through hooks (lessons/wagtail_hooks.py) and views
(lessons/moderation/admin_views.py), all asking the functions here:

- `pages_in_admin(user)`: the pages they work on;
- `navigable_pages(user)`: those and the pages above them, from the explorer's start down
  (`may_see_in_admin(user, *ids)` for pages by id);
- `choosable_pages(user)`: what the page chooser offers: the navigable pages, and the lessons
  they may read on the site (to link a lesson to), with the pages above those.
"""

from collections.abc import Callable
from dataclasses import dataclass

from django.db.models import Q

from wagtail import hooks
from wagtail.models import Page
from wagtail.permission_policies.pages import PagePermissionPolicy

from accounts.roles import is_site_editor
from lessons.models import FACILITATOR_ACTIONS, LessonIndexPage, LessonPage

# The actions that let someone see a page in the explorer (as Wagtail counts them).
EXPLORE_ACTIONS = {"add", "change", "publish", "bulk_delete", "lock", "unlock"}

# The hook by which an app above this one adds an AdminPageRule for its own pages: each function
# registered for it returns a list of rules.
ADMIN_PAGE_RULES = "admin_page_rules"


@dataclass(frozen=True)
class AdminPageRule:
    """What a rule lets people do to pages of one kind (`model`) in the admin, beyond Wagtail's
    tree permissions, for any of the actions it may grant (`grants`): `pages(user, action)` the
    pages this person may take the action on, `actions(user, page)` the actions they may take
    on one of them. The two are one rule, tested equal where the rule is defined."""

    model: type[Page]
    grants: tuple[str, ...]
    pages: Callable
    actions: Callable


LESSONS_IN_REVIEW = AdminPageRule(
    model=LessonPage,
    grants=FACILITATOR_ACTIONS,
    pages=lambda user, action: LessonPage.objects.facilitated_by(user, action),
    actions=lambda user, lesson: lesson.facilitator_actions(user),
)


def page_rules():
    """The lessons rule, and the rules apps above this one register."""
    rules = [LESSONS_IN_REVIEW]
    for rules_of_an_app in hooks.get_hooks(ADMIN_PAGE_RULES):
        rules.extend(rules_of_an_app())
    return rules


class AdminPagePermissionPolicy(PagePermissionPolicy):
    """Wagtail's page permission policy, with what the page rules grant."""

    def _granted(self, user, actions):
        """Pages: those the page rules let this person take any of the actions on."""
        if not user.is_active or is_site_editor(user):
            return Page.objects.none()
        rule = Q(pk__in=[])
        for page_rule in page_rules():
            for action in set(actions) & set(page_rule.grants):
                rule |= Q(pk__in=page_rule.pages(user, action).values("pk"))
        return Page.objects.filter(rule)

    def instances_user_has_any_permission_for(self, user, actions):
        pages = super().instances_user_has_any_permission_for(user, actions)
        if self._base_queryset_for_user(user) is not None:
            return pages
        return pages | self._granted(user, actions)

    def user_has_any_permission_for_instance(self, user, actions, instance):
        if super().user_has_any_permission_for_instance(user, actions, instance):
            return True
        if not user.is_active:
            return False
        page = instance.specific_deferred
        return any(
            isinstance(page, rule.model) and set(actions) & set(rule.actions(user, page))
            for rule in page_rules()
        )

    def instances_with_direct_explore_permission(self, user):
        pages = super().instances_with_direct_explore_permission(user)
        if is_site_editor(user):
            return pages
        return list(pages) + list(_parents(self._granted(user, EXPLORE_ACTIONS)))

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


def may_see_in_admin(user, *page_ids):
    """Whether every one of these pages (by id) is among this person's navigable pages: the
    question each admin view of a page by id asks before anything else."""
    wanted = set(page_ids)
    return navigable_pages(user).filter(pk__in=wanted).count() == len(wanted)


def choosable_pages(user):
    """What the page chooser offers this person: the pages of their admin, and the lessons they
    may read on the site, with the pages above those to browse through."""
    pages = navigable_pages(user)
    if is_site_editor(user):
        return pages
    readable = Q(pk__in=LessonPage.objects.readable_by(user).values("pk"))
    for index in LessonIndexPage.objects.all():
        readable |= Q(pk__in=Page.objects.ancestor_of(index, inclusive=True).values("pk"))
    return pages | Page.objects.filter(readable)
