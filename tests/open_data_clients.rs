//! The site's open data read by the clients people use on it, on a site
//! built from the sample repository: `frictionless validate` on the Data
//! Package, `openpyxl` on the workbook (one row per public agreement on
//! the first sheet), `rdflib` on the DCAT catalog (datasets with download
//! addresses) and `jsonschema` on the bulk document against
//! `data/schema.json` (`tests/open_data/clients.py`).
//!
//! The clients live in a Python virtual environment that `scripts/test`
//! makes from `tests/open_data/requirements.txt` and names in
//! `PAKTA_OPEN_DATA_PYTHON`. Without it the test is skipped with a note,
//! except under CI=true or PAKTA_REQUIRE_OPEN_DATA=1, where it fails.

mod common;

use std::path::{Path, PathBuf};
use std::process::Command;

use common::Repo;

/// The virtual environment's Python, if it has the clients.
fn python() -> Option<PathBuf> {
    let manifest = Path::new(env!("CARGO_MANIFEST_DIR"));
    let python = std::env::var_os("PAKTA_OPEN_DATA_PYTHON")
        .map(PathBuf::from)
        .unwrap_or_else(|| manifest.join("target/open-data-venv/bin/python"));
    let ready = Command::new(&python)
        .args(["-c", "import frictionless, openpyxl, rdflib, jsonschema"])
        .output()
        .is_ok_and(|o| o.status.success());
    ready.then_some(python)
}

#[test]
fn portals_spreadsheets_and_validators_accept_the_open_data() {
    let Some(python) = python() else {
        common::missing_tool(
            "PAKTA_REQUIRE_OPEN_DATA",
            "the open-data clients (Python with frictionless, openpyxl, rdflib, jsonschema)",
            "run scripts/test, which makes target/open-data-venv from \
             tests/open_data/requirements.txt, or set PAKTA_OPEN_DATA_PYTHON",
        );
        return;
    };
    let repo = Repo::sample();
    let out = repo.path("public");
    let built = repo.pakta(&[
        "build",
        "--today",
        "2026-11-01",
        "--out",
        out.to_str().expect("temporary paths are UTF-8"),
    ]);
    assert!(built.status.success(), "{}", common::stderr(&built));
    let document: serde_json::Value =
        serde_json::from_str(&common::gunzip(&out.join("data/agreements.json.gz")))
            .expect("the bulk document is JSON");
    let public = document["agreements"].as_array().expect("agreements").len();
    assert!(public >= 10, "{public}");

    let script = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/open_data/clients.py");
    let run = Command::new(&python)
        .arg(&script)
        .arg(&out)
        .arg(public.to_string())
        .env_remove("OPEN_DATA_CHECKS")
        .output()
        .expect("python runs");
    assert!(
        run.status.success(),
        "the clients refused the open data:\n{}{}",
        common::stdout(&run),
        common::stderr(&run)
    );
}
