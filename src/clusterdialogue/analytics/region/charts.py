"""Plotly figure specifications (plain dicts) for the analytics pages, drawn by charts.js."""

from __future__ import annotations

import math

import pandas as pd
from django.utils.translation import gettext as _

from clusterdialogue.core.industry_space import IndustrySpace
from clusterdialogue.portal.charts import NETWORK_COLOUR, OTHER_COLOUR, PALETTE

OPPORTUNITY_COLOUR = "#2ca02c"
LINK_COLOUR = "#c8ced6"
QUADRANT_COLOURS = {
    "low risk, high reward": "#2ca02c",
    "high risk, high reward": "#1f77b4",
    "low risk, low reward": "#ff7f0e",
    "high risk, low reward": "#7f8c8d",
}
TOP_OPPORTUNITIES = 10


def _layout(title: str, **extra) -> dict:
    return {
        "title": {"text": title, "font": {"size": 15}},
        "margin": {"l": 60, "r": 20, "t": 50, "b": 60},
        "template": "plotly_white",
        "legend": {"orientation": "h", "y": -0.12},
        **extra,
    }


def _fmt(value, digits: int = 2, sign: bool = False) -> str:
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return "–"
    return f"{value:+.{digits}f}" if sign else f"{value:.{digits}f}"


def industry_space_chart(
    *, space: IndustrySpace, profile: pd.DataFrame, opportunities: pd.DataFrame, region: str
) -> dict:
    """The industry space with the region's specialisations and best opportunities coloured.

    Node size grows with the region's employment in the industry (square root).
    """
    rows = {
        row["category"]: row
        for row in profile.astype(object).where(profile.notna(), None).to_dict("records")
    }
    positions = {
        code: (round(float(x), 4), round(float(y), 4))
        for code, x, y in space.positions.itertuples()
    }
    best = set(opportunities["category"].head(TOP_OPPORTUNITIES))
    link_x: list = []
    link_y: list = []
    for a, b, _phi in space.links:
        link_x += [positions[a][0], positions[b][0], None]
        link_y += [positions[a][1], positions[b][1], None]
    largest = max([float(row["employment"] or 0) for row in rows.values()] + [1.0])
    groups = {
        "specialised": (_("Specialised (RCA ≥ 1)"), NETWORK_COLOUR, []),
        "opportunity": (
            _("Top %(n)d opportunities") % {"n": TOP_OPPORTUNITIES},
            OPPORTUNITY_COLOUR,
            [],
        ),
        "other": (_("Other industries"), "#b8c0c8", []),
    }
    for code in positions:
        row = rows[code]
        group = "specialised" if row["specialised"] else "opportunity" if code in best else "other"
        groups[group][2].append(code)
    traces = [
        {
            "type": "scatter",
            "mode": "lines",
            "x": link_x,
            "y": link_y,
            "line": {"color": LINK_COLOUR, "width": 1},
            "hoverinfo": "skip",
            "showlegend": False,
        }
    ]
    for key, (label, colour, codes) in groups.items():
        traces.append(
            {
                "type": "scatter",
                "mode": "markers+text",
                "name": label,
                "x": [positions[c][0] for c in codes],
                "y": [positions[c][1] for c in codes],
                "text": codes,
                "textposition": "top center",
                "textfont": {
                    "size": 9 if key == "other" else 10,
                    "color": "#8a949e" if key == "other" else "#333",
                },
                "hovertext": [
                    f"<b>{c}</b> {rows[c]['name']}<br>RCA {_fmt(rows[c]['rca'])} · "
                    f"{_('density')} {_fmt(rows[c]['density'], 3)} · PCI "
                    f"{_fmt(rows[c]['pci'], sign=True)}"
                    for c in codes
                ],
                "hoverinfo": "text",
                "marker": {
                    "color": colour,
                    "size": [
                        round(7 + 18 * math.sqrt(float(rows[c]["employment"] or 0) / largest), 1)
                        for c in codes
                    ],
                    "line": {"color": "#fff", "width": 1},
                },
            }
        )
    hidden = {"visible": False, "showgrid": False, "zeroline": False}
    return {
        "data": traces,
        "layout": _layout(
            _("Industry space: industries linked by relatedness, %(region)s highlighted")
            % {"region": region},
            height=600,
            hovermode="closest",
            xaxis=hidden,
            yaxis=hidden,
        ),
    }


