"""The shared vocabulary: the level scale reads only what it can turn into a level."""

import pytest

from core.blocks import LinkBlock
from core.vocabulary import LEVEL_CHOICES, LEVELS, parse_level


@pytest.mark.parametrize(("text", "level"), [("0", 0), ("4", 4), (" 2 ", 2)])
def test_levels_from_user_input(text, level):
    assert parse_level(text) == level


@pytest.mark.parametrize("text", ["5", "-1", "²", "٣", "1.5", "", None, "level 2", "0x1"])
def test_anything_else_is_not_a_level(text):
    assert parse_level(text) is None


def test_the_scale_runs_from_0_to_4():
    assert list(LEVELS) == [0, 1, 2, 3, 4]
    assert [number for number, _ in LEVEL_CHOICES] == list(LEVELS)


@pytest.mark.parametrize("url", ["ftp://example.org/report", "javascript:alert(1)"])
def test_links_must_be_http_or_https(url):
    from wagtail.blocks import StructBlockValidationError

    block = LinkBlock()
    with pytest.raises(StructBlockValidationError):
        block.clean(block.to_python({"title": "Report", "url": url}))


def test_an_https_link_is_kept():
    block = LinkBlock()
    value = block.clean(block.to_python({"title": "Report", "url": "https://example.org/r"}))
    assert value["url"] == "https://example.org/r"
