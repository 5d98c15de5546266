"""The network of relations between clusters: nodes, links, metrics, layout and figures.

Nodes are the clusters of the network's territories (public profiles) and every partner of a
relation; a link joins two partners of the same collaboration once the collaboration is
established (moved beyond *identified*, see :mod:`..pipeline.selectors`), whatever its kind,
and counts from the year it was established. Several collaborations between the same two
clusters make one link with a weight. The metrics come from :mod:`clusterdialogue.core.network`
(networkx underneath).

What leaves this module is structure only: cluster names and territories, link weights and
years; never a collaboration's title or text. Profiles the user may not see (not public,
archived) appear as anonymous nodes.
"""

from __future__ import annotations

import itertools
import math
from dataclasses import dataclass, field
from typing import Any

import networkx as nx
from django.utils.translation import gettext as _

from clusterdialogue.clusters.models import ClusterOrganisation
from clusterdialogue.clusters.selectors import cluster_list_public
from clusterdialogue.collaboration.pipeline.selectors import (
    PipelineOptions,
    collaboration_logged_milestones,
    collaborations_counted,
    organisation_territory_key,
    territory_resolver,
)
from clusterdialogue.common.permissions import can
from clusterdialogue.core.network import NetworkMetrics, density_by_year, network_metrics
from clusterdialogue.regions.models import Network

PALETTE = ["#1f77b4", "#ff7f0e", "#2ca02c", "#d62728", "#9467bd", "#8c564b", "#e377c2"]
OUTSIDE_COLOUR = "#7f8c8d"
LAYOUT_SEED = 2024


@dataclass
class GraphNode:
    key: str
    name: str
    url: str
    territory: str
    colour: str
    territory_key: str = ""  # as the statistics compare partners (outside: one per country)
    degree: int = 0
    betweenness: float = 0.0
    collaborations: int = 0
    x: float = 0.0
    y: float = 0.0


@dataclass
class GraphEdge:
    source: str
    target: str
    weight: int
    first_year: int
    cross_territory: bool


@dataclass
class NetworkGraph:
    """The graph as the page and the API show it."""

    nodes: list[GraphNode]
    edges: list[GraphEdge]
    metrics: NetworkMetrics
    density_by_year: list[tuple[int, int, float]]
    territories: list[tuple[str, str]] = field(default_factory=list)  # (name, colour)

    def node(self, key: str) -> GraphNode:
        return next(n for n in self.nodes if n.key == key)


def _node_for(
    organisation: ClusterOrganisation, user: Any, territory_name: str, colour: str, hidden: int
) -> GraphNode:
    if can(user, "clusters.view", organisation):
        return GraphNode(
            organisation.slug,
            organisation.name,
            organisation.get_absolute_url(),
            territory_name,
            colour,
        )
    # A profile this user may not see: its place in the graph, not its name.
    return GraphNode(f"non-public-{hidden}", _("Non-public profile"), "", territory_name, colour)


def network_relations_build(
    *,
    user: Any,
    network: Network | None,
    include_examples: bool = False,
    kind: str | None = None,
    until_year: int | None = None,
) -> NetworkGraph:
    """Build the graph of relations of ``network`` as ``user`` may see it."""
    resolve = territory_resolver(network=network)
    territories = list(network.territories.select_related("region")) if network else []
    colours = {t.pk: PALETTE[i % len(PALETTE)] for i, t in enumerate(territories)}
    collaborations = collaborations_counted(include_examples=include_examples, kind=kind)
    organisations: dict[int, ClusterOrganisation] = {
        o.pk: o for o in cluster_list_public() if resolve(o) is not None
    }
    pairs: dict[tuple[int, int], list[int]] = {}
    counts: dict[int, int] = {}
    for collaboration in collaborations:
        established = collaboration_logged_milestones(collaboration)[0]
        if established is None or (until_year and established.year > until_year):
            continue
        partners = sorted(collaboration.partners.all(), key=lambda p: p.pk)
        for partner in partners:
            organisations.setdefault(partner.pk, partner)
            counts[partner.pk] = counts.get(partner.pk, 0) + 1
        for a, b in itertools.combinations(partners, 2):
            pairs.setdefault((a.pk, b.pk), []).append(established.year)

    nodes: dict[int, GraphNode] = {}
    hidden = 0
    outside = _("Outside the network")
    for pk, organisation in sorted(organisations.items(), key=lambda item: item[1].name.lower()):
        territory = resolve(organisation)
        hidden += not can(user, "clusters.view", organisation)
        nodes[pk] = _node_for(
            organisation,
            user,
            territory.name if territory else outside,
            colours.get(territory.pk, OUTSIDE_COLOUR) if territory else OUTSIDE_COLOUR,
            hidden,
        )
        nodes[pk].collaborations = counts.get(pk, 0)
        nodes[pk].territory_key = organisation_territory_key(organisation, resolve)
    territory_of = {node.key: node.territory_key for node in nodes.values()}
    edges = [
        GraphEdge(
            nodes[a].key,
            nodes[b].key,
            len(years),
            min(years),
            territory_of[nodes[a].key] != territory_of[nodes[b].key],
        )
        for (a, b), years in sorted(pairs.items())
    ]
    keys = [n.key for n in nodes.values()]
    links = [(e.source, e.target) for e in edges]
    metrics = network_metrics(keys, links, territory_of)
    for node in nodes.values():
        node.degree = metrics.degrees.get(node.key, 0)
        node.betweenness = round(metrics.betweenness.get(node.key, 0.0), 4)
    _lay_out(list(nodes.values()), links)
    legend = [(t.name, colours[t.pk]) for t in territories]
    if any(n.colour == OUTSIDE_COLOUR for n in nodes.values()):
        legend.append((outside, OUTSIDE_COLOUR))
    return NetworkGraph(
        nodes=list(nodes.values()),
        edges=edges,
        metrics=metrics,
        density_by_year=density_by_year(keys, [(e.source, e.target, e.first_year) for e in edges]),
        territories=legend,
    )


def _lay_out(nodes: list[GraphNode], links: list[tuple[str, str]]) -> None:
    """Linked clusters by a spring layout in the middle; clusters without links on a ring
    around them, grouped by territory, so an empty network still shows who could connect."""
    graph = nx.Graph(links)
    linked = {n.key for n in nodes if graph.has_node(n.key)}
    if linked:
        positions = nx.spring_layout(graph, seed=LAYOUT_SEED)
        for node in nodes:
            if node.key in positions:
                node.x, node.y = (round(float(v), 4) for v in positions[node.key])
    ring = sorted((n for n in nodes if n.key not in linked), key=lambda n: (n.territory, n.name))
    radius = 1.45 if linked else 1.0
    for i, node in enumerate(ring):
        angle = 2 * math.pi * i / max(len(ring), 1)
        node.x, node.y = round(radius * math.cos(angle), 4), round(radius * math.sin(angle), 4)


def graph_for(*, options: PipelineOptions, user: Any) -> NetworkGraph:
    """The network of relations for the options, as ``user`` may see it."""
    return network_relations_build(
        user=user,
        network=options.network,
        include_examples=options.include_examples,
        kind=options.kind,
        until_year=options.until,
    )
