//! One slide's PresentationML: the title placeholder (editable, found by
//! every reader as the slide's title), text boxes, tiles, and the chart as
//! a native chart or a picture, placed where [`layout`] says.

use std::fmt::Write;

use super::super::slide_svg::{hex, status_colour, tint};
use super::super::{Slide, SlideBody, Tile, esc, layout};
use super::parts::{NS_A, NS_P, NS_R, XML, xfrm};
use crate::charts::{Rgb, Theme};

/// A run of text in one style.
pub(super) struct Run<'a> {
    pub text: &'a str,
    pub size: f32,
    pub bold: bool,
    pub colour: Rgb,
}

/// A paragraph: its runs, whether it has a bullet, the space after it (points).
pub(super) struct Para<'a> {
    pub runs: Vec<Run<'a>>,
    pub bullet: Option<Rgb>,
    pub after: f32,
}

fn run_xml(out: &mut String, r: &Run) {
    let font = super::super::layout::family();
    let _ = write!(
        out,
        "<a:r><a:rPr lang=\"en-GB\" sz=\"{}\" b=\"{}\" dirty=\"0\"><a:solidFill><a:srgbClr val=\"{}\"/></a:solidFill>\
<a:latin typeface=\"{font}\"/></a:rPr><a:t>{}</a:t></a:r>",
        (r.size * 100.0).round() as u32,
        u8::from(r.bold),
        hex(r.colour),
        esc(&layout::glue(r.text))
    );
}

fn paras_xml(paras: &[Para]) -> String {
    let font = super::super::layout::family();
    let mut out = String::new();
    for p in paras {
        out.push_str("<a:p>");
        let after = (p.after * 100.0).round() as u32;
        match p.bullet {
            Some(c) => {
                let _ = write!(
                    out,
                    "<a:pPr marL=\"228600\" indent=\"-228600\"><a:spcAft><a:spcPts val=\"{after}\"/></a:spcAft>\
<a:buClr><a:srgbClr val=\"{}\"/></a:buClr><a:buFont typeface=\"{font}\"/><a:buChar char=\"•\"/></a:pPr>",
                    hex(c)
                );
            }
            None => {
                let _ = write!(out, "<a:pPr><a:spcAft><a:spcPts val=\"{after}\"/></a:spcAft><a:buNone/></a:pPr>");
            }
        }
        for r in &p.runs {
            run_xml(&mut out, r);
        }
        out.push_str("</a:p>");
    }
    if out.is_empty() {
        out.push_str("<a:p><a:endParaRPr lang=\"en-GB\"/></a:p>");
    }
    out
}

/// Builds the shapes of one slide, numbering them.
pub(super) struct Shapes {
    xml: String,
    next: u32,
}

impl Shapes {
    fn id(&mut self) -> u32 {
        self.next += 1;
        self.next
    }

    /// A text box (or a filled rectangle with text, when `fill` is given).
    pub fn text(&mut self, name: &str, r: layout::Rect, paras: &[Para], anchor: &str, fill: Option<Rgb>) {
        let id = self.id();
        let fill = match fill {
            Some(c) => format!("<a:solidFill><a:srgbClr val=\"{}\"/></a:solidFill>", hex(c)),
            None => "<a:noFill/>".into(),
        };
        let inset = if fill.starts_with("<a:solid") { 152400 } else { 0 };
        let _ = write!(
            self.xml,
            "<p:sp><p:nvSpPr><p:cNvPr id=\"{id}\" name=\"{} {id}\"/><p:cNvSpPr txBox=\"1\"/><p:nvPr/></p:nvSpPr>\
<p:spPr>{}<a:prstGeom prst=\"rect\"><a:avLst/></a:prstGeom>{fill}</p:spPr>\
<p:txBody><a:bodyPr wrap=\"square\" lIns=\"{inset}\" tIns=\"{inset}\" rIns=\"{inset}\" bIns=\"{inset}\" anchor=\"{anchor}\"><a:normAutofit/></a:bodyPr>\
<a:lstStyle/>{}</p:txBody></p:sp>",
            esc(name),
            xfrm(r),
            paras_xml(paras)
        );
    }

