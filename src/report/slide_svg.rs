//! A slide as a picture: SVG laid out exactly as the PowerPoint writer
//! places its boxes ([`super::layout`]), with the chart drawn by the core.
//! The app previews these pictures, and the PDF is made of them, so what
//! the strategist previews is what the PDF shows.

use std::fmt::Write;

use super::layout::{self, Rect};
use super::{Deck, ReportError, Slide, SlideBody, Status, Tile, esc};
use crate::charts::{self, Rgb, Size, Theme};

pub(crate) fn hex(c: Rgb) -> String {
    format!("{:02X}{:02X}{:02X}", c.0, c.1, c.2)
}

/// The colour a status is drawn in (Okabe–Ito, with the word beside it).
pub(crate) fn status_colour(s: Status) -> Rgb {
    match s {
        Status::Green => Rgb(0, 158, 115),
        Status::Amber => Rgb(230, 159, 0),
        Status::Red => Rgb(213, 94, 0),
    }
}

/// A tint of the accent for tiles: the background mixed with a little colour.
pub(crate) fn tint(theme: &Theme) -> Rgb {
    let (a, b) = (theme.palette.0[0], theme.background);
    let mix = |x: u8, y: u8| ((f32::from(x) * 0.08) + f32::from(y) * 0.92).round() as u8;
    Rgb(mix(a.0, b.0), mix(a.1, b.1), mix(a.2, b.2))
}

struct Svg {
    out: String,
}

impl Svg {
    fn text(&mut self, x: f32, top: f32, size: f32, bold: bool, colour: Rgb, s: &str) {
        let baseline = top + size * 0.95;
        let weight = if bold { " font-weight=\"bold\"" } else { "" };
        let family = esc(&layout::family());
        let _ = write!(
            self.out,
            "<text x=\"{x:.1}\" y=\"{baseline:.1}\" font-family=\"{family}\" font-size=\"{size}\"{weight} fill=\"#{}\" xml:space=\"preserve\">{}</text>",
            hex(colour),
            esc(s)
        );
    }

    fn rect(&mut self, r: Rect, colour: Rgb) {
        let _ = write!(
            self.out,
            "<rect x=\"{:.1}\" y=\"{:.1}\" width=\"{:.1}\" height=\"{:.1}\" fill=\"#{}\"/>",
            r.x,
            r.y,
            r.w,
            r.h,
            hex(colour)
        );
    }

    /// Wrapped lines from `top`; returns the y under the last line.
    fn lines(&mut self, r: Rect, top: f32, (size, bold, colour): (f32, bool, Rgb), s: &str, max: usize) -> f32 {
        let mut y = top;
        for line in layout::wrap(s, size, bold, r.w, max) {
            self.text(r.x, y, size, bold, colour, &line);
            y += layout::leading(size);
        }
        y
    }

    /// Sentences with bullets, shrinking until they fit the box.
    fn points(&mut self, r: Rect, points: &[String], size: f32, theme: &Theme) {
        let indent = size * 1.1;
        let inner = Rect::new(r.x + indent, r.y, r.w - indent, r.h);
        let height = |size: f32| {
            points
                .iter()
                .map(|p| layout::wrap(p, size, false, inner.w, 99).len() as f32 * layout::leading(size) + size * 0.6)
                .sum::<f32>()
        };
        let mut size = size;
        while size > 10.0 && height(size) > r.h {
            size -= 1.0;
        }
        let mut y = r.y;
        for p in points {
            self.text(r.x, y, size, true, theme.palette.0[0], "•");
            y = self.lines(inner, y, (size, false, theme.text), p, 99) + size * 0.6;
        }
    }
}

/// The slide `index` of the deck, as SVG (960 × 540 points), its text set
/// in the brand's font when there is one.
pub fn slide_svg(deck: &Deck, index: usize) -> Result<String, ReportError> {
    layout::with_face(deck.theme.font.as_ref(), || draw_slide(deck, index))
}

