//! Runs the Node browser checks under tests/browser/: accessibility over a
//! site built from the sample repository, search end to end over a site
//! built from tests/fixtures/search, and the editing forms (`[cms]`)
//! against Decap's local backend. Without Node, Chromium or the npm
//! packages the test is skipped with a note, except under CI=true or
//! PAKTA_REQUIRE_BROWSER=1, where it fails. Chromium is `CHROME_PATH` or
//! found on `PATH`, and handed to the Node tests as `CHROME_PATH`.

mod common;

use std::path::Path;
use std::process::Command;

#[test]
fn browser_checks_pass_on_the_sample_site() {
    let manifest = Path::new(env!("CARGO_MANIFEST_DIR"));
    let browser_dir = manifest.join("tests/browser");
    let node = Command::new("node").arg("--version").output().is_ok();
    let chromium = common::find_chromium();
    // Every package the tests import, so a stale install counts as missing.
    let packages = [
        "playwright-core",
        "axe-core",
        "decap-cms",
        "decap-server",
        "smol-toml",
    ]
    .iter()
    .all(|package| browser_dir.join("node_modules").join(package).is_dir());
    let (true, Some(chromium), true) = (node, &chromium, packages) else {
        let found = |present: bool| if present { "found" } else { "missing" };
        common::missing_tool(
            "PAKTA_REQUIRE_BROWSER",
            &format!(
                "the browser checks' tools (Node {}, Chromium as CHROME_PATH or \
                 chromium, chromium-browser or google-chrome on PATH {}, \
                 npm packages in tests/browser {})",
                found(node),
                found(chromium.is_some()),
                found(packages)
            ),
            "install them with `apt-get install chromium nodejs npm` (Debian, Ubuntu) \
             or `brew install --cask chromium` and `brew install node` (macOS), then \
             `npm ci` in tests/browser (scripts/test does what it can of this)",
        );
        return;
    };
    let out = std::env::temp_dir().join(format!("pakta-browser-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&out);
    let built = Command::new(env!("CARGO_BIN_EXE_pakta"))
        .args([
            "build",
            "--today",
            "2026-11-22",
            "--base-url",
            "http://127.0.0.1/",
        ])
        .arg("--root")
        .arg(manifest)
        .arg("--out")
        .arg(&out)
        .output()
        .expect("pakta runs");
    assert!(
        built.status.success(),
        "{}",
        String::from_utf8_lossy(&built.stderr)
    );
    let run = Command::new("node")
        .args(["--test", "tests/browser/"])
        .current_dir(manifest)
        .env("PAKTA_SITE_DIR", &out)
        .env("CHROME_PATH", chromium)
        .env("PAKTA_BIN", env!("CARGO_BIN_EXE_pakta"))
        .output()
        .expect("node runs");
    let _ = std::fs::remove_dir_all(&out);
    assert!(
        run.status.success(),
        "{}{}",
        String::from_utf8_lossy(&run.stdout),
        String::from_utf8_lossy(&run.stderr)
    );
}
