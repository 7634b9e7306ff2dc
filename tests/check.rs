//! Every validation rule of the content format, each with an invalid
//! fixture whose code, file, line and column are asserted.

mod common;

use common::{NATIONAL_UNIT, Repo, VALID_AGREEMENT, position};
use serde_json::Value;

const FILE: &str = "agreements/2025-mou-uns.md";

/// Writes `content` as the one agreement and returns the diagnostics.
fn check_agreement(content: &str) -> (i32, Vec<Value>) {
    let repo = Repo::minimal();
    repo.write(FILE, content);
    repo.check_json()
}

/// The agreement with `from` replaced by `to` (which must be present).
fn variant(from: &str, to: &str) -> String {
    assert!(
        VALID_AGREEMENT.contains(from),
        "{from:?} not in the fixture"
    );
    VALID_AGREEMENT.replacen(from, to, 1)
}

/// Asserts exactly one diagnostic with `code`, at `needle` in `content`.
fn assert_one(diagnostics: &[Value], code: &str, file: &str, content: &str, needle: &str) -> Value {
    let found: Vec<&Value> = diagnostics.iter().filter(|d| d["code"] == code).collect();
    assert_eq!(found.len(), 1, "one {code} expected in {diagnostics:#?}");
    let d = found[0].clone();
    let (line, column) = position(content, needle);
    assert_eq!(d["file"], file, "{d}");
    assert_eq!(
        (d["line"].as_u64(), d["column"].as_u64()),
        (Some(line), Some(column)),
        "{d}"
    );
    d
}

/// Errors only: fixtures in folders without a `_unit.toml` of their own
/// also get the `folder-without-unit` warning.
fn error_count(diagnostics: &[Value]) -> usize {
    diagnostics
        .iter()
        .filter(|d| d["severity"] == "error")
        .count()
}

fn message(d: &Value) -> &str {
    d["message"].as_str().expect("message is text")
}

#[test]
fn the_valid_fixture_is_valid() {
    let (status, diagnostics) = check_agreement(VALID_AGREEMENT);
    assert_eq!(status, 0, "{diagnostics:#?}");
    assert!(diagnostics.is_empty(), "{diagnostics:#?}");
}

#[test]
fn missing_front_matter() {
    let content = "title = \"Tanpa pembatas\"\n";
    let (status, diagnostics) = check_agreement(content);
    assert_eq!(status, 1);
    let d = assert_one(&diagnostics, "missing-front-matter", FILE, content, "title");
    assert!(message(&d).contains("+++"), "{d}");
}

#[test]
fn unterminated_front_matter() {
    let content = "+++\ntitle = \"a\"\nkind = \"mou\"\n\nTeks tanpa penutup.\n";
    let (_, diagnostics) = check_agreement(content);
    assert_one(
        &diagnostics,
        "unterminated-front-matter",
        FILE,
        content,
        "+++",
    );
}

#[test]
fn invalid_toml_is_located_from_the_top_of_the_file() {
    let content = variant("kind = \"mou\"", "kind = \"mou");
    let (status, diagnostics) = check_agreement(&content);
    assert_eq!(status, 1);
    let d = diagnostics
        .iter()
        .find(|d| d["code"] == "invalid-toml")
        .expect("a TOML error");
    // Line 3 of the file, not line 2 of the front matter.
    assert_eq!(d["line"], 3, "{d}");
}

#[test]
fn bytes_that_are_not_utf8() {
    let mut content = VALID_AGREEMENT.as_bytes().to_vec();
    let at = VALID_AGREEMENT.find("Sebelas").unwrap();
    content[at] = 0xff;
    let repo = Repo::minimal();
    repo.write(FILE, &content);
    let (status, diagnostics) = repo.check_json();
    assert_eq!(status, 1);
    assert_one(
        &diagnostics,
        "invalid-utf8",
        FILE,
        VALID_AGREEMENT,
        "Sebelas",
    );
}

#[test]
fn unknown_keys_suggest_the_nearest_allowed_key() {
    let content = variant("title =", "titel =");
    let (_, diagnostics) = check_agreement(&content);
    let d = assert_one(&diagnostics, "unknown-field", FILE, &content, "titel");
    assert!(message(&d).contains("did you mean `title`"), "{d}");
    assert!(
        message(&d).contains("kind, number"),
        "lists allowed keys: {d}"
    );
}

#[test]
fn unknown_keys_in_nested_tables() {
    let content = variant(
        "signed = 2025-03-10",
        "signed = 2025-03-10\nsigend = 2025-03-10",
    )
    .replacen(
        "category = \"university\"",
        "category = \"university\"\nwebsit = \"https://uns.ac.id\"",
        1,
    );
    let (_, diagnostics) = check_agreement(&content);
    let unknown: Vec<&Value> = diagnostics
        .iter()
        .filter(|d| d["code"] == "unknown-field")
        .collect();
    assert_eq!(unknown.len(), 2, "{diagnostics:#?}");
    assert_eq!(unknown[0]["line"], position(&content, "sigend").0);
    assert!(message(unknown[0]).contains("[dates]") && message(unknown[0]).contains("`signed`"));
    assert_eq!(unknown[1]["line"], position(&content, "websit").0);
    assert!(message(unknown[1]).contains("`website`"));
}

#[test]
fn wrong_types_name_what_is_expected() {
    let content = variant("signed = 2025-03-10", "signed = \"2025-03-10\"");
    let (_, diagnostics) = check_agreement(&content);
    let d = assert_one(&diagnostics, "wrong-type", FILE, &content, "\"2025-03-10\"");
    assert!(message(&d).contains("a date like"), "{d}");
    assert!(message(&d).contains("remove the quotes"), "{d}");

    let content = variant("title = \"Nota", "title = 12\nx = \"Nota");
    let (_, diagnostics) = check_agreement(&content);
    assert_one(&diagnostics, "wrong-type", FILE, &content, "12");
}

