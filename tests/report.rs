//! `pakta report`: a fixture repository with a known Git history, and every
//! number of a province's report and of one of its regencies for March
//! 2026, including the month-end edges (an agreement expiring on the 31st,
//! a PKS signed on its deadline day, a renewal signed in the month).

mod common;

use std::process::Command;

use common::{NATIONAL_UNIT, Repo, stderr, stdout};
use serde_json::{Value, json};

fn agreement(title: &str, kind: &str, category: &str, front: &str) -> String {
    format!(
        "+++\ntitle = \"{title}\"\nkind = \"{kind}\"\n{front}\n\n[[partners]]\nname = \"Mitra {title}\"\ncategory = \"{category}\"\n+++\n\nTeks.\n"
    )
}

/// Commits everything with both dates set to `stamp`, as a merge on that
/// day would record them.
fn commit_on(repo: &Repo, stamp: &str, subject: &str) {
    repo.git(&["add", "-A"]);
    let status = Command::new("git")
        .arg("-C")
        .arg(&repo.root)
        .args(["commit", "-q", "-m", subject])
        .env("GIT_AUTHOR_NAME", "Editor")
        .env("GIT_AUTHOR_EMAIL", "editor@example.org")
        .env("GIT_COMMITTER_NAME", "Editor")
        .env("GIT_COMMITTER_EMAIL", "editor@example.org")
        .env("GIT_AUTHOR_DATE", stamp)
        .env("GIT_COMMITTER_DATE", stamp)
        .env("GIT_CONFIG_NOSYSTEM", "1")
        .env("GIT_CONFIG_GLOBAL", "/dev/null")
        .status()
        .expect("git runs");
    assert!(status.success(), "commit {subject}");
}

/// The province of Jawa Tengah with two regencies, built over five commits
/// from February to April 2026.
fn fixture() -> Repo {
    let repo = Repo::minimal();
    repo.git(&["init", "-q", "-b", "main"]);
    repo.write(
        "agreements/jawa-tengah/_unit.toml",
        "name = \"KPU Provinsi Jawa Tengah\"\nlevel = \"province\"\n",
    );
    repo.write(
        "agreements/jawa-tengah/karanganyar/_unit.toml",
        "name = \"KPU Kabupaten Karanganyar\"\nlevel = \"regency\"\n",
    );
    repo.write(
        "agreements/jawa-tengah/sragen/_unit.toml",
        "name = \"KPU Kabupaten Sragen\"\nlevel = \"regency\"\n",
    );
    // In force until the 31st: still "expiring" at March's end, expired
    // in April's report; renewed by an MoU signed on 15 March.
    repo.write(
        "agreements/jawa-tengah/2023-mou-undip.md",
        agreement(
            "MoU Undip",
            "mou",
            "university",
            "[dates]\nsigned = 2023-04-01\nexpires = 2026-03-31\n\n\
             [[activities]]\ndate = 2026-03-10\ntitle = \"Riset partisipasi\"\ntype = \"penelitian\"\nparticipants = 40\n\n\
             [[evaluations]]\ndate = 2026-03-20\nresult = \"on-track\"\nmethod = \"rapat-evaluasi\"\nobstacles = [\"anggaran\"]\nrecommendation = \"perpanjang\"",
        ),
    );
    repo.write(
        "agreements/jawa-tengah/2023-pks-undip.md",
        agreement(
            "PKS Undip",
            "pks",
            "university",
            "parent = \"jawa-tengah/2023-mou-undip\"\n[dates]\nsigned = 2023-06-01\nexpires = 2026-02-28",
        ),
    );
    repo.write(
        "agreements/jawa-tengah/karanganyar/2025-mou-pemkab.md",
        agreement(
            "MoU Pemkab",
            "mou",
            "regional-government",
            "[dates]\nsigned = 2025-08-31\nexpires = 2028-08-30\n\n[[activities]]\ndate = 2026-04-02\ntitle = \"Rapat koordinasi\"",
        ),
    );
    repo.write(
        "agreements/jawa-tengah/karanganyar/2025-mou-uns.md",
        agreement(
            "MoU UNS",
            "mou",
            "university",
            "[dates]\nsigned = 2025-09-30\nexpires = 2027-09-29",
        ),
    );
    repo.write(
        "agreements/jawa-tengah/karanganyar/2024-pks-rahasia.md",
        agreement(
            "PKS Rahasia",
            "pks",
            "company",
            "public = false\n[dates]\nsigned = 2026-03-05\nexpires = 2027-03-04",
        ),
    );
    repo.write(
        "agreements/jawa-tengah/sragen/2024-mou-media.md",
        agreement(
            "MoU Media",
            "mou",
            "media",
            "[dates]\nsigned = 2024-01-10\nexpires = 2027-01-09\nterminated = 2026-03-16",
        ),
    );
    repo.write(
        "agreements/jawa-tengah/sragen/2026-mou-lsm.md",
        agreement(
            "MoU LSM",
            "mou",
            "ngo",
            "[dates]\nplanning = 2026-02-01\ndrafting = 2026-03-05\nsigned = 2026-04-10\nexpires = 2028-04-09",
        ),
    );
    repo.write(
        "agreements/jawa-tengah/sragen/2026-mou-kampus.md",
        agreement(
            "MoU Kampus",
            "mou",
            "university",
            "[dates]\nplanning = 2026-05-01",
        ),
    );
    repo.write(
        "agreements/2026-mou-bssn.md",
        agreement(
            "MoU BSSN",
            "mou",
            "state-institution",
            "[dates]\nsigned = 2026-03-02\nexpires = 2028-03-01",
        ),
    );
    commit_on(&repo, "2026-02-20T10:00:00+07:00", "Tambah perjanjian awal");

    repo.write(
        "agreements/jawa-tengah/karanganyar/2024-pks-rahasia.md",
        agreement(
            "PKS Rahasia",
            "pks",
            "company",
            "public = false\n[dates]\nsigned = 2026-03-05\nexpires = 2027-03-05",
        ),
    );
    commit_on(
        &repo,
        "2026-03-10T09:00:00+07:00",
        "Ubah perjanjian tertutup",
    );

    repo.write(
        "agreements/2026-mou-bssn.md",
        agreement(
            "MoU BSSN",
            "mou",
            "state-institution",
            "[dates]\nsigned = 2026-03-02\nexpires = 2028-03-02",
        ),
    );
    commit_on(&repo, "2026-03-12T09:00:00+07:00", "Ubah MoU BSSN");

    repo.write(
        "agreements/jawa-tengah/2026-mou-undip.md",
        agreement(
            "MoU Undip 2026",
            "mou",
            "university",
            "renews = \"jawa-tengah/2023-mou-undip\"\n[dates]\nsigned = 2026-03-15\nstarts = 2026-04-01\nexpires = 2029-03-31",
        ),
    );
    commit_on(&repo, "2026-03-15T14:00:00+07:00", "Perpanjangan MoU Undip");

    // Signed on the day the MoU's PKS is due (30 September + 6 months),
    // and an activity on the month's last day; merged late that evening.
    repo.write(
        "agreements/jawa-tengah/karanganyar/2026-pks-uns.md",
        agreement(
            "PKS UNS",
            "pks",
            "university",
            "parent = \"jawa-tengah/karanganyar/2025-mou-uns\"\n[dates]\nsigned = 2026-03-30\nexpires = 2027-03-29",
        ),
    );
    repo.write(
        "agreements/jawa-tengah/karanganyar/2025-mou-uns.md",
        agreement(
            "MoU UNS",
            "mou",
            "university",
            "[dates]\nsigned = 2025-09-30\nexpires = 2027-09-29\n\n\
             [[activities]]\ndate = 2026-03-31\ntitle = \"Sosialisasi | pemilih *pemula*\"\ntype = \"sosialisasi\"\nparticipants = 120",
        ),
    );
    commit_on(
        &repo,
        "2026-03-31T23:00:00+07:00",
        "PKS UNS dan sosialisasi",
    );

    repo.write(
        "agreements/jawa-tengah/sragen/2026-mou-lsm.md",
        agreement(
            "MoU LSM",
            "mou",
            "ngo",
            "[dates]\nplanning = 2026-02-01\ndrafting = 2026-03-05\nnegotiation = 2026-04-01\nsigned = 2026-04-10\nexpires = 2028-04-09",
        ),
    );
    commit_on(&repo, "2026-04-01T08:00:00+07:00", "Pembahasan MoU LSM");
    repo
}

