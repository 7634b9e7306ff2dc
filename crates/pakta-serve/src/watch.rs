//! Watches the repository and reports batches of changes. Editors save
//! several files at once and write temporary files, so notify's debouncer
//! gathers the events of a short moment into one batch.

use std::path::{Path, PathBuf};
use std::sync::mpsc::{self, Receiver};
use std::time::Duration;

use crate::Change;
use notify::{RecommendedWatcher, RecursiveMode};
use notify_debouncer_full::{DebounceEventResult, Debouncer, RecommendedCache, new_debouncer};

/// How long a path must stay quiet before its change is reported.
const SETTLE: Duration = Duration::from_millis(50);

/// A watch in place; changes from the moment it was made are reported.
pub(crate) struct Changes {
    _debouncer: Debouncer<RecommendedWatcher, RecommendedCache>,
    batches: Receiver<DebounceEventResult>,
}

/// Starts watching `root` and everything below it.
pub(crate) fn start(root: &Path) -> notify::Result<Changes> {
    let (sender, batches) = mpsc::channel();
    let mut debouncer = new_debouncer(SETTLE, None, sender)?;
    debouncer.watch(root, RecursiveMode::Recursive)?;
    Ok(Changes {
        _debouncer: debouncer,
        batches,
    })
}

impl Changes {
    /// Waits for the next batch of changes; `None` once the watch has
    /// ended.
    pub(crate) fn next_batch(&self) -> Option<Change> {
        loop {
            // A watch error (a full event queue, a folder gone) costs that
            // batch only; the next change is seen as usual.
            let Ok(events) = self.batches.recv().ok()? else {
                continue;
            };
            if events.iter().any(|event| event.need_rescan()) {
                return Some(Change::Everything);
            }
            // Reading a file is an access event, and rebuilds and the
            // server read files: only changes count, or every rebuild
            // would start the next.
            let mut batch: Vec<PathBuf> = events
                .into_iter()
                .filter(|event| !matches!(event.kind, notify::EventKind::Access(_)))
                .flat_map(|event| event.event.paths)
                .filter(|path| relevant(path))
                .collect();
            batch.sort();
            batch.dedup();
            if !batch.is_empty() {
                return Some(Change::Paths(batch));
            }
        }
    }
}

/// Version control, build output and editors' backup files never change
/// the site.
fn relevant(path: &Path) -> bool {
    !path.components().any(|c| {
        let name = c.as_os_str().to_string_lossy();
        name == ".git" || name == "target" || name == "node_modules" || name.starts_with(".pakta")
    }) && !path
        .file_name()
        .is_some_and(|n| n.to_string_lossy().ends_with('~'))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_content_changes_count() {
        assert!(relevant(Path::new("/r/agreements/a.md")));
        assert!(!relevant(Path::new("/r/.git/index")));
        assert!(!relevant(Path::new("/r/agreements/a.md~")));
        assert!(!relevant(Path::new("/r/target/release/pakta")));
    }
}
