//! A repository is untrusted input: links to devices, FIFOs and files
//! outside it, looping links, unreadable files and names that are not
//! UTF-8 are each reported with their path, all in one run, and nothing
//! is read from them or published. Every run here has a time limit, so a
//! file that would make pakta hang fails the test instead of blocking the
//! suite.

#![cfg(unix)]

mod common;

use std::ffi::OsStr;
use std::os::unix::ffi::OsStrExt;
use std::os::unix::fs::{PermissionsExt, symlink};
use std::path::Path;
use std::process::{Command, Output, Stdio};
use std::time::{Duration, Instant};

use common::{Repo, TODAY, VALID_AGREEMENT, unit};
use serde_json::Value;

/// Far more than any of these runs needs; only a hang reaches it.
const HANG_LIMIT: Duration = Duration::from_secs(60);

/// A value only the environment of the pakta process holds, to show that
/// `/proc/self/environ` is never read into a message.
const SECRET: &str = "pakta-test-secret-7f3a9c";

/// Runs pakta on `repo` with `args`, killing it when it runs past
/// [`HANG_LIMIT`].
fn pakta_with_limit(repo: &Repo, args: &[&str]) -> Output {
    run_with_limit(Command::new(env!("CARGO_BIN_EXE_pakta")), repo, args)
}

fn run_with_limit(mut command: Command, repo: &Repo, args: &[&str]) -> Output {
    let mut child = command
        .args(args)
        .arg("--root")
        .arg(&repo.root)
        .env("NO_COLOR", "1")
        .env("PAKTA_LANG", "en")
        .env("PAKTA_TEST_SECRET", SECRET)
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("pakta starts");
    let started = Instant::now();
    while child.try_wait().expect("wait for pakta").is_none() {
        if started.elapsed() > HANG_LIMIT {
            let _ = child.kill();
            let _ = child.wait();
            panic!("pakta {args:?} hung for more than {HANG_LIMIT:?}");
        }
        std::thread::sleep(Duration::from_millis(20));
    }
    child.wait_with_output().expect("pakta's output")
}

fn check_json(repo: &Repo) -> (i32, Vec<Value>, String) {
    check_json_with(Command::new(env!("CARGO_BIN_EXE_pakta")), repo)
}

fn check_json_with(command: Command, repo: &Repo) -> (i32, Vec<Value>, String) {
    let args = ["check", "--format", "json", "--today", TODAY];
    let output = run_with_limit(command, repo, &args);
    let diagnostics = serde_json::from_slice(&output.stdout).unwrap_or_else(|e| {
        panic!(
            "check printed no JSON ({e}):\n{}\n{}",
            common::stdout(&output),
            common::stderr(&output)
        )
    });
    let everything = format!("{}{}", common::stdout(&output), common::stderr(&output));
    (
        output.status.code().expect("exit code"),
        diagnostics,
        everything,
    )
}

fn mkfifo(path: &Path) {
    let status = Command::new("mkfifo")
        .arg(path)
        .status()
        .expect("mkfifo runs");
    assert!(status.success(), "mkfifo {}", path.display());
}

/// The diagnostics of `file`, as (code, line, column).
fn at(diagnostics: &[Value], file: &str) -> Vec<(String, u64, u64)> {
    diagnostics
        .iter()
        .filter(|d| d["file"] == file)
        .map(|d| {
            (
                d["code"].as_str().unwrap_or_default().to_string(),
                d["line"].as_u64().unwrap_or_default(),
                d["column"].as_u64().unwrap_or_default(),
            )
        })
        .collect()
}

fn not_a_file() -> Vec<(String, u64, u64)> {
    vec![("not-a-file".to_string(), 1, 1)]
}

/// Whether this process reads files whatever their permissions say (as
/// root does), so that an unreadable file cannot be made for it.
fn reads_despite_permissions(path: &Path) -> bool {
    std::fs::read(path).is_ok()
}

/// A command running pakta as the unprivileged user `nobody`, for a
/// process that permissions do not stop; `None` where that is not
/// possible (no `setpriv`).
fn pakta_as_nobody() -> Option<Command> {
    let works = Command::new("setpriv")
        .args(["--reuid=65534", "--regid=65534", "--clear-groups", "true"])
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .status()
        .is_ok_and(|s| s.success());
    works.then(|| {
        let mut command = Command::new("setpriv");
        command
            .args(["--reuid=65534", "--regid=65534", "--clear-groups"])
            .arg(env!("CARGO_BIN_EXE_pakta"));
        command
    })
}

