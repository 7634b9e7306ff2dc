//! `pakta diff` on a Git repository built commit by commit.

mod common;

use common::{CONFIG, Repo, TODAY, stderr, stdout, unit};
use serde_json::Value;

const UNDIP_NEGOTIATING: &str = r#"+++
title = "Nota Kesepahaman tentang Penelitian Kepemiluan"
kind = "mou"
number = "01/PR.07-NK/33/2026"

[dates]
planning = 2026-01-05
drafting = 2026-02-02
negotiation = 2026-03-02

[[partners]]
name = "Universitas Diponegoro"
category = "university"
+++

Kerja sama penelitian kepemiluan.
"#;

const UNDIP_SIGNED: &str = r#"+++
title = "Nota Kesepahaman tentang Penelitian Kepemiluan"
kind = "mou"
number = "02/PR.07-NK/33/2026"

[dates]
planning = 2026-01-05
drafting = 2026-02-02
negotiation = 2026-03-02
approval = 2026-04-06
signed = 2026-04-20
expires = 2031-04-19

[[partners]]
name = "Universitas Diponegoro"
category = "university"
signatory = "Prof. Dr. Suharnomo"

[[activities]]
date = 2026-09-14
title = "Lokakarya metodologi survei pemilih"
+++

Kerja sama penelitian kepemiluan.
"#;

const BSSN: &str = r#"+++
title = "Nota Kesepahaman tentang Keamanan Siber"
kind = "mou"

[dates]
planning = 2025-10-06
signed = 2026-01-12
expires = 2029-01-11

[[partners]]
name = "Badan Siber dan Sandi Negara"
category = "state-institution"

[[activities]]
date = 2026-06-10
title = "Uji penetrasi Sirekap"
+++

Pengamanan sistem informasi pemilu, uji penetrasi, pelatihan tanggap insiden
dan pertukaran informasi ancaman siber antara kedua pihak selama lima tahun.
"#;

const OLD: &str = r#"+++
title = "Perjanjian lama yang dibatalkan"
kind = "other"

[dates]
planning = 2025-02-03

[[partners]]
name = "Perkumpulan Lama"
category = "ngo"
+++
"#;

/// Base: two agreements at the national level and one to be removed.
fn base_repository() -> (Repo, String) {
    let repo = Repo::empty();
    repo.git(&["init", "-q", "-b", "main"]);
    repo.write("pakta.toml", CONFIG);
    repo.write("agreements/_unit.toml", unit("KPU RI", "national", &[]));
    repo.write(
        "agreements/jawa-tengah/_unit.toml",
        unit("KPU Provinsi Jawa Tengah", "province", &[]),
    );
    repo.write(
        "agreements/jawa-tengah/2026-mou-undip.md",
        UNDIP_NEGOTIATING,
    );
    repo.write("agreements/2026-mou-bssn.md", BSSN);
    repo.write("agreements/2025-other-lama.md", OLD);
    let base = repo.commit("base");
    (repo, base)
}

