//! Revisions of every file from Git, read in one `git log` pass over the
//! whole repository and followed across renames. Without Git (a tarball) or
//! with a shallow clone the site still builds and says why history is
//! missing or incomplete.
//!
//! It runs the `git` program rather than linking a Git library: a single
//! `git log --name-status` stream gives every file's revisions at once,
//! Git's own rename detection follows moves, it works with the Git the
//! host already has (shallow clones included), and it adds no C or large
//! dependency to the build.

use std::collections::HashMap;
use std::path::Path;
use std::process::Command;

use chrono::NaiveDate;
use pakta_content::i18n::{Lang, Texts};
use pakta_content::message::Message;
use pakta_content::schema::characters;

/// Why there is no history, or why it is incomplete.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum HistoryGap {
    /// The folder is not in a Git repository (a tarball, a copy).
    NotARepository,
    /// There is no `git` program to run.
    NoGit,
    /// A shallow clone: older revisions were never fetched.
    Shallow,
    /// Reading the history stopped unexpectedly.
    Failed,
}

impl HistoryGap {
    /// Said to the reader, in their language.
    pub fn message(self) -> Message {
        match self {
            HistoryGap::NotARepository => Message::new("history-not-a-repository"),
            HistoryGap::NoGit => Message::new("history-no-git"),
            HistoryGap::Shallow => Message::new("history-shallow"),
            HistoryGap::Failed => Message::new("history-failed"),
        }
    }

