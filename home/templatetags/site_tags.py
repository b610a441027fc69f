from decimal import Decimal
from itertools import pairwise

from django import forms, template
from django.conf import settings
from django.templatetags.static import static
from django.urls import get_script_prefix, get_urlconf, reverse

from core.vocabulary import LEVELS
from home import charts

register = template.Library()

# The NHS.UK frontend release wagtail-nhsuk-frontend ships, the one place its version is named
# (its file names carry it). A test fails when an upgrade of the package changes it.
NHSUK_FRONTEND_VERSION = "10.4.2"


@register.simple_tag
def nhsuk_frontend(kind, strict=True):
    """{% nhsuk_frontend "css" %} or "js": the URL of NHS.UK frontend's stylesheet or script,
    through static files (hashed in production). strict=False: see unfailing_static."""
    if kind not in ("css", "js"):
        raise template.TemplateSyntaxError('nhsuk_frontend takes "css" or "js"')
    path = f"wagtailnhsukfrontend/{kind}/nhsuk-frontend-{NHSUK_FRONTEND_VERSION}.min.{kind}"
    return static(path) if strict else unfailing_static(path)


_named_urls = {}  # (name, URLconf, script prefix) -> address


@register.simple_tag
def named_url(name):
    """{% named_url "search:search" %}: Django's {% url %} for an address that takes no
    arguments, reversed once per process for each URLconf and script prefix (the header and
    footer's links, on every page, would otherwise reverse each one each time)."""
    key = (name, get_urlconf(), get_script_prefix())
    address = _named_urls.get(key)
    if address is None:
        address = _named_urls[key] = reverse(name)
    return address


@register.simple_tag
def site_name():
    """{% site_name %}: the site's name (WAGTAIL_SITE_NAME)."""
    return settings.WAGTAIL_SITE_NAME


@register.simple_tag
def unfailing_static(path):
    """{% static %} for the 500 page, which must render whatever else is broken: where the
    hashed files' manifest lacks the file (static files never collected), the plain name,
    which WhiteNoise serves as well, instead of a second error that hides the first."""
    try:
        return static(path)
    except ValueError:
        return f"{settings.STATIC_URL}{path}"


WIDGET_CLASSES = {
    "select": "nhsuk-select",
    "textarea": "nhsuk-textarea",
    "clearablefile": "nhsuk-file-upload",
    "file": "nhsuk-file-upload",
}


# Each message names its field. Django's "This field is required." says what to do with which
# field instead; its other general messages ("Enter a whole number.") get the label in front.
REQUIRED_VERBS = {
    "select": "Select",
    "selectmultiple": "Select",
    "radioselect": "Select",
    "checkbox": "Select",
    "checkboxselectmultiple": "Select",
    "clearablefile": "Upload",
    "file": "Upload",
}
REQUIRED = forms.Field.default_error_messages["required"]
GENERAL_CODES = {
    "invalid",
    "invalid_choice",
    "invalid_list",
    "invalid_pk_value",
    "incomplete",
    "one_line",
    "max_value",
    "min_value",
    "step_size",
    "max_length",
    "min_length",
    "max_digits",
    "max_decimal_places",
    "max_whole_digits",
    "empty",
    "missing",
    "overflow",
    "null_characters_not_allowed",
}


def _lower_first(text):
    """'Email address' -> 'email address', but 'NHS number' stays as it is."""
    return text[:1].lower() + text[1:] if text[1:2].islower() else text


@register.simple_tag
def field_errors(field):
    """{% field_errors field as errors %}: the field's errors, as messages that name the field,
    each with its own element id."""
    label = str(field.label or field.name)
    errors = []
    for n, error in enumerate(field.errors.as_data(), 1):
        message = " ".join(error)
        if error.code == "required" and message == str(REQUIRED):
            message = f"{REQUIRED_VERBS.get(field.widget_type, 'Enter')} {_lower_first(label)}"
        elif error.code in GENERAL_CODES and label.lower() not in message.lower():
            message = f"{label}: {message}"
        errors.append({"id": f"{field.auto_id}-error-{n}", "message": message})
    return errors


