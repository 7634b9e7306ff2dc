//! The text of the local PDF documents the agreements list, for the
//! search index: read once per file content (the extraction cache is keyed
//! by the checksum the check computed), in parallel, each file in a child
//! process bounded in time and memory. A file that stalls, crashes or
//! exhausts its child is a warning, never a failed build.

mod cache;
pub(crate) mod child;
mod runner;

use std::collections::{BTreeMap, HashMap};
use std::path::{Path, PathBuf};
use std::sync::{Mutex, PoisonError};
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

/// What reading one file gave, kept by the preview from one rebuild to the
/// next.
#[derive(Clone)]
enum Outcome {
    Text(DocumentText),
    TimedOut,
    Unreadable,
}

impl From<Cached> for Outcome {
    fn from(cached: Cached) -> Outcome {
        match cached {
            Cached::Pages { pages } => Outcome::Text(DocumentText::from_pages(pages)),
            Cached::TimedOut => Outcome::TimedOut,
            Cached::Unreadable => Outcome::Unreadable,
        }
    }
}

/// The outcomes of the last reading by the file's SHA-256, so the preview
/// reads the cache entries of a national repository's documents (tens of
/// megabytes of text) once, not again after every edit. Keyed by content,
/// it is never stale; it holds only the last reading's files.
#[derive(Default)]
pub(crate) struct Remembered(Mutex<HashMap<String, Outcome>>);

/// Reads the text of every local PDF the model lists; `remembered`, when
/// given, answers for the files it read last time and keeps this time's.
pub(crate) fn read_documents(
    root: &Path,
    model: &Model,
    settings: &Settings,
    remembered: Option<&Remembered>,
) -> Extraction {
    let mut wanted: BTreeMap<&str, &str> = BTreeMap::new();
    for agreement in &model.agreements {
        for document in &agreement.front.documents {
            if let Some((key, attachment)) = pdf_attachment(model, document) {
                wanted.insert(key, &attachment.sha256);
            }
        }
    }
    // Rebuilds take turns, so the map is taken whole for this one; a lock
    // poisoned by a panicking rebuild still holds whole outcomes.
    let known = remembered
        .map(|r| std::mem::take(&mut *r.0.lock().unwrap_or_else(PoisonError::into_inner)))
        .unwrap_or_default();
    let cache = Cache::new(&settings.cache_dir);
    let limits = Limits {
        time: settings.time_limit,
        memory: MEMORY_LIMIT_BYTES,
    };
    let exe = std::env::current_exe();
    let results: Vec<(&str, &str, Outcome, bool)> = wanted
        .into_iter()
        .collect::<Vec<_>>()
        .into_par_iter()
        .map(|(key, sha256)| {
            if let Some(outcome) = known.get(sha256) {
                return (key, sha256, outcome.clone(), false);
            }
            if let Some(cached) = cache.read(sha256) {
                return (key, sha256, cached.into(), false);
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
            (key, sha256, cached.into(), true)
        })
        .collect();
    drop(known);
    let extracted = results.iter().filter(|(_, _, _, fresh)| *fresh).count();
    let from_cache = results.len() - extracted;
    if let Some(remembered) = remembered {
        let kept = results
            .iter()
            .map(|(_, sha256, outcome, _)| (sha256.to_string(), outcome.clone()))
            .collect();
        *remembered.0.lock().unwrap_or_else(PoisonError::into_inner) = kept;
    }
    let outcomes: BTreeMap<&str, Outcome> = results
        .into_iter()
        .map(|(key, _, outcome, _)| (key, outcome))
        .collect();
    let texts: DocumentTexts = outcomes
        .iter()
        .filter_map(|(key, outcome)| match outcome {
            Outcome::Text(text) => Some((key.to_string(), text.clone())),
            Outcome::TimedOut | Outcome::Unreadable => None,
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
    let (key, attachment) = model.attachments.get_key_value(&*key)?;
    is_pdf(key).then_some((key.as_str(), attachment))
}

/// One warning per document entry: editors fix the entry (attach a PDF
/// with its text), so that is where it points.
fn warnings(
    root: &Path,
    model: &Model,
    outcomes: &BTreeMap<&str, Outcome>,
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
                (Some(Outcome::TimedOut), _) => (
                    "document-text-unreadable",
                    Message::new("document-text-timed-out")
                        .arg("file", file)
                        .arg("seconds", time_limit.as_secs_f64()),
                    Message::new("document-text-unreadable.help"),
                ),
                (Some(Outcome::Unreadable), _) => (
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
