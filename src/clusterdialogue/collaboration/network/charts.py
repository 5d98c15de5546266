"""Plotly figure specifications (plain dicts) of the network of relations and its density.

Drawn in the page by ``portal/charts.js``; the graph's clicks are handled by
``collaboration/network.js`` (a node's ``customdata`` is its profile address).
"""

from __future__ import annotations

import math

from django.utils.translation import gettext as _

from clusterdialogue.collaboration.network.selectors import GraphNode, NetworkGraph
from clusterdialogue.collaboration.pipeline.charts import LINK_COLOUR, NETWORK_COLOUR, chart_layout


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
        "layout": chart_layout(
            _("Density over time (cumulative)"),
            yaxis={"title": _("% of possible links"), "rangemode": "tozero"},
            showlegend=False,
        ),
    }
