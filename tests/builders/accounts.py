"""People: accounts that can sign in."""

from allauth.account.models import EmailAddress

from accounts.models import User

PASSWORD = "a-long-test-password-7"


def make_user(email, password=PASSWORD, **fields):
    """An account with a verified primary email address, so it can sign in."""
    user = User.objects.create_user(email=email, password=password, **fields)
    EmailAddress.objects.create(user=user, email=email, verified=True, primary=True)
    return user