#[test]
fn a_single_partner_table_must_be_an_array_of_tables() {
    let content = variant("[[partners]]", "[partners]");
    let (_, diagnostics) = check_agreement(&content);
    let d = diagnostics
        .iter()
        .find(|d| d["code"] == "wrong-type")
        .expect("wrong-type");
    assert!(message(d).contains("[[partners]]"), "{d}");
}

#[test]
fn missing_required_keys() {
    let content = variant(
        "title = \"Nota Kesepahaman tentang Pendidikan Pemilih\"\n",
        "",
    );
    let (status, diagnostics) = check_agreement(&content);
    assert_eq!(status, 1);
    let d = diagnostics
        .iter()
        .find(|d| d["code"] == "missing-field")
        .expect("missing-field");
    assert!(message(d).contains("`title`"), "{d}");
    assert_eq!(
        (d["line"].as_u64(), d["column"].as_u64()),
        (Some(2), Some(1))
    );

    let content = variant("name = \"Universitas Sebelas Maret\"\n", "");
    let (_, diagnostics) = check_agreement(&content);
    let d = assert_one(
        &diagnostics,
        "missing-field",
        FILE,
        &content,
        "[[partners]]",
    );
    assert!(message(&d).contains("`name`"), "{d}");
}

#[test]
fn dates_need_a_stage_and_agreements_a_partner() {
    let content = variant(
        "planning = 2025-01-06\nsigned = 2025-03-10\nexpires = 2029-03-09\n",
        "",
    );
    let (_, diagnostics) = check_agreement(&content);
    let d = assert_one(&diagnostics, "missing-field", FILE, &content, "[dates]");
    assert!(message(&d).contains("stage date"), "{d}");

    let without_partners = {
        let start = VALID_AGREEMENT.find("[[partners]]").unwrap();
        let end = VALID_AGREEMENT.find("[[activities]]").unwrap();
        format!("{}{}", &VALID_AGREEMENT[..start], &VALID_AGREEMENT[end..])
    };
    let (_, diagnostics) = check_agreement(&without_partners);
    let d = diagnostics
        .iter()
        .find(|d| d["code"] == "missing-field")
        .expect("missing-field");
    assert!(message(d).contains("`partners`"), "{d}");
}

#[test]
fn values_outside_their_list() {
    for (from, to, needle) in [
        ("kind = \"mou\"", "kind = \"moa\"", "\"moa\""),
        ("topics =", "scope = \"abroad\"\ntopics =", "\"abroad\""),
        (
            "category = \"university\"",
            "category = \"universe\"",
            "\"universe\"",
        ),
        ("result = \"on-track\"", "result = \"done\"", "\"done\""),
    ] {
        let content = variant(from, to);
        let (_, diagnostics) = check_agreement(&content);
        let d = assert_one(&diagnostics, "invalid-value", FILE, &content, needle);
        assert!(message(&d).contains("allowed:"), "{d}");
    }
    let content = variant("kind = \"mou\"", "kind = \"MoU\"");
    let (_, diagnostics) = check_agreement(&content);
    let d = assert_one(&diagnostics, "invalid-value", FILE, &content, "\"MoU\"");
    // A word pakta knows the code for gets the rewrite (tests/check_mistakes.rs).
    assert!(message(&d).contains("write \"mou\""), "{d}");
}

#[test]
fn empty_text_is_refused() {
    let content = variant("number = \"01/PR.07-NK/01/2025\"", "number = \"  \"");
    let (_, diagnostics) = check_agreement(&content);
    assert_one(&diagnostics, "empty-value", FILE, &content, "\"  \"");
}

#[test]
fn stage_dates_out_of_lifecycle_order() {
    let content = variant(
        "planning = 2025-01-06",
        "planning = 2025-04-01\nnegotiation = 2025-02-01",
    );
    let (_, diagnostics) = check_agreement(&content);
    let order: Vec<&Value> = diagnostics
        .iter()
        .filter(|d| d["code"] == "stage-order")
        .collect();
    // Both later stages come before planning.
    assert_eq!(order.len(), 2, "{diagnostics:#?}");
    assert_eq!(order[0]["line"], position(&content, "negotiation").0);
    assert_eq!(order[0]["column"], position(&content, "2025-02-01").1);
    assert!(message(order[0]).contains("before `planning`"));
    assert_eq!(order[1]["line"], position(&content, "signed").0);
}

#[test]
fn starts_before_signed() {
    let content = variant(
        "expires = 2029-03-09",
        "starts = 2025-03-01\nexpires = 2029-03-09",
    );
    let (_, diagnostics) = check_agreement(&content);
    assert_one(
        &diagnostics,
        "starts-before-signed",
        FILE,
        &content,
        "2025-03-01",
    );
}

#[test]
fn expires_on_or_before_starts() {
    let content = variant("expires = 2029-03-09", "expires = 2025-03-10");
    let (_, diagnostics) = check_agreement(&content);
    assert_one(
        &diagnostics,
        "expires-before-start",
        FILE,
        &content,
        "2025-03-10\n\n[[partners",
    );
}

#[test]
fn both_expires_and_duration() {
    let content = variant(
        "expires = 2029-03-09",
        "expires = 2029-03-09\nduration_months = 48",
    );
    let (_, diagnostics) = check_agreement(&content);
    assert_one(&diagnostics, "expires-and-duration", FILE, &content, "48");
}

#[test]
fn term_dates_without_signed() {
    let content = variant(
        "signed = 2025-03-10\nexpires = 2029-03-09",
        "starts = 2025-03-10\nduration_months = 12",
    );
    let (_, diagnostics) = check_agreement(&content);
    let found: Vec<&Value> = diagnostics
        .iter()
        .filter(|d| d["code"] == "date-without-signed")
        .collect();
    assert_eq!(found.len(), 2, "{diagnostics:#?}");
    assert_eq!(found[0]["line"], position(&content, "starts").0);
    assert_eq!(found[1]["line"], position(&content, "duration_months").0);
}

