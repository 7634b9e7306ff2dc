//! The site as a set of routes: `Site::new` loads the theme and renders
//! the pages' header and footer; what many pages share (table rows,
//! partner index, roll-ups, scorecards, sorted lists, report pages) is
//! made on first use, each part once. `Site::render` turns any one route
//! into bytes. `build` renders every route; the preview server renders
//! only the ones a browser asks for, so a rebuild after an edit makes only
//! the parts those pages need.

mod file_routes;
mod page_routes;
mod resolve;

use super::edit_links::GitHub;
use chrono::Datelike;
use std::cell::OnceCell;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex, OnceLock, PoisonError};
use std::time::{Duration, Instant};

use serde::Serialize;
use tera::Context;

use super::cms::CmsFile;
use super::lists::{self, List};
use super::open_data::{self, tables, xlsx};
use super::report_data::{self, PeriodData};
use super::reports::{self, ReportPages};
use super::theme::{self, Theme};
use super::views::{
    self, AgreementRow, HeadlineFigures, Links, PartnerEntry, PartnerSlugs, RowSource, Rows,
    SiteView, unit_dir,
};
use super::{BuildError, about_page, agreement, column_labels, data_file, feeds};
use pakta_content::i18n::Lang;
use pakta_load::history::History;
use pakta_model::data;
use pakta_model::scorecard::{self, Scorecard};
use pakta_model::{AgreementIx, Model, UnitIx};

/// One file of the site.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum Route {
    /// The home page, `index.html`.
    Home,
    /// A public agreement's page, `<id>/index.html`.
    Agreement(AgreementIx),
    /// A unit's page, `units/<unit path>/index.html` (`units/index.html` for
    /// the root unit).
    Unit(UnitIx),
    /// A partner's page, `partners/<name>/index.html`, by its position in
    /// the site's partner index.
    Partner(usize),
    /// The page of every partner, `partners/index.html`.
    PartnerIndex,
    /// A page of one list.
    ListPage {
        /// The list's position among the site's lists.
        list: usize,
        /// The page number, from 1.
        page: usize,
    },
    /// The page of every list, `lists/index.html`.
    ListIndex,
    /// The agreements that need attention, grouped by unit,
    /// `findings/index.html`.
    Findings,
    /// Evaluation analytics and the units' scorecards.
    Monev,
    /// The search page, `search/index.html`.
    Search,
    /// The error page for lost visitors, `404.html`.
    NotFound,
    /// The page explaining each download, `data/index.html`.
    Downloads,
    /// Who publishes the site, what it covers, its contact and licence,
    /// and how to report a mistake, `about/index.html`.
    About,
    /// The publisher's logo (`[site] logo`), copied to `about/logo.<ext>`.
    Logo,
    /// Every agreement as compact JSON, gzip-compressed,
    /// `data/agreements.json.gz`.
    DataJson,
    /// One table of the open data as CSV, `data/<table>.csv`, by its
    /// position among the tables (`agreements` first).
    DataTable(usize),
    /// The JSON Schema of the bulk document, `data/schema.json`.
    DataSchema,
    /// The Data Package describing the tables, `data/datapackage.json`.
    DataPackage,
    /// The DCAT catalog of every dataset, `data/catalog.jsonld`.
    DataCatalog,
    /// The tables as one workbook, `data/agreements.xlsx`.
    DataWorkbook,
    /// The data dictionary: every column of every table,
    /// `data/dictionary/index.html`.
    DataDictionary,
    /// A unit's agreements and those of every unit below it, in the shape
    /// of the bulk document, `units/<unit path>/agreements.json.gz` (not
    /// the root's: that is `DataJson`).
    UnitJson(UnitIx),
    /// The same agreements as the `agreements` table,
    /// `units/<unit path>/agreements.csv` (not the root's: that is
    /// `DataTable(0)`).
    UnitTable(UnitIx),
    /// An Atom feed of signings and changes, `feed.xml` in the scope's folder.
    Feed(FeedScope),
    /// Upcoming expiry dates and PKS deadlines, `calendar.ics` in the
    /// scope's folder.
    Calendar(FeedScope),
    /// A theme file under `assets/`, by its position in the theme's assets.
    Asset(usize),
    /// A local document file, by its key in the model's attachments.
    Document(String),
    /// The crawler rules, `robots.txt`.
    Robots,
    /// One sitemap file, by its position among the site's sitemaps.
    Sitemap(usize),
    /// A file of the search index.
    SearchIndex(usize),
    /// The Laporan section's index: the root's reports and every unit's.
    ReportIndex,
    /// A unit's list of reports (not the root's: that is `ReportIndex`).
    UnitReports(UnitIx),
    /// One report page, by its position in the site's report pages.
    Report(usize),
    /// A unit's report data, every period it reports on, beside its list
    /// of reports.
    ReportData(UnitIx, ReportData),
    /// A file of the editing forms under `admin/`, with `[cms]`.
    Cms(CmsFile),
}

/// The pages and files every site has once, at an address that depends
/// on nothing in the content.
const SITE_WIDE_ROUTES: [Route; 16] = [
    Route::ListIndex,
    Route::Findings,
    Route::Monev,
    Route::Search,
    Route::NotFound,
    Route::Downloads,
    Route::About,
    Route::DataJson,
    Route::DataSchema,
    Route::DataPackage,
    Route::DataCatalog,
    Route::DataWorkbook,
    Route::DataDictionary,
    Route::Feed(FeedScope::Site),
    Route::Calendar(FeedScope::Site),
    Route::Robots,
];

/// The data files of a unit's reports.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum ReportData {
    /// The reports' figures as CSV, `report.csv`.
    Csv,
    /// The reports as JSON, `report.json`.
    Json,
}

/// Whose agreements a feed or calendar follows.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum FeedScope {
    /// Every public agreement, under `data/`.
    Site,
    /// A unit's agreements and those of every unit below it.
    Unit(UnitIx),
    /// One partner's agreements, by its position in the site's partner index.
    Partner(usize),
}

