"""A whole site as the Wagtail admin sees it, for the tests that try every admin address as a
facilitator: three networks (public, members-only, and one the facilitator has nothing to do
with), their events and resources, lessons published, members-only, in review, sent back and
never submitted, themes curated by different facilitators, published and not.

Each page is put in one of three groups, by its slug, from the point of view of `lead`, who
facilitates the South West network:

- THEIRS: the pages of their admin (they work on them), and the pages above those;
- READABLE: pages they may read on the site, so their titles are no secret to them, but which
  are not theirs to change;
- SECRET: pages they may neither read nor work on: nothing the admin sends them may name one.
"""

from django.contrib.auth.models import Group, Permission

from accounts.roles import APP_LABEL, CODENAME
from home import site_tree as tree
from lessons.models import LessonPage
from lessons.moderation.workflow import submit_for_review
from network.models import Membership, NetworkPage
from tests.builders.accounts import make_user
from tests.builders.lessons import document, lesson
from tests.builders.network import add_child, event_page, resource_page
from themes.models import ThemeIndexPage, ThemePage

NETWORKS = [
    {
        "slug": "south-west-km",
        "title": "South West KM Network",
        "purpose": "Sharing what works.",
        "visibility": "public",
    },
    {
        "slug": "board-leads",
        "title": "Board Evidence Leads",
        "purpose": "Board-level evidence.",
        "visibility": "members",
    },
    {
        "slug": "north-librarians",
        "title": "Northern Clinical Librarians",
        "purpose": "Librarians in the north.",
        "visibility": "public",
    },
]


def _lesson(slug, title, network="south-west-km", **fields):
    data = lesson(slug=slug, title=title, network=network, **fields)
    if network is None:
        del data["network"]
    return data


LESSONS = [
    _lesson("sw-published-lesson", "Published South West huddles"),
    _lesson("sw-members-lesson", "Members-only South West rota", visibility="members"),
    _lesson("sw-review-lesson", "South West lesson in review", status="draft"),
    _lesson("sw-unsubmitted-draft", "Unsubmitted draft on ward rounds", status="draft"),
    _lesson("sw-sent-back-lesson", "Lesson sent back for changes", status="draft"),
    _lesson(
        "board-secret-lesson",
        "Confidential board evidence box",
        network="board-leads",
        visibility="members",
    ),
    _lesson(
        "board-review-lesson",
        "Board submission under review",
        network="board-leads",
        status="draft",
    ),
    _lesson("board-public-lesson", "Board public lesson on papers", network="board-leads"),
    _lesson(
        "north-draft-lesson",
        "Northern draft on search swaps",
        network="north-librarians",
        status="draft",
    ),
    _lesson(
        "north-public-lesson",
        "Northern public lesson on literature searches",
        network="north-librarians",
    ),
    _lesson(
        "unassigned-draft-lesson",
        "Unassigned draft without a network",
        network=None,
        status="draft",
    ),
]

# The pages above the facilitator's own, in their admin to navigate through, not to change.
NAVIGATION = {"home", "lessons", "networks", "themes"}
THEIRS = {
    "home",
    "lessons",
    "networks",
    "themes",
    "south-west-km",
    "sw-webinar-event",
    "sw-draft-event",
    "sw-toolkit-resource",
    "sw-review-lesson",
    "lead-huddles-theme",
    "lead-draft-theme",
}
READABLE = {
    "impact",
    "campaigns",
    "sw-published-lesson",
    "sw-members-lesson",
    "board-leads",
    "board-public-lesson",
    "north-librarians",
    "north-public-lesson",
    "north-toolkit-resource",
    "board-lead-published-theme",
}
SECRET = {
    "sw-unsubmitted-draft",
    "sw-sent-back-lesson",
    "board-secret-lesson",
    "board-review-lesson",
    "board-roundtable-event",
    "board-papers-resource",
    "north-draft-lesson",
    "north-draft-event",
    "unassigned-draft-lesson",
    "board-lead-draft-theme",
}


