from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator
from django.db import models, transaction
from django.db.models import Q
from django.urls import reverse

from modelsearch.tasks import insert_or_update_object_task
from wagtail.search import index

from modelcluster.contrib.taggit import ClusterTaggableManager
from modelcluster.fields import ParentalKey
from modelcluster.models import ClusterableModel
from taggit.models import TaggedItemBase

from core.private_files import clean_image, private_storage, too_many_pixels
from core.vocabulary import MAX_YEARS_EXPERIENCE, OrganisationType, Region

PHOTO_MAX_BYTES = 2 * 1024 * 1024
PHOTO_FORMATS = ("JPEG", "PNG", "WEBP")
PHOTO_MAX_PIXELS = 40_000_000
PHOTO_MAX_SIDE = 800
PHOTO_TOO_LARGE = too_many_pixels("photo", PHOTO_MAX_PIXELS)


def validate_photo(photo):
    """A profile photo: a JPEG, PNG or WebP image of at most 2 MB."""
    if photo.size > PHOTO_MAX_BYTES:
        raise ValidationError("The photo must be 2 MB or smaller.")
    # A new upload carries the image Pillow opened when the form checked it.
    upload = getattr(photo, "file", photo)
    image = getattr(upload, "image", None)
    if image is not None and image.format not in PHOTO_FORMATS:
        raise ValidationError("The photo must be a JPEG, PNG or WebP image.")


def reencoded_photo(upload):
    """The photo as the site keeps it: upright, at most 800 pixels a side, a JPEG with no
    metadata (no GPS position, camera or original file name), under a random name
    (core.private_files.clean_image, which refuses too many pixels before decoding any)."""
    validate_photo(upload)
    return clean_image(
        upload,
        formats=PHOTO_FORMATS,
        noun="photo",
        max_pixels=PHOTO_MAX_PIXELS,
        max_side=PHOTO_MAX_SIDE,
        as_jpeg=True,
    )


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
    # Private (core.private_files): served only through the profile's photo view.
    photo = models.ImageField(
        upload_to="profiles/", storage=private_storage, blank=True, validators=[validate_photo]
    )
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
        index.RelatedFields("training", [index.SearchField("name")]),
        index.RelatedFields("ask_me_about", [index.SearchField("name")]),
    ]

    class Meta:
        ordering = ["display_name"]

    def __str__(self):
        return self.display_name

    def get_absolute_url(self):
        return reverse("network:profile", args=[self.pk])

    @property
    def photo_url(self):
        """Where the photo is shown: a view that applies the profile's visibility, never the
        media storage's own address."""
        return reverse("network:profile_photo", args=[self.pk]) if self.photo else ""

    @classmethod
    def from_db(cls, db, field_names, values, **kwargs):
        profile = super().from_db(db, field_names, values, **kwargs)
        if "photo" in field_names:
            profile._photo_as_loaded = profile.photo.name
        return profile

    def save(self, *args, **kwargs):
        """Write the row and its three tag sets as one unit, one save of a profile at a time.

        Tags are written by deleting the old rows and inserting the new ones; two saves that
        interleave would leave a mixture of both. The row lock (on SQLite, the IMMEDIATE
        transaction's write lock) makes a second save wait until the first has committed.
        """
        with transaction.atomic():
            stored_photo = None
            if self.pk is not None:
                stored_photo = (
                    Profile.objects.select_for_update()
                    .filter(pk=self.pk)
                    .values_list("photo", flat=True)
                    .first()
                )
                if stored_photo is not None and self.photo.name == getattr(
                    self, "_photo_as_loaded", None
                ):
                    # This save leaves the photo alone: keep the one stored now, which a
                    # save that committed meanwhile may have replaced.
                    self.photo = stored_photo
            super().save(*args, **kwargs)
            # Wagtail indexes the row when it is saved, before ClusterableModel writes the
            # tags: index it again now that they are written, so search finds the new ones.
            insert_or_update_object_task.enqueue(
                self._meta.app_label, self._meta.model_name, str(self.pk)
            )
            if stored_photo and stored_photo != self.photo.name:
                storage, replaced = self.photo.storage, stored_photo
                transaction.on_commit(lambda: storage.delete(replaced))
        self._photo_as_loaded = self.photo.name

    def is_visible_to(self, user):
        if self.visibility == self.Visibility.EVERYONE:
            return True
        if not user.is_authenticated:
            return False
        return self.visibility == self.Visibility.MEMBERS or self.user_id == user.pk
