"""The peer of bench/charts.rs: matplotlib draws the same two charts from
the same data (a 40-series line chart and a 40-bar chart, 1920x1080) as PNG
and as SVG; prints the median milliseconds of each as JSON."""
import io
import json
import statistics
import sys
import time

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402

data = json.load(open(sys.argv[1]))
rounds = int(sys.argv[2])


def lines(fmt):
    fig, ax = plt.subplots(figsize=(19.2, 10.8), dpi=100)
    for s in data["series"]:
        ax.plot(range(len(s["values"])), s["values"], linewidth=2, label=s["name"])
    ax.set_title(data["title"], loc="left", fontsize=28, fontweight="bold")
    ax.set_ylabel("active people")
    ax.legend(ncol=8, fontsize=9, loc="upper left")
    fig.savefig(io.BytesIO(), format=fmt)
    plt.close(fig)


def bars(fmt):
    fig, ax = plt.subplots(figsize=(19.2, 10.8), dpi=100)
    names = [b["name"] for b in data["bars"]]
    values = [b["share"] for b in data["bars"]]
    ax.barh(range(len(names)), values, color="#0072b2")
    ax.set_yticks(range(len(names)), names)
    ax.invert_yaxis()
    ax.set_title(data["title"], loc="left", fontsize=28, fontweight="bold")
    for i, v in enumerate(values):
        ax.text(v + 0.01, i, f"{v * 100:.0f} %", va="center", fontsize=10)
    fig.savefig(io.BytesIO(), format=fmt)
    plt.close(fig)


out = {}
for name, draw in (("lines", lines), ("bars", bars)):
    for fmt in ("png", "svg"):
        draw(fmt)  # warm-up: fonts and caches
        times = []
        for _ in range(rounds):
            t = time.perf_counter()
            draw(fmt)
            times.append((time.perf_counter() - t) * 1000)
        out[f"{name}_{fmt}"] = statistics.median(times)
print(json.dumps(out))