/// What rendering a route produced.
pub enum Output {
    /// The file's content, rendered in memory.
    Bytes(Vec<u8>),
    /// A file to copy as it is.
    Copy(PathBuf),
}

/// Everything many routes share, prepared once for a build or a preview.
pub struct Site {
    model: Arc<Model>,
    history: Arc<History>,
    root: PathBuf,
    /// Shared with the next preview's site while no theme file changes.
    theme: Arc<Theme>,
    links: Links,
    lang: Lang,
    view: SiteView,
    // What many pages share is made on first use, each part on its own:
    // a preview rebuilds the site after every edit and renders only the
    // pages a browser asks for, which need a few of these parts at most.
    rows: OnceLock<Vec<Option<Arc<AgreementRow>>>>,
    /// The previous preview's rows, made for the same units, links, theme
    /// and site view: those whose agreement is as it was are taken as
    /// they are, with their HTML, when this site first needs rows.
    kept_rows: Mutex<Option<Vec<Option<Arc<AgreementRow>>>>>,
    /// Shared with the next preview's site while the partners named on
    /// public agreements and the register stay as they are.
    partners: OnceLock<Arc<Vec<PartnerEntry>>>,
    partner_slugs: OnceLock<Arc<PartnerSlugs>>,
    rollups: OnceLock<Vec<HeadlineFigures>>,
    /// Each unit's scorecard over its subtree.
    scorecards: OnceLock<Vec<Scorecard>>,
    lists: OnceLock<Vec<List>>,
    public: Vec<AgreementIx>,
    documents: OnceLock<Vec<String>>,
    sitemaps: OnceLock<Vec<(String, String)>>,
    /// Built on first use: a preview that never opens the search page
    /// never pays for it.
    search: OnceLock<SearchFiles>,
    /// Every public agreement's record and `agreements` row, encoded
    /// once for the site's downloads and every unit's.
    encoded_records: OnceLock<open_data::EncodedRecords>,
    /// The site's and every unit's bulk document, compressed from pieces
    /// shared between them.
    compressed_documents: OnceLock<open_data::CompressedDocuments>,
    reports: OnceLock<ReportPages>,
    /// The root unit, whose reports the section's index lists.
    root_unit: Option<UnitIx>,
    /// The page header and footer of each section, in the order of
    /// `Section::ALL`, rendered once: they hold a page's most labels and
    /// `site.*` lookups, none of which change within a build.
    chrome: Vec<Chrome>,
    /// The repository on GitHub, for the pages' edit links.
    github: Option<GitHub>,
}

/// The part of the site a page belongs to, `section` in templates: the
/// header marks its link as the current one, and `base.html` picks the
/// page's title and kind by it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
enum Section {
    Home,
    Agreement,
    Units,
    Partners,
    Lists,
    Findings,
    Monev,
    Search,
    Data,
    Reports,
    About,
    /// The error page, served at any address: no section is current.
    #[serde(rename = "")]
    None,
}

impl Section {
    const ALL: [Section; 12] = [
        Section::Home,
        Section::Agreement,
        Section::Units,
        Section::Partners,
        Section::Lists,
        Section::Findings,
        Section::Monev,
        Section::Search,
        Section::Data,
        Section::Reports,
        Section::About,
        Section::None,
    ];
}

#[derive(Serialize)]
struct Chrome {
    header: String,
    footer: String,
}

struct SearchFiles {
    files: Vec<(String, Vec<u8>)>,
    took: Duration,
}

impl SearchFiles {
    fn timed(build: impl FnOnce() -> pakta_search::SearchIndex) -> SearchFiles {
        let started = Instant::now();
        let files = build().into_files();
        SearchFiles {
            files,
            took: started.elapsed(),
        }
    }
}

impl Site {
    /// Prepares the site of a loaded model: `root` is the content repository,
    /// `base_url` overrides the configured `base_url`. Fails on a broken
    /// theme or template.
    pub fn new(
        shared_model: Arc<Model>,
        history: Arc<History>,
        root: &Path,
        base_url: Option<&str>,
    ) -> Result<Site, BuildError> {
        Site::prepare(shared_model, history, root, base_url, None)
    }

    /// [`Site::new`] with the theme of `previous` (its templates parsed,
    /// its catalog merged) when the configuration names the same theme
    /// and language: the caller knows that no theme file changed since,
    /// as the preview server does after an edit of the content.
    pub fn reusing_theme(
        shared_model: Arc<Model>,
        history: Arc<History>,
        root: &Path,
        base_url: Option<&str>,
        previous: &Site,
    ) -> Result<Site, BuildError> {
        Site::prepare(shared_model, history, root, base_url, Some(previous))
    }

