//! The extraction cache: one JSON file per document, named by the SHA-256
//! of its bytes, so an unchanged file is never read twice and a changed
//! one can never meet an old entry. Entries are written to a temporary
//! file and renamed into place, so a killed build leaves no half entry;
//! an entry that does not parse, names another checksum or an older
//! format is read again from the document.

use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU64, Ordering};

use serde::{Deserialize, Serialize};

/// Raised whenever what an entry holds or how text is read changes, so
/// that entries of an older pakta are extracted again.
const FORMAT: u32 = 1;

/// What an entry records about a document.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "outcome", rename_all = "kebab-case")]
pub(crate) enum Cached {
    /// The text of each page (empty pages included).
    Pages { pages: Vec<String> },
    /// The child ran out of time.
    TimedOut,
    /// The child ended without an answer.
    Unreadable,
}

#[derive(Serialize, Deserialize)]
struct Entry {
    format: u32,
    sha256: String,
    #[serde(flatten)]
    cached: Cached,
}

pub(crate) struct Cache {
    dir: PathBuf,
}

impl Cache {
    /// The `pdf-text` folder of the cache folder.
    pub(crate) fn new(cache_dir: &Path) -> Cache {
        Cache {
            dir: cache_dir.join("pdf-text"),
        }
    }

    fn path(&self, sha256: &str) -> Option<PathBuf> {
        // The checksum comes from hashing, but a name is only ever made
        // of hex digits, whatever hands it in.
        let plain = sha256.len() == 64 && sha256.bytes().all(|b| b.is_ascii_hexdigit());
        plain.then(|| self.dir.join(format!("{sha256}.json")))
    }

    pub(crate) fn read(&self, sha256: &str) -> Option<Cached> {
        let bytes = std::fs::read(self.path(sha256)?).ok()?;
        let entry: Entry = serde_json::from_slice(&bytes).ok()?;
        (entry.format == FORMAT && entry.sha256 == sha256).then_some(entry.cached)
    }

    /// Writes an entry; a cache that cannot be written costs only time.
    pub(crate) fn write(&self, sha256: &str, cached: &Cached) {
        let Some(path) = self.path(sha256) else {
            return;
        };
        static NEXT: AtomicU64 = AtomicU64::new(0);
        let entry = Entry {
            format: FORMAT,
            sha256: sha256.to_string(),
            cached: cached.clone(),
        };
        let Ok(bytes) = serde_json::to_vec(&entry) else {
            return;
        };
        let temporary = self.dir.join(format!(
            ".{sha256}.{}.{}.tmp",
            std::process::id(),
            NEXT.fetch_add(1, Ordering::Relaxed)
        ));
        let written = std::fs::create_dir_all(&self.dir)
            .and_then(|()| std::fs::write(&temporary, &bytes))
            .and_then(|()| std::fs::rename(&temporary, &path));
        if written.is_err() {
            let _ = std::fs::remove_file(&temporary);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const SHA: &str = "ab00000000000000000000000000000000000000000000000000000000000000";

    #[test]
    fn an_entry_is_read_back_and_a_bad_one_is_not() {
        let dir = std::env::temp_dir().join(format!("pakta-pdf-cache-{}", std::process::id()));
        let cache = Cache::new(&dir);
        assert_eq!(cache.read(SHA), None);
        let cached = Cached::Pages {
            pages: vec!["".into(), "Pasal 2".into()],
        };
        cache.write(SHA, &cached);
        assert_eq!(cache.read(SHA), Some(cached));
        let file = dir.join("pdf-text").join(format!("{SHA}.json"));
        std::fs::write(&file, b"{\"format\":1,\"sha256\":").unwrap();
        assert_eq!(cache.read(SHA), None, "a cut entry is a miss");
        std::fs::write(
            &file,
            format!("{{\"format\":0,\"sha256\":\"{SHA}\",\"outcome\":\"timed-out\"}}"),
        )
        .unwrap();
        assert_eq!(cache.read(SHA), None, "an older format is a miss");
        assert_eq!(cache.read("../../etc/passwd"), None);
        std::fs::remove_dir_all(&dir).unwrap();
    }
}
