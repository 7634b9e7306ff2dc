//! The HTML pages, one method per route: which view each page gets, its
//! template, title and section.

use serde::Serialize;

use std::collections::BTreeMap;

use super::{Route, SEARCH_LABELS, SEARCH_TERMS, Section, Site};
use crate::BuildError;
use crate::lists::{self, ListOverview};
use crate::open_data::dictionary;
use crate::views::Rows;
use crate::{about_page, agreement, monev, pages, reports};
use pakta_content::i18n::Catalog;
use pakta_model::{AgreementIx, UnitIx, data};

/// How many bulk records the data dictionary looks through for an
/// example of each field.
const DICTIONARY_EXAMPLE_RECORDS: usize = 200;

impl Site {
    pub(super) fn home_page(&self, route: &Route, rows: &Rows<'_>) -> Result<Vec<u8>, BuildError> {
        let model = &*self.model;
        let view = pages::home(
            model,
            &self.links,
            rows,
            self.partners(),
            &self.public,
            self.scorecards(),
        );
        let title = &model.config.site.title;
        self.page(route, "home.html", title, Section::Home, &view)
    }

    pub(super) fn agreement_page(
        &self,
        route: &Route,
        ix: AgreementIx,
    ) -> Result<Vec<u8>, BuildError> {
        let model = &*self.model;
        let a = &model.agreements[ix];
        let repository = model.config.site.repository.as_deref();
        let revisions = self.history.revisions(&a.path);
        let mut view = agreement::page(
            model,
            &self.links,
            self.partner_slugs(),
            a,
            revisions,
            repository,
        );
        view.edit_href = self.github.as_ref().map(|g| g.edit(&a.path));
        self.page(
            route,
            "agreement.html",
            &a.front.title,
            Section::Agreement,
            &view,
        )
    }

    pub(super) fn unit_page(
        &self,
        route: &Route,
        rows: &Rows<'_>,
        ix: UnitIx,
    ) -> Result<Vec<u8>, BuildError> {
        let model = &*self.model;
        let links = &self.links;
        let unit = &model.units[ix];
        let mut view = pages::unit(model, links, rows, self.rollups(), self.scorecards(), ix);
        view.latest_report = self.reports().latest(model, links, ix);
        view.edit = self
            .github
            .as_ref()
            .map(|g| g.unit(&unit.path, &unit.name, model.today, &self.theme.texts));
        view.reports_href = (!self.reports().by_unit[ix].is_empty())
            .then(|| format!("{}{}", links.base, reports::unit_reports_dir(&unit.path)));
        self.page(route, "unit.html", &unit.name, Section::Units, &view)
    }

    pub(super) fn partner_page(
        &self,
        route: &Route,
        rows: &Rows<'_>,
        ix: usize,
    ) -> Result<Vec<u8>, BuildError> {
        let entry = &self.partners()[ix];
        let view = pages::partner(&self.model, &self.links, rows, entry);
        self.page(route, "partner.html", &entry.name, Section::Partners, &view)
    }

    pub(super) fn partner_index_page(&self, route: &Route) -> Result<Vec<u8>, BuildError> {
        let view = pages::partner_index(&self.links, self.partners());
        let title = self.text("partners");
        self.page(route, "partners.html", title, Section::Partners, &view)
    }

    pub(super) fn list_page(
        &self,
        route: &Route,
        rows: &Rows<'_>,
        list: usize,
        page: usize,
    ) -> Result<Vec<u8>, BuildError> {
        let entry = &self.lists()[list];
        let view = lists::page(entry, rows, &self.links.base, page);
        self.page(route, "list.html", &entry.heading, Section::Lists, &view)
    }

    pub(super) fn list_index_page(&self, route: &Route) -> Result<Vec<u8>, BuildError> {
        let overview: Vec<ListOverview<'_>> = self
            .lists()
            .iter()
            .map(|list| ListOverview::new(list, &self.links.base))
            .collect();
        let title = self.text("lists");
        self.page(route, "lists.html", title, Section::Lists, &overview)
    }

    pub(super) fn findings_page(
        &self,
        route: &Route,
        rows: &Rows<'_>,
    ) -> Result<Vec<u8>, BuildError> {
        let view = pages::findings_page(&self.model, &self.links, rows);
        let title = self.text("findings");
        self.page(route, "findings.html", title, Section::Findings, &view)
    }

    pub(super) fn monev_page(&self, route: &Route) -> Result<Vec<u8>, BuildError> {
        let view = monev::page(
            &self.model,
            &self.links,
            (&self.theme.texts, self.lang),
            self.scorecards(),
            &self.public,
        );
        self.page(
            route,
            "monev.html",
            self.text("monev"),
            Section::Monev,
            &view,
        )
    }

