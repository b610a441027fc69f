"""Only a signed-in member with a verified email address may join networks or ask to join."""

import pytest
from allauth.account.models import EmailAddress

from accounts.models import User
from network.models import JoinRequest, Membership
from tests.builders.accounts import PASSWORD, make_user
from tests.builders.lessons import lesson


def unverified_user(email="new@example.nhs.uk"):
    user = User.objects.create_user(email=email, password=PASSWORD)
    EmailAddress.objects.create(user=user, email=email, verified=False, primary=True)
    return user


def test_a_user_has_a_verified_email_once_allauth_has_verified_one(db):
    user = unverified_user()
    assert not user.has_verified_email
    EmailAddress.objects.filter(user=user).update(verified=True)
    assert user.has_verified_email
    assert make_user("other@example.nhs.uk").has_verified_email


def test_an_account_without_any_email_record_is_not_verified(db):
    assert not User.objects.create_user(email="admin-made@example.nhs.uk").has_verified_email


@pytest.mark.parametrize("slug", ["south-west-km", "board-leads"])
def test_an_unverified_account_cannot_join_or_ask_to_join(import_lessons, client, slug):
    import_lessons(lesson())
    client.force_login(unverified_user())
    response = client.post(f"/networks/{slug}/join/", {"message": "Please let me in."})
    assert response.status_code == 403
    assert "Confirm your email address" in response.content.decode()
    assert not Membership.objects.exists()
    assert not JoinRequest.objects.exists()
