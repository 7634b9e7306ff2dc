//! `pakta build --out` replaces a whole folder, so it must only ever
//! replace a folder pakta made (or an empty or absent one), and never the
//! content repository or anything inside its content folders.

mod common;

use std::collections::BTreeMap;
use std::fs;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use common::{NATIONAL_UNIT, Repo, TODAY, VALID_AGREEMENT, stderr};

/// The marker a built site carries, so that the next build knows it may
/// replace the folder.
const MARKER: &str = ".pakta-site";

/// A content repository at `<scratch>/work/repo`, so that even "a folder
/// holding the repository" stays inside the scratch folder.
struct Fixture {
    scratch: Repo,
}

impl Fixture {
    fn new() -> Fixture {
        let scratch = Repo::empty();
        scratch
            .write("work/repo/pakta.toml", common::CONFIG)
            .write("work/repo/agreements/_unit.toml", NATIONAL_UNIT)
            .write("work/repo/agreements/2025-mou-uns.md", VALID_AGREEMENT)
            .write("work/repo/files/naskah.pdf", "%PDF-1.4 naskah")
            .write("work/repo/themes/mine/base.html", "<!-- mine -->")
            .write("work/repo/notes.txt", "catatan");
        let fixture = Fixture { scratch };
        let init = Command::new("git")
            .arg("init")
            .arg("-q")
            .arg(fixture.repo())
            .output()
            .expect("run git");
        assert!(init.status.success(), "git init failed");
        fixture
    }

    fn work(&self) -> PathBuf {
        self.scratch.path("work")
    }

    fn repo(&self) -> PathBuf {
        self.scratch.path("work/repo")
    }

    /// `pakta build` run from `cwd`, so that relative `--out` values
    /// resolve as they do for a user.
    fn build_from(&self, cwd: &Path, out: impl AsRef<std::ffi::OsStr>) -> Output {
        Command::new(env!("CARGO_BIN_EXE_pakta"))
            .current_dir(cwd)
            .arg("build")
            .arg("--root")
            .arg(self.repo())
            .arg("--out")
            .arg(out)
            .args(["--today", TODAY])
            .env("NO_COLOR", "1")
            .env("PAKTA_LANG", "en")
            .output()
            .expect("pakta runs")
    }

    fn build(&self, out: impl AsRef<std::ffi::OsStr>) -> Output {
        self.build_from(&self.repo(), out)
    }
}

/// Every file and folder under `dir` with the bytes of each file; the
/// staging folders of this process's builds would show up here too.
fn snapshot(dir: &Path) -> BTreeMap<PathBuf, Option<Vec<u8>>> {
    let mut found = BTreeMap::new();
    let mut pending = vec![dir.to_path_buf()];
    while let Some(folder) = pending.pop() {
        for entry in fs::read_dir(&folder).expect("read dir") {
            let path = entry.expect("entry").path();
            let relative = path.strip_prefix(dir).unwrap().to_path_buf();
            let kind = fs::symlink_metadata(&path).expect("metadata").file_type();
            if kind.is_dir() {
                found.insert(relative, None);
                pending.push(path);
            } else if kind.is_symlink() {
                let target = fs::read_link(&path).expect("link");
                found.insert(relative, Some(target.into_os_string().into_encoded_bytes()));
            } else {
                found.insert(relative, Some(fs::read(&path).expect("read")));
            }
        }
    }
    found
}

fn assert_refused(output: &Output, shown: &str, reason: &str) {
    let message = stderr(output);
    assert_eq!(output.status.code(), Some(2), "{message}");
    assert!(
        message.contains(shown) && message.contains(reason),
        "the message names {shown:?} and says {reason:?}:\n{message}"
    );
    assert!(!message.contains("Built "), "nothing was built:\n{message}");
}

#[test]
fn refuses_the_content_folders_and_git() {
    let fixture = Fixture::new();
    let cases = [
        ("agreements", "inside the repository's agreements/ folder"),
        ("agreements/", "inside the repository's agreements/ folder"),
        ("agreements/x", "inside the repository's agreements/ folder"),
        (
            "./agreements/jawa-tengah/",
            "inside the repository's agreements/ folder",
        ),
        ("files", "inside the repository's files/ folder"),
        ("themes/mine", "inside the repository's themes/ folder"),
        ("themes/new", "inside the repository's themes/ folder"),
        (".git", "inside a Git folder"),
        (".git/x", "inside a Git folder"),
    ];
    for (out, reason) in cases {
        let before = snapshot(&fixture.work());
        let output = fixture.build(out);
        assert_refused(&output, out, reason);
        assert_eq!(
            snapshot(&fixture.work()),
            before,
            "--out {out} changed files"
        );
    }
    assert_eq!(
        fixture.scratch.read("work/repo/agreements/2025-mou-uns.md"),
        VALID_AGREEMENT
    );
}

