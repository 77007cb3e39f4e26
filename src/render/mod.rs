//! RENDER: [`Site`] + [`Theme`] -> the output files (HTML pages, static files, attachments).
//!
//! Templates are tera 1.x, compiled once; every page gets `site` (title, organisation, the
//! years for the navigation), `root` (the relative way back to the site root), `nav` (the
//! years navigation, rendered once per folder) and `page` (its view struct from [`views`]).
//! A [`Plan`] lists every file up front (so path collisions are found before anything is
//! written) and makes each on demand, so the publish stage renders pages in parallel as it
//! writes them; each file's bytes depend only on the site.

pub mod booklet;
pub mod charts;
mod kept;
pub mod ledger_view;
pub mod links;
pub mod search_view;
pub mod views;
pub mod workbook;

use crate::dates;
use crate::error::{Diagnostic, Failure};
use crate::model::Site;
use crate::theme::Theme;
use serde::Serialize;
use std::collections::{BTreeMap, HashMap};
use std::path::PathBuf;
use std::sync::Mutex;
use tera::{Context, Tera, Value};

/// A file of the output, by its path relative to the output folder.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OutFile {
    /// The path in the output folder.
    pub rel: PathBuf,
    /// The file's contents.
    pub bytes: Vec<u8>,
}

/// The pages a site has.
enum Page {
    Home,
    Year(usize),
    Document(usize, usize),
    NotFound,
    /// `search.html`: the search page answered in the browser.
    Search,
    Ledger(ledger_view::Filter),
    Record(usize),
    /// The ledger as an Excel workbook: of one year, or of every year.
    Workbook(Option<i32>),
    /// A year's documents as one printable booklet.
    Booklet(usize),
}

/// Compiled templates, ready to render any page kind (also used by `serve` for the search page).
pub struct Renderer {
    tera: Tera,
    /// Template name -> the file it came from: for diagnostics, and which optional
    /// templates (`nav.html`) the theme has.
    shown: BTreeMap<String, PathBuf>,
    /// The theme's `nav.html` rendered per folder, kept for the folder's other pages (see
    /// [`Renderer::insert_nav`]); `None` where the site may change between pages (the renderers
    /// `serve` and in-place rebuilds keep).
    navs: Option<Mutex<HashMap<String, String>>>,
}

/// The template of the years navigation, rendered once per folder (optional: a theme whose
/// `base.html` writes its own navigation needs none).
const NAV: &str = "nav.html";

/// The templates every theme must have.
const REQUIRED: &[&str] = &[
    "index.html",
    "year.html",
    "document.html",
    "search.html",
    "ledger.html",
    "record.html",
    "booklet.html",
    "404.html",
];

impl Renderer {
    /// Compiles every template of the theme; a syntax error names the template file.
    pub fn new(theme: &Theme) -> Result<Renderer, Failure> {
        let shown: BTreeMap<String, PathBuf> = theme
            .templates
            .iter()
            .map(|(n, t)| (n.clone(), t.shown.clone()))
            .collect();
        let mut tera = Tera::default();
        tera.autoescape_on(vec![".html"]);
        tera.set_escape_fn(crate::text::html::escape);
        tera.register_filter("cn_date", cn_date);
        tera.register_filter("keep_tail", keep_tail);
        let sources = theme
            .templates
            .values()
            .map(|t| (t.name.as_str(), t.source.as_str()));
        if let Err(e) = tera.add_raw_templates(sources) {
            let name = e
                .to_string()
                .split('\'')
                .nth(1)
                .unwrap_or_default()
                .to_string();
            return Err(template_error(&shown, &name, &e).into());
        }
        if let Some(missing) = REQUIRED.iter().find(|r| !theme.templates.contains_key(**r)) {
            return Err(Diagnostic::error(
                format!("templates/{missing}"),
                crate::msg::publish::template_missing(missing),
            )
            .help(crate::msg::publish::template_missing_help())
            .into());
        }
        Ok(Renderer {
            tera,
            shown,
            navs: None,
        })
    }

    /// A renderer for one build of a site that does not change while it renders: each
    /// folder's navigation is rendered once. The years navigation loops over every year on
    /// every page; made once per folder it costs nothing per page (rendered on each page it
    /// was 2 to 3% of a 10,000 report build's CPU, 27 years).
    pub fn for_build(theme: &Theme) -> Result<Renderer, Failure> {
        Ok(Renderer {
            navs: Some(Mutex::new(HashMap::new())),
            ..Renderer::new(theme)?
        })
    }

