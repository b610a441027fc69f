"""Make SQLite full-text search match simple word forms ("briefing" finds "briefings").

Wagtail creates its FTS5 table with the default tokenizer, which matches whole words only.
The Porter stemmer reduces both the indexed text and the query to word stems. The table holds
only a copy of the index entries (Wagtail's triggers keep it in step), so it is recreated and
refilled from them. PostgreSQL gets the same from SEARCH_CONFIG = "english".
"""

from django.db import migrations

TABLE = "wagtailsearch_indexentry_fts"


def use_porter_stemmer(apps, schema_editor):
    if schema_editor.connection.vendor != "sqlite":
        return
    with schema_editor.connection.cursor() as cursor:
        cursor.execute("SELECT 1 FROM sqlite_master WHERE name = %s", [TABLE])
        if cursor.fetchone() is None:
            return  # this SQLite has no FTS5; Wagtail falls back to plain matching
        cursor.execute(f"DROP TABLE {TABLE}")
        cursor.execute(
            f"CREATE VIRTUAL TABLE {TABLE} USING fts5("
            "autocomplete, body, title, tokenize = 'porter unicode61')"
        )
        cursor.execute(
            f"INSERT INTO {TABLE} (title, body, autocomplete, rowid) "
            "SELECT title, body, autocomplete, id FROM wagtailsearch_indexentry"
        )


class Migration(migrations.Migration):
    dependencies = [("wagtailsearch", "0010_add_text_fields")]

    operations = [migrations.RunPython(use_porter_stemmer, migrations.RunPython.noop)]
