//! Watches the repository and reports batches of changes: editors save
//! several files at once and write temporary files, so events are
//! gathered for a short moment before a rebuild.

use std::path::{Path, PathBuf};
use std::sync::mpsc::{self, Receiver};
use std::time::Duration;

use notify::{RecommendedWatcher, RecursiveMode, Watcher};

/// How long to wait for more events after the first one of a batch.
const SETTLE: Duration = Duration::from_millis(40);

/// A watch in place; changes from the moment it was made are reported.
pub(crate) struct Changes {
    _watcher: RecommendedWatcher,
    events: Receiver<notify::Result<notify::Event>>,
}

/// Starts watching `root` and everything below it.
pub(crate) fn start(root: &Path) -> notify::Result<Changes> {
    let (sender, events) = mpsc::channel();
    let mut watcher = notify::recommended_watcher(sender)?;
    watcher.watch(root, RecursiveMode::Recursive)?;
    Ok(Changes {
        _watcher: watcher,
        events,
    })
}

impl Changes {
    /// Waits for the next batch of changed paths; `None` once the watch
    /// has ended.
    pub(crate) fn next_batch(&self) -> Option<Vec<PathBuf>> {
        loop {
            let first = self.events.recv().ok()?;
            let mut batch: Vec<PathBuf> = Vec::new();
            let mut take = |event: notify::Result<notify::Event>| {
                if let Ok(event) = event
                    && !matches!(event.kind, notify::EventKind::Access(_))
                {
                    batch.extend(event.paths.into_iter().filter(|p| relevant(p)));
                }
            };
            take(first);
            while let Ok(more) = self.events.recv_timeout(SETTLE) {
                take(more);
            }
            batch.sort();
            batch.dedup();
            if !batch.is_empty() {
                return Some(batch);
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
