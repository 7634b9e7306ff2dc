//! Each public agreement's record as compact JSON and its row of the
//! `agreements` table as CSV, encoded once per build. The site's bulk
//! document and `agreements.csv` and every unit's downloads are these
//! bytes put one after another: a regency's agreement is in the nation's,
//! its province's and its regency's files, and is encoded once for all of
//! them.

use std::io::Write;

use chrono::NaiveDate;

use pakta_content::i18n::Texts;
use pakta_model::{Agreement, AgreementIx, Model, data};
use rayon::prelude::*;

use super::tables::{self, Labels, Table};

/// The public agreements' encodings, in the site's order (by id).
pub(crate) struct EncodedRecords {
    /// Each agreement's position among the public ones, by its index in
    /// the model; [`PRIVATE`] for one that is not published.
    positions: Vec<u32>,
    /// The encodings of [`CHUNK`] agreements each, in order: made in
    /// pieces so that several threads can make them, and kept in pieces
    /// so that joining them never holds two copies.
    chunks: Vec<Chunk>,
    /// How many agreements are public.
    count: usize,
    /// The day the statuses are computed for, the document's `generated_on`.
    today: NaiveDate,
}

/// The encodings of consecutive public agreements.
struct Chunk {
    /// Every record as compact JSON, one after another.
    json: Vec<u8>,
    /// Every `agreements` row as CSV, one after another.
    csv: Vec<u8>,
    /// Where each record ends in `json` and in `csv`; it starts where the
    /// one before it ends.
    ends: Vec<(usize, usize)>,
}

const PRIVATE: u32 = u32::MAX;

/// What separates two records in the bulk document.
pub(crate) const RECORD_SEPARATOR: &[u8] = b",";
/// What the bulk document holds after its last record.
pub(crate) const DOCUMENT_TAIL: &[u8] = b"]}\n";

/// How many agreements a chunk holds.
const CHUNK: usize = 512;

impl EncodedRecords {
    /// Encodes every public agreement of `model`; `texts` name the codes
    /// in the label columns, `page_url` gives an agreement's page address.
    /// With `parallel`, the chunks are made on rayon's threads: only where
    /// no other work of the pool can ask for these records meanwhile.
    pub(crate) fn new(
        model: &Model,
        texts: &Texts,
        page_url: &(dyn Fn(&str) -> String + Sync),
        parallel: bool,
    ) -> Self {
        let mut positions = vec![PRIVATE; model.agreements.len()];
        let mut public = Vec::new();
        for (ix, agreement) in model.agreements.iter().enumerate() {
            if agreement.is_public() {
                positions[ix] = public.len() as u32;
                public.push(agreement);
            }
        }
        let labels = Labels::new(texts);
        let encode = |agreements: &[&Agreement]| {
            let mut chunk = Chunk {
                json: Vec::new(),
                csv: Vec::new(),
                ends: Vec::with_capacity(agreements.len()),
            };
            let mut row = String::new();
            for agreement in agreements {
                let record = data::record(model, agreement);
                serde_json::to_writer(&mut chunk.json, &record).expect("a record serialises");
                row.clear();
                Table::Agreements.push_csv_rows(&mut row, &record, &labels, page_url);
                chunk.csv.extend_from_slice(row.as_bytes());
                chunk.ends.push((chunk.json.len(), chunk.csv.len()));
            }
            chunk.json.shrink_to_fit();
            chunk.csv.shrink_to_fit();
            chunk
        };
        let chunks = if parallel {
            public.par_chunks(CHUNK).map(encode).collect()
        } else {
            public.chunks(CHUNK).map(encode).collect()
        };
        EncodedRecords {
            positions,
            chunks,
            count: public.len(),
            today: model.today,
        }
    }

    /// Every public agreement's position, in the site's order.
    pub(crate) fn all(&self) -> std::ops::Range<usize> {
        0..self.count
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
        let (chunk, start, end) = self.span(position);
        &chunk.json[start.0..end.0]
    }

    fn csv_of(&self, position: usize) -> &[u8] {
        let (chunk, start, end) = self.span(position);
        &chunk.csv[start.1..end.1]
    }

    /// The chunk of the record at `position`, where the record starts in
    /// it and where it ends.
    fn span(&self, position: usize) -> (&Chunk, (usize, usize), (usize, usize)) {
        let chunk = &self.chunks[position / CHUNK];
        let i = position % CHUNK;
        let start = i.checked_sub(1).map_or((0, 0), |p| chunk.ends[p]);
        (chunk, start, chunk.ends[i])
    }

    /// Writes the bulk document holding the records at `positions`, as
    /// compact JSON with a final newline: the same bytes as serialising
    /// a [`data::DataDocument`] of those records.
    pub(crate) fn write_document(
        &self,
        positions: impl IntoIterator<Item = usize>,
        out: &mut dyn Write,
    ) -> std::io::Result<()> {
        out.write_all(&self.document_head())?;
        self.write_records(positions, out)?;
        out.write_all(DOCUMENT_TAIL)
    }

    /// What the bulk document holds before its first record.
    pub(crate) fn document_head(&self) -> Vec<u8> {
        format!(
            "{{\"schema_version\":{},\"generated_on\":\"{}\",\"agreements\":[",
            data::SCHEMA_VERSION,
            self.today
        )
        .into_bytes()
    }

    /// The records at `positions`, separated by commas.
    pub(crate) fn write_records(
        &self,
        positions: impl IntoIterator<Item = usize>,
        out: &mut dyn Write,
    ) -> std::io::Result<()> {
        for (i, position) in positions.into_iter().enumerate() {
            if i > 0 {
                out.write_all(RECORD_SEPARATOR)?;
            }
            out.write_all(self.json_of(position))?;
        }
        Ok(())
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

#[cfg(test)]
impl EncodedRecords {
    /// Records given as their JSON (and no CSV rows), for the tests of
    /// what is made of them.
    pub(crate) fn from_json(records: &[String], today: NaiveDate) -> Self {
        let chunks = records
            .chunks(CHUNK)
            .map(|part| {
                let mut chunk = Chunk {
                    json: Vec::new(),
                    csv: Vec::new(),
                    ends: Vec::new(),
                };
                for record in part {
                    chunk.json.extend_from_slice(record.as_bytes());
                    chunk.ends.push((chunk.json.len(), 0));
                }
                chunk
            })
            .collect();
        EncodedRecords {
            positions: (0..records.len() as u32).collect(),
            chunks,
            count: records.len(),
            today,
        }
    }
}