#[test]
fn refuses_the_repository_and_every_folder_holding_it() {
    let fixture = Fixture::new();
    let root = fixture.repo();
    let root_with_slash = format!("{}/", root.display());
    let work = fixture.work().display().to_string();
    let cases: [(&Path, &str, &str); 6] = [
        (&root, ".", "is the repository"),
        (&root, "./", "is the repository"),
        (&root, "..", "holds the repository"),
        (&root, &root_with_slash, "is the repository"),
        (&root, &work, "holds the repository"),
        (&fixture.work(), "repo", "is the repository"),
    ];
    for (cwd, out, reason) in cases {
        let before = snapshot(&fixture.work());
        let output = fixture.build_from(cwd, out);
        assert_refused(&output, out, reason);
        assert_eq!(
            snapshot(&fixture.work()),
            before,
            "--out {out} changed files"
        );
    }
    assert!(
        root.join(".git/HEAD").is_file(),
        "the Git folder is still there"
    );
}

#[cfg(unix)]
#[test]
fn refuses_a_symlink_that_points_into_the_repository() {
    let fixture = Fixture::new();
    let link = fixture.work().join("site");
    std::os::unix::fs::symlink(fixture.repo().join("agreements"), &link).unwrap();
    let before = snapshot(&fixture.work());
    let output = fixture.build_from(&fixture.work(), "site");
    assert_refused(
        &output,
        "site",
        "inside the repository's agreements/ folder",
    );
    assert_eq!(snapshot(&fixture.work()), before);

    let to_root = fixture.work().join("root-link");
    std::os::unix::fs::symlink(fixture.repo(), &to_root).unwrap();
    let before = snapshot(&fixture.work());
    let output = fixture.build_from(&fixture.work(), "root-link/");
    assert_refused(&output, "root-link", "is the repository");
    assert_eq!(snapshot(&fixture.work()), before);
}

#[test]
fn refuses_a_folder_with_files_pakta_did_not_make() {
    let fixture = Fixture::new();
    fixture
        .scratch
        .write("work/mine/thesis.tex", "\\begin{document}");
    fixture.scratch.write("work/mine/photos/a.jpg", "jpeg");
    let before = snapshot(&fixture.work());
    let output = fixture.build_from(&fixture.work(), "mine");
    assert_refused(&output, "mine", "not empty");
    assert!(
        stderr(&output).contains("remove it yourself"),
        "the message says what to do:\n{}",
        stderr(&output)
    );
    assert_eq!(snapshot(&fixture.work()), before);
    assert_eq!(
        fixture.scratch.read("work/mine/thesis.tex"),
        "\\begin{document}"
    );
}

#[test]
fn refuses_an_existing_file() {
    let fixture = Fixture::new();
    fixture
        .scratch
        .write("work/site.txt", "a file, not a folder");
    let before = snapshot(&fixture.work());
    let output = fixture.build_from(&fixture.work(), "site.txt");
    assert_refused(&output, "site.txt", "not a folder");
    assert_eq!(snapshot(&fixture.work()), before);
}

#[test]
fn replaces_a_folder_pakta_made_and_rebuilds_identically() {
    let fixture = Fixture::new();
    let out = fixture.work().join("public");
    let first = fixture.build(&out);
    assert!(first.status.success(), "{}", stderr(&first));
    assert!(out.join("index.html").is_file());
    assert!(
        out.join(MARKER).is_file(),
        "the site carries pakta's marker"
    );
    let built = snapshot(&out);

    fs::write(out.join("left-over.html"), "from an older build").unwrap();
    let second = fixture.build(&out);
    assert!(second.status.success(), "{}", stderr(&second));
    assert!(
        !out.join("left-over.html").exists(),
        "the folder was replaced"
    );
    assert_eq!(snapshot(&out), built, "a rebuild is byte-identical");
    let siblings: Vec<_> = fs::read_dir(fixture.work())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    assert_eq!(siblings.len(), 2, "no staging folder left: {siblings:?}");
}

