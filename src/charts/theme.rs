//! The look of every chart: colours (a colour-blind-safe palette by
//! default), light or dark.

/// An RGB colour.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Rgb(pub u8, pub u8, pub u8);

impl Rgb {
    pub(super) fn plotters(self) -> plotters::style::RGBColor {
        plotters::style::RGBColor(self.0, self.1, self.2)
    }
}

/// Series colours, in order.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Palette(pub Vec<Rgb>);

impl Palette {
    /// Okabe & Ito (2008): eight colours told apart with any colour vision.
    pub fn colour_blind_safe() -> Palette {
        Palette(vec![
            Rgb(0, 114, 178),   // blue
            Rgb(230, 159, 0),   // orange
            Rgb(0, 158, 115),   // bluish green
            Rgb(204, 121, 167), // reddish purple
            Rgb(86, 180, 233),  // sky blue
            Rgb(213, 94, 0),    // vermillion
            Rgb(240, 228, 66),  // yellow
            Rgb(0, 0, 0),       // black
        ])
    }
}

/// Colours of the page and its text.
#[derive(Debug, Clone, PartialEq)]
pub struct Theme {
    pub palette: Palette,
    pub background: Rgb,
    pub text: Rgb,
    pub muted: Rgb,
    pub grid: Rgb,
    /// Text and gaps relative to the picture (1: a full-screen chart; more
    /// for a chart that sits small on a slide).
    pub type_scale: f64,
    /// The colour titles are set in (the text's, unless the brand says).
    pub title: Rgb,
    /// The brand's font; DejaVu Sans when `None`.
    pub font: Option<std::sync::Arc<super::fonts::FontFace>>,
}

impl Theme {
    pub fn light() -> Theme {
        Theme {
            palette: Palette::colour_blind_safe(),
            background: Rgb(255, 255, 255),
            text: Rgb(28, 30, 38),
            title: Rgb(28, 30, 38),
            muted: Rgb(96, 100, 112),
            grid: Rgb(226, 228, 234),
            type_scale: 1.0,
            font: None,
        }
    }

    pub fn dark() -> Theme {
        let mut palette = Palette::colour_blind_safe();
        palette.0[7] = Rgb(230, 230, 230); // black would vanish
        Theme {
            palette,
            background: Rgb(24, 26, 33),
            text: Rgb(236, 238, 244),
            title: Rgb(236, 238, 244),
            muted: Rgb(160, 165, 178),
            grid: Rgb(58, 62, 74),
            type_scale: 1.0,
            font: None,
        }
    }

    pub(super) fn series(&self, i: usize) -> Rgb {
        self.palette.0[i % self.palette.0.len()]
    }
}
