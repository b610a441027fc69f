"""Admin permission policies that ask one of the site's rules rather than Django permissions."""

from wagtail.permission_policies import BasePermissionPolicy


class OnlyWhoPolicy(BasePermissionPolicy):
    """A Wagtail permission policy: those for whom `rule(user)` holds may do everything to the
    model's objects (or only the `actions` given), nobody else anything. Registered for a model
    (`wagtail.permissions.register_permission_policy`), it is what the model's admin views,
    menu item and choosers ask. (Which users hold the rule is not asked by Wagtail's admin, so
    `users_with_any_permission` stays unanswered, as in BasePermissionPolicy.)"""

    def __init__(self, model, rule, actions=None):
        """`actions`: the only actions anyone may take ("change", "view"), if not all."""
        super().__init__(model)
        self.rule = rule
        self.actions = actions

    def user_has_permission(self, user, action):
        if self.actions is not None and action not in self.actions:
            return False
        return user.is_authenticated and self.rule(user)

    def user_has_any_permission(self, user, actions):
        return any(self.user_has_permission(user, action) for action in actions)