def add_theme(slug, title, owner, live=True):
    theme = ThemePage(
        title=title, slug=slug, introduction=f"All about {title.lower()}.", owner=owner, live=live
    )
    ThemeIndexPage.objects.get().add_child(instance=theme)
    revision = theme.save_revision(user=owner)
    if live:
        revision.publish(user=owner)
    return theme


def _owned_by(slug, owner, submit=False):
    page = LessonPage.objects.get(slug=slug)
    page.owner = owner
    page.save(update_fields=["owner"])
    page.save_revision(user=owner, log_action=True)
    if submit:
        submit_for_review(LessonPage.objects.get(slug=slug), owner)
    return LessonPage.objects.get(slug=slug)


def site_editor_by_permission(email):
    """A site editor by the permission alone (given to them, not through the "Site editors"
    group), with the admin but none of that group's tree permissions: whatever they may do to
    themes, the themes rule gives them by asking accounts.roles.is_site_editor."""
    user = make_user(email)
    user.user_permissions.add(
        Permission.objects.get(content_type__app_label="wagtailadmin", codename="access_admin"),
        Permission.objects.get(content_type__app_label=APP_LABEL, codename=CODENAME),
    )
    return user


def build_admin_site():
    """Build the site; returns the people: `lead` (South West's facilitator), `board_lead` and
    `north_lead` (the other networks' facilitators), the champions `sam` and `bertha`, an
    `editor` (Wagtail's Editors group), a `site_editor` (by permission) and a `superuser`."""
    tree.import_lessons(document(*LESSONS, networks=NETWORKS))
    networks = {network.slug: network for network in NetworkPage.objects.all()}
    people = {
        "lead": make_user("lead@example.nhs.uk", first_name="Lena", last_name="Lead"),
        "board_lead": make_user("board.lead@example.nhs.uk"),
        "north_lead": make_user("north.lead@example.nhs.uk"),
        "sam": make_user("sam@example.nhs.uk"),
        "bertha": make_user("bertha@example.nhs.uk"),
        "editor": make_user("editor@example.nhs.uk"),
        "site_editor": site_editor_by_permission("site.editor@example.nhs.uk"),
        "superuser": make_user("admin@example.nhs.uk", is_superuser=True, is_staff=True),
    }
    for person, slug, role in [
        ("lead", "south-west-km", "facilitator"),
        ("board_lead", "board-leads", "facilitator"),
        ("north_lead", "north-librarians", "facilitator"),
        ("sam", "south-west-km", "member"),
        ("bertha", "board-leads", "member"),
    ]:
        Membership.objects.create(network=networks[slug], user=people[person], role=role)
    people["editor"].groups.add(Group.objects.get(name="Editors"))

    south_west, board, north = (
        networks[slug] for slug in ("south-west-km", "board-leads", "north-librarians")
    )
    add_child(south_west, event_page("sw-webinar-event"))
    add_child(south_west, event_page("sw-draft-event"), publish=False)
    add_child(south_west, resource_page("sw-toolkit-resource"))
    add_child(board, event_page("board-roundtable-event"))
    add_child(board, resource_page("board-papers-resource"))
    add_child(north, event_page("north-draft-event"), publish=False)
    add_child(north, resource_page("north-toolkit-resource"))

    _owned_by("sw-review-lesson", people["sam"], submit=True)
    _owned_by("sw-unsubmitted-draft", people["sam"])
    sent_back = _owned_by("sw-sent-back-lesson", people["sam"], submit=True)
    task_state = sent_back.current_workflow_state.current_task_state
    task_state.task.specific.on_action(task_state, people["lead"], "reject", comment="Say why.")
    _owned_by("board-secret-lesson", people["bertha"])
    _owned_by("board-review-lesson", people["bertha"], submit=True)
    _owned_by("north-draft-lesson", people["north_lead"])

    add_theme("lead-huddles-theme", "Huddles that last", people["lead"])
    add_theme("lead-draft-theme", "Rotas in progress", people["lead"], live=False)
    add_theme("board-lead-published-theme", "Evidence at the board", people["board_lead"])
    add_theme(
        "board-lead-draft-theme", "Unannounced governance theme", people["board_lead"], live=False
    )
    return people
