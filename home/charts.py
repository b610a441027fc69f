"""The network page's charts drawn as SVG markup (home/templatetags/site_tags.py lays them out).

Written here rather than in templates: a chart is a few hundred attributes, and the template
engine's cost for each made the charts a tenth of the network page's time (issue 26). The
markup is what includes/trend_chart.html and measure_chart.html gave, byte for byte. Every
value goes through `_text`, which escapes it as the templates did (numbers as str gives them).
"""

from html import escape

from django.template.defaultfilters import date as date_filter
from django.utils.safestring import mark_safe


def _text(value):
    return escape(str(value))  # as django.utils.html.escape, without a SafeString for each


def _month(value):
    return escape(date_filter(value, "M Y"))


def _scale_lines(chart, rows):
    """A grey line across the chart at each (label, y), its label at the axis."""
    left, right, axis = _text(chart["left"]), _text(chart["right"]), _text(chart["axis"])
    return "".join(
        f'\n    <line x1="{left}" x2="{right}" y1="{_text(y)}" y2="{_text(y)}" '
        'stroke="#d8dde0" stroke-width="1"/>\n'
        f'    <text x="{axis}" y="{_text(y)}" dy="0.35em" text-anchor="end">{_text(label)}</text>\n'
        "  "
        for label, y in rows
    )


def _date_labels(chart):
    return "".join(
        f'<text x="{_text(x)}" y="{_text(y)}" text-anchor="middle">{_month(date)}</text>'
        for x, y, date in chart["dates"]
    )


def trend_svg(chart):
    """The maturity chart and its key, from site_tags.trend_layout."""
    markers = "".join(
        f'<g id="{_text(m["id"])}"><path d="{_text(m["shape"])}" fill="#fff" stroke="#fff" '
        f'stroke-width="4"/><path d="{_text(m["shape"])}" fill="{_text(m["colour"])}" '
        f'stroke="{_text(m["colour"])}" stroke-width="2"/></g>'
        for m in chart["markers"]
    )
    levels = _scale_lines(chart, chart["levels"])
    dates = _date_labels(chart)
    lines = "".join(_trend_line(line) for line in chart["lines"])
    key = "".join(
        '<li><svg class="app-trend-key__sample" width="40" height="14" focusable="false">'
        f'<line x1="2" x2="38" y1="7" y2="7" stroke="{_text(line["colour"])}" stroke-width="3" '
        f'stroke-dasharray="{_text(line["dashes"])}"/><use href="#{_text(line["marker"])}" '
        f'x="20" y="7"/></svg>{_text(line["dimension"].label)}</li>'
        for line in chart["lines"]
    )
    return mark_safe(  # noqa: S308 (every value above is escaped)
        f'\n<svg class="app-trend-chart" width="100%" height="{_text(chart["height"])}" '
        'role="img" aria-labelledby="trend-chart-title" focusable="false">\n'
        '  <title id="trend-chart-title">Maturity level of each dimension at each review '
        "(the table below gives the same figures)</title>\n"
        f"  <defs>\n    {markers}\n  </defs>\n"
        f"  {levels}\n"
        f"  {dates}\n"
        f"  {lines}\n"
        "</svg>\n"
        '<ul class="nhsuk-list app-trend-key" aria-hidden="true">\n'
        f"  {key}\n"
        "</ul>\n"
    )


def _trend_line(line):
    colour, dashes, marker = _text(line["colour"]), _text(line["dashes"]), _text(line["marker"])
    segments = "".join(
        f'<line x1="{_text(start[0])}" y1="{_text(start[1])}" x2="{_text(end[0])}" '
        f'y2="{_text(end[1])}" stroke="{colour}" stroke-width="3" stroke-dasharray="{dashes}"/>'
        for start, end in line["segments"]
    )
    points = "".join(
        f'<use href="#{marker}" x="{_text(x)}" y="{_text(y)}"/>' for x, y in line["points"]
    )
    code = _text(line["dimension"].code)
    return (
        f'\n    <g class="app-trend-chart__line" data-dimension="{code}">\n'
        f"      {segments}\n"
        f"      {points}\n"
        "    </g>\n  "
    )


def measure_svg(chart):
    """One outcome measure's chart, from site_tags.measure_layout."""
    chart_id = _text(chart["id"])
    scale = _scale_lines(chart, chart["scale"])
    dates = _date_labels(chart)
    segments = "".join(
        f'<line x1="{_text(start[0])}" y1="{_text(start[1])}" x2="{_text(end[0])}" '
        f'y2="{_text(end[1])}" stroke="#005eb8" stroke-width="3"/>'
        for start, end in chart["segments"]
    )
    points = "".join(
        f'<circle cx="{_text(x)}" cy="{_text(y)}" r="5" fill="#005eb8" stroke="#fff" '
        'stroke-width="2"/>'
        for x, y, _ in chart["points"]
    )
    return mark_safe(  # noqa: S308 (every value above is escaped)
        f'\n<svg class="app-trend-chart app-measure-chart" width="100%" '
        f'height="{_text(chart["height"])}" role="img" aria-labelledby="{chart_id}-title" '
        'focusable="false">\n'
        f'  <title id="{chart_id}-title">{_text(chart["name"])} at each review '
        "(the table below gives the same figures)</title>\n"
        f"  {scale}\n"
        f"  {dates}\n"
        f"  {segments}\n"
        f"  {points}\n"
        "</svg>\n"
    )
