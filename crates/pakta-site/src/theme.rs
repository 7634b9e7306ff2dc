//! The theme contract. The default theme is compiled into the binary so that
//! a fresh install builds a site anywhere. A site names a theme in
//! pakta.toml; every file under `themes/<name>/` replaces the default file
//! of the same relative path or adds a new one: `*.html` files are Tera
//! templates (a new one can be included or extended), and so is
//! `report.md`, the Markdown of `pakta report`; `i18n/<lang>.toml`
//! overrides the message catalog key by key, and everything else is an
//! asset copied to `assets/`. Templates are used exactly as written: the
//! build's fixed values reach them as the `site` object, and translated
//! texts through the `t` function.

use std::collections::{BTreeMap, HashMap};
use std::path::Path;
use std::sync::Arc;

use chrono::NaiveDate;
use tera::{Tera, Value};

use super::markdown::{escape_markdown, is_safe_url};
use pakta_content::i18n::{Catalog, Lang, Texts};
use pakta_content::message::Message;

macro_rules! embedded {
    ($($name:literal),+ $(,)?) => {
        &[$(($name, include_bytes!(concat!("../../../themes/default/", $name)))),+]
    };
}

/// Every file of the default theme, by its path inside the theme folder;
/// `pakta theme init` writes exactly these.
pub const DEFAULT_FILES: &[(&str, &[u8])] = embedded!(
    "404.html",
    "agreement.html",
    "base.html",
    "downloads.html",
    "favicon.svg",
    "findings.html",
    "footer.html",
    "header.html",
    "home.html",
    "i18n/en.toml",
    "i18n/id.toml",
    "list.html",
    "lists.html",
    "macros.html",
    "monev.html",
    "partner.html",
    "partners.html",
    "report.html",
    "report.md",
    "reports.html",
    "row.html",
    "scorecard.html",
    "search.css",
    "search.html",
    "search.js",
    "style.css",
    "unit.html",
);

const CATALOG_DIR: &str = "i18n/";

pub(crate) struct Theme {
    pub tera: Tera,
    /// Asset path below `assets/` and its content, sorted by path.
    pub assets: Vec<(String, Vec<u8>)>,
    /// The site language's texts after the theme's overrides.
    pub catalog: Catalog,
    /// The same, as one lookup table.
    pub texts: Arc<Texts>,
}

#[derive(Debug)]
pub(crate) struct ThemeError(pub Message);

impl Theme {
    pub(crate) fn load(root: &Path, name: Option<&str>, lang: Lang) -> Result<Theme, ThemeError> {
        Theme::load_templates(root, name, lang, |_| true)
    }

    /// The theme with only the template `path` (and its catalog and
    /// assets): a command that renders one template need not parse them all.
    pub(crate) fn load_one(
        root: &Path,
        name: Option<&str>,
        lang: Lang,
        path: &str,
    ) -> Result<Theme, ThemeError> {
        Theme::load_templates(root, name, lang, |template| template == path)
    }

    fn load_templates(
        root: &Path,
        name: Option<&str>,
        lang: Lang,
        wanted: impl Fn(&str) -> bool,
    ) -> Result<Theme, ThemeError> {
        let mut files: BTreeMap<String, Vec<u8>> = DEFAULT_FILES
            .iter()
            .map(|(path, bytes)| (path.to_string(), bytes.to_vec()))
            .collect();
        let catalog_file = format!("{CATALOG_DIR}{}.toml", lang.code());
        let default_catalog = catalog_text("default theme", &catalog_file, &files[&catalog_file])?;
        let mut catalog = Catalog::parse(&catalog_file, &default_catalog).map_err(as_reported)?;
        if let Some(name) = name {
            let dir = root.join("themes").join(name);
            let shown = format!("themes/{name}");
            for (path, bytes) in read_theme_folder(&dir, &shown)? {
                if path == catalog_file {
                    let file = format!("{shown}/{path}");
                    let text = catalog_text(&shown, &path, &bytes)?;
                    let overrides = Catalog::parse(&file, &text).map_err(as_reported)?;
                    catalog = catalog.merge(&file, overrides).map_err(as_reported)?;
                }
                files.insert(path, bytes);
            }
        }
        let mut templates = Vec::new();
        let mut assets = Vec::new();
        for (path, bytes) in files {
            if path.starts_with(CATALOG_DIR) {
                continue;
            }
            if path.ends_with(".html") || path.ends_with(".md") {
                if !wanted(&path) {
                    continue;
                }
                let text = String::from_utf8(bytes)
                    .map_err(|_| ThemeError(Message::new("theme-not-utf8").arg("file", &path)))?;
                templates.push((path, text));
            } else {
                assets.push((path, bytes));
            }
        }
        let mut tera = Tera::default();
        tera.add_raw_templates(templates)
            .map_err(|e| as_reported(describe(&e)))?;
        let texts = Arc::new(catalog.flatten());
        register(&mut tera, lang, Arc::clone(&texts));
        Ok(Theme {
            tera,
            assets,
            catalog,
            texts,
        })
    }
}