#[test]
fn duration_below_one_month() {
    let content = variant("expires = 2029-03-09", "duration_months = 0");
    let (_, diagnostics) = check_agreement(&content);
    let d = assert_one(
        &diagnostics,
        "invalid-value",
        FILE,
        &content,
        "0\n\n[[partners",
    );
    assert!(message(&d).contains("at least 1"), "{d}");
}

fn pks(extra: &str) -> String {
    VALID_AGREEMENT
        .replacen("kind = \"mou\"", &format!("kind = \"pks\"\n{extra}"), 1)
        .replacen("01/PR.07-NK", "02/PR.07-PKS", 1)
}

#[test]
fn references_to_missing_agreements_suggest_the_nearest_id() {
    let repo = Repo::minimal();
    repo.write(FILE, VALID_AGREEMENT);
    let content = pks("parent = \"2025-mou-unss\"");
    repo.write("agreements/2025-pks-uns.md", &content);
    let (_, diagnostics) = repo.check_json();
    let d = assert_one(
        &diagnostics,
        "unknown-reference",
        "agreements/2025-pks-uns.md",
        &content,
        "\"2025-mou-unss\"",
    );
    assert!(message(&d).contains("did you mean \"2025-mou-uns\""), "{d}");
}

#[test]
fn an_agreement_cannot_name_itself() {
    let content = pks("renews = \"2025-mou-uns\"");
    let (_, diagnostics) = check_agreement(&content);
    assert_one(
        &diagnostics,
        "self-reference",
        FILE,
        &content,
        "\"2025-mou-uns\"",
    );
}

#[test]
fn a_parent_must_be_an_mou() {
    let repo = Repo::minimal();
    repo.write("agreements/2025-pks-a.md", pks(""));
    let content = pks("parent = \"2025-pks-a\"").replacen("02/PR", "03/PR", 1);
    repo.write("agreements/2025-pks-b.md", &content);
    let (_, diagnostics) = repo.check_json();
    let d = assert_one(
        &diagnostics,
        "parent-not-mou",
        "agreements/2025-pks-b.md",
        &content,
        "\"2025-pks-a\"",
    );
    assert!(message(&d).contains("kind \"pks\""), "{d}");
}

#[test]
fn only_an_addendum_amends() {
    let repo = Repo::minimal();
    repo.write(FILE, VALID_AGREEMENT);
    let content = pks("amends = \"2025-mou-uns\"");
    repo.write("agreements/2025-pks-uns.md", &content);
    let (_, diagnostics) = repo.check_json();
    assert_one(
        &diagnostics,
        "amends-not-addendum",
        "agreements/2025-pks-uns.md",
        &content,
        "\"2025-mou-uns\"",
    );
}

#[test]
fn renewals_must_not_go_round_in_a_circle() {
    let repo = Repo::minimal();
    let a = VALID_AGREEMENT.replacen("kind = \"mou\"", "kind = \"mou\"\nrenews = \"b\"", 1);
    let b = VALID_AGREEMENT
        .replacen("kind = \"mou\"", "kind = \"mou\"\nrenews = \"a\"", 1)
        .replacen("01/PR", "02/PR", 1);
    repo.write("agreements/a.md", &a)
        .write("agreements/b.md", &b);
    let (_, diagnostics) = repo.check_json();
    let cycles: Vec<&Value> = diagnostics
        .iter()
        .filter(|d| d["code"] == "renewal-cycle")
        .collect();
    assert_eq!(cycles.len(), 2, "{diagnostics:#?}");
    assert_eq!(cycles[0]["file"], "agreements/a.md");
    assert_eq!(cycles[0]["line"], position(&a, "renews").0);
    assert!(message(cycles[0]).contains("a -> b -> a"), "{}", cycles[0]);
}

#[test]
fn a_pks_cannot_be_signed_before_its_mou() {
    let repo = Repo::minimal();
    repo.write(FILE, VALID_AGREEMENT);
    let content =
        pks("parent = \"2025-mou-uns\"").replacen("signed = 2025-03-10", "signed = 2025-03-09", 1);
    repo.write("agreements/2025-pks-uns.md", &content);
    let (status, diagnostics) = repo.check_json();
    assert_eq!(status, 1);
    let d = assert_one(
        &diagnostics,
        "signed-before-parent",
        "agreements/2025-pks-uns.md",
        &content,
        "2025-03-09",
    );
    assert!(message(&d).contains("2025-03-10"), "{d}");
}

#[test]
fn a_pks_signed_on_the_day_of_its_mou_is_fine() {
    let repo = Repo::minimal();
    repo.write(FILE, VALID_AGREEMENT);
    repo.write(
        "agreements/2025-pks-uns.md",
        pks("parent = \"2025-mou-uns\""),
    );
    let (status, diagnostics) = repo.check_json();
    assert_eq!(status, 0, "{diagnostics:#?}");
    assert!(diagnostics.is_empty(), "{diagnostics:#?}");
}

#[test]
fn a_signed_pks_needs_a_signed_mou() {
    let repo = Repo::minimal();
    let mou = variant(
        "signed = 2025-03-10\nexpires = 2029-03-09\n",
        "negotiation = 2025-02-10\n",
    );
    repo.write(FILE, &mou);
    let content = pks("parent = \"2025-mou-uns\"");
    repo.write("agreements/2025-pks-uns.md", &content);
    // A PKS still being prepared under an MoU in negotiation is normal.
    let planned = pks("parent = \"2025-mou-uns\"")
        .replacen("signed = 2025-03-10\nexpires = 2029-03-09\n", "", 1)
        .replacen("02/PR", "03/PR", 1);
    repo.write("agreements/2025-pks-uns-2.md", &planned);
    let (status, diagnostics) = repo.check_json();
    assert_eq!(status, 1);
    let d = assert_one(
        &diagnostics,
        "parent-not-signed",
        "agreements/2025-pks-uns.md",
        &content,
        "\"2025-mou-uns\"",
    );
    assert!(message(&d).contains("no `signed` date"), "{d}");
}

