//! Commit messages and author names are written by whoever pushes a
//! commit: their control characters (ESC, BEL, …) must reach neither the
//! terminal through `pakta report` nor the agreement pages' history.

mod common;

use std::process::Command;

use common::{Repo, TODAY, VALID_AGREEMENT};

const HOSTILE_SUBJECT: &str = "Perpanjang\u{1b}]0;pwned\u{7}\u{1b}[2J MoU\u{9b}31m";
const HOSTILE_AUTHOR: &str = "Ani\u{1b}[31m Editor\u{7}";

/// A repository whose one commit has control characters in its subject
/// and its author's name, committed on 15 March 2026.
fn repo_with_hostile_commit() -> Repo {
    let repo = Repo::minimal();
    repo.write("agreements/2025-mou-uns.md", VALID_AGREEMENT);
    repo.git(&["init", "-q", "-b", "main"]);
    repo.git(&["add", "-A"]);
    let stamp = "2026-03-15T10:00:00+07:00";
    let status = Command::new("git")
        .arg("-C")
        .arg(&repo.root)
        .args(["commit", "-q", "-m", HOSTILE_SUBJECT])
        .env("GIT_AUTHOR_NAME", HOSTILE_AUTHOR)
        .env("GIT_AUTHOR_EMAIL", "ani@example.org")
        .env("GIT_COMMITTER_NAME", "Editor")
        .env("GIT_COMMITTER_EMAIL", "editor@example.org")
        .env("GIT_AUTHOR_DATE", stamp)
        .env("GIT_COMMITTER_DATE", stamp)
        .env("GIT_CONFIG_NOSYSTEM", "1")
        .env("GIT_CONFIG_GLOBAL", "/dev/null")
        .status()
        .expect("git runs");
    assert!(status.success());
    let logged = repo.git(&["log", "-1", "--format=%an%x1f%s"]);
    assert!(
        logged.contains('\u{1b}') && logged.contains('\u{7}'),
        "git kept the control characters: {logged:?}"
    );
    repo
}

fn control_characters(text: &str) -> Vec<char> {
    text.chars()
        .filter(|&c| c.is_control() && c != '\n' && c != '\r' && c != '\t')
        .collect()
}

#[test]
fn control_characters_of_commits_never_reach_the_terminal_or_the_site() {
    let repo = repo_with_hostile_commit();
    for format in ["md", "csv", "json", "html"] {
        let output = repo.pakta(&[
            "report", "--unit", ".", "--month", "2026-03", "--format", format,
        ]);
        assert!(output.status.success(), "{format}: {output:?}");
        let printed = String::from_utf8_lossy(&output.stdout);
        // The CSV has the unit's figures only, no changes.
        if format != "csv" {
            assert!(printed.contains("Perpanjang"), "{format}: {printed}");
        }
        assert_eq!(control_characters(&printed), [], "{format}: {printed:?}");
        for escaped in ["\\u001b", "\\u0007", "&#27;", "&#x1b;"] {
            assert!(!printed.contains(escaped), "{format}: {printed}");
        }
        assert_eq!(
            control_characters(&String::from_utf8_lossy(&output.stderr)),
            []
        );
    }

    let out = repo.path("site");
    let output = repo.pakta(&["build", "--out", out.to_str().unwrap(), "--today", TODAY]);
    assert!(output.status.success(), "{output:?}");
    let page = std::fs::read_to_string(out.join("2025-mou-uns/index.html")).unwrap();
    assert!(page.contains("Perpanjang"), "{page}");
    assert!(page.contains("Editor"), "{page}");
    assert_eq!(control_characters(&page), []);
    assert!(!page.contains("&#27;") && !page.contains("&#x1b;"));
}

#[test]
fn a_commit_message_cannot_forge_another_commit_in_the_history() {
    let repo = Repo::minimal();
    repo.write("agreements/2025-mou-uns.md", VALID_AGREEMENT);
    repo.git(&["init", "-q", "-b", "main"]);
    let forged = "Tambah MoU\u{1e}0000000000000000000000000000000000000000\u{1f}2001-01-01\u{1f}Mallory\u{1f}Disetujui pimpinan";
    let real = repo.commit(forged);
    let out = repo.path("site");
    let output = repo.pakta(&["build", "--out", out.to_str().unwrap(), "--today", TODAY]);
    assert!(output.status.success(), "{output:?}");
    let page = std::fs::read_to_string(out.join("2025-mou-uns/index.html")).unwrap();
    assert!(page.contains(&real[..7]), "{page}");
    // The message is shown as the text it is, in the one real revision.
    assert!(page.contains("<td>Editor</td>"), "{page}");
    assert!(!page.contains("<code>0000000000</code>"), "{page}");
    assert!(!page.contains("<td>Mallory</td>"), "{page}");
    assert!(!page.contains("Januari 2001"), "{page}");
}