/// A problem whose text comes from elsewhere (a catalog's parser, Tera),
/// passed on as it is.
fn as_reported(detail: String) -> ThemeError {
    ThemeError(Message::new("as-reported").arg("detail", detail))
}

fn catalog_text(theme: &str, path: &str, bytes: &[u8]) -> Result<String, ThemeError> {
    String::from_utf8(bytes.to_vec()).map_err(|_| {
        ThemeError(Message::new("theme-not-utf8").arg("file", format!("{theme}/{path}")))
    })
}

/// Every file below a site's theme folder, by its path inside it (with
/// `/` separators), sorted. Hidden files (`.DS_Store`, editor backups)
/// are skipped; a symbolic link is refused, since it could publish a file
/// from outside the repository.
fn read_theme_folder(dir: &Path, shown: &str) -> Result<Vec<(String, Vec<u8>)>, ThemeError> {
    if !dir.is_dir() {
        return Err(ThemeError(
            Message::new("theme-not-a-folder").arg("folder", shown),
        ));
    }
    let mut files = Vec::new();
    let walk = walkdir::WalkDir::new(dir)
        .sort_by_file_name()
        .into_iter()
        .filter_entry(|e| e.depth() == 0 || !e.file_name().to_string_lossy().starts_with('.'));
    for entry in walk {
        let entry = entry.map_err(|e| {
            ThemeError(
                Message::new("theme-unreadable")
                    .arg("file", shown)
                    .arg("error", e),
            )
        })?;
        let relative = entry
            .path()
            .strip_prefix(dir)
            .expect("walkdir yields paths below its root");
        let Some(relative) = relative.to_str().map(|r| r.replace('\\', "/")) else {
            return Err(ThemeError(
                Message::new("theme-name-not-utf8")
                    .arg("file", format!("{shown}/{}", relative.display())),
            ));
        };
        if entry.path_is_symlink() {
            return Err(ThemeError(
                Message::new("theme-symbolic-link").arg("file", format!("{shown}/{relative}")),
            ));
        }
        if !entry.file_type().is_file() {
            continue;
        }
        let bytes = std::fs::read(entry.path()).map_err(|e| {
            ThemeError(
                Message::new("theme-unreadable")
                    .arg("file", format!("{shown}/{relative}"))
                    .arg("error", e),
            )
        })?;
        files.push((relative, bytes));
    }
    Ok(files)
}

/// Tera's error and its causes on one line, e.g. which variable is missing
/// in which template.
pub(crate) fn describe(error: &tera::Error) -> String {
    let mut text = error.to_string();
    let mut source = std::error::Error::source(error);
    while let Some(cause) = source {
        text.push_str(": ");
        text.push_str(&cause.to_string());
        source = cause.source();
    }
    text
}

/// HTML escaping for text and attribute values. Tera's default also
/// escapes `/`, which makes every link in the output unreadable.
pub(crate) fn escape_html(text: &str) -> String {
    let Some(first) = text.bytes().position(needs_escape) else {
        return text.to_string();
    };
    let mut out = String::with_capacity(text.len() + 16);
    out.push_str(&text[..first]);
    let mut plain_from = first;
    for (at, byte) in text.bytes().enumerate().skip(first) {
        let entity = match byte {
            b'&' => "&amp;",
            b'<' => "&lt;",
            b'>' => "&gt;",
            b'"' => "&quot;",
            b'\'' => "&#39;",
            _ => continue,
        };
        out.push_str(&text[plain_from..at]);
        out.push_str(entity);
        plain_from = at + 1;
    }
    out.push_str(&text[plain_from..]);
    out
}

