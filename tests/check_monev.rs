//! The monitoring records of the content format (activities with their
//! type, output, benefit, participants and evidence; evaluations with their
//! period, method, obstacles and recommendation): each rule with an invalid
//! fixture whose code, line and column are asserted.

mod common;

use common::{Repo, TODAY, position, stdout};
use serde_json::Value;

const FILE: &str = "agreements/2025-mou-uns.md";

const HEAD: &str = r#"+++
title = "Nota Kesepahaman tentang Pendidikan Pemilih"
kind = "mou"

[dates]
signed = 2025-03-10
expires = 2029-03-09

[[partners]]
name = "Universitas Sebelas Maret"
category = "university"
"#;

const ACTIVITY: &str = r#"
[[activities]]
date = 2026-10-01
title = "Sosialisasi pemilih pemula"
type = "sosialisasi"
output = "Sosialisasi di 12 SMA"
benefit = "Pemilih pemula mengecek namanya di daftar pemilih"
participants = 960
evidence = { file = "files/2026-sosialisasi.pdf" }
"#;

const EVALUATION: &str = r#"
[[evaluations]]
date = 2026-06-01
result = "partial"
period = { from = 2025-06-01, to = 2026-05-31 }
method = "rapat-evaluasi"
obstacles = ["anggaran", "jadwal-tahapan"]
obstacle_notes = "Anggaran sosialisasi dipotong."
recommendation = "lanjutkan"
"#;

fn agreement(records: &str) -> String {
    format!("{HEAD}{records}+++\n\nTeks.\n")
}

fn check(content: &str) -> (Repo, i32, Vec<Value>) {
    let repo = Repo::minimal();
    repo.write(FILE, content);
    repo.write("files/2026-sosialisasi.pdf", "%PDF-1.4 daftar hadir");
    let (status, diagnostics) = repo.check_json();
    (repo, status, diagnostics)
}

/// The one diagnostic with `code`, asserted to sit at `needle`.
fn one_at(diagnostics: &[Value], code: &str, content: &str, needle: &str) -> Value {
    let found: Vec<&Value> = diagnostics.iter().filter(|d| d["code"] == code).collect();
    assert_eq!(found.len(), 1, "one {code} expected in {diagnostics:#?}");
    let (line, column) = position(content, needle);
    assert_eq!(found[0]["file"], FILE);
    assert_eq!(
        (found[0]["line"].as_u64(), found[0]["column"].as_u64()),
        (Some(line), Some(column)),
        "{}",
        found[0]
    );
    found[0].clone()
}

fn text(d: &Value) -> &str {
    d["message"].as_str().expect("message is text")
}

#[test]
fn every_new_field_is_accepted_and_published_in_the_data() {
    let content = agreement(&format!("{ACTIVITY}{EVALUATION}"));
    let (repo, status, diagnostics) = check(&content);
    assert_eq!(status, 0, "{diagnostics:#?}");
    assert!(diagnostics.is_empty(), "{diagnostics:#?}");
    let output = repo.pakta(&["data", "--today", TODAY]);
    let data: Value = serde_json::from_slice(&output.stdout).expect("data is JSON");
    let a = &data["agreements"][0];
    let activity = &a["activities"][0];
    assert_eq!(activity["type"], "sosialisasi");
    assert_eq!(activity["output"], "Sosialisasi di 12 SMA");
    assert_eq!(
        activity["benefit"],
        "Pemilih pemula mengecek namanya di daftar pemilih"
    );
    assert_eq!(activity["participants"], 960);
    assert_eq!(activity["evidence"]["file"], "files/2026-sosialisasi.pdf");
    let evaluation = &a["evaluations"][0];
    assert_eq!(evaluation["period"]["from"], "2025-06-01");
    assert_eq!(evaluation["period"]["to"], "2026-05-31");
    assert_eq!(evaluation["method"], "rapat-evaluasi");
    assert_eq!(
        evaluation["obstacles"],
        serde_json::json!(["anggaran", "jadwal-tahapan"])
    );
    assert_eq!(
        evaluation["obstacle_notes"],
        "Anggaran sosialisasi dipotong."
    );
    assert_eq!(evaluation["recommendation"], "lanjutkan");
}

#[test]
fn values_outside_the_new_lists_are_refused_with_the_nearest_value() {
    for (from, to, needle, guess) in [
        (
            "type = \"sosialisasi\"",
            "type = \"sosialisai\"",
            "\"sosialisai\"",
            "sosialisasi",
        ),
        (
            "method = \"rapat-evaluasi\"",
            "method = \"rapat evaluasi\"",
            "\"rapat evaluasi\"",
            "rapat-evaluasi",
        ),
        (
            "recommendation = \"lanjutkan\"",
            "recommendation = \"lanjutan\"",
            "\"lanjutan\"",
            "lanjutkan",
        ),
        (
            "\"jadwal-tahapan\"]",
            "\"jadwal tahapan\"]",
            "\"jadwal tahapan\"",
            "jadwal-tahapan",
        ),
    ] {
        let content = agreement(&format!("{ACTIVITY}{EVALUATION}")).replacen(from, to, 1);
        let (_, status, diagnostics) = check(&content);
        assert_eq!(status, 1, "{to}");
        let d = one_at(&diagnostics, "invalid-value", &content, needle);
        assert!(
            d["message"]
                .as_str()
                // A typo gets the nearest value; a value written with
                // spaces is a word pakta knows, and gets its code.
                .is_some_and(|m| m.contains(&format!("did you mean \"{guess}\""))
                    || m.contains(&format!("write \"{guess}\""))),
            "{d}"
        );
    }
}