    /// A plain shape (a rule, a band, a dot).
    pub fn shape(&mut self, name: &str, geometry: &str, r: layout::Rect, colour: Rgb) {
        let id = self.id();
        let _ = write!(
            self.xml,
            "<p:sp><p:nvSpPr><p:cNvPr id=\"{id}\" name=\"{name} {id}\"/><p:cNvSpPr/><p:nvPr/></p:nvSpPr>\
<p:spPr>{}<a:prstGeom prst=\"{geometry}\"><a:avLst/></a:prstGeom><a:solidFill><a:srgbClr val=\"{}\"/></a:solidFill><a:ln><a:noFill/></a:ln></p:spPr>\
<p:txBody><a:bodyPr/><a:lstStyle/><a:p><a:endParaRPr lang=\"en-GB\"/></a:p></p:txBody></p:sp>",
            xfrm(r),
            hex(colour)
        );
    }

    /// The slide's title, in the layout's title placeholder.
    pub fn title(&mut self, text: &str, r: layout::Rect, size: f32, colour: Rgb, anchor: &str) {
        let id = self.id();
        let mut runs = String::new();
        run_xml(&mut runs, &Run { text, size, bold: true, colour });
        let _ = write!(
            self.xml,
            "<p:sp><p:nvSpPr><p:cNvPr id=\"{id}\" name=\"Title {id}\"/><p:cNvSpPr><a:spLocks noGrp=\"1\"/></p:cNvSpPr>\
<p:nvPr><p:ph type=\"title\"/></p:nvPr></p:nvSpPr><p:spPr>{}</p:spPr>\
<p:txBody><a:bodyPr vert=\"horz\" wrap=\"square\" lIns=\"0\" tIns=\"0\" rIns=\"0\" bIns=\"0\" anchor=\"{anchor}\"><a:normAutofit/></a:bodyPr><a:lstStyle/>\
<a:p>{runs}</a:p></p:txBody></p:sp>",
            xfrm(r)
        );
    }

    /// A picture (PNG), with its description for screen readers.
    pub fn picture(&mut self, name: &str, rid: &str, r: layout::Rect, description: &str) {
        let id = self.id();
        let _ = write!(
            self.xml,
            "<p:pic><p:nvPicPr><p:cNvPr id=\"{id}\" name=\"{name} {id}\" descr=\"{}\"/><p:cNvPicPr><a:picLocks noChangeAspect=\"1\"/></p:cNvPicPr><p:nvPr/></p:nvPicPr>\
<p:blipFill><a:blip r:embed=\"{rid}\"/><a:stretch><a:fillRect/></a:stretch></p:blipFill>\
<p:spPr>{}<a:prstGeom prst=\"rect\"><a:avLst/></a:prstGeom></p:spPr></p:pic>",
            esc(description),
            xfrm(r)
        );
    }

    /// A native chart part.
    pub fn chart(&mut self, rid: &str, r: layout::Rect, description: &str) {
        let id = self.id();
        let (x, y, cx, cy) = r.emu();
        let _ = write!(
            self.xml,
            "<p:graphicFrame><p:nvGraphicFramePr><p:cNvPr id=\"{id}\" name=\"Chart {id}\" descr=\"{}\"/><p:cNvGraphicFramePr/><p:nvPr/></p:nvGraphicFramePr>\
<p:xfrm><a:off x=\"{x}\" y=\"{y}\"/><a:ext cx=\"{cx}\" cy=\"{cy}\"/></p:xfrm>\
<a:graphic><a:graphicData uri=\"http://schemas.openxmlformats.org/drawingml/2006/chart\">\
<c:chart xmlns:c=\"http://schemas.openxmlformats.org/drawingml/2006/chart\" r:id=\"{rid}\"/></a:graphicData></a:graphic></p:graphicFrame>",
            esc(description)
        );
    }
}

