"""Quotes and case studies' vignettes as social cards (issue 22): PNGs of 1200×630 and
1080×1080 whose text fits, at a contrast of at least 4.5:1, drawn again only when the text
changes; a page of their own with metadata and plain share links; never a public card of a
members-only case study."""

import io
import re

from django.core.exceptions import ValidationError
from django.core.files.storage import default_storage

import pytest
from PIL import Image

from campaigns.cards import MARGIN, SIZES, Card, card_name, contrast_ratio, draw_card
from campaigns.models import CampaignCaseStudy, Quote
from lessons.models import LessonPage
from tests.builders.campaigns import add_campaign
from tests.builders.lessons import lesson

PAGE = "/campaigns/a-million-decisions/"
LONG_QUOTE = ("Evidence turns a hunch into a decision the whole board can stand behind. " * 7)[:500]
LONG_WORD = "Pneumonoultramicroscopicsilicovolcanoconi"[:40]


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    settings.STORAGES = {
        **settings.STORAGES,
        "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    }


@pytest.fixture
def campaign(site_tree):
    return add_campaign()


def card(text, attribution="Dr Ada Lovelace, Chief Executive"):
    return Card(text, attribution, "#005eb8", "#ffffff", "AMillionDecisions")


@pytest.mark.parametrize("size", SIZES)
@pytest.mark.parametrize("text", [LONG_QUOTE, LONG_WORD, f"{LONG_WORD} {LONG_WORD} {LONG_WORD}"])
def test_the_text_fits_inside_the_margins_of_each_size(size, text):
    assert len(LONG_QUOTE) == 500 and len(LONG_WORD) == 40
    drawn = draw_card(card(text), size)
    width, height = SIZES[size]
    assert drawn.image.size == (width, height)
    assert drawn.boxes
    for left, top, right, bottom in drawn.boxes:
        assert left >= MARGIN and right <= width - MARGIN
        assert top >= MARGIN and bottom <= height - MARGIN
    # A line's boxes never overlap the next one's.
    for above, below in zip(drawn.boxes, drawn.boxes[1:], strict=False):
        assert above[3] <= below[1] + 2


def test_a_word_wider_than_a_line_is_broken_and_nothing_is_lost():
    drawn = draw_card(card(LONG_WORD * 3, attribution=""), "square")
    assert drawn.text_size >= 14 and len(drawn.boxes) >= 2


def test_contrast_is_computed_and_the_editor_refuses_less_than_4_5_to_1(campaign):
    assert contrast_ratio("#ffffff", "#000000") == pytest.approx(21)
    assert contrast_ratio("#005eb8", "#ffffff") >= 4.5
    campaign.card_background, campaign.card_text_colour = "#41b6e6", "#ffffff"
    with pytest.raises(ValidationError) as refused:
        campaign.full_clean()
    assert "Card text colour: its contrast with the background is" in str(refused.value)
    campaign.card_text_colour = "white"
    with pytest.raises(ValidationError) as refused:
        campaign.full_clean()
    assert "Card text colour must be a colour like #005eb8" in str(refused.value)


def test_each_card_is_a_png_of_its_size_drawn_again_only_when_the_text_changes(campaign, client):
    quote = Quote.objects.create(campaign=campaign, text="Knowledge saves time.", name="Ada")
    for size, dimensions in SIZES.items():
        response = client.get(f"{PAGE}quotes/{quote.pk}/card/{size}/")
        assert response["Content-Type"] == "image/png"
        image = Image.open(io.BytesIO(response.content))
        assert image.format == "PNG" and image.size == dimensions
    stored = card_name(quote.card, "wide")
    assert default_storage.exists(stored)
    modified = default_storage.get_modified_time(stored)
    client.get(f"{PAGE}quotes/{quote.pk}/card/wide/")
    assert default_storage.get_modified_time(stored) == modified  # not drawn again
    before = client.get(f"{PAGE}quotes/{quote.pk}/card/wide/").content
    quote.text = "Knowledge saves lives."
    quote.save()
    after = client.get(f"{PAGE}quotes/{quote.pk}/card/wide/").content
    assert after != before and default_storage.exists(card_name(quote.card, "wide"))
    assert client.get(f"{PAGE}quotes/{quote.pk}/card/huge/").status_code == 404


def test_a_quote_has_its_own_page_with_metadata_and_plain_share_links(campaign, client):
    quote = Quote.objects.create(
        campaign=campaign, text="Evidence & knowledge.", name="Ada", role="Chief Executive"
    )
    html = client.get(f"{PAGE}quotes/{quote.pk}/").content.decode()
    assert re.search(
        rf'<meta property="og:image" content="https?://[^"]+{PAGE}quotes/{quote.pk}/card/wide/">',
        html,
    )
    assert (
        '<meta property="og:image:alt" content="Evidence &amp; knowledge. (Ada, Chief Executive)">'
        in html
    )
    assert 'alt="Evidence &amp; knowledge. (Ada, Chief Executive)"' in html
    assert '<meta name="twitter:card" content="summary_large_image">' in html
    assert "https://www.linkedin.com/sharing/share-offsite/?url=" in html
    assert "https://x.com/intent/post?text=Evidence+%26+knowledge.+%23AMillionDecisions" in html
    assert (
        "mailto:?subject=A%20Million%20Decisions&amp;body=Evidence%20%26%20knowledge.%20%23AMillionDecisions"
        in html
    )
    assert not re.search(r"<script[^>]+src=\"https?://", html)  # no third-party scripts
    assert client.get(f"{PAGE}quotes/999/").status_code == 404


def test_a_members_only_case_study_never_gets_a_public_card(campaign, client, import_lessons):
    import_lessons(
        lesson(slug="public-story", title="Public story", kind="case_study"),
        lesson(
            slug="board-story",
            title="Board story",
            kind="case_study",
            visibility="members",
            network="board-leads",
        ),
    )
    for slug in ("public-story", "board-story"):
        linked = LessonPage.objects.get(slug=slug)
        LessonPage.objects.filter(pk=linked.pk).update(impact_vignette=f"{slug} saved a week.")
        CampaignCaseStudy.objects.create(campaign=campaign, lesson=linked)
    public, board = (LessonPage.objects.get(slug=s) for s in ("public-story", "board-story"))
    assert client.get(f"{PAGE}case-studies/{public.pk}/card/wide/").status_code == 200
    assert (
        "public-story saved a week."
        in client.get(f"{PAGE}case-studies/{public.pk}/").content.decode()
    )
    assert client.get(f"{PAGE}case-studies/{board.pk}/").status_code == 404
    assert client.get(f"{PAGE}case-studies/{board.pk}/card/square/").status_code == 404
    assert "board-story saved a week." not in client.get(PAGE).content.decode()
