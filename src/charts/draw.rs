//! Drawing a described chart to SVG with plotters: title, subtitle and
//! footer around the body, every size proportional to the picture's.

use plotters::coord::Shift;
use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, Pos, VPos};

use super::theme::{Rgb, Theme};
use super::{BarRow, Body, Chart, ChartError, Marks, Quadrant, Series, Size};

type Area<'a> = DrawingArea<SVGBackend<'a>, Shift>;

fn err<E: std::fmt::Debug>(e: E) -> ChartError {
    ChartError::Draw(format!("{e:?}"))
}

/// Text sizes and gaps, for a picture whose smaller side is `side` pixels,
/// and the family text is set in.
struct Scale(f64, String);

impl Scale {
    fn px(&self, v: f64) -> i32 {
        (v * self.0).round() as i32
    }
    fn font(&self, v: f64, bold: bool, colour: Rgb) -> TextStyle<'_> {
        let style = if bold { FontStyle::Bold } else { FontStyle::Normal };
        FontDesc::new(FontFamily::Name(&self.1), v * self.0, style).color(&colour.plotters())
    }
}

pub(super) fn draw(chart: &Chart, size: Size, theme: &Theme) -> Result<String, ChartError> {
    super::fonts::register(theme.font.as_deref())?;
    let mut out = String::new();
    {
        let root = SVGBackend::with_string(&mut out, (size.width, size.height)).into_drawing_area();
        root.fill(&theme.background.plotters()).map_err(err)?;
        let family = super::fonts::family(theme.font.as_deref()).to_owned();
        let s = Scale(f64::from(size.width.min(size.height)) / 1080.0 * theme.type_scale, family);
        let m = s.px(64.0);
        let width = size.width as i32 - 2 * m;
        // A long finding wraps onto a second line rather than leaving the picture.
        let title_style = s.font(50.0, true, theme.title);
        // Untitled on a slide, whose title says the finding.
        let lines = match chart.title.is_empty() {
            true => Vec::new(),
            false => wrap(&root, &chart.title, &title_style, width)?,
        };
        let mut y = if lines.is_empty() { m / 2 - s.px(8.0) } else { m };
        for line in &lines {
            root.draw(&Text::new(line.clone(), (m, y), title_style.clone())).map_err(err)?;
            y += s.px(62.0);
        }
        let subtitle = s.font(28.0, false, theme.muted);
        let sub = fit(&root, &chart.subtitle, &subtitle, width)?;
        root.draw(&Text::new(sub, (m, y + s.px(8.0)), subtitle)).map_err(err)?;
        let extra = s.px(62.0) * (lines.len() as i32 - 1) - if lines.is_empty() { m / 2 } else { 0 };
        let footer = s.font(22.0, false, theme.muted).pos(Pos::new(HPos::Left, VPos::Bottom));
        root.draw(&Text::new(chart.footer.clone(), (m, size.height as i32 - m / 2), footer)).map_err(err)?;
        let body = root.margin(m + s.px(140.0) + extra, m + s.px(20.0), m, m);
        match &chart.body {
            Body::Trend { series, axis, marks } => trend(&body, series, axis, marks, &s, theme)?,
            Body::Bars { rows, axis, reference } => bars(&body, rows, axis, reference.as_deref(), &s, theme)?,
            Body::Curve { points, x_axis, y_axis, diagonal } => {
                curve(&body, points, (x_axis, y_axis), diagonal, &s, theme)?
            }
            Body::Quadrants { cells, x_axis, y_axis, parts } => {
                quadrants(&body, cells, (x_axis, y_axis), parts, &s, theme)?
            }
            Body::Network { nodes, edges, groups } => network_map(&body, nodes, edges, groups, &s, theme)?,
            Body::Empty { message } => {
                let (w, h) = body.dim_in_pixel();
                let style = s.font(34.0, false, theme.muted).pos(Pos::new(HPos::Center, VPos::Center));
                body.draw(&Text::new(message.clone(), (w as i32 / 2, h as i32 / 2), style)).map_err(err)?;
            }
        }
        root.present().map_err(err)?;
    }
    Ok(out)
}

