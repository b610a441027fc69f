"""Reading what a page answered."""

import re


def text_of(response):
    """The page's words, without tags, each run of white space made one space."""
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", response.content.decode()))


def errors_in(response):
    """The messages of the page's error summary."""
    html = response.content.decode()
    if "nhsuk-error-summary__list" not in html:
        return []
    summary = html.split("nhsuk-error-summary__list", 1)[1].split("</ul>", 1)[0]
    return [
        re.sub(r"<[^>]+>", "", item).strip()
        for item in re.findall(r"<li>(.*?)</li>", summary, re.S)
    ]
