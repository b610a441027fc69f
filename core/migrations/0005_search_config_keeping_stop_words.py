"""On PostgreSQL, a text search configuration that stems English words as "english" does but
keeps every word: "english" drops stop words, so the thesaurus phrase "after action review"
was searched as "action review" and also found "before action review". Typed words never
reach the index as stop words (core.fulltext.STOP_WORDS), so only phrases see the difference.
The database search backend indexes and searches with it (DATABASE_SEARCH in settings); run
`manage.py update_index` once after this migration."""

from django.db import migrations

CONFIG = "english_all_words"
DICTIONARY = "english_stem_all_words"
# The token types "english" maps to english_stem (PostgreSQL's default configuration).
WORD_TYPES = "asciiword, asciihword, hword_asciipart, word, hword, hword_part"


def create(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute(f"DROP TEXT SEARCH CONFIGURATION IF EXISTS {CONFIG}")
    schema_editor.execute(f"DROP TEXT SEARCH DICTIONARY IF EXISTS {DICTIONARY}")
    # A snowball dictionary with no StopWords file stems every word and drops none.
    schema_editor.execute(
        f"CREATE TEXT SEARCH DICTIONARY {DICTIONARY} (TEMPLATE = snowball, Language = english)"
    )
    schema_editor.execute(f"CREATE TEXT SEARCH CONFIGURATION {CONFIG} (COPY = pg_catalog.english)")
    schema_editor.execute(
        f"ALTER TEXT SEARCH CONFIGURATION {CONFIG} ALTER MAPPING FOR {WORD_TYPES} WITH {DICTIONARY}"
    )


def drop(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute(f"DROP TEXT SEARCH CONFIGURATION IF EXISTS {CONFIG}")
    schema_editor.execute(f"DROP TEXT SEARCH DICTIONARY IF EXISTS {DICTIONARY}")


class Migration(migrations.Migration):
    dependencies = [("core", "0004_page_cache_table")]

    operations = [migrations.RunPython(create, drop, elidable=False)]
