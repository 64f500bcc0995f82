//! The report's charts, drawn with plotters' SVG backend into strings: horizontal bars with
//! 95 % intervals, lines over periods, bars of counts, and a heat map. Every chart has axis
//! labels with units; series take their frame's colour from [`PALETTE`]. plotters escapes
//! the text it writes, so labels from the data (group values, frame names) are safe to
//! embed.

use plotters::coord::Shift;
use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, Pos, VPos};

/// Colour-blind-safe colours, in frame order: Okabe & Ito's eight (black moved last), then
/// Paul Tol's "muted" scheme for sets of more than eight frames.
pub const PALETTE: [(u8, u8, u8); 16] = [
    (0, 114, 178),   // blue
    (230, 159, 0),   // orange
    (0, 158, 115),   // bluish green
    (204, 121, 167), // reddish purple
    (86, 180, 233),  // sky blue
    (213, 94, 0),    // vermillion
    (240, 228, 66),  // yellow
    (0, 0, 0),       // black
    (51, 34, 136),   // indigo
    (136, 204, 238), // cyan
    (68, 170, 153),  // teal
    (17, 119, 51),   // green
    (153, 153, 51),  // olive
    (221, 204, 119), // sand
    (204, 102, 119), // rose
    (136, 34, 85),   // wine
];

/// The colour of frame `i`.
pub fn color(i: usize) -> RGBColor {
    let (r, g, b) = PALETTE[i % PALETTE.len()];
    RGBColor(r, g, b)
}

/// The CSS colour of frame `i` (`#0072b2`), for the page's highlights and legends.
pub fn css_color(i: usize) -> String {
    let (r, g, b) = PALETTE[i % PALETTE.len()];
    format!("#{r:02x}{g:02x}{b:02x}")
}

const FONT: &str = "sans-serif";

