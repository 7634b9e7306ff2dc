//! Fixture repositories in a temporary folder and a way to run the binary.

#![allow(dead_code)]

use std::path::{Path, PathBuf};
use std::process::{Command, Output};
use std::sync::atomic::{AtomicUsize, Ordering};

/// A folder under the system's temporary folder, removed on drop.
pub struct TempRepo {
    pub root: PathBuf,
}

impl TempRepo {
    pub fn new(name: &str) -> TempRepo {
        static COUNTER: AtomicUsize = AtomicUsize::new(0);
        let root = std::env::temp_dir().join(format!(
            "pakta-test-{name}-{}-{}",
            std::process::id(),
            COUNTER.fetch_add(1, Ordering::SeqCst)
        ));
        let _ = std::fs::remove_dir_all(&root);
        std::fs::create_dir_all(&root).expect("create a temporary folder");
        TempRepo { root }
    }

    pub fn write(&self, path: &str, text: &str) {
        let path = self.root.join(path);
        std::fs::create_dir_all(path.parent().expect("a parent folder")).expect("create folders");
        std::fs::write(path, text).expect("write a fixture file");
    }

    pub fn read(&self, path: &str) -> String {
        std::fs::read_to_string(self.root.join(path)).expect("read a file")
    }

    pub fn remove(&self, path: &str) {
        std::fs::remove_file(self.root.join(path)).expect("remove a file");
    }

    /// Runs pakta with `--root` pointing here.
    pub fn pakta(&self, args: &[&str]) -> Output {
        let mut command = Command::new(env!("CARGO_BIN_EXE_pakta"));
        command.args(args).arg("--root").arg(&self.root);
        command.env("NO_COLOR", "1");
        command.output().expect("run pakta")
    }

    /// Runs git here with a fixed identity and dates, so commits do not
    /// depend on the machine.
    pub fn git(&self, args: &[&str]) -> String {
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
    pub fn commit(&self, message: &str) -> String {
        self.git(&["add", "-A"]);
        self.git(&["commit", "-q", "-m", message]);
        self.git(&["rev-parse", "HEAD"])
    }
}

impl Drop for TempRepo {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.root);
    }
}

pub fn stdout(output: &Output) -> String {
    String::from_utf8_lossy(&output.stdout).into_owned()
}

pub fn stderr(output: &Output) -> String {
    String::from_utf8_lossy(&output.stderr).into_owned()
}

/// The repository this crate lives in, which holds the sample content.
pub fn sample_root() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

pub const CONFIG: &str = "[site]\ntitle = \"Uji\"\nbase_url = \"https://example.org\"\n";

pub fn unit(name: &str, level: &str, reviewers: &[&str]) -> String {
    let mut text = format!("name = \"{name}\"\nlevel = \"{level}\"\n");
    if !reviewers.is_empty() {
        let quoted: Vec<String> = reviewers.iter().map(|r| format!("\"{r}\"")).collect();
        text.push_str(&format!("reviewers = [{}]\n", quoted.join(", ")));
    }
    text
}