#[test]
fn an_unknown_parent_suggests_the_agreement_of_the_same_unit() {
    let repo = Repo::minimal();
    repo.write(
        "agreements/jateng/_unit.toml",
        "name = \"KPU Jawa Tengah\"\nlevel = \"province\"\n",
    );
    repo.write("agreements/2022-mou-bssn.md", VALID_AGREEMENT);
    repo.write("agreements/jateng/2026-mou-uns.md", VALID_AGREEMENT);
    let content = pks("parent = \"2026-mou-uns\"");
    repo.write("agreements/jateng/2026-pks-uns.md", &content);
    let (_, diagnostics) = repo.check_json();
    let d = assert_one(
        &diagnostics,
        "unknown-reference",
        "agreements/jateng/2026-pks-uns.md",
        &content,
        "\"2026-mou-uns\"",
    );
    assert!(
        message(&d).contains("did you mean \"jateng/2026-mou-uns\""),
        "{d}"
    );
}

#[test]
fn one_run_reports_field_errors_and_unknown_references_of_different_files() {
    let repo = Repo::minimal();
    let broken = variant("title = \"Nota", "titel = \"Nota");
    repo.write(FILE, &broken);
    let content = pks("parent = \"2025-mou-unz\"");
    repo.write("agreements/2025-pks-uns.md", &content);
    let copy = VALID_AGREEMENT.replacen("01/PR", "03/PR", 1);
    repo.write("agreements/2025-mou-uns-copy.md", &copy);
    repo.write("agreements/2025-mou-uns-again.md", &copy);
    let (status, diagnostics) = repo.check_json();
    assert_eq!(status, 1);
    assert_one(&diagnostics, "unknown-field", FILE, &broken, "titel");
    let d = assert_one(
        &diagnostics,
        "unknown-reference",
        "agreements/2025-pks-uns.md",
        &content,
        "\"2025-mou-unz\"",
    );
    // The broken file still counts as an agreement that can be named.
    assert!(message(&d).contains("no such agreement"), "{d}");
    assert!(
        d["help"].is_null() || d.to_string().contains("2025-mou-uns"),
        "{d}"
    );
    assert_one(
        &diagnostics,
        "duplicate-number",
        "agreements/2025-mou-uns-copy.md",
        &copy,
        "\"03/PR.07-NK/01/2025\"",
    );
}

#[test]
fn a_file_with_a_field_error_still_has_its_references_checked() {
    let repo = Repo::minimal();
    repo.write(FILE, VALID_AGREEMENT);
    let content = pks("parent = \"2025-mou-unz\"").replacen("title = \"Nota", "titel = \"Nota", 1);
    repo.write("agreements/2025-pks-uns.md", &content);
    let (status, diagnostics) = repo.check_json();
    assert_eq!(status, 1);
    let file = "agreements/2025-pks-uns.md";
    assert_one(&diagnostics, "unknown-field", file, &content, "titel");
    let d = assert_one(
        &diagnostics,
        "unknown-reference",
        file,
        &content,
        "\"2025-mou-unz\"",
    );
    assert!(message(&d).contains("did you mean \"2025-mou-uns\""), "{d}");
}

#[test]
fn an_agreement_in_a_folder_without_a_unit_is_pointed_out() {
    let repo = Repo::minimal();
    repo.write(
        "agreements/jateng/_unit.toml",
        "name = \"KPU Jawa Tengah\"\nlevel = \"province\"\n",
    );
    repo.write(
        "agreements/jateng/karanganyr/2025-mou-uns.md",
        VALID_AGREEMENT,
    );
    let (status, diagnostics) = repo.check_json();
    assert_eq!(status, 0, "a warning: {diagnostics:#?}");
    assert_eq!(diagnostics.len(), 1, "{diagnostics:#?}");
    let d = &diagnostics[0];
    assert_eq!(d["code"], "folder-without-unit");
    assert_eq!(d["severity"], "warning");
    assert_eq!(d["file"], "agreements/jateng/karanganyr/2025-mou-uns.md");
    assert_eq!(
        (d["line"].as_u64(), d["column"].as_u64()),
        (Some(1), Some(1))
    );
    assert!(message(d).contains("agreements/jateng/_unit.toml"), "{d}");
}

fn with_document(document: &str) -> String {
    variant(
        "+++\n\nKerja",
        &format!("\n[[documents]]\ntitle = \"Naskah\"\n{document}\n+++\n\nKerja"),
    )
}

#[test]
fn documents_need_exactly_one_of_file_and_url() {
    for document in [
        "",
        "file = \"files/a.pdf\"\nurl = \"https://example.org/a.pdf\"",
    ] {
        let content = with_document(document);
        let repo = Repo::minimal();
        repo.write(FILE, &content).write("files/a.pdf", "%PDF-1.4");
        let (_, diagnostics) = repo.check_json();
        assert_one(
            &diagnostics,
            "document-source",
            FILE,
            &content,
            "[[documents]]",
        );
    }
}

#[test]
fn document_files_stay_inside_the_repository() {
    for (file, code) in [
        ("/etc/passwd", "document-path"),
        ("files/../../secret.pdf", "document-path"),
        ("files/tidak-ada.pdf", "missing-file"),
        ("files", "document-path"),
        (".git/config", "document-path"),
        ("pakta.toml", "document-path"),
        ("../x", "document-path"),
        ("files/.hidden/x", "document-path"),
        ("agreements/_unit.toml", "document-path"),
    ] {
        let content = with_document(&format!("file = \"{file}\""));
        let repo = Repo::minimal();
        repo.write(FILE, &content).write("files/a.pdf", "%PDF-1.4");
        let (status, diagnostics) = repo.check_json();
        assert_eq!(status, 1);
        assert_one(&diagnostics, code, FILE, &content, &format!("\"{file}\""));
    }
}

