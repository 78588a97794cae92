//! Charts: pure functions from a chart's description (built from the
//! measures' output, never from the database) to SVG and PNG. Drawn once
//! with plotters to SVG; that SVG is then laid out by usvg with the fonts
//! shipped in `assets/fonts` (no system font is ever read), re-written with
//! its text as paths, and rasterised by resvg — so the SVG and the PNG are
//! one picture and look the same on every machine and in every viewer.
//!
//! [`catalogue`] turns the dashboard into the charts a strategist exports,
//! each titled with its finding.

pub mod brand;
pub mod catalogue;
mod draw;
pub(crate) mod fonts;
pub mod network;
mod stakeholders;
mod theme;
mod uptake;

pub use brand::{Brand, BrandError, Logo};
pub use catalogue::{ChartData, ChartName};
pub use fonts::FontFace;
pub use network::{CoverageRow, MapNode, NetworkChart};
pub use theme::{Palette, Rgb, Theme};

/// How big a chart is drawn, in pixels (the SVG's user units).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Size {
    pub width: u32,
    pub height: u32,
}

impl Size {
    /// 16:9, full HD: a slide or a screen.
    pub const WIDE: Size = Size { width: 1920, height: 1080 };
    /// Square, for a post or a side panel.
    pub const SQUARE: Size = Size { width: 1080, height: 1080 };
    /// The chart area of a deck's slide (608 × 342 points, 2 pixels a
    /// point), drawn with the larger text a slide needs.
    pub const SLIDE: Size = Size { width: 1216, height: 684 };
    /// A panel of the app's dashboard (shown about 540 pixels wide), drawn
    /// with a slide's larger text so that it reads at that size.
    pub const PANEL: Size = Size { width: 1080, height: 720 };

    /// Sizes drawn with the larger text of a slide.
    pub fn large_text(self) -> bool {
        self == Size::SLIDE || self == Size::PANEL
    }

    /// `1920x1080`, or `wide`, `square`, `slide`, `panel`.
    pub fn parse(s: &str) -> Option<Size> {
        match s.trim().to_ascii_lowercase().as_str() {
            "wide" => Some(Size::WIDE),
            "square" => Some(Size::SQUARE),
            "slide" => Some(Size::SLIDE),
            "panel" => Some(Size::PANEL),
            other => {
                let (w, h) = other.split_once('x')?;
                let (width, height) = (w.trim().parse().ok()?, h.trim().parse().ok()?);
                ((200..=8000).contains(&width) && (200..=8000).contains(&height)).then_some(Size { width, height })
            }
        }
    }
}

/// A chart, described: what it says and what it shows.
#[derive(Debug, Clone, PartialEq)]
pub struct Chart {
    /// The finding, in words ("Active people up 12 % on the previous 90 days").
    pub title: String,
    /// What is measured, over what ("People active each week, all tools").
    pub subtitle: String,
    /// Where the numbers come from, and when.
    pub footer: String,
    pub body: Body,
}

/// What a chart draws.
#[derive(Debug, Clone, PartialEq)]
pub enum Body {
    /// Values over time, one line per series, with the axis's name; shaded
    /// bands of dates, dated marks and a ceiling line behind them.
    Trend { series: Vec<Series>, axis: String, marks: Marks },
    /// Horizontal bars of shares (0–1), one per row, with an optional
    /// reference mark per row (e.g. the 90-9-1 rule's share) and a note
    /// printed after the bar.
    Bars { rows: Vec<BarRow>, axis: String, reference: Option<String> },
    /// A curve of shares against shares (0–1 on both axes), with the
    /// diagonal of perfect equality dashed behind it: a Lorenz curve.
    Curve { points: Vec<(f64, f64)>, x_axis: String, y_axis: String, diagonal: String },
    /// A 2×2 grid (the power/interest grid): each cell's name, how many it
    /// holds, and those broken down into parts (attitudes), or `None` where
    /// the cell is too small to break down; the axes' names.
    Quadrants { cells: Vec<Quadrant>, x_axis: String, y_axis: String, parts: Vec<String> },
    /// A network map: dots placed by the core's layout, coloured by group
    /// (the legend's (label, people) in palette order; `None` grey), and the
    /// ties drawn between them.
    Network { nodes: Vec<network::MapNode>, edges: Vec<(u32, u32)>, groups: Vec<(String, u32)> },
    /// Nothing to draw: the sentence says why.
    Empty { message: String },
}

