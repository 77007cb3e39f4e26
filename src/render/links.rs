//! Relative links: every page links to the others by a path relative to itself, so the site
//! works under any sub-path of any server and opened from disk (file://).

/// The prefix from a page at site-relative `page` back to the site root: `""` for
/// `index.html`, `"../"` for `2025/x.html`.
pub fn root_prefix(page: &str) -> String {
    "../".repeat(page.matches('/').count())
}

/// A site-relative path (with an optional `#anchor`) as an href: Chinese kept readable (an
/// IRI), but the characters that would end or break a URL percent-encoded.
pub fn href(url: &str) -> String {
    match url.split_once('#') {
        Some((path, anchor)) => format!("{}#{}", encode(path), encode(anchor)),
        None => encode(url),
    }
}

/// The href of a search hit: [`href`] with the searched words as `?hl=`, so the page it opens
/// marks them in the section it scrolls to (`assets/page.js`); the anchor stays last.
pub fn hit_href(url: &str, words: &str) -> String {
    if words.is_empty() {
        return href(url);
    }
    let value: String = encode(words)
        .chars()
        .map(|c| match c {
            '&' => "%26".to_string(),
            '+' => "%2B".to_string(),
            '=' => "%3D".to_string(),
            c => c.to_string(),
        })
        .collect();
    match url.split_once('#') {
        Some((path, anchor)) => format!("{}?hl={value}#{}", encode(path), encode(anchor)),
        None => format!("{}?hl={value}", encode(url)),
    }
}

/// The prefix-relative href of a site path, as a page at `from` must write it.
pub fn link(from: &str, to: &str) -> String {
    format!("{}{}", root_prefix(from), href(to))
}

/// The site path of a year's page.
pub fn year_url(year: i32) -> String {
    format!("{year}/index.html")
}

fn encode(path: &str) -> String {
    let mut out = String::with_capacity(path.len());
    for c in path.chars() {
        match c {
            ' ' | '"' | '#' | '%' | '<' | '>' | '?' | '`' | '{' | '}' | '\\' | '^' | '|' => {
                out.push_str(&format!("%{:02X}", c as u32));
            }
            c if c.is_control() => {
                let mut buf = [0u8; 4];
                for b in c.encode_utf8(&mut buf).bytes() {
                    out.push_str(&format!("%{b:02X}"));
                }
            }
            c => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn prefixes_and_hrefs() {
        assert_eq!(root_prefix("index.html"), "");
        assert_eq!(root_prefix("2025/a/b.html"), "../../");
        assert_eq!(href("2025/发言 提纲.html"), "2025/发言%20提纲.html");
        assert_eq!(href("2025/a.html#一-问题 1"), "2025/a.html#一-问题%201");
    }
}
