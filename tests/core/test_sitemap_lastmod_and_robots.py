"""Every sitemap entry carries a lastmod (an index page the date of the newest entry below it,
never of something hidden), and robots.txt names the sitemap at SITE_URL."""

import datetime
import re

from lessons.models import LessonPage
from network.models import NetworkPage
from tests.builders.lessons import lesson


def entries(client):
    xml = client.get("/sitemap.xml").content.decode()
    return dict(re.findall(r"<url><loc>([^<]+)</loc>(?:<lastmod>([^<]+)</lastmod>)?", xml))


def test_every_sitemap_entry_has_a_lastmod_and_an_index_takes_its_newest_entry(
    import_lessons, client, settings
):
    import_lessons(
        lesson(),
        lesson(
            slug="board-secrets", title="Board secrets", network="board-leads", visibility="members"
        ),
    )
    old = datetime.datetime(2026, 1, 5, 10, tzinfo=datetime.UTC)
    NetworkPage.objects.update(last_published_at=old - datetime.timedelta(days=3))
    LessonPage.objects.filter(slug="discharge-huddles").update(last_published_at=old)
    hidden = datetime.datetime(2026, 6, 1, tzinfo=datetime.UTC)
    LessonPage.objects.filter(slug="board-secrets").update(last_published_at=hidden)
    found = entries(client)
    site = settings.SITE_URL
    assert f"{site}/lessons/discharge-huddles/" in found and len(found) > 4
    assert all(found.values()), found
    assert found[f"{site}/lessons/"] == "2026-01-05"  # not the members-only lesson's date
    assert found[f"{site}/"] == "2026-01-05"
    assert found[f"{site}/networks/"] == "2026-01-02"
    assert found[f"{site}/themes/"] == "2026-01-05"  # nothing below it: the newest of all


def test_robots_txt_names_the_sitemap(db, client, settings):
    settings.SITE_URL = "https://knowledge.example.nhs.uk"
    response = client.get("/robots.txt")
    assert response.status_code == 200
    assert response["Content-Type"] == "text/plain; charset=utf-8"
    lines = response.content.decode().splitlines()
    assert "Sitemap: https://knowledge.example.nhs.uk/sitemap.xml" in lines
    assert "User-agent: *" in lines and "Disallow: /admin/" in lines