    fn prepare(
        shared_model: Arc<Model>,
        history: Arc<History>,
        root: &Path,
        base_url: Option<&str>,
        previous: Option<&Site>,
    ) -> Result<Site, BuildError> {
        let model = &*shared_model;
        let config = &model.config.site;
        let lang = Lang::from_config(&config.language);
        let links = Links::new(base_url.unwrap_or(&config.base_url));
        let view = SiteView {
            title: config.title.clone(),
            lang: lang.code(),
            content_lang: (lang != Lang::Id).then_some(Lang::Id.code()),
            base: links.base.clone(),
            today: model.today,
            year: model.today.year(),
            expiring_days: model.config.rules.expiring_soon_days,
            data_license: model.config.data.license,
        };
        let same_theme = previous
            .filter(|p| p.lang == lang && p.model.config.site.theme == config.theme)
            .map(|p| Arc::clone(&p.theme));
        let theme = match same_theme {
            Some(theme) => theme,
            None => Arc::new(load_theme(root, config.theme.as_deref(), lang)?),
        };
        let public: Vec<AgreementIx> = (0..model.agreements.len())
            .filter(|&i| model.agreements[i].is_public())
            .collect();
        let root_unit = model.units.iter().position(|u| u.parent.is_none());
        let mut site = Site {
            reports: OnceLock::new(),
            root_unit,
            model: Arc::clone(&shared_model),
            history,
            root: root.to_path_buf(),
            rows: OnceLock::new(),
            kept_rows: Mutex::new(None),
            partners: OnceLock::new(),
            partner_slugs: OnceLock::new(),
            rollups: OnceLock::new(),
            scorecards: OnceLock::new(),
            lists: OnceLock::new(),
            public,
            documents: OnceLock::new(),
            sitemaps: OnceLock::new(),
            search: OnceLock::new(),
            encoded_records: OnceLock::new(),
            compressed_documents: OnceLock::new(),
            chrome: Vec::new(),
            github: GitHub::from_config(config),
            theme,
            links,
            lang,
            view,
        };
        if let Some(previous) = previous
            && same_partners(&previous.model, model)
        {
            site.partners = previous.partners.clone();
            site.partner_slugs = previous.partner_slugs.clone();
        }
        if let Some(previous) = previous
            && Arc::ptr_eq(&previous.theme, &site.theme)
            && previous.view == site.view
            && previous.links.base == site.links.base
            && same_unit_names(&previous.model, model)
        {
            // A site whose pages never needed rows (an agreement's page
            // was all the browser asked for) hands on the rows it kept:
            // each is still tested against this model before it is taken.
            let rows = previous.rows.get().cloned().or_else(|| {
                previous
                    .kept_rows
                    .lock()
                    .unwrap_or_else(PoisonError::into_inner)
                    .clone()
            });
            *site
                .kept_rows
                .get_mut()
                .unwrap_or_else(PoisonError::into_inner) = rows;
        }
        site.chrome = Section::ALL
            .into_iter()
            .map(|section| site.render_chrome(section))
            .collect::<Result<_, BuildError>>()?;
        // Rows render lazily; render one now so that a broken row.html
        // stops the build before any page is written.
        if let Some(&first) = site.public.first() {
            let row = AgreementRow::new(model, &site.links, &model.agreements[first]);
            site.fragment("row.html", "r", &row)?;
        }
        Ok(site)
    }

    /// The search index's files; builds the index.
    pub fn search_routes(&self) -> Vec<Route> {
        (0..self.search().files.len())
            .map(Route::SearchIndex)
            .collect()
    }

    /// Every route but the search index's files, which need the index
    /// built to be named.
    pub fn routes_before_search(&self) -> Vec<Route> {
        let mut routes = self.content_routes();
        routes.extend((0..self.sitemaps().len()).map(Route::Sitemap));
        routes
    }

    /// Everything but the sitemaps (which list these) and the search index.
    fn content_routes(&self) -> Vec<Route> {
        let mut routes = vec![Route::Home];
        for &ix in &self.public {
            routes.push(Route::Agreement(ix));
        }
        for ix in 0..self.model.units.len() {
            routes.push(Route::Unit(ix));
            // The root unit's feed and calendar are the site's (data/).
            if Some(ix) != self.root_unit {
                routes.extend([
                    Route::Feed(FeedScope::Unit(ix)),
                    Route::Calendar(FeedScope::Unit(ix)),
                    Route::UnitJson(ix),
                    Route::UnitTable(ix),
                ]);
            }
        }
        for ix in 0..self.partners().len() {
            routes.extend([
                Route::Partner(ix),
                Route::Feed(FeedScope::Partner(ix)),
                Route::Calendar(FeedScope::Partner(ix)),
            ]);
        }
        routes.push(Route::PartnerIndex);
        for (list, entry) in self.lists().iter().enumerate() {
            for page in 1..=lists::page_count(entry.members.len()) {
                routes.push(Route::ListPage { list, page });
            }
        }
        routes.extend((0..tables::TABLES.len()).map(Route::DataTable));
        routes.extend(SITE_WIDE_ROUTES);
        if self.root_unit.is_some() {
            routes.push(Route::ReportIndex);
        }
        for ix in 0..self.model.units.len() {
            if Some(ix) != self.root_unit && !self.reports().by_unit[ix].is_empty() {
                routes.push(Route::UnitReports(ix));
            }
        }
        for ix in self.report_units() {
            routes.push(Route::ReportData(ix, ReportData::Csv));
            routes.push(Route::ReportData(ix, ReportData::Json));
        }
        routes.extend((0..self.reports().pages.len()).map(Route::Report));
        routes.extend((0..self.theme.assets.len()).map(Route::Asset));
        routes.extend(self.documents().iter().cloned().map(Route::Document));
        if self.model.config.site.logo.is_some() {
            routes.push(Route::Logo);
        }
        if self.model.config.cms.is_some() {
            routes.extend(CmsFile::ALL.map(Route::Cms));
        }
        routes
    }

