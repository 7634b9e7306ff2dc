//! Loading a revision that version control holds, without writing its
//! content folder out: the files come as a listing (path, object id, kind)
//! and their bytes are asked for only when the cache lacks that object.
//! The same object is the same text, so a parse is shared by every load
//! that lists it. What a listing says is what a folder walk of the same
//! files would say, file by file.

use std::path::Path;

use pakta_content::diagnostics::Diagnostics;
use rayon::prelude::*;

use crate::regular_file::{MAX_CONTENT_FILE_BYTES, Refusal};
use crate::{
    CONTENT_DIR, CachedFile, Listed, LoadCache, LoadError, LoadOptions, Parsed, Sources, Stamp,
    assemble, classify, non_utf8_name, parse_agreement_file, parse_unit_file, register, settings,
};

/// One entry of a stored revision.
#[derive(Debug, Clone)]
pub struct StoredFile {
    /// Relative to the repository's root, `/`-separated, as stored (not
    /// necessarily UTF-8).
    pub path: Vec<u8>,
    /// The stored object's id: the same id always holds the same bytes.
    pub object: String,
    /// What the entry is.
    pub kind: StoredKind,
}

/// What a stored entry is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum StoredKind {
    /// A regular file, executable or not.
    File,
    /// A symbolic link: refused like a link on disk, never read.
    Link,
}

/// A stored file's bytes as the reader handed them over.
#[derive(Debug)]
pub enum StoredContent {
    /// The whole file.
    Bytes(Vec<u8>),
    /// A file larger than [`MAX_CONTENT_FILE_BYTES`], left unread: its size.
    TooLarge(u64),
}

/// A content file of the listing to parse, or taken from the cache.
struct Wanted {
    rel: String,
    object: String,
    file: ContentFile,
    is_link: bool,
}

enum ContentFile {
    Unit { unit_path: String },
    Agreement { id: String },
}

/// Like [`crate::load_cached`] for a revision held elsewhere: `pakta.toml`
/// and the partner register are read from `root` (which must hold an
/// `agreements` folder, its content ignored), and the content folder is
/// `files`, the entries below `agreements/` (others are ignored). `read`
/// is called once, with the regular content files the cache does not hold
/// at their object, and returns their contents in the same order; its
/// error ends the load. The cache keeps every parse, by path and object.
pub fn load_stored<E>(
    root: &Path,
    files: &[StoredFile],
    options: LoadOptions,
    cache: &mut LoadCache,
    read: impl FnOnce(&[&StoredFile]) -> Result<Vec<StoredContent>, E>,
) -> Result<Result<(Sources, Diagnostics), LoadError>, E> {
    let (config, mut diagnostics) = match settings(root) {
        Ok(found) => found,
        Err(error) => return Ok(Err(error)),
    };
    let partners = register::load_register(root, &mut diagnostics);
    let prefix = format!("{CONTENT_DIR}/");
    let mut wanted: Vec<(Wanted, &StoredFile)> = Vec::new();
    for file in files {
        if file.path == CONTENT_DIR.as_bytes() && file.kind == StoredKind::Link {
            crate::content_link(&mut diagnostics);
            return Ok(Ok(assemble(
                root,
                config,
                partners,
                Vec::new(),
                &mut diagnostics,
            )));
        }
        let Some(below) = file.path.strip_prefix(prefix.as_bytes()) else {
            continue;
        };
        // A walk skips hidden folders and files below the content folder.
        if below.is_empty()
            || below
                .split(|b| *b == b'/')
                .any(|part| part.starts_with(b"."))
        {
            continue;
        }
        let below_text = String::from_utf8_lossy(below);
        let rel = format!("{CONTENT_DIR}/{below_text}");
        let name = below_text.rsplit('/').next().unwrap_or("");
        let is_content = name == crate::UNIT_FILE || name.ends_with(".md");
        if is_content && std::str::from_utf8(below).is_err() {
            diagnostics.push(non_utf8_name(&rel));
            continue;
        }
        let is_link = file.kind == StoredKind::Link;
        let content_file = match classify(&below_text, name, is_link) {
            Listed::Note => continue,
            Listed::Refused(diagnostic) => {
                diagnostics.push(diagnostic(&rel));
                continue;
            }
            Listed::Unit { unit_path } => ContentFile::Unit { unit_path },
            Listed::Agreement { id } => ContentFile::Agreement { id },
        };
        wanted.push((
            Wanted {
                rel,
                object: file.object.clone(),
                file: content_file,
                is_link,
            },
            file,
        ));
    }

    let missing: Vec<&StoredFile> = wanted
        .iter()
        .filter(|(w, _)| !w.is_link && !cache.holds(&w.rel, &w.object))
        .map(|(_, file)| *file)
        .collect();
    let mut contents = read(&missing)?.into_iter();
    // The files read are in listing order, as `missing` was made.
    let jobs: Vec<(Wanted, Option<CachedFile>, Option<StoredContent>)> = wanted
        .into_iter()
        .map(|(w, _)| {
            let cached = cache.files.remove(&w.rel).filter(|c| match &c.stamp {
                Stamp::Stored(object) => *object == w.object,
                Stamp::Disk { .. } => false,
            });
            let content = if w.is_link || cached.is_some() {
                None
            } else {
                contents.next()
            };
            (w, cached, content)
        })
        .collect();
    let entries: Vec<(String, CachedFile)> = jobs
        .into_par_iter()
        .map(|(w, cached, content)| {
            let entry = match cached {
                Some(cached) => cached,
                None => {
                    let read = match content {
                        _ if w.is_link => Err(Refusal::NotAFile(
                            pakta_content::message::Message::new("entry-symbolic-link"),
                        )),
                        Some(StoredContent::Bytes(bytes))
                            if bytes.len() as u64 > MAX_CONTENT_FILE_BYTES =>
                        {
                            Err(Refusal::TooLarge(bytes.len() as u64))
                        }
                        Some(StoredContent::Bytes(bytes)) => Ok(bytes),
                        Some(StoredContent::TooLarge(size)) => Err(Refusal::TooLarge(size)),
                        // A reader that returned fewer files than asked
                        // for: the rest are as good as empty.
                        None => Ok(Vec::new()),
                    };
                    let (parsed, local) = parse_listed(&w, read, options);
                    CachedFile {
                        stamp: Stamp::Stored(w.object.clone()),
                        parsed,
                        diagnostics: local.into_sorted(),
                    }
                }
            };
            (w.rel, entry)
        })
        .collect();
    let mut parsed = Vec::with_capacity(entries.len());
    for (rel, entry) in entries {
        let mut local = Diagnostics::new();
        local.extend(entry.diagnostics.iter().cloned());
        parsed.push((entry.parsed.clone(), local));
        cache.files.insert(rel, entry);
    }
    Ok(Ok(assemble(
        root,
        config,
        partners,
        parsed,
        &mut diagnostics,
    )))
}

