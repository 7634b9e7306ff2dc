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
use pakta_content::{CmsConfig, Config, Reports, Rules};

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
        defaults.publisher = text("publisher");
        defaults.contact_address = text("contact_address");
        defaults.contact_email = site
            .text("contact_email")
            .and_then(|email| checked_email(&source, email, diagnostics));
        defaults.logo = site
            .text("logo")
            .and_then(|logo| checked_logo(root, &source, logo, diagnostics));
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
    if let Some(cms) = r.table("cms") {
        config.cms = checked_cms(&source, &cms, &config, diagnostics);
    }
    config
}

/// `[cms]`, when the forms can work: the repository is on GitHub (their
/// backend), and a script address comes with its own integrity hash.
fn checked_cms(
    source: &SourceFile,
    cms: &TableReader<'_, '_>,
    config: &Config,
    diagnostics: &mut Diagnostics,
) -> Option<CmsConfig> {
    let mut ok = true;
    let on_github = config
        .site
        .repository
        .as_deref()
        .is_some_and(|r| github_repository(r).is_some());
    if !on_github {
        ok = false;
        let message = match &config.site.repository {
            None => Message::new("cms-repository.missing"),
            Some(repository) => Message::new("cms-repository.not-github").arg("value", repository),
        };
        diagnostics.push(
            Diagnostic::error(source, cms.span(), "cms-repository", message)
                .with_help(Message::new("cms-repository.help")),
        );
    }
    let mut settings = CmsConfig::default();
    let url = cms.text("script_url");
    let integrity = cms.text("script_integrity");
    if let Some(integrity) = &integrity
        && !is_integrity(&integrity.value)
    {
        ok = false;
        diagnostics.push(
            Diagnostic::error(
                source,
                integrity.span.clone(),
                "invalid-integrity",
                Message::new("invalid-integrity").arg("value", &integrity.value),
            )
            .with_help(Message::new("invalid-integrity.help")),
        );
    }
    match (url, integrity) {
        (Some(url), Some(integrity)) => {
            settings.script_url = url.value;
            settings.script_integrity = integrity.value;
        }
        (None, None) => {}
        (Some(alone), None) | (None, Some(alone)) => {
            ok = false;
            diagnostics.push(Diagnostic::error(
                source,
                alone.span,
                "cms-script-pair",
                Message::new("cms-script-pair"),
            ));
        }
    }
    ok.then_some(settings)
}

/// A Subresource Integrity value a browser checks: one `sha256-`,
/// `sha384-` or `sha512-` and the Base64 of a digest of that length.
fn is_integrity(value: &str) -> bool {
    let Some((algorithm, digest)) = value.split_once('-') else {
        return false;
    };
    let bytes: usize = match algorithm {
        "sha256" => 32,
        "sha384" => 48,
        "sha512" => 64,
        _ => return false,
    };
    let length = bytes.div_ceil(3) * 4;
    let padding = (3 - bytes % 3) % 3;
    digest.len() == length
        && digest.bytes().enumerate().all(|(i, b)| {
            if i >= length - padding {
                b == b'='
            } else {
                b.is_ascii_alphanumeric() || b == b'+' || b == b'/'
            }
        })
}

/// `OWNER/REPO` of a repository on GitHub (`https://github.com/OWNER/REPO`,
/// a trailing `/` or `.git` allowed), the CMS's backend.
pub fn github_repository(address: &str) -> Option<String> {
    let rest = address.trim().strip_prefix("https://github.com/")?;
    let rest = rest.trim_end_matches('/');
    let rest = rest.strip_suffix(".git").unwrap_or(rest);
    let (owner, name) = rest.split_once('/')?;
    let plain = |s: &str| {
        !s.is_empty()
            && s.chars()
                .all(|c| c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | '.'))
    };
    (plain(owner) && plain(name)).then(|| format!("{owner}/{name}"))
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

/// `contact_email`, when it looks like one address (`name@domain`, no
/// spaces), so the page's `mailto:` link reaches someone.
fn checked_email(
    source: &SourceFile,
    email: Spanned<String>,
    diagnostics: &mut Diagnostics,
) -> Option<String> {
    if is_email(&email.value) {
        return Some(email.value);
    }
    diagnostics.push(Diagnostic::error(
        source,
        email.span,
        "invalid-contact-email",
        Message::new("invalid-contact-email").arg("value", &email.value),
    ));
    None
}

fn is_email(text: &str) -> bool {
    match text.split_once('@') {
        Some((name, domain)) => {
            !name.is_empty()
                && domain.contains('.')
                && !domain.starts_with('.')
                && !domain.ends_with('.')
                && !domain.contains('@')
                && !text.chars().any(|c| c.is_whitespace() || c.is_control())
                && !text.contains(['<', '>', '"', '\\', '?', '#'])
        }
        None => false,
    }
}

