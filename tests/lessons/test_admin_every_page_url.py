"""Every admin address that takes a page id, tried by a facilitator for every page of a whole
site (tests/builders/admin_site.py): nothing the admin answers names a page they may neither
read nor work on, every page outside their admin is refused, and nothing they post changes a
page outside their admin.

The addresses come from Django's URL resolver: every pattern under /admin/ with a page id in its
path (by the names Wagtail gives those arguments), and the page bulk actions Wagtail's registry
holds, which take page ids in the query string. A new admin view that takes a page id is tried
here without anyone adding it to a list. The site is built once for the module; what a request
writes is rolled back after it."""

import re

from django.contrib.messages import get_messages
from django.db import transaction
from django.urls import URLResolver, get_resolver, resolve

from wagtail.admin.api.views import PagesAdminAPIViewSet
from wagtail.admin.views.bulk_action.registry import bulk_action_registry
from wagtail.models import Page, PageViewRestriction, Revision, Task, Workflow, WorkflowState

import pytest

from tests.builders.admin_site import NAVIGATION, READABLE, SECRET, THEIRS, build_admin_site

# The names Wagtail gives an argument that is a page's id ("pk" is one under pages/ only; an
# editing session's object is a page when its model is).
PAGE_ARGUMENTS = {"page_id", "parent_page_id", "page_to_move_id", "destination_id", "page_pk"}
EDITING_SESSION = "admin/editing-sessions/ping/"
MISSING = 999_999  # the id of nothing (Wagtail reads a revision id of 0 as "no revision")
ARGUMENT = re.compile(r"<(?:\w+:)?(?P<name>\w+)>|\(\?P<(?P<group>\w+)>[^)]*\)")
REFUSED = {302, 403, 404, 405}
CHOOSER = "admin/choose-page/"
pytestmark = pytest.mark.usefixtures("templates_unrecorded")


def _walk(patterns, prefix=""):
    for pattern in patterns:
        if isinstance(pattern, URLResolver):
            yield from _walk(pattern.url_patterns, prefix + str(pattern.pattern))
        else:
            yield prefix + str(pattern.pattern)


def arguments(route):
    return [match["name"] or match["group"] for match in ARGUMENT.finditer(route)]


def page_arguments(route):
    names = arguments(route)
    found = [name for name in names if name in PAGE_ARGUMENTS]
    if "pk" in names and "pages/" in route.split("pk")[0]:
        found.append("pk")
    if route.startswith(EDITING_SESSION):
        found.append("object_id")
    return found


def admin_page_routes():
    """Every admin URL pattern with a page id in its path, each once (our views in front of
    Wagtail's at the same address count once)."""
    routes = []
    for route in _walk(get_resolver().url_patterns):
        if route.startswith("admin/") and page_arguments(route) and route not in routes:
            routes.append(route)
    return routes


def fill(route, values):
    path = ARGUMENT.sub(lambda match: str(values[match["name"] or match["group"]]), route)
    return "/" + path.replace("^", "").replace("$", "").replace("\\.", ".")


class Site:
    """The built site, and every request to try on it."""

    def __init__(self, people):
        self.people = people
        self.pages = {page.slug: page.specific for page in Page.objects.filter(depth__gt=1)}
        self.root = Page.objects.get(depth=1)
        self.secrets = [self.pages[slug] for slug in SECRET]
        self.workflow = Workflow.objects.get(name="Network review")
        self.task = Task.objects.first()
        self.own_event = self.pages["sw-webinar-event"]
        self.own_network = self.pages["south-west-km"]
        self._about = {}

    def all_pages(self):
        return [self.root, *self.pages.values()]

    def values(self, route, slot, page):
        """The arguments for the route with `page` in the page argument `slot`, the other page
        arguments given the facilitator's own event (to act on) and network (to act in)."""
        values = {name: self.own_event.pk for name in page_arguments(route)}
        values["destination_id"] = self.own_network.pk
        values[slot] = page.pk
        subject = page if slot != "destination_id" else self.own_event
        values.update(
            self.about(subject),
            revision_id_a="earliest",
            revision_id_b="latest",
            task_id=self.task.pk,
            workflow_pk=self.workflow.pk,
            session_id=MISSING,
            app_label="wagtailcore",
            model_name="page",
        )
        return values

    def about(self, subject):
        """The ids a route needs for the page it acts on: looked up once for each page, as
        every request is rolled back and each meets the site as built."""
        if subject.pk not in self._about:
            revision = Revision.page_revisions.filter(object_id=str(subject.pk)).order_by("-pk")
            state = WorkflowState.objects.for_instance(subject).order_by("-pk").first()
            task_state = state.current_task_state if state else None
            children = subject.specific_class.creatable_subpage_models()
            model = children[0] if children else Page
            self._about[subject.pk] = {
                "revision_id": revision.first().pk if revision else MISSING,
                "task_state_id": task_state.pk if task_state else MISSING,
                "workflow_state_id": state.pk if state else MISSING,
                "content_type_app_name": model._meta.app_label,
                "content_type_model_name": model._meta.model_name,
            }
        return self._about[subject.pk]

    def requests(self):
        """(route, url, the page it names) for every page in every page argument of every
        admin route, then the page bulk actions with each page."""
        for route in admin_page_routes():
            actions = [None]
            if "action_name" in arguments(route):
                api = route.startswith("admin/api/")
                actions = list(PagesAdminAPIViewSet.actions) if api else ["approve", "reject"]
            for slot in page_arguments(route):
                for page in self.all_pages():
                    values = self.values(route, slot, page)
                    for action in actions:
                        values["action_name"] = action
                        query = "?position=0" if "set_position" in route else ""
                        yield route, fill(route, values) + query, page
        for action in bulk_action_registry.get_bulk_actions_for_model("wagtailcore", "page"):
            path = f"/admin/bulk/wagtailcore/page/{action.action_type}/"
            for page in self.all_pages():
                yield path, f"{path}?id={page.pk}", page
                yield path, f"{path}?id=all&childOf={page.pk}", page

    def post_data(self):
        """One body for every form: what each would need to do its worst."""
        return {
            "include_descendants": "on",
            "new_parent_page": self.own_network.pk,
            "new_title": "Copied page",
            "new_slug": "copied-page",
            "copy_subpages": "on",
            "publish_copies": "on",
            "chooser": self.own_network.pk,
            "destination_page_id": self.own_network.pk,
            "recursive": "true",
            "keep_live": "true",
            "revision_id": Revision.page_revisions.order_by("pk").first().pk,
            "restriction_type": "login",
            "comment": "Done.",
            "is_editing": "1",
            "action-publish": "publish",
        }


