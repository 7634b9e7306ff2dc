//! SECURITY.md names the test behind every guarantee; a guarantee whose
//! test was renamed or removed would silently stop being one.

use std::path::Path;

/// Every `path.rs::…::name` written in backticks, as (file, test name).
fn named_tests(text: &str) -> Vec<(String, String)> {
    text.split('`')
        .skip(1)
        .step_by(2)
        .filter_map(|quoted| {
            let (file, rest) = quoted.split_once(".rs::")?;
            let name = rest.rsplit("::").next()?;
            Some((format!("{file}.rs"), name.to_string()))
        })
        .collect()
}

#[test]
fn every_guarantee_names_a_test_that_exists() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let text = std::fs::read_to_string(root.join("SECURITY.md")).unwrap();
    let named = named_tests(&text);
    assert!(named.len() > 40, "only {} tests named", named.len());
    let mut missing = Vec::new();
    for (file, name) in &named {
        let source = std::fs::read_to_string(root.join(file)).unwrap_or_default();
        if !source.contains(&format!("fn {name}(")) {
            missing.push(format!("{file}::{name}"));
        }
    }
    assert!(
        missing.is_empty(),
        "SECURITY.md names tests that do not exist: {missing:?}"
    );
}

#[test]
fn whole_test_files_named_as_guarantees_exist() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let text = std::fs::read_to_string(root.join("SECURITY.md")).unwrap();
    for quoted in text.split('`').skip(1).step_by(2) {
        if quoted.starts_with("tests/") && quoted.ends_with(".rs") {
            assert!(root.join(quoted).is_file(), "{quoted} is named but missing");
        }
    }
}
