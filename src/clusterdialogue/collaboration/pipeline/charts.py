"""Plotly figure specifications (plain dicts) for the pipeline statistics and the network graph.

Drawn in the page by ``portal/charts.js``; the network graph's clicks are handled by
``collaboration/network.js`` (a node's ``customdata`` is its profile address).
"""

from __future__ import annotations

from django.utils.translation import gettext as _

from clusterdialogue.collaboration.network.selectors import PALETTE
from clusterdialogue.collaboration.pipeline.selectors import NETWORK, PipelineStatistics

NETWORK_COLOUR = "#1d2b3a"
FUNDED_COLOUR = "#2ca02c"
REJECTED_COLOUR = "#d62728"
LINK_COLOUR = "#9aa5b1"


def chart_layout(title: str, **extra) -> dict:
    return {
        "title": {"text": title, "font": {"size": 15}},
        "margin": {"l": 60, "r": 30, "t": 50, "b": 50},
        "template": "plotly_white",
        "legend": {"orientation": "h", "y": -0.15},
        "xaxis": {"type": "category", "title": _("Year")},
        **extra,
    }


def _count_axis(title: str, values: list) -> dict:
    """A y axis for counts: whole-number ticks, one per unit while the counts are small."""
    axis = {"title": title, "rangemode": "tozero", "tickformat": ",d"}
    if max([v for v in values if v is not None] or [0]) <= 10:
        axis["dtick"] = 1
    return axis


def _territory_bars(stats: PipelineStatistics, attribute: str, *, as_float: bool = False) -> list:
    territories = [row for row in stats.totals if row.key != NETWORK]
    bars = []
    for i, row in enumerate(territories):
        values = stats.series(row.key, attribute)
        bars.append(
            {
                "type": "bar",
                "name": row.name,
                "x": stats.years,
                "y": [float(v) for v in values] if as_float else values,
                "marker": {"color": PALETTE[i % len(PALETTE)]},
            }
        )
    return bars


def relations_chart(stats: PipelineStatistics) -> dict:
    """Relations established per year, per territory (bars) and for the network (line)."""
    network = {
        "type": "scatter",
        "mode": "lines+markers",
        "name": _("Network (each relation once)"),
        "x": stats.years,
        "y": stats.series(NETWORK, "relations"),
        "line": {"color": NETWORK_COLOUR},
    }
    bars = _territory_bars(stats, "relations")
    return {
        "data": [*bars, network],
        "layout": chart_layout(
            _("Relations established per year"),
            barmode="group",
            bargap=0.3,
            yaxis=_count_axis(_("relations"), [v for bar in bars for v in bar["y"]]),
        ),
    }


def applications_chart(stats: PipelineStatistics) -> dict:
    """The network's applications, decisions and success rate per year."""
    rates = [
        None if r is None else round(100 * r, 1) for r in stats.series(NETWORK, "success_rate")
    ]
    return {
        "data": [
            {
                "type": "bar",
                "name": _("Applications submitted"),
                "x": stats.years,
                "y": stats.series(NETWORK, "applications"),
                "marker": {"color": "#3b6ea5"},
            },
            {
                "type": "bar",
                "name": _("Funded"),
                "x": stats.years,
                "y": stats.series(NETWORK, "funded"),
                "marker": {"color": FUNDED_COLOUR},
            },
            {
                "type": "bar",
                "name": _("Rejected"),
                "x": stats.years,
                "y": stats.series(NETWORK, "rejected"),
                "marker": {"color": REJECTED_COLOUR},
            },
            {
                "type": "scatter",
                "mode": "lines+markers",
                "name": _("Success rate (%)"),
                "x": stats.years,
                "y": rates,
                "yaxis": "y2",
                "line": {"color": NETWORK_COLOUR, "dash": "dot"},
                "connectgaps": False,
            },
        ],
        "layout": chart_layout(
            _("Applications and decisions per year (network)"),
            barmode="group",
            bargap=0.3,
            yaxis=_count_axis(_("applications"), stats.series(NETWORK, "applications")),
            yaxis2={
                "title": _("success rate (%)"),
                "overlaying": "y",
                "side": "right",
                "range": [0, 105],
                "showgrid": False,
            },
        ),
    }


def funding_chart(stats: PipelineStatistics) -> dict:
    """Funding won per year, per territory (bars) and for the network (line)."""
    network = {
        "type": "scatter",
        "mode": "lines+markers",
        "name": _("Network (each project once)"),
        "x": stats.years,
        "y": [float(v) for v in stats.series(NETWORK, "funding_won")],
        "line": {"color": NETWORK_COLOUR},
    }
    return {
        "data": [*_territory_bars(stats, "funding_won", as_float=True), network],
        "layout": chart_layout(
            _("Funding won per year (EUR)"),
            barmode="group",
            bargap=0.3,
            yaxis={"title": "EUR", "rangemode": "tozero"},
        ),
    }
