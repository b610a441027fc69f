"""New lessons written in batches (import_lessons): each lesson is inserted once, whole, with
its place in the page tree worked out here, then given its one revision, published or kept as
a draft, as Wagtail's add_child, save_revision and publish would leave it, with their rows
written in bulk. Wagtail's way saves a new lesson three times and each of its rows one by one:
about a hundred statements per lesson.

What publishing does besides writing rows is kept: the page_published signal for each lesson
published (the harvest records, followers' announcements, the page cache), the "wagtail.create"
and "wagtail.publish" entries in each page's history, and its reference index.
"""

from django.contrib.contenttypes.models import ContentType
from django.db.models import F
from django.utils import timezone

from wagtail.models import Page, PageLogEntry, ReferenceIndex, Revision
from wagtail.signals import page_published

from modelcluster.models import get_all_child_relations

from lessons.models import Application, LessonPage, LessonRelation, TeamMember
from lessons.models.pages import LessonTheme
from lessons.models.parts import LessonMaturityLink

BATCH = 200  # lessons built and written at a time: memory stays bounded


class NewLessons:
    """Lessons created under one lesson index, in the order they are added."""

    def __init__(self, lesson_index):
        self.index = lesson_index
        self.depth = lesson_index.depth + 1
        last = (
            Page.objects.filter(path__startswith=lesson_index.path, depth=self.depth)
            .order_by("-path")
            .values_list("path", flat=True)
            .first()
        )
        self.step = Page._str2int(last[-Page.steplen :]) if last else 0
        self.now = timezone.now()
        self.content_type = ContentType.objects.get_for_model(LessonPage)
        self.base_content_type = ContentType.objects.get_for_model(Page)
        self.count = 0

    def insert(self, pages, published):
        """Write new lesson pages built in memory (their children too, but not their links to
        other lessons): one Page row batch, one lesson row each, the children in bulk. Their
        revisions come later (finish), once every lesson they link to exists."""
        for page, live in zip(pages, published, strict=True):
            self.step += 1
            page.path = Page._get_path(self.index.path, self.depth, self.step)
            page.depth = self.depth
            page.numchild = 0
            page.url_path = f"{self.index.url_path}{page.slug}/"
            page.locale_id = self.index.locale_id
            page.draft_title = page.title
            page.live = live
            page.has_unpublished_changes = not live
            page.latest_revision_created_at = self.now
            if live:
                page.first_published_at = page.last_published_at = self.now
            page.count_team()
            # A new page has no rows in the relations it was not given (comments): said in
            # memory, so that its revision and reference index do not look for them.
            for relation in get_all_child_relations(page):
                name = relation.get_accessor_name()
                if not getattr(page, name).is_deferring:
                    setattr(page, name, [])
        rows = Page.objects.bulk_create(
            [
                Page(**{f.attname: getattr(page, f.attname) for f in Page._meta.concrete_fields})
                for page in pages
            ]
        )
        children = {TeamMember: [], LessonMaturityLink: [], LessonTheme: []}
        for page, row in zip(pages, rows, strict=True):
            page.id = page.page_ptr_id = row.pk
            page.save_base(raw=True, force_insert=True)
            page._state.adding = False
            for model, relation in (
                (TeamMember, page.team_members),
                (LessonMaturityLink, page.maturity_links),
            ):
                for child in relation.all():
                    child.lesson_id = page.pk
                    children[model].append(child)
            for theme in page.tagged_themes.all():
                theme.content_object_id = page.pk
                children[LessonTheme].append(theme)
        for model, objects in children.items():
            model.objects.bulk_create(objects)
        self.count += len(pages)
        Page.objects.filter(pk=self.index.pk).update(numchild=F("numchild") + len(pages))

    def finish(self, pages, links):
        """Give each inserted lesson its links to other lessons (`links`: one list of
        LessonRelation per page), its one revision, and what publishing it does."""
        relations = []
        for page, rows in zip(pages, links, strict=True):
            for row in rows:
                row.lesson_id = page.pk
            page.related_links = rows
            relations += rows
        LessonRelation.objects.bulk_create(relations)
        revisions = Revision.objects.bulk_create(
            [
                Revision(
                    content_type=self.content_type,
                    base_content_type=self.base_content_type,
                    object_id=str(page.pk),
                    created_at=self.now,
                    content=page.serializable_data(),
                    object_str=str(page),
                )
                for page in pages
            ]
        )
        for page, revision in zip(pages, revisions, strict=True):
            page.latest_revision = revision
            page.live_revision = revision if page.live else None
        keys = [
            Page(pk=page.pk, latest_revision=page.latest_revision, live_revision=page.live_revision)
            for page in pages
        ]
        Page.objects.bulk_update(keys, ["latest_revision", "live_revision"])
        # Their history as Wagtail writes it: created (by add_child), then published.
        PageLogEntry.objects.bulk_create(
            [
                PageLogEntry(
                    content_type=self.content_type,
                    label=str(page),
                    action=action,
                    timestamp=self.now,
                    data={},
                    page_id=page.pk,
                    revision=revision,
                    content_changed=True,
                )
                for page in pages
                for action, revision in (
                    ("wagtail.create", None),
                    ("wagtail.publish", page.live_revision),
                )
                if action == "wagtail.create" or page.live
            ]
        )
        self._index_references(pages)
        for page in pages:
            if page.live:
                page_published.send(sender=LessonPage, instance=page, revision=page.live_revision)

    def _index_references(self, pages):
        """What each new page refers to (ReferenceIndex.create_or_update_for_object's rows),
        written in one statement: a new page has none yet to read, compare or delete."""
        ReferenceIndex.objects.bulk_create(
            [
                ReferenceIndex(
                    content_type=self.content_type,
                    base_content_type=self.base_content_type,
                    object_id=page.pk,
                    to_content_type_id=to_content_type_id,
                    to_object_id=to_object_id,
                    model_path=model_path,
                    content_path=content_path,
                    content_path_hash=ReferenceIndex._get_content_path_hash(content_path),
                )
                for page in pages
                for to_content_type_id, to_object_id, model_path, content_path in set(
                    ReferenceIndex._extract_references_from_object(page)
                )
            ],
            ignore_conflicts=True,
        )


def new_applications(page, entries, values_of):
    """The applications of a lesson this import created, each entry once (an entry equal in
    every field to an earlier one is the same application)."""
    seen, created = set(), []
    for entry in entries:
        values = values_of(entry)
        key = tuple(sorted(values.items()))
        if key not in seen:
            seen.add(key)
            created.append(Application(lesson_id=page.pk, applier=None, **values))
    return created


class Themes:
    """Theme names to tags, each name looked up (or the tag created) once per import, as
    taggit would for each lesson: case-insensitively, the oldest tag first."""

    def __init__(self):
        self.tags = {}

    def __call__(self, names):
        return [self._tag(name) for name in names]

    def _tag(self, name):
        if name not in self.tags:
            tag_model = LessonTheme.tag_model()
            self.tags[name] = tag_model.objects.filter(name__iexact=name).order_by(
                "pk"
            ).first() or tag_model.objects.create(name=name)
        return self.tags[name]