    /// Where a route's file lives below the site root.
    pub fn path(&self, route: &Route) -> String {
        let model = &*self.model;
        match route {
            Route::Home => "index.html".into(),
            Route::Agreement(ix) => format!("{}/index.html", model.agreements[*ix].id),
            Route::Unit(ix) => format!("{}index.html", unit_dir(&model.units[*ix].path)),
            Route::Partner(ix) => format!("partners/{}/index.html", self.partners()[*ix].slug),
            Route::PartnerIndex => "partners/index.html".into(),
            Route::ListPage { list, page } => format!(
                "{}index.html",
                lists::page_dir(&self.lists()[*list].dir, *page)
            ),
            Route::ListIndex => "lists/index.html".into(),
            Route::Findings => "findings/index.html".into(),
            Route::Monev => "monev/index.html".into(),
            Route::Search => "search/index.html".into(),
            Route::NotFound => "404.html".into(),
            Route::Downloads => "data/index.html".into(),
            Route::About => "about/index.html".into(),
            Route::Logo => about_page::logo_path(&model.config.site).unwrap_or_default(),
            Route::DataJson => data_file::PATH.into(),
            Route::DataTable(ix) => open_data::csv_path(tables::TABLES[*ix]),
            Route::DataSchema => open_data::SCHEMA_PATH.into(),
            Route::DataPackage => open_data::DATAPACKAGE_PATH.into(),
            Route::DataCatalog => open_data::CATALOG_PATH.into(),
            Route::DataWorkbook => xlsx::PATH.into(),
            Route::DataDictionary => "data/dictionary/index.html".into(),
            Route::UnitJson(ix) => data_file::unit_path(&unit_dir(&model.units[*ix].path)),
            Route::UnitTable(ix) => open_data::unit_csv_path(&unit_dir(&model.units[*ix].path)),
            Route::Feed(scope) => format!("{}feed.xml", self.scope_dir(*scope)),
            Route::Calendar(scope) => format!("{}calendar.ics", self.scope_dir(*scope)),
            Route::Asset(ix) => format!("assets/{}", self.theme.assets[*ix].0),
            Route::Document(key) => agreement::site_file_path(key),
            Route::Robots => "robots.txt".into(),
            Route::Sitemap(ix) => self.sitemaps()[*ix].0.clone(),
            Route::SearchIndex(ix) => self.search().files[*ix].0.clone(),
            Route::ReportIndex => "reports/index.html".into(),
            Route::UnitReports(ix) => {
                format!(
                    "{}index.html",
                    reports::unit_reports_dir(&model.units[*ix].path)
                )
            }
            Route::Report(page) => {
                let (unit, period) = self.reports().pages[*page];
                let dir = reports::report_dir(&model.units[unit].path, period);
                format!("{dir}index.html")
            }
            Route::ReportData(ix, data) => {
                let dir = reports::unit_reports_dir(&model.units[*ix].path);
                match data {
                    ReportData::Csv => format!("{dir}report.csv"),
                    ReportData::Json => format!("{dir}report.json"),
                }
            }
            Route::Cms(file) => file.path().into(),
        }
    }

    /// The search index, built whole if it was not built.
    fn search(&self) -> &SearchFiles {
        self.search
            .get_or_init(|| SearchFiles::timed(|| pakta_search::build_index(&self.model)))
    }

    /// How long building the search index took, once it was built.
    pub fn search_index_time(&self) -> Option<Duration> {
        self.search.get().map(|s| s.took)
    }

    /// Builds the search index for a build, if it was not built: every
    /// file but the documents' page texts, which a build writes one by one
    /// with [`Site::write_page_texts`] (74 MB at 50,000 agreements with
    /// 12,938 PDFs, which need not be held at once).
    pub(crate) fn build_search_index_apart_from_page_texts(&self) {
        self.search.get_or_init(|| {
            SearchFiles::timed(|| pakta_search::build_index_apart_from_page_texts(&self.model))
        });
    }

    /// Hands each of the index's page-text files to `write` as soon as it
    /// is made, on every thread; the files the index built by
    /// [`Site::build_search_index_apart_from_page_texts`] leaves out.
    pub(crate) fn write_page_texts<E: Send>(
        &self,
        write: impl Fn(String, Vec<u8>) -> Result<(), E> + Sync,
    ) -> Result<(), E> {
        pakta_search::write_page_texts(&self.model, write)
    }

    /// The search index's files, built whole if they were not, handed over
    /// so a build can write them and free them before the pages and the
    /// reports: they are tens of megabytes at national scale. The time it
    /// took stays known.
    pub(crate) fn take_search_files(&mut self) -> Vec<(String, Vec<u8>)> {
        self.search();
        let search = self.search.get_mut().expect("the index was just built");
        std::mem::take(&mut search.files)
    }

    /// Frees the downloads' encoded records and compressed pieces once
    /// every download is written; a route that needs them again makes
    /// them again.
    pub(crate) fn release_open_data(&mut self) {
        self.compressed_documents.take();
        self.encoded_records.take();
    }

    /// Each agreement's row in tables and lists; `None` for a private one.
    fn rows(&self) -> &Vec<Option<Arc<AgreementRow>>> {
        self.rows.get_or_init(|| {
            let model = &*self.model;
            let kept = self
                .kept_rows
                .lock()
                .unwrap_or_else(PoisonError::into_inner)
                .take()
                .unwrap_or_default();
            model
                .agreements
                .iter()
                .enumerate()
                .map(|(ix, a)| {
                    if !a.is_public() {
                        return None;
                    }
                    match kept.get(ix) {
                        Some(Some(row)) if row.still_shows(a) => Some(Arc::clone(row)),
                        _ => Some(Arc::new(AgreementRow::new(model, &self.links, a))),
                    }
                })
                .collect()
        })
    }

    fn partners(&self) -> &Vec<PartnerEntry> {
        self.partners
            .get_or_init(|| Arc::new(views::partners(&self.model)))
    }

    fn partner_slugs(&self) -> &PartnerSlugs {
        self.partner_slugs
            .get_or_init(|| Arc::new(PartnerSlugs::new(&self.model)))
    }

    fn rollups(&self) -> &Vec<HeadlineFigures> {
        self.rollups.get_or_init(|| self.model.unit_rollups())
    }

    fn scorecards(&self) -> &Vec<Scorecard> {
        self.scorecards
            .get_or_init(|| scorecard::scorecards(&self.model))
    }

    fn lists(&self) -> &Vec<List> {
        self.lists
            .get_or_init(|| lists::all_lists(&self.model, &self.public, &self.theme.texts))
    }

    fn documents(&self) -> &Vec<String> {
        self.documents.get_or_init(|| public_documents(&self.model))
    }

    fn reports(&self) -> &ReportPages {
        self.reports
            .get_or_init(|| reports::report_pages(&self.model, self.model.config.reports.months))
    }

    fn scope_dir(&self, scope: FeedScope) -> String {
        match scope {
            FeedScope::Site => "data/".into(),
            FeedScope::Unit(ix) => unit_dir(&self.model.units[ix].path),
            FeedScope::Partner(ix) => format!("partners/{}/", self.partners()[ix].slug),
        }
    }

