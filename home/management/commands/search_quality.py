"""Measure search against the question set (home/demo/search_questions.json).

    python manage.py load_demo_content && python manage.py search_quality

Prints recall in the top 3 (overall and by where the questions' words come from), each
question missed, and the precision check: lessons the thesaurus brought into a top 3 that are
not relevant to the query.
"""

from collections import defaultdict

from django.core.management.base import BaseCommand, CommandError

from home.search_quality import TOP, precision, questions, recall
from lessons.models import LessonPage


class Command(BaseCommand):
    help = __doc__.strip().splitlines()[0]

    def add_arguments(self, parser):
        parser.add_argument("--verbose-misses", action="store_true", help="Show every top 3.")

    def handle(self, verbose_misses, **options):
        wanted = {slug for q in questions()["questions"] for slug in q["answers"]}
        live = set(LessonPage.objects.live().filter(slug__in=wanted).values_list("slug", flat=True))
        if missing := wanted - live:
            raise CommandError(
                f"Load the demo content first (manage.py load_demo_content): {len(missing)} "
                "answering lessons are not live here."
            )
        share, answered = recall()
        by_source = defaultdict(list)
        for a in answered:
            by_source["lessons" if a.source == "lesson" else "DOMAIN.md and seeds"].append(a)
        self.stdout.write(f"Recall in the top {TOP}: {share:.0%} of {len(answered)} questions")
        for source, group in sorted(by_source.items()):
            found = sum(len(a.found) for a in group)
            expected = sum(min(len(a.answers), TOP) for a in group)
            self.stdout.write(f"  written from {source}: {found}/{expected}")
        for a in answered:
            if len(a.found) < min(len(a.answers), TOP) or verbose_misses:
                self.stdout.write(f"  missed: {a.q!r} -> {a.top} (wanted {a.answers})")
        checked = precision()
        added = [c for c in checked if c.added]
        self.stdout.write(
            f"Precision check: {len(checked) - len(added)}/{len(checked)} queries with no "
            "irrelevant lesson added by expansion"
        )
        for c in checked:
            if c.added or verbose_misses:
                self.stdout.write(f"  {c.q!r}: top {c.top}, added {c.added}")
