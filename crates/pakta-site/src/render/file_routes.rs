//! The files that are not pages, one method per route: the open data, each
//! unit's downloads, feeds and calendars, sitemaps.

use chrono::NaiveDate;

use super::{FeedScope, Output, Site};
use crate::BuildError;
use crate::cms::{self, CmsFile};
use crate::open_data::{
    self, About, CompressedDocuments, EncodedRecords, catalog, datapackage, tables, xlsx,
};
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
        self.write_data_json(&mut compressed)
            .expect("writing into memory succeeds");
        compressed
    }

    /// Writes the site's bulk document, compressed, to `out`.
    pub fn write_data_json(&self, mut out: impl std::io::Write) -> std::io::Result<()> {
        let encoded = self.encoded_records();
        let all: Vec<usize> = encoded.all().collect();
        self.compressed_documents().write(encoded, &all, &mut out)
    }

    /// Table `ix` as CSV: the `agreements` table from the shared rows,
    /// the others made a record at a time, none held beyond its row.
    pub(super) fn data_table(&self, ix: usize) -> Vec<u8> {
        let table = tables::TABLES[ix];
        if table == tables::Table::Agreements {
            let encoded = self.encoded_records();
            return encoded.csv(encoded.all());
        }
        let model = &*self.model;
        let page_url = |id: &str| self.links.absolute(&format!("{id}/"));
        let labels = tables::Labels::new(&self.theme.texts);
        let mut out = tables::csv_header(&table.columns());
        for agreement in model.public_agreements() {
            let record = data::record(model, agreement);
            table.push_csv_rows(&mut out, &record, &labels, &page_url);
        }
        out.into_bytes()
    }

    pub(super) fn data_package(&self) -> Vec<u8> {
        let description = self.text("dataset-description");
        let about = About::new(&self.model, description, &self.links.absolute);
        open_data::json_bytes(&datapackage::datapackage(&about, &self.theme.texts))
    }

    pub(super) fn data_workbook(&self) -> Result<Vec<u8>, BuildError> {
        let description = self.text("dataset-description");
        let about = About::new(&self.model, description, &self.links.absolute);
        let model = &*self.model;
        let page_url = |id: &str| self.links.absolute(&format!("{id}/"));
        let records = model.public_agreements().map(|a| data::record(model, a));
        xlsx::workbook(&about, records, &self.theme.texts, &page_url)
            .map_err(|e| BuildError::Io(xlsx::PATH.into(), std::io::Error::other(e)))
    }

    pub(super) fn data_catalog(&self) -> Vec<u8> {
        let description = self.text("dataset-description");
        let about = About::new(&self.model, description, &self.links.absolute);
        open_data::json_bytes(&catalog::catalog(&about, &self.datasets()))
    }

    pub(super) fn unit_json(&self, ix: UnitIx) -> Vec<u8> {
        let mut compressed = Vec::new();
        self.compressed_documents()
            .write(
                self.encoded_records(),
                &self.unit_positions(ix),
                &mut compressed,
            )
            .expect("writing into memory succeeds");
        compressed
    }

    pub(super) fn unit_table(&self, ix: UnitIx) -> Vec<u8> {
        self.encoded_records().csv(self.unit_positions(ix))
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

    /// The positions among the encoded records of the public agreements
    /// of unit `ix` and the units below it, in the site's order (by id).
    fn unit_positions(&self, ix: UnitIx) -> Vec<usize> {
        let model = &*self.model;
        self.encoded_records().positions_of(
            model
                .subtree(ix)
                .into_iter()
                .flat_map(|u| model.units[u].agreements.iter().copied()),
        )
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

    /// Every public agreement's record and `agreements` row, encoded on
    /// first use and shared by the site's files and every unit's.
    fn encoded_records(&self) -> &EncodedRecords {
        // Made by one thread (the others that need it wait): a parallel
        // loop here could run, on this thread, another route that waits
        // for this same value.
        self.encoded_records
            .get_or_init(|| self.encode_records(false))
    }

    /// The bulk documents' shared pieces, cut where a unit's records start
    /// and end.
    fn compressed_documents(&self) -> &CompressedDocuments {
        self.compressed_documents.get_or_init(|| {
            let ranges = (0..self.model.units.len()).filter_map(|ix| {
                let positions = self.unit_positions(ix);
                let (&first, &last) = (positions.first()?, positions.last()?);
                Some(first..last + 1)
            });
            CompressedDocuments::new(self.encoded_records(), ranges)
        })
    }

    fn encode_records(&self, parallel: bool) -> EncodedRecords {
        let page_url = |id: &str| self.links.absolute(&format!("{id}/"));
        EncodedRecords::new(&self.model, &self.theme.texts, &page_url, parallel)
    }

    /// Encodes the records for the downloads, and compresses the bulk
    /// documents' pieces, on every thread of the pool, before any route
    /// asks for them (one that did would wait, its thread idle). Only
    /// where no other work of the pool renders open data.
    pub fn encode_open_data(&self) {
        if self.encoded_records.get().is_none() {
            let encoded = self.encode_records(true);
            // A route that made them meanwhile made the same bytes.
            let _ = self.encoded_records.set(encoded);
        }
        self.compressed_documents()
            .compress_all(self.encoded_records());
    }

    /// The data dictionary's view of the tables: their columns and the
    /// rows that hold each column's first value, the examples.
    pub(super) fn sampled_tables(&self) -> Vec<tables::FilledTable<'_>> {
        let model = &*self.model;
        let page_url = |id: &str| self.links.absolute(&format!("{id}/"));
        let labels = tables::Labels::new(&self.theme.texts);
        tables::TABLES
            .iter()
            .map(|&table| {
                let records = model.public_agreements().map(|a| data::record(model, a));
                table.sampled(records, &labels, &page_url)
            })
            .collect()
    }
}