fn report_json(repo: &Repo, unit: &str, month: &str) -> Value {
    let output = repo.pakta(&[
        "report", "--unit", unit, "--month", month, "--format", "json",
    ]);
    assert!(output.status.success(), "{}", stderr(&output));
    serde_json::from_str(&stdout(&output)).expect("the report is JSON")
}

/// The ids of a list of agreements, each `{"id", "title"}`.
fn ids(value: &Value) -> Vec<&str> {
    value
        .as_array()
        .unwrap_or_else(|| panic!("a list: {value}"))
        .iter()
        .map(|v| v["id"].as_str().expect("an id"))
        .collect()
}

/// A finding's or event's lists of agreements as ids, by key.
fn id_lists(value: &Value) -> Value {
    Value::Object(
        value
            .as_object()
            .expect("lists by key")
            .iter()
            .map(|(key, list)| (key.clone(), json!(ids(list))))
            .collect(),
    )
}

#[test]
fn a_provinces_march_report_counts_its_whole_subtree() {
    let repo = fixture();
    let r = report_json(&repo, "jawa-tengah", "2026-03");
    assert_eq!(r["unit"], "jawa-tengah");
    assert_eq!(r["unit_name"], "KPU Provinsi Jawa Tengah");
    assert_eq!(r["month"], "2026-03");
    assert_eq!(r["as_of"], "2026-03-31");
    assert_eq!(r["schema_version"], 2);
    // Named by title, the id beside it.
    assert_eq!(
        r["signed"][0],
        json!({"id": "jawa-tengah/2026-mou-undip", "title": "MoU Undip 2026"})
    );
    // The private PKS signed on 5 March and the national MoU appear nowhere.
    assert_eq!(
        ids(&r["signed"]),
        [
            "jawa-tengah/2026-mou-undip",
            "jawa-tengah/karanganyar/2026-pks-uns"
        ]
    );
    assert_eq!(ids(&r["started"]), ["jawa-tengah/karanganyar/2026-pks-uns"]);
    // Its last day in force was 28 February.
    assert_eq!(ids(&r["expired"]), ["jawa-tengah/2023-pks-undip"]);
    assert_eq!(ids(&r["renewed"]), ["jawa-tengah/2023-mou-undip"]);
    assert_eq!(ids(&r["terminated"]), ["jawa-tengah/sragen/2024-mou-media"]);
    assert_eq!(
        r["activities"],
        json!([
            {"agreement": "jawa-tengah/2023-mou-undip", "agreement_title": "MoU Undip",
             "date": "2026-03-10", "title": "Riset partisipasi", "type": "penelitian",
             "participants": 40},
            {"agreement": "jawa-tengah/karanganyar/2025-mou-uns", "agreement_title": "MoU UNS",
             "date": "2026-03-31", "title": "Sosialisasi | pemilih *pemula*",
             "type": "sosialisasi", "participants": 120},
        ])
    );
    assert_eq!(
        r["evaluations"],
        json!([{"agreement": "jawa-tengah/2023-mou-undip", "agreement_title": "MoU Undip",
                "date": "2026-03-20",
                "result": "on-track", "method": "rapat-evaluasi",
                "obstacles": ["anggaran"], "recommendation": "perpanjang"}])
    );
    let changes: Vec<(&str, &str, Vec<&str>)> = r["changes"]
        .as_array()
        .expect("changes")
        .iter()
        .map(|c| {
            (
                c["date"].as_str().expect("date"),
                c["subject"].as_str().expect("subject"),
                ids(&c["agreements"]),
            )
        })
        .collect();
    assert_eq!(
        changes,
        [
            (
                "2026-03-15",
                "Perpanjangan MoU Undip",
                vec!["jawa-tengah/2026-mou-undip"]
            ),
            (
                "2026-03-31",
                "PKS UNS dan sosialisasi",
                vec![
                    "jawa-tengah/karanganyar/2025-mou-uns",
                    "jawa-tengah/karanganyar/2026-pks-uns"
                ]
            ),
        ]
    );
    assert_eq!(r["history_note"], Value::Null);
    assert_eq!(
        id_lists(&r["findings"]),
        json!({
            "needs-pks": ["jawa-tengah/karanganyar/2025-mou-pemkab"],
            "no-activity": ["jawa-tengah/karanganyar/2025-mou-pemkab"],
            "not-evaluated": [],
            "expiring": ["jawa-tengah/2023-mou-undip"],
            "expired": ["jawa-tengah/2023-pks-undip"],
        })
    );
    let figures = &r["figures"];
    // The MoU first planned in May did not exist yet; the one signed in
    // April was still being drafted.
    assert_eq!(figures["agreements"], 8);
    let nonzero = |map: &Value| -> Vec<(String, u64)> {
        map.as_object()
            .expect("counts")
            .iter()
            .filter(|(_, n)| n.as_u64() != Some(0))
            .map(|(k, n)| (k.clone(), n.as_u64().expect("a count")))
            .collect()
    };
    let pairs = |list: &[(&str, u64)]| -> Vec<(String, u64)> {
        list.iter().map(|(k, n)| (k.to_string(), *n)).collect()
    };
    assert_eq!(
        nonzero(&figures["by_status"]),
        pairs(&[
            ("active", 3),
            ("drafting", 1),
            ("expired", 1),
            ("expiring", 1),
            ("signed", 1),
            ("terminated", 1)
        ])
    );
    assert_eq!(figures["by_status"].as_object().map(|m| m.len()), Some(11));
    assert_eq!(
        nonzero(&figures["by_kind"]),
        pairs(&[("mou", 6), ("pks", 2)])
    );
    assert_eq!(
        nonzero(&figures["by_category"]),
        pairs(&[
            ("media", 1),
            ("ngo", 1),
            ("regional-government", 1),
            ("university", 5)
        ])
    );
    assert_eq!(
        r["total"],
        json!({"unit": "jawa-tengah", "name": "KPU Provinsi Jawa Tengah",
               "agreements": 8, "in_force": 4, "signed": 2, "started": 1, "expired": 1,
               "renewed": 1, "terminated": 1, "activities": 2, "participants": 160,
               "participants_recorded": 2, "evaluations": 1,
               "findings": {"needs-pks": 1, "no-activity": 1, "not-evaluated": 0,
                            "expiring": 1, "expired": 1}})
    );
    // The province's own three agreements, in its folder, not below it.
    assert_eq!(
        r["own"],
        json!({"unit": "jawa-tengah", "name": "KPU Provinsi Jawa Tengah",
               "agreements": 3, "in_force": 1, "signed": 1, "started": 0, "expired": 1,
               "renewed": 1, "terminated": 0, "activities": 1, "participants": 40,
               "participants_recorded": 1, "evaluations": 1,
               "findings": {"needs-pks": 0, "no-activity": 0, "not-evaluated": 0,
                            "expiring": 1, "expired": 1}})
    );
    assert_eq!(
        r["units"],
        json!([
            {"unit": "jawa-tengah/karanganyar", "name": "KPU Kabupaten Karanganyar",
             "agreements": 3, "in_force": 3, "signed": 1, "started": 1, "expired": 0,
             "renewed": 0, "terminated": 0, "activities": 1, "participants": 120,
             "participants_recorded": 1, "evaluations": 0,
             "findings": {"needs-pks": 1, "no-activity": 1, "not-evaluated": 0,
                          "expiring": 0, "expired": 0}},
            {"unit": "jawa-tengah/sragen", "name": "KPU Kabupaten Sragen",
             "agreements": 2, "in_force": 0, "signed": 0, "started": 0, "expired": 0,
             "renewed": 0, "terminated": 1, "activities": 0, "participants": null,
             "participants_recorded": 0, "evaluations": 0,
             "findings": {"needs-pks": 0, "no-activity": 0, "not-evaluated": 0,
                          "expiring": 0, "expired": 0}},
        ])
    );
}

