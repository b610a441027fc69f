"""The groups a round's publication may give figures for, and each organisation's peers like us.

Groups: the whole, each region, each organisation type, and each peer group, in that order
(which `disclosure.shown_groups` takes as the order of usefulness).

Peers like us are fixed groups, not a set per organisation: two organisations' sets that
differ by one member would single that member out. When a round closes, its contributors are
split into groups of at least PEER_GROUP_MIN similar organisations (so each has at least 5
peers besides itself): of one type and region where there are enough, else of one type, by
workforce size; the few left join the group nearest to them by weighted distance (type,
workforce size, region). Groups within one region and type are more often shown: a group
that cuts across a region by fewer than 5 organisations is withheld. The groups are kept
with the publication and never edited.
"""

import math

from core.vocabulary import OrganisationType, Region

from .disclosure import Group, shown_groups

PEER_GROUP_MIN = 6
WEIGHTS = {"organisation_type": 3.0, "workforce": 1.0, "region": 0.5}
FILTERS = {"region": Region, "organisation_type": OrganisationType}


def distance(a, b):
    """Weighted distance of two contributors (rows of a publication)."""
    return (
        WEIGHTS["organisation_type"] * (a["organisation_type"] != b["organisation_type"])
        + WEIGHTS["workforce"] * abs(math.log10(a["workforce"]) - math.log10(b["workforce"]))
        + WEIGHTS["region"] * (a["region"] != b["region"])
    )


def peer_groups(rows):
    """Lists of organisation ids, each at least PEER_GROUP_MIN long, covering every row
    (none when there are too few rows for one group). Organisations of one type and region
    are grouped by workforce size; those of types and regions too small for a group of their
    own are grouped by type, and what is left joins the nearest group."""
    if len(rows) < PEER_GROUP_MIN:
        return []
    groups, leftovers = [], []
    for cell in _cells(rows, ("organisation_type", "region")):
        leftovers += _split(cell, groups)
    rest = []
    for cell in _cells(leftovers, ("organisation_type",)):
        rest += _split(cell, groups)
    if not groups:
        return [sorted(row["organisation"] for row in rows)]
    for row in rest:
        nearest = min(groups, key=lambda group: sum(distance(row, m) for m in group) / len(group))
        nearest.append(row)
    return [sorted(row["organisation"] for row in group) for group in groups]


def _cells(rows, names):
    cells = {}
    for row in sorted(rows, key=lambda r: (r["workforce"], r["organisation"])):
        cells.setdefault(tuple(row[name] for name in names), []).append(row)
    return [cells[key] for key in sorted(cells)]


def _split(members, groups):
    """Consecutive groups of members (by workforce) of at least PEER_GROUP_MIN, added to
    `groups`; the members left over if there are too few for one."""
    count = len(members) // PEER_GROUP_MIN
    if count == 0:
        return members
    size, extra = divmod(len(members), count)
    start = 0
    for n in range(count):
        end = start + size + (1 if n < extra else 0)
        groups.append(members[start:end])
        start = end
    return []


def candidate_groups(rows, peers):
    """Every group a publication may give figures for, the more useful first."""
    everyone = frozenset(row["organisation"] for row in rows)
    groups = [Group("all", "All organisations", everyone)]
    for name, vocabulary in FILTERS.items():
        for value, label in vocabulary.choices:
            members = frozenset(r["organisation"] for r in rows if r[name] == value)
            groups.append(Group(f"{name}:{value}", label, members))
    for n, members in enumerate(peers, start=1):
        groups.append(Group(f"peers:{n}", f"Peer group {n}", frozenset(members)))
    return groups


def keys_by(by):
    """The group keys of one filter (one at a time), after the whole."""
    vocabulary = FILTERS[by]
    return ["all"] + [f"{by}:{value}" for value, _ in vocabulary.choices]


def publish(rows, earlier):
    """The peer groups and shown groups ({key: sorted member ids}) of a round's next
    publication of `rows`, after its `earlier` publications ((peer_groups, shown) each): peer
    groups are fixed by the first; no group may be shown that is not separable from every
    group shown before."""
    peers = earlier[-1][0] if earlier else peer_groups(rows)
    already = [frozenset(members) for _, shown in earlier for members in shown.values()]
    shown = shown_groups(candidate_groups(rows, peers), already_shown=already)
    return peers, {group.key: sorted(group.members) for group in shown}