/// One cell of a [`Body::Quadrants`], in reading order (top left first).
#[derive(Debug, Clone, PartialEq)]
pub struct Quadrant {
    pub label: String,
    pub total: u32,
    /// Counts in the order of the chart's parts, or `None` when withheld.
    pub parts: Option<Vec<u32>>,
}

/// One line of a trend: its name (in the legend when there are several) and
/// its (first day of the bucket, value) points, in date order.
#[derive(Debug, Clone, PartialEq)]
pub struct Series {
    pub name: String,
    pub points: Vec<(chrono::NaiveDate, f64)>,
}

/// What is drawn behind a trend.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Marks {
    /// (from, to, label): shaded, labelled at the top.
    pub bands: Vec<(chrono::NaiveDate, chrono::NaiveDate, String)>,
    /// A dated event (a rollout): a vertical line with its label.
    pub events: Vec<(chrono::NaiveDate, String)>,
    /// A level the value cannot pass (the population): a dashed line.
    pub ceiling: Option<(f64, String)>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct BarRow {
    pub label: String,
    pub share: f64,
    pub note: String,
    pub reference: Option<f64>,
}

impl Chart {
    /// Every piece of text the chart shows a reader (what the export door
    /// reads against the directory).
    pub fn texts(&self) -> Vec<String> {
        let mut out = vec![self.title.clone(), self.subtitle.clone(), self.footer.clone()];
        match &self.body {
            Body::Trend { series, axis, marks } => {
                out.extend(series.iter().map(|s| s.name.clone()));
                out.push(axis.clone());
                out.extend(marks.bands.iter().map(|b| b.2.clone()));
                out.extend(marks.events.iter().map(|d| d.1.clone()));
                out.extend(marks.ceiling.iter().map(|c| c.1.clone()));
            }
            Body::Bars { rows, axis, reference } => {
                out.extend(rows.iter().flat_map(|r| [r.label.clone(), r.note.clone()]));
                out.push(axis.clone());
                out.extend(reference.clone());
            }
            Body::Curve { x_axis, y_axis, diagonal, .. } => {
                out.extend([x_axis.clone(), y_axis.clone(), diagonal.clone()])
            }
            Body::Quadrants { cells, x_axis, y_axis, parts } => {
                out.extend(cells.iter().map(|c| c.label.clone()));
                out.extend([x_axis.clone(), y_axis.clone()]);
                out.extend(parts.iter().cloned());
            }
            Body::Network { groups, .. } => out.extend(groups.iter().map(|g| g.0.clone())),
            Body::Empty { message } => out.push(message.clone()),
        }
        out
    }
}

/// Why a chart could not be drawn.
#[derive(Debug, thiserror::Error)]
pub enum ChartError {
    #[error("{0}: a chart is written as .png or .svg")]
    Format(String),
    #[error("drawing the chart failed: {0}")]
    Draw(String),
    #[error("the chart's SVG could not be laid out: {0}")]
    Svg(String),
    #[error("the chart could not be rasterised: {0}")]
    Png(String),
}

impl ChartError {
    pub fn code(&self) -> &'static str {
        match self {
            ChartError::Format(_) => "bad_format",
            _ => "chart",
        }
    }
}

