//! Reading a revision of the content repository without touching the
//! working tree: `git archive` of the content paths into a temporary
//! folder, and git's own rename detection to pair moved agreements.

use pakta_content::message::Message;
use std::fmt;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

use pakta_load::{CONFIG_FILE, CONTENT_DIR};

/// What a revision needs for the pipeline: the content, the settings and
/// the attachments that documents point at.
const CONTENT_PATHS: [&str; 3] = [CONTENT_DIR, CONFIG_FILE, "files"];

/// Why a revision could not be read, said in the reader's language.
#[derive(Debug)]
pub(crate) struct GitError(pub Message);

/// A revision written out to a temporary folder, removed on drop.
#[derive(Debug)]
pub(crate) struct Snapshot {
    pub dir: PathBuf,
}

impl Drop for Snapshot {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.dir);
    }
}

fn git(root: &Path, args: &[&str]) -> Result<Vec<u8>, GitError> {
    let output = Command::new("git")
        .arg("-C")
        .arg(root)
        .args(args)
        .stdin(Stdio::null())
        .output()
        .map_err(|e| cannot_run("git", e))?;
    if output.status.success() {
        Ok(output.stdout)
    } else {
        Err(failed(
            format!("git {}", args.join(" ")),
            String::from_utf8_lossy(&output.stderr).trim(),
        ))
    }
}

fn cannot_run(program: &str, error: std::io::Error) -> GitError {
    GitError(
        Message::new("cannot-run")
            .arg("program", program)
            .arg("detail", error),
    )
}

fn failed(command: impl fmt::Display, detail: impl fmt::Display) -> GitError {
    GitError(
        Message::new("command-failed")
            .arg("command", command)
            .arg("detail", detail),
    )
}

fn text(bytes: Vec<u8>) -> String {
    String::from_utf8_lossy(&bytes).trim().to_string()
}

/// The full commit id that `rev` names.
pub(crate) fn resolve(root: &Path, rev: &str) -> Result<String, GitError> {
    let spec = format!("{rev}^{{commit}}");
    git(root, &["rev-parse", "--verify", "--quiet", &spec])
        .map(text)
        .map_err(|_| GitError(Message::new("diff-unknown-revision").arg("rev", rev)))
}

/// Where the content repository sits in Git: the work tree's top folder
/// and the path from there to `root` ("" or e.g. "site/").
#[derive(Debug)]
pub(crate) struct Location {
    pub top: PathBuf,
    pub prefix: String,
}

pub(crate) fn locate(root: &Path) -> Result<Location, GitError> {
    let not_git = |_| GitError(Message::new("diff-not-git").arg("root", root.display()));
    let top = text(git(root, &["rev-parse", "--show-toplevel"]).map_err(not_git)?);
    let prefix = text(git(root, &["rev-parse", "--show-prefix"]).map_err(not_git)?);
    Ok(Location {
        top: PathBuf::from(top),
        prefix,
    })
}

/// Writes the content paths of `commit` into a fresh temporary folder.
/// A revision from before the first agreement yields an empty content
/// folder, so it compares as "everything added".
pub(crate) fn snapshot(
    location: &Location,
    commit: &str,
    label: &str,
) -> Result<Snapshot, GitError> {
    // Paths given to ls-tree and archive are taken relative to the current
    // folder, so both run from the top of the work tree.
    let root = location.top.as_path();
    let tree = format!("{commit}:{}", location.prefix);
    let listing = text(git(root, &["ls-tree", "--name-only", &tree])?);
    let present: Vec<&str> = CONTENT_PATHS
        .into_iter()
        .filter(|p| listing.lines().any(|line| line == *p))
        .collect();
    let mut last_error = None;
    for base in scratch_bases() {
        match unpack(root, &tree, &present, unique_dir(&base, label)) {
            Ok(snapshot) => return Ok(snapshot),
            Err(error) => last_error = Some(error),
        }
    }
    Err(last_error.expect("there is always the system's temporary folder"))
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

fn unpack(root: &Path, tree: &str, present: &[&str], dir: PathBuf) -> Result<Snapshot, GitError> {
    std::fs::create_dir_all(dir.join(CONTENT_DIR)).map_err(|e| {
        GitError(
            Message::new("cannot-create")
                .arg("path", dir.display())
                .arg("detail", e),
        )
    })?;
    // From here on, dropping the snapshot removes what was written.
    let snapshot = Snapshot { dir };
    if present.is_empty() {
        return Ok(snapshot);
    }
    let mut archive = Command::new("git")
        .arg("-C")
        .arg(root)
        .args(["archive", "--format=tar", tree, "--"])
        .args(present)
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .map_err(|e| cannot_run("git", e))?;
    let tar_input = archive.stdout.take().expect("stdout is piped");
    let untar = Command::new("tar")
        .arg("-x")
        .arg("-C")
        .arg(&snapshot.dir)
        .stdin(tar_input)
        .output()
        .map_err(|e| cannot_run("tar", e))?;
    let archived = archive
        .wait_with_output()
        .map_err(|e| failed("git archive", e))?;
    if !archived.status.success() {
        return Err(failed(
            format!("git archive {tree}"),
            String::from_utf8_lossy(&archived.stderr).trim(),
        ));
    }
    if !untar.status.success() {
        return Err(failed(
            format!("tar -x ({tree})"),
            String::from_utf8_lossy(&untar.stderr).trim(),
        ));
    }
    Ok(snapshot)
}

/// Agreements git sees as renamed between the two commits, as
/// `(old id, new id)`, by git's similarity detection.
pub(crate) fn renamed_agreements(
    root: &Path,
    base: &str,
    head: &str,
) -> Result<Vec<(String, String)>, GitError> {
    let out = git(
        root,
        &[
            "diff",
            "--relative",
            "-M",
            "--name-status",
            "-z",
            base,
            head,
            "--",
            CONTENT_DIR,
        ],
    )?;
    Ok(parse_renames(&String::from_utf8_lossy(&out)))
}

/// Parses `git diff --name-status -z`: a status, then one path, or two
/// for renames and copies.
fn parse_renames(output: &str) -> Vec<(String, String)> {
    let mut fields = output.split('\0').filter(|f| !f.is_empty());
    let mut renames = Vec::new();
    while let Some(status) = fields.next() {
        let paths = if status.starts_with('R') || status.starts_with('C') {
            2
        } else {
            1
        };
        let taken: Vec<&str> = fields.by_ref().take(paths).collect();
        if status.starts_with('R')
            && let [from, to] = taken[..]
            && let (Some(from), Some(to)) = (agreement_id(from), agreement_id(to))
        {
            renames.push((from, to));
        }
    }
    renames.sort();
    renames
}

fn agreement_id(path: &str) -> Option<String> {
    path.strip_prefix(CONTENT_DIR)?
        .strip_prefix('/')?
        .strip_suffix(".md")
        .map(str::to_string)
}

fn unique_dir(base: &Path, label: &str) -> PathBuf {
    let nanos = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.as_nanos());
    base.join(format!("pakta-diff-{}-{nanos}-{label}", std::process::id()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn renames_of_agreements_are_paired_by_id() {
        let output = "M\0agreements/a.md\0R087\0agreements/x/2025-mou-a.md\0agreements/y/2025-mou-a.md\0R100\0agreements/_unit.toml\0agreements/z/_unit.toml\0A\0agreements/b.md\0";
        assert_eq!(
            parse_renames(output),
            [("x/2025-mou-a".to_string(), "y/2025-mou-a".to_string())]
        );
    }
}
