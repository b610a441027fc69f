from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator
from django.db import models
from django.db.models import Q
from django.urls import reverse

from wagtail.search import index

from modelcluster.contrib.taggit import ClusterTaggableManager
from modelcluster.fields import ParentalKey
from modelcluster.models import ClusterableModel
from taggit.models import TaggedItemBase

from core.vocabulary import MAX_YEARS_EXPERIENCE, OrganisationType, Region

PHOTO_MAX_BYTES = 2 * 1024 * 1024
PHOTO_FORMATS = {"JPEG", "PNG", "WEBP"}


def validate_photo(photo):
    """A profile photo: a JPEG, PNG or WebP image of at most 2 MB."""
    if photo.size > PHOTO_MAX_BYTES:
        raise ValidationError("The photo must be 2 MB or smaller.")
    # A new upload carries the image Pillow opened when the form checked it.
    upload = getattr(photo, "file", photo)
    image = getattr(upload, "image", None)
    if image is not None and image.format not in PHOTO_FORMATS:
        raise ValidationError("The photo must be a JPEG, PNG or WebP image.")


class ProfileQuerySet(models.QuerySet):
    def visible_to(self, user):
        """Profiles this person may see: public ones, members-only ones when signed in,
        and always their own."""
        rule = Q(visibility=Profile.Visibility.EVERYONE)
        if user.is_authenticated:
            rule |= Q(visibility=Profile.Visibility.MEMBERS) | Q(user=user)
        return self.filter(rule)


class ProfileSpecialism(TaggedItemBase):
    content_object = ParentalKey("network.Profile", related_name="tagged_specialisms")


class ProfileTraining(TaggedItemBase):
    content_object = ParentalKey("network.Profile", related_name="tagged_training")


class ProfileTopic(TaggedItemBase):
    content_object = ParentalKey("network.Profile", related_name="tagged_topics")


class Profile(index.Indexed, ClusterableModel):
    """What a member tells others about their experience, and who may see it."""

    class Visibility(models.TextChoices):
        EVERYONE = "everyone", "Everyone"
        MEMBERS = "members", "Signed-in members only"
        PRIVATE = "private", "Nobody but me"

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="profile"
    )
    display_name = models.CharField(max_length=120)
    organisation = models.CharField(max_length=255, blank=True)
    organisation_type = models.CharField(
        max_length=30, choices=OrganisationType.choices, blank=True
    )
    job_role = models.CharField(max_length=255, blank=True)
    region = models.CharField(max_length=30, choices=Region.choices, blank=True)
    years_experience = models.PositiveSmallIntegerField(
        null=True,
        blank=True,
        validators=[MaxValueValidator(MAX_YEARS_EXPERIENCE)],
    )
    bio = models.TextField(blank=True, max_length=2000)
    specialisms = ClusterTaggableManager(
        through=ProfileSpecialism, blank=True, related_name="specialist_profiles"
    )
    training = ClusterTaggableManager(
        through=ProfileTraining, blank=True, related_name="trained_profiles"
    )
    ask_me_about = ClusterTaggableManager(
        through=ProfileTopic, blank=True, related_name="topic_profiles"
    )
    photo = models.ImageField(upload_to="profiles/", blank=True, validators=[validate_photo])
    visibility = models.CharField(
        max_length=10, choices=Visibility.choices, default=Visibility.MEMBERS
    )
    updated_at = models.DateTimeField(auto_now=True)

    objects = ProfileQuerySet.as_manager()

    search_fields = [
        index.SearchField("display_name", boost=3),
        index.AutocompleteField("display_name"),
        index.SearchField("job_role"),
        index.SearchField("organisation"),
        index.SearchField("bio"),
        index.FilterField("visibility"),
        index.FilterField("user_id"),
        index.FilterField("organisation_type"),
        index.FilterField("region"),
        index.RelatedFields("specialisms", [index.SearchField("name")]),
        index.RelatedFields("ask_me_about", [index.SearchField("name")]),
    ]

    class Meta:
        ordering = ["display_name"]

    def __str__(self):
        return self.display_name

    def get_absolute_url(self):
        return reverse("network:profile", args=[self.pk])

    def is_visible_to(self, user):
        if self.visibility == self.Visibility.EVERYONE:
            return True
        if not user.is_authenticated:
            return False
        return self.visibility == self.Visibility.MEMBERS or self.user_id == user.pk
