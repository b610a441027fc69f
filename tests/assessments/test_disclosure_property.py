"""Property-style: over many generated worlds of organisations (a seeded generator, so a
failure repeats), every pair of groups a round may show — the whole, every region, every
type, every peer group, in its publication and in the next one after late returns — differs
by 0 or at least 5 organisations, and no shown figure rests on fewer than 5."""

import itertools
import random

import pytest

from assessments import benchmark, disclosure
from core.vocabulary import OrganisationType, Region
from tests.builders import rounds

WORLDS = 400
TYPES = [value for value, _ in OrganisationType.choices]
REGIONS = [value for value, _ in Region.choices]


def organisations(rng, first_id, count):
    # A few common types and regions, as in life, so that groups of every size occur.
    types = rng.sample(TYPES, rng.randint(1, 5))
    return [
        {
            "organisation": first_id + n,
            "region": rng.choice(REGIONS[: rng.randint(1, len(REGIONS))]),
            "organisation_type": rng.choice(types),
            "workforce": rng.randint(50, 20000),
            "figures": {"m": rng.uniform(0, 10)},
        }
        for n in range(count)
    ]


def publications(seed):
    """A round's publications: at closing, then (if enough came) with its late returns."""
    rng = random.Random(seed)
    rows = organisations(rng, 1, rng.randint(0, 70))
    first = benchmark.publish(rows, [])
    made = [(rows, first)]
    late = organisations(rng, 1000, rng.randint(1, 12))
    if len(late) >= disclosure.MIN_DIFFERENCE:  # Round.publish_late_returns' rule
        made.append((rows + late, benchmark.publish(rows + late, [first])))
    return made


def shown_member_sets(made):
    return [
        (f"publication {n} {key}", frozenset(members))
        for n, (_, (_, shown)) in enumerate(made, start=1)
        for key, members in shown.items()
    ]


def test_every_pair_of_shown_groups_differs_by_none_or_at_least_five():
    for seed in range(WORLDS):
        shown = shown_member_sets(publications(seed))
        for (a_name, a), (b_name, b) in itertools.combinations(shown, 2):
            for difference in (a - b, b - a):
                assert len(difference) == 0 or len(difference) >= 5, (seed, a_name, b_name)


def test_no_shown_group_rests_on_fewer_than_five():
    for seed in range(WORLDS):
        for name, members in shown_member_sets(publications(seed)):
            assert len(members) >= 5, (seed, name)


def test_peer_groups_are_fixed_sets_of_at_least_six_that_cover_everyone():
    for seed in range(WORLDS):
        made = publications(seed)
        rows, (peers, _) = made[0]
        if len(rows) >= benchmark.PEER_GROUP_MIN:
            assert sorted(i for group in peers for i in group) == sorted(
                r["organisation"] for r in rows
            )
            assert all(len(group) >= benchmark.PEER_GROUP_MIN for group in peers)
        for _, (later_peers, _) in made[1:]:
            assert later_peers == peers


def test_the_rules_still_leave_groups_to_show():
    # Not a rule, a check that the property above is not met by showing nothing.
    shown = [key for seed in range(WORLDS) for _, (_, s) in publications(seed) for key in s]
    assert any(key.startswith("peers:") for key in shown)
    assert any(key.startswith("region:") for key in shown)
    assert any(key.startswith("organisation_type:") for key in shown)


def test_small_counts_are_withheld_and_the_rest_rounded_to_five():
    assert [disclosure.rounded_count(n) for n in range(10)] == [
        0, None, None, None, None, None, None, None, 10, 10,
    ]  # fmt: skip
    assert [disclosure.rounded_count(n) for n in (12, 13, 17, 18, 102)] == [10, 15, 15, 20, 100]


@pytest.mark.django_db
@pytest.mark.parametrize("seed", range(4))
def test_through_the_models_a_late_return_at_a_time_never_breaks_the_rules(seed):
    """The same property through Round.close and Round.publish_late_returns, called after
    every late return, over every publication the round makes."""
    rng = random.Random(seed)
    made = rounds.statistics_round(opens_in=-30, closes_in=1)
    world = []
    for n in range(rng.randint(8, 24)):
        region = rng.choice(REGIONS[:3])
        kind = rng.choice(TYPES[:2])
        world += rounds.organisations(1, region=region, organisation_type=kind, start=n)
    on_time, late = world[: len(world) - 7], world[len(world) - 7 :]
    for organisation in on_time:
        rounds.submit(made, organisation, searches=rng.randint(0, 500))
    made.close()
    for organisation in late:
        rounds.submit(made, organisation)
        made.publish_late_returns()
    publications = list(made.publications.all())
    # At closing, then at the fifth late return; the sixth and seventh wait for more.
    assert [p.number for p in publications] == [1, 2]
    assert made.returns.filter(publication__isnull=True).count() == 2
    shown = [
        (f"{p.number} {key}", frozenset(members))
        for p in publications
        for key, members in p.shown.items()
    ]
    assert all(len(members) >= 5 for _, members in shown)
    for (a_name, a), (b_name, b) in itertools.combinations(shown, 2):
        assert disclosure.separable(a, b), (seed, a_name, b_name)