#[test]
fn summarises_stage_transitions_renames_additions_and_removals() {
    let (repo, base) = base_repository();
    repo.write("agreements/jawa-tengah/2026-mou-undip.md", UNDIP_SIGNED);
    repo.git(&[
        "mv",
        "agreements/2026-mou-bssn.md",
        "agreements/jawa-tengah/2026-mou-bssn-jateng.md",
    ]);
    repo.remove("agreements/2025-other-lama.md");
    let created = repo.pakta(&[
        "new",
        "--unit",
        "jawa-tengah",
        "--kind",
        "pks",
        "--partner",
        "Universitas Diponegoro (UNDIP)",
        "--category",
        "university",
        "--title",
        "Perjanjian Kerja Sama Survei Pemilih",
        "--today",
        TODAY,
    ]);
    assert!(created.status.success(), "{}", stderr(&created));
    repo.commit("sign the MoU, move BSSN, drop the old draft, start a PKS");

    let markdown = repo.pakta_untranslated(&["diff", &base, "--today", TODAY]);
    assert!(markdown.status.success(), "{}", stderr(&markdown));
    let text = stdout(&markdown);
    assert!(
        text.starts_with("## Ringkasan perubahan perjanjian\n"),
        "{text}"
    );
    assert!(text.contains("status dihitung per 2026-11-22"), "{text}");
    assert!(
        text.contains("**1 ditambahkan, 1 dihapus, 1 dipindahkan, 1 diubah.**"),
        "{text}"
    );
    assert!(text.contains("- `jawa-tengah/2026-pks-undip` — Perjanjian Kerja Sama Survei Pemilih (Perjanjian Kerja Sama (PKS)); tahap Perencanaan, status Perencanaan\n"), "{text}");
    assert!(
        text.contains("- `2025-other-lama` — Perjanjian lama yang dibatalkan (Perjanjian lain)"),
        "{text}"
    );
    assert!(
        text.contains("- `2026-mou-bssn` → `jawa-tengah/2026-mou-bssn-jateng`\n"),
        "{text}"
    );
    assert!(
        text.contains(
            "#### `jawa-tengah/2026-mou-undip` — Nota Kesepahaman tentang Penelitian Kepemiluan\n"
        ),
        "{text}"
    );
    assert!(
        text.contains("- Tahap: Pembahasan → Penandatanganan\n"),
        "{text}"
    );
    assert!(text.contains("- Status: Pembahasan → Berlaku\n"), "{text}");
    assert!(
        text.contains("- Nomor (`number`): `01/PR.07-NK/33/2026` → `02/PR.07-NK/33/2026`\n"),
        "{text}"
    );
    assert!(
        text.contains("- Tanggal penandatanganan (`dates.signed`): (kosong) → `2026-04-20`\n"),
        "{text}"
    );
    assert!(
        text.contains(
            "- Mitra Universitas Diponegoro — Perguruan tinggi: Penanda tangan (`partners.signatory`): (kosong) → `Prof. Dr. Suharnomo`\n"
        ),
        "{text}"
    );
    assert!(
        text.contains("- Kegiatan baru: 2026-09-14 — Lokakarya metodologi survei pemilih\n"),
        "{text}"
    );
    assert!(!text.contains("Perhatian"), "{text}");

    let json = repo.pakta(&["diff", &base, "HEAD", "--today", TODAY, "--format", "json"]);
    assert!(json.status.success(), "{}", stderr(&json));
    let report: Value = serde_json::from_str(&stdout(&json)).expect("JSON");
    assert_eq!(report["today"], "2026-11-22");
    assert_eq!(report["base"]["commit"], base.as_str());
    assert_eq!(report["head"]["rev"], "HEAD");
    assert_eq!(report["head"]["errors"], 0);
    assert_eq!(report["added"][0]["id"], "jawa-tengah/2026-pks-undip");
    assert_eq!(report["added"][0]["status"], "planning");
    assert_eq!(report["removed"][0]["id"], "2025-other-lama");
    assert_eq!(
        report["renamed"],
        serde_json::json!([{"from": "2026-mou-bssn", "to": "jawa-tengah/2026-mou-bssn-jateng"}])
    );
    let changed = report["changed"].as_array().expect("a list");
    assert_eq!(changed.len(), 1);
    assert_eq!(
        changed[0]["stage"],
        serde_json::json!({"from": "negotiation", "to": "signed"})
    );
    assert_eq!(
        changed[0]["status"],
        serde_json::json!({"from": "negotiation", "to": "active"})
    );
    let activity =
        serde_json::json!({"date": "2026-09-14", "title": "Lokakarya metodologi survei pemilih"});
    assert_eq!(
        changed[0]["entries_added"],
        serde_json::json!([{"list": "activities", "key": activity, "entry": activity}])
    );
    let signatory = changed[0]["fields"]
        .as_array()
        .expect("a list")
        .iter()
        .find(|f| f["field"] == "partners.signatory")
        .expect("the signatory");
    assert_eq!(signatory["entry"]["list"], "partners");
    assert_eq!(signatory["entry"]["position"], 1);
    assert_eq!(
        signatory["entry"]["key"],
        serde_json::json!({"name": "Universitas Diponegoro", "category": "university"})
    );
    assert_eq!(signatory["to"], "Prof. Dr. Suharnomo");
    assert_eq!(changed[0]["body_changed"], false);
}

