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
use std::path::{Path, PathBuf};
use std::sync::Arc;

use chrono::NaiveDate;
use tera::{Tera, Value};

use super::markdown::is_safe_url;
use pakta_content::escape;
use pakta_content::i18n::{Catalog, Lang, Texts};
use pakta_content::message::Message;
use pakta_content::reserved::OUTPUT_MARKER;
use pakta_load::{THEMES_DIR, is_theme_name};

macro_rules! embedded {
    ($($name:literal),+ $(,)?) => {
        &[$(($name, include_bytes!(concat!("../../../themes/default/", $name)))),+]
    };
}

/// Every file of the default theme, by its path inside the theme folder;
/// `pakta theme init` writes exactly these.
pub const DEFAULT_FILES: &[(&str, &[u8])] = embedded!(
    "404.html",
    "about.html",
    "agreement.html",
    "base.html",
    "dictionary.html",
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
    "search-query.js",
    "search.css",
    "search.html",
    "search.js",
    "style.css",
    "unit.html",
);

pub(crate) const CATALOG_DIR: &str = "i18n/";

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
            let dir = theme_folder(root, name)?;
            let shown = format!("{THEMES_DIR}/{name}");
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

/// The folder of the site theme `name`: a plain folder name directly under
/// `themes/`, where neither `themes/` nor the folder is a link. `check`
/// reports a bad `theme` at its place in pakta.toml; this refuses it again
/// for any caller.
pub(crate) fn theme_folder(root: &Path, name: &str) -> Result<PathBuf, ThemeError> {
    let shown = format!("{THEMES_DIR}/{name}");
    if !is_theme_name(name) {
        return Err(ThemeError(Message::new("invalid-theme.name")));
    }
    let themes = root.join(THEMES_DIR);
    let folder = themes.join(name);
    for path in [&themes, &folder] {
        if std::fs::symlink_metadata(path).is_ok_and(|m| m.is_symlink()) {
            return Err(ThemeError(
                Message::new("invalid-theme.link").arg("name", name),
            ));
        }
    }
    if !folder.is_dir() {
        return Err(ThemeError(
            Message::new("theme-not-a-folder").arg("folder", shown),
        ));
    }
    Ok(folder)
}