    /// Puts into `ctx` as `nav` the years navigation of the page at `url`: `nav.html` with
    /// `site`, `root` and `folder` (the page's folder), so every page of a folder has the
    /// same; empty when the theme has no `nav.html`. A kept navigation is copied into the
    /// context straight from the cache.
    fn insert_nav(
        &self,
        ctx: &mut Context,
        site: &views::SiteView,
        url: &str,
    ) -> Result<(), Diagnostic> {
        if !self.shown.contains_key(NAV) {
            ctx.insert("nav", "");
            return Ok(());
        }
        let folder = &url[..url.rfind('/').map_or(0, |i| i + 1)];
        if let Some(navs) = &self.navs
            && let Some(nav) = navs.lock().expect("navs lock").get(folder)
        {
            ctx.insert("nav", nav);
            return Ok(());
        }
        let mut own = Context::new();
        own.insert("site", site);
        own.insert("root", &links::root_prefix(url));
        own.insert("folder", folder);
        let nav = self
            .tera
            .render(NAV, &own)
            .map_err(|e| template_error(&self.shown, NAV, &e))?;
        ctx.insert("nav", &nav);
        if let Some(navs) = &self.navs {
            navs.lock()
                .expect("navs lock")
                .insert(folder.to_string(), nav);
        }
        Ok(())
    }

    /// Renders `template` for the page at site-relative `url`, with its view: the page's
    /// UTF-8 bytes (written straight into the buffer, where a `String` would be validated
    /// once more).
    pub fn page(
        &self,
        template: &str,
        site: &views::SiteView,
        url: &str,
        view: &impl Serialize,
        extra: &[(&str, &str)],
    ) -> Result<Vec<u8>, Diagnostic> {
        let mut ctx = Context::new();
        self.insert_nav(&mut ctx, site, url)?;
        ctx.insert("site", site);
        ctx.insert("root", &links::root_prefix(url));
        ctx.insert("page_url", url);
        ctx.insert("page", view);
        for (k, v) in extra {
            ctx.insert(*k, v);
        }
        let mut html = Vec::with_capacity(16 * 1024);
        self.tera
            .render_to(template, &ctx, &mut html)
            .map_err(|e| template_error(&self.shown, template, &e))?;
        Ok(html)
    }
}

/// Every file of the output, listed up front and made one at a time, so a build never holds
/// all pages in memory: pages are rendered as they are written.
/// The longest file or folder name most file systems take, in bytes.
const MAX_NAME_BYTES: usize = 255;

/// Every page and file of a site, rendered on demand by number, so output can write them in parallel.
pub struct Plan<'a> {
    renderer: Renderer,
    site: &'a Site,
    theme: &'a Theme,
    pages: Vec<Page>,
    statics: Vec<&'a PathBuf>,
    /// The ledger's filter pages with their counts, for every ledger page's facet links.
    ledger_filters: Vec<(ledger_view::Filter, usize)>,
    /// The documents' HTML, kept for their year's booklet.
    kept: kept::Kept,
}