#[test]
fn a_regencys_march_report_covers_only_its_own_agreements() {
    let repo = fixture();
    let r = report_json(&repo, "jawa-tengah/karanganyar", "2026-03");
    assert_eq!(ids(&r["signed"]), ["jawa-tengah/karanganyar/2026-pks-uns"]);
    assert_eq!(ids(&r["started"]), ["jawa-tengah/karanganyar/2026-pks-uns"]);
    for empty in ["expired", "renewed", "terminated", "evaluations", "units"] {
        assert_eq!(r[empty], json!([]), "{empty}");
    }
    assert_eq!(r["activities"].as_array().map(Vec::len), Some(1));
    assert_eq!(r["activities"][0]["date"], "2026-03-31");
    assert_eq!(r["changes"].as_array().map(Vec::len), Some(1));
    assert_eq!(r["changes"][0]["subject"], "PKS UNS dan sosialisasi");
    // The MoU whose PKS was signed on its deadline day is not flagged.
    assert_eq!(
        id_lists(&r["findings"]),
        json!({
            "needs-pks": ["jawa-tengah/karanganyar/2025-mou-pemkab"],
            "no-activity": ["jawa-tengah/karanganyar/2025-mou-pemkab"],
            "not-evaluated": [], "expiring": [], "expired": [],
        })
    );
    assert_eq!(r["figures"]["agreements"], 3);
    assert_eq!(r["figures"]["by_status"]["active"], 3);
    assert_eq!(r["total"]["participants"], 120);
    assert_eq!(r["total"]["in_force"], 3);
}

