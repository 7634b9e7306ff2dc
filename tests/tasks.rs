//! `pakta tasks`: every task of a monitoring fixture with its due date,
//! at the month-end edges of the rules it comes from (a PKS due six months
//! after an MoU signed on 31 August, in a leap year and not; an evaluation
//! due on a month's last day; the month's report due on its last day), in
//! JSON and in the Markdown people read, in both languages.

mod common;

use common::{Agreement, SiteTest, Unit, stdout};
use serde_json::Value;

const TODAY: &str = "2026-02-10";

/// A record with nothing missing, so that it gives only the tasks a test
/// is about.
fn complete(agreement: Agreement, signed: &str, expires: &str) -> Agreement {
    static NUMBER: std::sync::atomic::AtomicUsize = std::sync::atomic::AtomicUsize::new(1);
    let number = NUMBER.fetch_add(1, std::sync::atomic::Ordering::SeqCst);
    agreement
        .signed(signed)
        .expires(expires)
        .number(&format!("{number:02}/NK"))
        .document_url("Naskah", "https://example.org/naskah.pdf")
        .table(
            "partners",
            &[
                ("name", "\"Universitas Sebelas Maret\""),
                ("category", "\"university\""),
                ("signatory", "\"Rektor\""),
            ],
        )
}

fn evaluated(agreement: Agreement, date: &str) -> Agreement {
    agreement.table(
        "evaluations",
        &[
            ("date", date),
            ("result", "\"on-track\""),
            ("period", "{ from = 2025-01-01, to = 2025-03-01 }"),
        ],
    )
}

pub(crate) fn site() -> SiteTest {
    SiteTest::new()
        .today(TODAY)
        .unit(Unit::province("jawa-tengah", "KPU Provinsi Jawa Tengah").reviewers(&["@kpu-jateng"]))
        .unit(
            Unit::regency("jawa-tengah/karanganyar", "KPU Kabupaten Karanganyar")
                .reviewers(&["@kpu-kra/kerja-sama", "humas@kpu-karanganyar.go.id"]),
        )
        .unit(Unit::province("jawa-timur", "KPU Provinsi Jawa Timur"))
        // Signed 31 August 2025: its PKS is due on 28 February 2026.
        .agreement(complete(
            Agreement::mou("jawa-tengah/2025-mou-uns"),
            "2025-08-31",
            "2029-08-30",
        ))
        // Signed 31 August 2023: its PKS was due on 29 February 2024, a
        // leap day, and is overdue; evaluated lately, so nothing else.
        .agreement(evaluated(
            complete(
                Agreement::mou("jawa-tengah/2023-mou-undip"),
                "2023-08-31",
                "2027-08-30",
            ),
            "2025-12-01",
        ))
        // Last evaluated on 31 March 2025: still evaluated within 12
        // months on 31 March 2026, flagged from 1 April, so due on the
        // month's last day.
        .agreement(evaluated(
            complete(
                Agreement::other("jawa-tengah/2024-other-bawaslu"),
                "2024-01-15",
                "2028-01-14",
            ),
            "2025-03-31",
        ))
        // Ends on 30 April, within the 90 days of "soon": to be reviewed.
        .agreement(evaluated(
            complete(
                Agreement::pks("jawa-tengah/karanganyar/2024-pks-ending"),
                "2024-05-01",
                "2026-04-30",
            ),
            "2025-12-01",
        ))
        // The same, but a renewal is being prepared: nothing to review.
        .agreement(evaluated(
            complete(
                Agreement::pks("jawa-tengah/karanganyar/2024-pks-renewed"),
                "2024-05-01",
                "2026-04-30",
            ),
            "2025-12-01",
        ))
        .agreement(
            Agreement::pks("jawa-tengah/karanganyar/2026-pks-renewal")
                .renews("jawa-tengah/karanganyar/2024-pks-renewed")
                .planning("2026-01-05")
                .partner("Universitas Sebelas Maret", "university"),
        )
        // An activity this month: Karanganyar reports to the province,
        // the province to the root, by 28 February. Its record lacks a
        // number and a signatory.
        .agreement(
            evaluated(
                Agreement::other("jawa-tengah/karanganyar/2025-other-pemkab")
                    .signed("2025-06-01")
                    .expires("2028-05-31")
                    .partner("Pemerintah Kabupaten Karanganyar", "regional-government")
                    .document_url("Naskah", "https://example.org/pemkab.pdf"),
                "2026-01-20",
            )
            .activity("2026-02-03", "Sosialisasi pemilih pemula"),
        )
        // Not public: no task of it shows anywhere.
        .agreement(
            Agreement::mou("jawa-timur/2025-mou-private")
                .signed("2025-01-31")
                .partner("Mitra Rahasia", "company")
                .expires("2029-01-30")
                .private(),
        )
}

