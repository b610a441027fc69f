"""bench_search builds its lessons with the importer's mapping
(lessons.exchange.importer.apply_lesson), so what it measures is what an import would have made."""

import random

from home.management.commands.bench_search import Command
from lessons.exchange.exporter import lesson_to_dict
from lessons.exchange.importer import apply_network
from lessons.generated import fake_lesson, fake_networks
from lessons.models import LessonPage
from maturity.models import Dimension
from network.models import NetworkPage


def test_bench_lessons_are_what_an_import_of_the_same_lessons_makes(site_tree):
    _, lesson_index, network_index = site_tree
    networks = {}
    for data in fake_networks():
        network = NetworkPage()
        apply_network(network, data)
        networks[data["slug"]] = network_index.add_child(instance=network)
    dimensions = Dimension.objects.in_bulk(field_name="code")
    rng = random.Random(3)
    batch = [fake_lesson(rng, n, list(dimensions), fake_networks()) for n in range(3)]

    Command()._insert(batch, lesson_index, lesson_index.numchild + 1, networks, dimensions)

    for data in batch:
        page = LessonPage.objects.get(slug=data["slug"])
        expected = {**data, "status": "published", "themes": sorted(data["themes"], key=str.lower)}
        assert lesson_to_dict(page) == expected
        team = data["context"]["team"]
        assert page.team_size == len(team)
        assert page.team_years == sum(member["years_experience"] for member in team)
