"""The value proposition's key messages: numbered, each with its source, shown on /impact/ and
each quotable from its own page; site editors keep them in the admin, nobody else."""

from campaigns.models import KeyMessage
from tests.builders.accounts import make_user
from tests.builders.network import make_member

GIFT = "Knowledge services give the gift of time to healthcare professionals."


def test_each_message_has_its_own_page_with_its_source(site_tree, client):
    KeyMessage.objects.create(number=2, text=GIFT, source_title="The Value Proposition")
    html = client.get("/impact/").content.decode()
    assert GIFT in html and 'href="/impact/messages/2/"' in html
    page = client.get("/impact/messages/2/").content.decode()
    assert "Key message 2" in page and GIFT in page and "The Value Proposition" in page
    assert KeyMessage.objects.get().get_absolute_url() == "/impact/messages/2/"
    assert client.get("/impact/messages/3/").status_code == 404


def test_only_site_editors_keep_the_messages(site_tree, client, import_lessons):
    import_lessons()
    client.force_login(make_member("south-west-km", "lead@example.nhs.uk", role="facilitator"))
    assert client.get("/admin/key_messages/").status_code in (302, 403)
    client.force_login(make_user("editor@example.nhs.uk", is_superuser=True))
    response = client.post(
        "/admin/key_messages/new/",
        {"number": "4", "text": GIFT, "source_title": "The Value Proposition", "source_url": ""},
    )
    assert response.status_code == 302
    assert KeyMessage.objects.get().number == 4