#[test]
fn the_old_free_text_obstacles_warn_and_show_the_rewrite() {
    let old = "[[evaluations]]\ndate = 2026-06-01\nresult = \"partial\"\nobstacles = \"Anggaran dipotong.\"\n";
    let content = agreement(&format!("\n{old}"));
    let (repo, status, diagnostics) = check(&content);
    assert_eq!(status, 0, "a warning only: {diagnostics:#?}");
    let d = one_at(
        &diagnostics,
        "obstacles-text",
        &content,
        "\"Anggaran dipotong.\"",
    );
    assert_eq!(d["severity"], "warning");
    assert!(
        text(&d).contains("obstacle_notes = \"Anggaran dipotong.\""),
        "{d}"
    );
    assert!(text(&d).contains("obstacles = [\"lainnya\"]"), "{d}");
    let output = repo.pakta(&["data", "--today", TODAY]);
    let data: Value = serde_json::from_slice(&output.stdout).expect("data is JSON");
    let evaluation = &data["agreements"][0]["evaluations"][0];
    assert_eq!(evaluation["obstacle_notes"], "Anggaran dipotong.");
    assert!(evaluation.get("obstacles").is_none(), "{evaluation}");
}

#[test]
fn malformed_obstacles_are_errors_at_their_place() {
    let empty = agreement(EVALUATION).replacen(
        "obstacles = [\"anggaran\", \"jadwal-tahapan\"]",
        "obstacles = \"  \"",
        1,
    );
    let (_, status, diagnostics) = check(&empty);
    assert_eq!(status, 1);
    one_at(&diagnostics, "empty-value", &empty, "\"  \"");
    let mixed = agreement(EVALUATION).replacen(
        "obstacles = [\"anggaran\", \"jadwal-tahapan\"]",
        "obstacles = [1, \"anggaran\"]",
        1,
    );
    let (_, status, diagnostics) = check(&mixed);
    assert_eq!(status, 1);
    let d = one_at(&diagnostics, "wrong-type", &mixed, "1, \"anggaran\"");
    assert!(text(&d).contains("every item of `obstacles`"), "{d}");
}

#[test]
fn an_obstacle_listed_twice_is_refused() {
    let content = agreement(EVALUATION).replacen(
        "[\"anggaran\", \"jadwal-tahapan\"]",
        "[\"anggaran\", \"anggaran\"]",
        1,
    );
    let (_, status, diagnostics) = check(&content);
    assert_eq!(status, 1);
    // The second of the two is the one reported.
    one_at(&diagnostics, "duplicate-value", &content, "\"anggaran\"]");
}

#[test]
fn participants_are_a_whole_number_from_zero() {
    let negative = agreement(ACTIVITY).replacen("participants = 960", "participants = -5", 1);
    let (_, status, diagnostics) = check(&negative);
    assert_eq!(status, 1);
    one_at(&diagnostics, "invalid-value", &negative, "-5");
    let words =
        agreement(ACTIVITY).replacen("participants = 960", "participants = \"960 orang\"", 1);
    let (_, _, diagnostics) = check(&words);
    let d = one_at(&diagnostics, "wrong-type", &words, "\"960 orang\"");
    assert!(text(&d).contains("a whole number"), "{d}");
}

#[test]
fn indonesian_key_names_are_suggested() {
    let content = agreement(ACTIVITY).replacen("participants = 960", "peserta = 960", 1);
    let (_, status, diagnostics) = check(&content);
    assert_eq!(status, 1);
    let d = one_at(&diagnostics, "unknown-field", &content, "peserta");
    assert!(text(&d).contains("rename the key: participants = …"), "{d}");
}

#[test]
fn an_evaluated_period_must_run_forwards_and_lie_behind_the_evaluation() {
    let backwards = agreement(EVALUATION).replacen(
        "{ from = 2025-06-01, to = 2026-05-31 }",
        "{ from = 2026-05-31, to = 2025-06-01 }",
        1,
    );
    let (_, status, diagnostics) = check(&backwards);
    assert_eq!(status, 1);
    one_at(&diagnostics, "period-order", &backwards, "2025-06-01 }");

    let ahead = agreement(EVALUATION).replacen("to = 2026-05-31", "to = 2026-12-31", 1);
    let (_, status, diagnostics) = check(&ahead);
    assert_eq!(status, 0, "{diagnostics:#?}");
    let d = one_at(
        &diagnostics,
        "period-after-evaluation",
        &ahead,
        "2026-12-31",
    );
    assert_eq!(d["severity"], "warning");

    let incomplete = agreement(EVALUATION).replacen(", to = 2026-05-31", "", 1);
    let (_, status, diagnostics) = check(&incomplete);
    assert_eq!(status, 1);
    let d = one_at(&diagnostics, "missing-field", &incomplete, "{ from");
    assert!(text(&d).contains("`to`"), "{d}");
}

