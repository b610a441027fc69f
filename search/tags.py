"""The tags a person may see: those on lessons they may read, on profiles they may see, and on
events, resources and research summaries of networks that share their content with them. A tag
used only by hidden things is never offered: not as a "did you mean" hint, not by the admin's tag
autocomplete (which Wagtail would otherwise answer from every tag, and has no setting to scope).
The admin also offers tags on the pages the admin user may edit.
"""

from django.db.models import Exists, OuterRef, Q
from django.http import Http404, JsonResponse
from django.views.decorators.http import require_GET

from wagtail.admin.auth import require_admin_access
from wagtail.admin.views.tags import TAGS_AUTOCOMPLETE_LIMIT
from wagtail.models import Page
from wagtail.permissions import policy_registry

from taggit.models import Tag

from lessons.models import LessonPage, LessonTheme
from network.models import (
    EventPage,
    EventTheme,
    NetworkPage,
    Profile,
    ProfileSpecialism,
    ProfileTopic,
    ProfileTraining,
    ResearchSummaryPage,
    ResearchSummaryTheme,
    ResourcePage,
    ResourceTheme,
)


def visible_tags(user):
    """The tags on anything this person may see."""
    profiles = Profile.objects.visible_to(user)
    networks = list(NetworkPage.objects.sharing_content_with(user))
    return Tag.objects.filter(
        _on_any_of(
            (LessonTheme, LessonPage.objects.readable_by(user)),
            (ProfileSpecialism, profiles),
            (ProfileTraining, profiles),
            (ProfileTopic, profiles),
            (EventTheme, EventPage.objects.readable_by(user, shared=networks)),
            (ResourceTheme, ResourcePage.objects.readable_by(user, shared=networks)),
            (ResearchSummaryTheme, ResearchSummaryPage.objects.readable_by(user, shared=networks)),
        )
    )


def admin_tags(user):
    """The tags to offer an admin user: those they may see, and those on pages they may edit
    in the admin (drafts too), by the admin's page permission policy
    (lessons.moderation.admin_scope)."""
    editable = policy_registry.get_by_type(Page).instances_user_has_permission_for(user, "change")
    on_editable = _used_by(
        *(
            (tagging, editable)
            for tagging in (LessonTheme, EventTheme, ResourceTheme, ResearchSummaryTheme)
        )
    )
    return visible_tags(user) | Tag.objects.filter(on_editable)


def _on_any_of(*taggings):
    """Tags on any of the objects, given as (tagging model, objects) pairs: each tag asks
    whether one of the objects has it, through its own taggings (an index on the tag), where
    a list of every tag used by every object read every lesson first (20 ms at 10,000)."""
    rule = Q(pk__in=[])
    for tagging, objects in taggings:
        tagged = tagging._meta.get_field("content_object").related_query_name()
        rule |= Exists(objects.filter(**{f"{tagged}__tag": OuterRef("pk")}))
    return rule


def _used_by(*taggings):
    """Tags used by any of the objects, given as (tagging model, objects) pairs."""
    rule = Q(pk__in=[])
    for tagging, objects in taggings:
        tagged = tagging.objects.filter(content_object_id__in=objects.values("pk"))
        rule |= Q(pk__in=tagged.values("tag"))
    return rule


@require_GET
@require_admin_access
def autocomplete(request, app_name=None, model_name=None):
    """Wagtail's tag autocomplete (wagtail.admin.views.tags.autocomplete), answering only with
    tags this admin user may see. Every tagged model here uses taggit's Tag."""
    if (app_name, model_name) not in {(None, None), ("taggit", "tag")}:
        raise Http404
    term = request.GET.get("term", "").strip()
    if not term:
        return JsonResponse([], safe=False)
    names = (
        admin_tags(request.user)
        .filter(name__istartswith=term)
        .order_by("name")
        .values_list("name", flat=True)[:TAGS_AUTOCOMPLETE_LIMIT]
    )
    return JsonResponse(list(names), safe=False)