#[test]
fn status_changes_come_from_the_calendar_as_of_today() {
    let (repo, base) = base_repository();
    let mut with_evaluation = BSSN.replace(
        "+++\n\nPengamanan",
        "\n[[evaluations]]\ndate = 2026-11-02\nresult = \"partial\"\n+++\n\nPengamanan",
    );
    with_evaluation = with_evaluation.replace("expires = 2029-01-11", "expires = 2027-01-31");
    repo.write("agreements/2026-mou-bssn.md", &with_evaluation);
    repo.commit("shorten the term and record an evaluation");
    let text = stdout(&repo.pakta_untranslated(&["diff", &base, "--today", TODAY]));
    assert!(text.contains("#### `2026-mou-bssn`"), "{text}");
    assert!(
        text.contains("- Status: Berlaku → Segera berakhir\n"),
        "{text}"
    );
    assert!(
        text.contains("- Berakhir (`dates.expires`): `2029-01-11` → `2027-01-31`\n"),
        "{text}"
    );
    assert!(
        text.contains("- Evaluasi baru: 2026-11-02 — Sebagian\n"),
        "{text}"
    );
    let english = stdout(&repo.pakta(&["diff", &base, "--today", TODAY]));
    assert!(
        english.starts_with("## Summary of changes to the agreements\n"),
        "{english}"
    );
    assert!(
        english.contains("- Status: Active → Expiring\n"),
        "{english}"
    );
    assert!(
        english.contains("- Evaluation added: 2026-11-02 — Partial\n"),
        "{english}"
    );
}

#[test]
fn a_broken_side_is_still_compared_and_flagged() {
    let (repo, base) = base_repository();
    repo.write(
        "agreements/2026-mou-bssn.md",
        BSSN.replace("kind = \"mou\"", "kind = \"mou\"\nnomor = \"1\""),
    );
    repo.write(
        "agreements/2026-mou-baru.md",
        OLD.replace("Perkumpulan Lama", "Perkumpulan Baru"),
    );
    repo.commit("a typo in a key");
    let output = repo.pakta_untranslated(&["diff", &base, "--today", TODAY]);
    assert!(output.status.success(), "{}", stderr(&output));
    let text = stdout(&output);
    assert!(
        text.contains("> **Perhatian:** revisi perubahan `HEAD` memiliki 1 kesalahan validasi"),
        "{text}"
    );
    assert!(text.contains("- `2026-mou-baru` —"), "{text}");
    let json = repo.pakta(&["diff", &base, "--today", TODAY, "--format", "json"]);
    let report: Value = serde_json::from_str(&stdout(&json)).expect("JSON");
    assert_eq!(report["head"]["errors"], 1);
    assert_eq!(report["base"]["errors"], 0);
}

#[test]
fn no_change_and_unknown_revisions() {
    let (repo, base) = base_repository();
    repo.write("README.md", "Repositori kerja sama.\n");
    repo.commit("documentation only");
    let text = stdout(&repo.pakta_untranslated(&["diff", &base, "--today", TODAY]));
    assert!(
        text.contains("Tidak ada perubahan pada perjanjian.\n"),
        "{text}"
    );

    let unknown = repo.pakta(&["diff", "no-such-branch"]);
    assert_eq!(unknown.status.code(), Some(2));
    assert!(stderr(&unknown).contains("`no-such-branch` is not a commit in this repository"));
    let indonesian = repo.pakta_untranslated(&["diff", "no-such-branch"]);
    assert_eq!(
        stderr(&indonesian),
        "kesalahan: `no-such-branch` bukan commit di repositori ini\n"
    );
}

#[test]
fn the_first_commit_with_agreements_adds_them_all() {
    let repo = Repo::empty();
    repo.git(&["init", "-q", "-b", "main"]);
    repo.write("README.md", "Repositori kerja sama.\n");
    let empty = repo.commit("empty");
    repo.write("pakta.toml", CONFIG);
    repo.write("agreements/_unit.toml", unit("KPU RI", "national", &[]));
    repo.write("agreements/2026-mou-bssn.md", BSSN);
    repo.commit("first agreement");
    let json = repo.pakta(&["diff", &empty, "--today", TODAY, "--format", "json"]);
    assert!(json.status.success(), "{}", stderr(&json));
    let report: Value = serde_json::from_str(&stdout(&json)).expect("JSON");
    assert_eq!(report["added"][0]["id"], "2026-mou-bssn");
    assert_eq!(report["units_added"], serde_json::json!([""]));
}