fn text_width(area: &Area, text: &str, style: &TextStyle) -> Result<i32, ChartError> {
    Ok(area.estimate_text_size(text, style).map_err(err)?.0 as i32)
}

/// The words of `text` in lines no wider than `width`: two at most, the
/// second cut with an ellipsis if it must be.
fn wrap(area: &Area, text: &str, style: &TextStyle, width: i32) -> Result<Vec<String>, ChartError> {
    let mut lines: Vec<String> = vec![String::new()];
    for word in text.split(' ') {
        let n = lines.len();
        let last = &lines[n - 1];
        let candidate = if last.is_empty() { word.to_owned() } else { format!("{last} {word}") };
        if last.is_empty() || n == 2 || text_width(area, &candidate, style)? <= width {
            lines[n - 1] = candidate;
        } else {
            lines.push(word.to_owned());
        }
    }
    let last = lines.pop().expect("a line");
    lines.push(fit(area, &last, style, width)?);
    Ok(lines)
}

/// `text`, cut with an ellipsis where it is wider than `width`.
fn fit(area: &Area, text: &str, style: &TextStyle, width: i32) -> Result<String, ChartError> {
    if text_width(area, text, style)? <= width {
        return Ok(text.to_owned());
    }
    let chars: Vec<char> = text.chars().collect();
    let (mut lo, mut hi) = (0, chars.len());
    while lo < hi {
        let mid = (lo + hi).div_ceil(2);
        let cut: String = chars[..mid].iter().collect::<String>() + "…";
        if text_width(area, &cut, style)? <= width { lo = mid } else { hi = mid - 1 }
    }
    Ok(chars[..lo].iter().collect::<String>().trim_end().to_owned() + "…")
}

/// A round axis maximum at or above `v`: 1, 1.2, 1.5, 2, 2.5, 3, 4, 5, 6 or 8
/// times a power of ten.
fn nice_max(v: f64) -> f64 {
    if v <= 0.0 {
        return 1.0;
    }
    // A fine ladder: 1,010 people get an axis to 1,200, not 2,000, so the
    // curve uses the height it is given.
    let p = 10f64.powf(v.log10().floor());
    [1.0, 1.2, 1.5, 2.0, 2.5, 3.0, 4.0, 5.0, 6.0, 8.0, 10.0].iter().map(|k| k * p).find(|&c| c >= v).unwrap_or(10.0 * p)
}

fn thousands(v: f64) -> String {
    let n = v.round() as i64;
    let digits = n.abs().to_string();
    let mut out = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push('\u{202f}');
        }
        out.push(c);
    }
    if n < 0 { format!("-{out}") } else { out }
}

