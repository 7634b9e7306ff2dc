//! Reads `pakta.toml`. A missing file means the defaults; a broken key is
//! reported and its default used, so the rest of the run still happens.

use std::path::Path;

use toml::de::DeTable;

use super::toml_file::{decode_utf8, toml_syntax_errors};
use pakta_content::closed::{DataLicence, Lang, TimeZone};
use pakta_content::diagnostics::{Diagnostic, Diagnostics, SourceFile, Spanned};
use pakta_content::licence::Licence;
use pakta_content::message::Message;
use pakta_content::schema::{TableReader, is_web_url, spec};
use pakta_content::{Config, Reports, Rules};

/// The repository's settings file, at its root.
pub const CONFIG_FILE: &str = "pakta.toml";

/// The folder of site themes, at the repository's root.
pub const THEMES_DIR: &str = "themes";

/// Whether `name` may name a theme: one plain folder name directly under
/// `themes/` (letters, digits, `-`, `_`), so no `..`, separator, drive,
/// absolute path or hidden folder can make a theme of another folder.
pub fn is_theme_name(name: &str) -> bool {
    !name.is_empty()
        && name
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_')
        && !name.starts_with('-')
}

/// Whether `url` may be the site's (or the repository's) address: a web
/// address whose links are made by appending paths, so no query (`?`) and
/// no fragment (`#`), which would swallow every path after them.
pub fn is_base_url(url: &str) -> bool {
    is_web_url(url) && !url.contains(['?', '#'])
}

pub(crate) fn parse_config(root: &Path, bytes: Vec<u8>, diagnostics: &mut Diagnostics) -> Config {
    let mut config = Config::default();
    let (source, utf8_ok) = decode_utf8(CONFIG_FILE.into(), bytes, diagnostics);
    if !utf8_ok {
        return config;
    }
    let (table, errors) = DeTable::parse_recoverable(&source.text);
    if !errors.is_empty() {
        diagnostics.extend(toml_syntax_errors(&source, 0, errors));
        return config;
    }
    let r = TableReader::check(&source, 0, &spec::CONFIG, &table, diagnostics);
    if let Some(site) = r.table("site") {
        let text = |name: &str| site.text(name).map(|t| t.value);
        let defaults = &mut config.site;
        defaults.title = text("title").unwrap_or(defaults.title.clone());
        let mut address = |key: &'static str| {
            let url = site.text(key)?;
            if is_base_url(&url.value) {
                return Some(url.value);
            }
            // Other addresses are reported as such by the reader.
            if is_web_url(&url.value) {
                diagnostics.push(Diagnostic::error(
                    &source,
                    url.span,
                    "invalid-url",
                    Message::new("invalid-url.path-base").arg("key", key),
                ));
            }
            None
        };
        if let Some(base_url) = address("base_url") {
            defaults.base_url = base_url;
        }
        defaults.repository = address("repository");
        if let Some(language) = site.choice::<Lang>("language") {
            defaults.language = language.value.code().to_string();
        }
        if let Some(zone) = site.choice::<TimeZone>("timezone") {
            defaults.timezone = zone.value.code().to_string();
        }
        defaults.theme = site
            .text("theme")
            .and_then(|name| checked_theme(root, &source, name, diagnostics));
        if let Some(branch) = site.text("branch") {
            if is_branch_name(&branch.value) {
                defaults.branch = branch.value;
            } else {
                diagnostics.push(
                    Diagnostic::error(
                        &source,
                        branch.span,
                        "invalid-branch",
                        Message::new("invalid-branch").arg("value", &branch.value),
                    )
                    .with_help(Message::new("invalid-branch.help")),
                );
            }
        }
    }
    if let Some(rules) = r.table("rules") {
        let defaults = Rules::default();
        let number = |name: &str, default: u32| {
            rules
                .integer(name)
                .and_then(|n| u32::try_from(n.value).ok())
                .unwrap_or(default)
        };
        config.rules = Rules {
            expiring_soon_days: number("expiring_soon_days", defaults.expiring_soon_days),
            pks_deadline_months: number("pks_deadline_months", defaults.pks_deadline_months),
            dormant_months: number("dormant_months", defaults.dormant_months),
        };
    }
    if let Some(reports) = r.table("reports") {
        let months = reports
            .integer("months")
            .and_then(|n| u32::try_from(n.value).ok());
        config.reports = Reports {
            months: months.unwrap_or(Reports::default().months),
        };
    }
    if let Some(data) = r.table("data")
        && let Some(id) = data.choice::<DataLicence>("license")
        && let Some(license) = Licence::by_id(id.value.code())
    {
        config.data.license = license;
    }
    config
}

