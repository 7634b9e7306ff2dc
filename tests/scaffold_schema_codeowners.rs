//! `pakta new`, `pakta schema` and `pakta codeowners` on fixture
//! repositories and on the sample content.

mod common;

use std::path::Path;

use common::{CONFIG, Repo, sample_root, stderr, stdout, unit};
use serde_json::Value;

fn small_repository() -> Repo {
    let repo = Repo::empty();
    repo.write("pakta.toml", CONFIG);
    repo.write(
        "agreements/_unit.toml",
        unit("KPU RI", "national", &["@kpu-ri/kerja-sama"]),
    );
    repo.write(
        "agreements/jawa-tengah/_unit.toml",
        unit(
            "KPU Provinsi Jawa Tengah",
            "province",
            &["@kpu-jateng/kerja-sama"],
        ),
    );
    repo.write(
        "agreements/jawa-tengah/karanganyar/_unit.toml",
        unit("KPU Kabupaten Karanganyar", "regency", &[]),
    );
    repo
}

fn new_args<'a>(unit: &'a str, kind: &'a str) -> Vec<&'a str> {
    vec![
        "new",
        "--unit",
        unit,
        "--kind",
        kind,
        "--partner",
        "Universitas Sebelas Maret (UNS)",
        "--category",
        "university",
        "--title",
        "Nota Kesepahaman tentang Pendidikan Pemilih",
        "--today",
        "2026-11-22",
    ]
}

#[test]
fn new_writes_a_valid_agreement_and_never_overwrites() {
    let repo = small_repository();
    let output = repo.pakta(&new_args("agreements/jawa-tengah/karanganyar/", "mou"));
    assert!(output.status.success(), "{}", stderr(&output));
    assert_eq!(
        stdout(&output),
        "agreements/jawa-tengah/karanganyar/2026-mou-uns.md\n"
    );
    let text = repo.read("agreements/jawa-tengah/karanganyar/2026-mou-uns.md");
    assert!(text.contains("kind = \"mou\"\n"), "{text}");
    assert!(text.contains("planning = 2026-11-22"), "{text}");
    assert!(
        text.contains("name = \"Universitas Sebelas Maret (UNS)\"\ncategory = \"university\"\n"),
        "{text}"
    );
    assert!(
        text.contains("antara KPU Kabupaten Karanganyar dan Universitas Sebelas Maret (UNS)."),
        "{text}"
    );

    let check = repo.pakta(&["check", "--today", "2026-11-22", "--format", "json"]);
    assert_eq!(check.status.code(), Some(0), "{}", stdout(&check));
    // Only the usual sections, still to be filled in, are pointed at.
    let diagnostics: Vec<Value> = serde_json::from_slice(&check.stdout).expect("JSON");
    assert_eq!(diagnostics.len(), 5, "{diagnostics:#?}");
    assert!(diagnostics.iter().all(|d| d["code"] == "empty-section"));
    let data = repo.pakta(&["data", "--today", "2026-11-22"]);
    let document: Value = serde_json::from_slice(&data.stdout).expect("JSON");
    assert_eq!(
        document["agreements"][0]["id"],
        "jawa-tengah/karanganyar/2026-mou-uns"
    );
    assert_eq!(document["agreements"][0]["status"], "planning");

    // A taken name gets a suffix; the first file is left as it was.
    let again = repo.pakta(&new_args("jawa-tengah/karanganyar", "mou"));
    assert!(again.status.success(), "{}", stderr(&again));
    assert_eq!(
        stdout(&again),
        "agreements/jawa-tengah/karanganyar/2026-mou-uns-2.md\n"
    );
    let named = repo.pakta(
        &[
            new_args("jawa-tengah/karanganyar", "mou"),
            vec!["--id", "2026-mou-uns"],
        ]
        .concat(),
    );
    assert_eq!(named.status.code(), Some(2));
    assert!(
        stderr(&named)
            .contains("agreements/jawa-tengah/karanganyar/2026-mou-uns.md already exists")
    );
    assert_eq!(
        repo.read("agreements/jawa-tengah/karanganyar/2026-mou-uns.md"),
        text
    );
}

