//! Which folder a build may write into. A build replaces its output
//! folder whole, so `--out` must never name the repository, a folder
//! holding it, a folder inside the content it reads, or a folder holding
//! files pakta did not write: those would be deleted.

use pakta_content::message::Message;
use std::fs;
use std::io;
use std::path::{Component, Path, PathBuf};

/// The file every built site (and every staging folder) carries, so that
/// the next build knows the folder is pakta's to replace.
pub(crate) use pakta_content::reserved::OUTPUT_MARKER as MARKER;

/// The marker's content: fixed, so that rebuilds stay byte-identical.
pub(crate) const MARKER_TEXT: &str = "This folder was written by `pakta build`, which replaces it whole on \
every build.\nKeep nothing else here: it would be deleted with the folder.\n";

/// The repository's folders that pakta reads; a site written into one of
/// them would replace the content.
const CONTENT_FOLDERS: [&str; 3] = ["agreements", "files", "themes"];

/// An output folder that passed [`OutputFolder::choose`]: absent, empty or
/// made by pakta, and outside the repository's content.
#[derive(Debug, Clone)]
pub struct OutputFolder {
    /// Absolute, with every symbolic link in the existing part resolved:
    /// the folder that was checked is the folder that gets replaced.
    path: PathBuf,
}

#[derive(Debug)]
pub struct Refusal {
    /// `--out` as the user wrote it.
    shown: PathBuf,
    reason: Reason,
}

#[derive(Debug)]
enum Reason {
    IsRepository(PathBuf),
    HoldsRepository(PathBuf),
    InsideContent(&'static str),
    InsideGit,
    NotAFolder,
    NotPaktas,
    Unreadable(io::Error),
}

impl OutputFolder {
    /// Checks `out` (relative to the current folder) against the content
    /// repository at `root`.
    pub fn choose(out: &Path, root: &Path) -> Result<OutputFolder, Refusal> {
        let refuse = |reason| Refusal {
            shown: out.to_path_buf(),
            reason,
        };
        let path = resolve(out).map_err(|e| refuse(Reason::Unreadable(e)))?;
        let root = fs::canonicalize(root)
            .or_else(|_| std::path::absolute(root))
            .map_err(|e| refuse(Reason::Unreadable(e)))?;
        if path == root {
            return Err(refuse(Reason::IsRepository(root)));
        }
        if root.starts_with(&path) {
            return Err(refuse(Reason::HoldsRepository(root)));
        }
        for folder in CONTENT_FOLDERS {
            let inside = root.join(folder);
            // The content folder may itself be a link to somewhere else.
            let target = fs::canonicalize(&inside).ok();
            if path.starts_with(&inside) || target.is_some_and(|t| path.starts_with(t)) {
                return Err(refuse(Reason::InsideContent(folder)));
            }
        }
        if path
            .components()
            .any(|c| c == Component::Normal(".git".as_ref()))
        {
            return Err(refuse(Reason::InsideGit));
        }
        match replaceable(&path) {
            Ok(true) => Ok(OutputFolder { path }),
            Ok(false) => Err(refuse(Reason::NotPaktas)),
            Err(e) if e.kind() == io::ErrorKind::NotADirectory => Err(refuse(Reason::NotAFolder)),
            Err(e) => Err(refuse(Reason::Unreadable(e))),
        }
    }

