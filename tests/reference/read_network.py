"""Reads a GEXF and a GraphML file written by `chorus network export` with
NetworkX and prints what the Rust test compares: sizes, weights, the
measures of each node, the spells of a dynamic file.

Run: .venv/bin/python tests/reference/read_network.py FILE.gexf FILE.graphml
"""
import json
import sys

import networkx as nx

gexf = nx.read_gexf(sys.argv[1])
graphml = nx.read_graphml(sys.argv[2])


def spells(g):
    out = set()
    for _, d in g.nodes(data=True):
        for value in d.get("pagerank", []) if isinstance(d.get("pagerank"), list) else []:
            out.add((value[1], value[2]))
    return sorted(out)


print(json.dumps({
    "gexf": {
        "nodes": gexf.number_of_nodes(),
        "edges": gexf.number_of_edges(),
        "directed": gexf.is_directed(),
        "mode": gexf.graph.get("mode"),
        "spells": spells(gexf),
        "labels": sorted({d["label"] for _, d in gexf.nodes(data=True)})[:5],
    },
    "graphml": {
        "nodes": graphml.number_of_nodes(),
        "edges": graphml.number_of_edges(),
        "weight": sum(d["weight"] for _, _, d in graphml.edges(data=True)),
        "pagerank": {n: d["pagerank"] for n, d in graphml.nodes(data=True)},
        "segments": sorted({s for _, d in graphml.nodes(data=True) for s in d.get("segments", "").split(";") if s}),
    },
}))
