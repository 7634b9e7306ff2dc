//! Documents are either a file inside the repository or a web link. Local
//! files are hashed here, once, and the facts handed on to the site.

use std::collections::BTreeMap;
use std::path::Path;

use rayon::prelude::*;
use sha2::{Digest, Sha256};

use pakta_content::diagnostics::{Diagnostic, Diagnostics, Span, Spanned};
use pakta_content::message::Message;
use pakta_content::{AgreementSource, FrontMatter};
use pakta_load::{DOCUMENTS_DIR, not_a_file};

#[derive(Debug, Clone, PartialEq, Eq)]
/// What the check learned about a document file in the repository, so no
/// later stage reads it again.
pub struct Attachment {
    /// In bytes.
    pub size: u64,
    /// Lower-case hex digest of the file's bytes.
    pub sha256: String,
}

/// Local document files by their normalised path relative to the root.
pub type Attachments = BTreeMap<String, Attachment>;

#[derive(Clone)]
enum FileProblem {
    Absolute,
    LeavesRepository,
    OutsideDocuments,
    Hidden,
    Missing,
    NotAFile(Message),
    LinksOutside,
    Unreadable(String),
}

pub(crate) fn check(
    root: &Path,
    agreements: &[AgreementSource],
    out: &mut Diagnostics,
) -> Attachments {
    let mut wanted: BTreeMap<String, ()> = BTreeMap::new();
    for agreement in agreements {
        let Some(front) = &agreement.front else {
            continue;
        };
        for document in linked_files(front) {
            match (document.file, document.url) {
                (Some(_), Some(_)) | (None, None) => out.push(source_problem(agreement, &document)),
                (Some(file), None) => {
                    if let Ok(path) = normalise(&file.value) {
                        wanted.insert(path, ());
                    }
                }
                (None, Some(_)) => {}
            }
        }
    }
    let root_real = root.canonicalize().unwrap_or_else(|_| root.to_path_buf());
    let documents_real = documents_folder(&root_real);
    let facts: BTreeMap<String, Result<Attachment, FileProblem>> = wanted
        .into_keys()
        .collect::<Vec<_>>()
        .into_par_iter()
        .map(|path| {
            let fact = inspect(&root_real, documents_real.as_deref(), &path);
            (path, fact)
        })
        .collect();

    for agreement in agreements {
        let Some(front) = &agreement.front else {
            continue;
        };
        for document in linked_files(front) {
            let (Some(file), None) = (document.file, document.url) else {
                continue;
            };
            let fact = normalise(&file.value).map(|p| &facts[&p]);
            let problem = match fact {
                Err(problem) => Some(problem),
                Ok(Err(problem)) => Some(problem.clone()),
                Ok(Ok(attachment)) => {
                    if let Some(expected) = document.sha256
                        && expected.value != attachment.sha256
                    {
                        out.push(
                            Diagnostic::error(
                                &agreement.source,
                                expected.span.clone(),
                                "checksum-mismatch",
                                Message::new("checksum-mismatch")
                                    .arg("file", &file.value)
                                    .arg("sha256", &attachment.sha256),
                            )
                            .with_help(Message::new("checksum-mismatch.help")),
                        );
                    }
                    None
                }
            };
            if let Some(problem) = problem {
                out.push(file_problem(
                    agreement,
                    &file.value,
                    file.span.clone(),
                    problem,
                ));
            }
        }
    }
    facts
        .into_iter()
        .filter_map(|(path, fact)| fact.ok().map(|a| (path, a)))
        .collect()
}

/// A document or an activity's evidence: both name a file here or a link,
/// and are checked by the same rules.
struct LinkedFile<'a> {
    /// How messages name it: `the document "..."`.
    what: Message,
    file: Option<&'a Spanned<String>>,
    url: Option<&'a String>,
    sha256: Option<&'a Spanned<String>>,
    span: Span,
}

fn linked_files(front: &FrontMatter) -> impl Iterator<Item = LinkedFile<'_>> {
    let documents = front.documents.iter().map(|d| LinkedFile {
        what: Message::new("linked-file.document").arg("title", &d.title),
        file: d.file.as_ref(),
        url: d.url.as_ref(),
        sha256: d.sha256.as_ref(),
        span: d.span.clone(),
    });
    let evidence = front.activities.iter().filter_map(|a| {
        a.evidence.as_ref().map(|e| LinkedFile {
            what: Message::new("linked-file.evidence").arg("title", &a.title),
            file: e.file.as_ref(),
            url: e.url.as_ref(),
            sha256: e.sha256.as_ref(),
            span: e.span.clone(),
        })
    });
    documents.chain(evidence)
}

/// The key under which a document's `file` is found in [`Attachments`].
pub fn attachment_key(path: &str) -> Option<String> {
    normalise(path).ok()
}