    /// Whether the route is a file of the open data: `data/`'s files and
    /// each unit's downloads (the data dictionary page among them).
    pub fn is_open_data(route: &Route) -> bool {
        matches!(
            route,
            Route::DataJson
                | Route::DataTable(_)
                | Route::DataSchema
                | Route::DataPackage
                | Route::DataCatalog
                | Route::DataWorkbook
                | Route::DataDictionary
                | Route::UnitJson(_)
                | Route::UnitTable(_)
        )
    }

    /// Whether the route is an HTML page (for the sitemap and the summary).
    pub fn is_page(route: &Route) -> bool {
        match route {
            // The one open-data route that is a page.
            Route::DataDictionary => true,
            _ if Site::is_open_data(route) => false,
            _ => !matches!(
                route,
                Route::Feed(_)
                    | Route::Calendar(_)
                    | Route::Asset(_)
                    | Route::Document(_)
                    | Route::Logo
                    | Route::Robots
                    | Route::Sitemap(_)
                    | Route::SearchIndex(_)
                    | Route::NotFound
                    | Route::ReportData(..)
                    // The editing forms are for editors, not for the sitemap.
                    | Route::Cms(_)
            ),
        }
    }

    /// Renders one route's file.
    pub fn render(&self, route: &Route) -> Result<Output, BuildError> {
        // The rows this page shows that failed, for this page only: a
        // broken row fails the pages that show it and no other.
        let failed_row = OnceCell::new();
        let render_row = |row: &AgreementRow| {
            self.fragment("row.html", "r", row)
                .map_err(BuildError::into_detail)
        };
        let rows = Rows::new(self, &render_row, &failed_row);
        let bytes = match route {
            Route::Home => self.home_page(route, &rows)?,
            Route::Agreement(ix) => self.agreement_page(route, *ix)?,
            Route::Unit(ix) => self.unit_page(route, &rows, *ix)?,
            Route::Partner(ix) => self.partner_page(route, &rows, *ix)?,
            Route::PartnerIndex => self.partner_index_page(route)?,
            Route::ListPage { list, page } => self.list_page(route, &rows, *list, *page)?,
            Route::ListIndex => self.list_index_page(route)?,
            Route::Findings => self.findings_page(route, &rows)?,
            Route::Monev => self.monev_page(route)?,
            Route::Search => self.search_page(route)?,
            Route::NotFound => self.not_found_page(route)?,
            Route::Downloads => self.downloads_page(route)?,
            Route::About => self.about_page(route)?,
            Route::DataDictionary => self.dictionary_page(route)?,
            Route::Cms(file) => self.cms_file(*file),
            Route::ReportIndex => {
                let root = self
                    .root_unit
                    .expect("a report index only with a root unit");
                self.report_index_page(route, root)?
            }
            Route::UnitReports(ix) => self.unit_reports_page(route, *ix)?,
            Route::Report(page) => {
                let report = self.compute_report(*page);
                self.report_page(*page, &report)?
            }
            Route::ReportData(ix, data) => {
                let periods: Vec<PeriodData> = self.reports().by_unit[*ix]
                    .clone()
                    .map(|page| self.report_period_data(page, &self.compute_report(page)))
                    .collect();
                self.render_report_data(*ix, *data, &periods.iter().collect::<Vec<_>>())
            }
            Route::Logo => return Ok(self.logo()),
            Route::Document(key) => return Ok(Output::Copy(self.root.join(key))),
            Route::DataJson => self.data_json(),
            Route::DataTable(ix) => self.data_table(*ix),
            Route::DataSchema => open_data::json_bytes(&data::schema()),
            Route::DataPackage => self.data_package(),
            Route::DataWorkbook => self.data_workbook()?,
            Route::DataCatalog => self.data_catalog(),
            Route::UnitJson(ix) => self.unit_json(*ix),
            Route::UnitTable(ix) => self.unit_table(*ix),
            Route::Feed(scope) => self.feed(*scope),
            Route::Calendar(scope) => self.calendar(*scope),
            Route::Asset(ix) => self.theme.assets[*ix].1.clone(),
            Route::Robots => feeds::robots(&self.links).into_bytes(),
            Route::Sitemap(ix) => self.sitemaps()[*ix].1.clone().into_bytes(),
            Route::SearchIndex(ix) => self.search().files[*ix].1.clone(),
        };
        rows.rendered().map_err(BuildError::Template)?;
        Ok(Output::Bytes(bytes))
    }

    /// The report pages grouped by period, each group sorted, the periods
    /// in time order: a build computes a period's reports together.
    pub fn report_pages_by_period(&self) -> Vec<Vec<usize>> {
        let mut by_period: std::collections::BTreeMap<pakta_report::Period, Vec<usize>> =
            std::collections::BTreeMap::new();
        for (page, &(_, period)) in self.reports().pages.iter().enumerate() {
            by_period.entry(period).or_default().push(page);
        }
        by_period.into_values().collect()
    }

    /// The reports of `pages`, all of one period, from one pass over the
    /// agreements; in the order of `pages`.
    pub fn compute_reports(&self, pages: &[usize]) -> Vec<pakta_report::Report> {
        let Some(&(_, period)) = pages.first().map(|&page| &self.reports().pages[page]) else {
            return Vec::new();
        };
        let units: Vec<UnitIx> = pages
            .iter()
            .map(|&page| self.reports().pages[page].0)
            .collect();
        pakta_report::compute_period(&self.model, &units, period)
    }

    /// The page of a report computed already (by
    /// [`Site::compute_reports`]).
    pub(crate) fn render_report_page(
        &self,
        page: usize,
        report: &pakta_report::Report,
    ) -> Result<Vec<u8>, BuildError> {
        self.report_page(page, report)
    }