#[cfg(unix)]
#[test]
fn a_document_linking_outside_the_repository_is_refused() {
    let outside = Repo::empty();
    outside.write("secret.pdf", "%PDF-1.4");
    let content = with_document("file = \"files/link.pdf\"");
    let repo = Repo::minimal();
    repo.write(FILE, &content);
    std::fs::create_dir_all(repo.path("files")).unwrap();
    std::os::unix::fs::symlink(outside.path("secret.pdf"), repo.path("files/link.pdf")).unwrap();
    let (_, diagnostics) = repo.check_json();
    let d = assert_one(
        &diagnostics,
        "document-path",
        FILE,
        &content,
        "\"files/link.pdf\"",
    );
    assert!(message(&d).contains("outside"), "{d}");
}

fn sha256_hex(bytes: &[u8]) -> String {
    use sha2::Digest;
    sha2::Sha256::digest(bytes)
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}

#[test]
fn checksums_of_local_files_are_verified() {
    let actual = sha256_hex(b"%PDF-1.4");
    let wrong = sha256_hex(b"another file");
    let content = with_document(&format!("file = \"files/a.pdf\"\nsha256 = \"{wrong}\""));
    let repo = Repo::minimal();
    repo.write(FILE, &content).write("files/a.pdf", "%PDF-1.4");
    let (status, diagnostics) = repo.check_json();
    assert_eq!(status, 1);
    let d = assert_one(
        &diagnostics,
        "checksum-mismatch",
        FILE,
        &content,
        &format!("\"{wrong}"),
    );
    assert!(
        message(&d).contains(&actual),
        "names the actual checksum: {d}"
    );

    let malformed = with_document("file = \"files/a.pdf\"\nsha256 = \"abc\"");
    repo.write(FILE, &malformed);
    let (_, diagnostics) = repo.check_json();
    assert_one(&diagnostics, "invalid-value", FILE, &malformed, "\"abc\"");
}

#[test]
fn a_matching_checksum_passes_in_any_case_and_path_spelling() {
    let repo = Repo::minimal();
    repo.write("files/a.pdf", "%PDF-1.4");
    let upper = sha256_hex(b"%PDF-1.4").to_uppercase();
    repo.write(
        FILE,
        with_document(&format!("file = \"./files/a.pdf\"\nsha256 = \"{upper}\"")),
    );
    let (status, diagnostics) = repo.check_json();
    assert_eq!((status, diagnostics.len()), (0, 0), "{diagnostics:#?}");
}

#[test]
fn only_web_addresses_are_accepted() {
    for (from, to, needle) in [
        (
            "category = \"university\"",
            "category = \"university\"\nwebsite = \"javascript:alert(1)\"",
            "\"javascript:alert(1)\"",
        ),
        (
            "title = \"Sosialisasi pemilih pemula\"",
            "title = \"Sosialisasi pemilih pemula\"\nurl = \"ftp://kpu.go.id/a\"",
            "\"ftp://kpu.go.id/a\"",
        ),
    ] {
        let content = variant(from, to);
        let (_, diagnostics) = check_agreement(&content);
        assert_one(&diagnostics, "invalid-url", FILE, &content, needle);
    }
    let content = with_document("url = \"data:text/html,hi\"");
    let (_, diagnostics) = check_agreement(&content);
    assert_one(
        &diagnostics,
        "invalid-url",
        FILE,
        &content,
        "\"data:text/html,hi\"",
    );

    let repo = Repo::minimal();
    let unit = format!("{NATIONAL_UNIT}website = \"kpu.go.id\"\n");
    repo.write("agreements/_unit.toml", &unit);
    let (_, diagnostics) = repo.check_json();
    assert_one(
        &diagnostics,
        "invalid-url",
        "agreements/_unit.toml",
        &unit,
        "\"kpu.go.id\"",
    );
}

#[test]
fn numbers_are_unique_within_a_unit() {
    let repo = Repo::minimal();
    repo.write("agreements/a.md", VALID_AGREEMENT)
        .write("agreements/b.md", VALID_AGREEMENT);
    repo.write(
        "agreements/jateng/_unit.toml",
        "name = \"KPU Jawa Tengah\"\nlevel = \"province\"\n",
    );
    // The same number in another unit is fine.
    repo.write("agreements/jateng/c.md", VALID_AGREEMENT);
    let (_, diagnostics) = repo.check_json();
    let d = assert_one(
        &diagnostics,
        "duplicate-number",
        "agreements/b.md",
        VALID_AGREEMENT,
        "\"01/PR.07-NK/01/2025\"",
    );
    assert!(message(&d).contains("agreements/a.md"), "{d}");
}

#[test]
fn agreements_need_a_unit() {
    let repo = Repo::empty();
    repo.write("pakta.toml", common::CONFIG);
    repo.write(
        "agreements/jateng/_unit.toml",
        "name = \"KPU Jawa Tengah\"\nlevel = \"province\"\n",
    );
    repo.write("agreements/jateng/a.md", VALID_AGREEMENT);
    repo.write("agreements/lepas/b.md", VALID_AGREEMENT);
    let (status, diagnostics) = repo.check_json();
    assert_eq!(status, 1);
    assert_eq!(diagnostics.len(), 1, "{diagnostics:#?}");
    assert_eq!(diagnostics[0]["code"], "no-unit");
    assert_eq!(diagnostics[0]["file"], "agreements/lepas/b.md");
    assert_eq!(
        (
            diagnostics[0]["line"].as_u64(),
            diagnostics[0]["column"].as_u64()
        ),
        (Some(1), Some(1))
    );
}