impl<'a> Plan<'a> {
    /// Compiles the templates and lists every file; two files with one path are an error.
    pub fn new(site: &'a Site, theme: &'a Theme) -> Result<Plan<'a>, Failure> {
        let renderer = Renderer::for_build(theme)?;
        let mut pages = vec![Page::Home, Page::NotFound, Page::Search];
        for (i, y) in site.years.iter().enumerate() {
            pages.push(Page::Year(i));
            pages.extend((0..y.documents.len()).map(|j| Page::Document(i, j)));
            // After the documents, whose HTML it takes (see `kept`).
            if !y.documents.is_empty() {
                pages.push(Page::Booklet(i));
            }
        }
        let ledger_filters = if site.ledger.entries.is_empty() {
            Vec::new()
        } else {
            ledger_view::filter_counts(site)
        };
        pages.extend(ledger_filters.iter().map(|(f, _)| Page::Ledger(f.clone())));
        pages.extend((0..site.ledger.entries.len()).map(Page::Record));
        if !site.ledger.entries.is_empty() {
            pages.push(Page::Workbook(None));
            let years: std::collections::BTreeSet<i32> =
                site.ledger.entries.iter().map(|e| e.record.year).collect();
            pages.extend(years.into_iter().map(|y| Page::Workbook(Some(y))));
        }
        let plan = Plan {
            renderer,
            site,
            theme,
            pages,
            statics: theme.statics.keys().collect(),
            ledger_filters,
            kept: kept::Kept::new(site),
        };
        let mut paths: Vec<PathBuf> = (0..plan.len()).map(|i| plan.path(i)).collect();
        paths.sort();
        let mut dups: Vec<Diagnostic> = paths
            .windows(2)
            .filter(|w| w[0] == w[1])
            .map(|w| {
                Diagnostic::error(
                    PathBuf::from("content").join(&w[0]),
                    crate::msg::publish::written_twice(&w[0].display().to_string()),
                )
                .help(crate::msg::publish::written_twice_help())
            })
            .collect();
        // Checked here, before anything is written, not found out by a failed write.
        for path in &paths {
            if let Some(long) = path.iter().find(|c| c.len() > MAX_NAME_BYTES) {
                dups.push(
                    Diagnostic::error(
                        PathBuf::from("content").join(path),
                        crate::msg::publish::name_too_long(
                            &long.to_string_lossy(),
                            long.len(),
                            MAX_NAME_BYTES,
                        ),
                    )
                    .help(crate::msg::publish::name_too_long_help()),
                );
            }
        }
        if dups.is_empty() {
            Ok(plan)
        } else {
            Err(Failure(dups))
        }
    }

    /// Output paths that differ only in letter case (`Report.html`, `report.html`): one
    /// overwrites the other on a case-insensitive file system, such as the Windows share the
    /// site may be copied to.
    pub fn case_collisions(&self) -> Vec<Diagnostic> {
        let mut by_folded: std::collections::BTreeMap<String, Vec<PathBuf>> = Default::default();
        for i in 0..self.len() {
            let p = self.path(i);
            by_folded
                .entry(p.to_string_lossy().to_lowercase())
                .or_default()
                .push(p);
        }
        by_folded
            .into_values()
            .filter(|ps| ps.len() > 1)
            .map(|ps| {
                let names: Vec<String> = ps.iter().map(|p| p.display().to_string()).collect();
                Diagnostic::warning(
                    PathBuf::from("content").join(&ps[1]),
                    crate::msg::publish::case_collision(&names.join(&crate::msg::publish::and())),
                )
                .help(crate::msg::publish::case_collision_help())
                .code("case-collision")
            })
            .collect()
    }

    /// How many files the output has.
    pub fn len(&self) -> usize {
        self.pages.len() + self.statics.len() + self.site.assets.len()
    }

    /// Whether the site has no file at all.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// The path of file `i`, relative to the output folder.
    fn path(&self, i: usize) -> PathBuf {
        let (pages, statics) = (self.pages.len(), self.statics.len());
        if i < pages {
            PathBuf::from(page_url(self.site, &self.pages[i]))
        } else if i < pages + statics {
            self.statics[i - pages].clone()
        } else {
            self.site.assets[i - pages - statics].rel.clone()
        }
    }

    /// Makes file `i`: renders a page, or copies a static file or attachment.
    pub fn file(&self, i: usize) -> Result<OutFile, Diagnostic> {
        let (pages, statics) = (self.pages.len(), self.statics.len());
        if i < pages {
            return self.page(&self.pages[i]);
        }
        let bytes = if i < pages + statics {
            self.theme.statics[self.statics[i - pages]].clone()
        } else {
            self.site.assets[i - pages - statics].bytes.clone()
        };
        Ok(OutFile {
            rel: self.path(i),
            bytes,
        })
    }
}

/// Year `year`'s booklet alone (it shows its documents' text, so an edit renders it again).
pub fn booklet_page(r: &Renderer, site: &Site, year: usize) -> Result<OutFile, Diagnostic> {
    render_page(r, site, &Page::Booklet(year), &[], None)
}

/// The page of document `doc` of year `year` (the index into `site.years`), alone: what an
/// edit to that document's text changes.
pub fn document_page(
    r: &Renderer,
    site: &Site,
    year: usize,
    doc: usize,
) -> Result<OutFile, Diagnostic> {
    render_page(r, site, &Page::Document(year, doc), &[], None)
}

/// The site-relative URL of a page.
fn page_url(site: &Site, page: &Page) -> String {
    match *page {
        Page::Home => "index.html".into(),
        Page::NotFound => "404.html".into(),
        Page::Search => "search.html".into(),
        Page::Year(i) => links::year_url(site.years[i].year),
        Page::Document(i, j) => site.years[i].documents[j].url.clone(),
        Page::Ledger(ref f) => f.url(),
        Page::Record(i) => site.ledger.entries[i].url.clone(),
        Page::Workbook(year) => workbook::workbook_url(year),
        Page::Booklet(i) => booklet::booklet_url(site.years[i].year),
    }
}

impl Plan<'_> {
    fn page(&self, page: &Page) -> Result<OutFile, Diagnostic> {
        render_page(
            &self.renderer,
            self.site,
            page,
            &self.ledger_filters,
            Some(&self.kept),
        )
    }
}