    pub(super) fn search_page(&self, route: &Route) -> Result<Vec<u8>, BuildError> {
        let view = SearchPageView {
            catalog: SearchCatalog::of(&self.theme.catalog),
            months: self.lang.month_names(),
        };
        self.page(
            route,
            "search.html",
            self.text("search"),
            Section::Search,
            &view,
        )
    }

    pub(super) fn not_found_page(&self, route: &Route) -> Result<Vec<u8>, BuildError> {
        let title = self.text("not-found");
        self.page(route, "404.html", title, Section::None, &())
    }

    pub(super) fn downloads_page(&self, route: &Route) -> Result<Vec<u8>, BuildError> {
        let title = self.text("downloads");
        self.page(route, "downloads.html", title, Section::Data, &())
    }

    pub(super) fn about_page(&self, route: &Route) -> Result<Vec<u8>, BuildError> {
        let view = about_page::page(&self.model, &self.links, self.github.as_ref());
        self.page(
            route,
            "about.html",
            self.text("about"),
            Section::About,
            &view,
        )
    }

    pub(super) fn dictionary_page(&self, route: &Route) -> Result<Vec<u8>, BuildError> {
        let model = &*self.model;
        // Examples come from the first records that have each field; only
        // those are made, not the whole bulk document.
        let records: Vec<serde_json::Value> = model
            .public_agreements()
            .take(DICTIONARY_EXAMPLE_RECORDS)
            .filter_map(|a| serde_json::to_value(data::record(model, a)).ok())
            .collect();
        let view = dictionary::page(
            &data::schema(),
            &records,
            &self.sampled_tables(),
            &self.theme.texts,
            self.lang,
        );
        let title = self.text("dictionary");
        self.page(route, "dictionary.html", title, Section::Data, &view)
    }

    pub(super) fn report_index_page(
        &self,
        route: &Route,
        root: UnitIx,
    ) -> Result<Vec<u8>, BuildError> {
        let view = self.reports().index(&self.model, &self.links, root);
        let title = self.text("report-title");
        self.page(route, "reports.html", title, Section::Reports, &view)
    }

    pub(super) fn unit_reports_page(
        &self,
        route: &Route,
        ix: UnitIx,
    ) -> Result<Vec<u8>, BuildError> {
        let view = self.reports().unit_list(&self.model, &self.links, ix);
        let title = format!(
            "{} — {}",
            self.text("report-title"),
            self.model.units[ix].name
        );
        self.page(route, "reports.html", &title, Section::Reports, &view)
    }

    /// A report's HTML page.
    pub(super) fn report_page(
        &self,
        page: usize,
        report: &pakta_report::Report,
    ) -> Result<Vec<u8>, BuildError> {
        let (unit, period) = self.reports().pages[page];
        debug_assert_eq!(period, report.month);
        let view = self.reports().page(
            &self.model,
            &self.links,
            &self.theme.texts,
            self.lang,
            (unit, report),
            reports::ListLength::Limited,
        );
        let route = Route::Report(page);
        self.page(&route, "report.html", &view.title, Section::Reports, &view)
    }

    /// A label of the site's catalog.
    pub(super) fn text<'a>(&'a self, key: &'a str) -> &'a str {
        self.theme.texts.text(key)
    }
}

/// What `search.html` hands to `search.js`: the catalog's texts it shows
/// and the month names, so the browser writes what the site writes.
#[derive(Serialize)]
struct SearchPageView<'a> {
    catalog: SearchCatalog<'a>,
    months: &'static [&'static str; 12],
}

/// The part of the catalog the search script shows: the whole catalog
/// would be most of the page's weight.
#[derive(Serialize)]
struct SearchCatalog<'a> {
    labels: BTreeMap<&'a str, &'a str>,
    terms: BTreeMap<&'a str, &'a BTreeMap<String, String>>,
}

impl<'a> SearchCatalog<'a> {
    fn of(catalog: &'a Catalog) -> SearchCatalog<'a> {
        SearchCatalog {
            labels: catalog
                .labels
                .iter()
                .filter(|(key, _)| {
                    key.starts_with("search-") || SEARCH_LABELS.contains(&key.as_str())
                })
                .map(|(key, text)| (key.as_str(), text.as_str()))
                .collect(),
            terms: catalog
                .terms
                .iter()
                .filter(|(field, _)| SEARCH_TERMS.contains(&field.as_str()))
                .map(|(field, values)| (field.as_str(), values))
                .collect(),
        }
    }
}
