//! The render and write stages: the model becomes a static site. Pages are
//! rendered in parallel straight into a staging folder, which replaces the
//! output folder only when everything succeeded.

mod about_page;
mod agreement;
mod charts;
mod cms;
mod column_labels;
mod data_file;
mod edit_links;
mod feeds;
mod lists;
mod markdown;
mod monev;
mod open_data;
mod output_folder;
mod pages;
mod render;
mod report_data;
mod report_document;
mod reports;
mod stale;
mod swap;
mod theme;
mod theme_check;
mod views;
mod write;

use pakta_content::message::Message;
use std::path::PathBuf;
use std::sync::atomic::{AtomicU64, AtomicUsize, Ordering};
use std::sync::{Arc, OnceLock};
use std::time::Instant;

use rayon::prelude::*;

pub use cms::CmsFile;
pub use edit_links::{NewAgreementFile, NewAgreementText, use_new_agreement_text};
pub use output_folder::OutputFolder;
use pakta_load::history::History;
use pakta_model::{Model, UnitIx};
pub use render::{FeedScope, Output, ReportData, Route, Site};
use report_data::PeriodData;
pub use report_document::{ReportDocument, render as report_document};
pub use theme::DEFAULT_FILES as DEFAULT_THEME_FILES;
pub use theme_check::check_theme;
use write::Staging;

/// What `pakta build` was asked for.
pub struct BuildOptions {
    /// The content repository (for theme overrides and copied files).
    pub root: PathBuf,
    /// The checked folder the site replaces when every file was written.
    pub out: OutputFolder,
    /// Overrides `[site] base_url`.
    pub base_url: Option<String>,
    /// Told how many files of how many are written, every thousand
    /// files and at the end: the command line shows it on a terminal, in
    /// the run's language.
    pub progress: Option<Progress>,
}

/// Receives (files written, files to write) while a build writes.
pub type Progress = Box<dyn Fn(usize, usize) + Send + Sync>;

/// What a build wrote.
pub struct BuildSummary {
    /// Rendered HTML pages.
    pub pages: usize,
    /// Every file written, pages included.
    pub files: usize,
    /// How long the search index took to build, beside the workbook, and
    /// its documents' page texts to write, after it.
    pub search_index: Option<std::time::Duration>,
    /// The Laporan section's report files: how many, and how long
    /// computing, rendering and writing them took (after the other pages).
    pub reports: (usize, std::time::Duration),
    /// The open data's files (`data/` and each unit's downloads): how
    /// many, and the time spent rendering and writing them, summed over
    /// the threads that did (they are written before the pages; the
    /// workbook beside the search index).
    pub open_data: (usize, std::time::Duration),
    /// The wall time of the downloads written before the search index
    /// (all but the workbook), when nothing else runs: what they add to
    /// a build.
    pub downloads_before_index: std::time::Duration,
}

/// Why a build stopped; the output folder is then left as it was.
#[derive(Debug)]
pub enum BuildError {
    /// The theme could not be loaded.
    Theme(Message),
    /// A template failed to render.
    Template(String),
    /// A file could not be written (its path, the error).
    Io(String, std::io::Error),
}

impl BuildError {
    /// What went wrong, for the reader's language.
    pub fn message(&self) -> Message {
        match self {
            BuildError::Theme(m) => Message::new("build-theme-error").nested("detail", m.clone()),
            BuildError::Template(m) => Message::new("build-template-error").arg("detail", m),
            BuildError::Io(path, e) => Message::new("build-write-error")
                .arg("file", path)
                .arg("error", e),
        }
    }

    /// A template's own description of what failed, else the error as
    /// it is: what a failed table row keeps until a page shows it.
    fn into_detail(self) -> String {
        match self {
            BuildError::Template(detail) => detail,
            other => format!("{other:?}"),
        }
    }
}