fn parse_listed(
    wanted: &Wanted,
    read: Result<Vec<u8>, Refusal>,
    options: LoadOptions,
) -> (Parsed, Diagnostics) {
    let rel = wanted.rel.clone();
    match &wanted.file {
        ContentFile::Unit { unit_path } => parse_unit_file(unit_path.clone(), rel, read),
        ContentFile::Agreement { id } => parse_agreement_file(
            id.clone(),
            rel,
            read.as_deref().map_err(Clone::clone),
            options,
        ),
    }
}

impl LoadCache {
    /// Whether the cache holds the parse of the file at `rel` as stored
    /// under `object`.
    fn holds(&self, rel: &str, object: &str) -> bool {
        self.files
            .get(rel)
            .is_some_and(|c| matches!(&c.stamp, Stamp::Stored(o) if o == object))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::sync::Arc;

    const UNIT: &str = "name = \"KPU\"\nlevel = \"national\"\n";
    const A: &str = "+++\ntitle = \"A\"\nkind = \"mou\"\n+++\n\nTeks.\n";
    const B: &str = "+++\ntitle = \"B\"\nkind = 3\n+++\n";

    fn stored(path: &str, object: &str, kind: StoredKind) -> StoredFile {
        StoredFile {
            path: path.as_bytes().to_vec(),
            object: object.to_string(),
            kind,
        }
    }

    fn scratch(name: &str) -> std::path::PathBuf {
        let root = std::env::temp_dir().join(format!("pakta-stored-{name}-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&root);
        std::fs::create_dir_all(root.join(CONTENT_DIR)).unwrap();
        root
    }

    fn codes(diagnostics: Diagnostics) -> Vec<(String, &'static str)> {
        diagnostics
            .into_sorted()
            .into_iter()
            .map(|d| (d.file, d.code))
            .collect()
    }

    /// The same files on disk and as a listing load alike, including the
    /// entries a walk skips or refuses.
    #[cfg(unix)]
    #[test]
    fn a_listing_loads_as_the_same_files_on_disk() {
        let on_disk = scratch("disk");
        let files = [
            ("agreements/_unit.toml", UNIT),
            ("agreements/a.md", A),
            ("agreements/sub/b.md", B),
            ("agreements/catatan.txt", "x"),
            ("agreements/_draft.md", "x"),
            ("agreements/.hidden/c.md", A),
        ];
        for (rel, text) in files {
            let path = on_disk.join(rel);
            std::fs::create_dir_all(path.parent().unwrap()).unwrap();
            std::fs::write(path, text).unwrap();
        }
        std::os::unix::fs::symlink("/dev/zero", on_disk.join("agreements/zero.md")).unwrap();
        std::os::unix::fs::symlink("/etc", on_disk.join("agreements/folder")).unwrap();
        let options = LoadOptions { bodies: true };
        let (disk_sources, disk_diagnostics) = crate::load(&on_disk, options).unwrap();

        let empty = scratch("listing");
        let mut listing: Vec<StoredFile> = files
            .iter()
            .enumerate()
            .map(|(i, (rel, _))| stored(rel, &format!("o{i}"), StoredKind::File))
            .collect();
        listing.push(stored("agreements/zero.md", "l1", StoredKind::Link));
        listing.push(stored("agreements/folder", "l2", StoredKind::Link));
        let mut asked = Vec::new();
        let (sources, diagnostics) = load_stored(
            &empty,
            &listing,
            options,
            &mut LoadCache::default(),
            |missing| {
                asked = missing.iter().map(|f| f.object.clone()).collect();
                let contents = missing
                    .iter()
                    .map(|f| {
                        let i: usize = f.object[1..].parse().unwrap();
                        StoredContent::Bytes(files[i].1.as_bytes().to_vec())
                    })
                    .collect();
                Ok::<_, ()>(contents)
            },
        )
        .unwrap()
        .unwrap();
        assert_eq!(asked, ["o0", "o1", "o2"]);
        assert_eq!(codes(diagnostics), codes(disk_diagnostics));
        let ids = |s: &Sources| {
            s.agreements
                .iter()
                .map(|a| a.id.clone())
                .collect::<Vec<_>>()
        };
        assert_eq!(ids(&sources), ids(&disk_sources));
        assert_eq!(ids(&sources), ["a", "sub/b", "zero"]);
        assert_eq!(sources.units.len(), 1);
        let _ = std::fs::remove_dir_all(&on_disk);
        let _ = std::fs::remove_dir_all(&empty);
    }

    /// A second listing is read only where its objects differ, and an
    /// unchanged object keeps its parse; a file above the limit is
    /// reported by its size.
    #[test]
    fn only_objects_the_cache_lacks_are_read() {
        let root = scratch("cache");
        let options = LoadOptions { bodies: true };
        let mut cache = LoadCache::default();
        let read = |texts: &'static [(&'static str, &'static str)]| {
            move |missing: &[&StoredFile]| {
                let contents = missing
                    .iter()
                    .map(|f| match texts.iter().find(|(o, _)| *o == f.object) {
                        Some((_, text)) => StoredContent::Bytes(text.as_bytes().to_vec()),
                        None => StoredContent::TooLarge(MAX_CONTENT_FILE_BYTES + 1),
                    })
                    .collect();
                Ok::<_, ()>(contents)
            }
        };
        let first = [
            stored("agreements/_unit.toml", "u", StoredKind::File),
            stored("agreements/a.md", "a1", StoredKind::File),
            stored("agreements/b.md", "b1", StoredKind::File),
        ];
        let (head, _) = load_stored(
            &root,
            &first,
            options,
            &mut cache,
            read(&[("u", UNIT), ("a1", A), ("b1", B)]),
        )
        .unwrap()
        .unwrap();
        let second = [
            stored("agreements/_unit.toml", "u", StoredKind::File),
            stored("agreements/a.md", "a1", StoredKind::File),
            stored("agreements/b.md", "b2", StoredKind::File),
        ];
        let mut asked = Vec::new();
        let (base, diagnostics) = load_stored(&root, &second, options, &mut cache, |missing| {
            asked = missing.iter().map(|f| f.object.clone()).collect();
            read(&[])(missing)
        })
        .unwrap()
        .unwrap();
        assert_eq!(asked, ["b2"]);
        let text = |s: &Sources, i: usize| s.agreements[i].source.text.clone();
        assert!(Arc::ptr_eq(&text(&head, 0), &text(&base, 0)));
        assert!(!Arc::ptr_eq(&text(&head, 1), &text(&base, 1)));
        let of_b: Vec<&str> = codes(diagnostics)
            .into_iter()
            .filter(|(file, _)| file == "agreements/b.md")
            .map(|(_, code)| code)
            .collect();
        assert_eq!(of_b, ["file-too-large"]);
        let _ = std::fs::remove_dir_all(&root);
    }
}