#[test]
fn new_pks_and_named_files_pass_the_check() {
    let repo = small_repository();
    let mut args = new_args(".", "pks");
    args.extend(["--id", "2026-pks-uns-kkn"]);
    let output = repo.pakta(&args);
    assert!(output.status.success(), "{}", stderr(&output));
    assert_eq!(stdout(&output), "agreements/2026-pks-uns-kkn.md\n");
    assert!(
        repo.read("agreements/2026-pks-uns-kkn.md")
            .contains("# parent = ")
    );
    let check = repo.pakta(&["check", "--today", "2026-11-22"]);
    assert_eq!(check.status.code(), Some(0), "{}", stderr(&check));
}

#[test]
fn new_refuses_unknown_units_kinds_and_categories() {
    let repo = small_repository();
    let unknown_unit = repo.pakta(&new_args("jawa-barat", "mou"));
    assert_eq!(unknown_unit.status.code(), Some(2));
    let message = stderr(&unknown_unit);
    assert!(
        message.contains("there is no unit `jawa-barat`"),
        "{message}"
    );
    assert!(
        message.contains("  jawa-tengah/karanganyar  (KPU Kabupaten Karanganyar)"),
        "{message}"
    );
    assert!(message.contains("  .  (KPU RI)"), "{message}");

    let unknown_kind = repo.pakta(&new_args("jawa-tengah", "nota"));
    assert_eq!(unknown_kind.status.code(), Some(2));
    assert!(
        stderr(&unknown_kind)
            .contains("unknown kind `nota`; use one of: mou, pks, addendum, other")
    );

    let mut args = new_args("jawa-tengah", "mou");
    args[8] = "toko";
    let unknown_category = repo.pakta(&args);
    assert_eq!(unknown_category.status.code(), Some(2));
    assert!(stderr(&unknown_category).contains("unknown category `toko`"));
    assert!(
        !repo
            .root
            .join("agreements/jawa-tengah/2026-mou-uns.md")
            .exists()
    );
}

#[test]
fn committed_schemas_are_up_to_date() {
    let out = Repo::empty();
    let output = std::process::Command::new(env!("CARGO_BIN_EXE_pakta"))
        .args(["schema", "--out"])
        .arg(out.root.join("schemas"))
        .output()
        .expect("run pakta");
    assert!(output.status.success(), "{}", stderr(&output));
    for name in [
        "agreement.schema.json",
        "unit.schema.json",
        "pakta.schema.json",
        "partner.schema.json",
    ] {
        let generated = out.read(&format!("schemas/{name}"));
        let committed = std::fs::read_to_string(sample_root().join("schemas").join(name))
            .expect("a committed schema");
        assert_eq!(
            generated, committed,
            "schemas/{name} is out of date: run `pakta schema --out schemas`"
        );
    }
    let printed = std::process::Command::new(env!("CARGO_BIN_EXE_pakta"))
        .args(["schema", "unit"])
        .output()
        .expect("run pakta");
    assert_eq!(stdout(&printed), out.read("schemas/unit.schema.json"));
}

/// TOML as the JSON a schema validator sees: dates become "YYYY-MM-DD".
fn toml_to_json(value: &toml::Value) -> Value {
    match value {
        toml::Value::String(s) => Value::String(s.clone()),
        toml::Value::Integer(i) => Value::from(*i),
        toml::Value::Float(f) => Value::from(*f),
        toml::Value::Boolean(b) => Value::Bool(*b),
        toml::Value::Datetime(d) => Value::String(d.to_string()),
        toml::Value::Array(items) => Value::Array(items.iter().map(toml_to_json).collect()),
        toml::Value::Table(table) => Value::Object(
            table
                .iter()
                .map(|(k, v)| (k.clone(), toml_to_json(v)))
                .collect(),
        ),
    }
}

fn parse_toml(text: &str) -> Value {
    toml_to_json(&toml::Value::Table(
        toml::from_str(text).expect("valid TOML"),
    ))
}

