"""The public page of the network of relations between the clusters, with its metrics.

Open to everyone; it shows structure only, never a collaboration's title or
text. Tables download as CSV (``?format=csv``) or XLSX (``?format=xlsx``).
"""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from clusterdialogue.collaboration.network import charts, exports
from clusterdialogue.collaboration.network.forms import NetworkFilterForm
from clusterdialogue.collaboration.network.selectors import graph_for
from clusterdialogue.collaboration.pipeline.exports import export_download, query_without_format
from clusterdialogue.collaboration.pipeline.selectors import (
    PipelineOptions,
    collaboration_years,
)
from clusterdialogue.common.permissions import can


@require_GET
def network_page(request: HttpRequest) -> HttpResponse:
    """The clusters and their relations, with brokers, components, density over time."""
    years = sorted(collaboration_years())
    form = NetworkFilterForm(request.GET or None, years=years)
    options = PipelineOptions.from_form(form)
    graph = graph_for(options=options, user=request.user)
    download = export_download(
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
        "query": query_without_format(request),
        "can_create": can(request.user, "pipeline.create"),
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
