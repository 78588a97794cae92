"""Reads a .pptx and an .xlsx written by Chorus with independent readers
(python-pptx, openpyxl) and prints what they found as JSON: per slide its
title, text, pictures, native charts (type, categories, series and values,
and the embedded workbook's rows) and notes; per sheet its rows and charts.

Usage: office.py DECK.pptx WORKBOOK.xlsx
"""
import io
import json
import sys

import openpyxl
from pptx import Presentation
from pptx.enum.shapes import MSO_SHAPE_TYPE


def chart_of(chart):
    plot = chart.plots[0]
    out = {
        "type": str(chart.chart_type),
        "categories": [str(c) for c in plot.categories],
        "series": [{"name": s.name, "values": list(s.values)} for s in plot.series],
    }
    # The embedded workbook: the chart's data as PowerPoint edits it.
    blob = chart.part.chart_workbook.xlsx_part.blob
    wb = openpyxl.load_workbook(io.BytesIO(blob))
    ws = wb.worksheets[0]
    out["workbook"] = [[c for c in row] for row in ws.iter_rows(values_only=True)]
    return out


def deck(path):
    prs = Presentation(path)
    slides = []
    for slide in prs.slides:
        info = {"title": slide.shapes.title.text if slide.shapes.title is not None else None,
                "texts": [], "pictures": 0, "charts": [], "notes": ""}
        for shape in slide.shapes:
            if shape.shape_type == MSO_SHAPE_TYPE.PICTURE:
                info["pictures"] += 1
                info["picture_size"] = list(shape.image.size)
            if shape.has_chart:
                info["charts"].append(chart_of(shape.chart))
            if shape.has_text_frame and shape != slide.shapes.title:
                info["texts"].append(shape.text_frame.text)
        if slide.has_notes_slide:
            info["notes"] = slide.notes_slide.notes_text_frame.text
        slides.append(info)
    return {"width": prs.slide_width, "height": prs.slide_height, "slides": slides}


def workbook(path):
    wb = openpyxl.load_workbook(path)
    sheets = []
    for ws in wb.worksheets:
        rows = [[(c.isoformat() if hasattr(c, "isoformat") else c) for c in row]
                for row in ws.iter_rows(values_only=True)]
        sheets.append({"name": ws.title, "rows": rows, "charts": len(ws._charts)})
    return {"sheets": sheets}


if __name__ == "__main__":
    print(json.dumps({"deck": deck(sys.argv[1]), "workbook": workbook(sys.argv[2])}, default=str))