fn front_matter(text: &str) -> &str {
    let rest = text
        .strip_prefix("+++\n")
        .expect("front matter opens the file");
    &rest[..rest.find("\n+++").expect("front matter is closed") + 1]
}

fn validator(name: &str) -> jsonschema::Validator {
    let text = std::fs::read_to_string(sample_root().join("schemas").join(name)).expect("a schema");
    let schema: Value = serde_json::from_str(&text).expect("JSON");
    jsonschema::validator_for(&schema).expect("a valid schema")
}

fn assert_valid(validator: &jsonschema::Validator, instance: &Value, file: &Path) {
    let errors: Vec<String> = validator
        .iter_errors(instance)
        .map(|e| e.to_string())
        .collect();
    assert!(
        errors.is_empty(),
        "{} does not match its schema: {errors:?}",
        file.display()
    );
}

#[test]
fn every_sample_file_matches_its_schema() {
    let agreement = validator("agreement.schema.json");
    let unit = validator("unit.schema.json");
    let config = validator("pakta.schema.json");
    let (mut agreements, mut units) = (0, 0);
    for entry in walkdir::WalkDir::new(sample_root().join("agreements")) {
        let entry = entry.expect("a readable folder");
        let path = entry.path();
        let name = entry.file_name().to_string_lossy();
        if name == "_unit.toml" {
            let text = std::fs::read_to_string(path).expect("a unit file");
            assert_valid(&unit, &parse_toml(&text), path);
            units += 1;
        } else if name.ends_with(".md") {
            let text = std::fs::read_to_string(path).expect("an agreement");
            assert_valid(&agreement, &parse_toml(front_matter(&text)), path);
            agreements += 1;
        }
    }
    assert!(
        agreements > 0 && units > 0,
        "the sample was not found: {agreements} agreements, {units} units"
    );
    let config_path = sample_root().join("pakta.toml");
    let text = std::fs::read_to_string(&config_path).expect("pakta.toml");
    assert_valid(&config, &parse_toml(&text), &config_path);
    let partner = validator("partner.schema.json");
    let mut partners = 0;
    for entry in std::fs::read_dir(sample_root().join("partners")).expect("the sample register") {
        let path = entry.expect("a readable folder").path();
        let text = std::fs::read_to_string(&path).expect("a register entry");
        assert_valid(&partner, &parse_toml(&text), &path);
        partners += 1;
    }
    assert!(partners > 0, "the sample register is empty");
}

#[test]
fn the_schemas_reject_what_the_checker_rejects() {
    let agreement = validator("agreement.schema.json");
    let valid = parse_toml(
        "title = \"T\"\nkind = \"mou\"\n[dates]\nplanning = 2026-01-05\n[[partners]]\nname = \"P\"\ncategory = \"ngo\"\n",
    );
    assert!(agreement.is_valid(&valid));
    for broken in [
        "title = \"T\"\nkind = \"mou\"\nnomor = \"1\"\n[dates]\nplanning = 2026-01-05\n[[partners]]\nname = \"P\"\ncategory = \"ngo\"\n",
        "title = \"T\"\nkind = \"nota\"\n[dates]\nplanning = 2026-01-05\n[[partners]]\nname = \"P\"\ncategory = \"ngo\"\n",
        "title = \"T\"\nkind = \"mou\"\n[dates]\nstarts = 2026-01-05\n[[partners]]\nname = \"P\"\ncategory = \"ngo\"\n",
        "title = \"T\"\nkind = \"mou\"\npartners = []\n[dates]\nplanning = 2026-01-05\n",
        "title = \"T\"\nkind = \"mou\"\n[dates]\nplanning = 2026-01-05\n[[partners]]\nname = \"P\"\ncategory = \"ngo\"\nwebsite = \"ftp://x\"\n",
    ] {
        assert!(
            !agreement.is_valid(&parse_toml(broken)),
            "accepted:\n{broken}"
        );
    }
    let unit = validator("unit.schema.json");
    assert!(!unit.is_valid(&parse_toml("name = \"KPU\"\nlevel = \"village\"\n")));
    assert!(!unit.is_valid(&parse_toml(
        "name = \"KPU\"\nlevel = \"city\"\nreviewers = \"@a/b\"\n"
    )));
    let partner = validator("partner.schema.json");
    assert!(partner.is_valid(&parse_toml(
        "name = \"Universitas Diponegoro\"\nacronym = \"UNDIP\"\n"
    )));
    for broken in [
        "acronym = \"UNDIP\"\n",
        "name = \"U\"\ncategory = \"kampus\"\n",
        "name = \"U\"\naliases = \"Undip\"\n",
        "name = \"U\"\nsingkatan = \"U\"\n",
    ] {
        assert!(
            !partner.is_valid(&parse_toml(broken)),
            "accepted:\n{broken}"
        );
    }
}

