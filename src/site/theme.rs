//! The default theme is compiled into the binary so that a fresh install
//! builds a site anywhere; a site replaces any single template or asset by
//! putting a file of the same name under `themes/<name>/` and naming the
//! theme in pakta.toml.

use std::collections::HashMap;
use std::fs;
use std::path::Path;

use chrono::NaiveDate;
use tera::{Tera, Value};

use super::i18n::Lang;
use super::markdown::is_safe_url;

macro_rules! embedded {
    ($($name:literal),+ $(,)?) => {
        &[$(($name, include_str!(concat!("../../themes/default/", $name)))),+]
    };
}

pub const TEMPLATES: &[(&str, &str)] = embedded!(
    "base.html",
    "macros.html",
    "home.html",
    "agreement.html",
    "unit.html",
    "partner.html",
    "partners.html",
    "list.html",
    "lists.html",
    "findings.html",
    "downloads.html",
    "search.html",
    "404.html",
);

pub const ASSETS: &[(&str, &str)] = embedded!("style.css");

pub struct Theme {
    pub tera: Tera,
    /// Asset path below `assets/` and its content.
    pub assets: Vec<(&'static str, Vec<u8>)>,
}

#[derive(Debug)]
pub struct ThemeError(pub String);

impl Theme {
    pub fn load(root: &Path, name: Option<&str>, lang: Lang) -> Result<Theme, ThemeError> {
        let override_dir = name.map(|n| root.join("themes").join(n));
        let read = |file: &str| -> Result<Option<Vec<u8>>, ThemeError> {
            let Some(dir) = &override_dir else {
                return Ok(None);
            };
            let path = dir.join(file);
            match fs::read(&path) {
                Ok(bytes) => Ok(Some(bytes)),
                Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(None),
                Err(e) => Err(ThemeError(format!("cannot read {}: {e}", path.display()))),
            }
        };
        let mut sources = Vec::with_capacity(TEMPLATES.len());
        for (file, default) in TEMPLATES {
            let text = match read(file)? {
                Some(bytes) => String::from_utf8(bytes)
                    .map_err(|_| ThemeError(format!("themes template {file} is not UTF-8")))?,
                None => (*default).to_string(),
            };
            sources.push((*file, text));
        }
        let mut tera = Tera::default();
        tera.add_raw_templates(sources)
            .map_err(|e| ThemeError(describe(&e)))?;
        register(&mut tera, lang);
        let mut assets = Vec::new();
        for (file, default) in ASSETS {
            let bytes = read(file)?.unwrap_or_else(|| default.as_bytes().to_vec());
            assets.push((*file, bytes));
        }
        Ok(Theme { tera, assets })
    }
}

/// Tera's error and its causes on one line, e.g. which variable is missing
/// in which template.
pub fn describe(error: &tera::Error) -> String {
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
fn escape_html(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 8);
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}

fn register(tera: &mut Tera, lang: Lang) {
    tera.set_escape_fn(escape_html);
    tera.register_function("t", move |args: &HashMap<String, Value>| {
        let key = args.get("k").and_then(Value::as_str).unwrap_or_default();
        Ok(Value::String(lang.text(key).to_string()))
    });
    tera.register_filter(
        "longdate",
        move |value: &Value, _: &HashMap<String, Value>| {
            let text = value.as_str().unwrap_or_default();
            Ok(Value::String(
                NaiveDate::parse_from_str(text, "%Y-%m-%d")
                    .map(|d| lang.long_date(d))
                    .unwrap_or_else(|_| text.to_string()),
            ))
        },
    );
    tera.register_filter("safe_url", |value: &Value, _: &HashMap<String, Value>| {
        let text = value.as_str().unwrap_or_default();
        Ok(Value::String(if is_safe_url(text) {
            text.to_string()
        } else {
            "#".to_string()
        }))
    });
}
