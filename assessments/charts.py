"""Results as a chart: each outcome's agreed and counted level as bars on the 0–4 scale. The
page gives the same figures in a table next to it, so the chart is never the only way to
read them.

The SVG has no viewBox, so nothing in it is scaled: positions across are percentages of the
width, heights are pixels."""

from core.vocabulary import LEVELS

ROW = 56  # pixels per outcome
TOP = 28  # room for the scale's numbers
LEFT, RIGHT = 30.0, 96.0  # the bars' span across, in percent


def _x(level):
    return LEFT + (RIGHT - LEFT) * level / max(LEVELS)


def level_chart(answers):
    rows = []
    for n, answer in enumerate(answers):
        y = TOP + n * ROW
        agreed, counted = answer.agreed_level, answer.counted_level
        rows.append(
            {
                "label": answer.dimension.short_title,
                "y": y,
                "text_y": y + 22,
                "agreed_width": _x(agreed) - LEFT if agreed is not None else None,
                "counted_width": _x(counted) - LEFT if counted is not None else None,
                "counted_y": y + 20,
                "answer": answer,
            }
        )
    scale = [{"level": level, "x": _x(level)} for level in LEVELS]
    return {
        "rows": rows,
        "scale": scale,
        "left": LEFT,
        "height": TOP + len(rows) * ROW,
    }