#[test]
fn an_agreement_that_ended_on_the_31st_expires_in_the_next_months_report() {
    let repo = fixture();
    let april = report_json(&repo, "jawa-tengah", "2026-04");
    assert_eq!(april["as_of"], "2026-04-30");
    // Renewed on 15 March, so it is not an open "expired" finding.
    assert_eq!(ids(&april["expired"]), ["jawa-tengah/2023-mou-undip"]);
    assert_eq!(
        ids(&april["findings"]["expired"]),
        ["jawa-tengah/2023-pks-undip"]
    );
    assert_eq!(april["figures"]["by_status"]["renewed"], 1);
    assert_eq!(
        ids(&april["started"]),
        [
            "jawa-tengah/2026-mou-undip",
            "jawa-tengah/sragen/2026-mou-lsm"
        ]
    );
    assert_eq!(ids(&april["signed"]), ["jawa-tengah/sragen/2026-mou-lsm"]);
    assert_eq!(ids(&april["renewed"]), Vec::<&str>::new());
    assert_eq!(april["changes"][0]["subject"], "Pembahasan MoU LSM");
    // February: the PKS ran to its last day; the regency's MoU signed on
    // 31 August is due its PKS on 28 February, so it is not late yet; the
    // media MoU, terminated only in March, still is.
    let february = report_json(&repo, "jawa-tengah", "2026-02");
    assert_eq!(ids(&february["expired"]), Vec::<&str>::new());
    assert_eq!(
        ids(&february["findings"]["needs-pks"]),
        ["jawa-tengah/sragen/2024-mou-media"]
    );
    assert_eq!(february["figures"]["by_status"]["expiring"], 2);
}

#[test]
fn a_month_in_progress_is_reported_up_to_today_and_one_not_begun_is_refused() {
    let repo = fixture();
    let on_the_20th = |month: &'static str, more: &[&'static str]| {
        let mut args = vec!["report", "--unit", "jawa-tengah", "--month", month];
        args.extend(["--today", "2026-03-20"]);
        args.extend(more);
        args
    };
    let args = on_the_20th("2026-03", &["--format", "json"]);
    let output = repo.pakta(&args);
    assert!(output.status.success(), "{}", stderr(&output));
    let r: Value = serde_json::from_str(&stdout(&output)).expect("the report is JSON");
    assert_eq!(r["as_of"], "2026-03-20");
    // The PKS signed on 30 March and the activity of the 31st have not
    // happened yet; the evaluation of the 20th has.
    assert_eq!(ids(&r["signed"]), ["jawa-tengah/2026-mou-undip"]);
    assert_eq!(ids(&r["started"]), Vec::<&str>::new());
    assert_eq!(ids(&r["expired"]), ["jawa-tengah/2023-pks-undip"]);
    assert_eq!(ids(&r["renewed"]), ["jawa-tengah/2023-mou-undip"]);
    assert_eq!(ids(&r["terminated"]), ["jawa-tengah/sragen/2024-mou-media"]);
    let dates = |list: &Value| -> Vec<String> {
        list.as_array()
            .expect("a list")
            .iter()
            .map(|a| a["date"].as_str().expect("a date").to_string())
            .collect()
    };
    assert_eq!(dates(&r["activities"]), ["2026-03-10"]);
    assert_eq!(dates(&r["evaluations"]), ["2026-03-20"]);
    let changes = dates(&r["changes"]);
    assert!(changes.contains(&"2026-03-15".to_string()), "{changes:?}");
    assert!(
        changes.iter().all(|d| d.as_str() <= "2026-03-20"),
        "{changes:?}"
    );
    assert_eq!(r["total"]["activities"], 1);
    assert_eq!(r["total"]["signed"], 1);

    let args = on_the_20th("2026-03", &[]);
    let md = stdout(&repo.pakta_untranslated(&args));
    assert!(
        md.contains("Keadaan per 20 Maret 2026 (masih berjalan)"),
        "{md}"
    );
    assert!(md.contains("## Temuan sejauh ini"), "{md}");
    assert!(md.contains("## Angka sejauh ini"), "{md}");

    let args = on_the_20th("2026-04", &[]);
    let ahead = repo.pakta(&args);
    assert_eq!(ahead.status.code(), Some(2));
    assert!(stdout(&ahead).is_empty());
    assert!(
        stderr(&ahead).contains("2026-04 has not begun (today is 2026-03-20)"),
        "{}",
        stderr(&ahead)
    );
}

