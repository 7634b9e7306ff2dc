//! Atomic output: everything is written into a sibling staging folder,
//! which replaces the output folder only once the whole build succeeded.
//! A failed build removes its staging folder and leaves the old site as it
//! was.

use std::fs;
use std::io;
use std::path::{Path, PathBuf};

pub(crate) struct Staging {
    out: PathBuf,
    dir: PathBuf,
    committed: bool,
}

impl Staging {
    pub(crate) fn new(out: &Path) -> io::Result<Staging> {
        let name = out
            .file_name()
            .map_or_else(|| "site".into(), |n| n.to_string_lossy().into_owned());
        let parent = match out.parent() {
            Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
            _ => PathBuf::from("."),
        };
        fs::create_dir_all(&parent)?;
        let dir = parent.join(format!(".{name}.staging-{}", std::process::id()));
        if dir.exists() {
            fs::remove_dir_all(&dir)?;
        }
        fs::create_dir(&dir)?;
        Ok(Staging {
            out: out.to_path_buf(),
            dir,
            committed: false,
        })
    }

    /// Writes one file at a site-relative path (`a/b/index.html`).
    pub(crate) fn write(&self, path: &str, bytes: &[u8]) -> io::Result<()> {
        let target = self.dir.join(path);
        // Most files land in a folder that already exists; creating the
        // folder only when the write says it is missing saves a system call
        // or two per file on a site of 150,000 files.
        match fs::write(&target, bytes) {
            Err(e) if e.kind() == io::ErrorKind::NotFound => {
                if let Some(parent) = target.parent() {
                    fs::create_dir_all(parent)?;
                }
                fs::write(&target, bytes)?;
            }
            other => other?,
        }
        Ok(())
    }

    /// Opens a file for writing in pieces, for documents too large to hold
    /// in memory at once.
    pub(crate) fn create(&self, path: &str) -> io::Result<io::BufWriter<fs::File>> {
        let target = self.dir.join(path);
        if let Some(parent) = target.parent() {
            fs::create_dir_all(parent)?;
        }
        Ok(io::BufWriter::with_capacity(
            1 << 16,
            fs::File::create(target)?,
        ))
    }

    pub(crate) fn copy(&self, path: &str, from: &Path) -> io::Result<()> {
        let target = self.dir.join(path);
        if let Some(parent) = target.parent() {
            fs::create_dir_all(parent)?;
        }
        fs::copy(from, &target)?;
        Ok(())
    }

    /// Puts the staged site in place of the output folder: the old folder
    /// is moved aside first, so there is never a moment with a half-written
    /// site under the output name.
    pub(crate) fn commit(mut self) -> io::Result<()> {
        let aside = self.dir.with_file_name(format!(
            "{}.old",
            self.dir.file_name().unwrap_or_default().to_string_lossy()
        ));
        let had_old = self.out.exists();
        if had_old {
            fs::rename(&self.out, &aside)?;
        }
        if let Err(error) = fs::rename(&self.dir, &self.out) {
            if had_old {
                let _ = fs::rename(&aside, &self.out);
            }
            return Err(error);
        }
        self.committed = true;
        if had_old {
            fs::remove_dir_all(&aside)?;
        }
        Ok(())
    }
}

impl Drop for Staging {
    fn drop(&mut self) {
        if !self.committed {
            let _ = fs::remove_dir_all(&self.dir);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn scratch(name: &str) -> PathBuf {
        let dir = std::env::temp_dir().join(format!("pakta-write-{name}-{}", std::process::id()));
        let _ = fs::remove_dir_all(&dir);
        fs::create_dir_all(&dir).unwrap();
        dir
    }

    #[test]
    fn a_committed_build_replaces_the_output() {
        let dir = scratch("commit");
        let out = dir.join("public");
        fs::create_dir_all(&out).unwrap();
        fs::write(out.join("stale.html"), "old").unwrap();
        let staging = Staging::new(&out).unwrap();
        staging.write("a/index.html", b"new").unwrap();
        staging.commit().unwrap();
        assert_eq!(fs::read_to_string(out.join("a/index.html")).unwrap(), "new");
        assert!(!out.join("stale.html").exists());
        assert_eq!(fs::read_dir(&dir).unwrap().count(), 1, "no staging left");
        fs::remove_dir_all(&dir).unwrap();
    }

    #[test]
    fn an_abandoned_build_leaves_the_output_alone() {
        let dir = scratch("abandon");
        let out = dir.join("public");
        fs::create_dir_all(&out).unwrap();
        fs::write(out.join("index.html"), "old").unwrap();
        {
            let staging = Staging::new(&out).unwrap();
            staging.write("index.html", b"half").unwrap();
        }
        assert_eq!(fs::read_to_string(out.join("index.html")).unwrap(), "old");
        assert_eq!(fs::read_dir(&dir).unwrap().count(), 1);
        fs::remove_dir_all(&dir).unwrap();
    }
}