/// Renders `page`; with `kept`, a document's HTML is kept for its booklet and a booklet
/// takes what was kept.
fn render_page(
    r: &Renderer,
    site: &Site,
    page: &Page,
    ledger_filters: &[(ledger_view::Filter, usize)],
    kept: Option<&kept::Kept>,
) -> Result<OutFile, Diagnostic> {
    if let Page::Workbook(year) = *page {
        return Ok(OutFile {
            rel: PathBuf::from(workbook::workbook_url(year)),
            bytes: workbook::workbook(site, year)?,
        });
    }
    let sv = |url: &str| views::SiteView::new(site, url);
    let (url, html) = match *page {
        Page::Home => (
            "index.html".to_string(),
            r.page(
                "index.html",
                &sv("index.html"),
                "index.html",
                &views::home(site),
                &[],
            ),
        ),
        Page::NotFound => (
            "404.html".to_string(),
            r.page("404.html", &sv("404.html"), "404.html", &(), &[]),
        ),
        Page::Search => {
            let empty = crate::search::Results::empty("");
            let site_view = sv("search.html");
            let view = search_view::static_page(&empty, &site_view);
            (
                "search.html".to_string(),
                r.page("search.html", &site_view, "search.html", &view, &[]),
            )
        }
        Page::Year(i) => {
            let url = links::year_url(site.years[i].year);
            let html = r.page("year.html", &sv(&url), &url, &views::year(site, i), &[]);
            (url, html)
        }
        Page::Document(i, j) => {
            let (y, d) = (&site.years[i], &site.years[i].documents[j]);
            let rendered = d.render();
            if let Some(k) = kept {
                k.keep(i, j, &rendered.html);
            }
            (
                d.url.clone(),
                r.page(
                    "document.html",
                    &sv(&d.url),
                    &d.url,
                    &views::document(site, y, d, &rendered),
                    &[],
                ),
            )
        }
        Page::Ledger(ref filter) => {
            let url = filter.url();
            let html = r.page(
                "ledger.html",
                &sv(&url),
                &url,
                &ledger_view::ledger(site, filter, ledger_filters),
                &[],
            );
            (url, html)
        }
        Page::Record(i) => {
            let url = site.ledger.entries[i].url.clone();
            let html = r.page(
                "record.html",
                &sv(&url),
                &url,
                &ledger_view::record(site, i),
                &[],
            );
            (url, html)
        }
        Page::Booklet(i) => {
            let url = booklet::booklet_url(site.years[i].year);
            let html = r.page(
                "booklet.html",
                &sv(&url),
                &url,
                &booklet::booklet(site, i, kept.map(|k| k.take(i)).unwrap_or_default()),
                &[],
            );
            (url, html)
        }
        Page::Workbook(_) => unreachable!("written above"),
    };
    Ok(OutFile {
        rel: PathBuf::from(url),
        bytes: html?,
    })
}

/// A tera error as a diagnostic on the template's file, with tera's whole chain of causes.
fn template_error(shown: &BTreeMap<String, PathBuf>, name: &str, err: &tera::Error) -> Diagnostic {
    let mut message = err.to_string();
    let mut source = std::error::Error::source(err);
    while let Some(s) = source {
        message.push_str(": ");
        message.push_str(&s.to_string());
        source = s.source();
    }
    let shown = shown
        .get(name)
        .cloned()
        .unwrap_or_else(|| PathBuf::from(format!("templates/{name}")));
    Diagnostic::error(shown, message.replace('\n', " "))
        .help(crate::msg::publish::template_error_help())
}

/// `{{ title | keep_tail | safe }}`: the title escaped, its last two characters joined so a
/// line never ends before a lone last character (`…情况报` / `告`); for browsers without CSS
/// `text-wrap: balance` (Chromium before 114), which the theme also sets.
fn keep_tail(value: &Value, _: &HashMap<String, Value>) -> tera::Result<Value> {
    let Some(text) = value.as_str() else {
        return Ok(value.clone());
    };
    let chars: Vec<char> = text.trim_end().chars().collect();
    if chars.len() < 4 {
        return Ok(Value::String(crate::text::html::escape(text)));
    }
    let (head, tail) = chars.split_at(chars.len() - 2);
    Ok(Value::String(format!(
        "{}<span class=\"nobr\">{}</span>",
        crate::text::html::escape(&head.iter().collect::<String>()),
        crate::text::html::escape(&tail.iter().collect::<String>())
    )))
}

/// `{{ date | cn_date }}`: `2026-01-15` -> `2026年1月15日`; other values pass unchanged.
fn cn_date(value: &Value, _: &HashMap<String, Value>) -> tera::Result<Value> {
    Ok(match value.as_str().map(dates::parse) {
        Some(Ok(d)) => Value::String(dates::chinese(d)),
        _ => value.clone(),
    })
}
