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
- kind of impact, who benefited: lessons whose list holds each code (of the vocabulary, on
  PostgreSQL: the field refuses any other).

SQL is written here because the ORM has no common table expression; every table and column
name comes from the models.
"""

import json
from collections import Counter

from django.core.exceptions import EmptyResultSet
from django.db import connection
from django.db.models.expressions import RawSQL

from core.fulltext import id_set
from lessons.models import LessonMaturityLink, LessonPage, LessonTheme
from maturity.models import Dimension
from network.models import NetworkPage

# The single-valued facets: facet name -> the lesson's column.
COLUMNS = {"kind": "kind", "organisation_type": "organisation_type", "region": "region"}
# The many-valued facets kept as lists of codes on the lesson (lessons/models/impact.py):
# facet name -> the lesson's field.
CODE_LISTS = {"impact_type": "impact_types", "beneficiary": "impact_beneficiaries"}
LISTS = ":lists"  # after a facet's name: rows that are a list of codes and its count


def count(lessons, names):
    """{facet name: {value: count}} for the facets `names`, over the lessons of `lessons`
    (a queryset of LessonPage, or a list of their ids), most frequent first (ties by value),
    levels in order."""
    counts = {name: Counter() for name in names}
    try:
        matching_sql, params = _matching(lessons)
    except EmptyResultSet:  # a queryset that can match nothing (.none(), pk__in=[])
        matching_sql = None
    if matching_sql:
        with connection.cursor() as cursor:
            sql, more_params = _sql(matching_sql)
            cursor.execute(sql, [*params, *more_params])
            for facet, value, n in cursor.fetchall():
                if facet.endswith(LISTS):  # a list of codes, and how many lessons hold it
                    facet = facet.removesuffix(LISTS)
                    known = LessonPage._meta.get_field(CODE_LISTS[facet]).vocabulary.values
                    for code in set(json.loads(value)) & set(known):
                        counts[facet][code] += n
                elif value not in ("", None):
                    counts[facet][value] += n
    ordered = {
        name: dict(sorted(counter.items(), key=lambda item: (-item[1], item[0])))
        for name, counter in counts.items()
    }
    if "level" in ordered:
        ordered["level"] = dict(sorted(ordered["level"].items()))
    return ordered


def _matching(lessons):
    """The SQL of the lessons' ids. A list of ids (a full-text match's) is one parameter, read
    as it is: as `pk__in` of a queryset, each id was looked up in the lessons' table once
    more before the set was read (6 ms at 6,000 ids on SQLite, more on PostgreSQL)."""
    if not isinstance(lessons, list):
        return lessons.order_by().values("pk").query.sql_with_params()
    if not lessons:
        raise EmptyResultSet
    ids = id_set(lessons)
    if isinstance(ids, RawSQL):
        return ids.sql, list(ids.params)
    return _matching(LessonPage.objects.filter(pk__in=ids))


def _sql(matching_sql):
    q = connection.ops.quote_name
    lesson = q(LessonPage._meta.db_table)
    lesson_pk = q(LessonPage._meta.pk.column)
    # The matching lessons, with the columns their own facets count, read once.
    network_column = q(LessonPage._meta.get_field("network").column)
    lists = {facet: q(LessonPage._meta.get_field(f).column) for facet, f in CODE_LISTS.items()}
    columns = [q(column) for column in COLUMNS.values()] + [network_column, *lists.values()]
    matching = (
        f"WITH matching AS MATERIALIZED (SELECT {lesson_pk} AS id, {', '.join(columns)} "
        f"FROM {lesson} WHERE {lesson_pk} IN ({matching_sql}))"
    )
    parts = [
        f"SELECT '{facet}', {q(column)}, COUNT(*) FROM matching GROUP BY {q(column)}"
        for facet, column in COLUMNS.items()
    ]

    page = NetworkPage._meta.get_field("slug").model._meta
    network_pk = q(NetworkPage._meta.pk.column)
    # Counted per network first, then the few networks' slugs read: joined lesson by lesson,
    # PostgreSQL read every page to find them.
    parts.append(
        f"SELECT 'network', p.{q('slug')}, x.n FROM (SELECT {network_column} AS network, "
        f"COUNT(*) AS n FROM matching GROUP BY {network_column}) x "
        f"JOIN {q(NetworkPage._meta.db_table)} n ON n.{network_pk} = x.network "
        f"JOIN {q(page.db_table)} p ON p.{q(page.pk.column)} = n.{network_pk}"
    )

    link = q(LessonMaturityLink._meta.db_table)
    link_lesson = q(LessonMaturityLink._meta.get_field("lesson").column)
    link_dimension = q(LessonMaturityLink._meta.get_field("dimension").column)
    level = q(LessonMaturityLink._meta.get_field("level").column)
    in_matching = "IN (SELECT id FROM matching)"
    parts.append(
        f"SELECT 'dimension', d.{q('code')}, COUNT(*) FROM {link} k "
        f"JOIN {q(Dimension._meta.db_table)} d ON d.{q(Dimension._meta.pk.column)} = "
        f"k.{link_dimension} WHERE k.{link_lesson} {in_matching} GROUP BY d.{q('code')}"
    )
    parts.append(
        f"SELECT 'level', CAST({level} AS TEXT), COUNT(DISTINCT {link_lesson}) FROM {link} "
        f"WHERE {link_lesson} {in_matching} GROUP BY {level}"
    )

    theme = q(LessonTheme._meta.db_table)
    theme_lesson = q(LessonTheme._meta.get_field("content_object").column)
    theme_tag = q(LessonTheme._meta.get_field("tag").column)
    tag = LessonTheme._meta.get_field("tag").related_model._meta
    parts.append(
        f"SELECT 'theme', t.{q('name')}, COUNT(*) FROM {theme} g "
        f"JOIN {q(tag.db_table)} t ON t.{q(tag.pk.column)} = g.{theme_tag} "
        f"WHERE g.{theme_lesson} {in_matching} GROUP BY t.{q('name')}"
    )

    params = []
    for facet in CODE_LISTS:
        if connection.vendor == "postgresql":
            # Each list and how many lessons hold it, its codes counted in count(): testing
            # each code of the vocabulary against every lesson read the set once per code, and
            # jsonb_array_elements_text's guess of 100 elements a lesson made the plan costly
            # enough to be compiled (80 ms of JIT).
            parts.append(
                f"SELECT '{facet}{LISTS}', CAST(m.{lists[facet]} AS TEXT), COUNT(*) "
                f"FROM matching m WHERE m.{lists[facet]} <> '[]'::jsonb GROUP BY m.{lists[facet]}"
            )
        else:
            parts.append(
                f"SELECT '{facet}', c.value, COUNT(DISTINCT m.id) FROM matching m "
                f"JOIN json_each(m.{lists[facet]}) AS c GROUP BY c.value"
            )
    return f"{matching} " + " UNION ALL ".join(parts), params
