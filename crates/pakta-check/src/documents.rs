//! Documents are either a file inside the repository or a web link. Local
//! files are hashed here, once, and the facts handed on to the site; the
//! preview keeps them from one rebuild to the next ([`KnownAttachments`]).

use std::borrow::Cow;
use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};
use std::time::SystemTime;

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

/// What one check learned of the document files, for the next: what it
/// found at each path, with the digest of the file there and the size and
/// modification time the file had then. A later check reuses a digest
/// while the path leads to the same file and both are unchanged: the same
/// test the preview's loader applies to the agreement files. When the
/// owner watches the repository, the whole finding for each path is
/// reused too, until the owner reports a change in `files/`.
#[derive(Debug, Default)]
pub struct KnownAttachments {
    findings: BTreeMap<String, Inspected>,
    /// Whether every change in `files/` is reported through
    /// [`KnownAttachments::forget_findings`].
    watched: bool,
    /// Whether no change was reported since the findings were made.
    current: bool,
}

#[derive(Debug, Clone)]
struct Digested {
    len: u64,
    modified: SystemTime,
    attachment: Attachment,
}

impl KnownAttachments {
    /// Nothing learned yet, for an owner that reports every change in
    /// `files/` (a file watcher that, when it lost events, starts anew).
    pub fn watched() -> KnownAttachments {
        KnownAttachments {
            watched: true,
            ..KnownAttachments::default()
        }
    }

    /// Something in `files/` changed: every path is looked at again (the
    /// digests of files still as they were are kept).
    pub fn forget_findings(&mut self) {
        self.current = false;
    }

    /// What the last check found at `path`, when it still stands.
    fn standing(&self, path: &str) -> Option<&Inspected> {
        (self.watched && self.current)
            .then(|| self.findings.get(path))
            .flatten()
    }

    /// The digest of the regular file at `real`, named `path`, with this
    /// `metadata`: hashed now unless known; with the entry to keep for the
    /// next run (none when the file has no modification time to compare).
    fn digest(
        &self,
        path: &str,
        real: &Path,
        metadata: &std::fs::Metadata,
    ) -> std::io::Result<(Attachment, Option<(PathBuf, Digested)>)> {
        let modified = metadata.modified().ok();
        let known = self
            .findings
            .get(path)
            .and_then(|(_, keep)| keep.as_ref())
            .filter(|(kept_real, kept)| {
                kept_real == real && kept.len == metadata.len() && Some(kept.modified) == modified
            });
        if let Some(keep) = known {
            return Ok((keep.1.attachment.clone(), Some(keep.clone())));
        }
        let attachment = hash_file(real)?;
        let keep = modified.map(|modified| {
            let digested = Digested {
                len: attachment.size,
                modified,
                attachment: attachment.clone(),
            };
            (real.to_path_buf(), digested)
        });
        Ok((attachment, keep))
    }
}