#[test]
fn content_in_a_subfolder_of_the_git_repository() {
    let repo = Repo::empty();
    repo.git(&["init", "-q", "-b", "main"]);
    repo.write("site/pakta.toml", CONFIG);
    repo.write(
        "site/agreements/_unit.toml",
        unit("KPU RI", "national", &[]),
    );
    repo.write(
        "site/agreements/jawa-tengah/_unit.toml",
        unit("KPU Provinsi Jawa Tengah", "province", &[]),
    );
    repo.write("site/agreements/2026-mou-bssn.md", BSSN);
    let base = repo.commit("base");
    repo.git(&[
        "mv",
        "site/agreements/2026-mou-bssn.md",
        "site/agreements/jawa-tengah/2026-mou-bssn.md",
    ]);
    repo.commit("move to the province");
    let output = std::process::Command::new(env!("CARGO_BIN_EXE_pakta"))
        .args([
            "diff", &base, "--today", TODAY, "--format", "json", "--root",
        ])
        .arg(repo.root.join("site"))
        .output()
        .expect("run pakta");
    assert!(output.status.success(), "{}", stderr(&output));
    let report: Value = serde_json::from_str(&stdout(&output)).expect("JSON");
    assert_eq!(
        report["renamed"],
        serde_json::json!([{"from": "2026-mou-bssn", "to": "jawa-tengah/2026-mou-bssn"}])
    );
    assert_eq!(report["added"], serde_json::json!([]));
    assert_eq!(report["head"]["agreements"], 1);
}

#[test]
fn an_edited_activity_shows_its_changed_keys_not_a_removal_and_an_addition() {
    let (repo, base) = base_repository();
    let edited = BSSN.replace(
        "title = \"Uji penetrasi Sirekap\"\n",
        "title = \"Uji penetrasi Sirekap\"\nbenefit = \"Celah & risiko ditutup\"\n",
    );
    repo.write("agreements/2026-mou-bssn.md", edited);
    repo.commit("record what the test achieved");
    let text = stdout(&repo.pakta_untranslated(&["diff", &base, "--today", TODAY]));
    assert!(
        text.contains(
            "- Kegiatan 2026-06-10 — Uji penetrasi Sirekap: Manfaat (`activities.benefit`): (kosong) → `Celah & risiko ditutup`\n"
        ),
        "{text}"
    );
    assert!(!text.contains("Kegiatan baru"), "{text}");
    assert!(!text.contains("Kegiatan dihapus"), "{text}");
}

/// A revision's `.gitattributes` decides what `git archive` writes; the
/// comparison reads the blobs as committed, so neither `export-ignore` nor
/// `export-subst` can hide or dress up a change.
#[test]
fn gitattributes_of_a_revision_cannot_change_what_is_compared() {
    let (repo, base) = base_repository();
    repo.write(
        ".gitattributes",
        "agreements/2026-mou-bssn.md export-ignore\nagreements/jawa-tengah/*.md export-subst\n",
    );
    repo.write(
        "agreements/2026-mou-bssn.md",
        BSSN.replace("kind = \"mou\"", "kind = \"mou\"\nnumber = \"B-7/2026\""),
    );
    repo.write(
        "agreements/jawa-tengah/2026-mou-undip.md",
        UNDIP_NEGOTIATING.replace("01/PR.07-NK/33/2026", "$Format:%H$"),
    );
    repo.commit("attributes that would change an archive");
    let json = repo.pakta(&["diff", &base, "--today", TODAY, "--format", "json"]);
    assert!(json.status.success(), "{}", stderr(&json));
    let report: Value = serde_json::from_str(&stdout(&json)).expect("JSON");
    assert_eq!(report["removed"], serde_json::json!([]), "{report:#}");
    let number_of = |id: &str| {
        let change = report["changed"]
            .as_array()
            .expect("a list")
            .iter()
            .find(|c| c["id"] == id)
            .unwrap_or_else(|| panic!("{id} changed: {report:#}"));
        change["fields"]
            .as_array()
            .expect("a list")
            .iter()
            .find(|f| f["field"] == "number")
            .map(|f| f["to"].clone())
    };
    assert_eq!(number_of("2026-mou-bssn"), Some("B-7/2026".into()));
    assert_eq!(
        number_of("jawa-tengah/2026-mou-undip"),
        Some("$Format:%H$".into())
    );
}