/// The chart as SVG, its text as paths (the same in any viewer).
pub fn svg(chart: &Chart, size: Size, theme: &Theme) -> Result<String, ChartError> {
    let raw = draw::draw(chart, size, theme)?;
    let tree = fonts::tree_with(&raw, theme.font.as_deref())?;
    let svg = tree.to_string(&usvg::WriteOptions::default());
    // A viewBox, so that the picture scales wherever it is shown.
    let head = format!("<svg width=\"{}\" height=\"{}\"", size.width, size.height);
    let with_box = format!("{head} viewBox=\"0 0 {} {}\"", size.width, size.height);
    let Some(rest) = svg.strip_prefix(&head) else {
        return Err(ChartError::Svg("the laid-out SVG does not start with its size".into()));
    };
    // The finding and what is measured as the picture's own title and
    // description: its text is drawn as paths, and a reader (a screen
    // reader, the app's caption) still needs the words.
    let words = match chart.title.is_empty() {
        true => String::new(),
        false => format!(
            "<title>{}</title><desc>{}</desc>",
            crate::text::esc(&chart.title),
            crate::text::esc(&chart.subtitle)
        ),
    };
    match rest.find('>') {
        Some(end) => Ok(format!("{with_box}{}{words}{}", &rest[..=end], &rest[end + 1..])),
        None => Err(ChartError::Svg("the laid-out SVG has no opening tag".into())),
    }
}

/// Any SVG Chorus draws (a slide, say), laid out with the shipped fonts and
/// re-written with its text as paths and a viewBox: the same in any viewer.
pub fn outline(raw: &str) -> Result<String, ChartError> {
    outline_with(raw, None)
}

/// [`outline`], with a brand font among the fonts.
pub fn outline_with(raw: &str, font: Option<&FontFace>) -> Result<String, ChartError> {
    let tree = fonts::tree_with(raw, font)?;
    let svg = tree.to_string(&usvg::WriteOptions::default());
    let (w, h) = (tree.size().width(), tree.size().height());
    match svg.find("<svg ") {
        Some(at) if !svg.contains("viewBox") => {
            Ok(format!("{}<svg viewBox=\"0 0 {w} {h}\" {}", &svg[..at], &svg[at + 5..]))
        }
        Some(_) => Ok(svg),
        None => Err(ChartError::Svg("the laid-out SVG has no svg element".into())),
    }
}

/// An SVG (as [`svg`] makes it) as pixels: width, height and RGBA rows,
/// `scale` times its size.
pub fn rgba(svg: &str, scale: f32) -> Result<(u32, u32, Vec<u8>), ChartError> {
    let tree = fonts::tree(svg)?;
    let size = tree.size().to_int_size().scale_by(scale).ok_or_else(|| ChartError::Png("empty size".into()))?;
    let mut pixmap = resvg::tiny_skia::Pixmap::new(size.width(), size.height())
        .ok_or_else(|| ChartError::Png(format!("{}×{} is too big", size.width(), size.height())))?;
    resvg::render(&tree, resvg::tiny_skia::Transform::from_scale(scale, scale), &mut pixmap.as_mut());
    let (width, height) = (pixmap.width(), pixmap.height());
    Ok((width, height, pixmap.take_demultiplied()))
}

