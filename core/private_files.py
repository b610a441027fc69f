"""Private files: kept outside the public media folder, served only by a view that asks the read
rule of the object each file belongs to. The owning app gives the object and its rule; this
module stores, checks and serves.

Storing. `private_storage` keeps files under `settings.PRIVATE_MEDIA_ROOT`, which must lie
outside MEDIA_ROOT and STATIC_ROOT (a system check says so): nothing that serves /media/ (the
development server, a proxy) can reach it, and it has no URL of its own (`url()` raises). A
model field opts in with `storage=private_storage`. `manage.py backup` and `restore` carry the
folder (core/backups.py).

Checking. An upload's type is read from its content, never from its name or the browser's
word: `checked_upload(upload, kinds)` accepts only the kinds asked for, from a short list (PDF;
PNG, JPEG, WebP and GIF images; Word, Excel and PowerPoint files, which are zip archives that
must declare the matching main part and carry no macros). Images are opened by Pillow and
re-encoded from their pixels alone (`clean_image`): no EXIF (GPS position, camera), XMP, ICC
profile or comment survives, and an image with too many pixels is refused before it is
decoded. A stored name is random, with the extension of the kind found.

Serving. `PrivateFileView` (one per kind of owner, in the owning app's URLs) finds the object
among those the person may read (`readable(user)`, the owning app's rule as a queryset) and
answers "not found" to everyone else, exactly as the object's own page would. The file goes
out with its type read from its content again, `X-Content-Type-Options: nosniff`, a sandboxing
Content-Security-Policy, `Content-Disposition: attachment` for anything but an image, and
caching that asks again every time (`no-cache`, with an ETag): `private` unless the object is
readable by everyone, so hiding the object hides its file at once.
"""

import contextlib
import hashlib
import io
import math
import os
import re
import uuid
import zipfile
from dataclasses import dataclass
from pathlib import Path

from django import forms
from django.conf import settings
from django.contrib.auth.models import AnonymousUser
from django.core import checks
from django.core.exceptions import ImproperlyConfigured, ValidationError
from django.core.files.base import ContentFile
from django.core.files.storage import FileSystemStorage
from django.core.files.uploadedfile import UploadedFile
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404
from django.utils.cache import get_conditional_response, patch_cache_control
from django.utils.deconstruct import deconstructible
from django.utils.functional import cached_property
from django.utils.http import quote_etag
from django.views import View

from PIL import Image, ImageOps

# Storing


@deconstructible(path="core.private_files.PrivateStorage")
class PrivateStorage(FileSystemStorage):
    """Files under settings.PRIVATE_MEDIA_ROOT, with no URL: they are served only through
    PrivateFileView."""

    def __init__(self):
        super().__init__()

    @cached_property
    def base_location(self):
        return str(settings.PRIVATE_MEDIA_ROOT)

    @property
    def base_url(self):
        return None

    def _clear_cached_properties(self, setting, **kwargs):
        super()._clear_cached_properties(setting, **kwargs)
        if setting == "PRIVATE_MEDIA_ROOT":
            self.__dict__.pop("base_location", None)
            self.__dict__.pop("location", None)

    def url(self, name):
        raise NotImplementedError(
            "Private files have no URL: serve them through core.private_files.PrivateFileView."
        )

    def _save(self, name, content):
        """Write the file; if writing fails part way (a full disk), remove what was written
        rather than leave an empty or truncated file, and let the error through. Names are
        random (`clean_image`, `checked_upload`), so a file at `name` that was not there
        before is this write's."""
        existed = os.path.lexists(self.path(name))
        try:
            return super()._save(name, content)
        except OSError:
            if not existed:
                with contextlib.suppress(OSError):
                    os.remove(self.path(name))
            raise


private_storage = PrivateStorage()


def stored_files():
    """Every file under PRIVATE_MEDIA_ROOT (what a backup carries)."""
    root = Path(settings.PRIVATE_MEDIA_ROOT)
    return sorted(path for path in root.rglob("*") if path.is_file()) if root.is_dir() else []


