//! Where everything sits on a 16:9 slide, in points (960 × 540, the size
//! of a PowerPoint widescreen slide), shared by the PowerPoint writer and
//! the slide pictures (preview and PDF), and the text measure both wrap by.

use ab_glyph::{Font, FontRef};

/// The slide, in points.
pub const WIDTH: f32 = 960.0;
pub const HEIGHT: f32 = 540.0;
/// EMU (English Metric Units) per point: PowerPoint's unit.
pub const EMU: f32 = 12_700.0;

/// A rectangle on the slide, in points.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Rect {
    pub x: f32,
    pub y: f32,
    pub w: f32,
    pub h: f32,
}

impl Rect {
    pub const fn new(x: f32, y: f32, w: f32, h: f32) -> Rect {
        Rect { x, y, w, h }
    }

    /// In EMU, as PowerPoint wants it: (x, y, cx, cy).
    pub fn emu(self) -> (i64, i64, i64, i64) {
        let e = |v: f32| (v * EMU).round() as i64;
        (e(self.x), e(self.y), e(self.w), e(self.h))
    }
}

const MARGIN: f32 = 40.0;

pub const TITLE: Rect = Rect::new(MARGIN, 24.0, WIDTH - 2.0 * MARGIN, 70.0);
pub const TITLE_SIZE: f32 = 24.0;
/// The accent rule under the title.
pub const RULE: Rect = Rect::new(MARGIN, 102.0, 56.0, 4.0);
pub const FOOTER: Rect = Rect::new(MARGIN, 512.0, WIDTH - 2.0 * MARGIN - 48.0, 14.0);
pub const NUMBER: Rect = Rect::new(WIDTH - MARGIN - 40.0, 512.0, 40.0, 14.0);
pub const SMALL_SIZE: f32 = 9.0;

/// A chart slide: the chart at 16:9 on the left, what to read in it on the right.
pub const CHART: Rect = Rect::new(MARGIN, 120.0, 608.0, 342.0);
pub const CHART_POINTS: Rect = Rect::new(MARGIN + 608.0 + 24.0, 128.0, WIDTH - 2.0 * MARGIN - 608.0 - 24.0, 370.0);
/// The chart's picture, in pixels (twice the points: sharp when projected).
pub const CHART_PIXELS: (u32, u32) = (crate::charts::Size::SLIDE.width, crate::charts::Size::SLIDE.height);

/// The theme a chart is drawn with on a slide: its text larger than on a
/// full-screen chart, so that it reads at the size the chart sits.
pub fn chart_theme(theme: &crate::charts::Theme) -> crate::charts::Theme {
    crate::charts::Theme { type_scale: 1.5, ..theme.clone() }
}

/// A slide of sentences.
pub const POINTS: Rect = Rect::new(MARGIN, 124.0, WIDTH - 2.0 * MARGIN, 370.0);
pub const POINT_SIZE: f32 = 15.0;
pub const WIDE_POINT_SIZE: f32 = 18.0;

/// The summary's tiles, side by side, and the sentences under them.
pub const TILES: Rect = Rect::new(MARGIN, 126.0, WIDTH - 2.0 * MARGIN, 150.0);
pub const TILE_GAP: f32 = 14.0;
pub const UNDER_TILES: Rect = Rect::new(MARGIN, 300.0, WIDTH - 2.0 * MARGIN, 190.0);

/// Evidence cards, side by side.
pub const CARDS: Rect = Rect::new(MARGIN, 130.0, WIDTH - 2.0 * MARGIN, 250.0);

/// The i-th of n evidence cards.
pub fn card(i: usize, n: usize) -> Rect {
    let n = n.max(1) as f32;
    let w = (CARDS.w - TILE_GAP * 1.5 * (n - 1.0)) / n;
    Rect::new(CARDS.x + i as f32 * (w + TILE_GAP * 1.5), CARDS.y, w, CARDS.h)
}

