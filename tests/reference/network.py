"""Writes the network fixtures the Rust tests compare with: two real
published networks that ship with NetworkX — Zachary's karate club (34
members, 78 ties; Zachary 1977) and the Les Misérables co-appearance network
(77 characters, 254 weighted ties; Knuth 1993) — with reference values from
NetworkX: PageRank (damping 0.85, weighted, tol 1e-13), betweenness
(normalised, unweighted), harmonic closeness, clustering and the Louvain
communities' modularity (seed 7).

Run: .venv/bin/python tests/reference/network.py tests/fixtures/network
"""
import json
import sys

import networkx as nx


def fixture(name, g, weighted):
    nodes = list(g.nodes())
    index = {n: i for i, n in enumerate(nodes)}
    edges = [[index[u], index[v], float(d.get("weight", 1)) if weighted else 1.0] for u, v, d in g.edges(data=True)]
    weight = "weight" if weighted else None
    # The pure-Python power iteration (nx.pagerank itself needs numpy and scipy).
    from networkx.algorithms.link_analysis.pagerank_alg import _pagerank_python
    pr = _pagerank_python(g, alpha=0.85, weight=weight, tol=1e-13, max_iter=10000)
    bc = nx.betweenness_centrality(g, normalized=True, weight=None)
    hc = nx.harmonic_centrality(g)
    cc = nx.clustering(g)
    communities = nx.community.louvain_communities(g, weight=weight, seed=7)
    community_of = {n: i for i, c in enumerate(communities) for n in c}
    return {
        "name": name,
        "directed": False,
        "nodes": [str(n) for n in nodes],
        "edges": edges,
        "pagerank": [pr[n] for n in nodes],
        "betweenness": [bc[n] for n in nodes],
        "harmonic": [hc[n] for n in nodes],
        "clustering": [cc[n] for n in nodes],
        "louvain": [community_of[n] for n in nodes],
        "louvain_modularity": nx.community.modularity(g, communities, weight=weight),
        "networkx": nx.__version__,
    }


if __name__ == "__main__":
    out = sys.argv[1]
    for name, g, weighted in [("karate", nx.karate_club_graph(), False), ("lesmis", nx.les_miserables_graph(), True)]:
        with open(f"{out}/{name}.json", "w") as f:
            json.dump(fixture(name, g, weighted), f, indent=1)
