//! What the pipeline reads of a revision beside its content folder
//! (settings, partner register, attachments), written out in a temporary
//! folder removed on drop: first one side whole, then the other by
//! rewriting only the files that differ.

use std::collections::HashSet;
use std::io::Read;
use std::path::{Path, PathBuf};

use pakta_content::message::Message;
use pakta_load::{CONTENT_DIR, MAX_CONTENT_FILE_BYTES};

use crate::git::{GitError, Location, read_blobs};
use crate::tree::{Blob, BlobKind, plain_relative_path};

/// Link targets are short; anything longer is not a link git made.
const MAX_LINK_TARGET: u64 = 4096;

/// A revision's files in a folder of their own.
#[derive(Debug)]
pub(crate) struct Snapshot {
    pub dir: PathBuf,
    /// Folders known to exist, so fifty thousand files do not ask fifty
    /// thousand times.
    folders: HashSet<PathBuf>,
}

impl Drop for Snapshot {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.dir);
    }
}

fn cannot_create(path: &Path, error: std::io::Error) -> GitError {
    GitError(
        Message::new("cannot-create")
            .arg("path", path.display())
            .arg("detail", error),
    )
}

impl Snapshot {
    /// An empty snapshot with an empty content folder, so a revision from
    /// before the first agreement compares as "everything added".
    pub(crate) fn create() -> Result<Snapshot, GitError> {
        let mut last_error = None;
        for base in scratch_bases() {
            let dir = unique_dir(&base);
            match std::fs::create_dir_all(dir.join(CONTENT_DIR)) {
                Ok(()) => {
                    return Ok(Snapshot {
                        dir,
                        folders: HashSet::new(),
                    });
                }
                Err(error) => last_error = Some(cannot_create(&dir, error)),
            }
        }
        Err(last_error.expect("there is always the system's temporary folder"))
    }

    /// Writes `blobs` as committed. A file the loader reads that is larger
    /// than it accepts is written as a hole of the same size and its bytes
    /// skipped as they stream past, so the loader reports its size and
    /// nothing is held. Paths that could leave the folder are skipped (Git
    /// never stores them, but a crafted tree could). `replacing` clears
    /// whatever the other side had at a path first, so no write follows a
    /// link.
    pub(crate) fn write(
        &mut self,
        location: &Location,
        blobs: &[&Blob],
        replacing: bool,
    ) -> Result<(), GitError> {
        let mut fetched = Vec::with_capacity(blobs.len());
        for blob in blobs {
            let Some(path) = self.target(&blob.path) else {
                continue;
            };
            if replacing {
                remove_any(&path);
            }
            self.ensure_parent(&path)?;
            fetched.push(*blob);
        }
        let objects: Vec<&str> = fetched.iter().map(|b| b.object.as_str()).collect();
        read_blobs(location, &objects, |index, size, content| {
            let blob = fetched[index];
            let Some(path) = self.target(&blob.path) else {
                return Ok(());
            };
            match blob.kind {
                BlobKind::File if blob.is_read_by_the_loader() && size > MAX_CONTENT_FILE_BYTES => {
                    std::fs::File::create(&path)
                        .and_then(|file| file.set_len(size))
                        .map_err(|e| cannot_create(&path, e))?;
                }
                BlobKind::File => {
                    let mut file =
                        std::fs::File::create(&path).map_err(|e| cannot_create(&path, e))?;
                    std::io::copy(content, &mut file).map_err(|e| cannot_create(&path, e))?;
                }
                BlobKind::Link => {
                    let mut target = Vec::new();
                    content
                        .take(MAX_LINK_TARGET)
                        .read_to_end(&mut target)
                        .map_err(|e| cannot_create(&path, e))?;
                    write_link(&target, &path).map_err(|e| cannot_create(&path, e))?;
                }
            }
            Ok(())
        })
    }

    /// Removes a file the other side does not have, and the folders it
    /// leaves empty (Git keeps no empty folders).
    pub(crate) fn remove(&mut self, git_path: &[u8]) {
        let Some(path) = self.target(git_path) else {
            return;
        };
        remove_any(&path);
        let mut folder = path.parent();
        while let Some(dir) = folder {
            if dir == self.dir || std::fs::remove_dir(dir).is_err() {
                break;
            }
            self.folders.remove(dir);
            folder = dir.parent();
        }
    }

    /// Where a Git path goes in the folder, when every part of it is a
    /// plain name.
    fn target(&self, git_path: &[u8]) -> Option<PathBuf> {
        plain_relative_path(git_path).map(|relative| self.dir.join(relative))
    }

    fn ensure_parent(&mut self, path: &Path) -> Result<(), GitError> {
        let Some(parent) = path.parent() else {
            return Ok(());
        };
        if self.folders.contains(parent) {
            return Ok(());
        }
        std::fs::create_dir_all(parent).map_err(|e| cannot_create(parent, e))?;
        self.folders.insert(parent.to_path_buf());
        Ok(())
    }
}

/// Whatever is at `path`, file, link or folder, so that writing there
/// never follows a link the other side had.
fn remove_any(path: &Path) {
    match std::fs::symlink_metadata(path) {
        Ok(meta) if meta.is_dir() => {
            let _ = std::fs::remove_dir_all(path);
        }
        Ok(_) => {
            let _ = std::fs::remove_file(path);
        }
        Err(_) => {}
    }
}

#[cfg(unix)]
fn write_link(target: &[u8], path: &Path) -> std::io::Result<()> {
    use std::os::unix::ffi::OsStrExt;
    std::os::unix::fs::symlink(std::ffi::OsStr::from_bytes(target), path)
}

/// Elsewhere a link is left out: the loader would only refuse it.
#[cfg(not(unix))]
fn write_link(_target: &[u8], _path: &Path) -> std::io::Result<()> {
    Ok(())
}

/// Where snapshots may go, best first. Tens of thousands of small files
/// are written and deleted at once: in memory (`/dev/shm`) that takes a
/// tenth of a second, on some disks many seconds. A `TMPDIR` the user set
/// is respected; a full `/dev/shm` falls back to the temporary folder.
fn scratch_bases() -> Vec<PathBuf> {
    let mut bases = Vec::new();
    let shm = Path::new("/dev/shm");
    if std::env::var_os("TMPDIR").is_none() && shm.is_dir() {
        bases.push(shm.to_path_buf());
    }
    bases.push(std::env::temp_dir());
    bases
}

fn unique_dir(base: &Path) -> PathBuf {
    let nanos = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.as_nanos());
    base.join(format!("pakta-diff-{}-{nanos}", std::process::id()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paths_that_could_leave_the_folder_are_not_written() {
        let snapshot = Snapshot {
            dir: PathBuf::from("/nonexistent/snapshot"),
            folders: HashSet::new(),
        };
        assert!(snapshot.target(b"agreements/a.md").is_some());
        for bad in [
            &b"../x.md"[..],
            b"agreements/../../x",
            b"/etc/passwd",
            b"",
            b"./a",
        ] {
            assert!(
                snapshot.target(bad).is_none(),
                "{}",
                String::from_utf8_lossy(bad)
            );
        }
    }
}