#[derive(Debug, Clone)]
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
    known: &mut KnownAttachments,
    out: &mut Diagnostics,
) -> Attachments {
    let mut wanted: BTreeSet<Cow<'_, str>> = BTreeSet::new();
    for agreement in agreements {
        let Some(front) = &agreement.front else {
            continue;
        };
        for document in linked_files(front) {
            match (document.file, document.url) {
                (Some(_), Some(_)) | (None, None) => out.push(source_problem(agreement, &document)),
                (Some(file), None) => {
                    if let Ok(path) = normalise(&file.value) {
                        wanted.insert(path);
                    }
                }
                (None, Some(_)) => {}
            }
        }
    }
    let root_real = root.canonicalize().unwrap_or_else(|_| root.to_path_buf());
    let documents_real = documents_folder(&root_real);
    let paths: Vec<String> = wanted.into_iter().map(Cow::into_owned).collect();
    let unknown: Vec<&str> = paths
        .iter()
        .map(String::as_str)
        .filter(|p| known.standing(p).is_none())
        .collect();
    let folders = real_folders(&root_real, &unknown);
    let findings: BTreeMap<String, Inspected> = paths
        .into_par_iter()
        .map(|path| {
            if let Some(found) = known.standing(&path) {
                return (path, found.clone());
            }
            let place = Place {
                root_real: &root_real,
                documents_real: documents_real.as_deref(),
                folders: &folders,
            };
            let fact = inspect(&place, &path, known);
            (path, fact)
        })
        // In order already: built whole from a list rather than entry by
        // entry as the threads finish.
        .collect::<Vec<_>>()
        .into_iter()
        .collect();

    for agreement in agreements {
        let Some(front) = &agreement.front else {
            continue;
        };
        for document in linked_files(front) {
            let (Some(file), None) = (document.file, document.url) else {
                continue;
            };
            let fact = normalise(&file.value).map(|p| &findings[&*p].0);
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
    let attachments = findings
        .iter()
        .filter_map(|(path, (fact, _))| Some((path.clone(), fact.as_ref().ok()?.clone())))
        .collect();
    // Only this run's files are kept: a file gone or changed is forgotten.
    known.findings = findings;
    known.current = true;
    attachments
}

/// A document or an activity's evidence: both name a file here or a link,
/// and are checked by the same rules.
struct LinkedFile<'a> {
    /// What it is and its title, made into a message (`the document
    /// "..."`) only for a problem: most entries have none, and a national
    /// repository lists tens of thousands.
    what: (Linked, &'a str),
    file: Option<&'a Spanned<String>>,
    url: Option<&'a String>,
    sha256: Option<&'a Spanned<String>>,
    span: Span,
}

/// The two kinds of entry that name a file.
#[derive(Clone, Copy)]
enum Linked {
    Document,
    Evidence,
}

impl Linked {
    /// `the document "title"`, as messages name the entry.
    fn named(self, title: &str) -> Message {
        match self {
            Linked::Document => Message::new("linked-file.document").arg("title", title),
            Linked::Evidence => Message::new("linked-file.evidence").arg("title", title),
        }
    }
}

fn linked_files(front: &FrontMatter) -> impl Iterator<Item = LinkedFile<'_>> {
    let documents = front.documents.iter().map(|d| LinkedFile {
        what: (Linked::Document, d.title.as_str()),
        file: d.file.as_ref(),
        url: d.url.as_ref(),
        sha256: d.sha256.as_ref(),
        span: d.span.clone(),
    });
    let evidence = front.activities.iter().filter_map(|a| {
        a.evidence.as_ref().map(|e| LinkedFile {
            what: (Linked::Evidence, a.title.as_str()),
            file: e.file.as_ref(),
            url: e.url.as_ref(),
            sha256: e.sha256.as_ref(),
            span: e.span.clone(),
        })
    });
    documents.chain(evidence)
}

/// The key under which a document's `file` is found in [`Attachments`]:
/// the path as written when it is already plain, as nearly every one is.
pub fn attachment_key(path: &str) -> Option<Cow<'_, str>> {
    normalise(path).ok()
}

/// `./files//a.pdf` -> `files/a.pdf`; refuses absolute paths, `..`,
/// anything outside `files/` and hidden (dot) names. A path already in
/// that form is returned as it is: nearly every path is, and a national
/// repository names tens of thousands.
fn normalise(path: &str) -> Result<Cow<'_, str>, FileProblem> {
    let path = path.trim();
    let looks_absolute =
        path.starts_with('/') || path.starts_with('\\') || path.as_bytes().get(1) == Some(&b':');
    if looks_absolute {
        return Err(FileProblem::Absolute);
    }
    let segments = || path.split(['/', '\\']);
    if segments().any(|part| part == "..") {
        return Err(FileProblem::LeavesRepository);
    }
    let parts = || segments().filter(|part| !part.is_empty() && *part != ".");
    let mut named = parts();
    let Some(first) = named.next() else {
        return Err(FileProblem::Missing);
    };
    if named.next().is_none() || first != DOCUMENTS_DIR {
        return Err(FileProblem::OutsideDocuments);
    }
    if parts().any(|part| part.starts_with('.')) {
        return Err(FileProblem::Hidden);
    }
    if parts().count() == segments().count() && !path.contains('\\') {
        Ok(Cow::Borrowed(path))
    } else {
        Ok(Cow::Owned(parts().collect::<Vec<_>>().join("/")))
    }
}

/// The real `files/` folder, when it is a folder of the repository: a
/// `files` that is itself a link (to `/`, say) would make every file it
/// leads to look inside it.
fn documents_folder(root_real: &Path) -> Option<std::path::PathBuf> {
    let path = root_real.join(DOCUMENTS_DIR);
    let metadata = std::fs::symlink_metadata(&path).ok()?;
    metadata.is_dir().then_some(path)
}

/// What inspecting one file found, and the digest to keep for the next run.
type Inspected = (Result<Attachment, FileProblem>, Option<(PathBuf, Digested)>);

/// Where the files are really: the repository, its `files/` folder and
/// each folder that holds a document (`None` when it cannot be resolved).
struct Place<'a> {
    root_real: &'a Path,
    documents_real: Option<&'a Path>,
    folders: &'a foldhash::HashMap<String, Option<PathBuf>>,
}

/// The folder part of a normalised document path (which always has one).
fn folder_part(path: &str) -> (&str, &str) {
    path.rsplit_once('/').unwrap_or(("", path))
}

