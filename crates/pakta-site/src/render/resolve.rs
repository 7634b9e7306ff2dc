//! From a path below the site root to its route, without naming every
//! route first: the preview asks for one page right after a rebuild, and
//! enumerating the routes would make the lists, the partner index and the
//! reports of the whole site before that page could be served. Each
//! family of addresses reads its route from the path and computes only the
//! shared part it needs (an agreement page needs none); every candidate is
//! confirmed by [`Site::path`], the one definition of where a route lives,
//! so a path resolves exactly to the route that `routes_before_search` or
//! `search_routes` would list under it.

use super::{FeedScope, ReportData, Route, SITE_WIDE_ROUTES, Site};
use crate::cms::CmsFile;
use crate::lists;
use crate::open_data::tables;

impl Site {
    /// The route whose file lives at `path` (below the site root, as
    /// [`Site::path`] gives it), if the site has one.
    pub fn resolve(&self, path: &str) -> Option<Route> {
        let found = if let Some(rest) = path.strip_prefix("units/") {
            self.resolve_unit_file(rest)
        } else if let Some(rest) = path.strip_prefix("partners/") {
            self.resolve_partner_file(rest)
        } else if path.starts_with("lists/") {
            self.resolve_list_page(path)
        } else if let Some(rest) = path.strip_prefix("reports/") {
            self.resolve_report_file(rest)
        } else if let Some(name) = path.strip_prefix("assets/") {
            (self.theme.assets.iter())
                .position(|(asset, _)| asset == name)
                .map(Route::Asset)
        } else if path.starts_with("search/") && path != "search/index.html" {
            (self.search().files.iter())
                .position(|(file, _)| file == path)
                .map(Route::SearchIndex)
        } else if path.starts_with("sitemap") && path.ends_with(".xml") {
            (self.sitemaps().iter())
                .position(|(sitemap, _)| sitemap == path)
                .map(Route::Sitemap)
        } else {
            None
        };
        found
            .or_else(|| self.resolve_fixed(path))
            .or_else(|| self.resolve_agreement(path))
            .or_else(|| self.resolve_document(path))
            .filter(|route| self.path(route) == path)
    }

    /// The routes whose address depends on nothing in the content.
    fn resolve_fixed(&self, path: &str) -> Option<Route> {
        let mut fixed = vec![Route::Home, Route::PartnerIndex];
        fixed.extend(SITE_WIDE_ROUTES);
        fixed.extend((0..tables::TABLES.len()).map(Route::DataTable));
        if self.root_unit.is_some() {
            fixed.push(Route::ReportIndex);
        }
        if self.model.config.site.logo.is_some() {
            fixed.push(Route::Logo);
        }
        if self.model.config.cms.is_some() {
            fixed.extend(CmsFile::ALL.map(Route::Cms));
        }
        fixed.into_iter().find(|route| self.path(route) == path)
    }

    /// A public agreement's page, `<id>/index.html`.
    fn resolve_agreement(&self, path: &str) -> Option<Route> {
        let id = path.strip_suffix("/index.html")?;
        let ix = self.model.agreement_ix(id)?;
        self.model.agreements[ix]
            .is_public()
            .then_some(Route::Agreement(ix))
    }

    /// A unit's page and, but for the root's, its feed, calendar and
    /// downloads: `units/<unit path>/<file>` after `units/`.
    fn resolve_unit_file(&self, rest: &str) -> Option<Route> {
        let (unit_path, file) = rest.rsplit_once('/').unwrap_or(("", rest));
        let ix = self.model.unit_ix(unit_path)?;
        if file == "index.html" {
            return Some(Route::Unit(ix));
        }
        if Some(ix) == self.root_unit {
            return None;
        }
        // The names as `Site::path` gives them, which confirms the route.
        match file {
            "feed.xml" => Some(Route::Feed(FeedScope::Unit(ix))),
            "calendar.ics" => Some(Route::Calendar(FeedScope::Unit(ix))),
            "agreements.json.gz" => Some(Route::UnitJson(ix)),
            "agreements.csv" => Some(Route::UnitTable(ix)),
            _ => None,
        }
    }

    /// A partner's page, feed or calendar: `<slug>/<file>` after
    /// `partners/`.
    fn resolve_partner_file(&self, rest: &str) -> Option<Route> {
        let (slug, file) = rest.split_once('/')?;
        let ix = self.partners().iter().position(|p| p.slug == slug)?;
        match file {
            "index.html" => Some(Route::Partner(ix)),
            "feed.xml" => Some(Route::Feed(FeedScope::Partner(ix))),
            "calendar.ics" => Some(Route::Calendar(FeedScope::Partner(ix))),
            _ => None,
        }
    }