#[test]
fn links_and_special_files_are_all_reported_and_nothing_is_published() {
    let outside = Repo::empty();
    outside.write("elsewhere.md", VALID_AGREEMENT);
    let repo = Repo::minimal();
    repo.write("agreements/valid.md", VALID_AGREEMENT);
    let link = |name: &str, target: &Path| symlink(target, repo.path(name)).expect("symlink");
    mkfifo(&repo.path("fifo"));
    mkfifo(&repo.path("agreements/pipe.md"));
    link("agreements/zero.md", Path::new("/dev/zero"));
    link("agreements/fifo.md", &repo.path("fifo"));
    link("agreements/environ.md", Path::new("/proc/self/environ"));
    link("agreements/outside.md", &outside.path("elsewhere.md"));
    link("agreements/loop.md", &repo.path("agreements/loop.md"));
    link("agreements/loop-a.md", &repo.path("agreements/loop-b.md"));
    link("agreements/loop-b.md", &repo.path("agreements/loop-a.md"));
    link("agreements/linked-folder", &outside.root);
    std::fs::create_dir_all(repo.path("agreements/jateng")).unwrap();
    link("agreements/jateng/_unit.toml", Path::new("/dev/zero"));
    let non_utf8 = repo
        .path("agreements")
        .join(OsStr::from_bytes(b"bukan-utf8-\xff.md"));
    std::fs::write(&non_utf8, VALID_AGREEMENT).unwrap();

    let (status, diagnostics, everything) = check_json(&repo);
    assert_eq!(status, 1, "{diagnostics:#?}");
    for file in [
        "agreements/pipe.md",
        "agreements/zero.md",
        "agreements/fifo.md",
        "agreements/environ.md",
        "agreements/outside.md",
        "agreements/loop.md",
        "agreements/loop-a.md",
        "agreements/loop-b.md",
        "agreements/jateng/_unit.toml",
        "agreements/linked-folder",
    ] {
        assert_eq!(
            at(&diagnostics, file),
            not_a_file(),
            "{file}: {diagnostics:#?}"
        );
    }
    assert_eq!(
        at(&diagnostics, "agreements/bukan-utf8-\u{fffd}.md"),
        vec![("invalid-id".to_string(), 1, 1)],
        "{diagnostics:#?}"
    );
    assert!(at(&diagnostics, "agreements/valid.md").is_empty());
    assert!(!everything.contains(SECRET), "the environment leaked");

    let output = pakta_with_limit(&repo, &["build", "--today", TODAY, "--out", "public"]);
    assert_eq!(output.status.code(), Some(1), "{}", common::stderr(&output));
    assert!(!repo.path("public").exists(), "nothing may be published");
    let human = common::stderr(&output);
    assert!(human.contains("agreements/zero.md"), "{human}");
    assert!(!human.contains(SECRET), "the environment leaked");
}

#[test]
fn settings_and_the_agreements_folder_must_not_be_links() {
    let repo = Repo::minimal();
    repo.remove("pakta.toml");
    symlink("/dev/zero", repo.path("pakta.toml")).unwrap();
    let (status, diagnostics, _) = check_json(&repo);
    assert_eq!(status, 1);
    assert_eq!(at(&diagnostics, "pakta.toml"), not_a_file());

    let elsewhere = Repo::minimal();
    elsewhere.write("agreements/a.md", VALID_AGREEMENT);
    let repo = Repo::empty();
    repo.write("pakta.toml", common::CONFIG);
    symlink(elsewhere.path("agreements"), repo.path("agreements")).unwrap();
    let (status, diagnostics, _) = check_json(&repo);
    assert_eq!(status, 1);
    assert_eq!(at(&diagnostics, "agreements"), not_a_file());
    assert_eq!(diagnostics.len(), 1, "{diagnostics:#?}");
}

#[test]
fn unreadable_files_and_folders_are_each_reported() {
    let repo = Repo::minimal();
    repo.write("agreements/a.md", VALID_AGREEMENT);
    repo.write(
        "agreements/b.md",
        VALID_AGREEMENT.replacen("01/PR", "02/PR", 1),
    );
    repo.write(
        "agreements/tertutup/c.md",
        VALID_AGREEMENT.replacen("01/PR", "03/PR", 1),
    );
    let lock = |rel: &str| {
        std::fs::set_permissions(repo.path(rel), std::fs::Permissions::from_mode(0o000)).unwrap()
    };
    lock("agreements/a.md");
    lock("agreements/b.md");
    lock("agreements/tertutup");
    let command = if reads_despite_permissions(&repo.path("agreements/a.md")) {
        // Permissions do not stop this process (root): run pakta as an
        // ordinary user, who needs to get into the temporary folder.
        std::fs::set_permissions(&repo.root, std::fs::Permissions::from_mode(0o755)).unwrap();
        pakta_as_nobody()
    } else {
        Some(Command::new(env!("CARGO_BIN_EXE_pakta")))
    };
    let outcome = command.map(|command| check_json_with(command, &repo));
    std::fs::set_permissions(
        repo.path("agreements/tertutup"),
        std::fs::Permissions::from_mode(0o755),
    )
    .unwrap();
    let Some((status, diagnostics, _)) = outcome else {
        eprintln!("note: no unreadable file can be made here (privileged, and no setpriv)");
        return;
    };
    assert_eq!(status, 1, "{diagnostics:#?}");
    let unreadable = vec![("unreadable-file".to_string(), 1, 1)];
    assert_eq!(at(&diagnostics, "agreements/a.md"), unreadable);
    assert_eq!(at(&diagnostics, "agreements/b.md"), unreadable);
    assert_eq!(at(&diagnostics, "agreements/tertutup"), unreadable);
}

