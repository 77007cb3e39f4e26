//! Charts as inline SVG drawn at build time: stacked bars with their numbers written on
//! them, so they need no script, no external file (inline SVG needs no namespace URL either), and stay legible in black-and-white print.

use crate::text::html::escape;
use std::fmt::Write;

/// One stacked series: a name for the legend, a colour, a value per bar.
pub struct Series {
    /// The legend's name.
    pub name: String,
    /// Its fill colour.
    pub color: &'static str,
    /// One value per label.
    pub values: Vec<usize>,
}

/// Colours for statuses the vocabulary adds (the shipped ones have theirs in the ledger view):
/// blues, greens, grey and gold, the status family.
pub const PALETTE: &[&str] = &[
    "#1f6fb2", "#2e7d32", "#b8860b", "#546e7a", "#00838f", "#0d47a1", "#558b2f", "#757575",
];

/// Colours for 问题类别: purples, oranges and browns, a family no status uses, so a colour means
/// one thing on every chart; neighbours differ in lightness, so they stay apart in grey print.
pub const CATEGORIES: &[&str] = &[
    "#4a148c", "#ffb300", "#8e24aa", "#e65100", "#ce93d8", "#6d4c41", "#ffcc80", "#bcaaa4",
];

/// The chart's width in SVG units. The smallest chart box (a 320 px phone) draws it about
/// 290 px wide, so text of [`TEXT`] units is at least 12 px there.
const WIDTH: f64 = 360.0;
const TEXT: f64 = 15.0;
// Drawn 290 px wide (a 320 px phone), the smallest text is still 12 px.
const _: () = assert!(TEXT * 290.0 / WIDTH >= 12.0);

/// Dark text on a light fill, white on a dark one (by the fill's luminance).
fn ink_on(fill: &str) -> &'static str {
    let channel =
        |i: usize| u8::from_str_radix(fill.get(i..i + 2).unwrap_or("00"), 16).unwrap_or(0);
    let luminance = 0.299 * f64::from(channel(1))
        + 0.587 * f64::from(channel(3))
        + 0.114 * f64::from(channel(5));
    if luminance > 150.0 { "#1f1f1f" } else { "#fff" }
}

/// A stacked bar chart: one bar per label, one segment per series. Every segment carries
/// `data-series`, `data-label` and `data-count`, so its numbers can be read back, and the
/// numbers written on it say which segment or bar they belong to; the plot's base line, height
/// and the least height that shows a number are on the `<svg>`, so the ledger's live filter
/// can redraw the bars for the records it keeps (`ledger.js`).
pub fn stacked_bars(title: &str, labels: &[String], series: &[Series]) -> String {
    let (left, top, plot_h) = (16.0_f64, 34.0_f64, 170.0_f64);
    // The legend's rows, laid out first: the chart is as tall as its legend needs.
    let mut legend = Vec::new();
    let (mut lx, mut row) = (left, 0usize);
    for s in series {
        let w = 24.0 + TEXT * s.name.chars().count() as f64 + 10.0;
        if lx + w > WIDTH && lx > left {
            lx = left;
            row += 1;
        }
        legend.push((lx, row, s));
        lx += w;
    }
    let base = top + plot_h;
    let legend_top = base + TEXT + 16.0;
    let height = legend_top + (row + 1) as f64 * (TEXT + 8.0) + 4.0;
    let totals: Vec<usize> = (0..labels.len())
        .map(|i| {
            series
                .iter()
                .map(|s| s.values.get(i).copied().unwrap_or(0))
                .sum()
        })
        .collect();
    let max = totals.iter().copied().max().unwrap_or(0).max(1) as f64;
    let slot = (WIDTH - left - 10.0) / labels.len().max(1) as f64;
    let bar = (slot * 0.6).min(56.0);
    let mut svg = String::new();
    // The table after it (`data_table`) is what a screen reader reads; the drawing is hidden
    // from it, so the numbers are not read twice.
    let _ = write!(
        svg,
        r#"<svg class="chart" viewBox="0 0 {WIDTH} {height}" aria-hidden="true" focusable="false" data-base="{base}" data-plot="{plot_h}" data-min-label="{}">"#,
        TEXT + 2.0
    );
    let _ = write!(
        svg,
        r##"<text x="{left}" y="20" class="chart-title" font-size="{}" font-weight="bold" fill="#1f1f1f">{}</text>"##,
        TEXT + 1.0,
        escape(title)
    );
    let _ = write!(
        svg,
        r##"<line x1="{left}" y1="{base}" x2="{}" y2="{base}" stroke="#555"/>"##,
        WIDTH - 10.0
    );
    for (i, label) in labels.iter().enumerate() {
        let x = left + slot * i as f64 + (slot - bar) / 2.0;
        let mut y = base;
        for s in series {
            let v = s.values.get(i).copied().unwrap_or(0);
            if v == 0 {
                continue;
            }
            let h = plot_h * v as f64 / max;
            y -= h;
            let _ = write!(
                svg,
                r#"<rect x="{x:.1}" y="{y:.1}" width="{bar:.1}" height="{h:.1}" fill="{}" data-series="{}" data-label="{}" data-count="{v}"><title>{} {}：{v}</title></rect>"#,
                s.color,
                escape(&s.name),
                escape(label),
                escape(label),
                escape(&s.name)
            );
            // Written on every segment, shown where it fits (a filter may make it fit).
            let hidden = if h >= TEXT + 2.0 {
                ""
            } else {
                r#" visibility="hidden""#
            };
            let _ = write!(
                svg,
                r#"<text x="{:.1}" y="{:.1}" font-size="{TEXT}" text-anchor="middle" fill="{}" data-segment="{}|{}"{hidden}>{v}</text>"#,
                x + bar / 2.0,
                y + h / 2.0 + TEXT / 3.0,
                ink_on(s.color),
                escape(label),
                escape(&s.name)
            );
        }
        let _ = write!(
            svg,
            r##"<text x="{:.1}" y="{:.1}" font-size="{TEXT}" text-anchor="middle" fill="#1f1f1f" data-total="{}">{}</text>"##,
            x + bar / 2.0,
            y - 4.0,
            escape(label),
            totals[i]
        );
        let _ = write!(
            svg,
            r##"<text x="{:.1}" y="{:.1}" font-size="{TEXT}" text-anchor="middle" fill="#1f1f1f">{}</text>"##,
            x + bar / 2.0,
            base + TEXT + 4.0,
            escape(label)
        );
    }
    for (lx, row, s) in legend {
        let ly = legend_top + row as f64 * (TEXT + 8.0);
        let _ = write!(
            svg,
            r##"<rect x="{lx:.1}" y="{ly:.1}" width="{TEXT}" height="{TEXT}" fill="{}"/><text x="{:.1}" y="{:.1}" font-size="{TEXT}" fill="#1f1f1f">{}</text>"##,
            s.color,
            lx + TEXT + 5.0,
            ly + TEXT - 2.0,
            escape(&s.name)
        );
    }
    svg.push_str("</svg>");
    svg
}

