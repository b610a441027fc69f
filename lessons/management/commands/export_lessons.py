import json

from django.core.management.base import BaseCommand

from lessons.exchange.exporter import export_document


class Command(BaseCommand):
    help = "Export lessons as a lessons/v1 JSON document (published lessons unless told otherwise)."

    def add_arguments(self, parser):
        parser.add_argument("--out", help="Write to this file instead of standard output.")
        parser.add_argument(
            "--include-drafts", action="store_true", help="Include lessons that are not published."
        )

    def handle(self, out=None, include_drafts=False, **options):
        document = export_document(include_drafts=include_drafts)
        text = json.dumps(document, indent=2, ensure_ascii=False) + "\n"
        if out:
            with open(out, "w", encoding="utf-8") as handle:
                handle.write(text)
            self.stderr.write(f"Wrote {len(document['lessons'])} lesson(s) to {out}.")
        else:
            self.stdout.write(text, ending="")