/// `./files//a.pdf` -> `files/a.pdf`; refuses absolute paths, `..`,
/// anything outside `files/` and hidden (dot) names.
fn normalise(path: &str) -> Result<String, FileProblem> {
    let path = path.trim();
    let looks_absolute =
        path.starts_with('/') || path.starts_with('\\') || path.as_bytes().get(1) == Some(&b':');
    if looks_absolute {
        return Err(FileProblem::Absolute);
    }
    let mut parts = Vec::new();
    for part in path.split(['/', '\\']) {
        match part {
            "" | "." => {}
            ".." => return Err(FileProblem::LeavesRepository),
            other => parts.push(other),
        }
    }
    if parts.is_empty() {
        return Err(FileProblem::Missing);
    }
    if parts.len() < 2 || parts[0] != DOCUMENTS_DIR {
        return Err(FileProblem::OutsideDocuments);
    }
    if parts.iter().any(|part| part.starts_with('.')) {
        return Err(FileProblem::Hidden);
    }
    Ok(parts.join("/"))
}

/// The real `files/` folder, when it is a folder of the repository: a
/// `files` that is itself a link (to `/`, say) would make every file it
/// leads to look inside it.
fn documents_folder(root_real: &Path) -> Option<std::path::PathBuf> {
    let path = root_real.join(DOCUMENTS_DIR);
    let metadata = std::fs::symlink_metadata(&path).ok()?;
    metadata.is_dir().then_some(path)
}

/// Links are followed only while they stay inside `files/`, and what they
/// lead to must be a regular file there, not hidden: the file is judged
/// by where it really is, not by the name it was given.
fn inspect(
    root_real: &Path,
    documents_real: Option<&Path>,
    path: &str,
) -> Result<Attachment, FileProblem> {
    let full = root_real.join(path);
    if std::fs::symlink_metadata(&full).is_err() {
        return Err(FileProblem::Missing);
    }
    let real = full
        .canonicalize()
        .map_err(|_| FileProblem::NotAFile(Message::new("entry-broken-link")))?;
    let below_documents = documents_real.and_then(|dir| real.strip_prefix(dir).ok());
    let Some(below_documents) = below_documents else {
        return Err(FileProblem::LinksOutside);
    };
    let hidden = below_documents
        .components()
        .any(|c| c.as_os_str().to_string_lossy().starts_with('.'));
    if hidden {
        return Err(FileProblem::Hidden);
    }
    let metadata =
        std::fs::symlink_metadata(&real).map_err(|e| FileProblem::Unreadable(e.to_string()))?;
    if let Some(what) = not_a_file(&metadata) {
        return Err(FileProblem::NotAFile(what));
    }
    hash_file(&real).map_err(|e| FileProblem::Unreadable(e.to_string()))
}

/// Hashes a file in pieces: scans can be large, and holding whole files
/// in memory (several at once, in parallel) is not needed to hash them.
fn hash_file(path: &Path) -> std::io::Result<Attachment> {
    use std::io::Read;
    let mut file = std::fs::File::open(path)?;
    let mut hasher = Sha256::new();
    let mut buffer = vec![0; 64 * 1024];
    let mut size = 0u64;
    loop {
        let read = file.read(&mut buffer)?;
        if read == 0 {
            break;
        }
        hasher.update(&buffer[..read]);
        size += read as u64;
    }
    Ok(Attachment {
        size,
        sha256: hex::encode(hasher.finalize()),
    })
}

fn source_problem(agreement: &AgreementSource, document: &LinkedFile) -> Diagnostic {
    let both = document.file.is_some();
    Diagnostic::error(
        &agreement.source,
        document.span.clone(),
        "document-source",
        if both {
            Message::new("document-source.both")
        } else {
            Message::new("document-source.neither")
        }
        .nested("what", document.what.clone()),
    )
    .with_help(Message::new("document-source.help"))
}

fn file_problem(
    agreement: &AgreementSource,
    file: &str,
    span: std::ops::Range<usize>,
    problem: FileProblem,
) -> Diagnostic {
    let (code, message, help) = match problem {
        FileProblem::Absolute => (
            "document-path",
            Message::new("document-path.absolute"),
            Message::new("document-path.help"),
        ),
        FileProblem::LeavesRepository => (
            "document-path",
            Message::new("document-path.leaves"),
            Message::new("document-path.help"),
        ),
        FileProblem::OutsideDocuments => (
            "document-path",
            Message::new("document-path.outside").arg("folder", DOCUMENTS_DIR),
            Message::new("document-path.outside.help"),
        ),
        FileProblem::Hidden => (
            "document-path",
            Message::new("document-path.hidden"),
            Message::new("document-path.hidden.help"),
        ),
        FileProblem::LinksOutside => (
            "document-path",
            Message::new("document-path.link-outside").arg("folder", DOCUMENTS_DIR),
            Message::new("document-path.link-outside.help"),
        ),
        FileProblem::Missing => (
            "missing-file",
            Message::new("missing-file"),
            Message::new("missing-file.help"),
        ),
        FileProblem::NotAFile(what) => (
            "not-a-file",
            Message::new("not-a-file.document").nested("what", what),
            Message::new("not-a-file.document.help"),
        ),
        FileProblem::Unreadable(reason) => (
            "missing-file",
            Message::new("unreadable-file.document").arg("reason", reason),
            Message::new("unreadable-file.help"),
        ),
    };
    Diagnostic::error(&agreement.source, span, code, message.arg("file", file)).with_help(help)
}