@checks.register(checks.Tags.security)
def check_private_root(app_configs=None, **kwargs):
    """PRIVATE_MEDIA_ROOT must not be, hold or sit inside a folder that is served."""
    private = Path(settings.PRIVATE_MEDIA_ROOT).resolve()
    errors = []
    for name in ("MEDIA_ROOT", "STATIC_ROOT"):
        served = getattr(settings, name, None)
        if not served:
            continue
        served = Path(served).resolve()
        if private == served or served in private.parents or private in served.parents:
            errors.append(
                checks.Error(
                    f"PRIVATE_MEDIA_ROOT ({private}) overlaps {name} ({served}), whose files "
                    f"are served to anyone: keep private files in a folder of their own.",
                    id="core.E002",
                )
            )
    return errors


# Checking


@dataclass(frozen=True)
class Kind:
    """A kind of file the site accepts, known by its content."""

    name: str  # in the words of a sentence: "a PDF"
    content_type: str
    extension: str
    pillow_format: str = ""  # images: the format Pillow reads

    @property
    def is_image(self):
        return bool(self.pillow_format)


PDF = Kind("a PDF", "application/pdf", "pdf")
PNG = Kind("a PNG image", "image/png", "png", "PNG")
JPEG = Kind("a JPEG image", "image/jpeg", "jpg", "JPEG")
WEBP = Kind("a WebP image", "image/webp", "webp", "WEBP")
GIF = Kind("a GIF image", "image/gif", "gif", "GIF")
DOCX = Kind(
    "a Word document",
    "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "docx",
)
XLSX = Kind(
    "an Excel spreadsheet",
    "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "xlsx",
)
PPTX = Kind(
    "a PowerPoint presentation",
    "application/vnd.openxmlformats-officedocument.presentationml.presentation",
    "pptx",
)
IMAGES = (PNG, JPEG, WEBP, GIF)
DOCUMENTS = (PDF, DOCX, XLSX, PPTX)
KINDS = DOCUMENTS + IMAGES

MAX_BYTES = 20 * 1024 * 1024
MAX_PIXELS = 40_000_000

# The first bytes of each kind that is not a zip archive.
SIGNATURES = [
    (b"%PDF-", PDF),
    (b"\x89PNG\r\n\x1a\n", PNG),
    (b"\xff\xd8\xff", JPEG),
    (b"GIF87a", GIF),
    (b"GIF89a", GIF),
]
# Office files are zip archives whose [Content_Types].xml names the main part's type; a
# macro-enabled file names another type (and is refused with every other zip).
OFFICE_MAIN_PARTS = {
    f"{DOCX.content_type}.main+xml": DOCX,
    "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml": XLSX,
    f"{PPTX.content_type}.main+xml": PPTX,
}
CONTENT_TYPES_PART = "[Content_Types].xml"
CONTENT_TYPES_MAX_BYTES = 1024 * 1024
CONTENT_TYPE_ATTRIBUTE = re.compile(rb'ContentType\s*=\s*"([^"]+)"')


def kind_of(file):
    """The Kind of this open binary file, read from its content (None if it is none of them).
    Leaves the file at its start."""
    file.seek(0)
    head = file.read(16)
    file.seek(0)
    for signature, kind in SIGNATURES:
        if head.startswith(signature):
            return kind
    if head[:4] == b"RIFF" and head[8:12] == b"WEBP":
        return WEBP
    if head.startswith(b"PK\x03\x04"):
        kind = _office_kind(file)
        file.seek(0)
        return kind
    return None


def _office_kind(file):
    try:
        with zipfile.ZipFile(file) as archive:
            names = set(archive.namelist())
            if CONTENT_TYPES_PART not in names or any(
                name.lower().endswith("vbaproject.bin") for name in names
            ):
                return None
            with archive.open(CONTENT_TYPES_PART) as part:
                declared = part.read(CONTENT_TYPES_MAX_BYTES + 1)
    except (zipfile.BadZipFile, zipfile.LargeZipFile, OSError, EOFError, NotImplementedError):
        return None
    if len(declared) > CONTENT_TYPES_MAX_BYTES:
        return None
    types = {match.decode("ascii", "replace") for match in CONTENT_TYPE_ATTRIBUTE.findall(declared)}
    found = {OFFICE_MAIN_PARTS[t] for t in types if t in OFFICE_MAIN_PARTS}
    return found.pop() if len(found) == 1 else None


