"""Real-browser tests: Playwright drives Debian's Chromium against pytest-django's live server."""

import os
from pathlib import Path

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import sync_playwright

from tests.builders.database import put_back_shipped_data

CHROMIUM = os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium")
WCAG_22_AA = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]


def pytest_collection_modifyitems(items):
    for item in items:
        if "tests/browser/" in str(item.fspath):
            item.add_marker(pytest.mark.browser)


@pytest.fixture(scope="session")
def browser():
    if not os.path.exists(CHROMIUM):
        pytest.fail(f"Chromium not found at {CHROMIUM}: run scripts/ensure-chromium")
    # Playwright's sync API keeps an event loop running in this thread; the tests' own ORM calls
    # are ordinary synchronous Django, so allow them while the browser is open, and only then.
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=CHROMIUM,
            args=[
                "--no-sandbox",
                "--disable-gpu",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
                "--no-first-run",
                # Belt and braces with open_page's routes: no host name resolves but ours.
                "--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE localhost",
            ],
        )
        yield browser
        browser.close()
    del os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"]


@pytest.hookimpl(wrapper=True)
def pytest_runtest_makereport(item, call):
    report = yield
    setattr(item, f"report_{report.when}", report)
    return report


DESKTOP = {"viewport": {"width": 1280, "height": 900}}
PHONE = {
    "viewport": {"width": 375, "height": 740},
    "device_scale_factor": 2,
    "is_mobile": True,
    "has_touch": True,
}


def open_page(request, browser, live_server, options):
    """A page in a fresh browser context that reaches only the live server: any other host
    (NHS.UK's stylesheet asks assets.nhs.uk for its fonts) is refused before a name lookup,
    so no page load waits on the network. What was refused is kept in page.blocked_urls.
    Anything the Content-Security-Policy refused on the page fails the test."""
    context = browser.new_context(base_url=live_server.url, **options)
    blocked = []

    def only_the_live_server(route):
        if route.request.url.startswith(f"{live_server.url}/"):
            route.continue_()
        else:
            blocked.append(route.request.url)
            route.abort("blockedbyclient")

    context.route("**/*", only_the_live_server)
    page = context.new_page()
    page.blocked_urls = blocked
    page.set_default_timeout(15_000)
    # What the Content-Security-Policy refused: the browser says so on its console.
    refused = []
    page.on(
        "console",
        lambda message: (
            refused.append(f"{page.url}: {message.text}")
            if "Content Security Policy" in message.text
            else None
        ),
    )
    yield page
    report = getattr(request.node, "report_call", None)
    if report is not None and report.failed:
        # Keep what the browser showed, for whoever reads the failure.
        folder = Path("test-results")
        folder.mkdir(exist_ok=True)
        page.screenshot(path=folder / f"{request.node.name}.png", full_page=True)
    context.close()
    assert refused == [], "the Content-Security-Policy refused:\n" + "\n".join(refused)


@pytest.fixture
def page(request, browser, live_server):
    yield from open_page(request, browser, live_server, DESKTOP)


@pytest.fixture
def other_page(request, browser, live_server):
    """A second browser, for a second person in the same test."""
    yield from open_page(request, browser, live_server, DESKTOP)


@pytest.fixture
def phone(request, browser, live_server):
    """A page the size of a phone's screen (375 CSS pixels wide), with touch."""
    yield from open_page(request, browser, live_server, PHONE)


@pytest.fixture(autouse=True)
def shipped_data(browser, transactional_db):
    """Browser tests end by emptying every table: put back what the migrations shipped."""
    put_back_shipped_data()


@pytest.fixture(scope="session")
def axe():
    return Axe()


@pytest.fixture
def assert_accessible(axe):
    def _check(page):
        # A click that follows a link returns once the next page has started to load; axe run on
        # a document still being parsed finds no document element (or checks half a page).
        page.wait_for_load_state("load")
        results = axe.run(page, options={"runOnly": {"type": "tag", "values": WCAG_22_AA}})
        violations = [
            f"{v['id']}: {v['help']} ({len(v['nodes'])} nodes: "
            f"{', '.join(n['target'][0] for n in v['nodes'][:3])})"
            for v in results.response["violations"]
        ]
        assert violations == [], f"{page.url}\n" + "\n".join(violations)
        # What axe cannot decide ("needs review") about the error summary is a fault as well.
        to_review = [
            f"{check['id']}: {check['help']} ({node['target'][0]})"
            for check in results.response["incomplete"]
            for node in check["nodes"]
            if "nhsuk-error-summary" in node["html"] or "error-summary" in node["target"][0]
        ]
        assert to_review == [], f"{page.url}\n" + "\n".join(to_review)

    return _check
