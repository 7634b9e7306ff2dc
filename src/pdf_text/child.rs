//! The child side: `pakta __extract-pdf BYTES FILE` limits its own
//! address space to BYTES (Unix), then reads one PDF and prints its
//! pages' text as JSON on standard output. It runs in a process of its
//! own, under the parent's time limit and that memory limit, so that
//! whatever a hostile file does to the parser ends with this process
//! only.

use std::io::{Read, Write};
use std::process::ExitCode;

/// The hidden subcommand; `main` hands it over before the command line
/// is parsed, since nobody types it.
pub(crate) const SUBCOMMAND: &str = "__extract-pdf";

/// Bytes of a document file read at most.
const MAX_FILE_BYTES: u64 = 256 * 1024 * 1024;
/// Decompressed content of one page read at most: a small stream that
/// inflates to gigabytes stops here before the memory limit does.
const MAX_PAGE_CONTENT_BYTES: usize = 64 * 1024 * 1024;
/// Pages read at most, and characters kept of each: the index needs the
/// words of an agreement, not of an annexed statistics volume.
const MAX_PAGES: usize = 2000;
const MAX_PAGE_CHARS: usize = 100_000;
/// Bytes of text kept of a whole document: what the build holds in
/// memory for all documents at once stays bounded however long each is.
const MAX_DOCUMENT_BYTES: usize = 1024 * 1024;

/// What the child prints.
#[derive(serde::Serialize, serde::Deserialize)]
pub(super) struct ChildOutput {
    pub pages: Vec<String>,
}

pub(crate) fn run(memory_limit: &std::ffi::OsStr, path: &std::ffi::OsStr) -> ExitCode {
    // No byte of the file is read before the limit holds.
    let limited = memory_limit
        .to_str()
        .and_then(|bytes| bytes.parse::<u64>().ok())
        .is_some_and(limit_memory);
    if !limited {
        return ExitCode::from(3);
    }
    match extract(std::path::Path::new(path)) {
        Ok(pages) => {
            let output = ChildOutput { pages };
            let mut stdout = std::io::stdout().lock();
            let written =
                serde_json::to_writer(&mut stdout, &output).is_ok() && stdout.flush().is_ok();
            if written {
                ExitCode::SUCCESS
            } else {
                ExitCode::from(2)
            }
        }
        Err(()) => ExitCode::from(1),
    }
}

#[cfg(unix)]
fn limit_memory(bytes: u64) -> bool {
    let limit = libc::rlimit {
        rlim_cur: bytes as libc::rlim_t,
        rlim_max: bytes as libc::rlim_t,
    };
    let no_core = libc::rlimit {
        rlim_cur: 0,
        rlim_max: 0,
    };
    // SAFETY: setrlimit reads the two structures, which outlive the calls.
    unsafe {
        // A crash must not leave a core file of the size of the limit.
        libc::setrlimit(libc::RLIMIT_CORE, &no_core);
        libc::setrlimit(libc::RLIMIT_AS, &limit) == 0
    }
}

/// Windows has no address-space limit a process sets on itself this
/// simply; the parent's time limit still ends a child that runs away.
#[cfg(not(unix))]
fn limit_memory(_bytes: u64) -> bool {
    true
}

fn extract(path: &std::path::Path) -> Result<Vec<String>, ()> {
    let mut bytes = Vec::new();
    std::fs::File::open(path)
        .and_then(|file| file.take(MAX_FILE_BYTES).read_to_end(&mut bytes))
        .map_err(|_| ())?;
    let document = lopdf::Document::load_mem(&bytes).map_err(|_| ())?;
    drop(bytes);
    let numbers: Vec<u32> = document.get_pages().into_keys().take(MAX_PAGES).collect();
    let mut pages = Vec::with_capacity(numbers.len());
    let mut kept = 0;
    for number in numbers {
        // A page that cannot be read is an empty page: the others still
        // count. Past the document's budget, pages stay empty, so page
        // numbers still match the file.
        let text = if kept < MAX_DOCUMENT_BYTES {
            let text = document
                .extract_text_with_limit(&[number], MAX_PAGE_CONTENT_BYTES)
                .unwrap_or_default();
            tidy(&text)
        } else {
            String::new()
        };
        kept += text.len();
        pages.push(text);
    }
    Ok(pages)
}

/// One space between words, no control characters, at most
/// [`MAX_PAGE_CHARS`] characters.
fn tidy(text: &str) -> String {
    let mut out = String::new();
    for word in text.split(|c: char| c.is_whitespace() || c.is_control()) {
        if word.is_empty() {
            continue;
        }
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(word);
        if out.len() >= MAX_PAGE_CHARS {
            let mut end = MAX_PAGE_CHARS;
            while !out.is_char_boundary(end) {
                end -= 1;
            }
            out.truncate(end);
            break;
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn text_is_tidied_to_single_spaces() {
        assert_eq!(tidy("  Pasal\n1\u{0}  Para\tpihak "), "Pasal 1 Para pihak");
        assert!(tidy(&"kata ".repeat(50_000)).len() <= MAX_PAGE_CHARS);
    }
}