#[test]
fn units_nest_by_level() {
    let repo = Repo::minimal();
    let province = "name = \"KPU Jawa Tengah\"\nlevel = \"province\"\n";
    let wrong = "name = \"KPU Karanganyar\"\nlevel = \"national\"\n";
    repo.write("agreements/jateng/_unit.toml", province);
    // A regency directly below the national unit skips a level, which is allowed.
    repo.write(
        "agreements/kota-x/_unit.toml",
        "name = \"KPU Kota X\"\nlevel = \"city\"\n",
    );
    repo.write("agreements/jateng/karanganyar/_unit.toml", wrong);
    let (status, diagnostics) = repo.check_json();
    assert_eq!(status, 1);
    let d = assert_one(
        &diagnostics,
        "unit-level",
        "agreements/jateng/karanganyar/_unit.toml",
        wrong,
        "\"national\"",
    );
    assert!(message(&d).contains("\"province\""), "{d}");
}

#[test]
fn units_need_name_and_level() {
    let repo = Repo::minimal();
    let unit = "short = \"KPU Jateng\"\nlevle = \"province\"\n";
    repo.write("agreements/jateng/_unit.toml", unit);
    let (_, diagnostics) = repo.check_json();
    let codes: Vec<&Value> = diagnostics.iter().map(|d| &d["code"]).collect();
    assert_eq!(
        codes,
        ["missing-field", "missing-field", "unknown-field"],
        "{diagnostics:#?}"
    );
    assert!(message(&diagnostics[2]).contains("did you mean `level`"));
}

#[test]
fn config_keys_and_types_are_checked() {
    let repo = Repo::minimal();
    let config = "[site]\ntitle = \"Uji\"\nlanguage = \"jv\"\n\n[rules]\nexpiring_soon_days = \"90\"\ndormant_month = 6\n";
    repo.write("pakta.toml", config);
    let (status, diagnostics) = repo.check_json();
    assert_eq!(status, 1);
    assert_one(
        &diagnostics,
        "invalid-value",
        "pakta.toml",
        config,
        "\"jv\"",
    );
    assert_one(&diagnostics, "wrong-type", "pakta.toml", config, "\"90\"");
    let d = assert_one(
        &diagnostics,
        "unknown-field",
        "pakta.toml",
        config,
        "dormant_month",
    );
    assert!(message(&d).contains("`dormant_months`"), "{d}");
}

#[test]
fn warnings_do_not_fail_the_check() {
    let content =
        variant("expires = 2029-03-09\n", "").replacen("date = 2026-10-01", "date = 2025-01-01", 1);
    let (status, diagnostics) = check_agreement(&content);
    assert_eq!(status, 0, "{diagnostics:#?}");
    assert_eq!(diagnostics.len(), 2, "{diagnostics:#?}");
    assert!(diagnostics.iter().all(|d| d["severity"] == "warning"));
    assert_one(&diagnostics, "no-expiry", FILE, &content, "2025-03-10");
    assert_one(
        &diagnostics,
        "dated-before-signed",
        FILE,
        &content,
        "2025-01-01",
    );
}

#[test]
fn stray_files_are_pointed_out() {
    let repo = Repo::minimal();
    repo.write(FILE, VALID_AGREEMENT);
    repo.write("agreements/jateng/unit.toml", NATIONAL_UNIT);
    repo.write("agreements/_catatan.md", "bukan perjanjian");
    repo.write("agreements/.draft.md", "tersembunyi");
    let (status, diagnostics) = repo.check_json();
    assert_eq!(status, 0);
    assert_eq!(diagnostics.len(), 1, "{diagnostics:#?}");
    assert_eq!(diagnostics[0]["code"], "ignored-file");
    assert_eq!(diagnostics[0]["file"], "agreements/jateng/unit.toml");
}

#[test]
fn reviewers_are_github_users_teams_or_addresses() {
    let unit = "name = \"KPU RI\"\nlevel = \"national\"\nreviewers = [\"@kpu-ri/kerja-sama\", \"@org/team\\n* @attacker\", \"humas@kpu.go.id\"]\n";
    let repo = Repo::minimal();
    repo.write("agreements/_unit.toml", unit);
    let (status, diagnostics) = repo.check_json();
    assert_eq!(status, 1);
    let d = assert_one(
        &diagnostics,
        "invalid-reviewer",
        "agreements/_unit.toml",
        unit,
        "\"@org/team",
    );
    assert!(message(&d).contains("@org/team\\n* @attacker"), "{d}");
    assert_eq!(diagnostics.len(), 1, "{diagnostics:#?}");
}

/// The one `invalid-id` diagnostic of `file`, asserted at line 1, column 1.
fn invalid_id_of<'a>(diagnostics: &'a [Value], file: &str) -> &'a Value {
    let found: Vec<&Value> = diagnostics
        .iter()
        .filter(|d| d["code"] == "invalid-id" && d["file"] == file)
        .collect();
    assert_eq!(
        found.len(),
        1,
        "one invalid-id for {file} in {diagnostics:#?}"
    );
    assert_eq!(
        (found[0]["line"].as_u64(), found[0]["column"].as_u64()),
        (Some(1), Some(1))
    );
    found[0]
}

#[test]
fn ids_use_lower_case_letters_digits_and_hyphens() {
    let repo = Repo::minimal();
    repo.write("agreements/Jawa_Tengah/2025 MoU.UNS.md", VALID_AGREEMENT);
    repo.write(
        "agreements/pémilu.md",
        VALID_AGREEMENT.replacen("01/PR", "02/PR", 1),
    );
    let (status, diagnostics) = repo.check_json();
    assert_eq!(status, 1);
    let d = invalid_id_of(&diagnostics, "agreements/Jawa_Tengah/2025 MoU.UNS.md");
    assert!(
        message(d).contains("rename it to agreements/jawa-tengah/2025-mou-uns.md"),
        "{d}"
    );
    let d = invalid_id_of(&diagnostics, "agreements/pémilu.md");
    assert!(
        message(d).contains("rename it to agreements/pemilu.md"),
        "{d}"
    );
    assert_eq!(error_count(&diagnostics), 2, "{diagnostics:#?}");
}

