//! The crate graph is the pipeline: a stage may use earlier stages only.
//! Cargo already refuses cycles; this keeps the order itself from drifting.

use std::path::Path;

/// The stages in pipeline order; `pakta-search` and `pakta-report` come
/// before the site that publishes them, `pakta-serve` and `pakta-diff` are peers at the end.
const STAGES: &[&str] = &[
    "pakta-content",
    "pakta-load",
    "pakta-check",
    "pakta-model",
    "pakta-search",
    "pakta-report",
    "pakta-site",
    "pakta-serve",
    "pakta-diff",
];

/// Crates that only tests use: a stage may take them as a dev-dependency,
/// never as a dependency (the check below refuses any crate not in STAGES).
const TEST_SUPPORT: &[&str] = &["pakta-testkit"];

fn manifest(path: &Path) -> toml::Table {
    let text = std::fs::read_to_string(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    toml::from_str(&text).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

fn pakta_dependencies(manifest: &toml::Table) -> Vec<String> {
    manifest
        .get("dependencies")
        .and_then(toml::Value::as_table)
        .map(|deps| {
            deps.keys()
                .filter(|name| name.starts_with("pakta-"))
                .cloned()
                .collect()
        })
        .unwrap_or_default()
}

#[test]
fn stages_depend_only_on_earlier_stages() {
    let crates = Path::new(env!("CARGO_MANIFEST_DIR")).join("crates");
    let mut found: Vec<String> = std::fs::read_dir(&crates)
        .unwrap()
        .map(|entry| entry.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    found.sort();
    let mut expected: Vec<String> = STAGES
        .iter()
        .chain(TEST_SUPPORT)
        .map(|s| s.to_string())
        .collect();
    expected.sort();
    assert_eq!(
        found, expected,
        "every crate under crates/ has a place in STAGES or TEST_SUPPORT"
    );

    let mut wrong = Vec::new();
    for (position, stage) in STAGES.iter().enumerate() {
        let manifest = manifest(&crates.join(stage).join("Cargo.toml"));
        for dependency in pakta_dependencies(&manifest) {
            let earlier = STAGES[..position].contains(&dependency.as_str());
            // serve and diff are peers: neither may use the other.
            let peers = ["pakta-serve", "pakta-diff"];
            let peer = peers.contains(stage) && peers.contains(&dependency.as_str());
            if !earlier || peer {
                wrong.push(format!("{stage} -> {dependency}"));
            }
        }
    }
    assert!(wrong.is_empty(), "dependencies on later stages: {wrong:?}");
}

#[test]
fn every_crate_uses_the_workspace_lints() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut manifests = vec![root.join("Cargo.toml")];
    manifests.extend(
        STAGES
            .iter()
            .chain(TEST_SUPPORT)
            .map(|s| root.join("crates").join(s).join("Cargo.toml")),
    );
    for path in manifests {
        let manifest = manifest(&path);
        let uses_workspace = manifest
            .get("lints")
            .and_then(|lints| lints.get("workspace"))
            .and_then(toml::Value::as_bool);
        assert_eq!(uses_workspace, Some(true), "{}", path.display());
    }
    let root_manifest = manifest(&root.join("Cargo.toml"));
    let rust_lints = &root_manifest["workspace"]["lints"]["rust"];
    // Warnings, so that a newer compiler's lint cannot break a user's
    // `cargo install`; CI turns every warning into an error.
    assert_eq!(rust_lints["unreachable_pub"].as_str(), Some("warn"));
    assert_eq!(rust_lints["missing_docs"].as_str(), Some("warn"));
    let script = std::fs::read_to_string(root.join("scripts/test")).expect("scripts/test");
    assert!(script.contains("cargo clippy --all-targets --quiet -- -D warnings"));
    let tests = std::fs::read_to_string(root.join(".github/workflows/tests.yml"))
        .expect("the tests workflow");
    assert!(tests.contains("RUSTFLAGS: -D warnings"));
}

/// The backticked spans of a Markdown table cell.
fn code_spans(cell: &str) -> Vec<&str> {
    cell.split('`').skip(1).step_by(2).collect()
}

fn rust_sources(dir: &Path, out: &mut Vec<(std::path::PathBuf, String)>) {
    for entry in std::fs::read_dir(dir).expect("a source folder").flatten() {
        let path = entry.path();
        if path.is_dir() {
            rust_sources(&path, out);
        } else if path.extension().is_some_and(|e| e == "rs") {
            let text = std::fs::read_to_string(&path).expect("a source file");
            out.push((path, text));
        }
    }
}

/// Whether the crate's sources declare `name` as public: an item, a
/// module or a re-export.
fn declares_public(sources: &[(std::path::PathBuf, String)], name: &str) -> bool {
    let item = [
        "mod", "fn", "struct", "enum", "trait", "const", "static", "type",
    ]
    .map(|kind| format!("pub {kind} {name}"));
    sources.iter().any(|(_, text)| {
        text.lines().map(str::trim_start).any(|line| {
            item.iter().any(|decl| {
                line.strip_prefix(decl.as_str()).is_some_and(|rest| {
                    !rest.starts_with(|c: char| c.is_alphanumeric() || c == '_')
                })
            }) || (line.starts_with("pub use ")
                && line
                    .split(|c: char| !(c.is_alphanumeric() || c == '_'))
                    .any(|word| word == name))
        })
    })
}

/// ARCHITECTURE.md's table of crates stays true: every crate it names
/// exists, every file it names is in that crate, and every export it
/// lists is public there.
#[test]
fn architecture_names_only_what_exists() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let text = std::fs::read_to_string(root.join("ARCHITECTURE.md")).expect("ARCHITECTURE.md");
    let mut problems = Vec::new();
    let mut rows = 0;
    for line in text.lines().filter(|l| l.starts_with("| `crates/")) {
        let cells: Vec<&str> = line.split(" | ").collect();
        assert_eq!(cells.len(), 3, "a row of crate, owns, exports: {line}");
        let krate = code_spans(cells[0])[0];
        let src = root.join(krate).join("src");
        if !src.is_dir() {
            problems.push(format!("{krate}: no such crate"));
            continue;
        }
        rows += 1;
        let mut sources = Vec::new();
        rust_sources(&src, &mut sources);
        for file in code_spans(cells[1])
            .into_iter()
            .filter(|s| s.ends_with(".rs"))
        {
            let found = root.join(file).is_file()
                || sources
                    .iter()
                    .any(|(path, _)| path.strip_prefix(&src).is_ok_and(|p| p.ends_with(file)));
            if !found {
                problems.push(format!("{krate}: names {file}, which it does not have"));
            }
        }
        let exports = code_spans(cells[2]);
        for export in &exports {
            if !declares_public(&sources, export) {
                problems.push(format!(
                    "{krate}: lists `{export}`, which it does not export"
                ));
            }
        }
        let lib = std::fs::read_to_string(src.join("lib.rs")).expect("lib.rs");
        for module in lib
            .lines()
            .filter_map(|l| l.strip_prefix("pub mod ")?.strip_suffix(';'))
        {
            if !exports.contains(&module) {
                problems.push(format!(
                    "{krate}: exports `{module}`, which the table omits"
                ));
            }
        }
    }
    assert!(rows >= 9, "the table of crates was found");
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}
