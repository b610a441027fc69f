"""Lessons as their revisions hold them, rebuilt with fewer queries
(LessonPage.from_serializable_data)."""

from django.db import models

from modelcluster.fields import ParentalKey
from modelcluster.models import model_from_serializable_data

# The lesson's children whose foreign keys are checked together, one query per kind of key.
CHECKED_TOGETHER = ("team_members", "maturity_links", "related_links", "tagged_themes")


def children_checked_together(lesson_model, relation_name, items):
    """Child objects from their serialised form, as modelcluster builds them with check_fks
    (a child whose key points at a deleted object is dropped, or its key nulled, according to
    on_delete), but with one query per foreign key rather than one per child."""
    model = lesson_model._meta.get_field(relation_name).related_model
    keys = [
        field
        for field in model._meta.concrete_fields
        if field.many_to_one and not isinstance(field, ParentalKey)
    ]
    found = {}
    for field in keys:
        target = field.remote_field.model._meta.get_field(field.remote_field.field_name)
        values = {target.to_python(item[field.name]) for item in items if item.get(field.name)}
        found[field.name] = field.remote_field.model._default_manager.in_bulk(
            values, field_name="pk" if target.primary_key else target.name
        )
    children = []
    for item in items:
        item = dict(item)
        for field in keys:
            value = item.get(field.name)
            if value is None or found[field.name].get(_to_python(field, value)) is not None:
                continue
            if field.remote_field.on_delete is models.CASCADE:
                item = None  # as modelcluster does with strict_fks for children
                break
            if field.remote_field.on_delete is models.SET_NULL:
                item[field.name] = None
            elif field.remote_field.on_delete is not models.DO_NOTHING:
                raise ValueError(f"{model.__name__}.{field.name} points at a missing object")
        if item is None:
            continue
        child = model_from_serializable_data(model, item, check_fks=False, strict_fks=True)
        for field in keys:
            if (value := getattr(child, field.attname)) is not None:
                setattr(child, field.name, found[field.name][value])
        children.append(child)
    return children


def _to_python(field, value):
    target = field.remote_field.model._meta.get_field(field.remote_field.field_name)
    return target.to_python(value)
