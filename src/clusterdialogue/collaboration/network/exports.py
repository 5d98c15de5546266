"""Downloads of the network metrics, as CSV or XLSX (structure only, no collaboration's text)."""

from __future__ import annotations

from clusterdialogue.collaboration.network.selectors import (
    NetworkGraph,
)
from clusterdialogue.collaboration.pipeline.exports import Table


def network_tables(graph: NetworkGraph) -> list[Table]:
    """Clusters with their metrics, links with weight and first year, density per year."""
    names = {n.key: n.name for n in graph.nodes}
    return [
        (
            "clusters",
            ["cluster", "territory", "partners", "betweenness", "collaborations", "profile"],
            [
                [n.name, n.territory, n.degree, n.betweenness, n.collaborations, n.url]
                for n in sorted(graph.nodes, key=lambda n: (-n.betweenness, -n.degree, n.name))
            ],
        ),
        (
            "links",
            ["cluster_a", "cluster_b", "collaborations", "first_year", "cross_territory"],
            [
                [names[e.source], names[e.target], e.weight, e.first_year, e.cross_territory]
                for e in graph.edges
            ],
        ),
        (
            "density",
            ["year", "links", "density"],
            [list(entry) for entry in graph.density_by_year],
        ),
    ]
