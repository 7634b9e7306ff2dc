//! Each public agreement's record as compact JSON and its row of the
//! `agreements` table as CSV, encoded once per build. The site's bulk
//! document and `agreements.csv` and every unit's downloads are these
//! bytes put one after another: a regency's agreement is in the nation's,
//! its province's and its regency's files, and is encoded once for all of
//! them.

use std::io::Write;

use chrono::NaiveDate;

use pakta_content::i18n::Texts;
use pakta_model::{AgreementIx, Model, data};

use super::tables::{self, Table};

/// The public agreements' encodings, in the site's order (by id).
pub(crate) struct EncodedRecords {
    /// Each agreement's position among the public ones, by its index in
    /// the model; [`PRIVATE`] for one that is not published.
    positions: Vec<u32>,
    /// Every record as compact JSON, one after another.
    json: Vec<u8>,
    /// Every `agreements` row as CSV, one after another.
    csv: Vec<u8>,
    /// Where the record at each position ends in `json` and in `csv`; it
    /// starts where the one before it ends.
    ends: Vec<(usize, usize)>,
    /// The day the statuses are computed for, the document's `generated_on`.
    today: NaiveDate,
}

const PRIVATE: u32 = u32::MAX;

impl EncodedRecords {
    /// Encodes every public agreement of `model`; `texts` name the codes
    /// in the label columns, `page_url` gives an agreement's page address.
    pub(crate) fn new(model: &Model, texts: &Texts, page_url: &dyn Fn(&str) -> String) -> Self {
        let mut encoded = EncodedRecords {
            positions: vec![PRIVATE; model.agreements.len()],
            json: Vec::new(),
            csv: Vec::new(),
            ends: Vec::new(),
            today: model.today,
        };
        let mut row = String::new();
        for (ix, agreement) in model.agreements.iter().enumerate() {
            if !agreement.is_public() {
                continue;
            }
            encoded.positions[ix] = encoded.ends.len() as u32;
            let record = data::record(model, agreement);
            serde_json::to_writer(&mut encoded.json, &record).expect("a record serialises");
            row.clear();
            Table::Agreements.push_csv_rows(&mut row, &record, texts, page_url);
            encoded.csv.extend_from_slice(row.as_bytes());
            encoded.ends.push((encoded.json.len(), encoded.csv.len()));
        }
        encoded.json.shrink_to_fit();
        encoded.csv.shrink_to_fit();
        encoded
    }

    /// Every public agreement's position, in the site's order.
    pub(crate) fn all(&self) -> std::ops::Range<usize> {
        0..self.ends.len()
    }

    /// The positions of `agreements` that are public, in the site's order.
    pub(crate) fn positions_of(&self, agreements: impl Iterator<Item = AgreementIx>) -> Vec<usize> {
        let mut positions: Vec<usize> = agreements
            .map(|ix| self.positions[ix])
            .filter(|&p| p != PRIVATE)
            .map(|p| p as usize)
            .collect();
        // The model's agreements are sorted by id, and so are the positions.
        positions.sort_unstable();
        positions
    }

    fn json_of(&self, position: usize) -> &[u8] {
        let start = position.checked_sub(1).map_or(0, |p| self.ends[p].0);
        &self.json[start..self.ends[position].0]
    }

    fn csv_of(&self, position: usize) -> &[u8] {
        let start = position.checked_sub(1).map_or(0, |p| self.ends[p].1);
        &self.csv[start..self.ends[position].1]
    }

    /// Writes the bulk document holding the records at `positions`, as
    /// compact JSON with a final newline: the same bytes as serialising
    /// a [`data::DataDocument`] of those records.
    pub(crate) fn write_document(
        &self,
        positions: impl IntoIterator<Item = usize>,
        out: &mut dyn Write,
    ) -> std::io::Result<()> {
        write!(
            out,
            "{{\"schema_version\":{},\"generated_on\":\"{}\",\"agreements\":[",
            data::SCHEMA_VERSION,
            self.today
        )?;
        for (i, position) in positions.into_iter().enumerate() {
            if i > 0 {
                out.write_all(b",")?;
            }
            out.write_all(self.json_of(position))?;
        }
        out.write_all(b"]}\n")
    }

    /// The `agreements` table of the records at `positions` as a CSV file.
    pub(crate) fn csv(&self, positions: impl IntoIterator<Item = usize>) -> Vec<u8> {
        let mut out = tables::csv_header(&Table::Agreements.columns()).into_bytes();
        for position in positions {
            out.extend_from_slice(self.csv_of(position));
        }
        out
    }
}
