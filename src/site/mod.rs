//! The render and write stages: the model becomes a static site. Pages are
//! rendered in parallel straight into a staging folder, which replaces the
//! output folder only when everything succeeded.

mod agreement;
pub(crate) mod csv;
mod feeds;
pub mod i18n;
mod lists;
pub mod markdown;
pub mod output_folder;
mod pages;
mod render;
mod stale;
mod swap;
pub mod theme;
pub mod views;
mod write;

use std::fmt;
use std::io::Write as _;
use std::path::PathBuf;
use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};

use rayon::prelude::*;

use crate::history::History;
use crate::model::Model;
pub use output_folder::OutputFolder;
pub use render::{Output, Route, Scope, Site};
use write::Staging;

/// The first path segments the site itself uses; an agreement id may not
/// start with one of them.
pub const RESERVED_SEGMENTS: &[&str] = &[
    output_folder::MARKER,
    "404.html",
    "assets",
    "data",
    "files",
    "findings",
    "index.html",
    "lists",
    "partners",
    "robots.txt",
    "search",
    "sitemap.xml",
    "units",
];

/// Whether an id's first segment is one the site uses: a reserved name,
/// or one of the numbered sitemaps (`sitemap-2.xml`) a site of more than
/// 50,000 pages gets.
pub fn is_reserved_segment(segment: &str) -> bool {
    RESERVED_SEGMENTS.contains(&segment)
        || segment
            .strip_prefix("sitemap-")
            .and_then(|rest| rest.strip_suffix(".xml"))
            .is_some_and(|n| !n.is_empty() && n.bytes().all(|b| b.is_ascii_digit()))
}

pub struct BuildOptions {
    pub root: PathBuf,
    pub out: OutputFolder,
    /// Overrides `[site] base_url`.
    pub base_url: Option<String>,
    /// Show a progress line (on a terminal).
    pub progress: bool,
}

pub struct BuildSummary {
    pub pages: usize,
    pub files: usize,
    /// How long the search index took to build, alongside the pages.
    pub search_index: Option<std::time::Duration>,
}

#[derive(Debug)]
pub enum BuildError {
    Theme(String),
    Template(String),
    Io(String, std::io::Error),
}

impl fmt::Display for BuildError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            BuildError::Theme(m) => write!(f, "theme: {m}"),
            BuildError::Template(m) => write!(f, "template: {m}"),
            BuildError::Io(path, e) => write!(f, "cannot write {path}: {e}"),
        }
    }
}

impl std::error::Error for BuildError {}

pub fn build(
    model: Arc<Model>,
    history: Arc<History>,
    options: &BuildOptions,
) -> Result<BuildSummary, BuildError> {
    let site = Site::new(
        Arc::clone(&model),
        history,
        &options.root,
        options.base_url.as_deref(),
    )?;
    let model = &*model;
    let out = options.out.path().display().to_string();
    let staging = Staging::new(&options.out).map_err(|e| BuildError::Io(out.clone(), e))?;
    let pages = site.routes_before_search();
    // The search index is built while the pages render; its files are
    // written once it is ready.
    let (rendered, index) = rayon::join(
        || write_routes(&site, model, &staging, &pages, options.progress),
        || site.search_routes(),
    );
    rendered?;
    write_routes(&site, model, &staging, &index, false)?;
    if options.progress {
        eprint!("\r\x1b[2K");
    }
    staging.commit().map_err(|e| BuildError::Io(out, e))?;
    Ok(BuildSummary {
        pages: pages.iter().filter(|r| Site::is_page(r)).count(),
        files: pages.len() + index.len(),
        search_index: site.search_index_time(),
    })
}

fn write_routes(
    site: &Site,
    model: &Model,
    staging: &Staging,
    routes: &[Route],
    progress: bool,
) -> Result<(), BuildError> {
    let done = AtomicUsize::new(0);
    routes.par_iter().try_for_each(|route| {
        let path = site.path(route);
        let written = match route {
            // The open-data document of a national repository is over
            // 100 MB: stream it instead of holding it in memory.
            Route::DataJson => staging.create(&path).and_then(|mut file| {
                crate::data::write_json(model, &mut file)?;
                file.flush()
            }),
            _ => match site.render(route)? {
                Output::Bytes(bytes) => staging.write(&path, &bytes),
                Output::Copy(from) => staging.copy(&path, &from),
            },
        };
        written.map_err(|e| BuildError::Io(path.clone(), e))?;
        if progress {
            let done = done.fetch_add(1, Ordering::Relaxed) + 1;
            if done.is_multiple_of(1000) || done == routes.len() {
                eprint!("\rWriting the site: {done}/{} files", routes.len());
                let _ = std::io::stderr().flush();
            }
        }
        Ok(())
    })
}
