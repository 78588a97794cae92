"""The peer of bench/report.rs: matplotlib draws the deck's charts from the
same data (lines over dates, horizontal bars) and python-pptx assembles a
16:9 deck of the same slides (title, picture, sentences, speaker notes).
Prints the median milliseconds of the whole, and of python-pptx alone, as
JSON."""
import io
import json
import statistics
import sys
import time

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402
from pptx import Presentation  # noqa: E402
from pptx.util import Emu, Pt  # noqa: E402

data = json.load(open(sys.argv[1]))
rounds = int(sys.argv[2])


def draw(chart):
    fig, ax = plt.subplots(figsize=(12.16, 6.84), dpi=100)
    if chart["kind"] == "lines":
        for s in chart["series"]:
            ax.plot(range(len(s["values"])), s["values"], linewidth=2, label=s["name"])
        if len(chart["series"]) > 1:
            ax.legend(loc="upper left")
    else:
        names = [r["label"] for r in chart["rows"]]
        values = [r["share"] for r in chart["rows"]]
        ax.barh(range(len(names)), values, color="#0072b2")
        ax.set_yticks(range(len(names)), names)
        ax.invert_yaxis()
        for i, v in enumerate(values):
            ax.text(v + 0.01, i, f"{v * 100:.0f} %", va="center", fontsize=10)
    ax.set_title(chart["subtitle"], loc="left", fontsize=12)
    buf = io.BytesIO()
    fig.savefig(buf, format="png")
    plt.close(fig)
    buf.seek(0)
    return buf


def assemble(pictures):
    prs = Presentation()
    prs.slide_width, prs.slide_height = Emu(12192000), Emu(6858000)
    layout = prs.slide_layouts[5]  # title only
    for slide_data in data["slides"]:
        slide = prs.slides.add_slide(layout)
        slide.shapes.title.text = slide_data["title"]
        pic = pictures.get(slide_data["index"])
        if pic is not None:
            pic.seek(0)
            slide.shapes.add_picture(pic, Emu(508000), Emu(1524000), Emu(7721600), Emu(4343400))
        box = slide.shapes.add_textbox(Emu(8534400), Emu(1625600), Emu(3149600), Emu(4699000))
        tf = box.text_frame
        tf.word_wrap = True
        for i, p in enumerate(slide_data["points"]):
            para = tf.paragraphs[0] if i == 0 else tf.add_paragraph()
            para.text = p
            para.font.size = Pt(15)
        slide.notes_slide.notes_text_frame.text = slide_data["notes"]
    prs.save(io.BytesIO())


def whole():
    pictures = {c["index"]: draw(c) for c in data["charts"]}
    assemble(pictures)


pictures = {c["index"]: draw(c) for c in data["charts"]}
whole()  # warm-up
totals, pptx_only = [], []
for _ in range(rounds):
    t = time.perf_counter()
    whole()
    totals.append((time.perf_counter() - t) * 1000)
    t = time.perf_counter()
    assemble(pictures)
    pptx_only.append((time.perf_counter() - t) * 1000)
print(json.dumps({"whole": statistics.median(totals), "pptx_only": statistics.median(pptx_only), "pictures": len(pictures)}))