/// A 2×2 grid; in each cell its name, its count and a bar split into parts.
fn quadrants(
    area: &Area,
    cells: &[Quadrant],
    (x_axis, y_axis): (&str, &str),
    parts: &[String],
    s: &Scale,
    theme: &Theme,
) -> Result<(), ChartError> {
    let (w, h) = area.dim_in_pixel();
    let (w, h) = (w as i32, h as i32);
    let (left, bottom, key) = (s.px(56.0), s.px(56.0), s.px(52.0));
    let gap = s.px(14.0);
    let (cell_w, cell_h) = ((w - left - gap) / 2, (h - bottom - key - gap) / 2);
    // The parts' key above the grid.
    let key_font = s.font(24.0, false, theme.muted).pos(Pos::new(HPos::Left, VPos::Center));
    let mut x = left;
    for (i, part) in parts.iter().enumerate() {
        let sw = s.px(22.0);
        area.draw(&Rectangle::new([(x, key / 2 - sw / 2), (x + sw, key / 2 + sw / 2)], part_colour(theme, i).filled()))
            .map_err(err)?;
        area.draw(&Text::new(part.clone(), (x + sw + s.px(8.0), key / 2), key_font.clone())).map_err(err)?;
        x += sw + s.px(8.0) + text_width(area, part, &key_font)? + s.px(28.0);
    }
    let name = s.font(28.0, true, theme.text).pos(Pos::new(HPos::Left, VPos::Top));
    let count = s.font(60.0, true, theme.text).pos(Pos::new(HPos::Left, VPos::Top));
    let note = s.font(22.0, false, theme.muted).pos(Pos::new(HPos::Left, VPos::Top));
    for (i, c) in cells.iter().take(4).enumerate() {
        let (col, row) = ((i % 2) as i32, (i / 2) as i32);
        let (x0, y0) = (left + col * (cell_w + gap), key + row * (cell_h + gap));
        area.draw(&Rectangle::new([(x0, y0), (x0 + cell_w, y0 + cell_h)], theme.grid.plotters().mix(0.5).filled()))
            .map_err(err)?;
        let pad = s.px(22.0);
        area.draw(&Text::new(fit(area, &c.label, &name, cell_w - 2 * pad)?, (x0 + pad, y0 + pad), name.clone()))
            .map_err(err)?;
        area.draw(&Text::new(thousands(f64::from(c.total)), (x0 + pad, y0 + pad + s.px(44.0)), count.clone()))
            .map_err(err)?;
        let bar_top = y0 + cell_h - pad - s.px(36.0);
        let (bx0, bx1) = (x0 + pad, x0 + cell_w - pad);
        match &c.parts {
            Some(counts) if c.total > 0 => {
                let mut at = bx0;
                let total = f64::from(counts.iter().sum::<u32>().max(1));
                for (j, n) in counts.iter().enumerate() {
                    let end = at + ((bx1 - bx0) as f64 * f64::from(*n) / total).round() as i32;
                    if end > at {
                        area.draw(&Rectangle::new(
                            [(at, bar_top), (end, bar_top + s.px(36.0))],
                            part_colour(theme, j).filled(),
                        ))
                        .map_err(err)?;
                        // The count inside its part, where it fits.
                        let ink = if j == 3 { theme.text } else { super::theme::Rgb(255, 255, 255) };
                        let inside = s.font(22.0, true, ink).pos(Pos::new(HPos::Center, VPos::Center));
                        let label = n.to_string();
                        if text_width(area, &label, &inside)? + s.px(12.0) < end - at {
                            area.draw(&Text::new(label, ((at + end) / 2, bar_top + s.px(18.0)), inside))
                                .map_err(err)?;
                        }
                    }
                    at = end;
                }
            }
            Some(_) => {}
            None => {
                let text = "too few to break down";
                area.draw(&Text::new(text.to_owned(), (bx0, bar_top + s.px(6.0)), note.clone())).map_err(err)?;
            }
        }
    }
    // The axes: interest grows to the right, influence upwards.
    let axis = s.font(24.0, false, theme.muted);
    let centre = axis.clone().pos(Pos::new(HPos::Center, VPos::Center));
    area.draw(&Text::new(format!("{x_axis} →"), (left + cell_w + gap / 2, h - bottom / 2), centre)).map_err(err)?;
    let up = axis.transform(FontTransform::Rotate270).pos(Pos::new(HPos::Center, VPos::Center));
    area.draw(&Text::new(format!("{y_axis} →"), (left / 2, key + cell_h + gap / 2), up)).map_err(err)?;
    Ok(())
}

