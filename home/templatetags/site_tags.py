from django import template

register = template.Library()

WIDGET_CLASSES = {
    "select": "nhsuk-select",
    "textarea": "nhsuk-textarea",
    "clearablefile": "nhsuk-file-upload",
    "file": "nhsuk-file-upload",
}


@register.filter
def nhsuk_widget(field):
    """Render a form field's widget with NHS.UK classes and its hint and error described."""
    css = WIDGET_CLASSES.get(field.widget_type, "nhsuk-input")
    if field.errors:
        css += f" {css}--error"
    described_by = []
    if field.help_text:
        described_by.append(f"{field.id_for_label}-hint")
    if field.errors:
        described_by.append(f"{field.id_for_label}-error")
    attrs = {"class": css}
    if described_by:
        attrs["aria-describedby"] = " ".join(described_by)
    return field.as_widget(attrs=attrs)


@register.filter
def get_item(mapping, key):
    return mapping.get(key)


@register.simple_tag(takes_context=True)
def query_with(context, **changes):
    """The current query string with some parameters replaced (None removes one)."""
    query = context["request"].GET.copy()
    for key, value in changes.items():
        if value is None or value == "":
            query.pop(key, None)
        else:
            query[key] = value
    encoded = query.urlencode()
    return f"?{encoded}" if encoded else "?"


@register.inclusion_tag("includes/trend_chart.html")
def trend_chart(trend):
    """The network's maturity over time as an SVG line chart (with a table beside it)."""
    width, height, left, bottom, top = 640, 260, 40, 30, 10
    rows = trend["reviews"]
    step = (width - left - 20) / max(len(rows) - 1, 1)

    def y(level):
        return top + (4 - level) * (height - top - bottom) / 4

    lines = []
    for colour, dimension in zip(CHART_COLOURS, trend["dimensions"], strict=False):
        points = [
            (left + n * step, y(row["scores"][dimension.code].current_level))
            for n, row in enumerate(rows)
            if dimension.code in row["scores"]
        ]
        lines.append(
            {
                "dimension": dimension,
                "colour": colour,
                "points": " ".join(f"{x:.0f},{py:.0f}" for x, py in points),
                "dots": points,
            }
        )
    return {
        "width": width,
        "height": height,
        "lines": lines,
        "levels": [(level, y(level)) for level in range(5)],
        "dates": [(left + n * step, row["review"].date) for n, row in enumerate(rows)],
        "left": left,
        "bottom": height - bottom,
    }


# Distinguishable colours from the NHS identity palette.
CHART_COLOURS = ["#005eb8", "#007f3b", "#d5281b", "#330072", "#ed8b00"]