    /// The units that have reports, whose data files the site publishes.
    pub(crate) fn report_units(&self) -> impl Iterator<Item = UnitIx> + '_ {
        (0..self.model.units.len()).filter(|&ix| !self.reports().by_unit[ix].is_empty())
    }

    /// The report pages of `unit`, in time order.
    pub(crate) fn unit_report_pages(&self, unit: UnitIx) -> std::ops::Range<usize> {
        self.reports().by_unit[unit].clone()
    }

    /// A computed report's part of its unit's data files.
    pub(crate) fn report_period_data(
        &self,
        page: usize,
        report: &pakta_report::Report,
    ) -> PeriodData {
        let (unit, _) = self.reports().pages[page];
        report_data::period_data(&self.model, unit, report, &self.theme.texts)
    }

    /// A unit's data file from the data of each of its reports, in time
    /// order.
    pub(crate) fn render_report_data(
        &self,
        unit: UnitIx,
        data: ReportData,
        periods: &[&PeriodData],
    ) -> Vec<u8> {
        match data {
            ReportData::Csv => report_data::unit_csv(&self.theme.texts, periods),
            ReportData::Json => {
                let model = &*self.model;
                let mut children: Vec<report_data::ChildData> = model.units[unit]
                    .children
                    .iter()
                    .filter(|&&child| !self.reports().by_unit[child].is_empty())
                    .map(|&child| report_data::ChildData {
                        unit: model.units[child].path.clone(),
                        name: model.units[child].name.clone(),
                        json: format!(
                            "{}{}report.json",
                            self.links.base,
                            reports::unit_reports_dir(&model.units[child].path)
                        ),
                    })
                    .collect();
                children.sort_by(|a, b| a.unit.cmp(&b.unit));
                let unit = &model.units[unit];
                report_data::unit_json((&unit.path, &unit.name), &children, periods)
            }
        }
    }

    fn compute_report(&self, page: usize) -> pakta_report::Report {
        let (unit, period) = self.reports().pages[page];
        // The site shows no merged changes: each agreement's page has its
        // history, and a build reads Git only once.
        pakta_report::compute(&self.model, unit, period, Ok(&[]))
    }

    fn sitemaps(&self) -> &[(String, String)] {
        self.sitemaps.get_or_init(|| {
            let model = &*self.model;
            let mut pages: Vec<feeds::SitemapPage> = self
                .content_routes()
                .iter()
                .filter(|route| Site::is_page(route))
                .map(|route| feeds::SitemapPage {
                    path: self.path(route),
                    // An agreement page changes when its file does; other
                    // pages gather many files, and the clock is never used.
                    lastmod: match route {
                        Route::Agreement(ix) => self
                            .history
                            .revisions(&model.agreements[*ix].path)
                            .first()
                            .map(|revision| revision.date),
                        _ => None,
                    },
                })
                .collect();
            pages.sort_by(|a, b| a.path.cmp(&b.path));
            feeds::sitemaps(&self.links, &pages)
        })
    }

    fn page<T: Serialize>(
        &self,
        route: &Route,
        template: &str,
        title: &str,
        section: Section,
        page: &T,
    ) -> Result<Vec<u8>, BuildError> {
        let mut context = Context::new();
        context.insert("site", &self.view);
        context.insert("title", title);
        context.insert("section", &section);
        context.insert("page", page);
        // The address a shared link or search engine should use; the error
        // page is served at any address, so it has none.
        let canonical = (*route != Route::NotFound).then(|| {
            let path = self.path(route);
            self.links
                .absolute(path.strip_suffix("index.html").unwrap_or(&path))
        });
        context.insert("canonical", &canonical);
        // What a search result or a shared link shows under the title: an
        // agreement's summary, else the site's introduction.
        let description = match route {
            Route::Agreement(ix) => Some(self.model.agreements[*ix].summary()),
            _ => None,
        };
        context.insert("description", &description);
        context.insert("chrome", &self.chrome[section as usize]);
        // Into bytes directly: `render` would check the UTF-8 of every
        // page again to return a String.
        let mut bytes = Vec::with_capacity(16 * 1024);
        self.theme
            .tera
            .render_to(template, &context, &mut bytes)
            .map_err(|e| BuildError::Template(theme::describe(&e)))?;
        Ok(bytes)
    }

    fn render_chrome(&self, section: Section) -> Result<Chrome, BuildError> {
        Ok(Chrome {
            header: self.fragment("header.html", "section", &section)?,
            footer: self.fragment("footer.html", "section", &section)?,
        })
    }

    /// A piece of a page, rendered with `value` under `name`.
    fn fragment<T: Serialize>(
        &self,
        template: &str,
        name: &str,
        value: &T,
    ) -> Result<String, BuildError> {
        let mut context = Context::new();
        context.insert("site", &self.view);
        context.insert(name, value);
        self.theme
            .tera
            .render(template, &context)
            .map_err(|e| BuildError::Template(theme::describe(&e)))
    }
}

impl RowSource for Site {
    fn all_rows(&self) -> &[Option<Arc<AgreementRow>>] {
        self.rows()
    }
}

/// Whether every unit has the same place, name and address in both
/// models: what every row shows of its unit.
fn same_unit_names(previous: &Model, model: &Model) -> bool {
    previous.units.len() == model.units.len()
        && previous
            .units
            .iter()
            .zip(&model.units)
            .all(|(before, now)| {
                before.path == now.path && before.display_name() == now.display_name()
            })
}

/// Whether the partner index and the partners' page addresses of
/// `previous` hold for `model`: they are made from the register and, for
/// each public agreement by position, its partners' names, categories and
/// websites, so equal inputs give equal parts. An agreement whose front
/// matter was not read again (the same shared value) is equal unseen.
fn same_partners(previous: &Model, model: &Model) -> bool {
    previous.partners == model.partners
        && previous.agreements.len() == model.agreements.len()
        && previous
            .agreements
            .iter()
            .zip(&model.agreements)
            .all(|(before, now)| {
                before.id == now.id
                    && (Arc::ptr_eq(&before.front, &now.front)
                        || (before.is_public() == now.is_public()
                            && (!now.is_public()
                                || same_partner_facts(
                                    &before.front.partners,
                                    &now.front.partners,
                                ))))
            })
}

/// The facts of an agreement's partners that the partner index and the
/// partners' addresses use.
fn same_partner_facts(before: &[pakta_content::Partner], now: &[pakta_content::Partner]) -> bool {
    before.len() == now.len()
        && before
            .iter()
            .zip(now)
            .all(|(b, n)| b.name == n.name && b.category == n.category && b.website == n.website)
}

