//! Settings in `pakta.toml` are read by a careless review as often as by
//! an editor: a value out of range, an odd `base_url` or a `theme` that
//! leaves `themes/` is a located error from `check` and `build`, never a
//! silent default nor a way to publish files that are not the site's.

mod common;

use std::process::Output;

use common::{Repo, TODAY, VALID_AGREEMENT, position};
use serde_json::Value;

const SITE: &str = "[site]\ntitle = \"Uji\"\nbase_url = \"https://example.org/kerjasama\"\n";

fn repo_with(config: &str) -> Repo {
    let repo = Repo::minimal();
    repo.write("pakta.toml", config);
    repo.write("agreements/2025-mou-uns.md", VALID_AGREEMENT);
    repo
}

fn build(repo: &Repo) -> Output {
    let out = repo.path("site");
    repo.pakta(&["build", "--out", out.to_str().unwrap(), "--today", TODAY])
}

/// Asserts a diagnostic with `code` in pakta.toml at `needle`, and
/// returns its message.
fn located(diagnostics: &[Value], code: &str, config: &str, needle: &str) -> String {
    let (line, column) = position(config, needle);
    let found = diagnostics.iter().find(|d| {
        d["code"] == code
            && d["file"] == "pakta.toml"
            && d["line"].as_u64() == Some(line)
            && d["column"].as_u64() == Some(column)
    });
    let d = found.unwrap_or_else(|| panic!("no {code} at {needle:?} in {diagnostics:#?}"));
    d["message"].as_str().unwrap_or_default().to_string()
}

#[test]
fn numbers_out_of_range_are_located_errors_not_defaults() {
    let config = format!(
        "{SITE}\n[rules]\nexpiring_soon_days = 4294967296\npks_deadline_months = 9999999999999\ndormant_months = 121\n\n[reports]\nmonths = 4294967297\n"
    );
    let repo = repo_with(&config);
    let (status, diagnostics) = repo.check_json();
    assert_eq!(status, 1, "{diagnostics:#?}");
    for (needle, max) in [
        ("4294967296", "3650"),
        ("9999999999999", "120"),
        ("121", "120"),
        ("4294967297", "120"),
    ] {
        let message = located(&diagnostics, "invalid-value", &config, needle);
        assert!(message.contains(max), "{needle}: {message}");
    }
    let output = build(&repo);
    assert_eq!(output.status.code(), Some(1), "{output:?}");
    assert!(!repo.path("site").exists());

    let at_the_limits = format!(
        "{SITE}\n[rules]\nexpiring_soon_days = 3650\npks_deadline_months = 120\ndormant_months = 0\n\n[reports]\nmonths = 120\n"
    );
    let (status, diagnostics) = repo_with(&at_the_limits).check_json();
    assert_eq!(status, 0, "{diagnostics:#?}");
}

#[test]
fn a_base_url_with_a_query_or_fragment_is_a_located_error() {
    for base_url in [
        "https://example.org/kerjasama?x=1",
        "https://example.org/kerjasama#top",
        "ftp://example.org/kerjasama",
        "https://example.org/ker jasama",
    ] {
        let config = format!("[site]\ntitle = \"Uji\"\nbase_url = \"{base_url}\"\n");
        let repo = repo_with(&config);
        let (status, diagnostics) = repo.check_json();
        assert_eq!(status, 1, "{base_url}: {diagnostics:#?}");
        located(
            &diagnostics,
            "invalid-url",
            &config,
            &format!("\"{base_url}\""),
        );
        assert_eq!(build(&repo).status.code(), Some(1), "{base_url}");
    }
    let config = format!("{SITE}repository = \"https://github.com/org/repo#readme\"\n");
    let (status, diagnostics) = repo_with(&config).check_json();
    assert_eq!(status, 1, "{diagnostics:#?}");
    let message = located(
        &diagnostics,
        "invalid-url",
        &config,
        "\"https://github.com/org/repo#",
    );
    assert!(message.contains("`repository`"), "{message}");
    let repo = repo_with(SITE);
    let out = repo.path("site");
    let output = repo.pakta(&[
        "build",
        "--out",
        out.to_str().unwrap(),
        "--today",
        TODAY,
        "--base-url",
        "https://example.org/x?y#z",
    ]);
    assert_eq!(output.status.code(), Some(2), "{output:?}");
    assert!(!out.exists());
    // A path from the root stays allowed, for sites served at a root.
    let output = repo.pakta(&[
        "build",
        "--out",
        out.to_str().unwrap(),
        "--today",
        TODAY,
        "--base-url",
        "/",
    ]);
    assert!(output.status.success(), "{output:?}");
}

