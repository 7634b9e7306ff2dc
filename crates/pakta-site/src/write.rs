//! Atomic output: everything is written into a sibling staging folder,
//! which replaces the output folder only once the whole build succeeded.
//! A failed build removes its staging folder and leaves the old site as it
//! was; the staging folders of killed builds are removed by the next one.

use std::fs;
use std::io;
use std::path::{Path, PathBuf};

use super::output_folder::{MARKER, MARKER_TEXT, OutputFolder, replaceable};
use super::stale::remove_stale_staging;
use super::swap;

pub(crate) struct Staging {
    out: PathBuf,
    dir: PathBuf,
    committed: bool,
}

impl Staging {
    pub(crate) fn new(out: &OutputFolder) -> io::Result<Staging> {
        let out = out.path();
        let name = out
            .file_name()
            .map_or_else(|| "site".into(), |n| n.to_string_lossy().into_owned());
        let parent = match out.parent() {
            Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
            _ => PathBuf::from("."),
        };
        fs::create_dir_all(&parent)?;
        remove_stale_staging(&parent, &name);
        let dir = parent.join(format!(".{name}.staging-{}", std::process::id()));
        // A folder of that name that survived the clean-up is not pakta's:
        // creating it fails rather than writing into someone's files.
        fs::create_dir(&dir).map_err(|e| match e.kind() {
            io::ErrorKind::AlreadyExists => io::Error::other(format!(
                "{} is in the way of the build's staging folder and was not made by pakta; remove it yourself",
                dir.display()
            )),
            _ => e,
        })?;
        let staging = Staging {
            out: out.to_path_buf(),
            dir,
            committed: false,
        };
        // Marked from the start, so that whatever a killed build leaves is
        // recognisably pakta's, and the finished site is too.
        staging.write(MARKER, MARKER_TEXT.as_bytes())?;
        Ok(staging)
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

    /// Puts the staged site in place of the output folder, so that there
    /// is never a moment with no site or a half-written one under the
    /// output name, then removes the old site.
    pub(crate) fn commit(mut self) -> io::Result<()> {
        // The folder was checked before the build; it may have changed
        // since, and whatever is there now is what gets deleted.
        match replaceable(&self.out) {
            Ok(true) => {}
            Ok(false) => {
                return Err(io::Error::other(format!(
                    "{} was changed during the build and now holds files pakta did not make",
                    self.out.display()
                )));
            }
            Err(e) => return Err(e),
        }
        if fs::symlink_metadata(&self.out).is_err() {
            fs::rename(&self.dir, &self.out)?;
            self.committed = true;
            return Ok(());
        }
        match swap::exchange(&self.dir, &self.out) {
            Ok(()) => {
                self.committed = true;
                // The staging name now holds the old site. Should removing
                // it fail, it carries the marker, so the next build's
                // clean-up removes it.
                let _ = fs::remove_dir_all(&self.dir);
                Ok(())
            }
            Err(e) if swap::unsupported(&e) => self.commit_by_renames(),
            Err(e) => Err(e),
        }
    }

    /// Where the file system cannot exchange two folders: the old folder
    /// is moved aside first, so the output name never holds a half-written
    /// site, though for a moment it holds nothing.
    fn commit_by_renames(mut self) -> io::Result<()> {
        let aside = self.dir.with_file_name(format!(
            "{}.old",
            self.dir.file_name().unwrap_or_default().to_string_lossy()
        ));
        fs::rename(&self.out, &aside)?;
        if let Err(error) = fs::rename(&self.dir, &self.out) {
            let _ = fs::rename(&aside, &self.out);
            return Err(error);
        }
        self.committed = true;
        let _ = fs::remove_dir_all(&aside);
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
        fs::create_dir_all(dir.join("repo")).unwrap();
        dir
    }

    /// `public` beside the repository, holding an earlier build.
    fn built_before(dir: &Path) -> OutputFolder {
        let out = dir.join("public");
        fs::create_dir_all(&out).unwrap();
        fs::write(out.join(MARKER), MARKER_TEXT).unwrap();
        fs::write(out.join("stale.html"), "old").unwrap();
        OutputFolder::choose(&out, &dir.join("repo")).unwrap()
    }

    #[test]
    fn a_committed_build_replaces_the_output() {
        let dir = scratch("commit");
        let out = built_before(&dir);
        let staging = Staging::new(&out).unwrap();
        staging.write("a/index.html", b"new").unwrap();
        staging.commit().unwrap();
        let public = dir.join("public");
        assert_eq!(
            fs::read_to_string(public.join("a/index.html")).unwrap(),
            "new"
        );
        assert_eq!(
            fs::read_to_string(public.join(MARKER)).unwrap(),
            MARKER_TEXT
        );
        assert!(!public.join("stale.html").exists());
        assert_eq!(fs::read_dir(&dir).unwrap().count(), 2, "no staging left");
        fs::remove_dir_all(&dir).unwrap();
    }

    #[test]
    fn committing_by_two_renames_replaces_the_output_too() {
        let dir = scratch("renames");
        let out = built_before(&dir);
        let staging = Staging::new(&out).unwrap();
        staging.write("index.html", b"new").unwrap();
        staging.commit_by_renames().unwrap();
        let public = dir.join("public");
        assert_eq!(
            fs::read_to_string(public.join("index.html")).unwrap(),
            "new"
        );
        assert!(!public.join("stale.html").exists());
        assert_eq!(fs::read_dir(&dir).unwrap().count(), 2, "no staging left");
        fs::remove_dir_all(&dir).unwrap();
    }

    #[test]
    fn an_abandoned_build_leaves_the_output_alone() {
        let dir = scratch("abandon");
        let out = built_before(&dir);
        {
            let staging = Staging::new(&out).unwrap();
            staging.write("stale.html", b"half").unwrap();
        }
        assert_eq!(
            fs::read_to_string(dir.join("public/stale.html")).unwrap(),
            "old"
        );
        assert_eq!(fs::read_dir(&dir).unwrap().count(), 2);
        fs::remove_dir_all(&dir).unwrap();
    }

    #[test]
    fn a_folder_filled_with_other_files_during_the_build_is_kept() {
        let dir = scratch("filled");
        let out = OutputFolder::choose(&dir.join("public"), &dir.join("repo")).unwrap();
        let staging = Staging::new(&out).unwrap();
        staging.write("index.html", b"new").unwrap();
        fs::create_dir_all(dir.join("public")).unwrap();
        fs::write(dir.join("public/thesis.tex"), "mine").unwrap();
        let error = staging.commit().unwrap_err();
        assert!(error.to_string().contains("did not make"), "{error}");
        assert_eq!(
            fs::read_to_string(dir.join("public/thesis.tex")).unwrap(),
            "mine"
        );
        assert_eq!(fs::read_dir(&dir).unwrap().count(), 2, "no staging left");
        fs::remove_dir_all(&dir).unwrap();
    }
}
