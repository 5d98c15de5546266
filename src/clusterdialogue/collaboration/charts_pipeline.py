"""Plotly figure specifications (plain dicts) for the pipeline statistics and the network graph.

Drawn in the page by ``portal/charts.js``; the network graph's clicks are handled by
``collaboration/network.js`` (a node's ``customdata`` is its profile address).
"""

from __future__ import annotations

import math

from django.utils.translation import gettext as _

from clusterdialogue.collaboration.selectors_statistics import NETWORK, PipelineStatistics
from clusterdialogue.collaboration.services.network_graph import PALETTE, GraphNode, NetworkGraph

NETWORK_COLOUR = "#1d2b3a"
FUNDED_COLOUR = "#2ca02c"
REJECTED_COLOUR = "#d62728"
LINK_COLOUR = "#9aa5b1"


def _layout(title: str, **extra) -> dict:
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
        "layout": _layout(
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
        "layout": _layout(
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
        "layout": _layout(
            _("Funding won per year (EUR)"),
            barmode="group",
            bargap=0.3,
            yaxis={"title": "EUR", "rangemode": "tozero"},
        ),
    }


def _node_hover(node: GraphNode) -> str:
    text = _("%(name)s<br>%(territory)s<br>partners: %(degree)s · betweenness: %(b)s") % {
        "name": node.name,
        "territory": node.territory,
        "degree": node.degree,
        "b": f"{node.betweenness:.3f}",
    }
    return text + ("<br>" + _("click to open the profile") if node.url else "")


def network_chart(graph: NetworkGraph) -> dict:
    """The clusters as dots coloured by territory and sized by degree, joined by their links."""
    position = {n.key: (n.x, n.y) for n in graph.nodes}
    names = {n.key: n.name for n in graph.nodes}
    line_x: list = []
    line_y: list = []
    for edge in graph.edges:
        (x0, y0), (x1, y1) = position[edge.source], position[edge.target]
        line_x += [x0, x1, None]
        line_y += [y0, y1, None]
    data: list[dict] = [
        {
            "type": "scatter",
            "mode": "lines",
            "x": line_x,
            "y": line_y,
            "line": {"color": LINK_COLOUR, "width": 1.5},
            "hoverinfo": "skip",
            "showlegend": False,
        },
        {
            # Invisible points in the middle of the links carry their hover text.
            "type": "scatter",
            "mode": "markers",
            "x": [(position[e.source][0] + position[e.target][0]) / 2 for e in graph.edges],
            "y": [(position[e.source][1] + position[e.target][1]) / 2 for e in graph.edges],
            "marker": {"size": 6, "color": LINK_COLOUR, "opacity": 0.35},
            "hovertext": [
                _("%(a)s – %(b)s: %(n)s collaboration(s), since %(year)s")
                % {"a": names[e.source], "b": names[e.target], "n": e.weight, "year": e.first_year}
                for e in graph.edges
            ],
            "hoverinfo": "text",
            "showlegend": False,
        },
    ]
    for territory, colour in graph.territories:
        members = [n for n in graph.nodes if n.territory == territory]
        if not members:
            continue
        data.append(
            {
                "type": "scatter",
                "mode": "markers",
                "name": territory,
                "x": [n.x for n in members],
                "y": [n.y for n in members],
                "customdata": [n.url for n in members],
                "hovertext": [_node_hover(n) for n in members],
                "hoverinfo": "text",
                "marker": {
                    "color": colour,
                    "size": [round(11 + 8 * math.sqrt(n.degree), 1) for n in members],
                    "line": {"color": "#ffffff", "width": 1},
                },
            }
        )
    hidden_axis = {"visible": False, "showgrid": False, "zeroline": False}
    return {
        "data": data,
        "layout": {
            "title": {"text": _("Clusters and their relations"), "font": {"size": 15}},
            "template": "plotly_white",
            "margin": {"l": 10, "r": 10, "t": 50, "b": 10},
            "height": 620,
            "hovermode": "closest",
            "legend": {"orientation": "h", "y": -0.02},
            "xaxis": hidden_axis,
            "yaxis": {**hidden_axis, "scaleanchor": "x"},
        },
    }


def density_chart(graph: NetworkGraph) -> dict:
    """Density of the network at the end of each year (links made so far over links possible)."""
    years = [year for year, _links, _density in graph.density_by_year]
    return {
        "data": [
            {
                "type": "scatter",
                "mode": "lines+markers",
                "name": _("Density"),
                "x": years,
                "y": [round(100 * d, 2) for _year, _links, d in graph.density_by_year],
                "customdata": [links for _year, links, _d in graph.density_by_year],
                "hovertemplate": _("%{x}: %{y}% of possible links (%{customdata} links)")
                + "<extra></extra>",
                "line": {"color": NETWORK_COLOUR},
            }
        ],
        "layout": _layout(
            _("Density over time (cumulative)"),
            yaxis={"title": _("% of possible links"), "rangemode": "tozero"},
            showlegend=False,
        ),
    }
