"""The network benchmark's peers, on the same weighted directed edge list
Chorus measured: python-igraph, networkit and NetworkX, each timing the same
steps (load, PageRank, betweenness from 256 sampled sources, Louvain, and
Leiden where the library has it: igraph's community_leiden, networkit's
ParallelLeiden).

Run by bench/network.rs: python network_peers.py EDGES.tsv NODES SOURCES.txt [--no-networkx-slow]
Prints one JSON object: seconds per library and step (null: skipped).
"""
import json
import sys
import time

edges_path, n, sources_path = sys.argv[1], int(sys.argv[2]), sys.argv[3]
skip_slow_networkx = "--no-networkx-slow" in sys.argv
sources = [int(s) for s in open(sources_path).read().split()]


def timed(f):
    t = time.perf_counter()
    value = f()
    return time.perf_counter() - t, value


def median_of_three(f):
    """As Chorus times its short steps: the median of three runs, the first run's value."""
    runs = [timed(f) for _ in range(3)]
    return sorted(r[0] for r in runs)[1], runs[0][1]


def read_edges():
    src, dst, w = [], [], []
    with open(edges_path) as f:
        for line in f:
            a, b, c = line.split("\t")
            src.append(int(a))
            dst.append(int(b))
            w.append(float(c))
    return src, dst, w


out = {}
load, (src, dst, w) = timed(read_edges)
out["read"] = load

# python-igraph
import igraph as ig

t = {}
t["load"], g = timed(lambda: ig.Graph(n=n, edges=list(zip(src, dst)), directed=True, edge_attrs={"weight": w}))
t["pagerank"], _ = median_of_three(lambda: g.pagerank(damping=0.85, weights="weight", directed=True))
t["betweenness"], _ = timed(lambda: g.betweenness(directed=True, sources=sources))
u = g.as_undirected(combine_edges="sum")
t["louvain"], parts = median_of_three(lambda: u.community_multilevel(weights="weight"))
t["modularity"] = u.modularity(parts, weights="weight")
# Leiden on modularity, iterated until the partition stops changing (as Chorus's).
leiden = lambda: u.community_leiden(objective_function="modularity", weights="weight", n_iterations=-1)
t["leiden"], parts = median_of_three(leiden)
t["leiden_modularity"] = u.modularity(parts, weights="weight")
out["igraph"] = t

# networkit
import networkit as nk

nk.engineering.setNumberOfThreads(2)
t = {}


def nk_graph():
    G = nk.Graph(n, weighted=True, directed=True)
    for a, b, c in zip(src, dst, w):
        G.addEdge(a, b, c)
    return G


t["load"], G = timed(nk_graph)
t["pagerank"], _ = median_of_three(lambda: nk.centrality.PageRank(G, damp=0.85, tol=1e-10).run())
# networkit samples shortest paths, not sources: its closest estimator to k sources.
t["betweenness"], _ = timed(lambda: nk.centrality.EstimateBetweenness(G, len(sources), normalized=True, parallel=True).run())
U = nk.graphtools.toUndirected(G)
t["louvain"], plm = median_of_three(lambda: nk.community.PLM(U, refine=False).run())
t["modularity"] = nk.community.Modularity().getQuality(plm.getPartition(), U)
t["leiden"], pl = median_of_three(lambda: nk.community.ParallelLeiden(U).run())
t["leiden_modularity"] = nk.community.Modularity().getQuality(pl.getPartition(), U)
out["networkit"] = t

# NetworkX
import networkx as nx

t = {}


def nx_graph():
    D = nx.DiGraph()
    D.add_nodes_from(range(n))
    D.add_weighted_edges_from(zip(src, dst, w))
    return D


t["load"], D = timed(nx_graph)
t["pagerank"], _ = timed(lambda: nx.pagerank(D, alpha=0.85, weight="weight", tol=1e-10))
if skip_slow_networkx:
    t["betweenness"] = t["louvain"] = t["modularity"] = None
else:
    t["betweenness"], _ = timed(lambda: nx.betweenness_centrality(D, k=len(sources), seed=7, weight=None))
    UX = D.to_undirected()
    t["louvain"], comms = timed(lambda: nx.community.louvain_communities(UX, weight="weight", seed=7))
    t["modularity"] = nx.community.modularity(UX, comms, weight="weight")
out["networkx"] = t
print(json.dumps(out))