/// A chart's SVG (as [`svg`] makes it) as PNG, `scale` times its size (2 for print).
pub fn png(svg: &str, scale: f32) -> Result<Vec<u8>, ChartError> {
    let (width, height, rgba) = rgba(svg, scale)?;
    // The fast deflate: most of the default's time went into compression,
    // for a file a few per cent smaller.
    let mut out = Vec::with_capacity(rgba.len() / 8);
    let mut encoder = png::Encoder::new(&mut out, width, height);
    encoder.set_color(png::ColorType::Rgba);
    encoder.set_depth(png::BitDepth::Eight);
    encoder.set_compression(png::Compression::Fast);
    let png_error = |e: png::EncodingError| ChartError::Png(e.to_string());
    let mut writer = encoder.write_header().map_err(png_error)?;
    writer.write_image_data(&rgba).map_err(png_error)?;
    writer.finish().map_err(png_error)?;
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_svg_carries_its_finding_as_words() {
        let chart = Chart {
            title: "Active people up 12 % <on> the quarter".into(),
            subtitle: "People active each week & all tools".into(),
            footer: String::new(),
            body: Body::Empty { message: "nothing".into() },
        };
        let drawn = svg(&chart, Size::PANEL, &Theme::light()).expect("drawn");
        let svg_text = &drawn;
        assert!(
            svg_text.starts_with("<svg width=\"1080\" height=\"720\" viewBox=\"0 0 1080 720\""),
            "{}",
            &svg_text[..80]
        );
        let open = svg_text.find('>').unwrap();
        assert!(
            svg_text[open + 1..].starts_with("<title>Active people up 12 % &lt;on&gt; the quarter</title><desc>People active each week &amp; all tools</desc>"),
            "the title and description come first, escaped: {}",
            &svg_text[..open + 160]
        );
        let untitled = Chart { title: String::new(), ..chart };
        assert!(
            !svg(&untitled, Size::SLIDE, &Theme::light()).unwrap().contains("<title>"),
            "a slide's chart is untitled"
        );
    }

    #[test]
    fn sizes_parse() {
        assert_eq!(Size::parse("1920x1080"), Some(Size::WIDE));
        assert_eq!(Size::parse("square"), Some(Size::SQUARE));
        assert_eq!(Size::parse("slide"), Some(Size::SLIDE));
        assert_eq!(Size::parse("panel"), Some(Size::PANEL));
        assert!(Size::PANEL.large_text() && !Size::WIDE.large_text(), "a panel is drawn with a slide's text");
        assert_eq!(Size::parse("10x10"), None, "too small to read");
        assert_eq!(Size::parse("wide-ish"), None);
    }
}

#[cfg(test)]
mod drawing_tests {
    use super::*;

    fn bars(label: &str) -> Chart {
        Chart {
            title: "Zoë's team leads".into(),
            subtitle: "Ελληνικά · Кириллица".into(),
            footer: "Source: test".into(),
            body: Body::Bars {
                rows: vec![BarRow { label: label.into(), share: 0.4, note: "40 %".into(), reference: Some(0.1) }],
                axis: "share".into(),
                reference: Some("rule".into()),
            },
        }
    }

    fn png_size(png: &[u8]) -> (u32, u32) {
        assert_eq!(&png[1..4], b"PNG", "a PNG file");
        let word = |at: usize| u32::from_be_bytes([png[at], png[at + 1], png[at + 2], png[at + 3]]);
        (word(16), word(20))
    }

    #[test]
    fn the_svg_carries_its_text_as_paths_and_the_png_is_the_same_picture() {
        let svg = svg(&bars("Łukasz Wójcik"), Size { width: 800, height: 450 }, &Theme::light()).unwrap();
        assert!(!svg.contains("<text"), "no text element: every viewer shows the same glyphs");
        assert!(svg.starts_with("<svg width=\"800\" height=\"450\" viewBox=\"0 0 800 450\""), "scales: {svg:.80}");
        assert!(
            svg.matches("<path").count() >= 5,
            "the title, subtitle, footer, labels and bars are paths: {svg:.400}"
        );
        assert_eq!(png_size(&png(&svg, 1.0).unwrap()), (800, 450));
        assert_eq!(png_size(&png(&svg, 2.0).unwrap()), (1600, 900), "twice the size for print");
    }

    #[test]
    fn accented_greek_and_cyrillic_names_are_drawn_with_the_shipped_font() {
        let plain = svg(&bars("Lukasz"), Size::SQUARE, &Theme::dark()).unwrap();
        let accented = svg(&bars("Łukasz Ж Ω é"), Size::SQUARE, &Theme::dark()).unwrap();
        assert!(accented.len() > plain.len() + 200, "the extra glyphs have outlines, not boxes or nothing");
    }

    #[test]
    fn an_empty_chart_says_so() {
        let chart = |message: &str| Chart {
            title: "No one was active".into(),
            subtitle: String::new(),
            footer: String::new(),
            body: Body::Empty { message: message.into() },
        };
        let said = svg(&chart("No activity in this period."), Size::WIDE, &Theme::light()).unwrap();
        let blank = svg(&chart(""), Size::WIDE, &Theme::light()).unwrap();
        assert!(said.len() > blank.len() + 500, "the sentence is drawn, not a blank frame");
    }
}