def said(response):
    """Everything the response tells: its body, where it redirects, and the messages it leaves
    for the next page."""
    messages = " ".join(str(message) for message in get_messages(response.wsgi_request))
    body = response.content.decode(errors="replace")
    return " ".join([body, response.get("Location", ""), messages])


def named_secrets(site, text):
    return [
        page.slug
        for page in site.secrets
        if page.title in text or page.slug in text or page.url_path in text
    ]


def try_every_request(site, client, method, check):
    """Make every request as the South West facilitator; `check(route, page, response)` returns
    what went wrong, if anything. Returns every problem found, with the request that found it."""
    client.force_login(site.people["lead"])
    # Wagtail's editors answer a form missing its fields with an error; that is no leak, and
    # a page outside the admin never gets that far (refused_as_it_should_be).
    client.raise_request_exception = False
    data = site.post_data()
    problems, count = [], 0
    for route, url, page in site.requests():
        count += 1
        with transaction.atomic():
            response = client.post(url, data) if method == "post" else client.get(url)
            problem = check(route, page, response)
            transaction.set_rollback(True)
        client.cookies.pop("messages", None)  # each response answers for its own messages
        if problem:
            problems.append(f"{method.upper()} {url} ({page.slug}): {problem}")
    return problems, count


def refused_as_it_should_be(route, page, response):
    """A page outside the facilitator's admin is refused (the page chooser may offer what
    they may read on the site)."""
    outside = SECRET if route.startswith(CHOOSER) else SECRET | READABLE
    if page.slug in outside and response.status_code not in REFUSED:
        return f"answered {response.status_code}"
    return None


@pytest.fixture(scope="module")
def site(module_db):
    return Site(build_admin_site())


def test_no_admin_address_tells_a_facilitator_of_a_page_they_may_neither_read_nor_work_on(
    site, client
):
    routes = admin_page_routes()
    for route in (
        "admin/pages/<int:parent_page_id>/",
        "admin/pages/<int:page_id>/edit/",
        "admin/api/main/^pages/<id:pk>/",
    ):
        assert route in routes
    assert set(site.pages) == THEIRS | READABLE | SECRET  # every page is one of the three
    for route in routes:  # each address built from its pattern is the pattern's
        values = site.values(route, page_arguments(route)[0], site.own_event)
        resolve(fill(route, {**values, "action_name": "approve"}))

    def check(route, page, response):
        leaked = named_secrets(site, said(response))
        if leaked:
            return f"names {', '.join(sorted(leaked))}"
        return refused_as_it_should_be(route, page, response)

    problems, count = try_every_request(site, client, "get", check)
    assert count > len(routes) * len(site.all_pages())
    assert not problems, "\n".join(problems)


def snapshot():
    """What a facilitator must not change about a page they do not work on."""
    restricted = set(PageViewRestriction.objects.values_list("page", flat=True))
    in_workflow = dict(
        WorkflowState.objects.filter(base_content_type__model="page").values_list(
            "object_id", "status"
        )
    )
    revisions = {}
    for object_id in Revision.page_revisions.values_list("object_id", flat=True):
        revisions[object_id] = revisions.get(object_id, 0) + 1
    return {
        page["pk"]: {
            **page,
            "restricted": page["pk"] in restricted,
            "workflow": in_workflow.get(str(page["pk"])),
            "revisions": revisions.get(str(page["pk"]), 0),
        }
        for page in Page.objects.values(
            "pk",
            "slug",
            "title",
            "draft_title",
            "path",
            "live",
            "has_unpublished_changes",
            "locked",
            "locked_by",
            "owner",
            "latest_revision",
            "live_revision",
            "go_live_at",
            "expire_at",
        )
    }


def test_nothing_a_facilitator_posts_to_any_admin_address_changes_a_page_outside_their_admin(
    site, client
):
    before = snapshot()
    slugs = {page["pk"]: page["slug"] for page in before.values()}
    # The pages they work on may change; those above them are there to navigate through.
    theirs = {pk for pk, slug in slugs.items() if slug in THEIRS - NAVIGATION}
    # New pages may appear only where they may add them: in their network, and themes.
    may_add_under = {before[pk]["path"] for pk in theirs} | {site.pages["themes"].path}

    def check(route, page, response):
        after = snapshot()
        changed = [
            slugs[pk] for pk, state in before.items() if pk not in theirs and after.get(pk) != state
        ]
        added = [
            state["slug"]
            for pk, state in after.items()
            if pk not in before and state["path"][: -Page.steplen] not in may_add_under
        ]
        leaked = named_secrets(site, said(response))
        if changed or added or leaked:
            return f"changed {changed}, added {added}, named {leaked}"
        return refused_as_it_should_be(route, page, response)

    problems, count = try_every_request(site, client, "post", check)
    assert count > len(admin_page_routes()) * len(site.all_pages())
    assert not problems, "\n".join(problems)