/// People as dots where the layout put them, their ties as faint lines,
/// the communities' key on the right.
fn network_map(
    area: &Area,
    nodes: &[super::MapNode],
    edges: &[(u32, u32)],
    groups: &[(String, u32)],
    s: &Scale,
    theme: &Theme,
) -> Result<(), ChartError> {
    let (w, h) = area.dim_in_pixel();
    let (w, h) = (w as i32, h as i32);
    let key_w = (f64::from(w) * 0.36) as i32;
    let side = (w - key_w - s.px(24.0)).min(h);
    let (cx, cy) = ((w - key_w) / 2, h / 2);
    let half = f64::from(side) / 2.0 * 0.95;
    let place = |n: &super::MapNode| (cx + (f64::from(n.x) * half) as i32, cy + (f64::from(n.y) * half) as i32);
    let colour =
        |g: Option<u16>| g.map_or(theme.muted.plotters().mix(0.45), |g| theme.series(g as usize).plotters().mix(0.9));
    let line = theme.muted.plotters().mix(0.16).stroke_width(1);
    for &(a, b) in edges {
        let (Some(a), Some(b)) = (nodes.get(a as usize), nodes.get(b as usize)) else { continue };
        area.draw(&PathElement::new(vec![place(a), place(b)], line)).map_err(err)?;
    }
    let mut order: Vec<&super::MapNode> = nodes.iter().collect();
    order.sort_by(|a, b| b.r.total_cmp(&a.r).reverse());
    // Dots shrink as people crowd (a thousand and more).
    let crowd = (1500.0 / nodes.len().max(1) as f64).sqrt().clamp(0.3, 1.0);
    for n in order {
        let r = (f64::from(s.px(3.0)) * crowd.sqrt() + f64::from(n.r) * f64::from(s.px(16.0)) * crowd).round() as i32;
        area.draw(&Circle::new(place(n), r.max(1), colour(n.group).filled())).map_err(err)?;
    }
    let font = s.font(24.0, false, theme.text).pos(Pos::new(HPos::Left, VPos::Center));
    let x0 = w - key_w + s.px(8.0);
    let sw = s.px(22.0);
    let mut y = s.px(24.0);
    let mut key: Vec<(String, RGBAColor)> = groups
        .iter()
        .enumerate()
        .map(|(i, (l, n))| (format!("{l} · {}", thousands(f64::from(*n))), colour(Some(i as u16))))
        .collect();
    if nodes.iter().any(|n| n.group.is_none()) {
        key.push(("smaller communities".into(), colour(None)));
    }
    for (label, c) in key {
        area.draw(&Circle::new((x0 + sw / 2, y), sw / 2, c.filled())).map_err(err)?;
        let text = fit(area, &label, &font, key_w - sw - s.px(20.0))?;
        area.draw(&Text::new(text, (x0 + sw + s.px(10.0), y), font.clone())).map_err(err)?;
        y += s.px(40.0);
    }
    Ok(())
}

/// The colour of the j-th part of a split bar: the palette's first three,
/// then the grid's grey for what is not known.
fn part_colour(theme: &Theme, j: usize) -> RGBColor {
    match j {
        0 => theme.series(2).plotters(),
        1 => theme.muted.plotters(),
        2 => theme.series(5).plotters(),
        _ => theme.grid.plotters(),
    }
}

/// Shares against shares, the diagonal of equality dashed, the gap between
/// them shaded.
fn curve(
    area: &Area,
    points: &[(f64, f64)],
    (x_axis, y_axis): (&str, &str),
    diagonal: &str,
    s: &Scale,
    theme: &Theme,
) -> Result<(), ChartError> {
    // Square plot, centred: a share is as long on both axes.
    let (w, h) = area.dim_in_pixel();
    let side = w.min(h) as i32;
    let pad = (w as i32 - side) / 2;
    let area = area.margin(0, 0, pad.max(0), pad.max(0));
    let mut chart = ChartBuilder::on(&area)
        .x_label_area_size(s.px(80.0))
        .y_label_area_size(s.px(110.0))
        .build_cartesian_2d(0.0..1.0, 0.0..1.0)
        .map_err(err)?;
    let pct = |v: &f64| format!("{:.0} %", v * 100.0);
    chart
        .configure_mesh()
        .x_labels(6)
        .y_labels(6)
        .light_line_style(TRANSPARENT)
        .bold_line_style(theme.grid.plotters())
        .axis_style(theme.muted.plotters())
        .label_style(s.font(24.0, false, theme.muted))
        .axis_desc_style(s.font(24.0, false, theme.muted))
        .x_desc(x_axis)
        .y_desc(y_axis)
        .x_label_formatter(&pct)
        .y_label_formatter(&pct)
        .draw()
        .map_err(err)?;
    let ink = theme.muted.plotters().stroke_width(s.px(3.0).max(1) as u32);
    chart
        .draw_series(DashedLineSeries::new(vec![(0.0, 0.0), (1.0, 1.0)], s.px(10.0) as u32, s.px(8.0) as u32, ink))
        .map_err(err)?;
    let label = s.font(22.0, false, theme.muted).pos(Pos::new(HPos::Right, VPos::Bottom));
    chart.draw_series(std::iter::once(Text::new(format!("{diagonal} "), (0.62, 0.64), label))).map_err(err)?;
    let colour = theme.series(0).plotters();
    // The gap between equality and the curve: the inequality, shaded.
    let mut gap: Vec<(f64, f64)> = points.to_vec();
    gap.extend(points.iter().rev().map(|&(x, _)| (x, x)));
    chart.draw_series(std::iter::once(Polygon::new(gap, colour.mix(0.14).filled()))).map_err(err)?;
    chart.draw_series(LineSeries::new(points.iter().copied(), colour.stroke_width(s.px(5.0) as u32))).map_err(err)?;
    Ok(())
}

