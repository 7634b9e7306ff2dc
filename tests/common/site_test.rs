//! `SiteTest`: writes a fixture repository from typed builders, runs the
//! real binary on it and checks what came out — exit status, messages, the
//! exact list of output files, and file contents against snapshots kept in
//! `tests/snapshots/`.
//!
//! Snapshots are refreshed with one command, after reviewing the change:
//!
//! ```sh
//! INSTA_UPDATE=always cargo test --test site_snapshots --test open_data
//! ```
//!
//! (`cargo insta review` does the same interactively where cargo-insta is
//! installed.) Under `CI=true` a differing snapshot only fails.

use std::path::{Path, PathBuf};
use std::process::Output;

use super::fixtures::{Agreement, Unit};
use super::{CONFIG, Repo, TODAY, stderr, stdout};

pub(crate) struct SiteTest {
    pub repo: Repo,
    today: String,
}

impl SiteTest {
    /// `pakta.toml` and a national root unit, dated [`TODAY`].
    pub(crate) fn new() -> SiteTest {
        let test = SiteTest {
            repo: Repo::empty(),
            today: TODAY.to_string(),
        };
        test.config(CONFIG)
            .unit(Unit::national("KPU Republik Indonesia"))
    }

    pub(crate) fn config(self, toml: &str) -> Self {
        self.repo.write("pakta.toml", toml);
        self
    }

    pub(crate) fn today(mut self, date: &str) -> Self {
        self.today = date.to_string();
        self
    }

    pub(crate) fn unit(self, unit: Unit) -> Self {
        self.repo.write(&unit.path(), unit.to_toml());
        self
    }

    pub(crate) fn agreement(self, agreement: Agreement) -> Self {
        self.repo.write(&agreement.path(), agreement.to_markdown());
        self
    }

    pub(crate) fn file(self, rel: &str, content: impl AsRef<[u8]>) -> Self {
        self.repo.write(rel, content);
        self
    }

    /// `pakta check --today <today>` and any further arguments.
    pub(crate) fn check(&self, args: &[&str]) -> Run {
        let mut all = vec!["check", "--today", &self.today];
        all.extend_from_slice(args);
        Run::new(self.repo.pakta(&all))
    }

    /// `pakta build` into `public/` inside the fixture repository.
    pub(crate) fn build(&self) -> Built<'_> {
        let out = self.repo.path("public");
        let out_arg = out.to_str().expect("temporary paths are UTF-8");
        let run = Run::new(
            self.repo
                .pakta(&["build", "--today", &self.today, "--out", out_arg]),
        );
        Built {
            run,
            out,
            _site: self,
        }
    }
}

/// A finished run of the binary, with assertions that print the whole
/// output when they fail.
pub(crate) struct Run {
    pub output: Output,
}

impl Run {
    pub(crate) fn new(output: Output) -> Run {
        Run { output }
    }

    pub(crate) fn stdout(&self) -> String {
        stdout(&self.output)
    }

    pub(crate) fn stderr(&self) -> String {
        stderr(&self.output)
    }

    fn explain(&self) -> String {
        format!(
            "exit status {:?}\n--- stdout\n{}\n--- stderr\n{}",
            self.output.status.code(),
            self.stdout(),
            self.stderr()
        )
    }

    pub(crate) fn exit_status(&self, code: i32) -> &Self {
        assert_eq!(
            self.output.status.code(),
            Some(code),
            "unexpected exit status\n{}",
            self.explain()
        );
        self
    }

    pub(crate) fn success(&self) -> &Self {
        self.exit_status(0)
    }

    pub(crate) fn stderr_contains(&self, needle: &str) -> &Self {
        assert!(
            self.stderr().contains(needle),
            "stderr lacks {needle:?}\n{}",
            self.explain()
        );
        self
    }

    pub(crate) fn stderr_is(&self, expected: &str) -> &Self {
        assert_eq!(self.stderr(), expected, "\n{}", self.explain());
        self
    }

    pub(crate) fn stdout_contains(&self, needle: &str) -> &Self {
        assert!(
            self.stdout().contains(needle),
            "stdout lacks {needle:?}\n{}",
            self.explain()
        );
        self
    }
}

/// The result of `pakta build`: the run and the output folder. It borrows
/// the test so that the fixture folder outlives it.
pub(crate) struct Built<'a> {
    pub run: Run,
    pub out: PathBuf,
    _site: &'a SiteTest,
}

impl Built<'_> {
    pub(crate) fn success(&self) -> &Self {
        self.run.success();
        self
    }

    /// Every file written, as `/`-separated paths relative to the output
    /// folder, sorted.
    pub(crate) fn file_list(&self) -> Vec<String> {
        let mut files = Vec::new();
        collect_files(&self.out, &self.out, &mut files);
        files.sort();
        files
    }

    /// The output holds exactly these files, no more and no fewer.
    pub(crate) fn check_file_list(&self, expected: &[&str]) -> &Self {
        let actual = self.file_list();
        let mut expected: Vec<String> = expected.iter().map(|s| s.to_string()).collect();
        expected.sort();
        let missing: Vec<&String> = expected.iter().filter(|f| !actual.contains(f)).collect();
        let extra: Vec<&String> = actual.iter().filter(|f| !expected.contains(f)).collect();
        assert!(
            missing.is_empty() && extra.is_empty(),
            "output files differ\nmissing: {missing:#?}\nunexpected: {extra:#?}"
        );
        self
    }

    pub(crate) fn read(&self, rel: &str) -> String {
        std::fs::read_to_string(self.out.join(rel))
            .unwrap_or_else(|e| panic!("cannot read {rel} from the built site: {e}"))
    }

    /// A gzip-compressed output file, decompressed.
    pub(crate) fn read_gzip(&self, rel: &str) -> String {
        super::gunzip(&self.out.join(rel))
    }

    /// Compares a whole output file with the snapshot `name`.
    pub(crate) fn snapshot(&self, name: &str, rel: &str) -> &Self {
        assert_snapshot(name, &self.read(rel));
        self
    }

    /// Compares the `<main>` element of an HTML page with the snapshot
    /// `name`: what differs between pages, without the shared header and
    /// footer that one full-page snapshot covers.
    pub(crate) fn snapshot_main(&self, name: &str, rel: &str) -> &Self {
        let page = self.read(rel);
        let start = page
            .find("<main")
            .unwrap_or_else(|| panic!("{rel} has no <main>"));
        let end = page[start..]
            .find("</main>")
            .map(|i| start + i + "</main>".len())
            .unwrap_or_else(|| panic!("{rel} has no </main>"));
        assert_snapshot(name, &page[start..end]);
        self
    }
}

/// An insta snapshot stored as `tests/snapshots/<name>.snap`, whichever
/// test file asks for it.
pub(crate) fn assert_snapshot(name: &str, content: &str) {
    let mut settings = insta::Settings::clone_current();
    settings.set_snapshot_path(Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/snapshots"));
    settings.set_prepend_module_to_snapshot(false);
    settings.set_omit_expression(true);
    settings.bind(|| insta::assert_snapshot!(name, content));
}

fn collect_files(root: &Path, dir: &Path, out: &mut Vec<String>) {
    let entries =
        std::fs::read_dir(dir).unwrap_or_else(|e| panic!("cannot list {}: {e}", dir.display()));
    for entry in entries {
        let path = entry.expect("directory entry").path();
        if path.is_dir() {
            collect_files(root, &path, out);
        } else {
            let rel = path.strip_prefix(root).expect("below the root");
            out.push(rel.to_string_lossy().replace('\\', "/"));
        }
    }
}
