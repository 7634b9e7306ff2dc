//! The text of the local PDF documents the agreements list, for the
//! search index: read once per file content (the extraction cache is keyed
//! by the checksum the check computed), in parallel, each file in a child
//! process bounded in time and memory. A file that stalls, crashes or
//! exhausts its child is a warning, never a failed build.

mod cache;
pub(crate) mod child;
mod runner;

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::time::Duration;

use rayon::prelude::*;

use pakta_content::diagnostics::{Diagnostic, Severity, SourceFile};
use pakta_content::message::Message;
use pakta_model::{DocumentText, DocumentTexts, Model};

use cache::{Cache, Cached};
use runner::{Failure, Limits};

/// The cache folder when none is given, below the repository root: the
/// publish workflow keeps it between runs.
pub(crate) const DEFAULT_CACHE_DIR: &str = ".pakta-cache";
/// The time one file may take when none is given (`--pdf-time-limit`).
pub(crate) const DEFAULT_TIME_LIMIT_SECONDS: f64 = 30.0;
/// Address space a child may use (Unix).
const MEMORY_LIMIT_BYTES: u64 = 1024 * 1024 * 1024;

/// Where the cache is and how long one file may take.
pub(crate) struct Settings {
    pub cache_dir: PathBuf,
    pub time_limit: Duration,
}

/// What reading the documents gave.
pub(crate) struct Extraction {
    pub texts: DocumentTexts,
    /// Files read by a child in this run.
    pub extracted: usize,
    /// Files whose entry the cache had.
    pub from_cache: usize,
    /// A warning at each document entry whose file is a scan or could not
    /// be read.
    pub diagnostics: Vec<Diagnostic>,
}

/// Whether a key names a PDF by its extension, as the site serves it.
fn is_pdf(key: &str) -> bool {
    key.len() > 4 && key.as_bytes()[key.len() - 4..].eq_ignore_ascii_case(b".pdf")
}

pub(crate) fn read_documents(root: &Path, model: &Model, settings: &Settings) -> Extraction {
    let mut wanted: BTreeMap<&str, &str> = BTreeMap::new();
    for agreement in &model.agreements {
        for document in &agreement.front.documents {
            if let Some((key, attachment)) = pdf_attachment(model, document) {
                wanted.insert(key, &attachment.sha256);
            }
        }
    }
    let cache = Cache::new(&settings.cache_dir);
    let limits = Limits {
        time: settings.time_limit,
        memory: MEMORY_LIMIT_BYTES,
    };
    let exe = std::env::current_exe();
    let results: Vec<(&str, Cached, bool)> = wanted
        .into_iter()
        .collect::<Vec<_>>()
        .into_par_iter()
        .map(|(key, sha256)| {
            if let Some(cached) = cache.read(sha256) {
                return (key, cached, false);
            }
            let outcome = match &exe {
                Ok(exe) => runner::extract(exe, &root.join(key), limits),
                Err(_) => Err(Failure::Unreadable),
            };
            let cached = match outcome {
                Ok(pages) => Cached::Pages { pages },
                Err(Failure::TimedOut) => Cached::TimedOut,
                Err(Failure::Unreadable) => Cached::Unreadable,
            };
            cache.write(sha256, &cached);
            (key, cached, true)
        })
        .collect();
    let extracted = results.iter().filter(|(_, _, fresh)| *fresh).count();
    let from_cache = results.len() - extracted;
    let outcomes: BTreeMap<&str, Cached> = results
        .into_iter()
        .map(|(key, cached, _)| (key, cached))
        .collect();
    let texts: DocumentTexts = outcomes
        .iter()
        .filter_map(|(key, cached)| match cached {
            Cached::Pages { pages } => {
                Some((key.to_string(), DocumentText::from_pages(pages.clone())))
            }
            Cached::TimedOut | Cached::Unreadable => None,
        })
        .collect();
    let diagnostics = warnings(root, model, &outcomes, &texts, settings.time_limit);
    Extraction {
        texts,
        extracted,
        from_cache,
        diagnostics,
    }
}

fn pdf_attachment<'m>(
    model: &'m Model,
    document: &pakta_content::Document,
) -> Option<(&'m str, &'m pakta_check::Attachment)> {
    let file = document.file.as_ref()?;
    let key = pakta_check::attachment_key(&file.value)?;
    let (key, attachment) = model.attachments.get_key_value(&key)?;
    is_pdf(key).then_some((key.as_str(), attachment))
}

/// One warning per document entry: editors fix the entry (attach a PDF
/// with its text), so that is where it points.
fn warnings(
    root: &Path,
    model: &Model,
    outcomes: &BTreeMap<&str, Cached>,
    texts: &DocumentTexts,
    time_limit: Duration,
) -> Vec<Diagnostic> {
    let mut out = Vec::new();
    for agreement in &model.agreements {
        let mut source: Option<Option<SourceFile>> = None;
        for document in &agreement.front.documents {
            let Some((key, _)) = pdf_attachment(model, document) else {
                continue;
            };
            let file = document
                .file
                .as_ref()
                .map(|f| f.value.as_str())
                .unwrap_or(key);
            let (code, message, help) = match (outcomes.get(key), texts.get(key)) {
                (_, Some(DocumentText::NoText)) => (
                    "document-without-text",
                    Message::new("document-without-text").arg("file", file),
                    Message::new("document-without-text.help"),
                ),
                (Some(Cached::TimedOut), _) => (
                    "document-text-unreadable",
                    Message::new("document-text-timed-out")
                        .arg("file", file)
                        .arg("seconds", time_limit.as_secs_f64()),
                    Message::new("document-text-unreadable.help"),
                ),
                (Some(Cached::Unreadable), _) => (
                    "document-text-unreadable",
                    Message::new("document-text-unreadable").arg("file", file),
                    Message::new("document-text-unreadable.help"),
                ),
                _ => continue,
            };
            // The agreement's text, for the line and column; read only
            // for the few agreements warned about.
            let source = source.get_or_insert_with(|| {
                std::fs::read_to_string(root.join(&agreement.path))
                    .ok()
                    .map(|text| SourceFile {
                        path: agreement.path.clone(),
                        text: text.into(),
                    })
            });
            let diagnostic = match source {
                Some(source) if document.span.end <= source.text.len() => {
                    Diagnostic::warning(source, document.span.clone(), code, message)
                }
                _ => Diagnostic::file_level(Severity::Warning, &agreement.path, code, message),
            };
            out.push(diagnostic.with_help(help));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pdfs_are_known_by_their_extension() {
        assert!(is_pdf("files/a.pdf"));
        assert!(is_pdf("files/NASKAH.PDF"));
        assert!(!is_pdf("files/a.pdf.docx"));
        assert!(!is_pdf(".pdf"));
    }
}