@register.filter
def described_by(field):
    """The ids of a field's hint and error messages, for aria-describedby."""
    ids = [f"{field.auto_id}-hint"] if field.help_text else []
    return " ".join(ids + [error["id"] for error in field_errors(field)])


@register.simple_tag
def error_summary_items(form):
    """The error summary's items: each message, linked to the field it is about."""
    fields = form.visible_fields()
    targets = {field.name: f"#{field.id_for_label or field.auto_id + '_0'}" for field in fields}
    first = next(iter(targets.values()), None)
    items = [{"href": first, "message": message} for message in form.non_field_errors()]
    for field in form.hidden_fields():
        items += [{"href": None, "message": error["message"]} for error in field_errors(field)]
    for field in fields:
        items += [
            {"href": targets[field.name], "message": error["message"]}
            for error in field_errors(field)
        ]
    return items


@register.filter
def nhsuk_widget(field):
    """Render a form field's widget with NHS.UK classes and its hint and errors described."""
    css = WIDGET_CLASSES.get(field.widget_type, "nhsuk-input")
    if field.errors:
        css += f" {css}--error"
    attrs = {"class": css}
    if described := described_by(field):
        attrs["aria-describedby"] = described
    return field.as_widget(attrs=attrs)


@register.filter
def in_section(path, section_url):
    """{% if request.path|in_section:site_sections.lessons %}: the path is that page or below it."""
    return bool(section_url) and path.startswith(section_url)


@register.filter
def get_item(mapping, key):
    return mapping.get(key) if hasattr(mapping, "get") else None


@register.simple_tag
def trend_chart(trend):
    """The network's maturity over time as an SVG line chart (the page has a table beside it),
    drawn by home/charts.py."""
    return charts.trend_svg(trend_layout(trend))


def trend_layout(trend):
    """Where trend_chart draws each part.

    The SVG has no viewBox, so nothing in it is scaled: text is in CSS pixels (site.css keeps
    it at 12px or more on phones), heights are in pixels and positions across in percentages
    of the width. Each dimension has its own colour, dash pattern and marker, and sits a few
    pixels above or below the level it is at, so lines at the same level stay apart.
    """
    rows = trend["reviews"]
    step = (RIGHT - LEFT) / max(len(rows) - 1, 1)
    staggered = len(rows) > 4  # dates on two rows, so that neighbours never overlap
    middle = (len(trend["dimensions"]) - 1) / 2

    def x(n):
        return f"{LEFT + n * step:.2f}%"

    lines = []
    for index, dimension in enumerate(trend["dimensions"]):
        style = index % len(LINE_STYLES)  # more dimensions than styles: they repeat
        offset = (index - middle) * LINE_GAP
        points = [
            (x(n), _level_y(row["scores"][dimension.code].current_level) + offset)
            for n, row in enumerate(rows)
            if dimension.code in row["scores"]
        ]
        lines.append(
            {
                "dimension": dimension,
                "marker": f"trend-marker-{style}",
                **LINE_STYLES[style],
                "segments": list(pairwise(points)),
                "points": points,
            }
        )
    return {
        "height": PLOT_BOTTOM + (54 if staggered else 36),
        "markers": [
            {"id": f"trend-marker-{index}", **style} for index, style in enumerate(LINE_STYLES)
        ],
        "lines": lines,
        "levels": [(level, _level_y(level)) for level in LEVELS],
        "dates": [
            (x(n), PLOT_BOTTOM + (48 if staggered and n % 2 else 30), row["review"].date)
            for n, row in enumerate(rows)
        ],
        "left": f"{LEFT}%",
        "axis": f"{LEFT - 3}%",
        "right": f"{RIGHT + 4}%",
    }