/// Renders every route in parallel into a staging folder that then
/// replaces `options.out`.
pub fn build(
    model: Arc<Model>,
    history: Arc<History>,
    options: &BuildOptions,
) -> Result<BuildSummary, BuildError> {
    let mut site = Site::new(model, history, &options.root, options.base_url.as_deref())?;
    let out = options.out.path().display().to_string();
    let staging = Staging::new(&options.out).map_err(|e| BuildError::Io(out.clone(), e))?;
    let pages = site.routes_before_search();
    // Reports are written by period, apart from the other routes. The
    // downloads made of the encoded records go first, so that the records
    // (some 160 MB at 50,000 agreements) are freed before anything else
    // fills its own caches; the workbook, made from the model, is then
    // written beside the search index, one long task beside one that keeps
    // every other thread busy. Holding the records and the index at once
    // was the build's peak (1.2 GB at 50,000 agreements with PDF text).
    // The index's files are written and freed before the pages; the
    // documents' page texts, tens of megabytes with PDF text, are written
    // one by one as they are made.
    let is_report = |route: &Route| matches!(route, Route::Report(..) | Route::ReportData(..));
    let (open_data, others): (Vec<Route>, Vec<Route>) = pages
        .iter()
        .filter(|route| !is_report(route))
        .cloned()
        .partition(Site::is_open_data);
    let (workbook, mut open_data): (Vec<Route>, Vec<Route>) = open_data
        .into_iter()
        .partition(|route| matches!(route, Route::DataWorkbook));
    // The tables first, the longest of these downloads once the bulk
    // documents' pieces are compressed ahead, so that no thread is left
    // alone with one at the end while the other waits.
    open_data.sort_by_key(|route| !matches!(route, Route::DataTable(_)));
    let open_data_nanos = AtomicU64::new(0);
    let done = AtomicUsize::new(0);
    let progress = options.progress.as_ref().map(|report| Counted {
        report,
        done: &done,
        total: open_data.len() + workbook.len() + others.len(),
    });
    let downloads_started = Instant::now();
    site.encode_open_data();
    let nanos = u64::try_from(downloads_started.elapsed().as_nanos()).unwrap_or(u64::MAX);
    open_data_nanos.fetch_add(nanos, Ordering::Relaxed);
    written(&site, &staging, &open_data_nanos).routes(&open_data, progress.as_ref())?;
    let downloads_wall = downloads_started.elapsed();
    site.release_open_data();
    let (rendered, ()) = rayon::join(
        || written(&site, &staging, &open_data_nanos).routes(&workbook, progress.as_ref()),
        || site.build_search_index_apart_from_page_texts(),
    );
    rendered?;
    let index = site.take_search_files();
    write_search_files(&index, &staging)?;
    let search_files = index.len();
    drop(index);
    let page_texts_started = Instant::now();
    let page_texts = AtomicUsize::new(0);
    site.write_page_texts(|path, bytes| {
        page_texts.fetch_add(1, Ordering::Relaxed);
        staging
            .write(&path, &bytes)
            .map_err(|e| BuildError::Io(path, e))
    })?;
    let page_texts_time = page_texts_started.elapsed();
    written(&site, &staging, &open_data_nanos).routes(&others, progress.as_ref())?;
    let started = Instant::now();
    write_reports(&site, &staging)?;
    let report_time = started.elapsed();
    staging.commit().map_err(|e| BuildError::Io(out, e))?;
    Ok(BuildSummary {
        pages: pages.iter().filter(|r| Site::is_page(r)).count(),
        files: pages.len() + search_files + page_texts.into_inner(),
        // The page texts are part of the index, written as they are made.
        search_index: site.search_index_time().map(|took| took + page_texts_time),
        reports: (pages.iter().filter(|r| is_report(r)).count(), report_time),
        open_data: (
            pages.iter().filter(|r| Site::is_open_data(r)).count(),
            std::time::Duration::from_nanos(open_data_nanos.into_inner()),
        ),
        downloads_before_index: downloads_wall,
    })
}

