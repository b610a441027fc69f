from django.core.management.base import BaseCommand

from core.models import SearchIndexBacklog
from core.search_catch_up import catch_up


class Command(BaseCommand):
    help = (
        "Enqueue the task that adds to the search index what it missed while Elasticsearch was "
        "down (core/search_catch_up.py). Scheduled every 5 minutes; does nothing when nothing "
        "was missed."
    )

    def handle(self, *args, **options):
        behind = SearchIndexBacklog.objects.count()
        if not behind:
            self.stdout.write("The search index is up to date.")
            return
        catch_up.enqueue()
        self.stdout.write(f"Catching up the search index: {behind} objects.")