#[test]
fn markdown_is_the_default_and_escapes_editors_text() {
    let repo = fixture();
    let output =
        repo.pakta_untranslated(&["report", "--unit", "jawa-tengah", "--month", "2026-03"]);
    assert!(output.status.success(), "{}", stderr(&output));
    let md = stdout(&output);
    assert!(
        md.starts_with("# Laporan Kerja Sama — KPU Provinsi Jawa Tengah — Maret 2026\n"),
        "{md}"
    );
    assert!(md.contains("Keadaan per 31 Maret 2026"), "{md}");
    assert!(
        md.contains("| Ditandatangani | 2 | [MoU Undip 2026](https://example.org/kerjasama/jawa-tengah/2026-mou-undip/) (`jawa-tengah/2026-mou-undip`), [PKS UNS](https://example.org/kerjasama/jawa-tengah/karanganyar/2026-pks-uns/) (`jawa-tengah/karanganyar/2026-pks-uns`) |"),
        "{md}"
    );
    assert!(
        md.contains("| Diperpanjang | 1 | [MoU Undip](https://example.org/kerjasama/jawa-tengah/2023-mou-undip/) (`jawa-tengah/2023-mou-undip`) |"),
        "{md}"
    );
    assert!(
        md.contains("| 31 Maret 2026 | [MoU UNS](https://example.org/kerjasama/jawa-tengah/karanganyar/2025-mou-uns/) (`jawa-tengah/karanganyar/2025-mou-uns`) | Sosialisasi \\| pemilih \\*pemula\\* | Sosialisasi | 120 |"),
        "{md}"
    );
    assert!(
        md.contains("| 20 Maret 2026 | [MoU Undip](https://example.org/kerjasama/jawa-tengah/2023-mou-undip/) (`jawa-tengah/2023-mou-undip`) | Sesuai rencana | Rapat evaluasi | Anggaran | Perpanjang |"),
        "{md}"
    );
    assert!(
        md.contains("| Perlu PKS | 1 | [MoU Pemkab](https://example.org/kerjasama/jawa-tengah/karanganyar/2025-mou-pemkab/) (`jawa-tengah/karanganyar/2025-mou-pemkab`) |"),
        "{md}"
    );
    // The province's own line and the lines below add up to the total;
    // participants not recorded are blank, not 0.
    assert!(md.contains("| KPU Provinsi Jawa Tengah (perjanjian sendiri) | 3 | 1 | 1 | 0 | 1 | 1 | 0 | 1 | 40 | 1 | 1 | 0 | 0 | 0 | 1 | 1 |"), "{md}");
    assert!(md.contains("| [KPU Kabupaten Karanganyar](https://example.org/kerjasama/reports/2026-03/jawa-tengah/karanganyar/) | 3 | 3 | 1 | 1 | 0 | 0 | 0 | 1 | 120 | 1 | 0 | 1 | 1 | 0 | 0 | 0 |"), "{md}");
    assert!(md.contains("| KPU Kabupaten Sragen | 2 | 0 | 0 | 0 | 0 | 0 | 1 | 0 |  | 0 | 0 | 0 | 0 | 0 | 0 | 0 |"), "{md}");
    assert!(md.contains("| **Jumlah seluruhnya** | 8 | 4 | 2 | 1 | 1 | 1 | 1 | 2 | 160 | 2 | 1 | 1 | 1 | 0 | 1 | 1 |"), "{md}");

    let english = repo.pakta(&[
        "report",
        "--unit",
        "jawa-tengah",
        "--month",
        "2026-03",
        "--lang",
        "en",
    ]);
    let md = stdout(&english);
    assert!(
        md.starts_with("# Cooperation Report — KPU Provinsi Jawa Tengah — March 2026\n"),
        "{md}"
    );
    assert!(md.contains("As of 31 March 2026"), "{md}");
    assert!(md.contains("| Renewed | 1 |"), "{md}");
}

#[test]
fn csv_has_the_subtree_then_its_own_agreements_then_one_row_per_unit_below() {
    let repo = fixture();
    let output = repo.pakta_untranslated(&[
        "report",
        "--unit",
        "jawa-tengah",
        "--month",
        "2026-03",
        "--format",
        "csv",
    ]);
    assert!(output.status.success(), "{}", stderr(&output));
    let csv = stdout(&output);
    let rows: Vec<&str> = csv.split("\r\n").filter(|r| !r.is_empty()).collect();
    assert_eq!(rows.len(), 5, "{csv}");
    assert!(
        rows[0].starts_with("\"Bulan\",\"Folder\",\"Satuan kerja\",\"Perjanjian\""),
        "{csv}"
    );
    assert_eq!(
        rows[1],
        "\"2026-03\",\"jawa-tengah\",\"KPU Provinsi Jawa Tengah\",\"8\",\"4\",\"2\",\"1\",\"1\",\"1\",\"1\",\"2\",\"160\",\"2\",\"1\",\"1\",\"1\",\"0\",\"1\",\"1\""
    );
    assert_eq!(
        rows[2],
        "\"2026-03\",\"jawa-tengah\",\"KPU Provinsi Jawa Tengah (perjanjian sendiri)\",\"3\",\"1\",\"1\",\"0\",\"1\",\"1\",\"0\",\"1\",\"40\",\"1\",\"1\",\"0\",\"0\",\"0\",\"1\",\"1\""
    );
    assert!(
        rows[3].starts_with("\"2026-03\",\"jawa-tengah/karanganyar\","),
        "{csv}"
    );
    // Participants not recorded: blank, not 0.
    assert_eq!(
        rows[4],
        "\"2026-03\",\"jawa-tengah/sragen\",\"KPU Kabupaten Sragen\",\"2\",\"0\",\"0\",\"0\",\"0\",\"0\",\"1\",\"0\",\"\",\"0\",\"0\",\"0\",\"0\",\"0\",\"0\",\"0\""
    );
}

