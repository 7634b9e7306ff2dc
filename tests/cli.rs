//! `pakta check` and `pakta data` end to end: the sample repository, a
//! broken copy of it, output formats and exit statuses.

mod common;

use common::{Repo, TODAY, position, stderr, stdout};
use serde_json::Value;

#[test]
fn the_sample_repository_passes_with_a_summary() {
    let repo = Repo::sample();
    let output = repo.pakta(&["check", "--today", TODAY]);
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
    let text = stdout(&output);
    assert!(
        text.contains("Checked 39 agreements and 8 units as of 2026-11-22 (1 not public)."),
        "{text}"
    );
    assert!(
        text.contains(
            "21 Active (1 not public); 6 Expiring; 2 Expired; 2 Renewed; 1 Terminated; 1 Cancelled"
        ),
        "{text}"
    );
    // The site shows 20 in force: the summary says why its count differs.
    assert!(
        text.contains(
            "These counts include agreements that are not public: 1 agreement (0 of the findings); the site counts public agreements only."
        ),
        "{text}"
    );
    assert!(
        text.contains(
            "Findings: 3 Needs a PKS; 2 No activity (in 6 months); 3 Not evaluated (in 12 months)."
        ),
        "{text}"
    );
    assert!(text.contains("No errors, 0 warnings."), "{text}");
}

#[test]
fn a_broken_copy_lists_every_problem_at_its_line() {
    let repo = Repo::sample();
    let breakages = [
        (
            "agreements/2024-mou-antara.md",
            "kind = \"mou\"",
            "kind = \"nota\"",
        ),
        (
            "agreements/jawa-tengah/2024-pks-undip.md",
            "title =",
            "judul =",
        ),
        (
            "agreements/jawa-timur/ponorogo/2024-pks-umpo.md",
            "parent = \"",
            "parent = \"x/",
        ),
        (
            "agreements/jawa-barat/_unit.toml",
            "level = \"province\"",
            "level = \"provinsi\"",
        ),
    ];
    let mut expected = Vec::new();
    for (file, from, to) in breakages {
        let original = repo.read(file);
        assert!(original.contains(from), "{file} has {from}");
        let broken = original.replacen(from, to, 1);
        let (line, _) = position(&broken, to);
        repo.write(file, &broken);
        expected.push((file.to_string(), line));
    }
    let (status, diagnostics) = repo.check_json();
    assert_eq!(status, 1);
    let errors: Vec<(String, u64)> = diagnostics
        .iter()
        .filter(|d| d["severity"] == "error")
        .map(|d| {
            (
                d["file"].as_str().unwrap().to_string(),
                d["line"].as_u64().unwrap(),
            )
        })
        .collect();
    for problem in &expected {
        assert!(
            errors.contains(problem),
            "{problem:?} missing from {diagnostics:#?}"
        );
    }
    let codes: Vec<&str> = diagnostics
        .iter()
        .map(|d| d["code"].as_str().unwrap())
        .collect();
    // `judul` is reported with its rename to `title`, which is therefore
    // not reported missing as well.
    for code in ["invalid-value", "unknown-field", "unknown-reference"] {
        assert!(codes.contains(&code), "{code} in {codes:?}");
    }

    let human = repo.pakta(&["check", "--today", TODAY]);
    assert_eq!(human.status.code(), Some(1));
    let text = stderr(&human);
    assert!(
        text.contains(
            "error[unknown-field]: unknown key `judul` in the front matter; keys are written in English"
        ),
        "{text}"
    );
    assert!(
        text.contains("--> agreements/jawa-tengah/2024-pks-undip.md:"),
        "{text}"
    );
    assert!(text.contains("| judul = "), "shows the source line: {text}");
    assert!(text.contains("^^^^^"), "underlines the key: {text}");
    assert!(text.contains("help: rename the key: title = …"), "{text}");
}

#[test]
fn github_format_prints_workflow_commands() {
    let repo = Repo::sample();
    let file = "agreements/2024-mou-antara.md";
    let broken = repo
        .read(file)
        .replacen("kind = \"mou\"", "kind = \"nota\"", 1);
    let (line, column) = position(&broken, "\"nota\"");
    repo.write(file, &broken);
    let output = repo.pakta(&["check", "--format", "github", "--today", TODAY]);
    assert_eq!(output.status.code(), Some(1));
    let expected = format!(
        "::error file={file},line={line},col={column},title=invalid-value::`kind` cannot be \"nota\""
    );
    assert!(stdout(&output).contains(&expected), "{}", stdout(&output));
}