fn trend(
    area: &Area,
    series: &[Series],
    axis: &str,
    marks: &Marks,
    s: &Scale,
    theme: &Theme,
) -> Result<(), ChartError> {
    let day = |d: chrono::NaiveDate| f64::from(crate::activity::day_of_date(d));
    let points = || series.iter().flat_map(|l| l.points.iter());
    let dates = points().map(|p| p.0).chain(marks.events.iter().map(|e| e.0));
    let (first, last) = dates.fold((f64::MAX, f64::MIN), |(a, b), d| (a.min(day(d)), b.max(day(d))));
    if first > last {
        return Ok(());
    }
    let highest = points().map(|p| p.1).chain(marks.ceiling.iter().map(|c| c.0)).fold(0.0, f64::max);
    // Several lines: their legend on a band above the plot.
    let plot = if series.len() > 1 {
        legend(area, series, s, theme)?;
        area.margin(s.px(48.0), 0, 0, 0)
    } else {
        area.clone()
    };
    let area = &plot;
    // Room above the highest line for three rows of band names.
    let top = nice_max(highest * if marks.bands.is_empty() { 1.1 } else { 1.3 });
    // Counts under six get whole-number ticks (1.2 would label 0, 1, 1).
    let (top, ticks) = if top < 6.0 { (top.ceil(), top.ceil() as usize + 1) } else { (top, 5) };
    let mut chart = ChartBuilder::on(area)
        .x_label_area_size(s.px(56.0))
        .y_label_area_size(s.px(110.0))
        .build_cartesian_2d(first..last.max(first + 1.0), 0.0..top)
        .map_err(err)?;
    let date = |v: &f64| crate::activity::date_of_day(*v as i32).format("%-d %b").to_string();
    let count = |v: &f64| thousands(*v);
    chart
        .configure_mesh()
        .disable_x_mesh()
        .y_labels(ticks)
        .x_labels(7)
        .light_line_style(TRANSPARENT)
        .bold_line_style(theme.grid.plotters())
        .axis_style(theme.muted.plotters())
        .label_style(s.font(24.0, false, theme.muted))
        .axis_desc_style(s.font(24.0, false, theme.muted))
        .y_desc(axis)
        .x_label_formatter(&date)
        .y_label_formatter(&count)
        .draw()
        .map_err(err)?;
    let label = s.font(22.0, false, theme.muted).pos(Pos::new(HPos::Left, VPos::Top));
    let mut edge = first;
    // Labels take the first of three rows where they do not run into the one
    // before them; a label with no room is left out rather than overprinted.
    let (plot_w, plot_h) = chart.plotting_area().dim_in_pixel();
    let px_per_day = f64::from(plot_w) / (last.max(first + 1.0) - first);
    // A row of labels is a line of their text high, whatever the axis's scale.
    let row_h = f64::from(s.px(22.0)) * 1.35 / f64::from(plot_h.max(1)) * top;
    let mut row_end = [f64::MIN; 3];
    for (i, (from, to, name)) in marks.bands.iter().enumerate() {
        let band = theme.series(i + 1).plotters().mix(0.13).filled();
        // Bands meet, never overlap: each starts where the one before ended.
        let (a, b) = (day(*from).max(edge), (day(*to) + 1.0).min(last.max(first + 1.0)));
        edge = b;
        if b <= a {
            continue;
        }
        chart.draw_series(std::iter::once(Rectangle::new([(a, 0.0), (b, top)], band))).map_err(err)?;
        let x = (a - first) * px_per_day;
        let width = f64::from(text_width(area, name, &label)?) + f64::from(s.px(12.0));
        if let Some(row) = (0..3).find(|&r| row_end[r] <= x) {
            row_end[row] = x + width;
            let y = top * 0.985 - row_h * row as f64;
            chart.draw_series(std::iter::once(Text::new(name.clone(), (a, y), label.clone()))).map_err(err)?;
        }
    }
    let ink = theme.muted.plotters().stroke_width(s.px(3.0).max(1) as u32);
    for (date, name) in &marks.events {
        let x = day(*date);
        chart
            .draw_series(DashedLineSeries::new(vec![(x, 0.0), (x, top)], s.px(10.0) as u32, s.px(8.0) as u32, ink))
            .map_err(err)?;
        let below = s.font(22.0, false, theme.muted).pos(Pos::new(HPos::Left, VPos::Bottom));
        chart.draw_series(std::iter::once(Text::new(format!(" {name}"), (x, top * 0.02), below))).map_err(err)?;
    }
    if let Some((level, name)) = &marks.ceiling {
        chart
            .draw_series(DashedLineSeries::new(
                vec![(first, *level), (last, *level)],
                s.px(10.0) as u32,
                s.px(8.0) as u32,
                ink,
            ))
            .map_err(err)?;
        // Named at the right end, above the line: the bands' names take the
        // top left, and the curve rises from the bottom left.
        let above = s.font(22.0, false, theme.muted).pos(Pos::new(HPos::Right, VPos::Bottom));
        chart.draw_series(std::iter::once(Text::new(name.clone(), (last, *level), above))).map_err(err)?;
    }
    // One line alone is filled below (unless bands are shaded there); many
    // lines are thinner, and each ends with its value when there are few.
    let single = series.len() == 1;
    // Many lines are drawn a pixel wide (at full HD): less ink where lines
    // crowd, and tiny-skia rasterises hairlines twice as fast.
    let width = if series.len() > 8 { s.px(1.0).max(1) } else { s.px(5.0) } as u32;
    for (i, line) in series.iter().enumerate() {
        if line.points.is_empty() {
            continue;
        }
        let colour = theme.series(i).plotters();
        let xy: Vec<(f64, f64)> = line.points.iter().map(|(d, v)| (day(*d), *v)).collect();
        if single && marks.bands.is_empty() {
            let fill = colour.mix(0.14);
            chart
                .draw_series(AreaSeries::new(xy.clone(), 0.0, fill).border_style(colour.stroke_width(width)))
                .map_err(err)?;
        } else {
            // A line alone: no invisible area for the rasteriser to fill.
            chart.draw_series(LineSeries::new(xy.clone(), colour.stroke_width(width))).map_err(err)?;
        }
        if single {
            let (x, y) = xy[xy.len() - 1];
            chart.draw_series(std::iter::once(Circle::new((x, y), s.px(9.0), colour.filled()))).map_err(err)?;
            let label = s.font(28.0, true, theme.text).pos(Pos::new(HPos::Right, VPos::Bottom));
            chart.draw_series(std::iter::once(Text::new(thousands(y), (x, y + top * 0.03), label))).map_err(err)?;
        }
    }
    Ok(())
}

