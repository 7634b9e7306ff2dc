//! The bulk open-data document as the site publishes it: the JSON that
//! `pakta data` prints, gzip-compressed. A national repository's document
//! is about 90 MB of JSON and a tenth of that compressed; the published
//! site has a size limit, and every program that reads JSON reads gzip
//! too (`gunzip`, `jq` after `zcat`, pandas, R). The spreadsheet-ready
//! CSV stays uncompressed.

use std::io::Write;

use flate2::{Compression, GzBuilder};

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
}