#[test]
fn json_diagnostics_have_exactly_the_documented_fields() {
    let repo = Repo::minimal();
    repo.write("agreements/a.md", "tanpa front matter\n");
    let (status, diagnostics) = repo.check_json();
    assert_eq!(status, 1);
    let keys: Vec<&String> = diagnostics[0].as_object().unwrap().keys().collect();
    assert_eq!(
        keys,
        ["code", "column", "file", "line", "message", "severity"]
    );
    assert_eq!(diagnostics[0]["severity"], "error");
    assert!(diagnostics[0]["line"].is_u64() && diagnostics[0]["column"].is_u64());

    let clean = Repo::minimal();
    let output = clean.pakta(&["check", "--format", "json"]);
    assert_eq!(output.status.code(), Some(0));
    assert_eq!(stdout(&output), "[]\n", "nothing but the array on stdout");
}

#[test]
fn usage_and_io_failures_exit_with_two() {
    let empty = Repo::empty();
    let output = empty.pakta(&["check"]);
    assert_eq!(output.status.code(), Some(2));
    assert!(
        stderr(&output).contains("has no `agreements/` folder"),
        "{}",
        stderr(&output)
    );

    let repo = Repo::minimal();
    let output = repo.pakta(&["check", "--today", "2026-13-01"]);
    assert_eq!(output.status.code(), Some(2));
    let output = repo.pakta(&["check", "--format", "xml"]);
    assert_eq!(output.status.code(), Some(2));
}

#[test]
fn data_prints_the_public_model_sorted_by_id() {
    let repo = Repo::sample();
    let output = repo.pakta(&["data", "--today", TODAY]);
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
    let document: Value = serde_json::from_slice(&output.stdout).expect("JSON");
    assert_eq!(document["generated_on"], TODAY);
    let agreements = document["agreements"].as_array().unwrap();
    assert_eq!(agreements.len(), 38, "the private PKS is left out");
    let ids: Vec<&str> = agreements
        .iter()
        .map(|a| a["id"].as_str().unwrap())
        .collect();
    let mut sorted = ids.clone();
    sorted.sort();
    assert_eq!(ids, sorted);
    assert!(!ids.contains(&"2025-pks-bssn"));

    let find = |id: &str| agreements.iter().find(|a| a["id"] == id).unwrap();
    let uns = find("jawa-tengah/karanganyar/2023-mou-uns");
    for key in [
        "id",
        "title",
        "kind",
        "unit",
        "stage",
        "status",
        "flags",
        "starts",
        "expires",
        "partners",
        "number",
        "scope",
        "topics",
        "summary",
        "parent",
        "renews",
        "amends",
        "public",
        "dates",
        "activities",
        "evaluations",
        "documents",
    ] {
        assert!(uns.get(key).is_some(), "{key} in {uns:#}");
    }
    assert_eq!(uns["unit"], "jawa-tengah/karanganyar");
    assert_eq!(uns["kind"], "mou");
    assert_eq!(uns["stage"], "signed");
    assert_eq!(uns["status"], "expiring");
    assert_eq!(uns["flags"], serde_json::json!(["not-evaluated"]));
    assert_eq!(uns["starts"], "2023-01-30");
    assert_eq!(uns["expires"], "2027-01-29");
    assert_eq!(uns["renews"], "jawa-tengah/karanganyar/2020-mou-uns");
    assert_eq!(uns["partners"][0]["category"], "university");

    // A private PKS still satisfies its MoU, and is not named as its child.
    let bssn = find("2025-mou-bssn");
    assert_eq!(bssn["flags"], serde_json::json!([]));
    assert_eq!(bssn["children"], serde_json::json!([]));
    assert_eq!(find("2022-mou-bssn")["status"], "renewed");
    assert_eq!(find("2026-mou-komdigi")["expires"], Value::Null);

    // Local documents carry their size and checksum.
    let with_file = agreements
        .iter()
        .flat_map(|a| a["documents"].as_array().unwrap())
        .find(|d| d.get("file").is_some())
        .expect("a local document");
    assert!(with_file["size"].as_u64().unwrap() > 0);
    assert_eq!(with_file["sha256"].as_str().unwrap().len(), 64);
}

#[test]
fn data_refuses_an_invalid_repository() {
    let repo = Repo::minimal();
    repo.write("agreements/a.md", "+++\ntitle = 1\n+++\n");
    let output = repo.pakta(&["data"]);
    assert_eq!(output.status.code(), Some(1));
    assert!(output.stdout.is_empty());
    assert!(stderr(&output).contains("error[wrong-type]"));
}

#[test]
fn output_does_not_depend_on_the_run() {
    let repo = Repo::sample();
    let first = repo.pakta(&["data", "--today", TODAY]);
    let second = repo.pakta(&["data", "--today", TODAY]);
    assert_eq!(first.stdout, second.stdout);
}