@register.simple_tag
def measure_chart(trend, measure, index):
    """One outcome measure over the reviews as an SVG line chart, on its own scale from 0 to
    its highest value (measures count different things), drawn by home/charts.py. Laid out as
    trend_chart; the page gives the same figures in a table."""
    return charts.measure_svg(measure_layout(trend, measure, index))


def measure_layout(trend, measure, index):
    """Where measure_chart draws each part."""
    rows = trend["reviews"]
    step = (RIGHT - LEFT) / max(len(rows) - 1, 1)
    values = [m.value for m in measure["values"] if m is not None]
    bottom = min([Decimal(0), *values])
    top = max([Decimal(0), *values])
    span = (top - bottom) or Decimal(1)
    height = MEASURE_HEIGHT

    def y(value):
        return round(PLOT_TOP + float((top - value) / span) * height, 2)

    points = [
        (f"{LEFT + n * step:.2f}%", y(m.value), m.display_value)
        for n, m in enumerate(measure["values"])
        if m is not None
    ]
    return {
        "id": f"measure-chart-{index}",
        "name": measure["name"],
        "height": PLOT_TOP + height + 36,
        "segments": list(pairwise((x, y_) for x, y_, _ in points)),
        "points": points,
        "scale": [(f"{v.normalize():f}", y(v)) for v in sorted({top, Decimal(0), bottom})],
        "dates": [
            (f"{LEFT + n * step:.2f}%", PLOT_TOP + height + 30, row["review"].date)
            for n, row in enumerate(rows)
        ],
        "left": f"{LEFT}%",
        "axis": f"{LEFT - 3}%",
        "right": f"{RIGHT + 4}%",
    }


MEASURE_HEIGHT = 120  # pixels from 0 to the measure's highest value


def _level_y(level):
    return PLOT_TOP + (LEVELS[-1] - level) * LEVEL_HEIGHT


# Across, in percentages of the chart's width: room for the level numbers on the left and
# for half of the last date on the right (so it is never clipped). Down, in pixels.
LEFT, RIGHT = 10, 88
PLOT_TOP, LEVEL_HEIGHT = 20, 44
PLOT_BOTTOM = PLOT_TOP + LEVEL_HEIGHT * LEVELS[-1]
LINE_GAP = 5  # pixels between lines at the same level
# Colours from the NHS identity palette; a dash pattern and a marker shape (drawn around 0,0)
# for each, so that no line depends on colour alone.
LINE_STYLES = [
    {"colour": "#005eb8", "dashes": "none", "shape": "M-5,0a5,5 0 1,0 10,0a5,5 0 1,0 -10,0z"},
    {"colour": "#007f3b", "dashes": "10 5", "shape": "M-4.5,-4.5h9v9h-9z"},
    {"colour": "#d5281b", "dashes": "3 4", "shape": "M0,-6L6,5H-6z"},
    {"colour": "#330072", "dashes": "12 4 3 4", "shape": "M0,-6L6,0L0,6L-6,0z"},
    {"colour": "#ed8b00", "dashes": "6 3", "shape": "M-5,-5L5,5M5,-5L-5,5"},
]


@register.simple_tag(takes_context=True)
def item_url(context, thing):
    """The address of something new in what a member follows: a page (through the request, as
    `pageurl`) or another object (a question's answer) by its own `get_absolute_url()`."""
    from wagtail.models import Page  # noqa: PLC0415

    if isinstance(thing, Page):
        return thing.get_url(context.get("request"))
    return thing.get_absolute_url()


@register.simple_tag
def breadcrumb_trail(page):
    """{% breadcrumb_trail page as ancestors %}: the page's ancestors below the tree's root,
    home first. A page Wagtail routed to knows its parents already (Page.route keeps each on
    its child as treebeard's `_cached_parent_obj`, which get_parent() reads), so its trail
    costs no query; any other page's costs one."""
    trail = []
    current = page
    while current.depth > 2 and "_cached_parent_obj" in current.__dict__:
        current = current._cached_parent_obj
        trail.append(current)
    if current.depth > 2:
        return list(page.get_ancestors().filter(depth__gt=1))
    return trail[::-1]