#[test]
fn documents_are_regular_files_under_files() {
    let outside = Repo::empty();
    outside.write("secret.pdf", "%PDF-1.4");
    let repo = Repo::minimal();
    repo.write("files/ok.pdf", "%PDF-1.4");
    repo.write("files/.hidden/x.pdf", "%PDF-1.4");
    mkfifo(&repo.path("files/pipe.pdf"));
    symlink(outside.path("secret.pdf"), repo.path("files/out.pdf")).unwrap();
    symlink(repo.path("pakta.toml"), repo.path("files/settings.pdf")).unwrap();
    symlink(
        repo.path("files/.hidden/x.pdf"),
        repo.path("files/peek.pdf"),
    )
    .unwrap();
    symlink(repo.path("files/loop.pdf"), repo.path("files/loop.pdf")).unwrap();
    symlink(repo.path("files/ok.pdf"), repo.path("files/alias.pdf")).unwrap();
    let files = [
        ("files/pipe.pdf", "not-a-file"),
        ("files/loop.pdf", "not-a-file"),
        ("files/out.pdf", "document-path"),
        ("files/settings.pdf", "document-path"),
        ("files/peek.pdf", "document-path"),
    ];
    let closing = VALID_AGREEMENT
        .rfind("+++\n\nKerja")
        .expect("the fixture's closing line");
    let mut content = VALID_AGREEMENT[..closing].to_string();
    for (file, _) in files.iter().chain([&("files/alias.pdf", "")]) {
        content.push_str(&format!(
            "\n[[documents]]\ntitle = \"Naskah\"\nfile = \"{file}\"\n"
        ));
    }
    content.push_str("+++\n\nKerja sama.\n");
    repo.write("agreements/a.md", &content);

    let (status, diagnostics, _) = check_json(&repo);
    assert_eq!(status, 1, "{diagnostics:#?}");
    for (file, code) in files {
        let (line, column) = common::position(&content, &format!("\"{file}\""));
        let found: Vec<&Value> = diagnostics
            .iter()
            .filter(|d| d["line"] == line && d["file"] == "agreements/a.md")
            .collect();
        assert_eq!(found.len(), 1, "{file}: {diagnostics:#?}");
        assert_eq!(found[0]["code"], code, "{file}: {}", found[0]);
        assert_eq!(found[0]["column"], column, "{file}: {}", found[0]);
    }
    assert_eq!(diagnostics.len(), files.len(), "{diagnostics:#?}");

    let output = pakta_with_limit(&repo, &["build", "--today", TODAY, "--out", "public"]);
    assert_eq!(output.status.code(), Some(1));
    assert!(!repo.path("public").exists(), "nothing may be published");
}

#[test]
fn a_files_folder_that_is_a_link_publishes_nothing_through_it() {
    let outside = Repo::empty();
    outside.write("secret.pdf", "%PDF-1.4");
    let repo = Repo::minimal();
    symlink(&outside.root, repo.path("files")).unwrap();
    let closing = VALID_AGREEMENT
        .rfind("+++\n\nKerja")
        .expect("the fixture's closing line");
    let content = format!(
        "{}\n[[documents]]\ntitle = \"Naskah\"\nfile = \"files/secret.pdf\"\n{}",
        &VALID_AGREEMENT[..closing],
        &VALID_AGREEMENT[closing..]
    );
    repo.write("agreements/a.md", &content);
    let (status, diagnostics, _) = check_json(&repo);
    assert_eq!(status, 1);
    let (line, column) = common::position(&content, "\"files/secret.pdf\"");
    assert_eq!(
        at(&diagnostics, "agreements/a.md"),
        vec![("document-path".to_string(), line, column)],
        "{diagnostics:#?}"
    );
}

#[test]
fn codeowners_refuses_an_injected_reviewer() {
    let repo = Repo::minimal();
    let text = unit(
        "KPU RI",
        "national",
        &["@kpu-ri/kerja-sama", "@org/team\\n* @attacker"],
    );
    repo.write("agreements/_unit.toml", &text);
    let (status, diagnostics, _) = check_json(&repo);
    assert_eq!(status, 1);
    let (line, column) = common::position(&text, "\"@org/team");
    assert_eq!(
        at(&diagnostics, "agreements/_unit.toml"),
        vec![("invalid-reviewer".to_string(), line, column)],
        "{diagnostics:#?}"
    );

    let output = pakta_with_limit(&repo, &["codeowners"]);
    assert_eq!(output.status.code(), Some(1), "{}", common::stderr(&output));
    assert!(common::stderr(&output).contains("invalid-reviewer"));
    assert!(
        !repo.path(".github/CODEOWNERS").exists(),
        "no CODEOWNERS is written from invalid reviewers"
    );
}