#[test]
fn accepts_an_empty_folder_and_a_new_one() {
    let fixture = Fixture::new();
    fs::create_dir_all(fixture.work().join("empty")).unwrap();
    let output = fixture.build_from(&fixture.work(), "empty/");
    assert!(output.status.success(), "{}", stderr(&output));
    assert!(fixture.work().join("empty/index.html").is_file());

    let output = fixture.build("../new/site");
    assert!(output.status.success(), "{}", stderr(&output));
    assert!(fixture.work().join("new/site/index.html").is_file());
    assert!(fixture.work().join("new/site").join(MARKER).is_file());
}

/// A pid no process has: a child that has already been waited for.
fn finished_pid() -> u32 {
    let mut child = Command::new("true").spawn().expect("spawn true");
    let pid = child.id();
    child.wait().expect("wait");
    pid
}

#[test]
fn removes_the_staging_folders_of_killed_builds_and_nothing_else() {
    let fixture = Fixture::new();
    let dead = finished_pid();
    let also_dead = finished_pid();
    let alive = std::process::id();
    let stale = format!("work/.public.staging-{dead}");
    let stale_aside = format!("work/.public.staging-{dead}.old");
    let running = format!("work/.public.staging-{alive}");
    let foreign = format!("work/.public.staging-{also_dead}");
    fixture
        .scratch
        .write(&format!("{stale}/{MARKER}"), "")
        .write(&format!("{stale}/index.html"), "half a site")
        .write(&format!("{stale_aside}/{MARKER}"), "")
        .write(&format!("{stale_aside}/index.html"), "an old site")
        .write(&format!("{running}/{MARKER}"), "")
        .write(&format!("{foreign}/mine.txt"), "not pakta's");

    let output = fixture.build_from(&fixture.work(), "public");
    assert!(output.status.success(), "{}", stderr(&output));
    assert!(
        !fixture.scratch.path(&stale).exists(),
        "a killed build's staging is removed"
    );
    assert!(
        !fixture.scratch.path(&stale_aside).exists(),
        "and its old site moved aside"
    );
    assert!(
        fixture.scratch.path(&running).join(MARKER).exists(),
        "a running build's staging is left alone"
    );
    assert_eq!(
        fixture.scratch.read(&format!("{foreign}/mine.txt")),
        "not pakta's",
        "a folder without pakta's marker is never removed"
    );
}

#[test]
fn gitignore_covers_staging_folders() {
    let scratch = Repo::empty();
    fs::copy(
        common::sample_root().join(".gitignore"),
        scratch.path(".gitignore"),
    )
    .unwrap();
    scratch.git(&["init", "-q"]);
    for name in [
        ".public.staging-4242",
        ".public.staging-4242.old",
        "site/.out.staging-7",
    ] {
        let status = Command::new("git")
            .arg("-C")
            .arg(&scratch.root)
            .args(["check-ignore", "-q", "--no-index", name])
            .env("GIT_CONFIG_NOSYSTEM", "1")
            .env("GIT_CONFIG_GLOBAL", "/dev/null")
            .status()
            .expect("run git");
        assert!(status.success(), "{name} is not ignored by .gitignore");
    }
}

#[test]
fn codeowners_keeps_a_file_it_did_not_write() {
    let repo = Repo::minimal();
    repo.write(
        "agreements/_unit.toml",
        common::unit("KPU RI", "national", &["@kpu/ri"]),
    );
    let hand_written = "# our own rules\n* @org/admins\n";
    repo.write(".github/CODEOWNERS", hand_written);
    let output = repo.pakta(&["codeowners"]);
    assert_eq!(output.status.code(), Some(2), "{}", stderr(&output));
    assert!(
        stderr(&output).contains(".github/CODEOWNERS was not written by `pakta codeowners`"),
        "{}",
        stderr(&output)
    );
    assert_eq!(repo.read(".github/CODEOWNERS"), hand_written);

    repo.remove(".github/CODEOWNERS");
    let output = repo.pakta(&["codeowners"]);
    assert!(output.status.success(), "{}", stderr(&output));
    let generated = repo.read(".github/CODEOWNERS");
    assert!(generated.contains("@kpu/ri"), "{generated}");
    let again = repo.pakta(&["codeowners"]);
    assert!(again.status.success(), "a generated file is regenerated");
}