/// The chart's numbers as a table (a row per label, a column per series, and the total), for
/// screen readers and for anyone who wants the figures; the theme hides it from sight.
pub fn data_table(title: &str, corner: &str, labels: &[String], series: &[Series]) -> String {
    let mut t = String::new();
    let _ = write!(
        t,
        "<div class=\"chart-data\"><table><caption>{}</caption><thead><tr><th scope=\"col\">{}</th>",
        escape(title),
        escape(corner)
    );
    for s in series {
        let _ = write!(t, "<th scope=\"col\">{}</th>", escape(&s.name));
    }
    t.push_str("<th scope=\"col\">合计</th></tr></thead><tbody>");
    for (i, label) in labels.iter().enumerate() {
        let _ = write!(t, "<tr><th scope=\"row\">{}</th>", escape(label));
        let mut total = 0;
        for s in series {
            let v = s.values.get(i).copied().unwrap_or(0);
            total += v;
            let _ = write!(t, "<td>{v}</td>");
        }
        let _ = write!(t, "<td>{total}</td></tr>");
    }
    t.push_str("</tbody></table></div>");
    t
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn segments_carry_their_counts() {
        let svg = stacked_bars(
            "状态",
            &["2024".into(), "2025".into()],
            &[
                Series {
                    name: "已完成".into(),
                    color: PALETTE[0],
                    values: vec![3, 0],
                },
                Series {
                    name: "整改中".into(),
                    color: PALETTE[1],
                    values: vec![1, 2],
                },
            ],
        );
        assert_eq!(svg.matches("data-count=").count(), 3);
        assert!(svg.contains(r#"data-series="已完成" data-label="2024" data-count="3""#));
        assert!(
            !svg.contains("http"),
            "inline SVG in HTML needs no namespace URL"
        );
    }

    #[test]
    fn issue_17_a_colour_means_one_thing_and_text_stays_legible() {
        for c in CATEGORIES {
            assert!(
                !PALETTE.contains(c),
                "{c} is both a status and a category colour"
            );
        }
        let svg = stacked_bars(
            "类别",
            &["2025".into()],
            &[Series {
                name: "作风建设".into(),
                color: CATEGORIES[1],
                values: vec![4],
            }],
        );
        let sizes: Vec<f64> = svg
            .split("font-size=\"")
            .skip(1)
            .map(|s| s.split('"').next().unwrap().parse().unwrap())
            .collect();
        assert!(sizes.iter().all(|s| *s >= TEXT), "{sizes:?}");
        assert!(
            svg.contains(r##"fill="#1f1f1f" data-segment="2025|作风建设">4</text>"##),
            "dark text on amber: {svg}"
        );
    }
}