/// How the chart of a chart slide is placed: as a native chart or a picture, by relationship id.
pub(super) enum Visual<'a> {
    Native(&'a str),
    Picture(&'a str),
}

/// The slide's XML (its relationships are the caller's: rId1 is the layout).
pub(super) fn slide_xml(
    slide: &Slide,
    number: usize,
    theme: &Theme,
    visual: Option<Visual>,
    logo: Option<(&str, f32)>,
) -> String {
    let mut s = Shapes { xml: String::new(), next: 1 };
    match &slide.body {
        SlideBody::Cover { subtitle } => {
            s.shape("Band", "rect", layout::COVER_BAND, theme.palette.0[0]);
            let t = layout::COVER_TITLE;
            let size = layout::fit(&slide.title, &[layout::COVER_TITLE_SIZE, 32.0, 28.0], true, t.w, 2);
            s.title(&slide.title, t, size, theme.title, "t");
            let run = Run { text: subtitle, size: 16.0, bold: false, colour: theme.muted };
            s.text(
                "Subtitle",
                layout::COVER_SUBTITLE,
                &[Para { runs: vec![run], bullet: None, after: 0.0 }],
                "t",
                None,
            );
        }
        body => {
            let t = layout::title_box(logo.map(|l| l.1));
            let size = layout::title_size(&slide.title, t.w);
            s.title(&slide.title, t, size, theme.title, "b");
            s.shape("Rule", "rect", layout::RULE, theme.palette.0[0]);
            match body {
                SlideBody::Figures { tiles, points } => {
                    for (i, tile) in tiles.iter().enumerate() {
                        tile_xml(&mut s, layout::tile(i, tiles.len()), tile, theme);
                    }
                    points_xml(&mut s, layout::UNDER_TILES, points, layout::POINT_SIZE, theme);
                }
                SlideBody::Chart { chart, points } => {
                    let described = format!("{} — {}", slide.title, chart.subtitle);
                    match visual {
                        Some(Visual::Native(rid)) => s.chart(rid, layout::CHART, &described),
                        Some(Visual::Picture(rid)) => s.picture("Chart picture", rid, layout::CHART, &described),
                        None => {}
                    }
                    points_xml(&mut s, layout::CHART_POINTS, points, layout::POINT_SIZE, theme);
                }
                SlideBody::Points { points } => {
                    points_xml(&mut s, layout::POINTS, points, layout::WIDE_POINT_SIZE, theme)
                }
                SlideBody::Cards { cards } => {
                    for (i, (statement, source)) in cards.iter().enumerate() {
                        let r = layout::card(i, cards.len());
                        let size = layout::card_statement_size(statement, r);
                        let quoted = format!("“{statement}”");
                        let paras = [
                            Para {
                                runs: vec![Run { text: &quoted, size, bold: false, colour: theme.text }],
                                bullet: None,
                                after: 12.0,
                            },
                            Para {
                                runs: vec![Run { text: source, size: 10.0, bold: false, colour: theme.muted }],
                                bullet: None,
                                after: 0.0,
                            },
                        ];
                        s.text("Evidence", r, &paras, "t", Some(tint(theme)));
                        s.shape("Card rule", "rect", layout::Rect::new(r.x, r.y, 4.0, r.h), theme.palette.0[0]);
                    }
                }
                SlideBody::Cover { .. } => unreachable!("above"),
            }
            fn small(text: &str, colour: Rgb) -> Run<'_> {
                Run { text, size: layout::SMALL_SIZE, bold: false, colour }
            }
            s.text(
                "Source",
                layout::FOOTER,
                &[Para { runs: vec![small(&slide.footer, theme.muted)], bullet: None, after: 0.0 }],
                "t",
                None,
            );
            let n = number.to_string();
            let mut p = paras_xml(&[Para { runs: vec![small(&n, theme.muted)], bullet: None, after: 0.0 }]);
            p = p.replacen("<a:pPr>", "<a:pPr algn=\"r\">", 1);
            let id = s.id();
            let _ = write!(
                s.xml,
                "<p:sp><p:nvSpPr><p:cNvPr id=\"{id}\" name=\"Slide number {id}\"/><p:cNvSpPr txBox=\"1\"/><p:nvPr/></p:nvSpPr>\
<p:spPr>{}<a:prstGeom prst=\"rect\"><a:avLst/></a:prstGeom><a:noFill/></p:spPr>\
<p:txBody><a:bodyPr wrap=\"none\" lIns=\"0\" tIns=\"0\" rIns=\"0\" bIns=\"0\"/><a:lstStyle/>{p}</p:txBody></p:sp>",
                xfrm(layout::NUMBER)
            );
        }
    }
    if let Some((rid, aspect)) = logo {
        let cover = matches!(slide.body, SlideBody::Cover { .. });
        s.picture("Logo", rid, layout::logo(aspect, cover), "Logo");
    }
    format!(
        "{XML}<p:sld xmlns:a=\"{NS_A}\" xmlns:r=\"{NS_R}\" xmlns:p=\"{NS_P}\"><p:cSld><p:bg><p:bgPr><a:solidFill><a:srgbClr val=\"{}\"/></a:solidFill><a:effectLst/></p:bgPr></p:bg>\
<p:spTree><p:nvGrpSpPr><p:cNvPr id=\"1\" name=\"\"/><p:cNvGrpSpPr/><p:nvPr/></p:nvGrpSpPr>\
<p:grpSpPr><a:xfrm><a:off x=\"0\" y=\"0\"/><a:ext cx=\"0\" cy=\"0\"/><a:chOff x=\"0\" y=\"0\"/><a:chExt cx=\"0\" cy=\"0\"/></a:xfrm></p:grpSpPr>\
{}</p:spTree></p:cSld><p:clrMapOvr><a:masterClrMapping/></p:clrMapOvr></p:sld>",
        hex(theme.background),
        s.xml
    )
}