/// A file above the loader's limit is reported by the loader, as in
/// `pakta check`, and never read from Git into memory.
#[test]
fn a_file_above_the_size_limit_is_reported_not_read() {
    let (repo, base) = base_repository();
    let mut big = OLD
        .replace("Perkumpulan Lama", "Perkumpulan Besar")
        .into_bytes();
    big.resize(17 * 1024 * 1024, b'x');
    repo.write("agreements/2026-other-besar.md", big);
    repo.commit("an oversized file");
    let json = repo.pakta(&["diff", &base, "--today", TODAY, "--format", "json"]);
    assert!(json.status.success(), "{}", stderr(&json));
    let report: Value = serde_json::from_str(&stdout(&json)).expect("JSON");
    assert_eq!(report["head"]["errors"], 1, "{report:#}");
    assert_eq!(report["head"]["agreements"], 4, "{report:#}");
    assert_eq!(report["added"], serde_json::json!([]));
}

/// A link committed in place of an agreement is written as a link for the
/// loader to refuse, as `pakta check` does; what it points at is never read.
#[cfg(unix)]
#[test]
fn a_committed_link_is_refused_not_followed() {
    let (repo, base) = base_repository();
    let secret = repo.path("rahasia.md");
    std::fs::write(&secret, OLD.replace("Perkumpulan Lama", "Rahasia")).expect("write");
    std::os::unix::fs::symlink(&secret, repo.path("agreements/2026-other-tautan.md"))
        .expect("a link");
    repo.commit("a link");
    let json = repo.pakta(&["diff", &base, "--today", TODAY, "--format", "json"]);
    assert!(json.status.success(), "{}", stderr(&json));
    let report: Value = serde_json::from_str(&stdout(&json)).expect("JSON");
    assert_eq!(report["head"]["errors"], 1, "{report:#}");
    assert_eq!(report["added"], serde_json::json!([]), "{report:#}");
}

/// The MoU's file is the same object on both sides, read and parsed once
/// for both; its flags still come from each side's own model, so a PKS
/// signed under it clears `needs-pks` on the head side only.
#[test]
fn an_unchanged_file_shared_by_both_sides_keeps_each_sides_figures() {
    let (repo, base) = base_repository();
    repo.write(
        "agreements/2026-pks-bssn.md",
        r#"+++
title = "Perjanjian Kerja Sama Uji Keamanan Sirekap"
kind = "pks"
parent = "2026-mou-bssn"

[dates]
planning = 2026-09-01
signed = 2026-10-05
expires = 2027-10-04

[[partners]]
name = "Badan Siber dan Sandi Negara"
category = "state-institution"
+++
"#,
    );
    repo.commit("a PKS under the BSSN MoU");
    let json = repo.pakta(&["diff", &base, "--today", TODAY, "--format", "json"]);
    assert!(json.status.success(), "{}", stderr(&json));
    let report: Value = serde_json::from_str(&stdout(&json)).expect("JSON");
    let added: Vec<&str> = report["added"]
        .as_array()
        .expect("added")
        .iter()
        .map(|a| a["id"].as_str().expect("id"))
        .collect();
    assert_eq!(added, ["2026-pks-bssn"], "{report:#}");
    let changed = report["changed"].as_array().expect("changed");
    assert_eq!(changed.len(), 1, "{report:#}");
    let mou = &changed[0];
    assert_eq!(mou["id"], "2026-mou-bssn");
    assert_eq!(mou["flags_removed"], serde_json::json!(["needs-pks"]));
    assert_eq!(mou["fields"], serde_json::json!([]));
    assert_eq!(mou["body_changed"], false);
    assert_eq!(report["base"]["agreements"], 3);
    assert_eq!(report["head"]["agreements"], 4);
}

mod every_key {
    //! The front matter written from the format's own field list, so that a
    //! key added to the format fails these tests until the summary names it.

    use super::*;
    use pakta_content::i18n::{Lang, Texts};
    use pakta_content::schema::spec::{AGREEMENT, Field, FieldType, TableSpec};

    /// A TOML value for `field`: `side` 0 or 1 gives two different values;
    /// tables hold only their required keys unless `all`.
    fn value(field: &Field, side: usize, all: bool) -> String {
        let word = ["satu", "dua"][side];
        match field.ty {
            FieldType::Text => format!("\"{} {word}\"", field.name),
            FieldType::Date => format!("2026-0{}-1{side}", side + 3),
            FieldType::Integer { min, .. } => (min + 1 + side as i64).to_string(),
            FieldType::Bool => (side == 0).to_string(),
            FieldType::TextList | FieldType::ReviewerList => format!("[\"{} {word}\"]", field.name),
            FieldType::Choice(choices) => format!("\"{}\"", choices.choices[side].code),
            FieldType::ChoiceList { choices, .. } => {
                format!("[\"{}\"]", choices.choices[side].code)
            }
            FieldType::Url => format!("\"https://{word}.example.org/{}\"", field.name),
            FieldType::Sha256 => format!("\"{}\"", ["a", "b"][side].repeat(64)),
            FieldType::Reference => format!("\"rujukan-{word}\""),
            FieldType::Table(inner) => table(inner, side, all),
            FieldType::TableList(inner) => format!("[{}]", table(inner, side, all)),
        }
    }