#[test]
fn evidence_is_checked_like_a_document() {
    let cases = [
        (
            "evidence = { file = \"files/2026-sosialisasi.pdf\" }",
            "evidence = { file = \"files/2026-sosialisasi.pdf\", url = \"https://kpu.go.id\" }",
            "document-source",
            "{ file",
        ),
        (
            "files/2026-sosialisasi.pdf",
            "files/2026-hilang.pdf",
            "missing-file",
            "\"files/2026-hilang.pdf\"",
        ),
        (
            "files/2026-sosialisasi.pdf",
            "../rahasia.pdf",
            "document-path",
            "\"../rahasia.pdf\"",
        ),
        (
            "evidence = { file = \"files/2026-sosialisasi.pdf\" }",
            "evidence = { url = \"javascript:alert(1)\" }",
            "invalid-url",
            "\"javascript:alert(1)\"",
        ),
    ];
    for (from, to, code, needle) in cases {
        let content = agreement(ACTIVITY).replacen(from, to, 1);
        let (_, status, diagnostics) = check(&content);
        assert_eq!(status, 1, "{to}");
        let d = one_at(&diagnostics, code, &content, needle);
        if code == "document-source" {
            assert!(
                text(&d).contains("evidence of the activity \"Sosialisasi pemilih pemula\""),
                "{d}"
            );
        }
    }
    let wrong_sum = agreement(ACTIVITY).replacen(
        "evidence = { file = \"files/2026-sosialisasi.pdf\" }",
        &format!(
            "evidence = {{ file = \"files/2026-sosialisasi.pdf\", sha256 = \"{}\" }}",
            "0".repeat(64)
        ),
        1,
    );
    let (_, status, diagnostics) = check(&wrong_sum);
    assert_eq!(status, 1);
    one_at(&diagnostics, "checksum-mismatch", &wrong_sum, "\"0000");
}

#[test]
fn the_sample_repository_uses_the_new_records_and_stays_clean() {
    let repo = Repo::sample();
    let (status, diagnostics) = repo.check_json();
    assert_eq!(status, 0, "{diagnostics:#?}");
    assert!(diagnostics.is_empty(), "{diagnostics:#?}");
    let output = repo.pakta(&["data", "--today", TODAY]);
    let data: Value = serde_json::from_str(&stdout(&output)).expect("data is JSON");
    let agreements = data["agreements"].as_array().expect("a list");
    let with = |test: &dyn Fn(&Value) -> bool| agreements.iter().filter(|a| test(a)).count();
    let typed_activities = with(&|a| {
        a["activities"]
            .as_array()
            .is_some_and(|xs| xs.iter().any(|x| x.get("type").is_some()))
    });
    let rich_evaluations = with(&|a| {
        a["evaluations"]
            .as_array()
            .is_some_and(|xs| xs.iter().any(|x| x.get("method").is_some()))
    });
    assert!(
        typed_activities * 3 >= agreements.len(),
        "{typed_activities} of {} agreements have typed activities",
        agreements.len()
    );
    assert!(rich_evaluations >= 10, "{rich_evaluations}");
}

#[test]
fn a_record_dated_after_today_is_a_warning_and_today_itself_is_not() {
    let content = agreement(&format!("{ACTIVITY}{EVALUATION}"))
        .replacen("date = 2026-10-01", "date = 2026-11-23", 1)
        .replacen("date = 2026-06-01", &format!("date = {TODAY}"), 1);
    let (_, status, diagnostics) = check(&content);
    assert_eq!(status, 0, "{diagnostics:#?}");
    let d = one_at(&diagnostics, "date-after-today", &content, "2026-11-23");
    assert_eq!(d["severity"], "warning");
    assert!(
        text(&d).starts_with("this activity is dated 2026-11-23, after today (2026-11-22) ("),
        "{d}"
    );
    assert!(text(&d).contains("check the date and its year"), "{d}");

    let signed_ahead = agreement("").replacen("signed = 2025-03-10", "signed = 2026-12-01", 1);
    let (_, status, diagnostics) = check(&signed_ahead);
    assert_eq!(status, 0, "{diagnostics:#?}");
    let d = one_at(
        &diagnostics,
        "date-after-today",
        &signed_ahead,
        "2026-12-01",
    );
    assert!(
        text(&d).starts_with("`signed` (2026-12-01) is after today (2026-11-22) ("),
        "{d}"
    );
    // The term may lie ahead: only what has happened is dated in the past.
    assert_eq!(diagnostics.len(), 1, "{diagnostics:#?}");
}