def opportunities_chart(opportunities: pd.DataFrame) -> dict:
    """Relatedness density (risk) against complexity (reward), quadrant lines at the medians."""
    traces = []
    for quadrant, colour in QUADRANT_COLOURS.items():
        part = opportunities[opportunities["quadrant"] == quadrant]
        traces.append(
            {
                "type": "scatter",
                "mode": "markers+text",
                "name": quadrant,
                "x": [round(v, 4) for v in part["density"]],
                "y": [round(v, 4) for v in part["pci"]],
                "text": part["category"].tolist(),
                "textposition": "top center",
                "textfont": {"size": 10},
                "hovertext": [
                    f"#{r.rank} <b>{r.category}</b> {r.name}<br>{_('density')} {r.density:.3f} · "
                    f"PCI {r.pci:+.2f} · {_('score')} {r.score:.2f}"
                    for r in part.itertuples()
                ],
                "hoverinfo": "text",
                "marker": {"color": colour, "size": 9},
            }
        )
    shapes = []
    if len(opportunities):
        line = {"dash": "dot", "color": "#555", "width": 1}
        x0 = float(opportunities["density"].median())
        y0 = float(opportunities["pci"].median())
        shapes = [
            {"type": "line", "xref": "x", "yref": "paper", "x0": x0, "x1": x0, "y0": 0, "y1": 1,
             "line": line},
            {"type": "line", "xref": "paper", "yref": "y", "x0": 0, "x1": 1, "y0": y0, "y1": y0,
             "line": line},
        ]  # fmt: skip
    return {
        "data": traces,
        "layout": _layout(
            _("Diversification opportunities: risk and reward"),
            height=560,
            hovermode="closest",
            shapes=shapes,
            xaxis={"title": {"text": _("Relatedness density (higher = lower risk)")}},
            yaxis={"title": {"text": _("Complexity, PCI (higher = higher reward)")}},
        ),
    }


def eci_history_chart(lines: list[dict]) -> dict:
    """ECI per year: the region in the network colour, each territory in its own."""
    traces = []
    colours = iter(PALETTE * 3)
    for line in lines:
        label = f"{line['label']} ({line['code']}, NUTS {line['level']})"
        traces.append(
            {
                "type": "scatter",
                "mode": "lines+markers",
                "name": label,
                "x": line["years"],
                "y": line["eci"],
                "line": {
                    "color": NETWORK_COLOUR if line["is_region"] else next(colours),
                    "width": 4 if line["is_region"] else 2,
                },
                "hovertemplate": f"{label}<br>%{{x}}: ECI %{{y:.2f}}<extra></extra>",
            }
        )
    return {
        "data": traces,
        "layout": _layout(
            _("Economic complexity index over the years"),
            height=460,
            xaxis={"dtick": 1, "title": {"text": _("Year")}},
            yaxis={"title": {"text": _("ECI (standard deviations from the level's mean)")}},
            legend={"orientation": "h", "y": -0.2},
            margin={"l": 60, "r": 20, "t": 50, "b": 100},
        ),
    }


def dynamics_chart(by_decile: pd.DataFrame, *, start: int, end: int) -> dict:
    """Share of candidates that gained an advantage, by decile of start-year density."""
    labels = [
        f"{int(r.decile)} ({r.density_from:.2f}–{r.density_to:.2f})" for r in by_decile.itertuples()
    ]
    return {
        "data": [
            {
                "type": "bar",
                "x": labels,
                "y": [round(100 * v, 2) for v in by_decile["entry_rate"]],
                "customdata": by_decile[["entries", "candidates"]].to_numpy().tolist(),
                "hovertemplate": "%{x}: %{y:.1f} % (%{customdata[0]} / %{customdata[1]})"
                "<extra></extra>",
                "marker": {"color": OTHER_COLOUR},
            }
        ],
        "layout": _layout(
            _("Entry rate by relatedness density decile, %(start)d–%(end)d")
            % {"start": start, "end": end},
            height=420,
            xaxis={
                "title": {"text": _("Decile of relatedness density in %(year)d") % {"year": start}}
            },
            yaxis={"title": {"text": _("Gained an advantage (%)")}},
            margin={"l": 60, "r": 20, "t": 50, "b": 80},
        ),
    }
