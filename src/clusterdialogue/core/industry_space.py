"""The industry space: industries as a network linked by proximity, laid out for drawing.

The network is that of the product space (Hidalgo, Klinger, Barabási & Hausmann 2007): the
maximum spanning tree of the proximity matrix, so that every industry is linked to the industry
it is closest to and the network hangs together, plus the strongest other links. Hidalgo et al.
kept the links with proximity of at least 0.55; here the strongest links are added until
industries have four links on average, which keeps the picture readable whatever the number of
industries and the level of proximity.

Positions: a spring layout of the spanning tree (fixed seed), refined by the Kamada-Kawai spring
model, which places industries at distances that follow the tree's path lengths. The extra links
are drawn but do not pull: a force-directed layout of the whole network squeezes the
manufacturing industries, which are all strongly linked to each other, into an unreadable knot.
"""

from __future__ import annotations

from dataclasses import dataclass

import networkx as nx
import numpy as np
import pandas as pd

AVERAGE_DEGREE = 4.0
SEED = 2007  # any fixed number: the same picture on every run


@dataclass(frozen=True)
class IndustrySpace:
    """Positions (``x``, ``y`` per category, in [-1, 1]) and links ``(a, b, proximity)``.

    ``isolated`` lists the categories left out: those no region is specialised in, which have
    no proximity to anything.
    """

    positions: pd.DataFrame
    links: list[tuple[str, str, float]]
    isolated: list[str]


def industry_space_layout(
    proximity: pd.DataFrame, *, average_degree: float = AVERAGE_DEGREE, seed: int = SEED
) -> IndustrySpace:
    """Lay out the industry space of a proximity matrix.

    Parameters
    ----------
    proximity : pandas.DataFrame
        Categories by categories, symmetric, as :func:`clusterdialogue.core.relatedness.proximity`.
    average_degree : float, default 4
        Links per category on average, the spanning tree's included.
    seed : int
        Seed of the spring layout.

    Returns
    -------
    IndustrySpace

    Examples
    --------
    >>> phi = pd.DataFrame(
    ...     [[1, .8, .1, 0], [.8, 1, .5, 0], [.1, .5, 1, 0], [0, 0, 0, 0]],
    ...     index=list("abcd"), columns=list("abcd"))
    >>> space = industry_space_layout(phi, average_degree=2)
    >>> space.links, space.isolated
    ([('a', 'b', 0.8), ('b', 'c', 0.5), ('a', 'c', 0.1)], ['d'])
    >>> sorted(space.positions.index)
    ['a', 'b', 'c']
    """
    values = proximity.to_numpy(dtype="float64")
    codes = [str(code) for code in proximity.index]
    present = np.nan_to_num(np.diag(values)) > 0
    isolated = [code for code, keep in zip(codes, present, strict=True) if not keep]
    nodes = [code for code, keep in zip(codes, present, strict=True) if keep]
    index = np.flatnonzero(present)
    pairs = [
        (nodes[i], nodes[j], float(values[index[i], index[j]]))
        for i in range(len(nodes))
        for j in range(i + 1, len(nodes))
        if values[index[i], index[j]] > 0
    ]
    complete = nx.Graph()
    complete.add_nodes_from(nodes)
    complete.add_weighted_edges_from(pairs)
    tree = nx.maximum_spanning_tree(complete, weight="weight")
    links = [(*sorted((a, b)), float(d["weight"])) for a, b, d in tree.edges(data=True)]
    chosen = {frozenset((a, b)) for a, b, _ in links}
    wanted = round(average_degree * len(nodes) / 2)
    # Strongest first; ties by code so the network is the same on every run.
    for a, b, phi in sorted(pairs, key=lambda p: (-p[2], p[0], p[1])):
        if len(links) >= wanted:
            break
        if frozenset((a, b)) not in chosen:
            links.append((a, b, phi))
            chosen.add(frozenset((a, b)))
    links.sort(key=lambda link: (-link[2], link[0], link[1]))
    layout = _tree_layout(tree, seed) if nodes else {}
    positions = pd.DataFrame(
        [(code, float(x), float(y)) for code, (x, y) in layout.items()],
        columns=["category", "x", "y"],
    ).set_index("category")
    return IndustrySpace(
        positions=positions, links=[(a, b, round(p, 6)) for a, b, p in links], isolated=isolated
    )


def _tree_layout(tree: nx.Graph, seed: int) -> dict:
    """Spring layout of the tree refined by Kamada-Kawai, components joined for the layout only.

    Kamada-Kawai keeps unconnected parts a million units apart; an invisible link from each
    smaller part to the largest keeps them in the picture.
    """
    joined = nx.Graph(tree)
    parts = sorted(nx.connected_components(joined), key=lambda part: (-len(part), min(part)))
    for part in parts[1:]:
        joined.add_edge(min(parts[0]), min(part))
    if joined.number_of_nodes() < 3:
        return nx.spring_layout(joined, seed=seed)
    start = nx.spring_layout(joined, weight=None, seed=seed)
    return nx.kamada_kawai_layout(joined, weight=None, pos=start)
