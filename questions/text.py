"""Posts are plain text. Shown, each is escaped; blank lines part paragraphs; and addresses
that start with http:// or https:// become links that tell search engines and the browser not
to trust them (rel="nofollow ugc noopener"). Nothing else becomes markup: no other scheme
(javascript:, data:) is ever a link."""

import re

from django.utils.html import escape, format_html
from django.utils.safestring import mark_safe

LINK = re.compile(r"https?://[^\s<>\"']+", re.IGNORECASE)
TRAILING = ".,;:!?)]}"
REL = "nofollow ugc noopener"


def _linked(paragraph):
    parts, last = [], 0
    for match in LINK.finditer(paragraph):
        url = match.group(0).rstrip(TRAILING)
        end = match.start() + len(url)
        parts.append(escape(paragraph[last : match.start()]))
        parts.append(format_html('<a href="{}" rel="{}">{}</a>', url, REL, url))
        last = end
    parts.append(escape(paragraph[last:]))
    return "".join(parts).replace("\n", "<br>")


def as_html(text):
    """The post's text as safe HTML: paragraphs, line breaks and http(s) links only."""
    paragraphs = [p.strip() for p in re.split(r"\n\s*\n", (text or "").replace("\r\n", "\n"))]
    return mark_safe("".join(f"<p>{_linked(p)}</p>" for p in paragraphs if p))