/// The series' names and colours across the top of the plot (eight at most,
/// then how many more).
fn legend(area: &Area, series: &[Series], s: &Scale, theme: &Theme) -> Result<(), ChartError> {
    let style = s.font(24.0, false, theme.text).pos(Pos::new(HPos::Left, VPos::Center));
    let (w, _) = area.dim_in_pixel();
    let (mut x, y) = (s.px(110.0), s.px(16.0));
    for (i, line) in series.iter().enumerate().take(8) {
        let swatch = theme.series(i).plotters().filled();
        area.draw(&Rectangle::new([(x, y - s.px(8.0)), (x + s.px(28.0), y + s.px(8.0))], swatch)).map_err(err)?;
        let name = fit(area, &line.name, &style, (w as i32 / 5).max(s.px(120.0)))?;
        area.draw(&Text::new(name.clone(), (x + s.px(36.0), y), style.clone())).map_err(err)?;
        x += s.px(36.0) + text_width(area, &name, &style)? + s.px(32.0);
    }
    if series.len() > 8 {
        let more = s.font(24.0, false, theme.muted).pos(Pos::new(HPos::Left, VPos::Center));
        area.draw(&Text::new(format!("and {} more", series.len() - 8), (x, y), more)).map_err(err)?;
    }
    Ok(())
}