/// `theme`, when it names a real folder directly under `themes/`; anything
/// else is reported at the value, and no theme is used.
fn checked_theme(
    root: &Path,
    source: &SourceFile,
    name: Spanned<String>,
    diagnostics: &mut Diagnostics,
) -> Option<String> {
    let problem = if !is_theme_name(&name.value) {
        Some(Message::new("invalid-theme.name"))
    } else {
        let themes = root.join(THEMES_DIR);
        let folder = themes.join(&name.value);
        let is_link = |path: &Path| std::fs::symlink_metadata(path).is_ok_and(|m| m.is_symlink());
        if is_link(&themes) || is_link(&folder) {
            Some(Message::new("invalid-theme.link").arg("name", &name.value))
        } else if !folder.is_dir() {
            Some(Message::new("invalid-theme.missing").arg("name", &name.value))
        } else {
            None
        }
    };
    match problem {
        Some(message) => {
            diagnostics.push(Diagnostic::error(
                source,
                name.span,
                "invalid-theme",
                message,
            ));
            None
        }
        None => Some(name.value),
    }
}

/// A branch name Git accepts and a link can carry as it is: letters,
/// digits, `-`, `_`, `.` and `/` between parts, no `..`, no part starting
/// with `.` or `-`, not ending in `.lock`.
fn is_branch_name(name: &str) -> bool {
    !name.is_empty()
        && name.len() <= 200
        && !name.ends_with(".lock")
        && name.split('/').all(|part| {
            !part.is_empty()
                && !part.starts_with(['.', '-'])
                && !part.contains("..")
                && part
                    .chars()
                    .all(|c| c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | '.'))
        })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_theme_is_named_by_one_plain_folder_name() {
        for good in ["custom", "kpu-jateng", "tema_2"] {
            assert!(is_theme_name(good), "{good}");
        }
        for bad in [
            "",
            ".",
            "..",
            ".hidden",
            "a/b",
            "a\\b",
            "-x",
            "tema baru",
            "../x",
            "/etc",
            "C:x",
        ] {
            assert!(!is_theme_name(bad), "{bad}");
        }
    }

    #[test]
    fn branch_names_are_plain_git_names() {
        for good in ["main", "gh-pages", "rilis/2026", "v1.2_x"] {
            assert!(is_branch_name(good), "{good}");
        }
        for bad in [
            "",
            "a..b",
            ".hidden",
            "-x",
            "a//b",
            "a/",
            "main.lock",
            "a b",
            "a?b",
            "a#b",
            "é",
        ] {
            assert!(!is_branch_name(bad), "{bad}");
        }
    }

    #[test]
    fn a_base_url_takes_paths_after_it() {
        assert!(is_base_url("https://example.org/kerjasama"));
        assert!(is_base_url("http://localhost:1313/"));
        for bad in [
            "https://example.org/?x=1",
            "https://example.org/#top",
            "ftp://example.org",
            "/kerjasama",
        ] {
            assert!(!is_base_url(bad), "{bad}");
        }
    }

    #[test]
    fn a_bad_branch_is_located_and_main_kept() {
        let mut diagnostics = Diagnostics::new();
        let text = "[site]\nrepository = \"https://github.com/a/b\"\nbranch = \"a..b\"\n";
        let config = parse_config(Path::new("."), text.as_bytes().to_vec(), &mut diagnostics);
        assert_eq!(config.site.branch, "main");
        let found = diagnostics.into_sorted();
        assert_eq!(found.len(), 1);
        assert_eq!(
            (found[0].code, found[0].line, found[0].column),
            ("invalid-branch", 3, 10)
        );
    }
}
