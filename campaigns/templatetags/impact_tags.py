from django import template

register = template.Library()


@register.filter
def figure(row, key):
    """One figure of a row of /impact/, as the page and the chart write it."""
    return row.text(key)


@register.filter
def bars(table, key):
    return table.bars(key)
