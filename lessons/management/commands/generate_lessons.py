import json
import random

from django.core.management.base import BaseCommand

from lessons.exchange.format import FORMAT
from lessons.generated import fake_lesson, fake_networks
from maturity.models import Dimension


class Command(BaseCommand):
    help = "Write a lessons/v1 file of N generated, realistic-looking lessons (for benchmarks)."

    def add_arguments(self, parser):
        parser.add_argument("count", type=int)
        parser.add_argument("--out", required=True, help="File to write.")
        parser.add_argument("--seed", type=int, default=1)

    def handle(self, count, out, seed, **options):
        rng = random.Random(seed)
        codes = list(Dimension.objects.values_list("code", flat=True))
        networks = fake_networks()
        lessons = [fake_lesson(rng, n, codes, networks) for n in range(count)]
        with open(out, "w", encoding="utf-8") as handle:
            json.dump({"format": FORMAT, "networks": networks, "lessons": lessons}, handle)
        self.stdout.write(f"Wrote {count} lessons to {out}.")