/// The image types a logo may be, so the site serves it as an image.
const LOGO_EXTENSIONS: [&str; 5] = ["png", "jpg", "jpeg", "svg", "webp"];

/// `logo`, when it names a regular image file inside the repository by a
/// relative path without `..`, hidden names (`.git`) or a symbolic link on
/// the way, as
/// theme folders and document files must; anything else is reported at
/// the value, and no logo is shown.
fn checked_logo(
    root: &Path,
    source: &SourceFile,
    path: Spanned<String>,
    diagnostics: &mut Diagnostics,
) -> Option<String> {
    let problem = logo_problem(root, &path.value);
    match problem {
        Some(message) => {
            diagnostics.push(Diagnostic::error(
                source,
                path.span,
                "invalid-logo",
                message,
            ));
            None
        }
        None => Some(path.value),
    }
}

fn logo_problem(root: &Path, path: &str) -> Option<Message> {
    let parts: Vec<&str> = path.split('/').collect();
    let plain = !path.is_empty()
        && !path.contains(['\\', ':'])
        && parts
            .iter()
            .all(|part| !part.is_empty() && !part.starts_with('.'));
    if !plain {
        return Some(Message::new("invalid-logo.path").arg("value", path));
    }
    let extension = path.rsplit_once('.').map(|(_, e)| e.to_ascii_lowercase());
    if !extension.is_some_and(|e| LOGO_EXTENSIONS.contains(&e.as_str())) {
        return Some(
            Message::new("invalid-logo.type")
                .arg("value", path)
                .arg("types", LOGO_EXTENSIONS.join(", ")),
        );
    }
    let mut full = root.to_path_buf();
    for part in &parts {
        full.push(part);
        match std::fs::symlink_metadata(&full) {
            Ok(metadata) if metadata.is_symlink() => {
                return Some(Message::new("invalid-logo.link").arg("value", path));
            }
            Ok(_) => {}
            Err(_) => return Some(Message::new("invalid-logo.missing").arg("value", path)),
        }
    }
    if !full.is_file() {
        return Some(Message::new("invalid-logo.missing").arg("value", path));
    }
    None
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
    fn only_github_addresses_name_a_github_repository() {
        assert_eq!(
            github_repository("https://github.com/kpu-ri/kerja.sama.git/").as_deref(),
            Some("kpu-ri/kerja.sama")
        );
        for other in [
            "https://gitlab.com/kpu/kerjasama",
            "http://github.com/kpu/kerjasama",
            "https://github.com/kpu",
            "https://github.com/kpu/kerja sama",
            "https://github.com/kpu/a/b",
        ] {
            assert_eq!(github_repository(other), None, "{other}");
        }
    }

    #[test]
    fn integrity_values_have_a_known_digest_of_its_length() {
        assert!(is_integrity(&CmsConfig::default().script_integrity));
        assert!(is_integrity(
            "sha256-47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU="
        ));
        for bad in [
            "",
            "sha384",
            "sha384-",
            "md5-1B2M2Y8AsgTpgAmY7PhCfg==",
            "sha384-A/Gdn928CNLufmnGWGs9RM4Q9o8bSNLeJERqBFrBjwzL7FRpoLT3MPF8Tl0+Wd2",
            "sha384-A/Gdn928CNLufmnGWGs9RM4Q9o8bSNLeJERqBFrBjwzL7FRpoLT3MPF8Tl0+Wd2p ",
            "sha256-47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU",
            "sha256-47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSu=U=",
        ] {
            assert!(!is_integrity(bad), "{bad}");
        }
    }

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
    fn contact_emails_are_one_plain_address() {
        for good in ["humas@kpu.go.id", "a.b@jateng.kpu.go.id"] {
            assert!(is_email(good), "{good}");
        }
        for bad in [
            "humas",
            "@kpu.go.id",
            "humas@kpu",
            "a b@kpu.go.id",
            "a@b@c.id",
            "a@kpu.id?x",
        ] {
            assert!(!is_email(bad), "{bad}");
        }
    }

    #[test]
    fn a_logo_outside_plain_relative_paths_is_refused() {
        let root = Path::new(".");
        for bad in [
            "../logo.png",
            "/etc/logo.png",
            "files/../x.png",
            "C:/logo.png",
            "a\\b.png",
            "files//logo.png",
        ] {
            assert_eq!(
                logo_problem(root, bad),
                Some(Message::new("invalid-logo.path").arg("value", bad)),
                "{bad}"
            );
        }
        assert_eq!(
            logo_problem(root, "files/logo.exe"),
            Some(
                Message::new("invalid-logo.type")
                    .arg("value", "files/logo.exe")
                    .arg("types", LOGO_EXTENSIONS.join(", "))
            )
        );
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
