//! A small builder for fixture repositories in a temporary folder, and
//! helpers to run the `pakta` binary on them. `SiteTest` (site_test.rs)
//! builds a whole site from the typed builders in fixtures.rs and checks
//! it against snapshots.

// Every test binary compiles this module and uses only part of it.
#![allow(dead_code, unused_imports)]

pub(crate) mod corpus;
mod fixtures;
mod site_test;
mod tools;

pub(crate) use fixtures::{Agreement, Unit};
pub(crate) use site_test::{Built, Run, SiteTest, assert_snapshot};
pub(crate) use tools::{actionlint, find_chromium, missing_tool, tool_required};

use std::path::{Path, PathBuf};
use std::process::{Command, Output};
use std::sync::atomic::{AtomicUsize, Ordering};

pub(crate) const TODAY: &str = "2026-11-22";

/// A gzip-compressed file, decompressed as text.
pub(crate) fn gunzip(path: &std::path::Path) -> String {
    use std::io::Read;
    let file = std::fs::File::open(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    let mut text = String::new();
    flate2::read::GzDecoder::new(file)
        .read_to_string(&mut text)
        .unwrap_or_else(|e| panic!("{} is not gzip-compressed text: {e}", path.display()));
    text
}

pub(crate) const CONFIG: &str =
    "[site]\ntitle = \"Uji\"\nbase_url = \"https://example.org/kerjasama\"\n";

pub(crate) const NATIONAL_UNIT: &str = "name = \"KPU Republik Indonesia\"\nlevel = \"national\"\n";

/// A valid, signed, active MoU; tests break one thing in it.
pub(crate) const VALID_AGREEMENT: &str = r#"+++
title = "Nota Kesepahaman tentang Pendidikan Pemilih"
kind = "mou"
number = "01/PR.07-NK/01/2025"
topics = ["pendidikan pemilih"]

[dates]
planning = 2025-01-06
signed = 2025-03-10
expires = 2029-03-09

[[partners]]
name = "Universitas Sebelas Maret"
category = "university"

[[activities]]
date = 2026-10-01
title = "Sosialisasi pemilih pemula"

[[evaluations]]
date = 2026-06-01
result = "on-track"
+++

Kerja sama pendidikan pemilih.
"#;

pub(crate) struct Repo {
    pub root: PathBuf,
}

static COUNTER: AtomicUsize = AtomicUsize::new(0);

impl Repo {
    /// An empty folder, removed again when the value is dropped.
    pub(crate) fn empty() -> Repo {
        let n = COUNTER.fetch_add(1, Ordering::SeqCst);
        let root = std::env::temp_dir().join(format!("pakta-test-{}-{n}", std::process::id()));
        let _ = std::fs::remove_dir_all(&root);
        std::fs::create_dir_all(&root).expect("temp dir");
        Repo { root }
    }

    /// pakta.toml and a national root unit.
    pub(crate) fn minimal() -> Repo {
        let repo = Repo::empty();
        repo.write("pakta.toml", CONFIG);
        repo.write("agreements/_unit.toml", NATIONAL_UNIT);
        repo
    }

    /// A copy of this project's own sample repository.
    pub(crate) fn sample() -> Repo {
        let repo = Repo::empty();
        let here = Path::new(env!("CARGO_MANIFEST_DIR"));
        for entry in ["pakta.toml", "agreements", "files", "partners"] {
            copy_tree(&here.join(entry), &repo.root.join(entry));
        }
        repo
    }

    pub(crate) fn write(&self, rel: &str, content: impl AsRef<[u8]>) -> &Self {
        let path = self.root.join(rel);
        std::fs::create_dir_all(path.parent().expect("files have parents")).expect("mkdir");
        std::fs::write(path, content).expect("write fixture");
        self
    }

    pub(crate) fn read(&self, rel: &str) -> String {
        std::fs::read_to_string(self.root.join(rel)).expect("read fixture")
    }

    pub(crate) fn remove(&self, rel: &str) {
        std::fs::remove_file(self.root.join(rel)).expect("remove a fixture file");
    }

    pub(crate) fn path(&self, rel: &str) -> PathBuf {
        self.root.join(rel)
    }

    pub(crate) fn pakta(&self, args: &[&str]) -> Output {
        pakta_in(&self.root, args)
    }

    /// pakta as an editor runs it: no `--lang` and no `PAKTA_LANG`, so it
    /// speaks the repository's `[site] language`, else Indonesian.
    pub(crate) fn pakta_untranslated(&self, args: &[&str]) -> Output {
        Command::new(env!("CARGO_BIN_EXE_pakta"))
            .args(args)
            .arg("--root")
            .arg(&self.root)
            .env("NO_COLOR", "1")
            .env_remove("PAKTA_LANG")
            .output()
            .expect("pakta runs")
    }

    /// `pakta check --format json`: the exit status and the diagnostics.
    pub(crate) fn check_json(&self) -> (i32, Vec<serde_json::Value>) {
        let output = self.pakta(&["check", "--format", "json", "--today", TODAY]);
        let diagnostics = serde_json::from_slice(&output.stdout).unwrap_or_else(|e| {
            panic!(
                "check printed no JSON ({e}):\n{}\n{}",
                String::from_utf8_lossy(&output.stdout),
                String::from_utf8_lossy(&output.stderr)
            )
        });
        (output.status.code().expect("exit code"), diagnostics)
    }
}

impl Repo {
    /// Runs git here with a fixed identity and no machine configuration,
    /// so commits do not depend on the machine.
    pub(crate) fn git(&self, args: &[&str]) -> String {
        let output = Command::new("git")
            .arg("-C")
            .arg(&self.root)
            .args(args)
            .env("GIT_AUTHOR_NAME", "Editor")
            .env("GIT_AUTHOR_EMAIL", "editor@example.org")
            .env("GIT_COMMITTER_NAME", "Editor")
            .env("GIT_COMMITTER_EMAIL", "editor@example.org")
            .env("GIT_CONFIG_NOSYSTEM", "1")
            .env("GIT_CONFIG_GLOBAL", "/dev/null")
            .output()
            .expect("run git");
        assert!(
            output.status.success(),
            "git {args:?} failed: {}",
            String::from_utf8_lossy(&output.stderr)
        );
        String::from_utf8_lossy(&output.stdout).trim().to_string()
    }

    /// Commits everything and returns the commit id.
    pub(crate) fn commit(&self, message: &str) -> String {
        self.git(&["add", "-A"]);
        self.git(&["commit", "-q", "-m", message]);
        self.git(&["rev-parse", "HEAD"])
    }
}

impl Drop for Repo {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.root);
    }
}