fn tasks_json(site: &SiteTest, args: &[&str]) -> Value {
    let mut all = vec!["tasks", "--today", TODAY, "--format", "json"];
    all.extend_from_slice(args);
    let output = site.repo.pakta(&all);
    assert!(output.status.success(), "{}", common::stderr(&output));
    serde_json::from_str(&stdout(&output)).expect("tasks JSON")
}

/// (unit, kind, due, overdue, agreement or addressee) of every task.
fn listed(json: &Value) -> Vec<(String, String, String, bool, String)> {
    let mut out = Vec::new();
    for unit in json["units"].as_array().expect("units") {
        for task in unit["tasks"].as_array().expect("tasks") {
            let text = |v: &Value| v.as_str().unwrap_or_default().to_string();
            out.push((
                text(&unit["unit"]),
                text(&task["kind"]),
                text(&task["due"]),
                task["overdue"].as_bool().expect("overdue"),
                text(&task["agreement"]) + &text(&task["report_to"]),
            ));
        }
    }
    out
}

fn row(
    unit: &str,
    kind: &str,
    due: &str,
    overdue: bool,
    of: &str,
) -> (String, String, String, bool, String) {
    (unit.into(), kind.into(), due.into(), overdue, of.into())
}

#[test]
fn every_task_of_every_unit_with_its_due_date() {
    let json = tasks_json(&site(), &[]);
    assert_eq!(json["schema_version"], 1);
    assert_eq!(json["today"], TODAY);
    assert_eq!(
        listed(&json),
        vec![
            row(
                "jawa-tengah",
                "pks",
                "2024-02-29",
                true,
                "jawa-tengah/2023-mou-undip"
            ),
            row(
                "jawa-tengah",
                "pks",
                "2026-02-28",
                false,
                "jawa-tengah/2025-mou-uns"
            ),
            row("jawa-tengah", "report", "2026-02-28", false, ""),
            row(
                "jawa-tengah",
                "evaluation",
                "2026-03-31",
                false,
                "jawa-tengah/2024-other-bawaslu"
            ),
            row(
                "jawa-tengah/karanganyar",
                "report",
                "2026-02-28",
                false,
                "jawa-tengah"
            ),
            row(
                "jawa-tengah/karanganyar",
                "review",
                "2026-04-30",
                false,
                "jawa-tengah/karanganyar/2024-pks-ending"
            ),
            row(
                "jawa-tengah/karanganyar",
                "records",
                "",
                false,
                "jawa-tengah/karanganyar/2025-other-pemkab"
            ),
        ]
    );
    // Every unit is listed, with or without tasks: the reminder job closes
    // the issue of a unit with none.
    let units: Vec<&str> = json["units"]
        .as_array()
        .expect("units")
        .iter()
        .map(|u| u["unit"].as_str().expect("path"))
        .collect();
    assert_eq!(
        units,
        ["", "jawa-tengah", "jawa-tengah/karanganyar", "jawa-timur"]
    );
    let karanganyar = &json["units"][2];
    assert_eq!(karanganyar["reviewers"][0], "@kpu-kra/kerja-sama");
    let records = &karanganyar["tasks"][2];
    assert_eq!(
        records["gaps"],
        serde_json::json!(["number", "signatories"])
    );
    assert_eq!(karanganyar["tasks"][0]["month"], "2026-02");
    assert!(!json.to_string().contains("private"));
}

