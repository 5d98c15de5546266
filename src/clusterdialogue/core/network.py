"""Metrics of a network of relations between clusters, as pure functions over edge lists.

Nodes are any hashable identifiers (cluster slugs on the platform); an edge is a pair of nodes,
and a *dated* edge a triple ``(a, b, year)``. Several collaborations between the same two
clusters make one link: :func:`simple_edges` drops repeats (in either direction) and self-loops,
and every metric works on that simple, undirected graph. Nodes without any link count: they are
clusters that could be linked and are not, which is what density measures.

The graph algorithms are networkx's (betweenness: Brandes' algorithm; components: breadth-first
search); this module states which graph they run on and adds what the platform asks about a
network of regions: the share of links that cross territories, and density over time.
"""

from __future__ import annotations

from collections.abc import Hashable, Iterable, Mapping
from dataclasses import dataclass, field

import networkx as nx

__all__ = [
    "NetworkMetrics",
    "brokers",
    "connected_components",
    "cross_territory_share",
    "density",
    "density_by_year",
    "network_graph",
    "network_metrics",
    "node_betweenness",
    "node_degrees",
    "simple_edges",
]

Node = Hashable
Edge = tuple[Node, Node]


def _key(node: Node) -> tuple[str, str]:
    # Nodes of mixed types still sort (by type name, then text), so results are reproducible.
    return (type(node).__name__, str(node))


def simple_edges(edges: Iterable[Edge]) -> list[Edge]:
    """The distinct links among ``edges``: each pair once, in a fixed order; no self-loops.

    Examples
    --------
    >>> simple_edges([("b", "a"), ("a", "b"), ("a", "a"), ("c", "a")])
    [('a', 'b'), ('a', 'c')]
    """
    pairs = set()
    for a, b in edges:
        if a == b:
            continue
        pairs.add((a, b) if _key(a) <= _key(b) else (b, a))
    return sorted(pairs, key=lambda pair: (_key(pair[0]), _key(pair[1])))


def network_graph(nodes: Iterable[Node], edges: Iterable[Edge]) -> nx.Graph:
    """The simple undirected graph of ``nodes`` and ``edges`` (ends of edges are added too)."""
    graph = nx.Graph()
    graph.add_nodes_from(sorted(set(nodes), key=_key))
    graph.add_edges_from(simple_edges(edges))
    return graph


def node_degrees(nodes: Iterable[Node], edges: Iterable[Edge]) -> dict[Node, int]:
    """How many distinct partners each node has (0 for a node without links).

    Examples
    --------
    >>> node_degrees(["a", "b", "c", "d"], [("a", "b"), ("b", "a"), ("a", "c")])
    {'a': 2, 'b': 1, 'c': 1, 'd': 0}
    """
    return dict(network_graph(nodes, edges).degree())


def node_betweenness(
    nodes: Iterable[Node], edges: Iterable[Edge], *, normalized: bool = True
) -> dict[Node, float]:
    """Betweenness centrality: the share of shortest paths between other nodes through a node.

    A high value marks a *broker*: a cluster through which otherwise distant clusters are
    connected. Normalised by ``(n - 1)(n - 2) / 2``, the number of pairs of other nodes.

    Examples
    --------
    The centre of a star lies on every path between two leaves:

    >>> node_betweenness(["hub", "x", "y", "z"], [("hub", "x"), ("hub", "y"), ("hub", "z")])
    {'hub': 1.0, 'x': 0.0, 'y': 0.0, 'z': 0.0}
    """
    graph = network_graph(nodes, edges)
    return dict(nx.betweenness_centrality(graph, normalized=normalized))


def brokers(
    nodes: Iterable[Node], edges: Iterable[Edge], *, top: int = 10
) -> list[tuple[Node, float, int]]:
    """The ``top`` nodes by betweenness, as ``(node, betweenness, degree)``; ties by degree.

    Nodes with a betweenness of zero broker nothing and are left out.

    Examples
    --------
    >>> brokers("abcd", [("a", "b"), ("b", "c"), ("c", "d")])
    [('b', 0.6667, 2), ('c', 0.6667, 2)]
    """
    graph = network_graph(nodes, edges)
    return _brokers(graph, nx.betweenness_centrality(graph, normalized=True), top)


def _brokers(graph: nx.Graph, betweenness: dict, top: int) -> list[tuple[Node, float, int]]:
    ranked = sorted(
        (node for node, value in betweenness.items() if value > 0),
        key=lambda node: (-betweenness[node], -graph.degree(node), _key(node)),
    )
    return [(node, round(betweenness[node], 4), graph.degree(node)) for node in ranked[:top]]


def connected_components(nodes: Iterable[Node], edges: Iterable[Edge]) -> list[set[Node]]:
    """Groups of nodes linked directly or through others, largest first (isolated nodes alone).

    Examples
    --------
    >>> [sorted(c) for c in connected_components("abcdef", [("a", "b"), ("c", "d"), ("d", "e")])]
    [['c', 'd', 'e'], ['a', 'b'], ['f']]
    """
    return _components(network_graph(nodes, edges))


