"""The public pages over all collaborations: statistics per territory and the network graph.

Both are open to everyone and show counts and structure only, never a collaboration's title or
text. Tables download as CSV (``?format=csv``) or XLSX (``?format=xlsx``).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any
from urllib.parse import urlencode

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from clusterdialogue.collaboration import charts_pipeline as charts
from clusterdialogue.collaboration import exports_pipeline as exports
from clusterdialogue.collaboration.forms_pipeline import NetworkFilterForm, StatisticsFilterForm
from clusterdialogue.collaboration.models import Collaboration
from clusterdialogue.collaboration.permissions_pipeline import user_can_create_collaboration
from clusterdialogue.collaboration.selectors_pipeline import collaboration_years, network_for
from clusterdialogue.collaboration.selectors_statistics import (
    NETWORK,
    PipelineStatistics,
    pipeline_facts,
    pipeline_statistics,
)
from clusterdialogue.collaboration.services.network_graph import (
    NetworkGraph,
    network_relations_build,
)
from clusterdialogue.regions.models import Network

EXPORT_FORMATS = ("csv", "xlsx")


@dataclass(frozen=True)
class PipelineOptions:
    """What the statistics and the graph are computed for (from the pages' and API's query)."""

    network: Network | None
    kind: str | None = None
    include_examples: bool = False
    until: int | None = None

    @classmethod
    def from_form(cls, form: StatisticsFilterForm) -> PipelineOptions:
        data = form.cleaned_data if form.is_valid() else {}
        return cls(
            network=network_for(data["network"].slug if data.get("network") else None),
            kind=data.get("kind") or None,
            include_examples=bool(data.get("examples")),
            until=data.get("until"),
        )

    @property
    def slug(self) -> str:
        return self.network.slug if self.network else "all"


def statistics_for(options: PipelineOptions) -> tuple[list, PipelineStatistics]:
    """The facts counted and the statistics per territory of the options' network."""
    network = options.network
    territories = (
        [(f"t{t.pk}", t.name) for t in network.territories.order_by("name")] if network else []
    )
    facts = pipeline_facts(
        network=network, include_examples=options.include_examples, kind=options.kind
    )
    stats = pipeline_statistics(facts, territories, network_name=network.name if network else "")
    return facts, stats


def graph_for(options: PipelineOptions, *, user: Any) -> NetworkGraph:
    """The network of relations for the options, as ``user`` may see it."""
    return network_relations_build(
        user=user,
        network=options.network,
        include_examples=options.include_examples,
        kind=options.kind,
        until_year=options.until,
    )


def _download(request: HttpRequest, stem: str, tables: list) -> HttpResponse | None:
    kind = request.GET.get("format")
    if kind not in EXPORT_FORMATS:
        return None
    writer = exports.tables_csv if kind == "csv" else exports.tables_xlsx
    return writer(f"{stem}.{kind}", tables)


def _query_without_format(request: HttpRequest) -> str:
    return urlencode([(k, v) for k, v in request.GET.items() if k != "format"])


def _statistics_charts(stats) -> dict:
    """The charts that have something to show (an all-zero chart says less than a sentence)."""
    total = stats.network_total
    shown = {
        "relations": (total.relations, charts.relations_chart),
        "applications": (
            total.applications + total.funded + total.rejected,
            charts.applications_chart,
        ),
        "funding": (total.funding_won, charts.funding_chart),
    }
    return {name: chart(stats) for name, (amount, chart) in shown.items() if amount}


@require_GET
def pipeline_statistics_page(request: HttpRequest) -> HttpResponse:
    """Relations, applications, success rate and funding won per territory, year by year."""
    form = StatisticsFilterForm(request.GET or None)
    options = PipelineOptions.from_form(form)
    network = options.network
    facts, stats = statistics_for(options)
    download = _download(
        request, f"collaboration-statistics-{options.slug}", exports.statistics_tables(stats)
    )
    if download is not None:
        return download
    has_data = bool(stats.years)
    context = {
        "form": form,
        "network": network,
        "stats": stats,
        "network_row": stats.network_total,
        "territory_rows": [row for row in stats.totals if row.key != NETWORK],
        "by_year": stats.by_year,
        "has_data": has_data,
        "followed": len(facts),
        "examples_left_out": (
            0 if options.include_examples else Collaboration.objects.filter(is_example=True).count()
        ),
        "charts": _statistics_charts(stats),
        "query": _query_without_format(request),
        "can_create": user_can_create_collaboration(request.user),
        "tab": "statistics",
    }
    return render(request, "collaboration/pipeline/statistics.html", context)


@require_GET
def network_page(request: HttpRequest) -> HttpResponse:
    """The clusters and their relations, with brokers, components, density over time."""
    years = sorted(collaboration_years())
    form = NetworkFilterForm(request.GET or None, years=years)
    options = PipelineOptions.from_form(form)
    graph = graph_for(options, user=request.user)
    download = _download(
        request, f"collaboration-network-{options.slug}", exports.network_tables(graph)
    )
    if download is not None:
        return download
    names = {n.key: n for n in graph.nodes}
    context = {
        "form": form,
        "network": options.network,
        "graph": graph,
        "metrics": graph.metrics,
        "brokers": [(names[key], value, degree) for key, value, degree in graph.metrics.brokers],
        "components": [len(c) for c in graph.metrics.components if len(c) > 1],
        "network_chart": charts.network_chart(graph),
        "density_chart": charts.density_chart(graph) if graph.density_by_year else None,
        "query": _query_without_format(request),
        "can_create": user_can_create_collaboration(request.user),
        "tab": "network",
        "cross_share": (
            None
            if graph.metrics.cross_territory_share is None
            else round(100 * graph.metrics.cross_territory_share, 1)
        ),
        "density_percent": round(100 * graph.metrics.density, 2),
        "no_links_text": _("No relation has been established yet."),
    }
    return render(request, "collaboration/network/network.html", context)
