"""Facet counts of a lesson search in one query, over one set of lessons.

The set (what the reader may see that matched: a queryset, or the ids a full-text match
gave) is read once into a common table expression, materialised, and every facet is counted
from it by one GROUP BY each, all in one UNION ALL. Counting each facet with its own query
re-read the set once per facet: at 10,000 lessons, a JSON list of thousands of ids parsed
five times, or the read rule evaluated five times.

What is counted, per facet (search.lessons.FACETS):
- kind, organisation type, region, network (its slug): lessons with each value, blanks left out;
- maturity outcome: links to each dimension (a lesson links to a dimension once, a constraint);
- level: lessons at each level (a lesson may sit at one level for two outcomes);
- theme: taggings with each tag name;
- kind of impact, who benefited: lessons whose list holds each code.

SQL is written here because the ORM has no common table expression; every table and column
name comes from the models.
"""

from collections import Counter

from django.core.exceptions import EmptyResultSet
from django.db import connection

from lessons.models import LessonMaturityLink, LessonPage, LessonTheme
from maturity.models import Dimension
from network.models import NetworkPage

# The single-valued facets: facet name -> the lesson's column.
COLUMNS = {"kind": "kind", "organisation_type": "organisation_type", "region": "region"}
# The many-valued facets kept as lists of codes on the lesson (lessons/models/impact.py):
# facet name -> the lesson's field.
CODE_LISTS = {"impact_type": "impact_types", "beneficiary": "impact_beneficiaries"}


def count(lessons, names):
    """{facet name: {value: count}} for the facets `names`, over the lessons of `lessons`
    (a queryset of LessonPage), most frequent first (ties by value), levels in order."""
    counts = {name: Counter() for name in names}
    try:
        matching_sql, params = lessons.order_by().values("pk").query.sql_with_params()
    except EmptyResultSet:  # a queryset that can match nothing (.none(), pk__in=[])
        matching_sql = None
    if matching_sql:
        with connection.cursor() as cursor:
            cursor.execute(_sql(matching_sql), params)
            for facet, value, n in cursor.fetchall():
                if value not in ("", None):
                    counts[facet][value] += n
    ordered = {
        name: dict(sorted(counter.items(), key=lambda item: (-item[1], item[0])))
        for name, counter in counts.items()
    }
    if "level" in ordered:
        ordered["level"] = dict(sorted(ordered["level"].items()))
    return ordered


def _sql(matching_sql):
    q = connection.ops.quote_name
    lesson = q(LessonPage._meta.db_table)
    lesson_pk = q(LessonPage._meta.pk.column)
    in_matching = "IN (SELECT id FROM matching)"
    parts = [
        f"SELECT '{facet}', {q(column)}, COUNT(*) FROM {lesson} "
        f"WHERE {lesson_pk} {in_matching} GROUP BY {q(column)}"
        for facet, column in COLUMNS.items()
    ]

    network_column = q(LessonPage._meta.get_field("network").column)
    network_pk = q(NetworkPage._meta.pk.column)
    page = q(NetworkPage._meta.get_field("slug").model._meta.db_table)
    page_pk = q(NetworkPage._meta.get_field("slug").model._meta.pk.column)
    network = q(NetworkPage._meta.db_table)
    parts.append(
        f"SELECT 'network', p.{q('slug')}, COUNT(*) FROM {lesson} l "
        f"JOIN {network} n ON n.{network_pk} = l.{network_column} "
        f"JOIN {page} p ON p.{page_pk} = n.{network_pk} "
        f"WHERE l.{lesson_pk} {in_matching} GROUP BY p.{q('slug')}"
    )

    link = q(LessonMaturityLink._meta.db_table)
    link_lesson = q(LessonMaturityLink._meta.get_field("lesson").column)
    link_dimension = q(LessonMaturityLink._meta.get_field("dimension").column)
    level = q(LessonMaturityLink._meta.get_field("level").column)
    dimension = q(Dimension._meta.db_table)
    parts.append(
        f"SELECT 'dimension', d.{q('code')}, COUNT(*) FROM {link} k "
        f"JOIN {dimension} d ON d.{q(Dimension._meta.pk.column)} = k.{link_dimension} "
        f"WHERE k.{link_lesson} {in_matching} GROUP BY d.{q('code')}"
    )
    parts.append(
        f"SELECT 'level', CAST({level} AS TEXT), COUNT(DISTINCT {link_lesson}) FROM {link} "
        f"WHERE {link_lesson} {in_matching} GROUP BY {level}"
    )

    theme = q(LessonTheme._meta.db_table)
    theme_lesson = q(LessonTheme._meta.get_field("content_object").column)
    theme_tag = q(LessonTheme._meta.get_field("tag").column)
    tag_model = LessonTheme._meta.get_field("tag").related_model
    parts.append(
        f"SELECT 'theme', t.{q('name')}, COUNT(*) FROM {theme} g "
        f"JOIN {q(tag_model._meta.db_table)} t ON t.{q(tag_model._meta.pk.column)} = g.{theme_tag} "
        f"WHERE g.{theme_lesson} {in_matching} GROUP BY t.{q('name')}"
    )

    for facet, field in CODE_LISTS.items():
        column = q(LessonPage._meta.get_field(field).column)
        parts.append(
            f"SELECT '{facet}', c.value, COUNT(DISTINCT l.{lesson_pk}) FROM {lesson} l "
            f"{_elements(f'l.{column}')} WHERE l.{lesson_pk} {in_matching} GROUP BY c.value"
        )
    return f"WITH matching(id) AS MATERIALIZED ({matching_sql}) " + " UNION ALL ".join(parts)


def _elements(column):
    """A join to each element of a JSON list of strings, as the text `c.value`."""
    if connection.vendor == "postgresql":
        return f"CROSS JOIN LATERAL jsonb_array_elements_text({column}) AS c(value)"
    return f"JOIN json_each({column}) AS c"
