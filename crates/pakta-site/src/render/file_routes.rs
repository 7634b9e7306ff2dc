//! The files that are not pages, one method per route: the open data, each
//! unit's downloads, feeds and calendars, sitemaps.

use chrono::NaiveDate;

use super::{FeedScope, Output, Site};
use crate::BuildError;
use crate::cms::{self, CmsFile};
use crate::open_data::{self, About, catalog, datapackage, tables, xlsx};
use crate::views::unit_dir;
use crate::{data_file, feeds};
use pakta_model::{Agreement, Status, UnitIx, data};

impl Site {
    /// The publisher's logo, copied as it is.
    pub(super) fn logo(&self) -> Output {
        match &self.model.config.site.logo {
            Some(logo) => Output::Copy(self.root.join(logo)),
            None => Output::Bytes(Vec::new()),
        }
    }

    /// A file of the editing forms; none without `[cms]`.
    pub(super) fn cms_file(&self, file: CmsFile) -> Vec<u8> {
        match &self.model.config.cms {
            Some(settings) => cms::render(file, &self.model, settings),
            None => Vec::new(),
        }
    }

    pub(super) fn data_json(&self) -> Vec<u8> {
        let mut compressed = Vec::new();
        data_file::write(&self.model, &mut compressed).expect("writing into memory succeeds");
        compressed
    }

    pub(super) fn data_table(&self, ix: usize) -> Vec<u8> {
        let filled = &self.open_data_tables()[ix];
        tables::csv(&filled.columns, &filled.rows).into_bytes()
    }

    pub(super) fn data_package(&self) -> Vec<u8> {
        let description = self.text("dataset-description");
        let about = About::new(&self.model, description, &self.links.absolute);
        open_data::json_bytes(&datapackage::datapackage(&about, &self.theme.texts))
    }

    pub(super) fn data_workbook(&self) -> Result<Vec<u8>, BuildError> {
        let description = self.text("dataset-description");
        let about = About::new(&self.model, description, &self.links.absolute);
        xlsx::workbook(&about, self.open_data_tables())
            .map_err(|e| BuildError::Io(xlsx::PATH.into(), std::io::Error::other(e)))
    }

    pub(super) fn data_catalog(&self) -> Vec<u8> {
        let description = self.text("dataset-description");
        let about = About::new(&self.model, description, &self.links.absolute);
        open_data::json_bytes(&catalog::catalog(&about, &self.datasets()))
    }

    pub(super) fn unit_json(&self, ix: UnitIx) -> Vec<u8> {
        let document = self.unit_document(ix);
        let mut compressed = Vec::new();
        data_file::write_document(&document, &mut compressed)
            .expect("writing into memory succeeds");
        compressed
    }

    pub(super) fn unit_table(&self, ix: UnitIx) -> Vec<u8> {
        let document = self.unit_document(ix);
        let page_url = |id: &str| self.links.absolute(&format!("{id}/"));
        let filled =
            tables::Table::Agreements.filled(&document.agreements, &self.theme.texts, &page_url);
        tables::csv(&filled.columns, &filled.rows).into_bytes()
    }

    pub(super) fn feed(&self, scope: FeedScope) -> Vec<u8> {
        let (name, members) = self.scope_members(scope);
        let dir = self.scope_dir(scope);
        let path = format!("{dir}feed.xml");
        feeds::atom(
            &self.model,
            &self.links,
            &self.history,
            name,
            &path,
            &dir,
            &members,
        )
        .into_bytes()
    }

    pub(super) fn calendar(&self, scope: FeedScope) -> Vec<u8> {
        let (name, members) = self.scope_members(scope);
        self.upcoming_dates(name, &members).into_bytes()
    }

    pub(super) fn scope_members(&self, scope: FeedScope) -> (&str, Vec<&Agreement>) {
        let model = &*self.model;
        match scope {
            FeedScope::Site => (
                &model.config.site.title,
                self.public.iter().map(|&i| &model.agreements[i]).collect(),
            ),
            FeedScope::Unit(ix) => (
                &model.units[ix].name,
                model
                    .subtree(ix)
                    .into_iter()
                    .flat_map(|u| model.units[u].agreements.iter())
                    .map(|&i| &model.agreements[i])
                    .filter(|a| a.is_public())
                    .collect(),
            ),
            FeedScope::Partner(ix) => {
                let entry = &self.partners()[ix];
                (
                    &entry.name,
                    entry
                        .agreements
                        .iter()
                        .map(|&i| &model.agreements[i])
                        .collect(),
                )
            }
        }
    }

    /// The bulk document's shape holding only the public agreements of
    /// unit `ix` and the units below it, sorted by id as the site's.
    fn unit_document(&self, ix: UnitIx) -> data::DataDocument<'_> {
        let model = &*self.model;
        let (_, mut members) = self.scope_members(FeedScope::Unit(ix));
        members.sort_by(|a, b| a.id.cmp(&b.id));
        data::DataDocument {
            schema_version: data::SCHEMA_VERSION,
            generated_on: model.today,
            agreements: members
                .into_iter()
                .map(|a| data::record(model, a))
                .collect(),
        }
    }

    /// The datasets of the DCAT catalog: the site's, then each unit's but
    /// the root's (whose files are the site's).
    fn datasets(&self) -> Vec<catalog::Dataset> {
        let model = &*self.model;
        let unit_title = self.text("dataset-unit");
        let mut datasets = vec![catalog::site_dataset(
            &model.config.site.title,
            data_file::PATH,
        )];
        for (ix, unit) in model.units.iter().enumerate() {
            if Some(ix) != self.root_unit {
                datasets.push(catalog::unit_dataset(
                    format!("{unit_title}: {}", unit.name),
                    &unit_dir(&unit.path),
                ));
            }
        }
        datasets
    }

    /// Upcoming ends of agreements in force and open PKS deadlines.
    fn upcoming_dates(&self, name: &str, agreements: &[&Agreement]) -> String {
        let model = &*self.model;
        let host = self
            .links
            .absolute
            .split('/')
            .nth(2)
            .unwrap_or("pakta")
            .to_string();
        let texts = &self.theme.texts;
        let mut events = Vec::new();
        for a in agreements {
            let url = self.links.absolute(&format!("{}/", a.id));
            let event = |kind: &str, date: NaiveDate, label: &str| feeds::Event {
                uid: format!("{kind}-{}@{host}", a.id),
                date,
                summary: format!("{}: {}", texts.text(label), a.front.title),
                url: url.clone(),
            };
            let upcoming = a.status() == Status::Signed || a.status().in_force();
            if upcoming
                && let Some(end) = a.lifecycle.end
                && end >= model.today
            {
                events.push(event("expires", end, "timeline-ends"));
            }
            if let Some(deadline) = a.lifecycle.pks_due
                && deadline >= model.today
            {
                events.push(event("pks-deadline", deadline, "flag-needs-pks"));
            }
        }
        events.sort_by(|x, y| x.date.cmp(&y.date).then(x.uid.cmp(&y.uid)));
        feeds::icalendar(name, model.today, &events)
    }

    /// The open data's tables, filled once for their CSV files, the
    /// workbook and the dictionary.
    pub(super) fn open_data_tables(&self) -> &[tables::FilledTable] {
        self.open_data_tables.get_or_init(|| {
            let document = data::document(&self.model);
            let page_url = |id: &str| self.links.absolute(&format!("{id}/"));
            tables::TABLES
                .iter()
                .map(|&table| table.filled(&document.agreements, &self.theme.texts, &page_url))
                .collect()
        })
    }
}