    /// A page of a list: `lists/<list>/index.html`, or
    /// `lists/<list>/<page>/index.html` from the second page on.
    fn resolve_list_page(&self, path: &str) -> Option<Route> {
        let folder = path.strip_suffix("index.html")?;
        self.lists().iter().enumerate().find_map(|(list, entry)| {
            let first = lists::page_dir(&entry.dir, 1);
            let after = folder.strip_prefix(first.as_str())?;
            let page = match after.strip_suffix('/') {
                None if after.is_empty() => 1,
                Some(number) => number.parse().ok().filter(|&page| page > 1)?,
                None => return None,
            };
            (page <= lists::page_count(entry.members.len()))
                .then_some(Route::ListPage { list, page })
        })
    }

    /// The Laporan section's files after `reports/`: a unit's list of
    /// reports and its data files (`units/<unit path>/…`, the root's at
    /// the top), and a report page (`<period>/<unit path>/index.html`).
    fn resolve_report_file(&self, rest: &str) -> Option<Route> {
        let (folder, file) = rest.rsplit_once('/').unwrap_or(("", rest));
        let unit_reports = if folder.is_empty() {
            self.root_unit
        } else {
            folder
                .strip_prefix("units/")
                .and_then(|unit_path| self.model.unit_ix(unit_path))
        };
        if let Some(unit) = unit_reports {
            let route = match file {
                "index.html" if Some(unit) == self.root_unit => Route::ReportIndex,
                "index.html" => Route::UnitReports(unit),
                "report.csv" => Route::ReportData(unit, ReportData::Csv),
                "report.json" => Route::ReportData(unit, ReportData::Json),
                _ => return None,
            };
            return (!self.reports().by_unit[unit].is_empty() || route == Route::ReportIndex)
                .then_some(route);
        }
        if file != "index.html" {
            return None;
        }
        let (period, unit_path) = folder.split_once('/').unwrap_or((folder, ""));
        let unit = self.model.unit_ix(unit_path)?;
        self.reports().by_unit[unit]
            .clone()
            .find(|&page| self.reports().pages[page].1.to_string() == period)
            .map(Route::Report)
    }

    /// A local document of a public agreement, below `files/`.
    fn resolve_document(&self, path: &str) -> Option<Route> {
        if !path.starts_with("files/") {
            return None;
        }
        self.documents()
            .iter()
            .map(|key| Route::Document(key.clone()))
            .find(|route| self.path(route) == path)
    }
}

#[cfg(test)]
mod tests {
    use super::super::tests::sample_site;
    use super::*;

    #[test]
    fn every_route_resolves_from_its_own_path() {
        let site = sample_site();
        let mut routes = site.routes_before_search();
        routes.extend(site.search_routes());
        for wanted in [
            |r: &Route| matches!(r, Route::Partner(_)),
            |r: &Route| matches!(r, Route::ListPage { .. }),
            |r: &Route| matches!(r, Route::Report(_)),
            |r: &Route| matches!(r, Route::ReportData(..)),
            |r: &Route| matches!(r, Route::UnitJson(_)),
            |r: &Route| matches!(r, Route::Document(_)),
            |r: &Route| matches!(r, Route::SearchIndex(_)),
        ] {
            assert!(
                routes.iter().any(wanted),
                "the sample has every kind of route"
            );
        }
        for route in &routes {
            let path = site.path(route);
            assert_eq!(site.resolve(&path).as_ref(), Some(route), "{path}");
        }
    }

    #[test]
    fn a_path_the_site_lacks_resolves_to_nothing() {
        let site = sample_site();
        let private = site
            .model
            .agreements
            .iter()
            .find(|a| !a.is_public())
            .map(|a| format!("{}/index.html", a.id));
        let absent = [
            "",
            "index.htm",
            "no-such-agreement/index.html",
            "units/no-such-unit/index.html",
            "units/feed.xml",
            "units/agreements.csv",
            "partners/no-such-partner/index.html",
            "lists/no-such-list/index.html",
            "lists/kind-mou/1/index.html",
            "lists/kind-mou/9999/index.html",
            "reports/1999-01/index.html",
            "reports/units/no-such-unit/report.csv",
            "assets/no-such-file.css",
            "search/no-such-shard.json",
            "sitemap-99.xml",
            "files/no-such-scan.pdf",
            "data/no-such-table.csv",
        ];
        for path in absent.iter().copied().chain(private.as_deref()) {
            assert_eq!(site.resolve(path), None, "{path}");
        }
    }
}
