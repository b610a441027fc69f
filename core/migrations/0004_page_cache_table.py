from django.core.management import call_command
from django.db import migrations


def create_cache_tables(apps, schema_editor):
    # The cache of kept pages and fragments has a table of its own (CACHES["pages"]), so a
    # site that has only been migrated has it. createcachetable skips tables that exist, and
    # does nothing for a cache on Redis.
    call_command("createcachetable", database=schema_editor.connection.alias, verbosity=0)


class Migration(migrations.Migration):
    dependencies = [("core", "0003_search_index_backlog"), ("home", "0002_cache_table")]

    operations = [migrations.RunPython(create_cache_tables, migrations.RunPython.noop)]