fn draw_slide(deck: &Deck, index: usize) -> Result<String, ReportError> {
    let slide = &deck.slides[index];
    let theme = &deck.theme;
    let mut svg = Svg { out: String::with_capacity(64 * 1024) };
    let _ = write!(
        svg.out,
        "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"{w}\" height=\"{h}\" viewBox=\"0 0 {w} {h}\">",
        w = layout::WIDTH,
        h = layout::HEIGHT
    );
    svg.rect(Rect::new(0.0, 0.0, layout::WIDTH, layout::HEIGHT), theme.background);
    match &slide.body {
        SlideBody::Cover { subtitle } => cover(&mut svg, slide, subtitle, theme),
        body => {
            title(&mut svg, &slide.title, theme, deck.logo.as_ref().map(|l| l.aspect()));
            match body {
                SlideBody::Figures { tiles, points } => {
                    for (i, t) in tiles.iter().enumerate() {
                        tile(&mut svg, layout::tile(i, tiles.len()), t, theme);
                    }
                    svg.points(layout::UNDER_TILES, points, layout::POINT_SIZE, theme);
                }
                SlideBody::Chart { chart, points } => {
                    let (w, h) = layout::CHART_PIXELS;
                    let drawn = charts::svg(chart, Size { width: w, height: h }, &layout::chart_theme(theme))?;
                    let c = layout::CHART;
                    let head = format!("<svg width=\"{w}\" height=\"{h}\"");
                    let placed = format!("<svg x=\"{}\" y=\"{}\" width=\"{}\" height=\"{}\"", c.x, c.y, c.w, c.h);
                    let Some(rest) = drawn.strip_prefix(&head) else {
                        return Err(
                            charts::ChartError::Svg("the chart's SVG does not start with its size".into()).into()
                        );
                    };
                    svg.out.push_str(&placed);
                    svg.out.push_str(rest);
                    svg.points(layout::CHART_POINTS, points, layout::POINT_SIZE, theme);
                }
                SlideBody::Points { points } => svg.points(layout::POINTS, points, layout::WIDE_POINT_SIZE, theme),
                SlideBody::Cards { cards } => {
                    for (i, (statement, source)) in cards.iter().enumerate() {
                        let r = layout::card(i, cards.len());
                        svg.rect(r, tint(theme));
                        svg.rect(layout::Rect::new(r.x, r.y, 4.0, r.h), theme.palette.0[0]);
                        let pad = layout::CARD_PAD;
                        let inner = layout::Rect::new(r.x + pad, r.y + pad, r.w - 2.0 * pad, r.h - 2.0 * pad);
                        let size = layout::card_statement_size(statement, r);
                        svg.lines(inner, inner.y, (size, false, theme.text), &format!("“{statement}”"), 99);
                        let src = layout::Rect::new(inner.x, inner.y + inner.h - 26.0, inner.w, 26.0);
                        svg.lines(src, src.y, (10.0, false, theme.muted), source, 2);
                    }
                }
                SlideBody::Cover { .. } => unreachable!("drawn above"),
            }
            footer(&mut svg, slide, index, theme);
        }
    }
    if let Some(logo) = &deck.logo {
        let r = layout::logo(logo.aspect(), matches!(slide.body, SlideBody::Cover { .. }));
        let _ = write!(
            svg.out,
            "<image x=\"{:.1}\" y=\"{:.1}\" width=\"{:.1}\" height=\"{:.1}\" href=\"{}\"/>",
            r.x,
            r.y,
            r.w,
            r.h,
            logo.data_url()
        );
    }
    svg.out.push_str("</svg>");
    Ok(svg.out)
}

fn title(svg: &mut Svg, title: &str, theme: &Theme, logo: Option<f32>) {
    let t = layout::title_box(logo);
    let size = layout::title_size(title, t.w);
    let lines = layout::wrap(title, size, true, t.w, 2);
    // Bottom-aligned over the accent rule, as the PowerPoint box anchors it.
    let block = lines.len() as f32 * layout::leading(size);
    let mut y = t.y + t.h - block;
    for line in &lines {
        svg.text(t.x, y, size, true, theme.title, line);
        y += layout::leading(size);
    }
    svg.rect(layout::RULE, theme.palette.0[0]);
}

fn footer(svg: &mut Svg, slide: &Slide, index: usize, theme: &Theme) {
    let f = layout::FOOTER;
    let line = layout::wrap(&slide.footer, layout::SMALL_SIZE, false, f.w, 1);
    svg.text(f.x, f.y, layout::SMALL_SIZE, false, theme.muted, line.first().map(String::as_str).unwrap_or(""));
    let n = (index + 1).to_string();
    let r = layout::NUMBER;
    let x = r.x + r.w - layout::text_width(&n, layout::SMALL_SIZE, false);
    svg.text(x, r.y, layout::SMALL_SIZE, false, theme.muted, &n);
}

fn cover(svg: &mut Svg, slide: &Slide, subtitle: &str, theme: &Theme) {
    svg.rect(layout::COVER_BAND, theme.palette.0[0]);
    let t = layout::COVER_TITLE;
    let size = layout::fit(&slide.title, &[layout::COVER_TITLE_SIZE, 32.0, 28.0], true, t.w, 2);
    svg.lines(t, t.y, (size, true, theme.title), &slide.title, 2);
    let s = layout::COVER_SUBTITLE;
    svg.lines(s, s.y, (16.0, false, theme.muted), subtitle, 2);
}

