"""Themes, and the titles of what the huddles theme gathers (tests/themes/conftest.py builds it)."""

from themes.models import ThemeIndexPage, ThemePage, ThemePick

PUBLIC_PICK = "Picked public lesson"
TAGGED = "Tagged public lesson"
PICKED_AND_TAGGED = "Picked and tagged lesson"
SECRET_PICK = "Picked board secret"
SECRET_TAGGED = "Tagged board secret"
DRAFT = "Tagged draft lesson"
OFF_THEME = "A lesson on something else"
PUBLIC_EVENT = "Huddle webinar"
SECRET_EVENT = "Board huddle roundtable"
RESOURCE = "Huddle toolkit"


def add_theme(slug, title, tags=(), picks=(), live=True, dimensions=()):
    """A theme under the themes index: tagged lessons, picks as (page, note), published unless
    live=False."""
    theme = ThemePage(title=title, slug=slug, introduction=f"All about {title.lower()}.", live=live)
    theme.tags.set(list(tags))
    theme.picks = [ThemePick(page=page, note=note) for page, note in picks]
    theme.dimensions = list(dimensions)
    ThemeIndexPage.objects.get().add_child(instance=theme)
    revision = theme.save_revision()
    if live:
        revision.publish()
    return theme