#[test]
fn a_unit_lists_its_own_tasks_and_those_of_the_units_below() {
    let json = tasks_json(&site(), &["--unit", "jawa-tengah/karanganyar"]);
    let units: Vec<&str> = json["units"]
        .as_array()
        .expect("units")
        .iter()
        .map(|u| u["unit"].as_str().expect("path"))
        .collect();
    assert_eq!(units, ["jawa-tengah/karanganyar"]);
    let output = site()
        .repo
        .pakta(&["tasks", "--today", TODAY, "--unit", "jawa-tengah/karangan"]);
    assert_eq!(output.status.code(), Some(2));
    assert!(common::stderr(&output).contains("did you mean: jawa-tengah/karanganyar"));
}

#[test]
fn the_list_reads_as_sentences_in_both_languages() {
    let site = site();
    let english = stdout(&site.repo.pakta(&["tasks", "--today", TODAY]));
    let expected_en = "\
# Tasks as of 10 February 2026

## KPU Provinsi Jawa Tengah (agreements/jawa-tengah)

For: @kpu-jateng

- **29 February 2024, overdue**: sign the Cooperation Agreement (PKS) that carries out the Memorandum of Understanding (MoU) \"Nota Kesepahaman jawa-tengah/2023-mou-undip\" (`jawa-tengah/2023-mou-undip`)
";
    assert!(english.starts_with(expected_en), "{english}");
    assert!(english.contains("- **by 28 February 2026**: send the report on February 2026 to KPU Republik Indonesia\n"), "{english}");
    assert!(english.contains("- **no deadline**: complete the record of \"Perjanjian jawa-tengah/karanganyar/2025-other-pemkab\" (`jawa-tengah/karanganyar/2025-other-pemkab`):\n  - The document number is not recorded.\n  - A partner's signatory is not named.\n"), "{english}");
    assert!(english.contains("For: @kpu-kra/kerja-sama\n"), "{english}");
    assert!(!english.contains("humas@"), "{english}");
    assert!(!english.contains("Jawa Timur"), "{english}");

    let indonesian = stdout(&site.repo.pakta_untranslated(&["tasks", "--today", TODAY]));
    assert!(
        indonesian.starts_with("# Tugas per 10 Februari 2026\n"),
        "{indonesian}"
    );
    assert!(indonesian.contains("- **paling lambat 31 Maret 2026**: mengevaluasi \"Perjanjian jawa-tengah/2024-other-bawaslu\" (`jawa-tengah/2024-other-bawaslu`) sebelum ditandai \"Belum dievaluasi\"\n"), "{indonesian}");
    assert!(
        indonesian.contains("- **paling lambat 30 April 2026**: memutuskan perpanjangan"),
        "{indonesian}"
    );
}

#[test]
fn nothing_to_do_is_said_and_invalid_content_gives_no_list() {
    let quiet = SiteTest::new().today(TODAY);
    let output = quiet.repo.pakta(&["tasks", "--today", TODAY]);
    assert!(output.status.success());
    assert_eq!(
        stdout(&output),
        "# Tasks as of 10 February 2026\n\nNothing to do.\n"
    );

    let broken = SiteTest::new().file("agreements/broken.md", "+++\ntitle = 1\n+++\n");
    let output = broken.repo.pakta(&["tasks", "--today", TODAY]);
    assert_eq!(output.status.code(), Some(1));
    assert_eq!(stdout(&output), "");
    assert!(common::stderr(&output).contains("agreements/broken.md"));
}
