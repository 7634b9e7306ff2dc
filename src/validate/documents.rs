//! Documents are either a file inside the repository or a web link. Local
//! files are hashed here, once, and the facts handed on to the site.

use std::collections::BTreeMap;
use std::path::Path;

use rayon::prelude::*;
use sha2::{Digest, Sha256};

use crate::content::{AgreementSource, FrontMatter};
use crate::diagnostics::{Diagnostic, Diagnostics};
use crate::diagnostics::{Span, Spanned};

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Attachment {
    pub size: u64,
    pub sha256: String,
}

/// Local document files by their normalised path relative to the root.
pub type Attachments = BTreeMap<String, Attachment>;

#[derive(Clone)]
enum FileProblem {
    Absolute,
    LeavesRepository,
    Missing,
    NotAFile,
    LinksOutside,
    Unreadable(String),
}

pub fn check(root: &Path, agreements: &[AgreementSource], out: &mut Diagnostics) -> Attachments {
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
    let facts: BTreeMap<String, Result<Attachment, FileProblem>> = wanted
        .into_keys()
        .collect::<Vec<_>>()
        .into_par_iter()
        .map(|path| {
            let fact = inspect(&root_real, &path);
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
                                format!(
                                    "the SHA-256 of {} is {}, not the one given here",
                                    file.value, attachment.sha256
                                ),
                            )
                            .with_help("the file changed, or the checksum was copied wrongly; check which is right"),
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
    what: String,
    file: Option<&'a Spanned<String>>,
    url: Option<&'a String>,
    sha256: Option<&'a Spanned<String>>,
    span: Span,
}

fn linked_files(front: &FrontMatter) -> impl Iterator<Item = LinkedFile<'_>> {
    let documents = front.documents.iter().map(|d| LinkedFile {
        what: format!("the document \"{}\"", d.title),
        file: d.file.as_ref(),
        url: d.url.as_ref(),
        sha256: d.sha256.as_ref(),
        span: d.span.clone(),
    });
    let evidence = front.activities.iter().filter_map(|a| {
        a.evidence.as_ref().map(|e| LinkedFile {
            what: format!("the evidence of the activity \"{}\"", a.title),
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

/// `./files//a.pdf` -> `files/a.pdf`; refuses absolute paths and `..`.
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
    Ok(parts.join("/"))
}

fn inspect(root_real: &Path, path: &str) -> Result<Attachment, FileProblem> {
    let full = root_real.join(path);
    if std::fs::symlink_metadata(&full).is_err() {
        return Err(FileProblem::Missing);
    }
    let real = full.canonicalize().map_err(|_| FileProblem::Missing)?;
    if !real.starts_with(root_real) {
        return Err(FileProblem::LinksOutside);
    }
    if !real.is_file() {
        return Err(FileProblem::NotAFile);
    }
    let bytes = std::fs::read(&real).map_err(|e| FileProblem::Unreadable(e.to_string()))?;
    Ok(Attachment {
        size: bytes.len() as u64,
        sha256: hex(&Sha256::digest(&bytes)),
    })
}

fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

fn source_problem(agreement: &AgreementSource, document: &LinkedFile) -> Diagnostic {
    let both = document.file.is_some();
    Diagnostic::error(
        &agreement.source,
        document.span.clone(),
        "document-source",
        if both {
            format!("{} has both `file` and `url`", document.what)
        } else {
            format!("{} has neither `file` nor `url`", document.what)
        },
    )
    .with_help("give exactly one: `file` for a file in this repository, or `url` for a link")
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
            format!("`file` must be a path inside the repository, but \"{file}\" is absolute"),
            "write the path from the repository's top folder, e.g. files/2025-mou-uns.pdf",
        ),
        FileProblem::LeavesRepository => (
            "document-path",
            format!("`file` \"{file}\" uses .. to leave its folder"),
            "write the path from the repository's top folder, e.g. files/2025-mou-uns.pdf",
        ),
        FileProblem::LinksOutside => (
            "document-path",
            format!("`file` \"{file}\" is a link to somewhere outside the repository"),
            "copy the document into the repository instead of linking to it",
        ),
        FileProblem::Missing => (
            "missing-file",
            format!("the document file \"{file}\" does not exist"),
            "paths start at the repository's top folder and are case-sensitive; check the spelling, or add the file",
        ),
        FileProblem::NotAFile => (
            "missing-file",
            format!("\"{file}\" is a folder, not a file"),
            "name the document file itself",
        ),
        FileProblem::Unreadable(reason) => (
            "missing-file",
            format!("the document file \"{file}\" cannot be read: {reason}"),
            "check the file's permissions",
        ),
    };
    Diagnostic::error(&agreement.source, span, code, message).with_help(help)
}