#[test]
fn ids_and_unit_folders_cannot_name_other_site_files() {
    let repo = Repo::minimal();
    repo.write("agreements/x.md", VALID_AGREEMENT);
    repo.write(
        "agreements/x/index.html.md",
        VALID_AGREEMENT.replacen("01/PR", "02/PR", 1),
    );
    repo.write(
        "agreements/feed.xml/_unit.toml",
        "name = \"KPU Feed\"\nlevel = \"province\"\n",
    );
    let (status, diagnostics) = repo.check_json();
    assert_eq!(status, 1);
    let d = invalid_id_of(&diagnostics, "agreements/x/index.html.md");
    assert!(message(d).contains("x/index-html"), "{d}");
    let d = invalid_id_of(&diagnostics, "agreements/feed.xml/_unit.toml");
    assert!(message(d).contains("unit folder \"feed.xml\""), "{d}");
    assert!(message(d).contains("agreements/feed-xml/"), "{d}");
    assert_eq!(error_count(&diagnostics), 2, "{diagnostics:#?}");

    // What check refuses, build refuses too, without writing anything.
    let output = repo.pakta(&["build", "--today", common::TODAY, "--out", "public"]);
    assert_eq!(output.status.code(), Some(1), "{}", common::stderr(&output));
    assert!(!repo.path("public").exists());
}

#[test]
fn ids_differing_only_by_case_or_unicode_form_collide() {
    let repo = Repo::minimal();
    let composed = "agreements/pemilu-\u{e9}.md";
    let decomposed = "agreements/pemilu-e\u{301}.md";
    repo.write(composed, VALID_AGREEMENT);
    repo.write(decomposed, VALID_AGREEMENT.replacen("01/PR", "02/PR", 1));
    repo.write(
        "agreements/a.md",
        VALID_AGREEMENT.replacen("01/PR", "03/PR", 1),
    );
    repo.write(
        "agreements/A.md",
        VALID_AGREEMENT.replacen("01/PR", "04/PR", 1),
    );
    let (status, diagnostics) = repo.check_json();
    assert_eq!(status, 1);
    let collisions: Vec<&Value> = diagnostics
        .iter()
        .filter(|d| d["code"] == "id-collision")
        .collect();
    assert_eq!(collisions.len(), 2, "{diagnostics:#?}");
    // Sorted by file: "A" before "a", the decomposed é before the composed.
    assert_eq!(collisions[0]["file"], "agreements/a.md");
    assert!(
        message(collisions[0]).contains("\"A\" (agreements/A.md)"),
        "{}",
        collisions[0]
    );
    assert_eq!(collisions[1]["file"], composed);
    assert!(
        message(collisions[1]).contains(decomposed),
        "{}",
        collisions[1]
    );
    for d in collisions {
        assert_eq!(
            (d["line"].as_u64(), d["column"].as_u64()),
            (Some(1), Some(1))
        );
    }
}

#[cfg(unix)]
#[test]
fn an_agreement_that_is_a_link_is_not_read() {
    let outside = Repo::empty();
    outside.write("elsewhere.md", VALID_AGREEMENT);
    let repo = Repo::minimal();
    std::os::unix::fs::symlink(outside.path("elsewhere.md"), repo.path(FILE)).unwrap();
    let (status, diagnostics) = repo.check_json();
    assert_eq!(status, 1);
    assert_eq!(diagnostics.len(), 1, "{diagnostics:#?}");
    let d = &diagnostics[0];
    assert_eq!(d["code"], "not-a-file");
    assert_eq!(d["file"], FILE);
    assert_eq!(
        (d["line"].as_u64(), d["column"].as_u64()),
        (Some(1), Some(1))
    );
    assert!(message(d).contains("symbolic link"), "{d}");
}

#[test]
fn agreement_files_over_16_mib_are_refused() {
    let repo = Repo::minimal();
    repo.write(FILE, VALID_AGREEMENT);
    let file = std::fs::OpenOptions::new()
        .append(true)
        .open(repo.path(FILE))
        .unwrap();
    file.set_len(16 * 1024 * 1024 + 1).unwrap();
    let (status, diagnostics) = repo.check_json();
    assert_eq!(status, 1);
    assert_eq!(diagnostics.len(), 1, "{diagnostics:#?}");
    assert_eq!(diagnostics[0]["code"], "file-too-large");
    assert_eq!(diagnostics[0]["file"], FILE);
    assert_eq!(diagnostics[0]["line"], 1);
}

const UNDIP: &str =
    "name = \"Universitas Diponegoro\"\nacronym = \"UNDIP\"\ncategory = \"university\"\n";

#[test]
fn a_valid_partner_register_passes() {
    let repo = Repo::minimal();
    repo.write("partners/undip.toml", UNDIP);
    repo.write(
        "partners/fisip-undip.toml",
        "name = \"FISIP, Universitas Diponegoro\"\nparent = \"undip\"\n",
    );
    repo.write(FILE, variant("Universitas Sebelas Maret", "UNDIP").as_str());
    let (status, diagnostics) = repo.check_json();
    assert_eq!(status, 0, "{diagnostics:#?}");
    assert!(diagnostics.is_empty(), "{diagnostics:#?}");
}

