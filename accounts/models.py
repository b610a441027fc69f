from django.contrib.auth.models import AbstractUser, BaseUserManager
from django.db import models


class UserManager(BaseUserManager):
    use_in_migrations = True

    def _create_user(self, email, password, **extra_fields):
        if not email:
            raise ValueError("An email address is required.")
        user = self.model(email=self.normalize_email(email), **extra_fields)
        user.set_password(password)
        user.save(using=self._db)
        return user

    def create_user(self, email, password=None, **extra_fields):
        extra_fields.setdefault("is_staff", False)
        extra_fields.setdefault("is_superuser", False)
        return self._create_user(email, password, **extra_fields)

    def create_superuser(self, email, password=None, **extra_fields):
        extra_fields.update(is_staff=True, is_superuser=True)
        return self._create_user(email, password, **extra_fields)


class User(AbstractUser):
    """A person with an account: a member, champion, facilitator or administrator.

    People sign in with their email address, so there is no username.
    """

    username = None
    email = models.EmailField("email address", unique=True)

    USERNAME_FIELD = "email"
    REQUIRED_FIELDS = []

    objects = UserManager()

    class Meta:
        ordering = ["email"]
        # Given by the "Site editors" group; asked only through accounts.roles.
        permissions = [
            (
                "site_editor",
                "Is a site editor: reviews lessons without a network, sees every network and "
                "site-wide search insights, gives the regional lead role",
            )
        ]

    def __str__(self):
        return self.get_full_name() or self.email

    @property
    def has_verified_email(self):
        """Whether allauth has verified one of this person's email addresses.

        Acting in networks (joining, asking to join) needs a verified address.
        """
        from allauth.account.utils import has_verified_email

        return has_verified_email(self)


class UndeliveredEmail(models.Model):
    """An email that failed for good (accounts/mail.py): shown to site editors in the admin,
    so that someone can tell the people it was for."""

    failed_at = models.DateTimeField(auto_now_add=True)
    subject = models.CharField(max_length=1000)
    recipients = models.TextField()
    body = models.TextField(blank=True)
    withheld = models.BooleanField(
        "body not kept (it carried a sign-in or password link)", default=False
    )
    attempts = models.PositiveIntegerField()
    error = models.TextField()

    class Meta:
        ordering = ["-failed_at", "-pk"]
        verbose_name = "undelivered email"

    def __str__(self):
        return self.subject