/// The site's theme, with the catalog's `labels.css` unless the theme
/// writes its own.
fn load_theme(root: &Path, name: Option<&str>, lang: Lang) -> Result<Theme, BuildError> {
    let mut theme = Theme::load(root, name, lang).map_err(|e| BuildError::Theme(e.0))?;
    if !theme
        .assets
        .iter()
        .any(|(path, _)| path == column_labels::FILE)
    {
        theme.assets.push((
            column_labels::FILE.to_string(),
            column_labels::stylesheet(&theme.texts),
        ));
        theme.assets.sort_by(|a, b| a.0.cmp(&b.0));
    }
    Ok(theme)
}

/// Local documents and activity evidence of public agreements only: a
/// private agreement's scan must not leak through the files folder.
fn public_documents(model: &Model) -> Vec<String> {
    let mut keys: Vec<String> = model
        .public_agreements()
        .flat_map(|a| {
            let documents = a.front.documents.iter().filter_map(|d| d.file.as_ref());
            let evidence = a
                .front
                .activities
                .iter()
                .filter_map(|x| x.evidence.as_ref()?.file.as_ref());
            documents.chain(evidence)
        })
        .filter_map(|f| pakta_check::attachment_key(&f.value))
        .filter(|k| model.attachments.contains_key(&**k))
        .map(std::borrow::Cow::into_owned)
        .collect();
    keys.sort();
    keys.dedup();
    keys
}

/// The labels `search.js` shows besides the `search-…` ones: the names of
/// its facets and its pager.
pub(crate) const SEARCH_LABELS: &[&str] = &[
    "kind", "next", "of-total", "page", "previous", "scope", "sort", "status", "unit",
];
/// The glossary fields whose values `search.js` names.
pub(crate) const SEARCH_TERMS: &[&str] = &["category", "flag", "kind", "scope", "sort", "status"];

#[cfg(test)]
pub(super) mod tests {
    use super::*;
    use chrono::NaiveDate;
    use pakta_load::LoadOptions;
    use pakta_model::Flag;

    /// The repository's own sample content.
    fn sample_root() -> PathBuf {
        Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
    }

    /// The model of the repository's own sample content, which has units
    /// at three levels, registered and unregistered partners, lists,
    /// reports and local documents; each call loads it afresh.
    pub(in crate::render) fn sample_model() -> Model {
        let today = NaiveDate::from_ymd_opt(2026, 11, 1);
        let analysis =
            pakta_model::pipeline::analyse(&sample_root(), today, LoadOptions { bodies: true })
                .expect("the sample loads");
        assert!(!analysis.has_errors(), "{:?}", analysis.diagnostics);
        analysis.model
    }

    /// The sample's site, as the preview prepares it.
    pub(in crate::render) fn sample_site() -> Site {
        site_of(sample_model())
    }

    /// The site of `model`, a changed sample, as [`sample_site`] makes it.
    fn site_of(model: Model) -> Site {
        Site::new(
            Arc::new(model),
            Arc::new(History::default()),
            &sample_root(),
            Some("http://127.0.0.1:1/"),
        )
        .expect("the sample's site is prepared")
    }

    /// A public agreement of `model` with a partner, by position.
    fn with_partner(model: &Model) -> AgreementIx {
        (0..model.agreements.len())
            .find(|&ix| {
                model.agreements[ix].is_public() && !model.agreements[ix].front.partners.is_empty()
            })
            .expect("the sample has a public agreement with a partner")
    }

    #[test]
    fn partner_parts_are_kept_only_while_their_inputs_are_equal() {
        let before = sample_model();
        let mut now = sample_model();
        let ix = with_partner(&now);
        assert!(same_partners(&before, &now), "loaded twice, the same");

        Arc::make_mut(&mut now.agreements[ix].front)
            .title
            .push_str(" (revisi)");
        assert!(same_partners(&before, &now), "a title is no partner fact");

        let mut renamed = sample_model();
        Arc::make_mut(&mut renamed.agreements[ix].front).partners[0]
            .name
            .push_str(" Baru");
        assert!(!same_partners(&before, &renamed), "a partner's name");

        let mut site_changed = sample_model();
        Arc::make_mut(&mut site_changed.agreements[ix].front).partners[0].website =
            Some("https://example.org/".into());
        assert!(
            !same_partners(&before, &site_changed),
            "a partner's website"
        );

        let mut private = sample_model();
        Arc::make_mut(&mut private.agreements[ix].front).public = false;
        assert!(
            !same_partners(&before, &private),
            "an agreement made private"
        );

        let mut fewer = sample_model();
        fewer.agreements.pop();
        assert!(!same_partners(&before, &fewer), "an agreement removed");

        let mut unregistered = sample_model();
        unregistered.partners.partners.pop();
        assert!(!same_partners(&before, &unregistered), "the register");
    }

    /// The site a preview makes of `model` after `previous`.
    fn site_after(previous: &Site, model: Model) -> Site {
        Site::reusing_theme(
            Arc::new(model),
            Arc::new(History::default()),
            &sample_root(),
            Some("http://127.0.0.1:1/"),
            previous,
        )
        .expect("the sample's site is prepared")
    }

    /// The sample loaded again with every front matter shared with
    /// `before`'s, as the preview's loader shares the files it did not
    /// read again.
    fn reloaded(before: &Model) -> Model {
        let mut now = sample_model();
        for (now, before) in now.agreements.iter_mut().zip(&before.agreements) {
            assert_eq!(now.id, before.id);
            now.front = Arc::clone(&before.front);
        }
        now
    }

    fn row_json(row: &Option<Arc<AgreementRow>>) -> Option<String> {
        row.as_ref()
            .map(|row| serde_json::to_string(&**row).expect("a row serialises"))
    }