    /// An inline table; a table with no required key keeps its first key,
    /// since an empty one says nothing (and `[dates]` needs a stage).
    fn table(spec: &TableSpec, side: usize, all: bool) -> String {
        let mut keys: Vec<&Field> = spec.fields.iter().filter(|f| all || f.required).collect();
        if keys.is_empty() {
            keys.push(&spec.fields[0]);
        }
        let pairs: Vec<String> = keys
            .iter()
            .map(|f| format!("{} = {}", f.name, value(f, side, all)))
            .collect();
        format!("{{ {} }}", pairs.join(", "))
    }

    /// Lists of tables get one entry on both sides, so that its keys are
    /// compared rather than the entry added whole.
    fn front_matter(side: usize, all: bool) -> String {
        let mut text = String::from("+++\n");
        let listed = |f: &&Field| all || f.required || matches!(f.ty, FieldType::TableList(_));
        for field in AGREEMENT.fields.iter().filter(listed) {
            text.push_str(&format!("{} = {}\n", field.name, value(field, side, all)));
        }
        text + "+++\n\nTeks.\n"
    }

    /// Every key path of the format that holds a value, e.g. "dates.signed"
    /// or "activities.evidence.file".
    fn leaf_paths() -> Vec<String> {
        fn walk(spec: &TableSpec, path: &str, out: &mut Vec<String>) {
            for field in spec.fields {
                let key = if path.is_empty() {
                    field.name.to_string()
                } else {
                    format!("{path}.{}", field.name)
                };
                match field.ty {
                    FieldType::Table(inner) | FieldType::TableList(inner) => walk(inner, &key, out),
                    _ => out.push(key),
                }
            }
        }
        let mut out = Vec::new();
        walk(&AGREEMENT, "", &mut out);
        out
    }

    /// Base: only the required keys; head: every key with other values.
    fn repository() -> (Repo, String, String) {
        let repo = Repo::empty();
        repo.git(&["init", "-q", "-b", "main"]);
        repo.write("pakta.toml", CONFIG);
        repo.write("agreements/_unit.toml", unit("KPU RI", "national", &[]));
        for target in ["rujukan-satu", "rujukan-dua"] {
            repo.write(&format!("agreements/{target}.md"), OLD);
        }
        repo.write("agreements/2026-mou-semua.md", front_matter(0, false));
        let base = repo.commit("required keys only");
        repo.write("agreements/2026-mou-semua.md", front_matter(1, true));
        let head = repo.commit("every key");
        (repo, base, head)
    }

    fn named_fields(report: &Value) -> Vec<String> {
        let changed = report["changed"].as_array().expect("a list");
        let change = changed
            .iter()
            .find(|c| c["id"] == "2026-mou-semua")
            .unwrap_or_else(|| panic!("the agreement changed: {report:#}"));
        assert_eq!(change["entries_added"], serde_json::json!([]), "{change:#}");
        assert_eq!(
            change["entries_removed"],
            serde_json::json!([]),
            "{change:#}"
        );
        change["fields"]
            .as_array()
            .expect("a list")
            .iter()
            .map(|f| f["field"].as_str().expect("a path").to_string())
            .collect()
    }

    #[test]
    fn adding_or_editing_any_key_is_named_in_the_summary() {
        let (repo, base, head) = repository();
        for (from, to) in [(&base, &head), (&head, &base)] {
            let json = repo.pakta(&["diff", from, to, "--today", TODAY, "--format", "json"]);
            assert!(json.status.success(), "{}", stderr(&json));
            let report: Value = serde_json::from_str(&stdout(&json)).expect("JSON");
            let named = named_fields(&report);
            let missing: Vec<String> = leaf_paths()
                .into_iter()
                .filter(|path| !named.contains(path))
                .collect();
            assert!(
                missing.is_empty(),
                "not in the summary: {missing:?}\n{report:#}"
            );
        }
    }