fn svg<F>(width: u32, height: u32, draw: F) -> String
where
    F: FnOnce(&DrawingArea<SVGBackend<'_>, Shift>) -> Result<(), Box<dyn std::error::Error>>,
{
    let mut out = String::new();
    {
        let root = SVGBackend::with_string(&mut out, (width, height)).into_drawing_area();
        root.fill(&WHITE).expect("drawing into a string");
        // A chart that cannot be drawn (no data) is left blank rather than failing the report.
        let _ = draw(&root);
        root.present().expect("drawing into a string");
    }
    out
}

/// One bar: a label, a share in percent, and its 95 % interval.
#[derive(Debug, Clone)]
pub struct Bar {
    /// Shown on the vertical axis.
    pub label: String,
    /// The bar's length, in percent.
    pub value: f64,
    /// The interval's ends, in percent.
    pub low: f64,
    /// The interval's ends, in percent.
    pub high: f64,
    /// Palette index of its colour.
    pub color: usize,
}

/// Horizontal bars with interval whiskers, on a percent axis.
pub fn bars(caption: &str, x_label: &str, bars: &[Bar]) -> String {
    let n = bars.len().max(1);
    let label_width = bars
        .iter()
        .map(|b| b.label.chars().count())
        .max()
        .unwrap_or(4);
    let left = (label_width as u32 * 7 + 16).clamp(60, 260);
    let height = 70 + 26 * n as u32;
    let x_max = bars
        .iter()
        .map(|b| b.high.max(b.value))
        .fold(0.0, f64::max)
        .max(1.0);
    let x_max = (x_max * 1.1).min(100.0).max(x_max);
    svg(640, height, |root| {
        let mut chart = ChartBuilder::on(root)
            .caption(caption, (FONT, 16))
            .margin(8)
            .x_label_area_size(36)
            .y_label_area_size(left)
            .build_cartesian_2d(0.0..x_max, (0..n as i32 - 1).into_segmented())?;
        chart
            .configure_mesh()
            .disable_y_mesh()
            .x_labels(10)
            .light_line_style(RGBColor(238, 238, 238))
            .x_desc(x_label)
            .x_label_formatter(&|x| format!("{x:.0}"))
            .y_labels(n)
            .y_label_formatter(&|v| match v {
                SegmentValue::CenterOf(i) => (n as i32 - 1 - *i)
                    .try_into()
                    .ok()
                    .and_then(|k: usize| bars.get(k))
                    .map_or(String::new(), |b| b.label.clone()),
                _ => String::new(),
            })
            .label_style((FONT, 12))
            .draw()?;
        for (k, b) in bars.iter().enumerate() {
            let row = (n - 1 - k) as i32;
            let c = color(b.color);
            let mut bar = Rectangle::new(
                [
                    (0.0, SegmentValue::Exact(row)),
                    (b.value, SegmentValue::Exact(row + 1)),
                ],
                c.filled(),
            );
            bar.set_margin(4, 4, 0, 0);
            chart.draw_series(std::iter::once(bar))?;
            chart.draw_series(std::iter::once(PathElement::new(
                vec![
                    (b.low, SegmentValue::CenterOf(row)),
                    (b.high, SegmentValue::CenterOf(row)),
                ],
                BLACK.stroke_width(1),
            )))?;
        }
        Ok(())
    })
}

/// One line of a line chart.
#[derive(Debug, Clone)]
pub struct Series {
    /// In the legend.
    pub name: String,
    /// Palette index of its colour.
    pub color: usize,
    /// One value per period, in percent; `None` where the period has no unit.
    pub values: Vec<Option<f64>>,
}

/// Lines over periods, with a legend.
pub fn lines(caption: &str, y_label: &str, periods: &[String], series: &[Series]) -> String {
    let p = periods.len().max(1);
    let y_max = series
        .iter()
        .flat_map(|s| s.values.iter().flatten())
        .fold(0.0, |a: f64, &b| a.max(b))
        .max(1.0)
        * 1.1;
    svg(720, 340, |root| {
        let mut chart = ChartBuilder::on(root)
            .caption(caption, (FONT, 16))
            .margin(10)
            .x_label_area_size(40)
            .y_label_area_size(52)
            .build_cartesian_2d(0..(p as i32 - 1).max(1), 0.0..y_max)?;
        chart
            .configure_mesh()
            .light_line_style(RGBColor(238, 238, 238))
            .x_labels(p.min(12))
            .x_label_formatter(&|i| {
                usize::try_from(*i)
                    .ok()
                    .and_then(|i| periods.get(i))
                    .cloned()
                    .unwrap_or_default()
            })
            .y_desc(y_label)
            .x_desc("period")
            .label_style((FONT, 12))
            .draw()?;
        for s in series {
            let c = color(s.color);
            let points: Vec<(i32, f64)> = s
                .values
                .iter()
                .enumerate()
                .filter_map(|(i, v)| v.map(|v| (i as i32, v)))
                .collect();
            chart
                .draw_series(LineSeries::new(points.clone(), c.stroke_width(2)))?
                .label(s.name.clone())
                .legend(move |(x, y)| {
                    PathElement::new(vec![(x, y), (x + 16, y)], c.stroke_width(3))
                });
            chart.draw_series(
                points
                    .iter()
                    .map(|&(x, y)| Circle::new((x, y), 3, c.filled())),
            )?;
        }
        chart
            .configure_series_labels()
            .background_style(WHITE.mix(0.85))
            .border_style(BLACK.mix(0.3))
            .label_font((FONT, 12))
            .position(SeriesLabelPosition::UpperRight)
            .draw()?;
        Ok(())
    })
}

/// Vertical bars of counts, one per period.
pub fn counts(caption: &str, y_label: &str, periods: &[String], counts: &[u64]) -> String {
    let p = periods.len().max(1);
    let y_max = counts.iter().copied().max().unwrap_or(1).max(1) as f64 * 1.1;
    svg(720, 220, |root| {
        let mut chart = ChartBuilder::on(root)
            .caption(caption, (FONT, 14))
            .margin(10)
            .x_label_area_size(36)
            .y_label_area_size(60)
            .build_cartesian_2d((0..p as i32 - 1).into_segmented(), 0.0..y_max)?;
        chart
            .configure_mesh()
            .disable_x_mesh()
            .x_labels(p.min(12))
            .x_label_formatter(&|v| match v {
                SegmentValue::CenterOf(i) => usize::try_from(*i)
                    .ok()
                    .and_then(|i| periods.get(i))
                    .cloned()
                    .unwrap_or_default(),
                _ => String::new(),
            })
            .y_desc(y_label)
            .label_style((FONT, 12))
            .draw()?;
        chart.draw_series(counts.iter().enumerate().map(|(i, &c)| {
            let mut bar = Rectangle::new(
                [
                    (SegmentValue::Exact(i as i32), 0.0),
                    (SegmentValue::Exact(i as i32 + 1), c as f64),
                ],
                RGBColor(120, 120, 120).filled(),
            );
            bar.set_margin(0, 0, 3, 3);
            bar
        }))?;
        Ok(())
    })
}

/// The height plotters gives the heat map's caption (its 16-pixel font and the gap below).
const HEATMAP_CAPTION: u32 = 24;

/// A square heat map: `values[i][j]` in 0–1 shaded from white to blue, with the text of
/// `labels[i][j]` in each cell.
pub fn heatmap(
    caption: &str,
    names: &[String],
    values: &[Vec<f64>],
    labels: &[Vec<String>],
) -> String {
    let n = names.len().max(1);
    let cell = (420 / n as u32).clamp(28, 60);
    let label_width = names.iter().map(|s| s.chars().count()).max().unwrap_or(4);
    let left = (label_width as u32 * 7 + 16).clamp(60, 260);
    let size = cell * n as u32;
    let bottom = left / 2 + 20;
    // The picture is the grid plus what plotters takes around it (the margins, the labels'
    // areas and the caption's line), so that the grid's cells come out `cell` square.
    svg(
        left + size + 20,
        size + bottom + 20 + HEATMAP_CAPTION,
        |root| {
            let mut chart = ChartBuilder::on(root)
                .caption(caption, (FONT, 16))
                .margin(10)
                .x_label_area_size(bottom)
                .y_label_area_size(left)
                .build_cartesian_2d(
                    (0..n as i32 - 1).into_segmented(),
                    (0..n as i32 - 1).into_segmented(),
                )?;
            let name = |v: &SegmentValue<i32>, flip: bool| match v {
                SegmentValue::CenterOf(i) => {
                    let i = if flip { n as i32 - 1 - *i } else { *i };
                    usize::try_from(i)
                        .ok()
                        .and_then(|i| names.get(i))
                        .cloned()
                        .unwrap_or_default()
                }
                _ => String::new(),
            };
            chart
                .configure_mesh()
                .disable_mesh()
                .x_labels(n)
                .y_labels(n)
                .x_label_formatter(&|v| name(v, false))
                .y_label_formatter(&|v| name(v, true))
                .x_desc("…also has this frame")
                .y_desc("units with this frame")
                .label_style((FONT, 11))
                .draw()?;
            for (i, row) in values.iter().enumerate() {
                for (j, &v) in row.iter().enumerate() {
                    let v = v.clamp(0.0, 1.0);
                    let shade = |full: u8| (255.0 - (255.0 - full as f64) * v).round() as u8;
                    let fill = RGBColor(shade(0), shade(114), shade(178));
                    let y = (n - 1 - i) as i32;
                    chart.draw_series(std::iter::once(Rectangle::new(
                        [
                            (SegmentValue::Exact(j as i32), SegmentValue::Exact(y)),
                            (
                                SegmentValue::Exact(j as i32 + 1),
                                SegmentValue::Exact(y + 1),
                            ),
                        ],
                        fill.filled(),
                    )))?;
                    let ink = if v > 0.55 { WHITE } else { BLACK };
                    chart.draw_series(std::iter::once(Text::new(
                        labels[i][j].clone(),
                        (SegmentValue::CenterOf(j as i32), SegmentValue::CenterOf(y)),
                        (FONT, 11)
                            .into_font()
                            .color(&ink)
                            .pos(Pos::new(HPos::Center, VPos::Center)),
                    )))?;
                }
            }
            Ok(())
        },
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The picture's size, its rectangles as `(x, y, width, height, fill)`, and its texts
    /// as `(x, y, text)`.
    struct Drawn {
        size: (f64, f64),
        rects: Vec<(f64, f64, f64, f64, String)>,
        texts: Vec<(f64, f64, String)>,
        /// The top and bottom of the first vertical line: the y axis.
        y_axis: (f64, f64),
    }

    fn drawn(svg: &str) -> Drawn {
        let doc = roxmltree::Document::parse(svg).unwrap();
        let num = |n: roxmltree::Node, a: &str| n.attribute(a).unwrap().parse::<f64>().unwrap();
        let root = doc.root_element();
        Drawn {
            size: (num(root, "width"), num(root, "height")),
            rects: doc
                .descendants()
                .filter(|n| n.has_tag_name("rect"))
                .map(|n| {
                    let fill = n.attribute("fill").unwrap().to_string();
                    (
                        num(n, "x"),
                        num(n, "y"),
                        num(n, "width"),
                        num(n, "height"),
                        fill,
                    )
                })
                .collect(),
            y_axis: doc
                .descendants()
                .filter(|n| n.has_tag_name("polyline"))
                .find_map(|n| {
                    let p: Vec<f64> = n
                        .attribute("points")?
                        .split([' ', ','])
                        .filter_map(|v| v.parse().ok())
                        .collect();
                    (p.len() == 4 && p[0] == p[2]).then(|| (p[1].min(p[3]), p[1].max(p[3])))
                })
                .unwrap(),
            texts: doc
                .descendants()
                .filter(|n| n.has_tag_name("text"))
                .map(|n| {
                    (
                        num(n, "x"),
                        num(n, "y"),
                        n.text().unwrap_or("").trim().to_string(),
                    )
                })
                .collect(),
        }
    }

    fn bar(label: &str, value: f64, color: usize) -> Bar {
        Bar {
            label: label.into(),
            value,
            low: value - 5.0,
            high: value + 5.0,
            color,
        }
    }

    /// The bars start where the labels' area ends, which grows by 7 pixels a character
    /// (60 to 260); each bar lies in its label's row, and its length is its share.
    #[test]
    fn bars_sit_in_their_labels_rows_past_the_labels() {
        for (label, left) in [
            ("a", 60.0),
            ("ü".repeat(30).as_str(), 226.0),
            (&"x".repeat(40), 260.0),
        ] {
            let d = drawn(&bars(
                "caption",
                "percent",
                &[bar(label, 40.0, 0), bar("bb", 20.0, 1)],
            ));
            let rects: Vec<_> = d.rects.iter().filter(|r| r.4 != "#FFFFFF").collect();
            assert_eq!(rects.len(), 2, "{label}");
            for (r, (label, value)) in rects.iter().zip([(label, 40.0), ("bb", 20.0)]) {
                // The chart's margin is 8 pixels.
                assert_eq!(r.0, 8.0 + left, "{label}");
                let text = d.texts.iter().find(|t| t.2 == label).unwrap();
                assert!(
                    r.1 < text.1 && text.1 < r.1 + r.3,
                    "{label}: {r:?} {text:?}"
                );
                assert!(
                    (r.2 / value - rects[0].2 / 40.0).abs() < 0.1,
                    "{label}: {r:?}"
                );
            }
            assert!(rects[0].1 < rects[1].1, "the first bar is on top");
            // Two rows share the plot: each bar fills most of its row.
            let pitch = rects[1].1 - rects[0].1;
            assert!(rects[0].3 >= 0.6 * pitch, "{label}: {rects:?}");
        }
    }

    /// The cells are squares of 420 pixels over the frames (28 to 60), each with its text
    /// at its centre.
    #[test]
    fn heatmap_cells_are_squares_around_their_texts() {
        for (n, cell) in [(2, 60.0), (10, 42.0), (20, 28.0)] {
            let names: Vec<String> = (0..n).map(|i| format!("frame{i}")).collect();
            let values: Vec<Vec<f64>> = (0..n)
                .map(|i| (0..n).map(|j| ((i + j) % 5) as f64 / 4.0).collect())
                .collect();
            let labels: Vec<Vec<String>> = (0..n)
                .map(|i| (0..n).map(|j| format!("{i}:{j}")).collect())
                .collect();
            let d = drawn(&heatmap("caption", &names, &values, &labels));
            let cells = &d.rects[1..];
            assert_eq!(cells.len(), n * n);
            for (k, r) in cells.iter().enumerate() {
                let (i, j) = (k / n, k % n);
                // Shaded from white (0) to the first colour (1).
                match values[i][j] {
                    0.0 => assert_eq!(r.4, "#FFFFFF"),
                    1.0 => assert_eq!(r.4, "#0072B2"),
                    _ => assert!(r.4 != "#FFFFFF" && r.4 != "#0072B2"),
                }
                assert!(
                    (r.2 - cell).abs() <= 2.0 && (r.3 - cell).abs() <= 2.0,
                    "{n}: {r:?}"
                );
                let text = d.texts.iter().find(|t| t.2 == format!("{i}:{j}")).unwrap();
                let centre = (r.0 + r.2 / 2.0, r.1 + r.3 / 2.0);
                assert!(
                    (text.0 - centre.0).abs() <= 1.0,
                    "{n} {i}:{j}: {r:?} {text:?}"
                );
                assert!(
                    (text.1 - centre.1).abs() <= 1.0,
                    "{n} {i}:{j}: {r:?} {text:?}"
                );
                // Row i from the top, column j from the left.
                assert!(i == 0 || cells[k - n].1 < r.1);
                assert!(j == 0 || cells[k - 1].0 < r.0);
            }
            // Little room is left around the grid: on the right, a margin; below, the
            // names (six characters here) and the axis' title.
            let grid = (
                cells[n - 1].0 + cells[n - 1].2,
                cells[n * n - 1].1 + cells[n * n - 1].3,
            );
            assert!(d.size.0 - grid.0 <= 14.0, "{n}: {:?} {grid:?}", d.size);
            assert!(d.size.1 - grid.1 <= 64.0, "{n}: {:?} {grid:?}", d.size);
        }
    }

    /// Bars of counts stand in proportion, the tallest at 1/1.1 of the plot's height.
    #[test]
    fn count_bars_leave_a_tenth_above_the_tallest() {
        let periods: Vec<String> = ["2023", "2024", "2025"].map(String::from).to_vec();
        let d = drawn(&counts("caption", "units", &periods, &[100, 50, 0]));
        let bars: Vec<_> = d.rects.iter().filter(|r| r.4 != "#FFFFFF").collect();
        let (top, bottom) = d.y_axis;
        let height = bottom - top;
        assert!(
            (bars[0].3 - height / 1.1).abs() <= 2.0,
            "{bars:?} {top} {bottom}"
        );
        assert!((bars[1].3 - bars[0].3 / 2.0).abs() <= 1.0, "{bars:?}");
        assert!(bars.len() == 2 || bars[2].3 <= 1.0, "{bars:?}");
    }
}
