"""People: accounts that can sign in."""

from allauth.account.models import EmailAddress

from accounts.models import User

PASSWORD = "a-long-test-password-7"


def make_user(email, password=PASSWORD, **fields):
    """An account with a verified primary email address, so it can sign in."""
    user = User.objects.create_user(email=email, password=password, **fields)
    EmailAddress.objects.create(user=user, email=email, verified=True, primary=True)
    return user


def make_site_editor(email="editor@example.nhs.uk", **fields):
    """A site editor by permission: in the "Site editors" group the migrations made, neither a
    superuser nor staff."""
    from django.contrib.auth.models import Group

    from accounts.roles import SITE_EDITORS_GROUP

    user = make_user(email, **fields)
    user.groups.add(Group.objects.get(name=SITE_EDITORS_GROUP))
    return user
