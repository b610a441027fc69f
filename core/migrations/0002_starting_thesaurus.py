"""The thesaurus search starts with: NHS and knowledge-management abbreviations, lay terms and
other names, each with where the usage comes from (0002_starting_thesaurus.json). Site editors
change it in the admin afterwards; running this again adds nothing that is already there."""

import json
from pathlib import Path

from django.db import migrations

ENTRIES = Path(__file__).with_suffix(".json")


def add_entries(apps, schema_editor):
    ThesaurusEntry = apps.get_model("core", "ThesaurusEntry")
    existing = set(ThesaurusEntry.objects.values_list("terms", flat=True))
    ThesaurusEntry.objects.bulk_create(
        ThesaurusEntry(terms=terms, one_way=entry["one_way"], source=entry["source"])
        for entry in json.loads(ENTRIES.read_text(encoding="utf-8"))
        if (terms := ", ".join(entry["terms"])) not in existing
    )


class Migration(migrations.Migration):
    dependencies = [("core", "0001_thesaurus")]

    operations = [migrations.RunPython(add_entries, migrations.RunPython.noop)]