    /// In English, as the report's JSON (`history_note`) has it for
    /// scripts.
    pub fn reason(self) -> String {
        self.message().render(Texts::default_for(Lang::En))
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
/// One commit that changed a file.
pub struct Revision {
    /// The full commit hash.
    pub commit: String,
    /// The author date.
    pub date: NaiveDate,
    /// The author's name.
    pub author: String,
    /// The first line of the commit message.
    pub subject: String,
}

/// The revisions of every file under the content folder.
#[derive(Debug, Default)]
pub struct History {
    /// Revisions by path relative to the content root, newest first; a
    /// renamed file's older revisions are listed under its current path.
    files: HashMap<String, Vec<Revision>>,
    /// Why there is no history, or why it is incomplete.
    pub note: Option<HistoryGap>,
}

const RECORD: char = '\u{1e}';
const FIELD: char = '\u{1f}';

impl History {
    /// Runs `git log` in `root`; never fails: without Git there is simply
    /// no history, and `note` says so.
    pub fn read(root: &Path) -> History {
        let log = match git_log(
            root,
            &["--name-status", "-M", "--format=%x1e%H%x1f%as%x1f%an%x1f%s"],
        ) {
            Ok(log) => log,
            Err(reason) => return History::without(reason),
        };
        let mut history = History::parse(&log);
        let shallow = Command::new("git")
            .arg("-C")
            .arg(root)
            .args(["rev-parse", "--is-shallow-repository"])
            .output();
        if shallow.is_ok_and(|o| o.stdout.starts_with(b"true")) {
            history.note = Some(HistoryGap::Shallow);
        }
        history
    }

    /// An empty history, for a repository without Git; `gap` says why.
    pub fn without(gap: HistoryGap) -> History {
        History {
            files: HashMap::new(),
            note: Some(gap),
        }
    }

    /// Parses `git log -z --name-status` output, newest commit first.
    pub fn parse(log: &str) -> History {
        let mut files: HashMap<String, Vec<Revision>> = HashMap::new();
        // Older names of renamed files, pointing at the current name; an
        // empty target means the name belonged to a different, earlier file.
        let mut current_name: HashMap<String, String> = HashMap::new();
        for logged in logged_commits(log) {
            let mut fields = logged.header.splitn(4, FIELD);
            let (Some(commit), Some(date), Some(author), Some(subject)) =
                (fields.next(), fields.next(), fields.next(), fields.next())
            else {
                continue;
            };
            let Ok(date) = NaiveDate::parse_from_str(date, "%Y-%m-%d") else {
                continue;
            };
            let revision = Revision {
                commit: commit.to_string(),
                date,
                author: printable(author),
                subject: printable(subject),
            };
            for change in &logged.changes {
                let renamed = change.status.starts_with('R');
                let first = change.path;
                let path = change.new_path.unwrap_or(first);
                let status = change.status;
                let canonical = match current_name.get(path) {
                    Some(name) if name.is_empty() => continue,
                    Some(name) => name.clone(),
                    None => path.to_string(),
                };
                files
                    .entry(canonical.clone())
                    .or_default()
                    .push(revision.clone());
                if renamed {
                    current_name.insert(first.to_string(), canonical);
                } else if status.starts_with('A') {
                    current_name.insert(path.to_string(), String::new());
                }
            }
        }
        History { files, note: None }
    }

    /// Revisions of the file at `path` (relative to the content root),
    /// newest first.
    pub fn revisions(&self, path: &str) -> &[Revision] {
        self.files.get(path).map_or(&[], Vec::as_slice)
    }

    /// Whether no file has a revision.
    pub fn is_empty(&self) -> bool {
        self.files.is_empty()
    }
}

/// A change that reached the branch: a commit on its first-parent line
/// (a merge counts as one change with every file it brought in).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MergedChange {
    /// The commit's full hash.
    pub commit: String,
    /// The committer date: when the change was merged, not written.
    pub date: NaiveDate,
    /// The first line of the commit message.
    pub subject: String,
    /// Files changed, relative to the content root.
    pub paths: Vec<String>,
}

/// The changes merged from `from` to `to` inclusive (committer dates as
/// recorded), in one `git log` pass; `Err` says why there is no history.
pub fn changes_between(
    root: &Path,
    from: NaiveDate,
    to: NaiveDate,
) -> Result<Vec<MergedChange>, HistoryGap> {
    // `--since` only prunes the walk; dates are compared exactly below, so
    // a day's margin covers commits recorded in other time zones.
    let since = from.pred_opt().unwrap_or(from);
    let since = format!("--since={since}");
    let log = git_log(
        root,
        &[
            "--first-parent",
            "--diff-merges=first-parent",
            "--name-status",
            "--format=%x1e%H%x1f%cs%x1f%s",
            &since,
        ],
    )?;
    Ok(parse_changes(&log)
        .into_iter()
        .filter(|c| from <= c.date && c.date <= to)
        .collect())
}

/// `git log -z` in `root` with paths as written (`core.quotepath=off`)
/// and relative to it, plus `args`; `Err` says why there is no history.
fn git_log(root: &Path, args: &[&str]) -> Result<String, HistoryGap> {
    let output = Command::new("git")
        .arg("-C")
        .arg(root)
        .args([
            "-c",
            "core.quotepath=off",
            "log",
            "-z",
            "--relative",
            "--no-color",
        ])
        .args(args)
        .output();
    match output {
        Ok(o) if o.status.success() => Ok(String::from_utf8_lossy(&o.stdout).into_owned()),
        Ok(_) => Err(HistoryGap::NotARepository),
        Err(_) => Err(HistoryGap::NoGit),
    }
}

/// A commit's text as it may be shown: anyone who pushes a commit writes
/// its message and author name, and a control character (ESC, BEL, C1)
/// would drive the terminal of whoever runs `pakta report`, or land in a
/// page. Each becomes U+FFFD, so the reader sees that something was there;
/// a tab becomes a space.
fn printable(text: &str) -> String {
    text.chars()
        .map(|c| match c {
            '\t' => ' ',
            c if characters::is_allowed(c, false) => c,
            _ => char::REPLACEMENT_CHARACTER,
        })
        .collect()
}

/// One file a logged commit changed.
struct LoggedChange<'a> {
    /// `M`, `A`, `D`, `R100`, …
    status: &'a str,
    /// The path, or for a rename or copy the path before it.
    path: &'a str,
    /// The path after a rename or copy.
    new_path: Option<&'a str>,
}

/// One commit of `git log -z --name-status` output.
struct LoggedCommit<'a> {
    /// The formatted header, without the RECORD mark.
    header: &'a str,
    changes: Vec<LoggedChange<'a>>,
}

