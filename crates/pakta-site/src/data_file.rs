//! The bulk open-data document as the site publishes it: the JSON that
//! `pakta data` prints, gzip-compressed. A national repository's document
//! is about 90 MB of JSON and a tenth of that compressed; the published
//! site has a size limit, and every program that reads JSON reads gzip
//! too (`gunzip`, `jq` after `zcat`, pandas, R). The spreadsheet-ready
//! CSV stays uncompressed.

use std::io::Write;

use flate2::{Compress, Compression, FlushCompress, GzBuilder, Status};

/// Where the document lives below the site root.
pub(crate) const PATH: &str = "data/agreements.json.gz";

/// Where a unit's compressed document lives below the site root, in the
/// unit's folder `dir`.
pub(crate) fn unit_path(dir: &str) -> String {
    format!("{dir}agreements.json.gz")
}

/// Compresses what `write_content` writes into `out`. The gzip header
/// carries no file name and no time, so the same content gives the same
/// bytes.
pub(crate) fn gzip(
    out: impl Write,
    write_content: impl FnOnce(&mut dyn Write) -> std::io::Result<()>,
) -> std::io::Result<()> {
    // Level 6 is zlib's default: at 90 MB it costs about a second of one
    // core, running beside the pages; level 9 saves little more.
    let mut encoder = GzBuilder::new().mtime(0).write(out, Compression::new(6));
    {
        let mut buffered = std::io::BufWriter::new(&mut encoder);
        write_content(&mut buffered)?;
        buffered.flush()?;
    }
    encoder.finish()?.flush()
}

/// Level 6, zlib's default: see [`gzip`].
const LEVEL: u32 = 6;

/// The gzip header [`gzip`] writes: deflate, no flags, no time, no extra
/// flags, operating system unknown.
const GZIP_HEADER: [u8; 10] = [0x1f, 0x8b, 8, 0, 0, 0, 0, 0, 0, 0xff];

/// A final deflate block with nothing in it (fixed codes, end of block at
/// once): what closes a stream of pieces none of which is final.
const FINAL_EMPTY_BLOCK: [u8; 2] = [0x03, 0x00];

/// A part of a gzip file's content deflated on its own, so that the
/// same part compressed once can sit in several files: every unit's bulk
/// document holds the records of the units below it, and each record is
/// compressed once instead of once per level above it. A piece refers
/// to no byte before it and ends with a sync flush on a byte boundary in
/// a block that is not the last, so pieces written one after another are
/// one valid deflate stream (as pigz joins what its threads compress);
/// the file stays a single gzip member, which every reader takes.
pub(crate) struct DeflatedPiece {
    deflated: Vec<u8>,
    /// The checksum and length of the content, for the file's trailer.
    crc: crc32fast::Hasher,
}

impl DeflatedPiece {
    pub(crate) fn new(content: &[u8]) -> Self {
        let mut compress = Compress::new(Compression::new(LEVEL), false);
        let mut deflated = Vec::with_capacity(content.len() / 4 + 64);
        let mut input = content;
        loop {
            deflated.reserve(deflated.len().max(64));
            let before = compress.total_in();
            let status = compress
                .compress_vec(input, &mut deflated, FlushCompress::Sync)
                .expect("deflating into memory succeeds");
            input = &input[(compress.total_in() - before) as usize..];
            // The flush is complete once all input is taken and the output
            // was not filled: zlib's rule for a flush that needs more room.
            if input.is_empty() && deflated.len() < deflated.capacity() {
                debug_assert_eq!(status, Status::Ok);
                break;
            }
        }
        deflated.shrink_to_fit();
        let mut crc = crc32fast::Hasher::new();
        crc.update(content);
        DeflatedPiece { deflated, crc }
    }
}