def in_words(kinds):
    """ "a PDF, a Word document or a PNG image"."""
    names = [kind.name for kind in kinds]
    return names[0] if len(names) == 1 else f"{', '.join(names[:-1])} or {names[-1]}"


def _image_words(formats):
    names = {"JPEG": "JPEG", "PNG": "PNG", "WEBP": "WebP", "GIF": "GIF"}
    words = [names.get(f, f) for f in formats]
    return words[0] if len(words) == 1 else f"{', '.join(words[:-1])} or {words[-1]}"


def too_many_pixels(noun="image", max_pixels=MAX_PIXELS):
    """What a person is told when their image has more than `max_pixels`."""
    side = math.isqrt(max_pixels) // 1000 * 1000
    return (
        f"The {noun} has too many pixels: use one of at most {max_pixels // 1_000_000} "
        f"megapixels (for example {side} by {side} pixels)."
    )


def clean_image(
    upload,
    *,
    formats=("JPEG", "PNG", "WEBP", "GIF"),
    noun="image",
    max_pixels=MAX_PIXELS,
    max_side=None,
    as_jpeg=False,
):
    """The image as the site keeps it: upright, at most `max_side` pixels a side (when given),
    rebuilt from its pixels alone, so no EXIF (GPS position, camera), XMP, ICC profile or
    comment survives; under a random name. A JPEG stays a JPEG and a WebP a WebP; anything else
    becomes a PNG, transparency kept (`as_jpeg`: always a JPEG, on white).

    The format is Pillow's reading of the content, one of `formats`. The pixel count is read
    from the header and refused before anything is decoded, so a small file that unpacks into
    a huge image cannot exhaust memory."""
    unreadable = f"The {noun} could not be read: upload a {_image_words(formats)} image."
    upload.seek(0)
    try:
        with Image.open(upload) as image:
            if image.format not in formats:
                raise ValidationError(
                    f"The {noun} must be a {_image_words(formats)} image.", code="format"
                )
            if image.width * image.height > max_pixels:
                raise ValidationError(too_many_pixels(noun, max_pixels), code="too_large")
            source_format = image.format
            image = ImageOps.exif_transpose(image)
            if max_side:
                image.thumbnail((max_side, max_side))
            transparent = image.mode in ("RGBA", "LA", "PA") or "transparency" in image.info
            if transparent:
                image = image.convert("RGBA")
            if as_jpeg or source_format == "JPEG":
                # Only pixels are copied: everything else about the file stays behind.
                clean = Image.new("RGB", image.size, "white")
                if transparent:
                    clean.paste(image, mask=image.getchannel("A"))
                else:
                    clean.paste(image.convert("RGB"))
                output, extension, options = "JPEG", "jpg", {"quality": 85, "optimize": True}
            else:
                mode = "RGBA" if transparent else "RGB"
                clean = Image.new(mode, image.size)
                clean.paste(image.convert(mode))
                if source_format == "WEBP":
                    output, extension, options = "WEBP", "webp", {"quality": 85}
                else:
                    output, extension, options = "PNG", "png", {"optimize": True}
    except Image.DecompressionBombError as error:
        raise ValidationError(too_many_pixels(noun, max_pixels), code="too_large") from error
    except (OSError, SyntaxError, ValueError) as error:
        raise ValidationError(unreadable, code="unreadable") from error
    buffer = io.BytesIO()
    clean.save(buffer, output, **options)
    return ContentFile(buffer.getvalue(), name=f"{uuid.uuid4().hex}.{extension}")