/// Splits `git log -z --name-status` output, whose format begins each
/// commit with RECORD, into commits by position: a commit's header is the
/// token after the previous commit's changes, and paths are the tokens
/// after a status. A commit message or a file name holding RECORD or FIELD
/// therefore stays inside its own commit instead of forging another (with
/// a chosen hash and date) for the files it touched.
fn logged_commits(log: &str) -> Vec<LoggedCommit<'_>> {
    let mut commits: Vec<LoggedCommit<'_>> = Vec::new();
    let mut tokens = log.split('\0');
    while let Some(token) = tokens.next() {
        let token = token.trim_start_matches('\n');
        if let Some(header) = token.strip_prefix(RECORD) {
            commits.push(LoggedCommit {
                header,
                changes: Vec::new(),
            });
            continue;
        }
        let Some(commit) = commits.last_mut() else {
            continue;
        };
        if !is_status(token) {
            continue;
        }
        let Some(path) = tokens.next() else { break };
        let new_path = if token.starts_with(['R', 'C']) {
            let Some(new_path) = tokens.next() else { break };
            Some(new_path)
        } else {
            None
        };
        commit.changes.push(LoggedChange {
            status: token,
            path,
            new_path,
        });
    }
    commits
}

/// A `--name-status` letter, with a similarity score after renames and
/// copies.
fn is_status(token: &str) -> bool {
    let mut chars = token.chars();
    chars.next().is_some_and(|c| "ACDMRTUXB".contains(c)) && chars.all(|c| c.is_ascii_digit())
}

