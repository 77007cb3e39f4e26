//! Properties of the default theme that need no browser: WCAG AA contrast of its colours,
//! local font stacks only, print rules of GB/T 9704, and old-browser-safe CSS and script.

use std::collections::HashMap;

const CSS: &str = include_str!("../../themes/default/static/assets/annals.css");
const JS: &str = include_str!("../../themes/default/static/assets/ledger.js");
const PAGE_JS: &str = include_str!("../../themes/default/static/assets/page.js");

fn vars() -> HashMap<String, String> {
    CSS.split("--")
        .skip(1)
        .filter_map(|s| {
            let (name, rest) = s.split_once(':')?;
            let value = rest.split(';').next()?.trim().to_string();
            Some((name.trim().to_string(), value))
        })
        .filter(|(n, v)| !n.contains(' ') && v.starts_with('#'))
        .collect()
}

fn luminance(hex: &str) -> f64 {
    let h = hex.trim_start_matches('#');
    let h: String = if h.len() == 3 {
        h.chars().flat_map(|c| [c, c]).collect()
    } else {
        h.to_string()
    };
    let c = |i: usize| {
        let v = u8::from_str_radix(&h[i..i + 2], 16).expect("hex colour") as f64 / 255.0;
        if v <= 0.03928 {
            v / 12.92
        } else {
            ((v + 0.055) / 1.055).powf(2.4)
        }
    };
    0.2126 * c(0) + 0.7152 * c(2) + 0.0722 * c(4)
}

fn contrast(a: &str, b: &str) -> f64 {
    let (x, y) = (luminance(a), luminance(b));
    (x.max(y) + 0.05) / (x.min(y) + 0.05)
}

#[test]
fn text_colours_pass_wcag_aa() {
    let v = vars();
    let get = |n: &str| {
        v.get(n)
            .unwrap_or_else(|| panic!("--{n} not defined"))
            .as_str()
    };
    for (fg, bg) in [
        ("ink", "paper"),
        ("ink", "bg"),
        ("muted", "paper"),
        ("muted", "bg"),
        ("link", "paper"),
        ("link", "bg"),
        ("accent", "paper"),
        ("accent", "bg"),
    ] {
        let ratio = contrast(get(fg), get(bg));
        assert!(ratio >= 4.5, "--{fg} on --{bg}: {ratio:.2} < 4.5");
    }
    // White header text and badges on the accent colour; highlighted search words.
    assert!(contrast("#ffffff", get("accent")) >= 4.5);
    assert!(contrast(get("ink"), "#ffe58a") >= 4.5);
    assert!(
        contrast("#fde9e7", get("accent")) >= 4.5,
        "organisation name in the header"
    );
}

#[test]
fn fonts_are_local_stacks_with_fallbacks_for_each_platform() {
    assert!(
        !CSS.contains("@font-face") && !CSS.contains("url("),
        "no downloaded fonts"
    );
    let v: HashMap<String, String> = CSS
        .split("--")
        .skip(1)
        .filter_map(|s| {
            s.split_once(':').map(|(n, r)| {
                (
                    n.trim().to_string(),
                    r.split(';').next().unwrap_or("").to_string(),
                )
            })
        })
        .collect();
    for (stack, windows, linux) in [
        ("fang", "FangSong", "Noto Serif CJK SC"),
        ("hei", "SimHei", "Noto Sans CJK SC"),
        ("kai", "KaiTi", "AR PL UKai CN"),
        ("song", "SimSun", "Noto Serif CJK SC"),
    ] {
        let s = &v[stack];
        assert!(
            s.contains(windows) && s.contains(linux),
            "--{stack} lacks {windows} or {linux}: {s}"
        );
        assert!(
            s.contains("方正") || s.contains("FZ") || stack == "kai",
            "--{stack} lacks the 方正 fonts of Kylin/UOS"
        );
        assert!(s.trim_end().ends_with("serif") || s.trim_end().ends_with("sans-serif"));
    }
}

#[test]
fn print_follows_gb_t_9704() {
    assert!(CSS.contains("@page { size: A4; margin: 37mm 26mm 35mm 28mm; }"));
    let print = &CSS[CSS.find("@media print").expect("print rules")..];
    for rule in [
        ".site-header",
        "display: none",
        "font-size: 16pt",
        "font-size: 22pt",
        "table-header-group",
        "break-inside: avoid",
    ] {
        assert!(print.contains(rule), "print rules lack {rule}");
    }
}

#[test]
fn css_and_script_avoid_features_newer_than_chromium_76() {
    let mut code = String::new();
    let mut rest = CSS;
    while let Some(i) = rest.find("/*") {
        code.push_str(&rest[..i]);
        rest = rest[i..].split_once("*/").map_or("", |(_, r)| r);
    }
    code.push_str(rest);
    for newer in [
        ":is(",
        ":where(",
        ":has(",
        "aspect-ratio",
        "inset:",
        "gap:",
        "clamp(",
        "@container",
        "@layer",
    ] {
        assert!(!code.contains(newer), "annals.css uses {newer}");
    }
    for newer in ["=>", "let ", "const ", "?.", "??", "`", "fetch(", "async "] {
        assert!(!JS.contains(newer), "ledger.js uses {newer}");
        assert!(!PAGE_JS.contains(newer), "page.js uses {newer}");
    }
}