    /// The folder, resolved: symbolic links followed, `.` and `..` gone.
    pub fn path(&self) -> &Path {
        &self.path
    }
}

/// Whether a build may replace `path`: it is absent, an empty folder, or
/// a folder carrying pakta's marker. Anything but a folder is an
/// `ErrorKind::NotADirectory` error.
pub(crate) fn replaceable(path: &Path) -> io::Result<bool> {
    let kind = match fs::symlink_metadata(path) {
        Ok(meta) => meta.file_type(),
        Err(e) if e.kind() == io::ErrorKind::NotFound => return Ok(true),
        Err(e) => return Err(e),
    };
    if !kind.is_dir() {
        return Err(io::Error::from(io::ErrorKind::NotADirectory));
    }
    Ok(is_marked(path) || fs::read_dir(path)?.next().is_none())
}

/// Whether `folder` carries pakta's marker file.
pub(crate) fn is_marked(folder: &Path) -> bool {
    fs::symlink_metadata(folder.join(MARKER)).is_ok_and(|m| m.file_type().is_file())
}

/// `path` made absolute with the longest existing part canonicalised
/// (symbolic links, `.` and `..` resolved by the file system) and the rest,
/// which does not exist yet and so holds no links, resolved by its names.
fn resolve(path: &Path) -> io::Result<PathBuf> {
    let absolute = std::path::absolute(path)?;
    let components: Vec<Component> = absolute.components().collect();
    let mut existing = components.len();
    let mut resolved = loop {
        let prefix: PathBuf = components[..existing].iter().collect();
        match fs::canonicalize(&prefix) {
            Ok(found) => break found,
            Err(e) if e.kind() == io::ErrorKind::NotFound && existing > 1 => existing -= 1,
            Err(e) => return Err(e),
        }
    };
    for component in &components[existing..] {
        match component {
            Component::ParentDir => {
                resolved.pop();
            }
            Component::Normal(name) => resolved.push(name),
            Component::CurDir | Component::RootDir | Component::Prefix(_) => {}
        }
    }
    Ok(resolved)
}

impl Refusal {
    /// Why `--out` is refused and what to choose instead, for the reader's
    /// language.
    pub fn message(&self) -> Message {
        let out = self.shown.display();
        let message = match &self.reason {
            Reason::IsRepository(root) => {
                Message::new("out-is-repository").arg("root", root.display())
            }
            Reason::HoldsRepository(root) => {
                Message::new("out-holds-repository").arg("root", root.display())
            }
            Reason::InsideContent(folder) => {
                Message::new("out-inside-content").arg("folder", folder)
            }
            Reason::InsideGit => Message::new("out-inside-git"),
            Reason::NotAFolder => Message::new("out-not-a-folder"),
            Reason::NotPaktas => Message::new("out-not-paktas").arg("marker", MARKER),
            Reason::Unreadable(e) => Message::new("out-unreadable").arg("error", e),
        };
        message.arg("out", out)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn scratch(name: &str) -> PathBuf {
        let dir = std::env::temp_dir().join(format!("pakta-out-{name}-{}", std::process::id()));
        let _ = fs::remove_dir_all(&dir);
        fs::create_dir_all(dir.join("repo/agreements")).unwrap();
        fs::canonicalize(dir).unwrap()
    }

    #[test]
    fn a_path_that_does_not_exist_yet_is_resolved_by_its_names() {
        let dir = scratch("resolve");
        let resolved = resolve(&dir.join("repo/new/./deeper/../site/")).unwrap();
        assert_eq!(resolved, dir.join("repo/new/site"));
        let through_parent = resolve(&dir.join("repo/agreements/../x")).unwrap();
        assert_eq!(through_parent, dir.join("repo/x"));
        fs::remove_dir_all(&dir).unwrap();
    }

    #[test]
    fn the_repository_its_content_and_its_holders_are_refused() {
        let dir = scratch("refuse");
        let root = dir.join("repo");
        for (out, expected) in [
            (root.clone(), "is the repository itself"),
            (dir.clone(), "holds the repository"),
            (PathBuf::from("/"), "holds the repository"),
            (root.join("agreements/x/.."), "agreements/ folder"),
            (root.join("themes"), "themes/ folder"),
            (root.join(".git/hooks"), "Git folder"),
        ] {
            let refusal = OutputFolder::choose(&out, &root).unwrap_err();
            let text = refusal
                .message()
                .render(pakta_content::i18n::Texts::default_for(
                    pakta_content::i18n::Lang::En,
                ));
            assert!(text.contains(expected), "{text}");
        }
        fs::remove_dir_all(&dir).unwrap();
    }

    #[test]
    fn only_absent_empty_or_marked_folders_are_replaceable() {
        let dir = scratch("replaceable");
        assert!(replaceable(&dir.join("absent")).unwrap());
        fs::create_dir(dir.join("empty")).unwrap();
        assert!(replaceable(&dir.join("empty")).unwrap());
        fs::create_dir(dir.join("site")).unwrap();
        fs::write(dir.join("site/index.html"), "x").unwrap();
        assert!(!replaceable(&dir.join("site")).unwrap());
        fs::write(dir.join("site").join(MARKER), MARKER_TEXT).unwrap();
        assert!(replaceable(&dir.join("site")).unwrap());
        fs::write(dir.join("file"), "x").unwrap();
        assert_eq!(
            replaceable(&dir.join("file")).unwrap_err().kind(),
            io::ErrorKind::NotADirectory
        );
        fs::remove_dir_all(&dir).unwrap();
    }
}
