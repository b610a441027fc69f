from django.apps import AppConfig
from django.db import DEFAULT_DB_ALIAS, connections
from django.db.migrations.executor import MigrationExecutor
from django.db.models.signals import post_migrate


class HomeConfig(AppConfig):
    name = "home"

    def ready(self):
        # post_migrate is sent once for each app after every migration has run; listening for
        # this app's only, the site is built once per migrate (contract 6: a site from nothing).
        post_migrate.connect(build_site, sender=self, dispatch_uid="home.build_site")


def build_site(sender, using=DEFAULT_DB_ALIAS, verbosity=1, stdout=None, **kwargs):
    """After `migrate` (and `flush`): the home page, each section's index, the review workflow
    and the Site at SITE_URL, whichever are missing (home.site_tree.bootstrap). Skipped on a
    database not migrated to the end (a migrate to an earlier target) or without Wagtail's root
    page (a flushed one), where there is nothing to build on."""
    from home.site_tree import bootstrap

    if using != DEFAULT_DB_ALIAS or not _ready_for_pages(connections[using]):
        return
    created = bootstrap()
    if created and verbosity >= 1 and stdout is not None:
        paths = ", ".join(page.url or page.url_path for page in created)
        stdout.write(f"Built the site's pages: {paths}\n")


def _ready_for_pages(connection):
    from wagtail.models import Page

    if Page._meta.db_table not in connection.introspection.table_names():
        return False
    if not Page.objects.filter(depth=1).exists():  # a column every version of the table has
        return False
    executor = MigrationExecutor(connection)
    # Migrations still to apply: today's models may not fit the tables yet.
    return not executor.migration_plan(executor.loader.graph.leaf_nodes())