fn points_xml(s: &mut Shapes, r: layout::Rect, points: &[String], size: f32, theme: &Theme) {
    let paras: Vec<Para> = points
        .iter()
        .map(|p| Para {
            runs: vec![Run { text: p, size, bold: false, colour: theme.text }],
            bullet: Some(theme.palette.0[0]),
            after: size * 0.6,
        })
        .collect();
    s.text("Points", r, &paras, "t", None);
}

fn tile_xml(s: &mut Shapes, r: layout::Rect, t: &Tile, theme: &Theme) {
    let value_size = layout::fit(&t.value, &[30.0, 26.0, 22.0, 18.0], true, r.w - 24.0, 1);
    let mut paras = vec![
        Para {
            runs: vec![Run { text: &t.label, size: 11.0, bold: false, colour: theme.muted }],
            bullet: None,
            after: 4.0,
        },
        Para {
            runs: vec![Run { text: &t.value, size: value_size, bold: true, colour: theme.text }],
            bullet: None,
            after: 6.0,
        },
        Para {
            runs: vec![Run { text: &t.change, size: 10.0, bold: false, colour: theme.text }],
            bullet: None,
            after: 4.0,
        },
    ];
    let words;
    if let Some(st) = t.status {
        words = match &t.target {
            Some(target) => format!("● {} ({target})", st.word()),
            None => format!("● {}", st.word()),
        };
        paras.push(Para {
            runs: vec![Run { text: &words, size: 9.5, bold: true, colour: status_colour(st) }],
            bullet: None,
            after: 0.0,
        });
    }
    s.text("Figure", r, &paras, "t", Some(tint(theme)));
}
