"""The network API: nodes (clusters), edges (pairs of partners) and metrics (public)."""

from __future__ import annotations

from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import viewsets
from rest_framework.permissions import AllowAny
from rest_framework.request import Request
from rest_framework.response import Response

from clusterdialogue.collaboration.network.forms import NetworkFilterForm
from clusterdialogue.collaboration.network.selectors import NetworkGraph, graph_for
from clusterdialogue.collaboration.pipeline.api.views import OPTION_PARAMETERS, filter_form_valid
from clusterdialogue.collaboration.pipeline.selectors import PipelineOptions, collaboration_years


class CollaborationNetworkViewSet(viewsets.ViewSet):
    """The network of relations: nodes (clusters), edges (pairs of partners) and metrics."""

    permission_classes = [AllowAny]

    @extend_schema(
        parameters=[
            *OPTION_PARAMETERS,
            OpenApiParameter("until", int, description="Only links made until this year"),
        ],
        responses=OpenApiTypes.OBJECT,
    )
    def list(self, request: Request) -> Response:
        form = NetworkFilterForm(request.query_params or None, years=collaboration_years())
        options = PipelineOptions.from_form(filter_form_valid(form))
        graph = graph_for(options=options, user=request.user)
        network = options.network
        return Response({"network": network.slug if network else None, **network_graph_data(graph)})


def network_graph_data(graph: NetworkGraph) -> dict:
    """The graph as JSON: nodes, links, metrics and density per year (structure only)."""
    metrics = graph.metrics
    return {
        "nodes": [
            {
                "id": n.key,
                "name": n.name,
                "territory": n.territory,
                "profile": n.url or None,
                "degree": n.degree,
                "betweenness": n.betweenness,
                "collaborations": n.collaborations,
                "x": n.x,
                "y": n.y,
            }
            for n in graph.nodes
        ],
        "edges": [
            {
                "source": e.source,
                "target": e.target,
                "collaborations": e.weight,
                "first_year": e.first_year,
                "cross_territory": e.cross_territory,
            }
            for e in graph.edges
        ],
        "metrics": {
            "nodes": metrics.node_count,
            "edges": metrics.edge_count,
            "density": round(metrics.density, 6),
            "components": metrics.component_count,
            "largest_component": metrics.largest_component,
            "isolated": metrics.isolated_count,
            "cross_territory_share": metrics.cross_territory_share,
            "brokers": [
                {"id": key, "betweenness": value, "degree": degree}
                for key, value, degree in metrics.brokers
            ],
        },
        "density_by_year": [
            {"year": year, "links": links, "density": density}
            for year, links, density in graph.density_by_year
        ],
    }