/// Each folder that holds a document, resolved once: resolving every file's
/// path in full costs a system call per folder on the way, and a national
/// repository lists twelve thousand scans in a few hundred folders.
fn real_folders(root_real: &Path, paths: &[&str]) -> foldhash::HashMap<String, Option<PathBuf>> {
    let folders: std::collections::BTreeSet<&str> =
        paths.iter().map(|p| folder_part(p).0).collect();
    folders
        .into_iter()
        .collect::<Vec<_>>()
        .into_par_iter()
        .map(|folder| {
            (
                folder.to_string(),
                root_real.join(folder).canonicalize().ok(),
            )
        })
        .collect()
}

/// Links are followed only while they stay inside `files/`, and what they
/// lead to must be a regular file there, not hidden: the file is judged
/// by where it really is, not by the name it was given.
fn inspect(place: &Place, path: &str, known: &KnownAttachments) -> Inspected {
    match inspect_file(place, path, known) {
        Ok((attachment, keep)) => (Ok(attachment), keep),
        Err(problem) => (Err(problem), None),
    }
}

fn inspect_file(
    place: &Place,
    path: &str,
    known: &KnownAttachments,
) -> Result<(Attachment, Option<(PathBuf, Digested)>), FileProblem> {
    let full = place.root_real.join(path);
    let Ok(entry) = std::fs::symlink_metadata(&full) else {
        return Err(FileProblem::Missing);
    };
    let broken = || FileProblem::NotAFile(Message::new("entry-broken-link"));
    // A file that is not itself a link is where its real folder is.
    let (real, entry) = if entry.file_type().is_symlink() {
        (full.canonicalize().map_err(|_| broken())?, None)
    } else {
        let (folder, name) = folder_part(path);
        let real_folder = place.folders.get(folder).and_then(Option::as_ref);
        (real_folder.ok_or_else(broken)?.join(name), Some(entry))
    };
    let below_documents = place
        .documents_real
        .and_then(|dir| real.strip_prefix(dir).ok());
    let Some(below_documents) = below_documents else {
        return Err(FileProblem::LinksOutside);
    };
    let hidden = below_documents
        .components()
        .any(|c| c.as_os_str().to_string_lossy().starts_with('.'));
    if hidden {
        return Err(FileProblem::Hidden);
    }
    let metadata = match entry {
        Some(entry) => entry,
        None => {
            std::fs::symlink_metadata(&real).map_err(|e| FileProblem::Unreadable(e.to_string()))?
        }
    };
    if let Some(what) = not_a_file(&metadata) {
        return Err(FileProblem::NotAFile(what));
    }
    known
        .digest(path, &real, &metadata)
        .map_err(|e| FileProblem::Unreadable(e.to_string()))
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
        .nested("what", document.what.0.named(document.what.1)),
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

#[cfg(test)]
mod tests {
    use super::*;

    fn key(path: &str) -> Result<Cow<'_, str>, &'static str> {
        normalise(path).map_err(|problem| match problem {
            FileProblem::Absolute => "absolute",
            FileProblem::LeavesRepository => "leaves",
            FileProblem::OutsideDocuments => "outside",
            FileProblem::Hidden => "hidden",
            FileProblem::Missing => "missing",
            _ => "other",
        })
    }

    #[test]
    fn paths_already_plain_are_kept_and_others_written_plain() {
        assert!(matches!(
            key("files/a.pdf"),
            Ok(Cow::Borrowed("files/a.pdf"))
        ));
        assert!(matches!(
            key(" files/x/a.pdf "),
            Ok(Cow::Borrowed("files/x/a.pdf"))
        ));
        for written in [
            "./files//a.pdf",
            "files\\a.pdf",
            "files/./a.pdf",
            "files/a.pdf/",
        ] {
            assert_eq!(key(written).as_deref(), Ok("files/a.pdf"), "{written}");
            assert!(matches!(key(written), Ok(Cow::Owned(_))), "{written}");
        }
    }

    #[test]
    fn paths_outside_the_documents_are_refused_by_their_reason() {
        assert_eq!(key("/files/a.pdf"), Err("absolute"));
        assert_eq!(key("\\files\\a.pdf"), Err("absolute"));
        assert_eq!(key("C:files/a.pdf"), Err("absolute"));
        assert_eq!(key("files/../a.pdf"), Err("leaves"));
        assert_eq!(key("files/x/.."), Err("leaves"));
        assert_eq!(key("./"), Err("missing"));
        assert_eq!(key(""), Err("missing"));
        assert_eq!(key("files"), Err("outside"));
        assert_eq!(key("docs/a.pdf"), Err("outside"));
        assert_eq!(key("files/.secret/a.pdf"), Err("hidden"));
        assert_eq!(key("files/.a.pdf"), Err("hidden"));
    }

    /// A repository with one agreement whose document is `files/a.pdf`.
    struct Repository(PathBuf);

    impl Repository {
        fn new(name: &str) -> Repository {
            let root =
                std::env::temp_dir().join(format!("pakta-digests-{name}-{}", std::process::id()));
            let _ = std::fs::remove_dir_all(&root);
            std::fs::create_dir_all(root.join("agreements")).unwrap();
            std::fs::create_dir_all(root.join("files")).unwrap();
            std::fs::write(root.join("agreements/_unit.toml"), "name = \"KPU\"\n").unwrap();
            std::fs::write(
                root.join("agreements/2025-mou-a.md"),
                "+++\ntitle = \"A\"\nkind = \"mou\"\n\n[dates]\nsigned = 2025-03-10\n\n\
                 [[partners]]\nname = \"B\"\ncategory = \"ngo\"\n\n\
                 [[documents]]\ntitle = \"Naskah\"\nfile = \"files/a.pdf\"\n+++\n",
            )
            .unwrap();
            Repository(root)
        }

        fn document(&self) -> PathBuf {
            self.0.join("files/a.pdf")
        }

        /// The digest the check gives `files/a.pdf`, or its problem codes.
        fn check(&self, known: &mut KnownAttachments) -> Result<String, Vec<String>> {
            let (sources, _) = pakta_load::load(&self.0, pakta_load::LoadOptions { bodies: false })
                .expect("a repository");
            let mut out = Diagnostics::new();
            let attachments = check(&self.0, &sources.agreements, known, &mut out);
            let codes: Vec<String> = out
                .into_sorted()
                .iter()
                .map(|d| d.code.to_string())
                .collect();
            match attachments.get("files/a.pdf") {
                Some(found) if codes.is_empty() => Ok(found.sha256.clone()),
                _ => Err(codes),
            }
        }
    }

    impl Drop for Repository {
        fn drop(&mut self) {
            let _ = std::fs::remove_dir_all(&self.0);
        }
    }

    fn sha256_of(bytes: &[u8]) -> String {
        hex::encode(Sha256::digest(bytes))
    }

    #[test]
    fn a_digest_is_kept_while_the_files_size_and_time_are() {
        let repo = Repository::new("kept");
        std::fs::write(repo.document(), b"first").unwrap();
        let mut known = KnownAttachments::default();
        assert_eq!(repo.check(&mut known), Ok(sha256_of(b"first")));

        // The same size and time, as the preview's loader also trusts.
        let time = std::fs::metadata(repo.document())
            .unwrap()
            .modified()
            .unwrap();
        std::fs::write(repo.document(), b"other").unwrap();
        let file = std::fs::File::options()
            .write(true)
            .open(repo.document())
            .unwrap();
        file.set_modified(time).unwrap();
        assert_eq!(repo.check(&mut known), Ok(sha256_of(b"first")));

        let later = time + std::time::Duration::from_secs(2);
        file.set_modified(later).unwrap();
        assert_eq!(repo.check(&mut known), Ok(sha256_of(b"other")));
        std::fs::write(repo.document(), b"longer text").unwrap();
        assert_eq!(repo.check(&mut known), Ok(sha256_of(b"longer text")));

        // Without what an earlier check kept, every file is hashed.
        assert_eq!(
            repo.check(&mut KnownAttachments::default()),
            Ok(sha256_of(b"longer text"))
        );
    }

    #[test]
    fn a_watched_check_looks_at_the_files_again_only_when_told_of_a_change() {
        let repo = Repository::new("watched");
        std::fs::write(repo.document(), b"first").unwrap();
        let mut known = KnownAttachments::watched();
        assert_eq!(repo.check(&mut known), Ok(sha256_of(b"first")));

        std::fs::remove_file(repo.document()).unwrap();
        assert_eq!(repo.check(&mut known), Ok(sha256_of(b"first")));
        known.forget_findings();
        assert_eq!(
            repo.check(&mut known),
            Err(vec!["missing-file".to_string()])
        );

        std::fs::write(repo.document(), b"back").unwrap();
        known.forget_findings();
        assert_eq!(repo.check(&mut known), Ok(sha256_of(b"back")));
        // Unwatched, every check looks again.
        std::fs::remove_file(repo.document()).unwrap();
        assert_eq!(
            repo.check(&mut KnownAttachments::default()),
            Err(vec!["missing-file".to_string()])
        );
    }
}
