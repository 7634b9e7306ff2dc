//! A site theme is code run by every build: it can call only the
//! documented functions (never read the environment or the clock), and its
//! catalog keys and the texts its templates ask for are checked by `check`
//! at their place, in the run's language.

mod common;

use std::process::{Command, Output};

use common::{Repo, TODAY, VALID_AGREEMENT, position};
use serde_json::Value;

const THEMED: &str =
    "[site]\ntitle = \"Uji\"\nbase_url = \"https://example.org/kerjasama\"\ntheme = \"mine\"\n";

fn themed_repo() -> Repo {
    let repo = Repo::minimal();
    repo.write("pakta.toml", THEMED);
    repo.write("agreements/2025-mou-uns.md", VALID_AGREEMENT);
    repo
}

fn build(repo: &Repo) -> Output {
    let out = repo.path("site");
    repo.pakta(&["build", "--out", out.to_str().unwrap(), "--today", TODAY])
}

fn text(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}

/// The one diagnostic with `code`, asserted at `needle` of `file`.
fn located(diagnostics: &[Value], code: &str, file: &str, content: &str, needle: &str) -> Value {
    let found: Vec<&Value> = diagnostics.iter().filter(|d| d["code"] == code).collect();
    assert_eq!(found.len(), 1, "one {code} expected in {diagnostics:#?}");
    let (line, column) = position(content, needle);
    assert_eq!(found[0]["file"], file, "{}", found[0]);
    assert_eq!(
        (found[0]["line"].as_u64(), found[0]["column"].as_u64()),
        (Some(line), Some(column)),
        "{}",
        found[0]
    );
    found[0].clone()
}

#[test]
fn templates_cannot_read_the_environment_or_the_clock() {
    for call in [
        "get_env(name=\"PAKTA_PROBE_SECRET\")",
        "now()",
        "get_random(end=9)",
        "throw(message=\"x\")",
    ] {
        let repo = themed_repo();
        repo.write(
            "themes/mine/footer.html",
            format!("<footer>{{{{ {call} }}}}</footer>"),
        );
        let out = repo.path("site");
        let output = Command::new(env!("CARGO_BIN_EXE_pakta"))
            .args(["build", "--today", TODAY, "--out"])
            .arg(&out)
            .arg("--root")
            .arg(&repo.root)
            .env("PAKTA_LANG", "en")
            .env("PAKTA_PROBE_SECRET", "ghs_token_value")
            .output()
            .expect("pakta runs");
        assert!(!output.status.success(), "{call}: {output:?}");
        assert!(!out.exists(), "{call}");
        let name = &call[..call.find('(').unwrap()];
        assert!(text(&output.stderr).contains(name), "{call}: {output:?}");
        assert!(!text(&output.stderr).contains("ghs_token_value"));
    }
    // What docs/theming.md lists works.
    let repo = themed_repo();
    repo.write(
        "themes/mine/footer.html",
        "<footer>{% for i in range(end=2) %}{{ t(k=\"home\") | upper | truncate(length=20) }}{% if i is odd %}odd{% endif %}{% endfor %}</footer>",
    );
    let output = build(&repo);
    assert!(output.status.success(), "{output:?}");
}

#[test]
fn a_theme_catalog_key_the_default_lacks_is_located_by_check_in_the_runs_language() {
    let repo = themed_repo();
    let catalog = "[labels]\nhome = \"Beranda Kami\"\nhomee = \"Salah ketik\"\n\n[terms.status]\nactive = \"Aktif\"\nactiv = \"Salah\"\n\n[terms.colour]\nred = \"Merah\"\n";
    repo.write("themes/mine/i18n/id.toml", catalog);
    repo.write("themes/mine/i18n/en.toml", "[labels]\nhme = \"Home\"\n");
    let (status, diagnostics) = repo.check_json();
    assert_eq!(status, 1, "{diagnostics:#?}");
    let unknown: Vec<&Value> = diagnostics
        .iter()
        .filter(|d| d["code"] == "unknown-catalog-key")
        .collect();
    assert_eq!(unknown.len(), 4, "{diagnostics:#?}");
    for (file, content, needle, key) in [
        ("themes/mine/i18n/id.toml", catalog, "homee", "labels.homee"),
        (
            "themes/mine/i18n/id.toml",
            catalog,
            "activ ",
            "terms.status.activ",
        ),
        (
            "themes/mine/i18n/id.toml",
            catalog,
            "colour",
            "terms.colour",
        ),
        (
            "themes/mine/i18n/en.toml",
            "[labels]\nhme = \"Home\"\n",
            "hme",
            "labels.hme",
        ),
    ] {
        let (line, column) = position(content, needle);
        let d = unknown
            .iter()
            .find(|d| d["file"] == file && d["line"] == line && d["column"] == column)
            .unwrap_or_else(|| panic!("{key} not at {file}:{line}:{column}: {unknown:#?}"));
        assert!(d["message"].as_str().unwrap().contains(key), "{d}");
    }
    // In Indonesian when the run speaks it, with nothing written in Rust.
    let output = repo.pakta_untranslated(&["check", "--today", TODAY]);
    let printed = text(&output.stdout) + &text(&output.stderr);
    assert!(
        printed.contains("`labels.homee` bukan teks katalog bawaan"),
        "{printed}"
    );
    assert!(!printed.contains("unknown keys"), "{printed}");
    assert_eq!(build(&repo).status.code(), Some(1));
}

#[test]
fn a_text_no_catalog_has_is_located_by_check_and_never_printed_as_its_key() {
    let repo = themed_repo();
    let template = "{% extends \"base.html\" %}\n{% block content %}\n<p>{{ t(k=\"home\") }}</p>\n<p>{{ t(k=\"no-such-text\") }}</p>\n{% endblock content %}\n";
    repo.write("themes/mine/agreement.html", template);
    let (status, diagnostics) = repo.check_json();
    assert_eq!(status, 1, "{diagnostics:#?}");
    let d = located(
        &diagnostics,
        "unknown-text",
        "themes/mine/agreement.html",
        template,
        "no-such-text",
    );
    assert!(
        d["message"].as_str().unwrap().contains("`no-such-text`"),
        "{d}"
    );
    let output = build(&repo);
    assert_eq!(output.status.code(), Some(1), "{output:?}");
    assert!(!repo.path("site").exists());

    // A key made while rendering fails the page instead of showing itself.
    let repo = themed_repo();
    repo.write(
        "themes/mine/agreement.html",
        "{% extends \"base.html\" %}{% block content %}{{ t(k=\"no-such-\" ~ page.kind) }}{% endblock content %}",
    );
    let (status, diagnostics) = repo.check_json();
    assert_eq!(status, 0, "{diagnostics:#?}");
    let output = build(&repo);
    assert!(!output.status.success(), "{output:?}");
    assert!(text(&output.stderr).contains("no-such-mou"), "{output:?}");
    assert!(!repo.path("site").exists());
}

#[cfg(unix)]
#[test]
fn a_pakta_lang_that_is_not_utf8_is_refused() {
    use std::os::unix::ffi::OsStrExt;
    let repo = themed_repo();
    let output = Command::new(env!("CARGO_BIN_EXE_pakta"))
        .args(["check", "--today", TODAY, "--root"])
        .arg(&repo.root)
        .env("PAKTA_LANG", std::ffi::OsStr::from_bytes(b"e\xffn"))
        .output()
        .expect("pakta runs");
    assert_eq!(output.status.code(), Some(2), "{output:?}");
    assert!(text(&output.stderr).contains("PAKTA_LANG"), "{output:?}");
}
