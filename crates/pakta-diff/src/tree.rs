//! A revision's content as Git lists it: the blobs under the paths the
//! pipeline reads, by path, with their object ids and sizes.

use std::path::{Component, PathBuf};

use pakta_load::{CONFIG_FILE, CONTENT_DIR, DOCUMENTS_DIR, PARTNERS_DIR, StoredFile, StoredKind};

/// What a revision needs for the pipeline: the content, the settings, the
/// partner register and the attachments that documents point at.
pub(crate) const CONTENT_PATHS: [&str; 4] = [CONTENT_DIR, CONFIG_FILE, PARTNERS_DIR, DOCUMENTS_DIR];

/// How a blob is written out.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum BlobKind {
    /// A regular file, executable or not.
    File,
    /// A symbolic link: the blob is its target. The loader refuses links,
    /// so one is written as a link for it to report.
    Link,
}

/// One file of a revision.
#[derive(Debug, Clone)]
pub(crate) struct Blob {
    /// Relative to the content repository's root, `/`-separated, as Git
    /// stores it (not necessarily UTF-8).
    pub path: Vec<u8>,
    /// The object id, in hex.
    pub object: String,
    pub kind: BlobKind,
}

/// The blobs of one revision, in Git's order.
#[derive(Debug, Default)]
pub(crate) struct Tree {
    pub blobs: Vec<Blob>,
}

impl Tree {
    /// Parses `git ls-tree -r -z`: `<mode> <type> <object>`, a tab, the
    /// path, NUL. (Sizes come with the blobs: `--long` would open every
    /// object just to list it.) Submodules (commits) and anything unexpected
    /// are left out, as they hold no content of this repository.
    pub(crate) fn parse(listing: &[u8]) -> Tree {
        let mut blobs = Vec::new();
        for record in listing.split(|b| *b == 0).filter(|r| !r.is_empty()) {
            let Some(tab) = record.iter().position(|b| *b == b'\t') else {
                continue;
            };
            let (meta, path) = (&record[..tab], &record[tab + 1..]);
            let Ok(meta) = std::str::from_utf8(meta) else {
                continue;
            };
            let mut parts = meta.split_ascii_whitespace();
            let (Some(mode), Some("blob"), Some(object)) =
                (parts.next(), parts.next(), parts.next())
            else {
                continue;
            };
            let kind = match mode {
                "100644" | "100755" => BlobKind::File,
                "120000" => BlobKind::Link,
                _ => continue,
            };
            blobs.push(Blob {
                path: path.to_vec(),
                object: object.to_string(),
                kind,
            });
        }
        Tree { blobs }
    }
}

impl Blob {
    /// Whether the loader reads this file (and bounds its size), rather
    /// than the checker hashing it.
    pub(crate) fn is_read_by_the_loader(&self) -> bool {
        !self
            .path
            .starts_with(format!("{DOCUMENTS_DIR}/").as_bytes())
    }

    /// Whether the blob is the content folder or in it: the loader takes
    /// those from the listing, never from disk.
    pub(crate) fn is_content(&self) -> bool {
        is_content_path(&self.path)
    }

    /// The blob as the loader lists a stored file.
    pub(crate) fn stored(&self) -> StoredFile {
        StoredFile {
            path: self.path.clone(),
            object: self.object.clone(),
            kind: match self.kind {
                BlobKind::File => StoredKind::File,
                BlobKind::Link => StoredKind::Link,
            },
        }
    }
}

/// Whether a Git path is the content folder or in it.
pub(crate) fn is_content_path(path: &[u8]) -> bool {
    path.strip_prefix(CONTENT_DIR.as_bytes())
        .is_some_and(|rest| rest.is_empty() || rest.starts_with(b"/"))
}

/// A Git path as a relative path of this system, when every part of it is
/// a plain name: Git never stores `..`, `.` or an absolute path, but a
/// crafted tree could, and none may lead out of the folder it is joined to.
pub(crate) fn plain_relative_path(git_path: &[u8]) -> Option<PathBuf> {
    let relative = native_path(git_path)?;
    let plain = relative
        .components()
        .all(|c| matches!(c, Component::Normal(_)));
    (plain && relative.components().next().is_some()).then_some(relative)
}

#[cfg(unix)]
fn native_path(git_path: &[u8]) -> Option<PathBuf> {
    use std::os::unix::ffi::OsStrExt;
    Some(PathBuf::from(std::ffi::OsStr::from_bytes(git_path)))
}

#[cfg(not(unix))]
fn native_path(git_path: &[u8]) -> Option<PathBuf> {
    std::str::from_utf8(git_path).ok().map(PathBuf::from)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn blobs_and_links_are_listed_and_submodules_left_out() {
        let listing = b"100644 blob aaaa\tagreements/a.md\0\
120000 blob bbbb\tagreements/link.md\0\
160000 commit cccc\tagreements/sub\0\
100755 blob dddd\tfiles/x y.pdf\0";
        let tree = Tree::parse(listing);
        let paths: Vec<(&[u8], BlobKind)> =
            tree.blobs.iter().map(|b| (&b.path[..], b.kind)).collect();
        assert_eq!(
            paths,
            [
                (&b"agreements/a.md"[..], BlobKind::File),
                (&b"agreements/link.md"[..], BlobKind::Link),
                (&b"files/x y.pdf"[..], BlobKind::File),
            ]
        );
        assert!(tree.blobs[0].is_read_by_the_loader());
        assert!(!tree.blobs[2].is_read_by_the_loader());
    }
}
