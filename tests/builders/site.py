"""The site as Wagtail's own migrations leave it, before ours builds its pages."""

from wagtail.models import Page, Site

from home.models import HomePage


def wagtails_placeholder_site():
    """Take away the home page and everything under it, and put back the placeholder "Welcome"
    page and the localhost Site that Wagtail's first migration makes. Returns the Site."""
    for home in HomePage.objects.all():
        home.delete()
    Site.objects.all().delete()
    welcome = Page.get_first_root_node().add_child(
        instance=Page(title="Welcome to your new Wagtail site!", slug="home")
    )
    return Site.objects.create(
        hostname="localhost", port=80, root_page=welcome, is_default_site=True
    )
