"""Social cards: a quote or a vignette drawn on the server as a PNG in the campaign's colours.

Two sizes (`SIZES`): 1200×630 (link previews, LinkedIn, X) and 1080×1080 (square posts). The
text is wrapped to the card's width and set in the largest size at which all of it fits; a
word wider than a line is broken across lines. The font is Pillow's own (`load_default`, Aileron,
shipped inside Pillow under the SIL Open Font Licence): NHS Frutiger cannot be shipped.

Colours come from the campaign and must meet WCAG's 4.5:1 for text (`contrast_ratio`); the
campaign's editor refuses a pair that does not. A card is kept in the default storage under a
name made of everything drawn on it (`card_name`), so it is drawn once and again only when the
text, the attribution, the colours or the renderer change.
"""

import hashlib
import io
import re
from dataclasses import dataclass

from django.core.files.base import ContentFile
from django.core.files.storage import default_storage

from PIL import Image, ImageDraw, ImageFont

SIZES = {"wide": (1200, 630), "square": (1080, 1080)}
MARGIN = 72
LARGEST_TEXT, SMALLEST_TEXT = 64, 14
LINE_SPACING = 1.25
RENDERER = "1"  # change when the drawing changes, so every card is drawn again
MINIMUM_CONTRAST = 4.5
HEX_COLOUR = re.compile(r"#[0-9a-fA-F]{6}")


@dataclass(frozen=True)
class Card:
    text: str
    attribution: str
    background: str  # "#003087"
    foreground: str  # "#ffffff"
    hashtag: str = ""


@dataclass
class Drawn:
    image: Image.Image
    boxes: list  # the bounding box of every line drawn, (left, top, right, bottom)
    text_size: int


def _channel(value):
    value /= 255
    return value / 12.92 if value <= 0.03928 else ((value + 0.055) / 1.055) ** 2.4


def relative_luminance(colour):
    red, green, blue = (int(colour[i : i + 2], 16) for i in (1, 3, 5))
    return 0.2126 * _channel(red) + 0.7152 * _channel(green) + 0.0722 * _channel(blue)


def contrast_ratio(first, second):
    """WCAG 2.2's contrast ratio of two colours written "#rrggbb", from 1 to 21."""
    lighter, darker = sorted((relative_luminance(first), relative_luminance(second)), reverse=True)
    return (lighter + 0.05) / (darker + 0.05)


def font(size):
    return ImageFont.load_default(size=size)


def _width(draw, text, typeface):
    left, _, right, _ = draw.textbbox((0, 0), text, font=typeface)
    return right - left


def _pieces(draw, word, typeface, width):
    """A word split into pieces each at most `width` wide (most words are one piece)."""
    pieces, piece = [], ""
    for character in word:
        if piece and _width(draw, piece + character, typeface) > width:
            pieces.append(piece)
            piece = ""
        piece += character
    return [*pieces, piece] if piece else pieces


def wrap(draw, text, typeface, width):
    """The lines of `text` at most `width` wide, broken between words where it can be."""
    lines = []
    for paragraph in text.splitlines() or [""]:
        line = ""
        for word in paragraph.split():
            for piece in _pieces(draw, word, typeface, width):
                candidate = f"{line} {piece}" if line else piece
                if line and _width(draw, candidate, typeface) > width:
                    lines.append(line)
                    candidate = piece
                line = candidate
        lines.append(line)
    return lines


def _footer(card):
    """The attribution and the hashtag, on the line(s) below the quote."""
    parts = [card.attribution, f"#{card.hashtag}" if card.hashtag else ""]
    return " · ".join(part for part in parts if part)


def _layout(draw, card, width, height):
    """[(text, font, y)] at the largest text size at which the quote and its attribution fit."""
    for text_size in range(LARGEST_TEXT, SMALLEST_TEXT - 1, -2):
        body, small = font(text_size), font(max(SMALLEST_TEXT, round(text_size * 0.6)))
        lines = [(line, body) for line in wrap(draw, f"“{card.text}”", body, width)]
        footer = _footer(card)
        if footer:
            lines.append(("", small))
            lines += [(line, small) for line in wrap(draw, footer, small, width)]
        heights = [round(typeface.size * LINE_SPACING) for _, typeface in lines]
        if sum(heights) <= height or text_size == SMALLEST_TEXT:
            top = MARGIN + (height - sum(heights)) // 2
            placed = []
            for (line, typeface), line_height in zip(lines, heights, strict=True):
                placed.append((line, typeface, top))
                top += line_height
            return placed, text_size
    raise AssertionError("unreachable")


def draw_card(card, size):
    """The card drawn at one of SIZES, with the box of every line."""
    width, height = SIZES[size]
    image = Image.new("RGB", (width, height), card.background)
    draw = ImageDraw.Draw(image)
    placed, text_size = _layout(draw, card, width - 2 * MARGIN, height - 2 * MARGIN)
    boxes = []
    for line, typeface, top in placed:
        if line:
            draw.text((MARGIN, top), line, font=typeface, fill=card.foreground)
            boxes.append(draw.textbbox((MARGIN, top), line, font=typeface))
    return Drawn(image, boxes, text_size)


def card_name(card, size):
    key = "\x1f".join(
        (
            RENDERER,
            size,
            card.text,
            card.attribution,
            card.background,
            card.foreground,
            card.hashtag,
        )
    )
    return f"cards/{hashlib.sha256(key.encode()).hexdigest()[:32]}-{size}.png"


def card_png(card, size):
    """The card as PNG bytes: drawn once, then read from storage until what it shows changes."""
    name = card_name(card, size)
    if default_storage.exists(name):
        with default_storage.open(name, "rb") as stored:
            return stored.read()
    output = io.BytesIO()
    draw_card(card, size).image.save(output, format="PNG", optimize=True)
    png = output.getvalue()
    if not default_storage.exists(name):
        default_storage.save(name, ContentFile(png))
    return png