def _components(graph: nx.Graph) -> list[set[Node]]:
    components = [set(c) for c in nx.connected_components(graph)]
    return sorted(components, key=lambda c: (-len(c), min(_key(n) for n in c)))


def cross_territory_share(
    edges: Iterable[Edge], territory_of: Mapping[Node, Hashable | None]
) -> float | None:
    """The share of links whose two ends lie in different territories.

    A node missing from ``territory_of`` or mapped to ``None`` has an unknown territory; its
    links are left out of the count. ``None`` when no link has both territories known.

    Examples
    --------
    >>> cross_territory_share([("a", "b"), ("a", "c"), ("c", "d")],
    ...                       {"a": "North", "b": "North", "c": "South", "d": None})
    0.5
    """
    known = cross = 0
    for a, b in simple_edges(edges):
        ta, tb = territory_of.get(a), territory_of.get(b)
        if ta is None or tb is None:
            continue
        known += 1
        cross += ta != tb
    return cross / known if known else None


def density(node_count: int, edge_count: int) -> float:
    """Links present over links possible, ``2m / (n (n - 1))``; 0 with fewer than two nodes.

    Examples
    --------
    >>> density(4, 3)
    0.5
    >>> density(1, 0)
    0.0
    """
    if node_count < 2:
        return 0.0
    if edge_count < 0 or edge_count > node_count * (node_count - 1) // 2:
        raise ValueError(
            f"{edge_count} links cannot exist between {node_count} nodes "
            f"(at most {node_count * (node_count - 1) // 2})"
        )
    return 2 * edge_count / (node_count * (node_count - 1))


def density_by_year(
    nodes: Iterable[Node],
    dated_edges: Iterable[tuple[Node, Node, int]],
    *,
    years: Iterable[int] | None = None,
) -> list[tuple[int, int, float]]:
    """Cumulative density at the end of each year: ``(year, links so far, density)``.

    A link counts from the first year any of its dated edges carries. The node set is fixed
    (``nodes`` plus the ends of every edge), so the curve shows links being made between the
    same clusters. ``years`` defaults to every year from the first link to the last.

    Examples
    --------
    >>> density_by_year("abcd", [("a", "b", 2021), ("b", "a", 2020), ("c", "d", 2022)])
    [(2020, 1, 0.1667), (2021, 1, 0.1667), (2022, 2, 0.3333)]
    """
    dated = list(dated_edges)
    first: dict[Edge, int] = {}
    for a, b, year in dated:
        for pair in simple_edges([(a, b)]):
            first[pair] = min(year, first.get(pair, year))
    node_count = network_graph(nodes, [(a, b) for a, b, _year in dated]).number_of_nodes()
    if years is None:
        years = range(min(first.values()), max(first.values()) + 1) if first else []
    result = []
    for year in sorted(set(years)):
        links = sum(1 for start in first.values() if start <= year)
        result.append((year, links, round(density(node_count, links), 4)))
    return result


@dataclass(frozen=True)
class NetworkMetrics:
    """The summary figures of one network of relations."""

    node_count: int
    edge_count: int
    density: float
    component_count: int
    largest_component: int
    isolated_count: int
    cross_territory_share: float | None
    degrees: dict = field(default_factory=dict)
    betweenness: dict = field(default_factory=dict)
    brokers: list = field(default_factory=list)
    components: list = field(default_factory=list)


def network_metrics(
    nodes: Iterable[Node],
    edges: Iterable[Edge],
    territory_of: Mapping[Node, Hashable | None] | None = None,
    *,
    top_brokers: int = 10,
) -> NetworkMetrics:
    """Every metric of the network at once (the graph is built once).

    Examples
    --------
    >>> m = network_metrics("abcd", [("a", "b"), ("b", "c")], {"a": 1, "b": 1, "c": 2, "d": 2})
    >>> (m.node_count, m.edge_count, round(m.density, 4), m.component_count, m.isolated_count)
    (4, 2, 0.3333, 2, 1)
    >>> m.cross_territory_share, m.brokers
    (0.5, [('b', 0.3333, 2)])
    """
    edges = simple_edges(edges)
    graph = network_graph(nodes, edges)
    degrees = dict(graph.degree())
    betweenness = nx.betweenness_centrality(graph, normalized=True)
    components = _components(graph)
    return NetworkMetrics(
        node_count=graph.number_of_nodes(),
        edge_count=graph.number_of_edges(),
        density=density(graph.number_of_nodes(), graph.number_of_edges()),
        component_count=len(components),
        largest_component=len(components[0]) if components else 0,
        isolated_count=sum(1 for d in degrees.values() if d == 0),
        cross_territory_share=cross_territory_share(edges, territory_of or {}),
        degrees=degrees,
        betweenness=betweenness,
        brokers=_brokers(graph, betweenness, top_brokers),
        components=components,
    )