/// Writes one gzip file whose content is the pieces' contents in order.
pub(crate) fn gzip_pieces<'a>(
    out: &mut dyn Write,
    pieces: impl IntoIterator<Item = &'a DeflatedPiece>,
) -> std::io::Result<()> {
    out.write_all(&GZIP_HEADER)?;
    let mut crc = crc32fast::Hasher::new();
    for piece in pieces {
        out.write_all(&piece.deflated)?;
        crc.combine(&piece.crc);
    }
    out.write_all(&FINAL_EMPTY_BLOCK)?;
    // The length is stored modulo 2^32, as RFC 1952 says.
    let length = crc.total_len() as u32;
    out.write_all(&crc.finalize().to_le_bytes())?;
    out.write_all(&length.to_le_bytes())
}

#[cfg(test)]
mod tests {
    use std::io::Read;

    use flate2::read::GzDecoder;

    use super::*;

    #[test]
    fn compressed_content_decompresses_to_itself_and_is_reproducible() {
        let content = "{\"agreements\":[]}\n".repeat(1000);
        let compress = || {
            let mut compressed = Vec::new();
            gzip(&mut compressed, |out| out.write_all(content.as_bytes())).unwrap();
            compressed
        };
        let compressed = compress();
        assert!(
            compressed.len() < content.len() / 10,
            "{}",
            compressed.len()
        );
        let mut back = String::new();
        GzDecoder::new(&compressed[..])
            .read_to_string(&mut back)
            .unwrap();
        assert_eq!(back, content);
        assert_eq!(compress(), compressed, "the same content, the same bytes");
        // No time in the header (bytes 4..8) and no file name flag.
        assert_eq!(&compressed[4..8], &[0, 0, 0, 0]);
        assert_eq!(compressed[3] & 0x08, 0);
    }

    fn gunzip_one_member(compressed: &[u8]) -> Vec<u8> {
        // GzDecoder reads the first member only: the pieces must make one.
        let mut back = Vec::new();
        GzDecoder::new(compressed).read_to_end(&mut back).unwrap();
        back
    }

    #[test]
    fn pieces_deflated_apart_make_one_gzip_member_of_their_contents() {
        let contents: Vec<Vec<u8>> = vec![
            b"{\"agreements\":[".to_vec(),
            "{\"id\":\"a\",\"title\":\"Pendidikan pemilih\"}"
                .repeat(3000)
                .into_bytes(),
            b",".to_vec(),
            // Bytes that do not compress, longer than any output buffer.
            (0..200_000u32)
                .map(|i| (i.wrapping_mul(2_654_435_761) >> 24) as u8)
                .collect(),
            Vec::new(),
            b"]}\n".to_vec(),
        ];
        let pieces: Vec<DeflatedPiece> = contents.iter().map(|c| DeflatedPiece::new(c)).collect();
        let mut compressed = Vec::new();
        gzip_pieces(&mut compressed, &pieces).unwrap();
        assert_eq!(gunzip_one_member(&compressed), contents.concat());
        assert_eq!(&compressed[..10], &GZIP_HEADER);

        // The same pieces in another file, some left out: each is reused as it is.
        let mut other = Vec::new();
        gzip_pieces(&mut other, [&pieces[0], &pieces[2], &pieces[5]]).unwrap();
        assert_eq!(gunzip_one_member(&other), b"{\"agreements\":[,]}\n");

        // No pieces at all: an empty file's gzip.
        let mut empty = Vec::new();
        gzip_pieces(&mut empty, []).unwrap();
        assert!(gunzip_one_member(&empty).is_empty());
    }

    #[test]
    fn joined_pieces_compress_about_as_well_as_one_stream() {
        let content = "{\"id\":\"jawa-tengah/2024-mou-bps\",\"status\":\"active\"},".repeat(20_000);
        let mut whole = Vec::new();
        gzip(&mut whole, |out| out.write_all(content.as_bytes())).unwrap();
        let pieces: Vec<DeflatedPiece> = content
            .as_bytes()
            .chunks(64 * 1024)
            .map(DeflatedPiece::new)
            .collect();
        let mut joined = Vec::new();
        gzip_pieces(&mut joined, &pieces).unwrap();
        assert_eq!(gunzip_one_member(&joined), content.as_bytes());
        assert!(
            joined.len() < whole.len() * 11 / 10 + 64 * pieces.len(),
            "{} against {}",
            joined.len(),
            whole.len()
        );
    }
}
