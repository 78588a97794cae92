//! Native PowerPoint charts: the chart part (DrawingML `c:chartSpace`, its
//! values cached so every reader draws it without the workbook) and the
//! embedded workbook that holds the same data, so the chart is restyled,
//! re-sorted and edited in PowerPoint like one made there.

use std::fmt::Write;

use chrono::{Datelike, NaiveDate};
use rust_xlsxwriter::{Format, Workbook};

use super::super::slide_svg::hex;
use super::super::{ReportError, esc};
use super::parts::{NS_A, NS_R, XML};
use crate::charts::{Body, Chart, Theme};

/// The data of a native chart: categories down, one column per series.
#[derive(Debug, Clone, PartialEq)]
pub(super) struct Grid {
    pub kind: Kind,
    pub categories: Vec<String>,
    /// (name, values; `None` where a series has no point).
    pub series: Vec<(String, Vec<Option<f64>>)>,
    pub axis: String,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Kind {
    /// Lines over time.
    Line,
    /// Horizontal bars of shares (0–1).
    Bars,
}

/// The chart's data as a native chart's, when PowerPoint can draw it the
/// same way: lines without shaded bands or marks, and bars. Others stay
/// pictures.
pub(super) fn grid(chart: &Chart) -> Option<Grid> {
    match &chart.body {
        Body::Trend { series, axis, marks }
            if marks.bands.is_empty() && marks.events.is_empty() && marks.ceiling.is_none() =>
        {
            let mut dates: Vec<NaiveDate> = series.iter().flat_map(|s| s.points.iter().map(|p| p.0)).collect();
            dates.sort();
            dates.dedup();
            let one_year = dates.first().zip(dates.last()).is_some_and(|(a, b)| a.year() == b.year());
            let label = |d: &NaiveDate| {
                if one_year { d.format("%-d %b").to_string() } else { d.format("%-d %b %Y").to_string() }
            };
            let series = series
                .iter()
                .map(|s| {
                    let values = dates.iter().map(|d| s.points.iter().find(|p| p.0 == *d).map(|p| p.1)).collect();
                    (s.name.clone(), values)
                })
                .collect();
            Some(Grid { kind: Kind::Line, categories: dates.iter().map(label).collect(), series, axis: axis.clone() })
        }
        Body::Bars { rows, axis, reference } => {
            // The bars' series is named by the axis ("within two steps of a
            // champion"), so the legend beside the reference's reads as words.
            let mut series = vec![(axis.clone(), rows.iter().map(|r| Some(r.share)).collect())];
            if let Some(name) = reference {
                series.push((name.clone(), rows.iter().map(|r| r.reference).collect()));
            }
            Some(Grid {
                kind: Kind::Bars,
                categories: rows.iter().map(|r| r.label.clone()).collect(),
                series,
                axis: axis.clone(),
            })
        }
        _ => None,
    }
}

/// The column letter of a 0-based index (A … Z, AA …).
fn column(mut i: usize) -> String {
    let mut s = Vec::new();
    loop {
        s.push(b'A' + (i % 26) as u8);
        if i < 26 {
            break;
        }
        i = i / 26 - 1;
    }
    s.reverse();
    String::from_utf8(s).expect("ASCII")
}

/// The embedded workbook: Sheet1, categories in A from row 2, series from B.
pub(super) fn workbook(g: &Grid) -> Result<Vec<u8>, ReportError> {
    let err = |e: rust_xlsxwriter::XlsxError| ReportError::Workbook(e.to_string());
    let mut wb = Workbook::new();
    let sheet = wb.add_worksheet();
    sheet.set_name("Sheet1").map_err(err)?;
    let share = Format::new().set_num_format("0%");
    for (i, c) in g.categories.iter().enumerate() {
        sheet.write_string(i as u32 + 1, 0, c).map_err(err)?;
    }
    for (j, (name, values)) in g.series.iter().enumerate() {
        let col = j as u16 + 1;
        sheet.write_string(0, col, name).map_err(err)?;
        for (i, v) in values.iter().enumerate() {
            if let Some(v) = v {
                match g.kind {
                    Kind::Bars => sheet.write_number_with_format(i as u32 + 1, col, *v, &share).map_err(err)?,
                    Kind::Line => sheet.write_number(i as u32 + 1, col, *v).map_err(err)?,
                };
            }
        }
    }
    sheet.set_column_width(0, 30).map_err(err)?;
    wb.save_to_buffer().map_err(err)
}

/// The category labels' size (hundredths of a point): 10 pt, smaller for
/// many bars so that each keeps its line.
fn category_size(g: &Grid) -> u32 {
    match (g.kind, g.categories.len()) {
        (Kind::Bars, 0..=8) | (Kind::Line, _) => 1000,
        (Kind::Bars, 9..=12) => 900,
        (Kind::Bars, 13..=16) => 800,
        (Kind::Bars, _) => 700,
    }
}

fn text_props(size: u32, colour: &str) -> String {
    let font = super::super::layout::family();
    format!(
        "<c:txPr><a:bodyPr/><a:lstStyle/><a:p><a:pPr><a:defRPr sz=\"{size}\"><a:solidFill><a:srgbClr val=\"{colour}\"/></a:solidFill>\
<a:latin typeface=\"{font}\"/></a:defRPr></a:pPr><a:endParaRPr lang=\"en-GB\"/></a:p></c:txPr>"
    )
}

fn str_cache(out: &mut String, f: &str, values: &[&str]) {
    let _ = write!(out, "<c:strRef><c:f>{f}</c:f><c:strCache><c:ptCount val=\"{}\"/>", values.len());
    for (i, v) in values.iter().enumerate() {
        let _ = write!(out, "<c:pt idx=\"{i}\"><c:v>{}</c:v></c:pt>", esc(v));
    }
    out.push_str("</c:strCache></c:strRef>");
}

/// The chart part's XML; its relationship rId1 is the embedded workbook.
pub(super) fn chart_xml(g: &Grid, theme: &Theme) -> String {
    let font = super::super::layout::family();
    let n = g.categories.len();
    let muted = hex(theme.muted);
    let grid_colour = hex(theme.grid);
    let format = match g.kind {
        Kind::Bars => "0%",
        Kind::Line => "General",
    };
    let mut series = String::new();
    let categories: Vec<&str> = g.categories.iter().map(String::as_str).collect();
    for (j, (name, values)) in g.series.iter().enumerate() {
        let col = column(j + 1);
        let colour =
            hex(if g.kind == Kind::Bars && j > 0 { theme.muted } else { theme.palette.0[j % theme.palette.0.len()] });
        let _ = write!(series, "<c:ser><c:idx val=\"{j}\"/><c:order val=\"{j}\"/><c:tx>");
        str_cache(&mut series, &format!("Sheet1!${col}$1"), &[name]);
        series.push_str("</c:tx>");
        match g.kind {
            Kind::Line => {
                let _ = write!(
                    series,
                    "<c:spPr><a:ln w=\"28575\" cap=\"rnd\"><a:solidFill><a:srgbClr val=\"{colour}\"/></a:solidFill><a:round/></a:ln></c:spPr>\
<c:marker><c:symbol val=\"none\"/></c:marker>"
                );
            }
            Kind::Bars => {
                let _ = write!(
                    series,
                    "<c:spPr><a:solidFill><a:srgbClr val=\"{colour}\"/></a:solidFill></c:spPr><c:invertIfNegative val=\"0\"/>"
                );
                if j == 0 {
                    let _ = write!(
                        series,
                        "<c:dLbls><c:numFmt formatCode=\"0%\" sourceLinked=\"0\"/><c:spPr><a:noFill/><a:ln><a:noFill/></a:ln></c:spPr>{}\
<c:dLblPos val=\"outEnd\"/><c:showLegendKey val=\"0\"/><c:showVal val=\"1\"/><c:showCatName val=\"0\"/><c:showSerName val=\"0\"/>\
<c:showPercent val=\"0\"/><c:showBubbleSize val=\"0\"/></c:dLbls>",
                        text_props(1000, &hex(theme.text))
                    );
                }
            }
        }
        series.push_str("<c:cat>");
        str_cache(&mut series, &format!("Sheet1!$A$2:$A${}", n + 1), &categories);
        let _ = write!(
            series,
            "</c:cat><c:val><c:numRef><c:f>Sheet1!${col}$2:${col}${}</c:f><c:numCache><c:formatCode>{format}</c:formatCode><c:ptCount val=\"{n}\"/>",
            n + 1
        );
        for (i, v) in values.iter().enumerate() {
            if let Some(v) = v.filter(|v| v.is_finite()) {
                let _ = write!(series, "<c:pt idx=\"{i}\"><c:v>{v}</c:v></c:pt>");
            }
        }
        series.push_str("</c:numCache></c:numRef></c:val>");
        if g.kind == Kind::Line {
            series.push_str("<c:smooth val=\"0\"/>");
        }
        series.push_str("</c:ser>");
    }
    let plot = match g.kind {
        Kind::Line => format!(
            "<c:lineChart><c:grouping val=\"standard\"/><c:varyColors val=\"0\"/>{series}<c:marker val=\"1\"/>\
<c:axId val=\"500000001\"/><c:axId val=\"500000002\"/></c:lineChart>"
        ),
        Kind::Bars => format!(
            "<c:barChart><c:barDir val=\"bar\"/><c:grouping val=\"clustered\"/><c:varyColors val=\"0\"/>{series}\
<c:gapWidth val=\"60\"/><c:axId val=\"500000001\"/><c:axId val=\"500000002\"/></c:barChart>"
        ),
    };
    let (cat_pos, val_pos, orientation, crosses) = match g.kind {
        Kind::Line => ("b", "l", "minMax", "autoZero"),
        Kind::Bars => ("l", "b", "maxMin", "max"),
    };
    let no_line = "<c:spPr><a:ln><a:noFill/></a:ln></c:spPr>";
    let axis_title = format!(
        "<c:title><c:tx><c:rich><a:bodyPr/><a:lstStyle/><a:p><a:pPr><a:defRPr sz=\"1000\" b=\"0\"><a:solidFill><a:srgbClr val=\"{muted}\"/></a:solidFill>\
<a:latin typeface=\"{font}\"/></a:defRPr></a:pPr><a:r><a:rPr lang=\"en-GB\" sz=\"1000\" b=\"0\"><a:solidFill><a:srgbClr val=\"{muted}\"/></a:solidFill>\
<a:latin typeface=\"{font}\"/></a:rPr><a:t>{}</a:t></a:r></a:p></c:rich></c:tx><c:overlay val=\"0\"/></c:title>",
        esc(&g.axis)
    );
    let legend = if g.series.len() > 1 {
        format!("<c:legend><c:legendPos val=\"b\"/><c:overlay val=\"0\"/>{}</c:legend>", text_props(1000, &muted))
    } else {
        String::new()
    };
    let max = if g.kind == Kind::Bars { "<c:max val=\"1\"/><c:min val=\"0\"/>" } else { "<c:min val=\"0\"/>" };
    format!(
        "{XML}<c:chartSpace xmlns:c=\"http://schemas.openxmlformats.org/drawingml/2006/chart\" xmlns:a=\"{NS_A}\" xmlns:r=\"{NS_R}\">\
<c:date1904 val=\"0\"/><c:lang val=\"en-GB\"/><c:roundedCorners val=\"0\"/><c:chart><c:autoTitleDeleted val=\"1\"/><c:plotArea><c:layout/>{plot}\
<c:catAx><c:axId val=\"500000001\"/><c:scaling><c:orientation val=\"{orientation}\"/></c:scaling><c:delete val=\"0\"/><c:axPos val=\"{cat_pos}\"/>\
<c:numFmt formatCode=\"General\" sourceLinked=\"1\"/><c:majorTickMark val=\"none\"/><c:minorTickMark val=\"none\"/><c:tickLblPos val=\"nextTo\"/>\
<c:spPr><a:ln w=\"9525\"><a:solidFill><a:srgbClr val=\"{grid_colour}\"/></a:solidFill></a:ln></c:spPr>{cat_text}\
<c:crossAx val=\"500000002\"/><c:crosses val=\"autoZero\"/><c:auto val=\"1\"/><c:lblAlgn val=\"ctr\"/><c:lblOffset val=\"100\"/>{skip}<c:noMultiLvlLbl val=\"0\"/></c:catAx>\
<c:valAx><c:axId val=\"500000002\"/><c:scaling><c:orientation val=\"minMax\"/>{max}</c:scaling><c:delete val=\"0\"/><c:axPos val=\"{val_pos}\"/>\
<c:majorGridlines><c:spPr><a:ln w=\"9525\"><a:solidFill><a:srgbClr val=\"{grid_colour}\"/></a:solidFill></a:ln></c:spPr></c:majorGridlines>{axis_title}\
<c:numFmt formatCode=\"{format}\" sourceLinked=\"0\"/><c:majorTickMark val=\"none\"/><c:minorTickMark val=\"none\"/><c:tickLblPos val=\"nextTo\"/>{no_line}{val_text}\
<c:crossAx val=\"500000001\"/><c:crosses val=\"{crosses}\"/><c:crossBetween val=\"between\"/></c:valAx>\
<c:spPr><a:noFill/><a:ln><a:noFill/></a:ln></c:spPr></c:plotArea>{legend}<c:plotVisOnly val=\"1\"/><c:dispBlanksAs val=\"gap\"/></c:chart>\
<c:spPr><a:noFill/><a:ln><a:noFill/></a:ln></c:spPr>{all_text}\
<c:externalData r:id=\"rId1\"><c:autoUpdate val=\"0\"/></c:externalData></c:chartSpace>",
        // Every bar is named: without tickLblSkip, LibreOffice (and
        // PowerPoint on a short frame) drop every other category's label;
        // the labels shrink as the bars grow many, so each still fits.
        skip = if g.kind == Kind::Bars { "<c:tickLblSkip val=\"1\"/>" } else { "" },
        cat_text = text_props(category_size(g), &hex(theme.text)),
        val_text = text_props(1000, &muted),
        all_text = text_props(1000, &hex(theme.text)),
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::charts::{BarRow, Marks, Series};

    #[test]
    fn columns_are_lettered_like_excel() {
        assert_eq!(column(0), "A");
        assert_eq!(column(25), "Z");
        assert_eq!(column(26), "AA");
        assert_eq!(column(27), "AB");
    }

    fn day(d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, 9, d).unwrap()
    }

    #[test]
    fn lines_share_one_date_axis_with_gaps_where_a_series_is_missing() {
        let chart = Chart {
            title: String::new(),
            subtitle: String::new(),
            footer: String::new(),
            body: Body::Trend {
                series: vec![
                    Series { name: "Slack".into(), points: vec![(day(1), 3.0), (day(8), 5.0)] },
                    Series { name: "Teams".into(), points: vec![(day(8), 2.0)] },
                ],
                axis: "active people".into(),
                marks: Marks::default(),
            },
        };
        let g = grid(&chart).unwrap();
        assert_eq!(g.categories, ["1 Sep", "8 Sep"]);
        assert_eq!(g.series[1].1, [None, Some(2.0)]);
        let xml = chart_xml(&g, &Theme::light());
        assert!(xml.contains("<c:f>Sheet1!$C$2:$C$3</c:f>"), "the second series reads column C");
        assert_eq!(xml.matches("<c:ser>").count(), 2);
        let banded = Chart {
            body: Body::Trend {
                series: vec![],
                axis: String::new(),
                marks: Marks { ceiling: Some((1.0, "all".into())), ..Marks::default() },
            },
            ..chart
        };
        assert!(grid(&banded).is_none(), "shaded bands and marks stay a picture");
    }

    #[test]
    fn bars_keep_their_reference_as_a_second_series() {
        let chart = Chart {
            title: String::new(),
            subtitle: String::new(),
            footer: String::new(),
            body: Body::Bars {
                rows: vec![BarRow {
                    label: "R&D <core>".into(),
                    share: 0.25,
                    note: String::new(),
                    reference: Some(0.01),
                }],
                axis: "share".into(),
                reference: Some("90-9-1 rule".into()),
            },
        };
        let g = grid(&chart).unwrap();
        let names: Vec<&str> = g.series.iter().map(|s| s.0.as_str()).collect();
        assert_eq!(names, ["share", "90-9-1 rule"], "the bars named by their axis, then the reference");
        let xml = chart_xml(&g, &Theme::light());
        assert!(xml.contains("R&amp;D &lt;core&gt;"), "labels escaped");
        assert!(xml.contains("<c:v>0.25</c:v>") && xml.contains("<c:v>0.01</c:v>"));
        assert!(!workbook(&g).unwrap().is_empty());
    }

    #[test]
    fn every_bar_keeps_its_label_and_many_bars_get_smaller_ones() {
        let bars = |n: usize| Chart {
            title: String::new(),
            subtitle: String::new(),
            footer: String::new(),
            body: Body::Bars {
                rows: (0..n)
                    .map(|i| BarRow {
                        label: format!("#channel-{i}"),
                        share: 0.1,
                        note: String::new(),
                        reference: None,
                    })
                    .collect(),
                axis: "share".into(),
                reference: None,
            },
        };
        let few = chart_xml(&grid(&bars(4)).unwrap(), &Theme::light());
        let many = chart_xml(&grid(&bars(15)).unwrap(), &Theme::light());
        for xml in [&few, &many] {
            let cat = &xml[xml.find("<c:catAx>").unwrap()..xml.find("</c:catAx>").unwrap()];
            assert!(cat.contains("<c:tickLblSkip val=\"1\"/>"), "no category label is skipped: {cat}");
            assert!(
                cat.find("<c:lblOffset").unwrap() < cat.find("<c:tickLblSkip").unwrap()
                    && cat.find("<c:tickLblSkip").unwrap() < cat.find("<c:noMultiLvlLbl").unwrap(),
                "in the schema's order"
            );
        }
        assert!(few.contains("<c:catAx>") && few[few.find("<c:catAx>").unwrap()..].contains("sz=\"1000\""));
        let cat = &many[many.find("<c:catAx>").unwrap()..many.find("</c:catAx>").unwrap()];
        assert!(cat.contains("sz=\"800\""), "15 bars: 8 pt labels: {cat}");
    }
}
