"""Tables and Plotly figure specifications for the portal pages (plain dicts, drawn in the page)."""

from __future__ import annotations

from collections.abc import Sequence

from django.utils.translation import get_language
from django.utils.translation import gettext as _

from clusterdialogue.regions.models import Region, Territory
from clusterdialogue.statistics.models import Industry, MappingResult
from clusterdialogue.statistics.selectors import region_data_codes

NETWORK_COLOUR = "#c0392b"
OTHER_COLOUR = "#7f8c8d"
PALETTE = ["#1f77b4", "#ff7f0e", "#2ca02c", "#d62728", "#9467bd", "#8c564b"]


def _layout(title: str, **extra) -> dict:
    return {
        "title": {"text": title, "font": {"size": 15}},
        # Category and region codes label the x axes: a narrow bottom margin suffices.
        "margin": {"l": 60, "r": 20, "t": 50, "b": 60},
        "template": "plotly_white",
        "legend": {"orientation": "h", "y": 1.08},
        **extra,
    }


def profile_chart(results: Sequence[MappingResult], *, names: dict[str, str]) -> dict:
    """The region's employment shares next to the benchmark's, for its largest categories."""
    largest = sorted(results, key=lambda r: r.employment, reverse=True)[:15]
    codes = [r.category.code for r in largest]
    hover = [names.get(code, code) for code in codes]
    return {
        "data": [
            {
                "type": "bar",
                "name": _("Region"),
                "x": codes,
                "y": [round(100 * r.share, 2) for r in largest],
                "hovertext": hover,
                "marker": {"color": NETWORK_COLOUR},
            },
            {
                "type": "bar",
                "name": _("Benchmark (all regions of the same level)"),
                "x": codes,
                "y": [round(100 * r.share / r.lq, 2) if r.lq else None for r in largest],
                "hovertext": hover,
                "marker": {"color": OTHER_COLOUR},
            },
        ],
        "layout": _layout(
            _("Employment profile: share of the region's employment (%)"),
            barmode="group",
            yaxis={"title": "%"},
        ),
    }


def _lq_matrix(
    data_codes: list[str], categories: list[str], *, scheme: str, year: int
) -> dict[tuple[str, str], float]:
    """LQ by (region code, category code).

    Codes are turned into ids first: filtering on the joined code columns made SQLite scan
    every result of the year (30 ms on the full data), the ids use the unique index (0.4 ms).
    """
    regions = dict(Region.objects.filter(code__in=data_codes).values_list("pk", "code"))
    industries = dict(Industry.objects.filter(code__in=categories).values_list("pk", "code"))
    rows = MappingResult.objects.filter(
        scheme=scheme, year=year, region_id__in=list(regions), category_id__in=list(industries)
    ).values_list("region_id", "category_id", "lq")
    return {(regions[region], industries[category]): lq for region, category, lq in rows}


def territory_comparison(
    *, territories: list[Territory], categories: list[Industry], scheme: str, year: int
) -> dict:
    """LQ of the given categories in each network territory (each at its own NUTS level)."""
    data_codes = [
        d.data_code
        for d in region_data_codes(regions=[t.region for t in territories], scheme=scheme)
    ]
    codes = [c.code for c in categories]
    matrix = _lq_matrix(data_codes, codes, scheme=scheme, year=year)
    language = get_language() or "en"
    return {
        "columns": [t.name for t in territories],
        "rows": [
            {
                "code": c.code,
                "name": c.name_in(language),
                "lq": [matrix.get((code, c.code)) for code in data_codes],
            }
            for c in categories
        ],
    }


def comparison_chart(comparison: dict) -> dict:
    return {
        "data": [
            {
                "type": "bar",
                "name": column,
                "x": [row["code"] for row in comparison["rows"]],
                "y": [row["lq"][index] for row in comparison["rows"]],
                "marker": {"color": PALETTE[index % len(PALETTE)]},
            }
            for index, column in enumerate(comparison["columns"])
        ],
        "layout": _layout(
            _("Location quotients in the network's territories"),
            barmode="group",
            yaxis={"title": "LQ"},
            shapes=[
                {
                    "type": "line",
                    "xref": "paper",
                    "x0": 0,
                    "x1": 1,
                    "y0": 1,
                    "y1": 1,
                    "line": {"dash": "dot", "color": "#555"},
                }
            ],
        ),
    }


def comparison_table(*, regions: list[Region], scheme: str, year: int) -> dict:
    """All categories by the chosen regions, LQ in each cell (None when there is no figure)."""
    data_codes = [d.data_code for d in region_data_codes(regions=regions, scheme=scheme)]
    categories = list(Industry.objects.filter(scheme=scheme).order_by("code"))
    matrix = _lq_matrix(data_codes, [c.code for c in categories], scheme=scheme, year=year)
    language = get_language() or "en"
    rows = [
        {
            "code": c.code,
            "name": c.name_in(language),
            "lq": [matrix.get((code, c.code)) for code in data_codes],
        }
        for c in categories
    ]
    return {
        "regions": regions,
        "data_codes": data_codes,
        "rows": [row for row in rows if any(v is not None for v in row["lq"])],
    }


def comparison_heatmap(table: dict) -> dict:
    rows = table["rows"]
    return {
        "data": [
            {
                "type": "heatmap",
                "z": [row["lq"] for row in rows],
                "x": [f"{r.code} {r.name}" for r in table["regions"]],
                "y": [row["code"] for row in rows],
                "text": [[row["name"]] * len(table["regions"]) for row in rows],
                "colorscale": "RdBu",
                "reversescale": True,
                "zmid": 1,
                "zmin": 0,
                "zmax": 3,
                "colorbar": {"title": {"text": "LQ"}},
                "hovertemplate": "%{y} %{text}<br>%{x}: LQ %{z:.2f}<extra></extra>",
            }
        ],
        "layout": _layout(
            _("Specialisation side by side (LQ)"),
            height=max(400, 18 * len(rows) + 150),
            yaxis={"autorange": "reversed", "dtick": 1},
            margin={"l": 60, "r": 20, "t": 50, "b": 150},
        ),
    }


def ranking_chart(results: Sequence[MappingResult], territories: dict[str, Territory]) -> dict:
    """The 30 regions with the highest LQ, network territories in the network colour."""
    top = list(results)[:30]
    return {
        "data": [
            {
                "type": "bar",
                "x": [r.region.code for r in top],
                "y": [round(r.lq, 3) for r in top],
                "hovertext": [r.region.name for r in top],
                "marker": {
                    "color": [
                        NETWORK_COLOUR if r.region.code in territories else OTHER_COLOUR
                        for r in top
                    ]
                },
            }
        ],
        "layout": _layout(_("Regions with the highest location quotient"), yaxis={"title": "LQ"}),
    }