fn tile(svg: &mut Svg, r: Rect, t: &Tile, theme: &Theme) {
    svg.rect(r, tint(theme));
    let pad = 12.0;
    let inner = Rect::new(r.x + pad, r.y + pad, r.w - 2.0 * pad, r.h - 2.0 * pad);
    let y = svg.lines(inner, inner.y, (11.0, false, theme.muted), &t.label, 2);
    let value_size = layout::fit(&t.value, &[30.0, 26.0, 22.0, 18.0], true, inner.w, 1);
    svg.text(inner.x, y.max(inner.y + 30.0), value_size, true, theme.text, &t.value);
    let y = inner.y + 30.0 + 40.0;
    let y = svg.lines(inner, y, (10.0, false, theme.text), &t.change, 3);
    if let Some(s) = t.status {
        let dot = 8.0;
        let _ = write!(
            svg.out,
            "<circle cx=\"{:.1}\" cy=\"{:.1}\" r=\"{}\" fill=\"#{}\"/>",
            inner.x + dot / 2.0,
            y + 4.0 + dot / 2.0,
            dot / 2.0,
            hex(status_colour(s))
        );
        let words = match &t.target {
            Some(target) => format!("{} ({target})", s.word()),
            None => s.word().to_owned(),
        };
        let text = Rect::new(inner.x + dot + 5.0, y, inner.w - dot - 5.0, 30.0);
        svg.lines(text, y + 1.0, (9.5, true, status_colour(s)), &words, 2);
    }
}

/// A slide's picture as PNG, `scale` pixels per point (2: 1920 × 1080).
pub fn slide_png(deck: &Deck, index: usize, scale: f32) -> Result<Vec<u8>, ReportError> {
    Ok(charts::png(&outline(deck, &slide_svg(deck, index)?)?, scale)?)
}

/// A slide's SVG with its text as paths (in the deck's fonts).
pub fn outline(deck: &Deck, svg: &str) -> Result<String, ReportError> {
    Ok(charts::outline_with(svg, deck.theme.font.as_deref())?)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::charts::{BarRow, Body, Chart};
    use crate::report::{Deck, Slide, SlideName, Tile};

    fn deck() -> Deck {
        let chart = Chart {
            title: String::new(),
            subtitle: "Share of each department active · 1 Aug – 29 Oct 2026, all tools".into(),
            footer: String::new(),
            body: Body::Bars {
                rows: vec![
                    BarRow { label: "Zoë's R&D".into(), share: 0.62, note: "62 % of 40".into(), reference: None },
                    BarRow {
                        label: "Ventes Île-de-France".into(),
                        share: 0.31,
                        note: "31 % of 55".into(),
                        reference: None,
                    },
                ],
                axis: "share of the department active".into(),
                reference: None,
            },
        };
        let slide = |name, title: &str, body| Slide {
            name,
            title: title.into(),
            body,
            notes: String::new(),
            footer: "Source: Chorus · test".into(),
        };
        Deck {
            title: "Test".into(),
            period: "1 Aug – 29 Oct 2026".into(),
            made: chrono::NaiveDate::from_ymd_opt(2026, 10, 30).unwrap(),
            theme: Theme::light(),
            tables: vec![],
            logo: None,
            min_group: 5,
            slides: vec![
                slide(
                    SlideName::Summary,
                    "The conversation grew: 12 % more people took part than in the previous period",
                    SlideBody::Figures {
                        tiles: vec![Tile {
                            label: "Share of population active".into(),
                            value: "42.8 %".into(),
                            change: "+1.7 pts on the previous 90 days".into(),
                            status: Some(Status::Amber),
                            target: Some("50.0 %".into()),
                        }],
                        points: vec!["43 % of the 1005 people in the directory took part at least once.".into()],
                    },
                ),
                slide(
                    SlideName::Departments,
                    "Zoë's R&D leads at 62 % active; Ventes Île-de-France trails at 31 %",
                    SlideBody::Chart { chart, points: vec!["Ahead: Zoë's R&D (62 % of 40).".into()] },
                ),
            ],
        }
    }

    /// The slide's layout as text: its boxes, words and colours. Geometry
    /// of the glyph outlines and of the chart's drawing are left out (they
    /// belong to the fonts and to plotters, and the PNGs are looked at).
    fn layout_of(svg: &str) -> String {
        let mut out = String::new();
        let mut rest = svg;
        while let Some(at) = rest.find('<') {
            let end = rest[at..].find('>').map(|e| at + e + 1).unwrap_or(rest.len());
            let tag = &rest[at..end];
            let text_end = rest[end..].find('<').map(|e| end + e).unwrap_or(rest.len());
            let text = rest[end..text_end].trim();
            if tag.starts_with("<path") || tag.starts_with("<g") || tag.starts_with("</g") {
                // Inside the chart: plotters' and usvg's drawing.
            } else {
                out.push_str(tag);
                if !text.is_empty() {
                    out.push_str(text);
                }
                out.push('\n');
            }
            rest = &rest[text_end..];
        }
        out
    }

    #[test]
    fn slides_are_laid_out_as_the_deck_places_them() {
        let d = deck();
        insta::assert_snapshot!("summary_slide", layout_of(&slide_svg(&d, 0).unwrap()));
        insta::assert_snapshot!("chart_slide", layout_of(&slide_svg(&d, 1).unwrap()));
    }
}
