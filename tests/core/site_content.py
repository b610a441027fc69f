"""A small site, built and summarised in a process of its own (the backup tests run it).

    python -m tests.core.site_content build     # pages, revisions, members, photos, images
    python -m tests.core.site_content summary   # prints them as JSON, files as SHA-256

Both use DATABASE_URL and MEDIA_ROOT from the environment.
"""

import hashlib
import io
import json
import os
import sys

import django


def build():
    from django.core.files.images import ImageFile

    from wagtail.images import get_image_model

    from home import site_tree
    from lessons.models import LessonPage
    from network.models import Membership, NetworkPage
    from tests.builders.accounts import make_user
    from tests.builders.lessons import document, lesson
    from tests.builders.network import make_profile

    site_tree.ensure_site_tree()
    site_tree.import_lessons(
        document(lesson(), lesson(slug="draft-huddles", title="Huddles, a draft", status="draft"))
    )
    published = LessonPage.objects.get(slug="discharge-huddles")
    published.title = "Daily discharge huddles, revised"
    published.save_revision()  # a draft revision on top of the live one
    facilitator = make_user("facilitator@example.nhs.uk")
    member = make_user("member@example.nhs.uk")
    for network, user, role in [
        ("south-west-km", facilitator, Membership.Role.FACILITATOR),
        ("board-leads", member, Membership.Role.MEMBER),
    ]:
        Membership.objects.create(
            network=NetworkPage.objects.get(slug=network), user=user, role=role
        )
    make_profile(member, photo=ImageFile(_png("teal"), name="portrait.png"))
    get_image_model().objects.create(title="Ward", file=ImageFile(_png("navy"), name="ward.png"))


def summary():
    from wagtail.images import get_image_model
    from wagtail.models import Page, Revision

    from network.models import Membership, Profile

    return {
        "pages": [[p.pk, p.url_path, p.title, p.live] for p in Page.objects.order_by("pk")],
        "revisions": [
            [r.pk, r.object_id, r.content_type.model, r.content["title"]]
            for r in Revision.objects.order_by("pk")
        ],
        "memberships": [
            [m.network.slug, m.user.email, m.role] for m in Membership.objects.order_by("pk")
        ],
        "photos": [[p.user.email, p.photo.name, _sha256(p.photo)] for p in Profile.objects.all()],
        "images": [
            [i.title, i.file.name, _sha256(i.file)] for i in get_image_model().objects.all()
        ],
    }


def _png(colour):
    from PIL import Image as Picture

    data = io.BytesIO()
    Picture.new("RGB", (40, 30), colour).save(data, "PNG")
    data.seek(0)
    return data


def _sha256(field):
    if not field:
        return None
    with field.open("rb") as file:
        return hashlib.sha256(file.read()).hexdigest()


if __name__ == "__main__":
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.test")
    django.setup()
    if sys.argv[1] == "build":
        build()
    print(json.dumps(summary()))