#[test]
fn register_entries_are_checked_key_by_key() {
    let repo = Repo::minimal();
    let entry = "name = \"Universitas Diponegoro\"\nsingkatan = \"UNDIP\"\ncategory = \"kampus\"\nwebsite = \"undip.ac.id\"\n";
    repo.write("partners/undip.toml", entry);
    repo.write("partners/Undip Lama.toml", UNDIP);
    let (status, diagnostics) = repo.check_json();
    assert_eq!(status, 1);
    let file = "partners/undip.toml";
    let d = assert_one(&diagnostics, "unknown-field", file, entry, "singkatan");
    assert!(message(&d).contains("acronym"), "{d}");
    assert_one(&diagnostics, "invalid-value", file, entry, "\"kampus\"");
    assert_one(&diagnostics, "invalid-url", file, entry, "\"undip.ac.id\"");
    let d = assert_one(
        &diagnostics,
        "invalid-id",
        "partners/Undip Lama.toml",
        UNDIP,
        "name",
    );
    assert!(message(&d).contains("partners/undip-lama.toml"), "{d}");
}

#[test]
fn a_name_belongs_to_one_partner_only() {
    let repo = Repo::minimal();
    repo.write("partners/undip.toml", UNDIP);
    let other =
        "name = \"Universitas Diponegoro Semarang\"\naliases = [\"Universitas  diponegoro\"]\n";
    repo.write("partners/undip-semarang.toml", other);
    let (status, diagnostics) = repo.check_json();
    assert_eq!(status, 1);
    // The entry whose key sorts first keeps the name.
    let d = assert_one(
        &diagnostics,
        "duplicate-partner-name",
        "partners/undip-semarang.toml",
        other,
        "\"Universitas  diponegoro\"",
    );
    assert!(message(&d).contains("partners/undip.toml"), "{d}");
    // The key `undip` and the acronym `UNDIP` of one entry are one name.
    assert_eq!(
        diagnostics
            .iter()
            .filter(|d| d["code"] == "duplicate-partner-name")
            .count(),
        1,
        "{diagnostics:#?}"
    );
}

#[test]
fn a_partner_parent_must_be_registered_and_not_circular() {
    let repo = Repo::minimal();
    let fisip = "name = \"FISIP Undip\"\nparent = \"undipp\"\n";
    repo.write("partners/undip.toml", UNDIP);
    repo.write("partners/fisip-undip.toml", fisip);
    let a = "name = \"Organisasi A\"\nparent = \"org-b\"\n";
    let b = "name = \"Organisasi B\"\nparent = \"org-a\"\n";
    repo.write("partners/org-a.toml", a);
    repo.write("partners/org-b.toml", b);
    let (status, diagnostics) = repo.check_json();
    assert_eq!(status, 1);
    let d = assert_one(
        &diagnostics,
        "unknown-partner",
        "partners/fisip-undip.toml",
        fisip,
        "\"undipp\"",
    );
    assert!(message(&d).contains("did you mean \"undip\""), "{d}");
    let cycles: Vec<&Value> = diagnostics
        .iter()
        .filter(|d| d["code"] == "partner-cycle")
        .collect();
    assert_eq!(cycles.len(), 2, "{diagnostics:#?}");
    assert_eq!(cycles[0]["file"], "partners/org-a.toml");
    assert_eq!(
        (cycles[0]["line"].as_u64(), cycles[0]["column"].as_u64()),
        (
            Some(position(a, "\"org-b\"").0),
            Some(position(a, "\"org-b\"").1)
        )
    );
    assert!(
        message(cycles[0]).contains("org-a -> org-b -> org-a"),
        "{}",
        cycles[0]
    );
}

#[test]
fn a_partner_name_close_to_a_registered_one_suggests_it() {
    let repo = Repo::minimal();
    repo.write("partners/undip.toml", UNDIP);
    let content = variant("Universitas Sebelas Maret", "Universitas Dipenegoro");
    repo.write(FILE, &content);
    let (status, diagnostics) = repo.check_json();
    assert_eq!(status, 0, "a warning: {diagnostics:#?}");
    let d = assert_one(
        &diagnostics,
        "partner-name-close",
        FILE,
        &content,
        "\"Universitas Dipenegoro\"",
    );
    assert_eq!(d["severity"], "warning");
    assert!(
        message(&d).contains("write name = \"Universitas Diponegoro\""),
        "{d}"
    );
    assert!(message(&d).contains("partners/undip.toml"), "{d}");
}

#[test]
fn a_mangled_register_gives_diagnostics_never_a_crash() {
    let repo = Repo::minimal();
    repo.write(FILE, VALID_AGREEMENT);
    let broken = "name = \"Universitas\nacronym = 3\n";
    repo.write("partners/rusak.toml", broken);
    repo.write("partners/biner.toml", [b'n', b'a', 0xff, 0xfe, b'\n']);
    repo.write(
        "partners/tipe.toml",
        "name = 3\naliases = \"satu\"\nparent = [\"x\"]\n",
    );
    repo.write("partners/catatan.md", "bukan mitra");
    repo.write("partners/sub/undip.toml", UNDIP);
    #[cfg(unix)]
    std::os::unix::fs::symlink("/dev/zero", repo.path("partners/nol.toml")).expect("a link");
    let (status, diagnostics) = repo.check_json();
    assert_eq!(status, 1, "{diagnostics:#?}");
    let at = |file: &str| -> Vec<&str> {
        diagnostics
            .iter()
            .filter(|d| d["file"] == file)
            .map(|d| d["code"].as_str().expect("a code"))
            .collect()
    };
    assert_eq!(
        at("partners/rusak.toml"),
        ["invalid-toml"],
        "{diagnostics:#?}"
    );
    assert_eq!(at("partners/biner.toml"), ["invalid-utf8"]);
    assert_eq!(
        at("partners/tipe.toml"),
        ["wrong-type", "wrong-type", "wrong-type"],
        "{diagnostics:#?}"
    );
    assert_eq!(at("partners/catatan.md"), ["ignored-file"]);
    assert_eq!(at("partners/sub"), ["ignored-file"]);
    #[cfg(unix)]
    assert_eq!(at("partners/nol.toml"), ["not-a-file"]);
}
