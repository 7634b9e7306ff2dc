//! Reading a revision of the content repository without writing to the
//! working tree. The blobs are read exactly as committed (`git ls-tree`,
//! then the content files checked out unchanged from the working tree and
//! the rest through one `git cat-file --batch` per side), so a revision's
//! `.gitattributes` (`export-ignore`, `export-subst`, filters) cannot
//! change what is compared; git's own rename detection pairs moved
//! agreements.

use pakta_content::message::Message;
use std::collections::{HashMap, HashSet};
use std::fmt;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

use pakta_load::{CONTENT_DIR, MAX_CONTENT_FILE_BYTES, StoredContent, StoredFile};
use rayon::prelude::*;

use crate::checked_out::committed_bytes;

use crate::tree::{Blob, Tree};

/// Why a revision could not be read, said in the reader's language.
#[derive(Debug)]
pub(crate) struct GitError(pub Message);

pub(crate) fn git(root: &Path, args: &[&str]) -> Result<Vec<u8>, GitError> {
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

pub(crate) fn cannot_run(program: &str, error: std::io::Error) -> GitError {
    GitError(
        Message::new("cannot-run")
            .arg("program", program)
            .arg("detail", error),
    )
}

pub(crate) fn failed(command: impl fmt::Display, detail: impl fmt::Display) -> GitError {
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

/// Every blob of `commit` under the content paths, relative to the
/// content repository's root. A revision from before the
/// content folder existed lists nothing, so it compares as "everything
/// added".
pub(crate) fn list_tree(location: &Location, commit: &str) -> Result<Tree, GitError> {
    let tree = format!("{commit}:{}", location.prefix);
    if !location.prefix.is_empty()
        && git(&location.top, &["rev-parse", "--verify", "--quiet", &tree]).is_err()
    {
        return Ok(Tree::default());
    }
    // `ls-tree` takes its paths relative to the current folder: running at
    // the top with `--full-tree` makes them relative to `tree`.
    let mut args = vec!["ls-tree", "-r", "-z", "--full-tree", &tree, "--"];
    args.extend(crate::tree::CONTENT_PATHS);
    let listing = git(&location.top, &args)?;
    Ok(Tree::parse(&listing))
}

/// Streams the named objects out of one `git cat-file --batch`, handing
/// each to `write` with its place in `objects`, its size and a reader
/// limited to its bytes; what `write` leaves unread is skipped. Nothing is
/// held in memory beyond a buffer: a large attachment goes straight to its
/// file.
pub(crate) fn read_blobs(
    location: &Location,
    objects: &[&str],
    mut write: impl FnMut(usize, u64, &mut dyn std::io::Read) -> Result<(), GitError>,
) -> Result<(), GitError> {
    use std::io::{BufRead, BufReader, Read, Write};
    if objects.is_empty() {
        return Ok(());
    }
    let mut child = Command::new("git")
        .arg("-C")
        .arg(&location.top)
        .args(["cat-file", "--batch"])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .map_err(|e| cannot_run("git", e))?;
    let mut stdin = child.stdin.take().expect("stdin is piped");
    let names: Vec<String> = objects.iter().map(|o| o.to_string()).collect();
    // Written from a thread of its own: git answers while it reads, and a
    // full pipe in each direction would wait forever.
    let feeder = std::thread::spawn(move || -> std::io::Result<()> {
        let mut input = std::io::BufWriter::new(&mut stdin);
        for name in names {
            input.write_all(name.as_bytes())?;
            input.write_all(b"\n")?;
        }
        input.flush()
    });
    let mut stdout = BufReader::with_capacity(1 << 16, child.stdout.take().expect("piped"));
    let mut outcome = Ok(());
    let mut header = Vec::new();
    for (index, object) in objects.iter().enumerate() {
        header.clear();
        let read = stdout.read_until(b'\n', &mut header);
        let size = match read {
            Ok(n) if n > 0 => parse_batch_header(&header, object),
            _ => None,
        };
        let Some(size) = size else {
            outcome = Err(failed(
                "git cat-file --batch",
                String::from_utf8_lossy(&header).trim(),
            ));
            break;
        };
        let mut content = (&mut stdout).take(size);
        if let Err(error) = write(index, size, &mut content) {
            outcome = Err(error);
            break;
        }
        // What the writer left unread, and the newline after each blob.
        let drained = std::io::copy(&mut content, &mut std::io::sink()).and_then(|_| {
            let mut newline = [0u8; 1];
            stdout.read_exact(&mut newline)
        });
        if let Err(error) = drained {
            outcome = Err(failed("git cat-file --batch", error));
            break;
        }
    }
    drop(stdout);
    let _ = feeder.join();
    let finished = child
        .wait_with_output()
        .map_err(|e| failed("git cat-file --batch", e))?;
    outcome?;
    if !finished.status.success() {
        return Err(failed(
            "git cat-file --batch",
            String::from_utf8_lossy(&finished.stderr).trim(),
        ));
    }
    Ok(())
}

/// The contents of content files for the loader, in the order asked for:
/// those checked out unchanged from the working tree, in parallel, the
/// rest from Git; a file above the loader's limit is skipped as it streams
/// past and handed over as its size.
pub(crate) fn read_content(
    location: &Location,
    files: &[&StoredFile],
) -> Result<Vec<StoredContent>, GitError> {
    let checked_out = location.top.join(&location.prefix);
    let mut contents: Vec<Option<StoredContent>> = files
        .par_iter()
        .map(|file| committed_bytes(&checked_out, file).map(StoredContent::Bytes))
        .collect();
    let from_git: Vec<usize> = (0..files.len())
        .filter(|&i| contents[i].is_none())
        .collect();
    let objects: Vec<&str> = from_git.iter().map(|&i| files[i].object.as_str()).collect();
    read_blobs(location, &objects, |index, size, content| {
        let slot = &mut contents[from_git[index]];
        if size > MAX_CONTENT_FILE_BYTES {
            *slot = Some(StoredContent::TooLarge(size));
            return Ok(());
        }
        let mut bytes = Vec::with_capacity(size as usize);
        content
            .read_to_end(&mut bytes)
            .map_err(|e| failed("git cat-file --batch", e))?;
        *slot = Some(StoredContent::Bytes(bytes));
        Ok(())
    })?;
    // `read_blobs` fails unless it handed over every object asked for.
    Ok(contents.into_iter().flatten().collect())
}

/// `<object> SP blob SP <size> LF`: the size, when the header is for the
/// blob asked for.
fn parse_batch_header(header: &[u8], object: &str) -> Option<u64> {
    let line = std::str::from_utf8(header).ok()?.trim_end();
    let mut parts = line.split(' ');
    let (name, kind, size) = (parts.next()?, parts.next()?, parts.next()?);
    (name == object && kind == "blob" && parts.next().is_none())
        .then(|| size.parse().ok())
        .flatten()
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
            "--no-ext-diff",
            "--no-textconv",
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

/// What turns the files of `from` into those of `to`: the blobs of `to`
/// that `from` lacks or holds otherwise (other content or mode), and the
/// paths of `from` that `to` does not have.
pub(crate) fn changes<'t>(from: &Tree, to: &'t Tree) -> (Vec<&'t Blob>, Vec<Vec<u8>>) {
    let before: HashMap<&[u8], &Blob> = from.blobs.iter().map(|b| (&b.path[..], b)).collect();
    let mut differing = Vec::new();
    for blob in &to.blobs {
        match before.get(&blob.path[..]) {
            Some(old) if old.object == blob.object && old.kind == blob.kind => {}
            _ => differing.push(blob),
        }
    }
    let after: HashSet<&[u8]> = to.blobs.iter().map(|b| &b.path[..]).collect();
    let gone = from
        .blobs
        .iter()
        .filter(|b| !after.contains(&b.path[..]))
        .map(|b| b.path.clone())
        .collect();
    (differing, gone)
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

    #[test]
    fn batch_headers_name_the_blob_asked_for() {
        let oid = "e69de29bb2d1d6434b8b29ae775ad8c2e48c5391";
        assert_eq!(
            parse_batch_header(format!("{oid} blob 12\n").as_bytes(), oid),
            Some(12)
        );
        assert_eq!(
            parse_batch_header(format!("{oid} missing\n").as_bytes(), oid),
            None
        );
        assert_eq!(
            parse_batch_header(format!("{oid} tree 12\n").as_bytes(), oid),
            None
        );
    }

    #[test]
    fn changes_name_what_differs_and_what_is_gone() {
        let from = Tree::parse(
            b"100644 blob aa\tagreements/same.md\0\
100644 blob bb\tagreements/edited.md\0\
100644 blob cc\tagreements/gone.md\0\
100644 blob dd\tagreements/link.md\0",
        );
        let to = Tree::parse(
            b"100644 blob aa\tagreements/same.md\0\
100644 blob b2\tagreements/edited.md\0\
100644 blob ee\tagreements/new.md\0\
120000 blob dd\tagreements/link.md\0",
        );
        let (differing, gone) = changes(&from, &to);
        let paths: Vec<&[u8]> = differing.iter().map(|b| &b.path[..]).collect();
        assert_eq!(
            paths,
            [
                &b"agreements/edited.md"[..],
                b"agreements/new.md",
                b"agreements/link.md"
            ]
        );
        assert_eq!(gone, [b"agreements/gone.md".to_vec()]);
    }
}
