"""The public statistics page of the pipeline: relations, applications, success rate, funding.

Counts only, never a collaboration's title or text. Tables download as CSV (``?format=csv``)
or XLSX (``?format=xlsx``).
"""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET

from clusterdialogue.collaboration.models import Collaboration
from clusterdialogue.collaboration.pipeline import charts, exports
from clusterdialogue.collaboration.pipeline.exports import export_download, query_without_format
from clusterdialogue.collaboration.pipeline.forms import StatisticsFilterForm
from clusterdialogue.collaboration.pipeline.selectors import (
    NETWORK,
    PipelineOptions,
    statistics_for,
)
from clusterdialogue.common.permissions import can


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
    facts, stats = statistics_for(options=options)
    download = export_download(
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
        "query": query_without_format(request),
        "can_create": can(request.user, "pipeline.create"),
        "tab": "statistics",
    }
    return render(request, "collaboration/pipeline/statistics.html", context)
