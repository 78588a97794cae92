#!/usr/bin/env python3
"""Independent reference for Chorus's engagement measures.

Reads an events CSV (id, time, actor, kind, channel, parent) straight from
disk, with nothing of Chorus's code, and prints the measures as JSON. The
formulas are deliberately other than the Rust ones: Gini by the mean absolute
difference (a double sum), shares and categories with exact fractions, the
median from Python's statistics module.

Usage: measures.py EVENTS.csv
"""
import csv
import json
import math
import statistics
import sys
from datetime import datetime, timezone
from fractions import Fraction


def ts(s):
    return int(datetime.strptime(s, "%Y-%m-%dT%H:%M:%SZ").replace(tzinfo=timezone.utc).timestamp())


def main(path):
    events = []
    with open(path, newline="", encoding="utf-8") as f:
        for row in csv.DictReader(f):
            events.append((row["id"], ts(row["time"]), row["actor"], row["kind"], row["parent"] or None))
    actors = sorted({e[2] for e in events})
    content = {a: 0 for a in actors}
    posts = replies = reactions = 0
    first = {}
    by_id = {e[0]: e for e in events}
    first_reply = {}
    for eid, at, actor, kind, parent in events:
        first[actor] = min(first.get(actor, at), at)
        if kind == "post":
            posts += 1
            content[actor] += 1
        elif kind == "reply":
            replies += 1
            content[actor] += 1
            p = by_id.get(parent)
            if p and p[3] == "post" and p[2] != actor and at >= p[1]:
                first_reply[parent] = min(first_reply.get(parent, at - p[1]), at - p[1])
        elif kind == "reaction":
            reactions += 1
    xs = [content[a] for a in actors]
    n, total = len(xs), sum(xs)
    # Gini: mean absolute difference over twice the mean.
    mad = sum(abs(a - b) for a in xs for b in xs)
    gini = mad / (2 * n * n * (total / n))

    def top(share):
        k = max(1, math.ceil(n * share))
        return sum(sorted(xs, reverse=True)[:k]) / total

    # Lorenz curve, 51 points: the round(k/50 * n) least active people's share.
    asc = sorted(xs)
    lorenz = []
    for k in range(51):
        upto = min(n, int(Fraction(k * n, 50) + Fraction(1, 2)))
        lorenz.append([k / 50, sum(asc[:upto]) / total])

    order = sorted(actors, key=lambda a: first[a])
    bounds = [(Fraction(25, 1000), "innovator"), (Fraction(160, 1000), "early_adopter"),
              (Fraction(500, 1000), "early_majority"), (Fraction(840, 1000), "late_majority")]
    categories = {}
    for i, a in enumerate(order):
        before = Fraction(i, len(order))
        categories[a] = next((name for b, name in bounds if before < b), "laggard")
    creators = sum(1 for e in {ev[2] for ev in events if ev[3] == "post"})
    active = len(actors)
    print(json.dumps({
        "population": n,
        "active": active,
        "creators": creators,
        "posts": posts,
        "replies": replies,
        "reactions": reactions,
        "gini": gini,
        "top1_share": top(0.01),
        "top10_share": top(0.10),
        "lorenz": lorenz,
        "engagement_rate": (replies + reactions) / posts,
        "median_first_reply": statistics.median(first_reply.values()),
        "replied_posts": len(first_reply),
        "categories": categories,
    }))


if __name__ == "__main__":
    main(sys.argv[1])