#[test]
fn html_is_one_standalone_page_with_the_same_content() {
    let repo = fixture();
    let output = repo.pakta_untranslated(&[
        "report",
        "--unit",
        "jawa-tengah",
        "--month",
        "2026-03",
        "--format",
        "html",
    ]);
    assert!(output.status.success(), "{}", stderr(&output));
    let html = stdout(&output);
    assert!(
        html.starts_with("<!DOCTYPE html>\n<html lang=\"id\">"),
        "{html}"
    );
    assert!(
        html.contains("<title>Laporan Kerja Sama — KPU Provinsi Jawa Tengah — Maret 2026</title>"),
        "{html}"
    );
    assert!(
        html.contains("<td>Sosialisasi | pemilih *pemula*</td>"),
        "{html}"
    );
    assert!(
        html.contains("<code>jawa-tengah/2023-mou-undip</code>"),
        "{html}"
    );
    assert!(html.trim_end().ends_with("</html>"), "{html}");
}

#[test]
fn output_is_the_same_on_every_run() {
    let repo = fixture();
    for format in ["md", "json", "csv", "html"] {
        let args = [
            "report", "--unit", ".", "--month", "2026-03", "--format", format,
        ];
        assert_eq!(
            repo.pakta(&args).stdout,
            repo.pakta(&args).stdout,
            "{format}"
        );
    }
}

#[test]
fn without_git_the_report_says_why_changes_are_missing() {
    let repo = Repo::minimal();
    repo.write(
        "agreements/2026-mou-bssn.md",
        agreement(
            "MoU BSSN",
            "mou",
            "state-institution",
            "[dates]\nsigned = 2026-03-02\nexpires = 2028-03-01",
        ),
    );
    let r = report_json(&repo, ".", "2026-03");
    assert_eq!(r["unit"], "");
    assert_eq!(ids(&r["signed"]), ["2026-mou-bssn"]);
    assert_eq!(r["changes"], json!([]));
    assert_eq!(r["history_note"], "the content is not in a Git repository");
    let md = stdout(&repo.pakta_untranslated(&["report", "--unit", ".", "--month", "2026-03"]));
    assert!(
        md.contains(
            "Riwayat perubahan tidak tersedia: konten tidak berada di dalam repositori Git."
        ),
        "{md}"
    );
    let english = stdout(&repo.pakta(&["report", "--unit", ".", "--month", "2026-03"]));
    assert!(
        english.contains(": the content is not in a Git repository.\n"),
        "{english}"
    );
}

#[test]
fn an_unknown_unit_names_the_close_ones() {
    let repo = fixture();
    let output = repo.pakta(&[
        "report",
        "--unit",
        "jawa-tengah/karangnyar",
        "--month",
        "2026-03",
    ]);
    assert_eq!(output.status.code(), Some(2));
    let err = stderr(&output);
    assert!(
        err.contains("there is no unit `jawa-tengah/karangnyar`"),
        "{err}"
    );
    assert!(
        err.contains("did you mean: jawa-tengah/karanganyar?"),
        "{err}"
    );
    assert!(stdout(&output).is_empty());
}

#[test]
fn a_malformed_month_is_a_usage_error() {
    let repo = fixture();
    for bad in ["2026-3", "maret", "2026-13"] {
        let output = repo.pakta(&["report", "--unit", "jawa-tengah", "--month", bad]);
        assert_eq!(output.status.code(), Some(2), "{bad}");
        let err = stderr(&output);
        assert!(err.contains("--month"), "{err}");
        assert!(err.contains("YYYY-MM") || err.contains("01 to 12"), "{err}");
    }
}

#[test]
fn invalid_content_gets_its_problems_and_no_report() {
    let repo = Repo::minimal();
    repo.write("agreements/_unit.toml", NATIONAL_UNIT);
    repo.write(
        "agreements/2026-mou-x.md",
        agreement("X", "mou", "ngo", "[dates]\nsigned = \"2026-03-02\""),
    );
    let output = repo.pakta(&["report", "--unit", ".", "--month", "2026-03"]);
    assert_eq!(output.status.code(), Some(1));
    assert!(stdout(&output).is_empty());
    assert!(
        stderr(&output).contains("wrong-type"),
        "{}",
        stderr(&output)
    );
}

#[test]
fn warnings_are_counted_not_listed() {
    let repo = Repo::minimal();
    repo.write(
        "agreements/2026-mou-bssn.md",
        agreement(
            "MoU BSSN",
            "mou",
            "state-institution",
            "[dates]\nsigned = 2026-03-02\nexpires = 2028-03-01\n\n[[evaluations]]\ndate = 2026-03-20\nresult = \"partial\"\nobstacles = \"Anggaran dipotong.\"",
        ),
    );
    let output = repo.pakta(&[
        "report", "--unit", ".", "--month", "2026-03", "--format", "json",
    ]);
    assert_eq!(output.status.code(), Some(0));
    assert_eq!(stderr(&output), "1 warning; `pakta check` lists them\n");
    let r: Value = serde_json::from_str(&stdout(&output)).expect("JSON");
    assert_eq!(r["evaluations"][0]["obstacles"], json!([]));
}