/// Writes the search index's files, each as the index made it.
fn write_search_files(files: &[(String, Vec<u8>)], staging: &Staging) -> Result<(), BuildError> {
    files.par_iter().try_for_each(|(path, bytes)| {
        staging
            .write(path, bytes)
            .map_err(|e| BuildError::Io(path.clone(), e))
    })
}

/// Writes the Laporan section's reports: each period's reports computed
/// in one pass over the agreements (a national report alone covers all of
/// them), each report's page written and its part of the unit's data kept;
/// then each unit's data files, every period in one.
fn write_reports(site: &Site, staging: &Staging) -> Result<(), BuildError> {
    let by_period = site.report_pages_by_period();
    let pages = by_period.iter().map(Vec::len).sum();
    let data: Vec<OnceLock<PeriodData>> = (0..pages).map(|_| OnceLock::new()).collect();
    by_period.par_iter().try_for_each(|pages| {
        let reports = site.compute_reports(pages);
        pages
            .par_iter()
            .zip(reports.par_iter())
            .try_for_each(|(&page, report)| {
                let bytes = site.render_report_page(page, report)?;
                let path = site.path(&Route::Report(page));
                staging
                    .write(&path, &bytes)
                    .map_err(|e| BuildError::Io(path, e))?;
                let _ = data[page].set(site.report_period_data(page, report));
                Ok(())
            })
    })?;
    let units: Vec<UnitIx> = site.report_units().collect();
    units.par_iter().try_for_each(|&unit| {
        let periods: Vec<&PeriodData> = site
            .unit_report_pages(unit)
            .map(|page| data[page].get().expect("every report page was computed"))
            .collect();
        for file in [ReportData::Csv, ReportData::Json] {
            let bytes = site.render_report_data(unit, file, &periods);
            let path = site.path(&Route::ReportData(unit, file));
            staging
                .write(&path, &bytes)
                .map_err(|e| BuildError::Io(path, e))?;
        }
        Ok(())
    })
}

/// Where a build's routes are rendered to, and what it measures.
struct Written<'a> {
    site: &'a Site,
    staging: &'a Staging,
    open_data_nanos: &'a AtomicU64,
}

fn written<'a>(
    site: &'a Site,
    staging: &'a Staging,
    open_data_nanos: &'a AtomicU64,
) -> Written<'a> {
    Written {
        site,
        staging,
        open_data_nanos,
    }
}

/// The progress of routes written in several passes, counted as one.
struct Counted<'a> {
    report: &'a Progress,
    done: &'a AtomicUsize,
    total: usize,
}

impl Counted<'_> {
    fn one_more(&self) {
        let done = self.done.fetch_add(1, Ordering::Relaxed) + 1;
        if done.is_multiple_of(1000) || done == self.total {
            (self.report)(done, self.total);
        }
    }
}

impl Written<'_> {
    fn routes(&self, routes: &[Route], progress: Option<&Counted>) -> Result<(), BuildError> {
        routes.par_iter().try_for_each(|route| {
            let started = Instant::now();
            self.route(route)?;
            if Site::is_open_data(route) {
                let nanos = u64::try_from(started.elapsed().as_nanos()).unwrap_or(u64::MAX);
                self.open_data_nanos.fetch_add(nanos, Ordering::Relaxed);
            }
            if let Some(progress) = progress {
                progress.one_more();
            }
            Ok(())
        })
    }

    fn route(&self, route: &Route) -> Result<(), BuildError> {
        let path = self.site.path(route);
        let written = match route {
            // The open-data document of a national repository is over
            // 100 MB: stream it instead of holding it in memory.
            Route::DataJson => self
                .staging
                .create(&path)
                .and_then(|file| self.site.write_data_json(file)),
            _ => match self.site.render(route)? {
                Output::Bytes(bytes) => self.staging.write(&path, &bytes),
                Output::Copy(from) => self.staging.copy(&path, &from),
            },
        };
        written.map_err(|e| BuildError::Io(path, e))
    }
}