def checked_upload(upload, kinds=KINDS, *, noun="file", max_bytes=MAX_BYTES):
    """The upload as a private file may keep it: one of `kinds` by its content (images
    re-encoded by clean_image), at most `max_bytes`, under a random name with the extension of
    its kind. Raises ValidationError, in words, otherwise."""
    if upload.size > max_bytes:
        raise ValidationError(
            f"The {noun} must be {max_bytes // (1024 * 1024)} MB or smaller.", code="size"
        )
    kind = kind_of(upload)
    if kind not in kinds:
        raise ValidationError(f"The {noun} must be {in_words(kinds)}.", code="kind")
    if kind.is_image:
        formats = tuple(k.pillow_format for k in kinds if k.is_image)
        return clean_image(upload, formats=formats, noun=noun)
    return ContentFile(upload.read(), name=f"{uuid.uuid4().hex}.{kind.extension}")


class PrivateFileField(forms.FileField):
    """A form field for a private file: checked_upload's kinds, size and words."""

    def __init__(self, *, kinds=KINDS, noun="file", max_bytes=MAX_BYTES, **kwargs):
        super().__init__(**kwargs)
        self.kinds, self.noun, self.max_bytes = kinds, noun, max_bytes

    def clean(self, data, initial=None):
        value = super().clean(data, initial)
        if isinstance(value, UploadedFile):
            return checked_upload(value, self.kinds, noun=self.noun, max_bytes=self.max_bytes)
        return value


class PrivateFileInput(forms.ClearableFileInput):
    """Django's clearable file input, for a stored private file, which has no URL: the owning
    app's subclass says where its view serves it (format_value)."""

    def is_initial(self, value):
        return bool(value and getattr(value, "instance", None) is not None and value.name)


# Serving


def file_response(request, file, *, public, download_name="file"):
    """The response that serves one private file (a FieldFile in private_storage) to someone
    already allowed to read its object. `public`: whether everyone may (then shared caches may
    keep it too)."""
    if not isinstance(file.storage, PrivateStorage):
        raise ImproperlyConfigured(f"{file.name} is not kept in core.private_files storage.")
    # Each new file gets a new random name: its digest is the validator.
    etag = quote_etag(hashlib.sha256(file.name.encode()).hexdigest()[:32])
    response = get_conditional_response(request, etag=etag)
    if response is None:
        try:
            handle = file.storage.open(file.name, "rb")
        except FileNotFoundError:
            raise Http404("No such file") from None
        kind = kind_of(handle)
        if kind is not None and kind.is_image:
            response = FileResponse(
                handle, content_type=kind.content_type, filename=f"{download_name}.{kind.extension}"
            )
        else:
            response = FileResponse(
                handle,
                as_attachment=True,
                content_type=kind.content_type if kind else "application/octet-stream",
                filename=f"{download_name}.{kind.extension if kind else 'bin'}",
            )
    response["ETag"] = etag
    response["X-Content-Type-Options"] = "nosniff"
    response["Content-Security-Policy"] = "default-src 'none'; sandbox"
    # Caches ask again every time, so hiding the object hides its file at once; only the file
    # of an object everyone may read may be kept by shared caches. (A directive is given as
    # True or left out: public=False would be sent as the words "public=False".)
    if public:
        patch_cache_control(response, no_cache=True, public=True)
    else:
        patch_cache_control(response, no_cache=True, private=True)
    return response


class PrivateFileView(View):
    """GET <pk>: the file in `field` of object `pk`, to those the owning app's read rule lets
    read the object, "not found" to everyone else (and when it has no file).

    `readable(user)` is that rule as a queryset (`Profile.objects.visible_to`, say). In the
    owning app's URLs: `PrivateFileView.as_view(readable=..., field="photo")`."""

    readable = None
    field = None
    download_name = "file"
    http_method_names = ["get", "head", "options"]

    def get(self, request, pk):
        readable = self.readable(request.user).exclude(**{self.field: ""})
        owner = get_object_or_404(readable, pk=pk)
        public = self.readable(AnonymousUser()).filter(pk=owner.pk).exists()
        return file_response(
            request, getattr(owner, self.field), public=public, download_name=self.download_name
        )