#[test]
fn editors_markup_is_shown_as_text_in_the_html_report() {
    let repo = Repo::minimal();
    repo.write(
        "agreements/2026-mou-bssn.md",
        agreement(
            "MoU BSSN",
            "mou",
            "state-institution",
            "[dates]\nsigned = 2026-03-02\nexpires = 2028-03-01\n\n[[activities]]\ndate = 2026-03-20\ntitle = \"<script>alert(1)</script> [tautan](javascript:alert(2))\"",
        ),
    );
    let output = repo.pakta(&[
        "report", "--unit", ".", "--month", "2026-03", "--format", "html",
    ]);
    assert!(output.status.success(), "{}", stderr(&output));
    let html = stdout(&output);
    assert!(!html.contains("<script"), "{html}");
    assert!(!html.contains("href=\"javascript"), "{html}");
    assert!(!html.contains("<a href=\"javascript"), "{html}");
    assert!(
        html.contains("&lt;script&gt;alert(1)&lt;/script&gt; [tautan](javascript:alert(2))"),
        "{html}"
    );
}

/// Every count of a unit table (cells as printed; blank is none): the
/// first row is the total, the others add up to it, column by column.
fn assert_rows_add_up(what: &str, total: &[String], parts: &[Vec<String>]) {
    let number = |cell: &str| -> u64 {
        let cell = cell.trim().trim_matches('"').trim_matches('*');
        if cell.is_empty() {
            0
        } else {
            cell.parse()
                .unwrap_or_else(|_| panic!("{what}: a count: {cell:?}"))
        }
    };
    assert!(!parts.is_empty(), "{what}: the own line at least");
    for (column, cell) in total.iter().enumerate() {
        let sum: u64 = parts.iter().map(|row| number(&row[column])).sum();
        assert_eq!(number(cell), sum, "{what}: column {column}");
    }
}

/// The cells of a JSON unit line, in `UNIT_COLUMNS` order.
fn json_cells(line: &Value) -> Vec<String> {
    let mut cells: Vec<String> = [
        "agreements",
        "in_force",
        "signed",
        "started",
        "expired",
        "renewed",
        "terminated",
        "activities",
        "participants",
        "participants_recorded",
        "evaluations",
    ]
    .iter()
    .map(|key| match &line[*key] {
        Value::Null => String::new(),
        n => n.to_string(),
    })
    .collect();
    let findings = line["findings"].as_object().expect("finding counts");
    cells.extend(findings.values().map(Value::to_string));
    cells
}

#[test]
fn own_and_the_units_below_add_up_to_the_total_in_every_format() {
    let repo = fixture();
    for unit in [".", "jawa-tengah", "jawa-tengah/karanganyar"] {
        for month in ["2026-02", "2026-03", "2026-04"] {
            let what = format!("{unit} {month}");
            let r = report_json(&repo, unit, month);
            let mut parts = vec![json_cells(&r["own"])];
            parts.extend(r["units"].as_array().expect("units").iter().map(json_cells));
            assert_rows_add_up(&format!("json {what}"), &json_cells(&r["total"]), &parts);

            let run = |format: &str| {
                let output = repo.pakta(&[
                    "report", "--unit", unit, "--month", month, "--format", format,
                ]);
                assert!(output.status.success(), "{}", stderr(&output));
                stdout(&output)
            };
            let csv = run("csv");
            let rows: Vec<Vec<String>> = csv
                .split("\r\n")
                .filter(|r| !r.is_empty())
                .skip(1)
                .map(|r| r.split(',').skip(3).map(str::to_string).collect())
                .collect();
            assert_rows_add_up(&format!("csv {what}"), &rows[0], &rows[1..]);

            // The Markdown's unit table: own first, the total last.
            let md = run("md");
            let table: Vec<Vec<String>> = md
                .split("\n## ")
                .last()
                .expect("the unit table is last")
                .lines()
                .filter(|l| l.starts_with("| ") && !l.starts_with("| Unit |"))
                .map(|l| {
                    l.trim_matches('|')
                        .split(" | ")
                        .skip(1)
                        .map(str::to_string)
                        .collect()
                })
                .collect();
            let (total, parts) = table.split_last().expect("a total row");
            assert_rows_add_up(&format!("md {what}"), total, parts);
        }
    }
}