#[test]
fn a_theme_is_a_plain_folder_directly_under_themes() {
    let names = [
        "..",
        ".",
        "../.git",
        "../agreements",
        "/etc",
        "mine/../..",
        "mine/sub",
        "mine\\\\sub",
        ".hidden",
        "",
        "C:x",
    ];
    for name in names {
        let config = format!("{SITE}theme = \"{name}\"\n");
        let repo = repo_with(&config);
        repo.write(".git/config", "[remote]\ntoken = secret\n");
        repo.write(".hidden/base.html", "hidden");
        repo.write("themes/mine/sub/x.css", "p{}");
        repo.write("themes/mine/x.css", "p{}");
        let (status, diagnostics) = repo.check_json();
        assert_eq!(status, 1, "{name:?}: {diagnostics:#?}");
        let code = if name.is_empty() {
            "empty-value"
        } else {
            "invalid-theme"
        };
        located(&diagnostics, code, &config, &format!("\"{name}\""));
        let output = build(&repo);
        assert_eq!(output.status.code(), Some(1), "{name:?}: {output:?}");
        assert!(!repo.path("site").exists(), "{name:?}");
    }
    // A name that is not a folder under themes/ is located too.
    let config = format!("{SITE}theme = \"missing\"\n");
    let repo = repo_with(&config);
    let (status, diagnostics) = repo.check_json();
    assert_eq!(status, 1, "{diagnostics:#?}");
    located(&diagnostics, "invalid-theme", &config, "\"missing\"");
}

#[cfg(unix)]
#[test]
fn a_theme_contributes_no_link_no_hidden_file_and_not_the_output() {
    use std::os::unix::fs::symlink;
    let config = format!("{SITE}theme = \"mine\"\n");

    // The theme folder itself, or `themes/`, as a link to the repository.
    for linked in ["themes/mine", "themes"] {
        let repo = repo_with(&config);
        repo.write("elsewhere/mine/x.css", "p{}");
        let target = if linked == "themes" {
            repo.path("elsewhere")
        } else {
            repo.root.clone()
        };
        std::fs::create_dir_all(repo.path(linked).parent().unwrap()).unwrap();
        symlink(&target, repo.path(linked)).unwrap();
        let (status, diagnostics) = repo.check_json();
        assert_eq!(status, 1, "{linked}: {diagnostics:#?}");
        located(&diagnostics, "invalid-theme", &config, "\"mine\"");
        assert_eq!(build(&repo).status.code(), Some(1), "{linked}");
    }

    // Hidden files and folders stay out of the site.
    let repo = repo_with(&config);
    repo.write("themes/mine/x.css", "p{}");
    repo.write("themes/mine/.env", "TOKEN=secret");
    repo.write("themes/mine/.git/config", "token");
    repo.write("themes/mine/sub/.secret.css", "token");
    let output = build(&repo);
    assert!(output.status.success(), "{output:?}");
    assert!(repo.path("site/assets/x.css").is_file());
    for hidden in [".env", ".git/config", "sub/.secret.css"] {
        assert!(!repo.path(&format!("site/assets/{hidden}")).exists());
    }

    // A built site kept inside the theme is never republished.
    let repo = repo_with(&config);
    repo.write("themes/mine/x.css", "p{}");
    let inside = repo.path("themes/mine/public");
    let output = repo.pakta(&["build", "--out", inside.to_str().unwrap(), "--today", TODAY]);
    assert_eq!(output.status.code(), Some(2), "{output:?}");
    repo.write("themes/mine/public/.pakta-site", "");
    repo.write("themes/mine/public/index.html", "old site");
    let output = build(&repo);
    assert_eq!(output.status.code(), Some(1), "{output:?}");
    assert!(
        String::from_utf8_lossy(&output.stderr).contains("themes/mine/public is a site"),
        "{output:?}"
    );
    assert!(!repo.path("site").exists());
}

#[cfg(unix)]
#[test]
fn theme_init_writes_nothing_through_a_linked_themes_folder() {
    let repo = repo_with(SITE);
    std::fs::create_dir_all(repo.path("elsewhere")).unwrap();
    std::os::unix::fs::symlink(repo.path("elsewhere"), repo.path("themes")).unwrap();
    let output = repo.pakta(&["theme", "init", "kpu"]);
    assert_eq!(output.status.code(), Some(2), "{output:?}");
    assert!(
        String::from_utf8_lossy(&output.stderr).contains("symbolic link"),
        "{output:?}"
    );
    assert!(!repo.path("elsewhere/kpu").exists());
}