/// The size a card's statement is set at: the largest that fits its box.
pub fn card_statement_size(statement: &str, r: Rect) -> f32 {
    let inner = r.w - 2.0 * CARD_PAD;
    let room = r.h - 2.0 * CARD_PAD - 40.0;
    [24.0, 22.0, 20.0, 18.0, 16.0, 14.0, 12.0]
        .into_iter()
        .find(|&s| wrap(statement, s, false, inner, usize::MAX).len() as f32 * leading(s) <= room)
        .unwrap_or(12.0)
}

/// A card's inner margin.
pub const CARD_PAD: f32 = 16.0;

/// The cover.
pub const COVER_TITLE: Rect = Rect::new(MARGIN + 20.0, 170.0, WIDTH - 2.0 * MARGIN - 40.0, 130.0);
pub const COVER_TITLE_SIZE: f32 = 36.0;
pub const COVER_SUBTITLE: Rect = Rect::new(MARGIN + 20.0, 320.0, WIDTH - 2.0 * MARGIN - 40.0, 60.0);
pub const COVER_BAND: Rect = Rect::new(0.0, 0.0, 24.0, HEIGHT);

/// Line height for a font size.
pub fn leading(size: f32) -> f32 {
    size * 1.25
}

/// The i-th of n tiles.
pub fn tile(i: usize, n: usize) -> Rect {
    let n = n.max(1) as f32;
    let w = (TILES.w - TILE_GAP * (n - 1.0)) / n;
    Rect::new(TILES.x + i as f32 * (w + TILE_GAP), TILES.y, w, TILES.h)
}

thread_local! {
    /// The brand font the slide being written is set in (`None`: DejaVu Sans).
    static FACE: std::cell::RefCell<Option<std::sync::Arc<crate::charts::FontFace>>> = const { std::cell::RefCell::new(None) };
}

/// Runs `f` with slides set in `face` (measured with it, named after it).
pub fn with_face<T>(face: Option<&std::sync::Arc<crate::charts::FontFace>>, f: impl FnOnce() -> T) -> T {
    let before = FACE.with(|c| c.replace(face.cloned()));
    let out = f();
    FACE.with(|c| c.replace(before));
    out
}

/// The family the slides are set in.
pub fn family() -> String {
    FACE.with(|c| c.borrow().as_ref().map(|f| f.family.clone()))
        .unwrap_or_else(|| crate::charts::fonts::FAMILY.to_owned())
}

fn width_in(f: &FontRef, text: &str, size: f32) -> f32 {
    let per_unit = size / f.units_per_em().unwrap_or(2048.0);
    text.chars().map(|c| f.h_advance_unscaled(f.glyph_id(c))).sum::<f32>() * per_unit
}

/// The width of `text` set at `size` points, in the brand font or the shipped one.
pub fn text_width(text: &str, size: f32, bold: bool) -> f32 {
    let brand = FACE.with(|c| {
        let face = c.borrow();
        let f = face.as_ref()?;
        FontRef::try_from_slice(f.face(bold)).ok().map(|font| width_in(&font, text, size))
    });
    if let Some(w) = brand {
        return w;
    }
    let bytes = if bold { crate::charts::fonts::BOLD } else { crate::charts::fonts::REGULAR };
    let font = FontRef::try_from_slice(bytes).expect("the shipped font parses (tested)");
    width_in(&font, text, size)
}

/// A number keeps its unit: "31 %" never breaks after "31" (no-break spaces).
pub fn glue(text: &str) -> String {
    text.replace(" %", "\u{a0}%").replace(" pts", "\u{a0}pts")
}

/// `text` broken into lines no wider than `width`, at most `max` of them
/// (the last ending in "…" when the text is longer).
pub fn wrap(text: &str, size: f32, bold: bool, width: f32, max: usize) -> Vec<String> {
    let mut lines: Vec<String> = Vec::new();
    let mut line = String::new();
    let glued = glue(text);
    for word in glued.split([' ', '\t', '\n']).filter(|w| !w.is_empty()) {
        let candidate = if line.is_empty() { word.to_owned() } else { format!("{line} {word}") };
        if text_width(&candidate, size, bold) <= width || line.is_empty() && text_width(word, size, bold) <= width {
            line = candidate;
            continue;
        }
        if !line.is_empty() {
            lines.push(std::mem::take(&mut line));
        }
        // A word wider than the line is cut where it overflows.
        let mut rest = word.to_owned();
        while text_width(&rest, size, bold) > width {
            let mut cut = String::new();
            for c in rest.chars() {
                if text_width(&format!("{cut}{c}"), size, bold) > width && !cut.is_empty() {
                    break;
                }
                cut.push(c);
            }
            rest = rest[cut.len()..].to_owned();
            lines.push(cut);
        }
        line = rest;
    }
    if !line.is_empty() {
        lines.push(line);
    }
    if lines.len() > max {
        lines.truncate(max);
        let last = lines.last_mut().expect("max ≥ 1");
        while !last.is_empty() && text_width(&format!("{last}…"), size, bold) > width {
            last.pop();
        }
        let trimmed = last.trim_end().to_owned();
        *last = format!("{trimmed}…");
    }
    lines
}

