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

/// Colours that stay apart on screen and in greyscale print.
pub const PALETTE: &[&str] = &[
    "#1f6fb2", "#2e7d32", "#b8860b", "#a8201a", "#6a3d9a", "#00838f", "#8d6e63", "#546e7a",
];

/// A stacked bar chart: one bar per label, one segment per series. Every segment carries
/// `data-series`, `data-label` and `data-count`, so its numbers can be read back.
pub fn stacked_bars(title: &str, labels: &[String], series: &[Series]) -> String {
    let (width, height, left, top, bottom) = (420.0_f64, 260.0_f64, 16.0, 30.0, 60.0);
    let plot_h = height - top - bottom;
    let totals: Vec<usize> = (0..labels.len())
        .map(|i| {
            series
                .iter()
                .map(|s| s.values.get(i).copied().unwrap_or(0))
                .sum()
        })
        .collect();
    let max = totals.iter().copied().max().unwrap_or(0).max(1) as f64;
    let slot = (width - left - 10.0) / labels.len().max(1) as f64;
    let bar = (slot * 0.6).min(56.0);
    let mut svg = String::new();
    let _ = write!(
        svg,
        r#"<svg class="chart" viewBox="0 0 {width} {height}" role="img" aria-label="{t}"><title>{t}</title>"#,
        t = escape(title)
    );
    let _ = write!(
        svg,
        r##"<text x="{left}" y="16" class="chart-title" font-size="14" font-weight="bold" fill="#1f1f1f">{}</text>"##,
        escape(title)
    );
    let base = top + plot_h;
    let _ = write!(
        svg,
        r##"<line x1="{left}" y1="{base}" x2="{}" y2="{base}" stroke="#555"/>"##,
        width - 10.0
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
            if h >= 14.0 {
                let _ = write!(
                    svg,
                    r##"<text x="{:.1}" y="{:.1}" font-size="11" text-anchor="middle" fill="#fff">{v}</text>"##,
                    x + bar / 2.0,
                    y + h / 2.0 + 4.0
                );
            }
        }
        let _ = write!(
            svg,
            r##"<text x="{:.1}" y="{:.1}" font-size="12" text-anchor="middle" fill="#1f1f1f">{}</text>"##,
            x + bar / 2.0,
            y - 4.0,
            totals[i]
        );
        let _ = write!(
            svg,
            r##"<text x="{:.1}" y="{:.1}" font-size="12" text-anchor="middle" fill="#1f1f1f">{}</text>"##,
            x + bar / 2.0,
            base + 16.0,
            escape(label)
        );
    }
    let (mut lx, mut ly) = (left, height - 36.0);
    for s in series {
        let w = 28.0 + 13.0 * s.name.chars().count() as f64;
        if lx + w > width && lx > left {
            lx = left;
            ly += 18.0;
        }
        let _ = write!(
            svg,
            r##"<rect x="{lx:.1}" y="{ly:.1}" width="12" height="12" fill="{}"/><text x="{:.1}" y="{:.1}" font-size="12" fill="#1f1f1f">{}</text>"##,
            s.color,
            lx + 16.0,
            ly + 10.0,
            escape(&s.name)
        );
        lx += w;
    }
    svg.push_str("</svg>");
    svg
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
}