    #[test]
    fn the_summary_calls_every_key_by_its_catalog_name() {
        let (repo, base, head) = repository();
        for (lang, output) in [
            (
                Lang::Id,
                repo.pakta_untranslated(&["diff", &base, &head, "--today", TODAY]),
            ),
            (
                Lang::En,
                repo.pakta(&["diff", &base, &head, "--today", TODAY]),
            ),
        ] {
            let text = stdout(&output);
            let texts = Texts::default_for(lang);
            for path in leaf_paths() {
                let key = format!("diff-key-{}", path.replace('.', "-"));
                let label = texts.text(&key);
                let shown = format!("{label} (`{path}`): ");
                assert!(
                    text.contains(&shown),
                    "{}: no {shown:?} in\n{text}",
                    lang.code()
                );
            }
        }
    }
}

/// What `pakta diff` says with nothing checked out: a clone without a
/// working tree, so every file comes from Git.
fn diff_without_checkout(repo: &Repo, args: &[&str]) -> String {
    let clone = Repo::empty();
    let target = clone.path("repository");
    repo.git(&[
        "clone",
        "-q",
        "--no-checkout",
        ".",
        &target.to_string_lossy(),
    ]);
    let output = common::pakta_in(&target, args);
    assert!(output.status.success(), "{}", stderr(&output));
    stdout(&output)
}

/// Files edited in the working tree but not committed are not what either
/// side holds: the committed side reads them from Git, and the diff is the
/// one a clone without a working tree gives.
#[test]
fn a_file_edited_in_the_working_tree_is_read_from_git_for_the_committed_side() {
    let (repo, base) = base_repository();
    repo.write("agreements/jawa-tengah/2026-mou-undip.md", UNDIP_SIGNED);
    let head = repo.commit("signed");
    let uncommitted = [
        (
            "agreements/jawa-tengah/2026-mou-undip.md",
            UNDIP_SIGNED.replace("Prof. Dr. Suharnomo", "Belum disimpan"),
        ),
        (
            "agreements/2026-mou-bssn.md",
            BSSN.replace("Uji penetrasi Sirekap", "Belum disimpan"),
        ),
    ];
    for (path, text) in uncommitted {
        repo.write(path, text);
    }
    repo.remove("agreements/2025-other-lama.md");
    let args = ["diff", &base, &head, "--today", TODAY, "--format", "json"];
    let output = repo.pakta(&args);
    assert!(output.status.success(), "{}", stderr(&output));
    let json = stdout(&output);
    assert!(json.contains("Prof. Dr. Suharnomo"), "{json}");
    assert!(!json.contains("Belum disimpan"), "{json}");
    let report: Value = serde_json::from_str(&json).expect("JSON");
    let changed: Vec<&Value> = report["changed"]
        .as_array()
        .expect("a list")
        .iter()
        .map(|c| &c["id"])
        .collect();
    assert_eq!(changed, ["jawa-tengah/2026-mou-undip"], "{report:#}");
    assert_eq!(report["removed"], serde_json::json!([]), "{report:#}");
    assert_eq!(json, diff_without_checkout(&repo, &args));
}

/// A checkout that converts files (here `ident`, which writes the object id
/// into `$Id$`) leaves working-tree bytes that are not the committed
/// object: they are read from Git, and `$Id$` is compared as committed.
#[test]
fn a_file_converted_on_checkout_is_read_from_git() {
    let (repo, base) = base_repository();
    repo.write(".gitattributes", "*.md ident\n");
    repo.write(
        "agreements/2026-mou-bssn.md",
        BSSN.replace(
            "kind = \"mou\"",
            "kind = \"mou\"\nnumber = \"B-7/2026 $Id$\"",
        ),
    );
    repo.commit("an ident number");
    // Checked out again, so the attribute applies to the working tree.
    repo.remove("agreements/2026-mou-bssn.md");
    repo.git(&["checkout", "--", "agreements/2026-mou-bssn.md"]);
    assert!(
        repo.read("agreements/2026-mou-bssn.md").contains("$Id: "),
        "the checkout expanded $Id$"
    );
    let args = ["diff", &base, "--today", TODAY];
    let output = repo.pakta(&args);
    assert!(output.status.success(), "{}", stderr(&output));
    let markdown = stdout(&output);
    assert!(markdown.contains("B-7/2026 $Id$"), "{markdown}");
    assert!(!markdown.contains("$Id: "), "{markdown}");
    assert_eq!(markdown, diff_without_checkout(&repo, &args));
}