/// Where the logo sits on a slide (top right) and on the cover (top left),
/// for a logo of that aspect (width ÷ height).
pub fn logo(aspect: f32, cover: bool) -> Rect {
    let (h, max_w) = if cover { (48.0, 220.0) } else { (26.0, 130.0) };
    let w = (h * aspect).min(max_w);
    let h = w / aspect;
    if cover { Rect::new(COVER_TITLE.x, 84.0, w, h) } else { Rect::new(WIDTH - MARGIN - w, 30.0, w, h) }
}

/// The title's box, leaving room for a logo of that aspect.
pub fn title_box(logo_aspect: Option<f32>) -> Rect {
    match logo_aspect {
        Some(a) => Rect { w: TITLE.w - logo(a, false).w - 20.0, ..TITLE },
        None => TITLE,
    }
}

/// The title's size: full size on one line; a little smaller when it
/// takes two, so that two lines sit well above the accent rule.
pub fn title_size(title: &str, width: f32) -> f32 {
    if wrap(title, TITLE_SIZE, true, width, usize::MAX).len() <= 1 {
        TITLE_SIZE
    } else {
        fit(title, &[21.0, 20.0, 18.0], true, width, 2)
    }
}

/// The largest size from `sizes` at which `text` fits in `lines` lines.
pub fn fit(text: &str, sizes: &[f32], bold: bool, width: f32, lines: usize) -> f32 {
    sizes
        .iter()
        .copied()
        .find(|&s| wrap(text, s, bold, width, usize::MAX).len() <= lines)
        .unwrap_or_else(|| sizes.last().copied().unwrap_or(12.0))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn text_is_measured_with_the_shipped_font() {
        let w = text_width("Active people", 20.0, false);
        assert!((100.0..200.0).contains(&w), "{w}");
        assert!(text_width("Active people", 20.0, true) > w, "bold is wider");
        assert!((text_width("ab", 10.0, false) * 2.0 - text_width("ab", 20.0, false)).abs() < 0.01);
    }

    #[test]
    fn wrapping_keeps_lines_inside_and_marks_what_was_cut() {
        let text = "The top 10 % of people wrote 64 % of the content; the top 1 %, 18 %";
        let lines = wrap(text, 24.0, true, 400.0, 9);
        assert!(lines.len() >= 2);
        assert!(lines.iter().all(|l| text_width(l, 24.0, true) <= 400.0), "{lines:?}");
        assert_eq!(lines.join(" ").replace('\u{a0}', " "), text, "nothing lost when it fits");
        assert!(lines.iter().all(|l| !l.ends_with(" 64") && !l.starts_with('%')), "a number keeps its unit: {lines:?}");
        let cut = wrap(text, 24.0, true, 400.0, 1);
        assert_eq!(cut.len(), 1);
        assert!(cut[0].ends_with('…') && text_width(&cut[0], 24.0, true) <= 400.0, "{cut:?}");
        let long = wrap(&"x".repeat(200), 12.0, false, 100.0, 99);
        assert!(long.iter().all(|l| text_width(l, 12.0, false) <= 100.0) && long.concat().len() == 200);
    }

    #[test]
    fn tiles_share_the_row() {
        let (a, b) = (tile(0, 4), tile(3, 4));
        assert_eq!(a.x, TILES.x);
        assert!((b.x + b.w - (TILES.x + TILES.w)).abs() < 0.01);
    }
}