fn bars(
    area: &Area,
    rows: &[BarRow],
    axis: &str,
    reference: Option<&str>,
    s: &Scale,
    theme: &Theme,
) -> Result<(), ChartError> {
    let (w, h) = area.dim_in_pixel();
    let (w, h) = (w as i32, h as i32);
    let label_style = s.font(27.0, false, theme.text).pos(Pos::new(HPos::Right, VPos::Center));
    let note_style = s.font(26.0, true, theme.text).pos(Pos::new(HPos::Left, VPos::Center));
    // Columns as wide as their longest text, within bounds.
    let mut widest = (0, 0);
    for r in rows {
        widest.0 = widest.0.max(text_width(area, &r.label, &label_style)?);
        widest.1 = widest.1.max(text_width(area, &r.note, &note_style)?);
    }
    let label_w = widest.0.clamp(w / 6, (w as f64 * 0.4) as i32);
    let note_w = (widest.1 + s.px(24.0)).min(w / 4);
    let (x0, x1) = (label_w + s.px(24.0), w - note_w - s.px(16.0));
    let legend = s.px(48.0);
    let row_h = ((h - legend) / rows.len().max(1) as i32).min(s.px(120.0));
    let bar_h = (f64::from(row_h) * 0.56) as i32;
    // A few rows sit in the middle of the space, not at its top.
    let legend = legend + (h - legend - row_h * rows.len() as i32).max(0) / 3;
    let colour = theme.series(0);
    for (i, r) in rows.iter().enumerate() {
        let top = legend + i as i32 * row_h + (row_h - bar_h) / 2;
        let mid = top + bar_h / 2;
        let label = fit(area, &r.label, &label_style, label_w)?;
        area.draw(&Text::new(label, (label_w, mid), label_style.clone())).map_err(err)?;
        area.draw(&Rectangle::new([(x0, top), (x1, top + bar_h)], theme.grid.plotters().filled())).map_err(err)?;
        let end = x0 + ((x1 - x0) as f64 * r.share.clamp(0.0, 1.0)).round() as i32;
        area.draw(&Rectangle::new([(x0, top), (end.max(x0 + 2), top + bar_h)], colour.plotters().filled()))
            .map_err(err)?;
        if let Some(rule) = r.reference {
            let x = x0 + ((x1 - x0) as f64 * rule.clamp(0.0, 1.0)).round() as i32;
            let tick = theme.text.plotters().stroke_width(s.px(4.0).max(1) as u32);
            area.draw(&PathElement::new(vec![(x, top - s.px(8.0)), (x, top + bar_h + s.px(8.0))], tick))
                .map_err(err)?;
        }
        area.draw(&Text::new(r.note.clone(), (x1 + s.px(16.0), mid), note_style.clone())).map_err(err)?;
    }
    // The scale's meaning, and the reference mark's, above the bars.
    let key_y = legend - s.px(48.0);
    let key = s.font(24.0, false, theme.muted).pos(Pos::new(HPos::Left, VPos::Top));
    let room = if reference.is_some() { (x1 - x0) * 2 / 3 } else { w - x0 };
    area.draw(&Text::new(fit(area, axis, &key, room)?, (x0, key_y), key.clone())).map_err(err)?;
    if let Some(reference) = reference {
        let right = s.font(24.0, false, theme.muted).pos(Pos::new(HPos::Right, VPos::Top));
        area.draw(&Text::new(format!("│ {reference}"), (x1, key_y), right)).map_err(err)?;
    }
    Ok(())
}