/// Runs pakta in English: the tests read its messages in the English
/// catalog; `tests/messages.rs` covers the Indonesian default.
pub(crate) fn pakta_in(root: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_pakta"))
        .args(args)
        .arg("--root")
        .arg(root)
        .env("NO_COLOR", "1")
        .env("PAKTA_LANG", "en")
        .output()
        .expect("pakta runs")
}

fn copy_tree(from: &Path, to: &Path) {
    if from.is_dir() {
        std::fs::create_dir_all(to).expect("mkdir");
        let mut entries: Vec<_> = std::fs::read_dir(from)
            .expect("read dir")
            .flatten()
            .collect();
        entries.sort_by_key(|e| e.file_name());
        for entry in entries {
            copy_tree(&entry.path(), &to.join(entry.file_name()));
        }
    } else if from.is_file() {
        std::fs::copy(from, to).expect("copy");
    }
}

/// Line and column (1-based, characters) of the first `needle` in `text`,
/// counted from the top of the file.
pub(crate) fn position(text: &str, needle: &str) -> (u64, u64) {
    let at = text
        .find(needle)
        .unwrap_or_else(|| panic!("{needle:?} not in fixture"));
    let line = text[..at].matches('\n').count() as u64 + 1;
    let line_start = text[..at].rfind('\n').map_or(0, |i| i + 1);
    let column = text[line_start..at].chars().count() as u64 + 1;
    (line, column)
}

/// Asserts that `check --format json` output holds nothing but
/// `empty-section` warnings: the headings a new file leaves to fill in,
/// which the site answers by leaving them out.
pub(crate) fn assert_only_unfilled_sections(json: &str) {
    let found: serde_json::Value = serde_json::from_str(json).expect("JSON");
    let codes: Vec<&str> = found
        .as_array()
        .expect("a list")
        .iter()
        .map(|d| d["code"].as_str().unwrap_or_default())
        .collect();
    assert!(
        codes.iter().all(|&code| code == "empty-section"),
        "{codes:?}"
    );
}

pub(crate) fn stdout(output: &Output) -> String {
    String::from_utf8_lossy(&output.stdout).into_owned()
}

pub(crate) fn stderr(output: &Output) -> String {
    String::from_utf8_lossy(&output.stderr).into_owned()
}

/// The repository this crate lives in, which holds the sample content.
pub(crate) fn sample_root() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

/// A `_unit.toml` with the given reviewers.
pub(crate) fn unit(name: &str, level: &str, reviewers: &[&str]) -> String {
    let mut text = format!("name = \"{name}\"\nlevel = \"{level}\"\n");
    if !reviewers.is_empty() {
        let quoted: Vec<String> = reviewers.iter().map(|r| format!("\"{r}\"")).collect();
        text.push_str(&format!("reviewers = [{}]\n", quoted.join(", ")));
    }
    text
}

/// `pakta serve` started on a repository, in English, with its terminal
/// output sent to `stderr`; returns the process and the port it says it
/// listens on.
pub(crate) fn start_serve(
    root: &Path,
    stderr: impl Into<std::process::Stdio>,
) -> (std::process::Child, u16) {
    use std::io::BufRead;
    let mut child = Command::new(env!("CARGO_BIN_EXE_pakta"))
        .args(["serve", "--port", "0", "--today", TODAY, "--root"])
        .arg(root)
        .stdout(std::process::Stdio::piped())
        .stderr(stderr)
        .env("PAKTA_LANG", "en")
        .env("NO_COLOR", "1")
        .spawn()
        .expect("pakta serve starts");
    let mut line = String::new();
    std::io::BufReader::new(child.stdout.take().expect("stdout"))
        .read_line(&mut line)
        .expect("the server says where it listens");
    let port = line
        .split("127.0.0.1:")
        .nth(1)
        .and_then(|rest| rest.split('/').next())
        .and_then(|p| p.parse().ok())
        .unwrap_or_else(|| panic!("no address in {line:?}"));
    (child, port)
}
