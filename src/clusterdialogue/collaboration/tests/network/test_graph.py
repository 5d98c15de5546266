"""The network of relations built from the database, checked against networkx directly."""

from __future__ import annotations

import networkx as nx
import pytest

from clusterdialogue.collaboration.network.selectors import network_relations_build
from clusterdialogue.testing.factories import clusters as factories_clusters

pytestmark = pytest.mark.django_db

# By hand from the fixture: established collaborations (beyond "identified"), example left out.
EXPECTED_EDGES = {
    ("example-cluster-a1", "example-cluster-b1"): (2, 2022),  # "ab" and "abc"
    ("example-cluster-a1", "example-cluster-c1"): (1, 2022),
    ("example-cluster-b1", "example-cluster-c1"): (1, 2022),
    ("example-cluster-a1", "example-cluster-a2"): (1, 2023),  # "aa": same territory
    ("example-cluster-b1", "example-cluster-d1"): (1, 2024),  # "bd": d1 outside the network
}
NODES = [f"example-cluster-{k}" for k in ("a1", "a2", "b1", "c1", "d1")]


def reference_graph() -> nx.Graph:
    graph = nx.Graph()
    graph.add_nodes_from(NODES)
    graph.add_edges_from(EXPECTED_EDGES)
    return graph


def edges_of(graph) -> dict:
    return {tuple(sorted((e.source, e.target))): (e.weight, e.first_year) for e in graph.edges}


def test_nodes_and_edges(pipeline_world):
    graph = network_relations_build(user=None, network=pipeline_world.network)
    assert sorted(n.key for n in graph.nodes) == NODES  # the non-public cluster is not shown
    assert edges_of(graph) == EXPECTED_EDGES
    territory = {n.key: n.territory for n in graph.nodes}
    assert territory["example-cluster-d1"] == "Outside the network"
    assert territory["example-cluster-a2"] == "North"
    assert graph.node("example-cluster-b1").collaborations == 3  # ab, abc, bd
    assert graph.node("example-cluster-a1").url == "/clusters/example-cluster-a1/"


def test_metrics_agree_with_networkx(pipeline_world):
    graph = network_relations_build(user=None, network=pipeline_world.network)
    reference = reference_graph()
    metrics = graph.metrics
    assert {n.key: n.degree for n in graph.nodes} == dict(reference.degree())
    betweenness = nx.betweenness_centrality(reference)
    assert {n.key: n.betweenness for n in graph.nodes} == pytest.approx(betweenness, abs=1e-4)
    assert metrics.density == pytest.approx(nx.density(reference)) == 0.5
    assert metrics.component_count == nx.number_connected_components(reference) == 1
    assert metrics.cross_territory_share == pytest.approx(4 / 5)
    # a1 links a2 to the rest, b1 links d1: each lies on 3 of the 6 paths between others.
    assert metrics.brokers == [("example-cluster-a1", 0.5, 3), ("example-cluster-b1", 0.5, 3)]
    assert graph.density_by_year == [(2022, 3, 0.3), (2023, 4, 0.4), (2024, 5, 0.5)]


def test_options_until_kind_examples(pipeline_world):
    until_2022 = network_relations_build(user=None, network=pipeline_world.network, until_year=2022)
    assert len(until_2022.edges) == 3
    joint = network_relations_build(
        user=None, network=pipeline_world.network, kind="joint_application"
    )
    assert edges_of(joint)[("example-cluster-a1", "example-cluster-b1")] == (1, 2022)
    with_examples = network_relations_build(
        user=None, network=pipeline_world.network, include_examples=True
    )
    assert edges_of(with_examples)[("example-cluster-a1", "example-cluster-c1")] == (2, 2022)


def test_profiles_the_user_may_not_see_are_anonymous(pipeline_world):
    d1 = pipeline_world.clusters["d1"]
    d1.is_public = False
    d1.save()
    public = network_relations_build(user=None, network=pipeline_world.network)
    hidden = [n for n in public.nodes if n.name == "Non-public profile"]
    assert len(hidden) == 1 and hidden[0].url == "" and hidden[0].degree == 1
    assert "example-cluster-d1" not in {n.key for n in public.nodes}
    secretariat = factories_clusters.UserFactory(username="graph_secretariat", is_superuser=True)
    full = network_relations_build(user=secretariat, network=pipeline_world.network)
    assert "example-cluster-d1" in {n.key for n in full.nodes}


def test_an_empty_network_lays_its_clusters_on_a_circle(pipeline_world):
    from clusterdialogue.collaboration.models import Collaboration

    Collaboration.objects.all().delete()
    graph = network_relations_build(user=None, network=pipeline_world.network)
    assert len(graph.nodes) == 4 and graph.edges == []  # d1 lies outside and has no relation
    assert graph.metrics.density == 0 and graph.density_by_year == []
    assert all(abs(n.x**2 + n.y**2 - 1) < 1e-3 for n in graph.nodes)


def test_the_layout_is_reproducible(pipeline_world):
    first = network_relations_build(user=None, network=pipeline_world.network)
    second = network_relations_build(user=None, network=pipeline_world.network)
    assert [(n.key, n.x, n.y) for n in first.nodes] == [(n.key, n.x, n.y) for n in second.nodes]