fn needs_escape(byte: u8) -> bool {
    matches!(byte, b'&' | b'<' | b'>' | b'"' | b'\'')
}

fn register(tera: &mut Tera, lang: Lang, texts: Arc<Texts>) {
    tera.set_escape_fn(escape_html);
    tera.register_function("t", move |args: &HashMap<String, Value>| {
        let key = args.get("k").and_then(Value::as_str).unwrap_or_default();
        let text = texts.text(key);
        // A label that depends on a setting says the setting's value
        // ("Berakhir dalam {n} hari"), handed over as `n`.
        Ok(Value::String(match args.get("n") {
            Some(n) => text.replace("{n}", &n.to_string()),
            None => text.to_string(),
        }))
    });
    tera.register_filter(
        "longdate",
        move |value: &Value, _: &HashMap<String, Value>| {
            let text = value.as_str().unwrap_or_default();
            Ok(Value::String(
                // FromStr reads the ISO form our views serialise, without
                // parsing a format string as parse_from_str does each call.
                text.parse::<NaiveDate>()
                    .ok()
                    .map(|d| lang.long_date(d))
                    .or_else(|| lang.long_month(text))
                    .unwrap_or_else(|| text.to_string()),
            ))
        },
    );
    // Editors' text in a Markdown template (`report.md`), which Tera does
    // not escape: it stays text, inside a table cell too.
    tera.register_filter("md", |value: &Value, _: &HashMap<String, Value>| {
        Ok(Value::String(escape_markdown(
            value.as_str().unwrap_or_default(),
        )))
    });
    tera.register_filter("safe_url", |value: &Value, _: &HashMap<String, Value>| {
        let text = value.as_str().unwrap_or_default();
        Ok(Value::String(if is_safe_url(text) {
            text.to_string()
        } else {
            "#".to_string()
        }))
    });
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_file_of_the_default_theme_is_embedded() {
        let folder = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../themes/default");
        let on_disk = read_theme_folder(&folder, "themes/default").unwrap();
        let embedded: Vec<(String, Vec<u8>)> = DEFAULT_FILES
            .iter()
            .map(|(p, b)| (p.to_string(), b.to_vec()))
            .collect();
        assert_eq!(
            on_disk.iter().map(|f| &f.0).collect::<Vec<_>>(),
            embedded.iter().map(|f| &f.0).collect::<Vec<_>>()
        );
    }

    fn default_file(path: &str) -> &'static str {
        let (_, bytes) = DEFAULT_FILES.iter().find(|(p, _)| *p == path).unwrap();
        std::str::from_utf8(bytes).unwrap()
    }

    /// search.js shows only catalog texts: every key it asks for exists,
    /// and no text of either catalog is written into it.
    #[test]
    fn the_search_script_takes_every_text_from_the_catalog() {
        let script = default_file("search.js");
        for lang in ["id", "en"] {
            let file = format!("i18n/{lang}.toml");
            let catalog = Catalog::parse(&file, default_file(&file)).unwrap();
            let mut asked = 0;
            for call in script.split("say('").skip(1) {
                let key = &call[..call.find('\'').unwrap()];
                assert!(catalog.labels.contains_key(key), "{lang}: no label {key}");
                asked += 1;
            }
            assert!(asked >= 15, "{asked}");
            let texts = catalog
                .labels
                .values()
                .chain(catalog.terms.values().flat_map(|t| t.values()));
            for text in texts.filter(|t| t.chars().filter(|c| c.is_alphabetic()).count() >= 4) {
                for quoted in [format!("'{text}'"), format!("\"{text}\"")] {
                    assert!(!script.contains(&quoted), "search.js writes {quoted}");
                }
            }
            let in_force = catalog.terms["status"]["active"].as_str();
            for word in ["ditemukan", "Halaman", "Semua unit", "Unduh", in_force] {
                assert!(!script.contains(word), "search.js writes {word}");
            }
        }
    }

    #[test]
    fn html_in_labels_is_escaped_once() {
        assert_eq!(escape_html("a < b & \"c\""), "a &lt; b &amp; &quot;c&quot;");
        assert_eq!(escape_html("Pemilu é"), "Pemilu é");
    }
}
