"""Who works on themes in the Wagtail admin.

A theme's curators are its creator (its owner, made a curator when the theme is created) and the
facilitators they add: they change and publish it. Site editors (`accounts.roles.is_site_editor`)
change and publish every theme. Facilitators of any network add themes under the themes index.
That is the rule (`ThemePage.objects.editable_by(user)` and `ThemePage.is_editable_by(user)`,
tested equal; `ThemeIndexPage.objects.accepting_themes_from(user)` and
`ThemeIndexPage.accepts_themes_from(user)`), and nothing in it deletes, moves or restricts a
theme, or changes, unpublishes or reorders the themes index: those stay with Wagtail's tree
permissions, which only site editors' groups hold (at the root).

The testers below give the rule to every admin view that asks a page's permissions
(`permissions_for_user`); themes/wagtail_hooks.py gives the same rule to the admin's listings,
explorer and choosers (`lessons.moderation.admin_scope`).
"""

from wagtail.models import PagePermissionTester

# What the rule lets a theme's curators (and site editors) do to it.
CURATOR_ACTIONS = ("change", "publish")


class ThemePermissionTester(PagePermissionTester):
    """Wagtail's permissions for a theme, from the page tree, plus changing and publishing it
    for those who may edit it (`ThemePage.is_editable_by`)."""

    def __init__(self, user, page):
        super().__init__(user, page)
        self.tree_permissions = set(getattr(self, "permissions", ()))
        self.permissions = set(self.tree_permissions)
        if user.is_active and not user.is_superuser and page.is_editable_by(user):
            self.permissions |= set(CURATOR_ACTIONS)

    def _as_the_tree_says(self, check, *args):
        granted, self.permissions = self.permissions, self.tree_permissions
        try:
            return check(*args)
        finally:
            self.permissions = granted

    def can_delete(self, ignore_bulk=False):
        # Moving a theme asks this too (PagePermissionTester.can_move).
        return self._as_the_tree_says(super().can_delete, ignore_bulk)

    def can_set_view_restrictions(self):
        return self._as_the_tree_says(super().can_set_view_restrictions)


class ThemeIndexPermissionTester(PagePermissionTester):
    """Wagtail's permissions for the themes index, from the page tree, plus adding a theme
    under it (and publishing it as it is created, since its creator curates it) for those the
    index accepts themes from (`ThemeIndexPage.accepts_themes_from`). Nothing else: the index
    itself is changed, unpublished, reordered or deleted only as the tree says."""

    def __init__(self, user, page):
        super().__init__(user, page)
        self.adds_themes = user.is_active and page.accepts_themes_from(user)

    def can_add_subpage(self):
        if super().can_add_subpage():
            return True
        return self.adds_themes and any(
            model.can_create_at(self.page)
            for model in self.page.specific_class.creatable_subpage_models()
        )

    def can_publish_subpage(self):
        return super().can_publish_subpage() or self.adds_themes
