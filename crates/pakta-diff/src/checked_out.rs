//! A revision's content files taken from the working tree where they are,
//! byte for byte, what the revision holds. Git keeps every object
//! compressed, and inflating fifty thousand of them one after the other
//! costs more than reading and checking the files already checked out, in
//! parallel. A file is taken only when its bytes hash to the object id the
//! revision lists (Git's own test of sameness), so a file edited since the
//! commit, missing, or converted on checkout (`core.autocrlf`, or `eol`,
//! `filter`, `ident`, `working-tree-encoding` in `.gitattributes`) is read
//! from Git instead: what is compared is always what was committed.

use std::path::Path;

use pakta_load::{StoredFile, StoredKind, regular_file_bytes};
use sha1::Sha1;
use sha2::{Digest, Sha256};

use crate::tree::plain_relative_path;

/// The bytes of `file` as committed, from its place below `dir` (the
/// content repository's folder in the working tree), when what is there
/// is exactly that object; `None` sends the file to Git.
pub(crate) fn committed_bytes(dir: &Path, file: &StoredFile) -> Option<Vec<u8>> {
    if file.kind != StoredKind::File {
        return None;
    }
    let relative = plain_relative_path(&file.path)?;
    let bytes = regular_file_bytes(&dir.join(relative))?;
    is_object(&bytes, &file.object).then_some(bytes)
}

/// Whether `bytes` are the blob whose id is `object`: the SHA-1 of a
/// repository's usual object format (40 hex digits) or the SHA-256 of the
/// newer one (64), over `blob <size>\0` and the bytes.
fn is_object(bytes: &[u8], object: &str) -> bool {
    match object.len() {
        40 => hex::encode(blob_digest::<Sha1>(bytes)).eq_ignore_ascii_case(object),
        64 => hex::encode(blob_digest::<Sha256>(bytes)).eq_ignore_ascii_case(object),
        _ => false,
    }
}

fn blob_digest<D: Digest>(bytes: &[u8]) -> Vec<u8> {
    let mut hasher = D::new();
    hasher.update(format!("blob {}\0", bytes.len()).as_bytes());
    hasher.update(bytes);
    hasher.finalize().to_vec()
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Ids as `git hash-object` gives them, in both object formats.
    #[test]
    fn bytes_match_only_their_own_object_id() {
        let text = b"hello\n";
        assert!(is_object(text, "ce013625030ba8dba906f756967f9e9ca394464a"));
        assert!(is_object(text, "CE013625030BA8DBA906F756967F9E9CA394464A"));
        assert!(is_object(
            text,
            "2cf8d83d9ee29543b34a87727421fdecb7e3f3a183d337639025de576db9ebb4"
        ));
        assert!(!is_object(
            b"hello\r\n",
            "ce013625030ba8dba906f756967f9e9ca394464a"
        ));
        assert!(!is_object(b"", "e69de29bb2d1d6434b8b29ae775ad8c2e48c5391 "));
        assert!(is_object(b"", "e69de29bb2d1d6434b8b29ae775ad8c2e48c5391"));
        assert!(!is_object(text, "not an id"));
    }

    #[test]
    fn links_and_unsafe_paths_are_never_read_from_the_working_tree() {
        let dir = std::env::temp_dir().join(format!("pakta-checked-out-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(&dir).unwrap();
        std::fs::write(dir.join("a.md"), b"hello\n").unwrap();
        let file = |path: &str, kind| StoredFile {
            path: path.as_bytes().to_vec(),
            object: "ce013625030ba8dba906f756967f9e9ca394464a".to_string(),
            kind,
        };
        assert_eq!(
            committed_bytes(&dir, &file("a.md", StoredKind::File)).as_deref(),
            Some(&b"hello\n"[..])
        );
        assert_eq!(committed_bytes(&dir, &file("a.md", StoredKind::Link)), None);
        assert_eq!(
            committed_bytes(&dir, &file("missing.md", StoredKind::File)),
            None
        );
        #[cfg(unix)]
        {
            std::os::unix::fs::symlink(dir.join("a.md"), dir.join("b.md")).unwrap();
            assert_eq!(committed_bytes(&dir, &file("b.md", StoredKind::File)), None);
        }
        let inner = dir.join("inner");
        std::fs::create_dir_all(&inner).unwrap();
        assert_eq!(
            committed_bytes(&inner, &file("../a.md", StoredKind::File)),
            None
        );
        let _ = std::fs::remove_dir_all(&dir);
    }
}
