"""Tests of the network metrics: hand-computed graphs, and networkx on random ones."""

from __future__ import annotations

import networkx as nx
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from clusterdialogue.core.network import (
    brokers,
    connected_components,
    cross_territory_share,
    density,
    density_by_year,
    network_metrics,
    node_betweenness,
    node_degrees,
    simple_edges,
)

PATH = ("abcd", [("a", "b"), ("b", "c"), ("c", "d")])
STAR = ("hxyz", [("h", "x"), ("h", "y"), ("z", "h")])
TRIANGLE_AND_PAIR = ("abcde", [("a", "b"), ("b", "c"), ("c", "a"), ("d", "e")])


@pytest.mark.parametrize(
    ("graph", "degrees"),
    [
        (PATH, {"a": 1, "b": 2, "c": 2, "d": 1}),
        (STAR, {"h": 3, "x": 1, "y": 1, "z": 1}),
        (TRIANGLE_AND_PAIR, {"a": 2, "b": 2, "c": 2, "d": 1, "e": 1}),
        (("ab", []), {"a": 0, "b": 0}),
        (("a", [("a", "a"), ("b", "a"), ("a", "b")]), {"a": 1, "b": 1}),
    ],
    ids=["path", "star", "triangle+pair", "no links", "repeats and self-loops"],
)
def test_degrees_by_hand(graph, degrees):
    assert node_degrees(*graph) == degrees


@pytest.mark.parametrize(
    ("graph", "betweenness"),
    [
        # Path a-b-c-d: b lies on a–c and a–d, 2 of the 3 pairs of other nodes.
        (PATH, {"a": 0.0, "b": 2 / 3, "c": 2 / 3, "d": 0.0}),
        (STAR, {"h": 1.0, "x": 0.0, "y": 0.0, "z": 0.0}),
        (TRIANGLE_AND_PAIR, dict.fromkeys("abcde", 0.0)),
    ],
    ids=["path", "star", "triangle+pair"],
)
def test_betweenness_by_hand(graph, betweenness):
    assert node_betweenness(*graph) == pytest.approx(betweenness)


def test_brokers_rank_by_betweenness_then_degree_and_leave_out_zero():
    # A bridge b–c between two triangles: b and c broker; a and d (degree 2) do not.
    nodes = "abcdef"
    edges = [("a", "b"), ("a", "x"), ("x", "b"), ("b", "c"), ("c", "d"), ("d", "y"), ("y", "c")]
    result = brokers(nodes, edges, top=5)
    assert [node for node, _value, _degree in result] == ["b", "c"]
    assert result[0][2] == 3
    assert brokers(nodes, edges, top=1) == result[:1]
    assert brokers("ab", []) == []


def test_components_largest_first_isolated_alone():
    assert connected_components(*TRIANGLE_AND_PAIR) == [{"a", "b", "c"}, {"d", "e"}]
    assert connected_components("abc", []) == [{"a"}, {"b"}, {"c"}]
    assert connected_components([], []) == []


@pytest.mark.parametrize(
    ("edges", "territories", "share"),
    [
        ([("a", "b")], {"a": "N", "b": "S"}, 1.0),
        ([("a", "b"), ("b", "a")], {"a": "N", "b": "N"}, 0.0),
        ([("a", "b"), ("a", "c"), ("b", "c")], {"a": "N", "b": "N", "c": "S"}, 2 / 3),
        ([("a", "b"), ("a", "c")], {"a": "N", "b": None, "c": "S"}, 1.0),
        ([("a", "b")], {}, None),
        ([], {"a": "N"}, None),
    ],
)
def test_cross_territory_share(edges, territories, share):
    result = cross_territory_share(edges, territories)
    assert result == (pytest.approx(share) if share is not None else None)


@pytest.mark.parametrize(
    ("nodes", "edges", "expected"),
    [(0, 0, 0.0), (1, 0, 0.0), (2, 1, 1.0), (4, 3, 0.5), (55, 0, 0.0), (10, 45, 1.0)],
)
def test_density(nodes, edges, expected):
    assert density(nodes, edges) == pytest.approx(expected)


def test_density_refuses_impossible_counts():
    with pytest.raises(ValueError, match="3 links cannot exist between 2 nodes"):
        density(2, 3)


def test_density_by_year_is_cumulative_and_counts_a_link_from_its_first_year():
    dated = [("a", "b", 2022), ("b", "a", 2020), ("c", "d", 2023), ("a", "c", 2023)]
    result = density_by_year("abcde", dated)
    # Five nodes: ten possible links.
    assert result == [(2020, 1, 0.1), (2021, 1, 0.1), (2022, 1, 0.1), (2023, 3, 0.3)]
    assert density_by_year("abcde", dated, years=[2019, 2024]) == [(2019, 0, 0.0), (2024, 3, 0.3)]
    assert density_by_year("ab", []) == []


def test_metrics_of_an_empty_network():
    metrics = network_metrics(["a", "b", "c"], [])
    assert (metrics.node_count, metrics.edge_count, metrics.density) == (3, 0, 0.0)
    assert (metrics.component_count, metrics.largest_component, metrics.isolated_count) == (3, 1, 3)
    assert metrics.cross_territory_share is None and metrics.brokers == []
    assert network_metrics([], []).largest_component == 0


graphs = st.lists(st.tuples(st.integers(0, 11), st.integers(0, 11)), max_size=40).map(
    lambda edges: (list(range(12)), edges)
)


@settings(max_examples=60, deadline=None)
@given(graph=graphs, territories=st.lists(st.sampled_from("NSEW"), min_size=12, max_size=12))
def test_metrics_agree_with_networkx(graph, territories):
    nodes, edges = graph
    reference = nx.Graph()
    reference.add_nodes_from(nodes)
    reference.add_edges_from((a, b) for a, b in edges if a != b)
    territory_of = dict(enumerate(territories))
    metrics = network_metrics(nodes, edges, territory_of, top_brokers=12)

    assert metrics.degrees == dict(reference.degree())
    assert metrics.betweenness == pytest.approx(nx.betweenness_centrality(reference))
    assert metrics.density == pytest.approx(nx.density(reference))
    assert metrics.edge_count == reference.number_of_edges() == len(simple_edges(edges))
    assert metrics.component_count == nx.number_connected_components(reference)
    assert sorted(map(sorted, metrics.components)) == sorted(
        map(sorted, nx.connected_components(reference))
    )
    assert metrics.isolated_count == nx.number_of_isolates(reference)
    cross = [territory_of[a] != territory_of[b] for a, b in reference.edges()]
    expected = sum(cross) / len(cross) if cross else None
    assert metrics.cross_territory_share == (pytest.approx(expected) if cross else None)
    positive = {n for n, v in nx.betweenness_centrality(reference).items() if v > 0}
    assert {node for node, _v, _d in metrics.brokers} == positive