    #[test]
    fn a_preview_keeps_the_rows_of_agreements_an_edit_left_as_they_were() {
        let before = sample_model();
        let public: Vec<AgreementIx> = (0..before.agreements.len())
            .filter(|&ix| before.agreements[ix].is_public())
            .collect();
        let (edited, reflagged) = (public[0], public[1]);
        let previous = site_of(before);
        let kept_before: Vec<Option<Arc<AgreementRow>>> = previous.rows().clone();

        let mut now = reloaded(&previous.model);
        Arc::make_mut(&mut now.agreements[edited].front)
            .title
            .push_str(" (revisi)");
        // Another file's edit can change an agreement's flags alone.
        let flags = &mut now.agreements[reflagged].lifecycle.flags;
        match flags.pop() {
            Some(_) => {}
            None => flags.push(Flag::NoActivity),
        }
        let site = site_after(&previous, now);
        let rows = site.rows();
        for ix in 0..rows.len() {
            let fresh = site.model.agreements[ix].is_public().then(|| {
                Arc::new(AgreementRow::new(
                    &site.model,
                    &site.links,
                    &site.model.agreements[ix],
                ))
            });
            assert_eq!(
                row_json(&rows[ix]),
                row_json(&fresh),
                "row {ix} as a new one"
            );
            let kept = matches!((&rows[ix], &kept_before[ix]), (Some(now), Some(then)) if Arc::ptr_eq(now, then));
            let expect_kept =
                site.model.agreements[ix].is_public() && ix != edited && ix != reflagged;
            assert_eq!(kept, expect_kept, "row {ix} kept");
        }

        // A site that never made its rows hands on those it kept.
        let unasked = site_after(&previous, reloaded(&previous.model));
        let site = site_after(&unasked, reloaded(&previous.model));
        assert!(unasked.rows.get().is_none(), "no page asked for rows");
        let rows = site.rows();
        for ix in 0..rows.len() {
            let kept = matches!((&rows[ix], &kept_before[ix]), (Some(now), Some(then)) if Arc::ptr_eq(now, then));
            assert_eq!(
                kept,
                site.model.agreements[ix].is_public(),
                "row {ix} kept over a site that made none"
            );
        }

        // A unit's new name shows in every row of its agreements: none is kept.
        let mut renamed = reloaded(&previous.model);
        let unit = renamed.agreements[edited].unit;
        renamed.units[unit].short = Some("KPU Baru".into());
        let site = site_after(&previous, renamed);
        let rows = site.rows();
        assert!(
            (0..rows.len()).all(|ix| !matches!((&rows[ix], &kept_before[ix]), (Some(now), Some(then)) if Arc::ptr_eq(now, then))),
            "no row kept after a unit's name changed"
        );
        assert_eq!(
            rows[edited].as_ref().map(|r| r.unit.as_str()),
            Some("KPU Baru")
        );
    }

    fn bytes(site: &Site, route: &Route) -> Vec<u8> {
        match site.render(route).expect("the route renders") {
            Output::Bytes(bytes) => bytes,
            Output::Copy(from) => panic!("{} is copied, not rendered", from.display()),
        }
    }

    #[test]
    fn downloads_made_again_after_their_parts_are_freed_are_the_same() {
        let mut site = sample_site();
        let unit = site
            .model
            .agreements
            .iter()
            .find(|agreement| agreement.is_public())
            .expect("the sample has a public agreement")
            .unit;
        let routes = [
            Route::UnitTable(unit),
            Route::UnitJson(unit),
            Route::DataWorkbook,
        ];
        site.encode_open_data();
        let first: Vec<Vec<u8>> = routes.iter().map(|r| bytes(&site, r)).collect();
        site.release_open_data();
        assert!(
            site.encoded_records.get().is_none(),
            "the records are freed"
        );
        assert!(
            site.compressed_documents.get().is_none(),
            "the pieces are freed"
        );
        let again: Vec<Vec<u8>> = routes.iter().map(|r| bytes(&site, r)).collect();
        assert_eq!(first, again);
    }

    #[test]
    fn a_build_writes_the_page_texts_the_whole_index_holds() {
        // The sample's local documents, each given three pages of text.
        let with_texts = || {
            let mut model = sample_model();
            let keys: Vec<String> = model
                .agreements
                .iter()
                .filter(|a| a.is_public())
                .flat_map(|a| &a.front.documents)
                .filter_map(|d| d.file.as_ref())
                .filter_map(|f| pakta_check::attachment_key(&f.value))
                .map(std::borrow::Cow::into_owned)
                .collect();
            assert!(keys.len() > 1, "the sample has local documents");
            for (n, key) in keys.into_iter().enumerate() {
                let pages = vec![format!("Pasal {n}"), String::new(), "Lampiran".into()];
                model
                    .document_texts
                    .insert(key, pakta_model::DocumentText::Pages(pages.into()));
            }
            site_of(model)
        };
        let whole = with_texts().take_search_files();

        let mut site = with_texts();
        site.build_search_index_apart_from_page_texts();
        let mut split = site.take_search_files();
        assert!(!split.iter().any(|(path, _)| path.starts_with("search/x/")));
        let written = std::sync::Mutex::new(Vec::new());
        site.write_page_texts(|path, bytes| {
            written.lock().unwrap().push((path, bytes));
            Ok::<(), ()>(())
        })
        .unwrap();
        let written = written.into_inner().unwrap();
        assert!(written.len() > 1, "{written:?}");
        split.extend(written);
        split.sort();
        assert_eq!(split, whole);
    }

    #[test]
    fn the_search_files_are_handed_over_once_and_keep_their_time() {
        let mut site = sample_site();
        let listed: Vec<String> = site
            .search_routes()
            .iter()
            .map(|route| site.path(route))
            .collect();
        let taken = site.take_search_files();
        let paths: Vec<&String> = taken.iter().map(|(path, _)| path).collect();
        assert_eq!(paths, listed.iter().collect::<Vec<_>>());
        assert!(taken.iter().all(|(_, bytes)| !bytes.is_empty()));
        assert!(site.search_index_time().is_some(), "the time stays known");
        assert!(
            site.take_search_files().is_empty(),
            "nothing is handed over twice"
        );
    }
}
