from django import forms, template

register = template.Library()

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
def get_item(mapping, key):
    return mapping.get(key) if hasattr(mapping, "get") else None


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
