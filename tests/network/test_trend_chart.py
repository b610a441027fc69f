"""The network's maturity chart: every line visible, every label inside it and legible on a
phone, and the same figures in a table next to it."""

import datetime
import re

import pytest

from maturity.models import Dimension
from network.models import NetworkPage, NetworkReview, ReviewScore
from tests.builders.lessons import lesson

# Five reviews; at the first two every dimension is at level 1, so all five lines meet there.
LEVELS = [[1, 1, 1, 1, 1], [1, 1, 1, 1, 1], [2, 2, 1, 1, 0], [3, 2, 2, 1, 1], [4, 3, 2, 2, 1]]


@pytest.fixture(scope="module")
def chart(module_lessons):
    module_lessons(lesson())
    network = NetworkPage.objects.get(slug="south-west-km")
    dimensions = list(Dimension.objects.filter(framework__slug="nmm"))
    for n, levels in enumerate(LEVELS):
        review = NetworkReview(network=network, date=datetime.date(2022 + n, 3, 1))
        review.scores = [
            ReviewScore(dimension=d, current_level=level, target_level=4)
            for d, level in zip(dimensions, levels, strict=True)
        ]
        review.save()
    return network.url


def svg_of(client, url):
    html = client.get(url).content.decode()
    return html, re.search(r'<svg class="app-trend-chart".*?</svg>', html, re.S).group(0)


def lines_of(svg):
    """{dimension code: (dash pattern, marker, [(x, y) of each point])}."""
    lines = {}
    for code, body in re.findall(r'data-dimension="([^"]+)">(.*?)</g>', svg, re.S):
        dashes = set(re.findall(r'stroke-dasharray="([^"]+)"', body))
        markers = set(re.findall(r'<use href="#([^"]+)"', body))
        points = re.findall(r'<use href="#[^"]+" x="([\d.]+)%" y="([\d.]+)"', body)
        assert len(dashes) == 1 and len(markers) == 1, code
        lines[code] = (dashes.pop(), markers.pop(), [(float(x), float(y)) for x, y in points])
    return lines


def test_lines_that_meet_stay_apart_and_differ_by_more_than_colour(chart, client):
    _, svg = svg_of(client, chart)
    lines = lines_of(svg)
    assert len(lines) == 5
    assert len({dashes for dashes, _, _ in lines.values()}) == 5
    assert len({marker for _, marker, _ in lines.values()}) == 5
    first_points = [points[0] for _, _, points in lines.values()]
    assert len(set(first_points)) == 5  # the same level, five distinct places
    heights = sorted(y for _, y in first_points)
    assert all(b - a >= 4 for a, b in zip(heights, heights[1:], strict=False))


def test_text_is_drawn_unscaled_and_inside_the_chart(chart, client):
    _, svg = svg_of(client, chart)
    assert "viewBox" not in svg  # a viewBox would shrink 14px text to 6px on a phone
    assert "font-size" not in svg  # site.css sets it, in CSS pixels
    height = float(re.search(r'<svg[^>]* height="([\d.]+)"', svg).group(1))
    texts = re.findall(r'<text x="([\d.]+)%" y="([\d.]+)"[^>]*>([^<]*)</text>', svg)
    dates = [(float(x), float(y), label) for x, y, label in texts if " " in label]
    assert [label for _, _, label in dates] == [f"Mar {2022 + n}" for n in range(5)]
    assert max(x for x, _, _ in dates) <= 90  # half a date's width from the right edge
    assert all(y <= height - 6 for _, y, _ in dates)
    # Five dates: neighbours alternate between two rows so they never overlap.
    assert len({y for _, y, _ in dates[0::2]}) == 1 and dates[0][1] != dates[1][1]


def test_a_table_next_to_the_chart_gives_the_same_figures(chart, client):
    html, svg = svg_of(client, chart)
    after = html.split("</svg>", 1)[1]
    table = re.search(r'<table class="nhsuk-table app-trend-table">(.*?)</table>', after, re.S)
    rows = re.findall(
        r'<tr class="nhsuk-table__row">\s*<th scope="row".*?</tr>', table.group(1), re.S
    )
    figures = [re.findall(r'<td class="nhsuk-table__cell">(\d) \(4\)</td>', row) for row in rows]
    assert figures == [[str(levels[d]) for levels in LEVELS] for d in range(5)]
    assert "NMM Purpose" in after.split("<table", 1)[0]  # the key
