"""Case studies with impact whose totals were added up by hand (tests/campaigns)."""

from bs4 import BeautifulSoup

from tests.builders.lessons import context, plain


def case_study(slug, impact=None, **fields):
    """A case study with only what is given: no date, network, context or outcomes besides."""
    data = plain(slug=slug, title=slug.replace("-", " ").capitalize(), kind="case_study")
    for name in ("date", "network", "context", "maturity", "themes"):
        data.pop(name, None)
    if impact:
        data["impact"] = impact
    data.update(fields)
    return data


# A: public, 2024, South West, acute trust, the network, two outcomes.
# B: public, 2025, London, community trust, no network, one outcome.
# C: members-only (South West KM), 2025, South West, acute trust, qiof-5.
# D: a lesson (not a case study) with large figures: never in the totals.
# E: a public case study with no figures, no date and no context: counted, adds nothing.
IMPACT_LIBRARY = (
    case_study(
        "huddle-evidence",
        {"hours_saved": 10.5, "money_saved_gbp": 1000, "decisions_informed": 3},
        date="2024-05-01",
        network="south-west-km",
        context=context("acute_trust", "south_west"),
        maturity=[
            {"dimension": "qiof-2", "level": 2},
            {"dimension": "kmsa-leadership", "level": 1},
        ],
    ),
    case_study(
        "community-searches",
        {"hours_saved": 20, "money_saved_gbp": 250.25, "decisions_informed": 5},
        date="2025-02-01",
        context=context("community_trust", "london"),
        maturity=[{"dimension": "qiof-2", "level": 1}],
    ),
    case_study(
        "board-secret",
        {"hours_saved": 100, "money_saved_gbp": 5000, "decisions_informed": 7},
        date="2025-06-01",
        visibility="members",
        network="south-west-km",
        context=context("acute_trust", "south_west"),
        maturity=[{"dimension": "qiof-5", "level": 3}],
    ),
    plain(
        slug="not-a-case-study",
        title="A lesson with impact",
        kind="lesson",
        date="2025-03-01",
        context=context("acute_trust", "south_west"),
        impact={"hours_saved": 1000, "money_saved_gbp": 99999, "decisions_informed": 50},
    ),
    case_study("quiet-case-study"),
)


def page_tables(html):
    """{breakdown: {row label: {figure: text}}} from the page's tables, and the same from its
    charts, and the totals: (tables, charts, totals)."""
    soup = BeautifulSoup(html, "html.parser")
    tables, charts = {}, {}
    for table in soup.select("table[data-table]"):
        rows = tables.setdefault(table["data-table"], {})
        for row in table.select("tr[data-row]"):
            rows[row["data-row"]] = {
                cell["data-figure"]: cell.get_text(strip=True) for cell in row.select("td")
            }
    for chart in soup.select("[data-chart]"):
        rows = charts.setdefault(chart["data-chart"], {})
        for row in chart.select("[data-row]"):
            value = row.select_one(".app-bar-chart__value").get_text(strip=True)
            rows.setdefault(row["data-row"], {})[row["data-figure"]] = value
    totals = {
        cell["data-figure"]: cell.get_text(strip=True)
        for cell in soup.select("[data-totals] [data-figure]")
    }
    return tables, charts, totals