#[test]
fn codeowners_follows_the_reviewers_up_the_hierarchy() {
    let repo = small_repository();
    let missing = repo.pakta(&["codeowners", "--check"]);
    assert_eq!(missing.status.code(), Some(1));
    let output = repo.pakta(&["codeowners"]);
    assert!(output.status.success(), "{}", stderr(&output));
    assert_eq!(stdout(&output), ".github/CODEOWNERS\n");
    let text = repo.read(".github/CODEOWNERS");
    assert!(text.starts_with("# Generated by `pakta codeowners`"));
    let rules: Vec<&str> = text.lines().filter(|l| l.starts_with('/')).collect();
    assert_eq!(
        rules,
        [
            "/agreements/ @kpu-ri/kerja-sama",
            "/agreements/jawa-tengah/ @kpu-jateng/kerja-sama @kpu-ri/kerja-sama",
            "/agreements/jawa-tengah/karanganyar/ @kpu-jateng/kerja-sama @kpu-ri/kerja-sama",
        ]
    );
    assert_eq!(
        repo.pakta(&["codeowners", "--check"]).status.code(),
        Some(0)
    );

    repo.write(
        "agreements/jawa-tengah/karanganyar/_unit.toml",
        unit(
            "KPU Kabupaten Karanganyar",
            "regency",
            &["@kpu-karanganyar/humas"],
        ),
    );
    let stale = repo.pakta(&["codeowners", "--check"]);
    assert_eq!(stale.status.code(), Some(1));
    assert!(stderr(&stale).contains("out of date"));
    assert_eq!(repo.read(".github/CODEOWNERS"), text);
}

#[test]
fn codeowners_refuses_broken_units() {
    let repo = small_repository();
    repo.write(
        "agreements/jawa-tengah/_unit.toml",
        "name = \"KPU Jateng\"\nlevel = \"province\"\nreviewer = [\"@x/y\"]\n",
    );
    let output = repo.pakta(&["codeowners"]);
    assert_eq!(output.status.code(), Some(1));
    assert!(
        stderr(&output).contains("unknown key `reviewer`"),
        "{}",
        stderr(&output)
    );
    assert!(!repo.root.join(".github/CODEOWNERS").exists());
}

#[test]
fn the_committed_codeowners_is_up_to_date() {
    let output = std::process::Command::new(env!("CARGO_BIN_EXE_pakta"))
        .args(["codeowners", "--check", "--root"])
        .arg(sample_root())
        .output()
        .expect("run pakta");
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
}

#[test]
fn the_unit_schema_accepts_the_reviewers_pakta_accepts() {
    let schema = validator("unit.schema.json");
    for reviewer in [
        "@octocat",
        "@kpu-ri/kerja-sama",
        "@Org/Team_2",
        "humas@kpu.go.id",
        "a.b+c@sub.example.org",
        "@org/team\n* @attacker",
        "@org/team @attacker",
        "@org/",
        "@-org",
        "@org--x",
        "@org/team/sub",
        "octocat",
        "a@b",
        "x#y@example.org",
    ] {
        let instance = serde_json::json!({
            "name": "KPU",
            "level": "national",
            "reviewers": [reviewer],
        });
        assert_eq!(
            schema.is_valid(&instance),
            pakta_content::reviewers::is_valid_owner(reviewer),
            "{reviewer:?}"
        );
    }
}
