//! Watches the repository and reports batches of changes: editors save
//! several files at once and editors write temporary files, so events are
//! gathered for a short moment before a rebuild.

use std::path::{Path, PathBuf};
use std::sync::mpsc;
use std::time::Duration;

use notify::{RecursiveMode, Watcher};

/// How long to wait for more events after the first one of a batch.
const SETTLE: Duration = Duration::from_millis(40);

/// Calls `on_change` with the changed paths of each batch, until the
/// watcher fails. Blocks the calling thread.
pub fn watch(
    root: &Path,
    ignore: Vec<PathBuf>,
    mut on_change: impl FnMut(Vec<PathBuf>),
) -> notify::Result<()> {
    let (sender, receiver) = mpsc::channel();
    let mut watcher = notify::recommended_watcher(sender)?;
    watcher.watch(root, RecursiveMode::Recursive)?;
    let relevant = |path: &Path| {
        !ignore.iter().any(|i| path.starts_with(i))
            && !path.components().any(|c| {
                let name = c.as_os_str().to_string_lossy();
                name == ".git" || name == "target" || name == "node_modules"
            })
            && !path
                .file_name()
                .is_some_and(|n| n.to_string_lossy().ends_with('~'))
    };
    while let Ok(first) = receiver.recv() {
        let mut batch: Vec<PathBuf> = Vec::new();
        let mut take = |event: notify::Result<notify::Event>| {
            if let Ok(event) = event
                && !matches!(event.kind, notify::EventKind::Access(_))
            {
                batch.extend(event.paths.into_iter().filter(|p| relevant(p)));
            }
        };
        take(first);
        while let Ok(more) = receiver.recv_timeout(SETTLE) {
            take(more);
        }
        batch.sort();
        batch.dedup();
        if !batch.is_empty() {
            on_change(batch);
        }
    }
    Ok(())
}
