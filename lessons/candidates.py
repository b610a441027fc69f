"""Which lessons the similar-context ranking (lessons/similarity.py) scores: not every one, but
the candidates that can come first, found from each criterion's `candidates` (an index or one
cheap look-up), heaviest criterion first. The answer is the one scoring every lesson gives:
tests/search/test_similar_narrowing.py compares them over generated worlds."""

import math

from django.conf import settings
from django.db.models import Q, Value

# How the ranking orders lessons: the score, then how many of the reader's words they have.
ORDER = ("-similarity", "-words_found", "-date", "-pk")
# How many of the heaviest criteria's candidates are scored each in a query of their own; the
# rest's together, in one (narrowed): few queries where lessons are few.
LOOKED_AT_ALONE = 3


def few(lessons, matched=None):
    """Whether there are so few lessons that scoring them all takes fewer queries and no
    longer than narrowing them (a site's first hundreds; the lessons with some words)."""
    up_to = getattr(settings, "SIMILAR_LESSONS_SCORED_ALL_UP_TO", 200)
    if matched is not None:
        return matched <= up_to
    return len(lessons.values_list("pk", flat=True)[: up_to + 1]) <= up_to


def narrowed(lessons, scored, criteria, context, words_found, limit):
    """The ids of a few lessons among which are the best `limit` of all `lessons` (`scored`
    is them with their scores), found without scoring them all.

    A lesson outside every criterion's candidates (Criterion.candidates) scores 0 on each, so
    one outside the candidates of the criteria looked at so far scores at most the weight of
    the rest. The criteria are looked at heaviest first, scoring only their new candidates
    and keeping the best `limit` of each; once the `limit`th best score found is above what
    the rest could add, no lesson not yet scored can come before it. If every criterion has
    been looked at and fewer than `limit` lessons score above 0, all other lessons score 0,
    and the most recent of them (by words found, then date) fill the list, as they rank."""
    total = sum(c.weight for c in criteria)
    heaviest_first = sorted(criteria, key=lambda c: (-c.weight, c.broad))
    groups = [[c] for c in heaviest_first[:LOOKED_AT_ALONE]]
    if heaviest_first[LOOKED_AT_ALONE:]:
        groups.append(heaviest_first[LOOKED_AT_ALONE:])
    scores = {}
    looked = Q()
    for n, group in enumerate(groups):
        left = [criterion for later in groups[n + 1 :] for criterion in later]
        condition = Q()
        for criterion in group:
            condition |= criterion.candidates(context)
        new = scored.filter(condition).exclude(looked) if looked else scored.filter(condition)
        scores.update(new.values_list("pk", "similarity")[:limit])
        looked |= condition
        found = sorted((score for score in scores.values() if score > 0), reverse=True)
        most_the_rest_add = sum(c.weight for c in left) / total if left else 0.0
        if len(found) >= limit and found[limit - 1] > most_the_rest_add + 1e-9:
            return list(scores)
    above_0 = [pk for pk, score in scores.items() if score > 0]
    if len(above_0) >= limit:
        return above_0
    rest = (
        lessons.exclude(pk__in=above_0)
        .annotate(words_found=words_found or Value(0))
        .order_by(*ORDER[1:])
        .values_list("pk", flat=True)
    )
    return above_0 + list(rest[: limit - len(above_0)])


def near(column, wanted, threshold):
    """The numbers whose closeness to `wanted` (lessons.criteria._closeness) can reach the
    threshold: from threshold × wanted to wanted / threshold, a step to spare each side."""
    low = math.floor(threshold * wanted) - 1
    high = math.ceil(max(wanted, 1) / threshold) + 1
    return Q(**{f"{column}__range": (max(low, 0), high)})
