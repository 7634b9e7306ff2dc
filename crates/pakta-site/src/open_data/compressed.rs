//! The compressed bulk documents, the site's and every unit's, made from
//! pieces compressed once. A unit's document holds its agreements and
//! those of every unit below it, so a regency's agreement is in the
//! nation's, its province's and its regency's documents: compressed
//! document by document, each record was deflated three or four times.
//! A unit's public agreements are consecutive in the site's order (their
//! ids start with the unit's folder), so every document is a range of
//! the records. Where any range starts or ends, the records are cut into
//! pieces; each piece is deflated once, on first use, and a document is
//! its head, its pieces with commas between them and its tail, joined
//! into one gzip member (`data_file::gzip_pieces`).

use std::io::Write;
use std::ops::Range;
use std::sync::OnceLock;

use rayon::prelude::*;

use super::encoded::{DOCUMENT_TAIL, EncodedRecords, RECORD_SEPARATOR};
use crate::data_file::{self, DeflatedPiece};

pub(crate) struct CompressedDocuments {
    /// Where the pieces start and end among the records' positions,
    /// ascending: 0, the ends of every range, and the number of records.
    cuts: Vec<usize>,
    /// Piece `i` holds the records from `cuts[i]` to `cuts[i + 1]`.
    pieces: Vec<OnceLock<DeflatedPiece>>,
    head: DeflatedPiece,
    separator: DeflatedPiece,
    tail: DeflatedPiece,
}

impl CompressedDocuments {
    /// Prepares the documents of the records in `ranges`; nothing is
    /// compressed until a document asks for it.
    pub(crate) fn new(
        encoded: &EncodedRecords,
        ranges: impl IntoIterator<Item = Range<usize>>,
    ) -> Self {
        let all = encoded.all();
        let mut cuts: Vec<usize> = ranges
            .into_iter()
            .flat_map(|range| [range.start, range.end])
            .chain([all.start, all.end])
            .filter(|&cut| cut <= all.end)
            .collect();
        cuts.sort_unstable();
        cuts.dedup();
        CompressedDocuments {
            pieces: (1..cuts.len()).map(|_| OnceLock::new()).collect(),
            cuts,
            head: DeflatedPiece::new(&encoded.document_head()),
            separator: DeflatedPiece::new(RECORD_SEPARATOR),
            tail: DeflatedPiece::new(DOCUMENT_TAIL),
        }
    }

    /// Compresses every piece on rayon's threads, before any document asks
    /// for one: the site's document asks for all of them, and would
    /// otherwise compress them one after another on its own thread. Only
    /// where no other work of the pool writes a document meanwhile.
    pub(crate) fn compress_all(&self, encoded: &EncodedRecords) {
        self.pieces.par_iter().enumerate().for_each(|(i, piece)| {
            piece.get_or_init(|| self.compress_piece(encoded, i));
        });
    }

    fn compress_piece(&self, encoded: &EncodedRecords, i: usize) -> DeflatedPiece {
        let mut json = Vec::new();
        encoded
            .write_records(self.cuts[i]..self.cuts[i + 1], &mut json)
            .expect("writing into memory succeeds");
        DeflatedPiece::new(&json)
    }

    /// Writes the compressed bulk document of the records at `positions`
    /// (ascending) to `out`: from the shared pieces when they are a range
    /// given to [`CompressedDocuments::new`], else compressed on its own.
    pub(crate) fn write(
        &self,
        encoded: &EncodedRecords,
        positions: &[usize],
        out: &mut dyn Write,
    ) -> std::io::Result<()> {
        let Some(pieces) = self.pieces_of(positions) else {
            return data_file::gzip(out, |json| {
                encoded.write_document(positions.iter().copied(), json)
            });
        };
        let mut parts = Vec::with_capacity(2 * pieces.len() + 1);
        parts.push(&self.head);
        for (n, i) in pieces.enumerate() {
            if n > 0 {
                parts.push(&self.separator);
            }
            parts.push(self.pieces[i].get_or_init(|| self.compress_piece(encoded, i)));
        }
        parts.push(&self.tail);
        data_file::gzip_pieces(out, parts)
    }

    /// The pieces that hold exactly the records at `positions`, when they
    /// are consecutive and start and end at cuts.
    fn pieces_of(&self, positions: &[usize]) -> Option<Range<usize>> {
        let (Some(&start), Some(&last)) = (positions.first(), positions.last()) else {
            return Some(0..0);
        };
        let end = last + 1;
        if end - start != positions.len() {
            return None;
        }
        let first = self.cuts.binary_search(&start).ok()?;
        let last = self.cuts.binary_search(&end).ok()?;
        Some(first..last)
    }
}

#[cfg(test)]
mod tests {
    use std::io::Read;

    use flate2::read::GzDecoder;

    use super::*;

    fn gunzip(compressed: &[u8]) -> Vec<u8> {
        let mut json = Vec::new();
        GzDecoder::new(compressed).read_to_end(&mut json).unwrap();
        json
    }

    fn document(encoded: &EncodedRecords, positions: &[usize]) -> Vec<u8> {
        let mut json = Vec::new();
        encoded
            .write_document(positions.iter().copied(), &mut json)
            .unwrap();
        json
    }

    #[test]
    fn every_document_decompresses_to_the_same_json_as_written_whole() {
        // More records than a chunk of the encoded records holds.
        let records: Vec<String> = (0..1500)
            .map(|i| format!("{{\"id\":\"unit-{}/agreement-{i}\"}}", i / 300))
            .collect();
        let today = chrono::NaiveDate::from_ymd_opt(2026, 11, 1).unwrap();
        let encoded = EncodedRecords::from_json(&records, today);
        let compressed =
            CompressedDocuments::new(&encoded, [0..1500, 300..900, 900..1200, 600..600]);
        for positions in [
            vec![],
            (0..1500).collect::<Vec<_>>(),
            (300..900).collect(),
            (900..1200).collect(),
            // Not a range given to `new`, and not consecutive: compressed on their own.
            (1..700).collect(),
            vec![0, 4],
            vec![1499],
        ] {
            let mut bytes = Vec::new();
            compressed.write(&encoded, &positions, &mut bytes).unwrap();
            assert_eq!(
                gunzip(&bytes),
                document(&encoded, &positions),
                "{positions:?}"
            );
        }
        // Compressed ahead, the pieces make the same documents.
        let ahead = CompressedDocuments::new(&encoded, [0..1500, 300..900, 900..1200, 600..600]);
        ahead.compress_all(&encoded);
        assert!(ahead.pieces.iter().all(|piece| piece.get().is_some()));
        for positions in [(0..1500).collect::<Vec<_>>(), (300..900).collect()] {
            let (mut lazily, mut early) = (Vec::new(), Vec::new());
            compressed.write(&encoded, &positions, &mut lazily).unwrap();
            ahead.write(&encoded, &positions, &mut early).unwrap();
            assert_eq!(lazily, early);
        }
        // The ranges' documents were made of pieces, which are now all made.
        assert!(compressed.pieces.iter().all(|piece| piece.get().is_some()));
        assert_eq!(compressed.cuts, [0, 300, 600, 900, 1200, 1500]);
    }
}
