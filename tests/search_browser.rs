//! Runs the end-to-end search tests in headless Chromium
//! (`tests/browser/search.test.mjs`) when node, Chromium and the npm
//! packages are installed. Without them the test is skipped with a note,
//! unless `PAKTA_REQUIRE_BROWSER=1` (as in CI), when it fails.

use std::path::Path;
use std::process::Command;

#[test]
fn search_page_in_headless_chromium() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let browser_dir = root.join("tests/browser");
    let node = Command::new("node").arg("--version").output();
    let missing: Vec<&str> = [
        ("node", node.is_ok_and(|o| o.status.success())),
        ("/usr/bin/chromium", Path::new("/usr/bin/chromium").exists()),
        (
            "tests/browser/node_modules (npm ci in tests/browser)",
            browser_dir.join("node_modules/playwright-core").exists(),
        ),
    ]
    .into_iter()
    .filter(|(_, present)| !present)
    .map(|(name, _)| name)
    .collect();
    if !missing.is_empty() {
        let required = std::env::var("PAKTA_REQUIRE_BROWSER").is_ok_and(|v| v == "1");
        assert!(!required, "browser tests required but missing: {missing:?}");
        eprintln!("note: search browser tests skipped, missing: {missing:?}");
        return;
    }
    let status = Command::new("node")
        .args(["--test", "search.test.mjs"])
        .current_dir(&browser_dir)
        .status()
        .expect("node runs");
    assert!(status.success(), "search browser tests failed");
}