#[test]
fn the_sites_report_page_names_and_links_the_agreements_behind_each_finding() {
    let repo = fixture();
    let out = repo.path("public");
    let output = repo.pakta(&[
        "build",
        "--today",
        "2026-04-20",
        "--out",
        out.to_str().expect("a UTF-8 path"),
    ]);
    assert!(output.status.success(), "{}", stderr(&output));
    let page = repo.read("public/reports/2026-03/jawa-tengah/index.html");
    let findings = page
        .split("id=\"findings-h\"")
        .nth(1)
        .and_then(|rest| rest.split("</section>").next())
        .expect("a findings section");
    assert!(
        findings.contains(
            "<th scope=\"row\">Perlu PKS</th><td class=\"num\">1</td><td><a href=\"/kerjasama/jawa-tengah/karanganyar/2025-mou-pemkab/\">MoU Pemkab</a>"
        ),
        "{findings}"
    );
    assert!(
        findings.contains("<a href=\"/kerjasama/jawa-tengah/2023-mou-undip/\">MoU Undip</a>"),
        "{findings}"
    );
    // Ids are shown relative to the report's unit, which the page names.
    assert!(
        findings.contains("MoU Pemkab</a> <small>(karanganyar/2025-mou-pemkab)</small>")
            && findings.contains("MoU Undip</a> <small>(2023-mou-undip)</small>"),
        "{findings}"
    );
    // The unit table has the province's own line, and the unit's JSON and
    // CSV add up for the period as the command's do.
    assert!(
        page.contains("<tr class=\"own\"><th scope=\"row\">KPU Provinsi Jawa Tengah (perjanjian sendiri)</th><td>3</td>"),
        "{page}"
    );
    assert!(
        page.contains("<a href=\"/kerjasama/reports/units/jawa-tengah/report.json\">JSON</a>"),
        "{page}"
    );
    let data: Value =
        serde_json::from_str(&repo.read("public/reports/units/jawa-tengah/report.json"))
            .expect("JSON");
    let r = period(&data, "2026-03");
    let mut parts = vec![json_cells(&r["own"])];
    parts.extend(r["units"].as_array().expect("units").iter().map(json_cells));
    assert_rows_add_up("site json", &json_cells(&r["total"]), &parts);
    let csv = repo.read("public/reports/units/jawa-tengah/report.csv");
    let rows: Vec<Vec<String>> = csv
        .split("\r\n")
        .filter(|r| r.starts_with("\"2026-03\","))
        .map(|r| r.split(',').skip(3).map(str::to_string).collect())
        .collect();
    assert_rows_add_up("site csv", &rows[0], &rows[1..]);
}

/// A period's entry of a unit's data on the site.
fn period<'a>(data: &'a Value, month: &str) -> &'a Value {
    data["periods"]
        .as_array()
        .expect("periods")
        .iter()
        .find(|p| p["month"] == month)
        .unwrap_or_else(|| panic!("no {month} in {data}"))
}

#[test]
fn a_units_data_on_the_site_holds_every_period_with_its_own_records_and_links_the_units_below() {
    let repo = fixture();
    let out = repo.path("public");
    let output = repo.pakta(&[
        "build",
        "--today",
        "2026-04-20",
        "--out",
        out.to_str().expect("a UTF-8 path"),
    ]);
    assert!(output.status.success(), "{}", stderr(&output));
    let data = |unit: &str| -> Value {
        let dir = if unit.is_empty() {
            "public/reports".to_string()
        } else {
            format!("public/reports/units/{unit}")
        };
        serde_json::from_str(&repo.read(&format!("{dir}/report.json"))).expect("JSON")
    };
    let province = data("jawa-tengah");
    assert_eq!(province["schema_version"], 3);
    assert_eq!(province["unit"], "jawa-tengah");
    assert_eq!(province["unit_name"], "KPU Provinsi Jawa Tengah");
    // Every period that has a page, in time order, and no other.
    let mut pages: Vec<String> = std::fs::read_dir(out.join("reports"))
        .expect("the reports folder")
        .map(|entry| {
            entry
                .expect("an entry")
                .file_name()
                .to_string_lossy()
                .into_owned()
        })
        // Periods, not the units' lists of reports under `units/`.
        .filter(|name| name.starts_with(|c: char| c.is_ascii_digit()))
        .filter(|name| {
            out.join("reports")
                .join(name)
                .join("jawa-tengah/index.html")
                .is_file()
        })
        .collect();
    pages.sort();
    let months: Vec<&str> = province["periods"]
        .as_array()
        .expect("periods")
        .iter()
        .map(|p| p["month"].as_str().expect("a period"))
        .collect();
    assert!(months.len() >= 3, "{months:?}");
    assert_eq!(months, pages);
    // Only the province's own records: Karanganyar's April activity is in
    // Karanganyar's data, counted in the province's, listed only below.
    let april = period(&province, "2026-04");
    assert_eq!(april["activities"], json!([]), "{april}");
    assert_eq!(april["total"]["activities"], 1, "{april}");
    let march = period(&province, "2026-03");
    let titles: Vec<&str> = march["activities"]
        .as_array()
        .expect("activities")
        .iter()
        .map(|a| a["title"].as_str().expect("a title"))
        .collect();
    assert_eq!(titles, ["Riset partisipasi"]);
    assert!(march.get("findings").is_none(), "{march}");
    let karanganyar = data("jawa-tengah/karanganyar");
    let activities = &period(&karanganyar, "2026-04")["activities"];
    assert_eq!(activities[0]["title"], "Rapat koordinasi", "{activities}");
    assert_eq!(karanganyar["children"], json!([]));
    // The units below with reports, linked to their data.
    let children = province["children"].as_array().expect("children");
    assert!(
        children
            .iter()
            .any(|c| c["unit"] == "jawa-tengah/karanganyar"
                && c["name"] == "KPU Kabupaten Karanganyar"
                && c["json"] == "/kerjasama/reports/units/jawa-tengah/karanganyar/report.json"),
        "{children:?}"
    );
    for child in children {
        let href = child["json"].as_str().expect("a link");
        let file = href.strip_prefix("/kerjasama/").expect("under the site");
        assert!(out.join(file).is_file(), "{href}");
    }
    assert_eq!(data("")["children"][0]["unit"], "jawa-tengah");
    // The CSV: one header, then every period's rows.
    let csv = repo.read("public/reports/units/jawa-tengah/report.csv");
    let lines: Vec<&str> = csv.split("\r\n").filter(|l| !l.is_empty()).collect();
    assert!(!pages.iter().any(|p| lines[0].contains(p.as_str())));
    for month in &pages {
        assert!(
            lines
                .iter()
                .any(|l| l.starts_with(&format!("\"{month}\","))),
            "{month}: {csv}"
        );
    }
}