/// Parses `git log -z --name-status` output with the format above.
fn parse_changes(log: &str) -> Vec<MergedChange> {
    let mut changes = Vec::new();
    for logged in logged_commits(log) {
        let mut fields = logged.header.splitn(3, FIELD);
        let (Some(commit), Some(date), Some(subject)) =
            (fields.next(), fields.next(), fields.next())
        else {
            continue;
        };
        let Ok(date) = NaiveDate::parse_from_str(date, "%Y-%m-%d") else {
            continue;
        };
        let mut paths: Vec<String> = logged
            .changes
            .iter()
            .flat_map(|c| [Some(c.path), c.new_path])
            .flatten()
            .map(str::to_string)
            .collect();
        paths.sort();
        paths.dedup();
        changes.push(MergedChange {
            commit: commit.to_string(),
            date,
            subject: printable(subject),
            paths,
        });
    }
    changes
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn changes_list_each_commit_with_its_files_once() {
        let log = "\u{1e}abc\u{1f}2026-03-15\u{1f}Perpanjangan MoU\0\nM\0agreements/b.md\0M\0agreements/a.md\0R100\0agreements/a.md\0agreements/a.md\0\
                   \u{1e}def\u{1f}bukan-tanggal\u{1f}Rusak\0\nM\0agreements/c.md\0";
        let changes = parse_changes(log);
        assert_eq!(
            changes,
            [MergedChange {
                commit: "abc".into(),
                date: NaiveDate::from_ymd_opt(2026, 3, 15).expect("a date"),
                subject: "Perpanjangan MoU".into(),
                paths: vec!["agreements/a.md".into(), "agreements/b.md".into()],
            }]
        );
    }
    use std::fs;
    use std::path::PathBuf;

    fn git(dir: &Path, args: &[&str]) {
        let status = Command::new("git")
            .arg("-C")
            .arg(dir)
            .args(args)
            .env("GIT_AUTHOR_NAME", "Ani Editor")
            .env("GIT_AUTHOR_EMAIL", "ani@example.org")
            .env("GIT_COMMITTER_NAME", "Ani Editor")
            .env("GIT_COMMITTER_EMAIL", "ani@example.org")
            .status()
            .expect("git runs");
        assert!(status.success(), "git {args:?}");
    }

    fn commit_on(dir: &Path, day: &str, subject: &str) {
        let stamp = format!("{day}T10:00:00+07:00");
        let status = Command::new("git")
            .arg("-C")
            .arg(dir)
            .args(["commit", "-q", "-m", subject])
            .env("GIT_AUTHOR_NAME", "Ani Editor")
            .env("GIT_AUTHOR_EMAIL", "ani@example.org")
            .env("GIT_COMMITTER_NAME", "Ani Editor")
            .env("GIT_COMMITTER_EMAIL", "ani@example.org")
            .env("GIT_AUTHOR_DATE", &stamp)
            .env("GIT_COMMITTER_DATE", &stamp)
            .status()
            .expect("git runs");
        assert!(status.success());
    }

    fn scratch(name: &str) -> PathBuf {
        let dir = std::env::temp_dir().join(format!("pakta-history-{name}-{}", std::process::id()));
        let _ = fs::remove_dir_all(&dir);
        fs::create_dir_all(dir.join("agreements")).unwrap();
        dir
    }

    #[test]
    fn follows_renames_in_one_pass() {
        let dir = scratch("renames");
        git(&dir, &["init", "-q"]);
        fs::write(dir.join("agreements/old.md"), "one\n".repeat(20)).unwrap();
        git(&dir, &["add", "."]);
        commit_on(&dir, "2025-01-02", "Tambah MoU");
        git(&dir, &["mv", "agreements/old.md", "agreements/new.md"]);
        commit_on(&dir, "2025-02-03", "Ganti nama berkas");
        fs::write(dir.join("agreements/new.md"), "one\n".repeat(21)).unwrap();
        fs::write(dir.join("agreements/other.md"), "x\n").unwrap();
        git(&dir, &["add", "."]);
        commit_on(&dir, "2025-03-04", "Catat kegiatan");

        let history = History::read(&dir);
        assert_eq!(history.note, None);
        let revisions = history.revisions("agreements/new.md");
        let subjects: Vec<&str> = revisions.iter().map(|r| r.subject.as_str()).collect();
        assert_eq!(
            subjects,
            ["Catat kegiatan", "Ganti nama berkas", "Tambah MoU"]
        );
        assert_eq!(
            revisions[0].date,
            NaiveDate::from_ymd_opt(2025, 3, 4).unwrap()
        );
        assert_eq!(revisions[0].author, "Ani Editor");
        assert_eq!(revisions[0].commit.len(), 40);
        assert_eq!(history.revisions("agreements/other.md").len(), 1);
        assert!(history.revisions("agreements/old.md").is_empty());
        fs::remove_dir_all(&dir).unwrap();
    }

    #[test]
    fn control_characters_of_a_commit_are_replaced() {
        let log = "\u{1e}c1\u{1f}2025-01-01\u{1f}A\u{1b}[31m\u{1f}x\u{7}\ty\u{9b}\0\nA\0a.md\0";
        let history = History::parse(log);
        let revision = &history.revisions("a.md")[0];
        assert_eq!(revision.author, "A\u{fffd}[31m");
        assert_eq!(revision.subject, "x\u{fffd} y\u{fffd}");
        let changes = parse_changes("\u{1e}c1\u{1f}2025-01-01\u{1f}x\u{1b}y\0\nM\0a.md\0");
        assert_eq!(changes[0].subject, "x\u{fffd}y");
    }

    #[test]
    fn a_subject_holding_the_record_mark_forges_no_commit() {
        let log = "\u{1e}c2\u{1f}2025-02-01\u{1f}A\u{1f}second\0\nA\0b.md\0\
                   \u{1e}c1\u{1f}2025-01-01\u{1f}A\u{1f}real\u{1e}FAKE\u{1f}2001-01-01\u{1f}Mallory\u{1f}forged\0\nA\0a.md\0";
        let history = History::parse(log);
        let revisions = history.revisions("a.md");
        assert_eq!(revisions.len(), 1);
        assert_eq!(revisions[0].commit, "c1");
        assert_eq!(revisions[0].author, "A");
        assert!(revisions[0].subject.starts_with("real\u{fffd}FAKE"));
        let changes = parse_changes(
            "\u{1e}c1\u{1f}2025-01-01\u{1f}real\u{1e}FAKE\u{1f}2001-01-01\u{1f}forged\0\nM\0a.md\0",
        );
        assert_eq!(changes.len(), 1);
        assert_eq!(changes[0].commit, "c1");
        assert_eq!(changes[0].paths, ["a.md"]);
    }

    #[test]
    fn a_name_reused_after_deletion_does_not_inherit_old_history() {
        let log = "\u{1e}c3\u{1f}2025-03-01\u{1f}A\u{1f}re-add\0\nA\0a.md\0\
                   \u{1e}c2\u{1f}2025-02-01\u{1f}A\u{1f}remove\0\nD\0a.md\0\
                   \u{1e}c1\u{1f}2025-01-01\u{1f}A\u{1f}first\0\nA\0a.md\0";
        let history = History::parse(log);
        let commits: Vec<&str> = history
            .revisions("a.md")
            .iter()
            .map(|r| r.commit.as_str())
            .collect();
        assert_eq!(commits, ["c3"]);
    }

    #[test]
    fn without_git_there_is_a_note_and_no_history() {
        let dir = scratch("plain");
        let history = History::read(&dir);
        assert!(history.is_empty());
        assert_eq!(history.note, Some(HistoryGap::NotARepository));
        fs::remove_dir_all(&dir).unwrap();
    }
}