/// Every file below a site's theme folder, by its path inside it (with
/// `/` separators), sorted. Hidden files and folders (`.DS_Store`, `.git`,
/// editor backups) are skipped; a symbolic link is refused, since it could
/// publish a file from outside the repository; and a site pakta built
/// (it holds the output marker) is refused, since it would be published
/// again inside the next one.
pub(crate) fn read_theme_folder(
    dir: &Path,
    shown: &str,
) -> Result<Vec<(String, Vec<u8>)>, ThemeError> {
    let mut files = Vec::new();
    let mut walk = walkdir::WalkDir::new(dir)
        .follow_links(false)
        .sort_by_file_name()
        .into_iter();
    while let Some(entry) = walk.next() {
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
        if entry.file_name() == OUTPUT_MARKER {
            let site = relative.rsplit_once('/').map_or("", |(folder, _)| folder);
            return Err(ThemeError(
                Message::new("theme-holds-a-site").arg("folder", format!("{shown}/{site}")),
            ));
        }
        if entry.depth() > 0 && entry.file_name().to_string_lossy().starts_with('.') {
            if entry.file_type().is_dir() {
                walk.skip_current_dir();
            }
            continue;
        }
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

/// Tera's own functions a template may call: only those that compute from
/// their arguments alone. `get_env` would put the environment (CI's token)
/// on a page, and `now` and `get_random` would make every build differ;
/// docs/theming.md lists the same names.
const TERA_FUNCTIONS: &[&str] = &["range"];

/// Tera's own filters a template may use, all computing from their input.
/// (`safe` is part of Tera's syntax, not a registered filter.)
const TERA_FILTERS: &[&str] = &[
    "abs",
    "addslashes",
    "as_str",
    "capitalize",
    "concat",
    "escape",
    "escape_xml",
    "filter",
    "first",
    "float",
    "get",
    "group_by",
    "indent",
    "int",
    "join",
    "json_encode",
    "last",
    "length",
    "linebreaksbr",
    "lower",
    "map",
    "nth",
    "pluralize",
    "replace",
    "reverse",
    "round",
    "slice",
    "sort",
    "spaceless",
    "split",
    "striptags",
    "title",
    "trim",
    "trim_end",
    "trim_end_matches",
    "trim_start",
    "trim_start_matches",
    "truncate",
    "unique",
    "upper",
    "wordcount",
];

/// Tera's own tests (`x is number`) a template may use.
const TERA_TESTS: &[&str] = &[
    "containing",
    "defined",
    "divisibleby",
    "ending_with",
    "even",
    "iterable",
    "matching",
    "number",
    "object",
    "odd",
    "starting_with",
    "string",
    "undefined",
];

fn register(tera: &mut Tera, lang: Lang, texts: Arc<Texts>) {
    // Tera registers its builtins when it is made and has no way to leave
    // them out; what is not allowed is removed before ours are added, so a
    // newer Tera's additions stay out too.
    tera.functions
        .retain(|name, _| TERA_FUNCTIONS.contains(&name.as_str()));
    tera.filters
        .retain(|name, _| TERA_FILTERS.contains(&name.as_str()));
    tera.testers
        .retain(|name, _| TERA_TESTS.contains(&name.as_str()));
    // Tera's default also escapes `/`, which makes every link in the
    // output unreadable.
    tera.set_escape_fn(escape::html);
    tera.register_function("t", move |args: &HashMap<String, Value>| {
        let key = args.get("k").and_then(Value::as_str).unwrap_or_default();
        // A missing text fails the page rather than showing its key; keys
        // written out in a template are reported by `check` already.
        let Some(text) = texts.get(key) else {
            let problem = Message::new("theme-unknown-text").arg("key", key);
            return Err(tera::Error::msg(problem.render(&texts)));
        };
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
        Ok(Value::String(escape::markdown(
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

    /// The search scripts show only catalog texts: every key they ask
    /// for exists, and no text of either catalog is written into them.
    #[test]
    fn the_search_scripts_take_every_text_from_the_catalog() {
        let script = [default_file("search.js"), default_file("search-query.js")].join("\n");
        for lang in ["id", "en"] {
            let file = format!("i18n/{lang}.toml");
            let catalog = Catalog::parse(&file, default_file(&file)).unwrap();
            let mut asked = 0;
            for call in script.split("say('").skip(1) {
                let key = &call[..call.find('\'').unwrap()];
                assert!(catalog.labels.contains_key(key), "{lang}: no label {key}");
                assert!(
                    key.starts_with("search-") || crate::render::SEARCH_LABELS.contains(&key),
                    "search.html hands {key} to the script"
                );
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

    fn sorted<'a>(names: impl Iterator<Item = &'a String>) -> Vec<&'a str> {
        let mut names: Vec<&str> = names.map(String::as_str).collect();
        names.sort_unstable();
        names
    }

    /// Everything a template can call, written out: a name Tera or pakta
    /// adds must be added here and to docs/theming.md on purpose.
    #[test]
    fn templates_can_call_exactly_the_documented_functions_filters_and_tests() {
        let root = std::env::temp_dir();
        let theme = Theme::load(&root, None, Lang::Id).unwrap();
        assert_eq!(sorted(theme.tera.functions.keys()), ["range", "t"]);
        let mut filters = TERA_FILTERS.to_vec();
        filters.extend(["longdate", "md", "safe_url"]);
        filters.sort_unstable();
        assert_eq!(sorted(theme.tera.filters.keys()), filters);
        assert_eq!(filters.len(), 44);
        assert_eq!(sorted(theme.tera.testers.keys()), TERA_TESTS);
        assert_eq!(TERA_TESTS.len(), 13);

        let theming = std::fs::read_to_string(
            Path::new(env!("CARGO_MANIFEST_DIR")).join("../../docs/theming.md"),
        )
        .unwrap();
        let documented = theming
            .split_once("A template can call")
            .map(|(_, rest)| rest.split_once("\n\n").map_or(rest, |(list, _)| list))
            .map(str::to_string)
            .expect("docs/theming.md lists what a template can call");
        let named: Vec<&str> = ["range", "t", "safe"]
            .into_iter()
            .chain(filters.iter().copied())
            .chain(TERA_TESTS.iter().copied())
            .collect();
        for name in named {
            assert!(
                documented.contains(&format!("`{name}`")),
                "docs/theming.md does not list `{name}`"
            );
        }
        for gone in ["get_env", "now", "get_random", "throw", "date"] {
            assert!(
                !documented.contains(&format!("`{gone}`")),
                "docs/theming.md lists `{gone}`"
            );
        }
    }

    #[test]
    fn html_in_labels_is_escaped_once() {
        assert_eq!(
            escape::html("a < b & \"c\""),
            "a &lt; b &amp; &quot;c&quot;"
        );
        assert_eq!(escape::html("Pemilu é"), "Pemilu é");
    }
}
