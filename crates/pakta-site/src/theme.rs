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
        &[$(($name, include_str!(concat!("../../../themes/default/", $name)))),+]
    };
}

pub(crate) const TEMPLATES: &[(&str, &str)] = embedded!(
    "base.html",
    "macros.html",
    "row.html",
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

pub(crate) const ASSETS: &[(&str, &str)] = embedded!("style.css", "search.js", "search.css");

pub(crate) struct Theme {
    pub tera: Tera,
    /// Asset path below `assets/` and its content.
    pub assets: Vec<(&'static str, Vec<u8>)>,
}

#[derive(Debug)]
pub(crate) struct ThemeError(pub String);

impl Theme {
    /// `fixed` maps expressions such as `site.base` to the text they
    /// print throughout this build (see [`inline_fixed`]).
    pub(crate) fn load(
        root: &Path,
        name: Option<&str>,
        lang: Lang,
        fixed: &[(&str, String)],
    ) -> Result<Theme, ThemeError> {
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
            let prepared = if has_raw_block(&text) {
                text
            } else if binds_site(&text) {
                localize(&text, lang)
            } else {
                inline_fixed(&localize(&text, lang), fixed)
            };
            sources.push((*file, prepared));
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

/// Replaces every `t(k="key")` whose key is a literal with the translated
/// text, once when the theme loads: the language is fixed for a build, and
/// a function call per label per page was a tenth of the render time.
/// Keys computed at render time (`t(k="status-" ~ s)`) stay calls.
pub(crate) fn localize(source: &str, lang: Lang) -> String {
    let mut out = String::with_capacity(source.len());
    let mut rest = source;
    while let Some(at) = rest.find("t(k=") {
        let (before, call) = rest.split_at(at);
        let Some((key, call_len)) = literal_call(call) else {
            out.push_str(before);
            out.push_str("t(k=");
            rest = &call[4..];
            continue;
        };
        let text = lang.text(key);
        let before_trimmed = before.trim_end();
        let after = call[call_len..].trim_start();
        let is_tag_word = before
            .chars()
            .next_back()
            .is_some_and(|c| c.is_alphanumeric() || c == '_');
        if is_tag_word {
            out.push_str(before);
            out.push_str(&call[..call_len]);
        } else if before_trimmed.ends_with("{{") && after.starts_with("}}") {
            out.push_str(&before_trimmed[..before_trimmed.len() - 2]);
            out.push_str(&escape_html(text));
            rest = &after[2..];
            continue;
        } else if let Some(quote) = ['"', '\'', '`'].into_iter().find(|q| !text.contains(*q)) {
            out.push_str(before);
            out.push(quote);
            out.push_str(text);
            out.push(quote);
        } else {
            out.push_str(before);
            out.push_str(&call[..call_len]);
        }
        rest = &call[call_len..];
    }
    out.push_str(rest);
    out
}

/// Replaces each `{{ expression }}` that `fixed` lists (compared without
/// spaces: `{{site.today|longdate}}` matches `site.today | longdate`) with
/// its escaped text. A page of the national site looks up `site.base`
/// a dozen times, and Tera's lookups of dotted names are its slowest
/// part. Tags that trim whitespace (`{{-`, `-}}`) and texts that would
/// read as template syntax are left to Tera.
pub(crate) fn inline_fixed(source: &str, fixed: &[(&str, String)]) -> String {
    let compact = |s: &str| s.chars().filter(|c| !c.is_whitespace()).collect::<String>();
    let fixed: Vec<(String, String)> = fixed
        .iter()
        .map(|(expression, text)| (compact(expression), escape_html(text)))
        .filter(|(_, text)| !["{{", "{%", "{#"].iter().any(|open| text.contains(open)))
        .collect();
    let mut out = String::with_capacity(source.len());
    let mut rest = source;
    while let Some(open) = rest.find("{{") {
        let (before, tag) = rest.split_at(open);
        out.push_str(before);
        let Some(close) = tag.find("}}") else {
            rest = tag;
            break;
        };
        let inner = &tag[2..close];
        let trims = inner.starts_with('-') || inner.ends_with('-');
        let text = (!trims)
            .then(|| compact(inner))
            .and_then(|key| fixed.iter().find(|(k, _)| *k == key))
            .map(|(_, text)| text);
        match text {
            Some(text) => out.push_str(text),
            None => out.push_str(&tag[..close + 2]),
        }
        rest = &tag[close + 2..];
    }
    out.push_str(rest);
    out
}

/// Whether a template has a `{% raw %}` block, whose content must reach
/// the page exactly as written: such a template is not rewritten at all.
fn has_raw_block(source: &str) -> bool {
    source.match_indices("{%").any(|(at, _)| {
        let tag = source[at + 2..].trim_start_matches('-').trim_start();
        tag.starts_with("raw") && !tag[3..].starts_with(|c: char| c.is_alphanumeric() || c == '_')
    })
}

/// Whether a template names something else `site` (`{% set site = … %}`,
/// `{% for site in … %}`, a macro argument): there `site.base` may not be
/// the build's, so its fixed values are not written in.
fn binds_site(source: &str) -> bool {
    let is_site = |word: &str| word == "site";
    source.match_indices("{%").any(|(at, _)| {
        let tag = source[at + 2..].trim_start_matches('-').trim_start();
        let tag = &tag[..tag.find("%}").unwrap_or(tag.len())];
        let mut words = tag.split(|c: char| !(c.is_alphanumeric() || c == '_'));
        match words.next() {
            Some("set" | "set_global") => words.find(|w| !w.is_empty()).is_some_and(is_site),
            Some("for") => tag.split(" in ").next().is_some_and(|names| {
                names
                    .split(|c: char| !(c.is_alphanumeric() || c == '_'))
                    .any(is_site)
            }),
            Some("macro") => tag
                .split(|c: char| !(c.is_alphanumeric() || c == '_'))
                .any(is_site),
            _ => false,
        }
    })
}

/// `t(k="key")` or `t(k='key')` at the start of `call`: the key and the
/// length of the call.
fn literal_call(call: &str) -> Option<(&str, usize)> {
    let quote = call[4..]
        .chars()
        .next()
        .filter(|q| *q == '"' || *q == '\'')?;
    let key_start = 5;
    let key_len = call[key_start..].find(quote)?;
    let key = &call[key_start..key_start + key_len];
    let valid = !key.is_empty()
        && key
            .chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-' || c == '_');
    let close = key_start + key_len + 1;
    (valid && call[close..].starts_with(')')).then_some((key, close + 1))
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
fn escape_html(text: &str) -> String {
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
                // FromStr reads the ISO form our views serialise, without
                // parsing a format string as parse_from_str does each call.
                text.parse::<NaiveDate>()
                    .ok()
                    .map(|d| lang.long_date(d))
                    .unwrap_or_else(|| text.to_string()),
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn literal_labels_become_text_and_computed_ones_stay_calls() {
        let source = r#"<a>{{ t(k="skip") }}</a> {{ m::table(caption=t(k='lists')) }} {{ t(k="status-" ~ s) }} {{ at(k="skip") }}"#;
        let id = localize(source, Lang::Id);
        let skip = escape_html(Lang::Id.text("skip"));
        assert!(id.starts_with(&format!("<a>{skip}</a>")), "{id}");
        assert!(
            id.contains(&format!("caption=\"{}\"", Lang::Id.text("lists"))),
            "{id}"
        );
        assert!(id.contains(r#"{{ t(k="status-" ~ s) }}"#), "{id}");
        assert!(id.contains(r#"{{ at(k="skip") }}"#), "{id}");
    }

    #[test]
    fn fixed_expressions_become_escaped_text() {
        let fixed = [
            ("site.base", "/sub/".to_string()),
            ("site.title", "KPU & <Bawaslu>".to_string()),
            ("site.today | longdate", "1 November 2026".to_string()),
            ("site.lang", "{{ oops }}".to_string()),
        ];
        let source = r#"<a href="{{ site.base }}x">{{site.title}}</a> {{ site.today|longdate }} {{- site.base }} {{ site.base | upper }} {{ site.lang }} {{ page.title }}"#;
        assert_eq!(inline_fixed("a {{ site.base", &fixed), "a {{ site.base");
        assert_eq!(
            inline_fixed(source, &fixed),
            r#"<a href="/sub/x">KPU &amp; &lt;Bawaslu&gt;</a> 1 November 2026 {{- site.base }} {{ site.base | upper }} {{ site.lang }} {{ page.title }}"#
        );
    }

    #[test]
    fn templates_that_name_something_else_site_keep_their_lookups() {
        for bound in [
            "{% set site = page.site %}",
            "{%- set_global site = 1 -%}",
            "{% for site in page.websites %}{% endfor %}",
            "{% for key, site in page.sites %}{% endfor %}",
            "{% macro link(site) %}{% endmacro link %}",
        ] {
            assert!(binds_site(bound), "{bound}");
        }
        for free in [
            "{% set sites = 1 %}",
            "{% for w in page.websites %}{{ site.base }}{% endfor %}",
            "{% if site.title %}{% endif %}",
            "{% macro link(url) %}{% endmacro link %}",
        ] {
            assert!(!binds_site(free), "{free}");
        }
    }

    #[test]
    fn templates_with_raw_blocks_are_left_alone() {
        assert!(has_raw_block("a {% raw %}{{ site.base }}{% endraw %}"));
        assert!(has_raw_block("a {%- raw -%}x{% endraw %}"));
        assert!(!has_raw_block("{% if rawness %}{% endif %}"));
        let dir = std::env::temp_dir().join(format!("pakta-theme-raw-{}", std::process::id()));
        std::fs::create_dir_all(dir.join("themes/mine")).unwrap();
        std::fs::write(
            dir.join("themes/mine/404.html"),
            "{% raw %}{{ site.base }} t(k=\"skip\"){% endraw %}",
        )
        .unwrap();
        let theme =
            Theme::load(&dir, Some("mine"), Lang::Id, &[("site.base", "/".into())]).unwrap();
        let page = theme
            .tera
            .render("404.html", &tera::Context::new())
            .unwrap();
        assert_eq!(page, "{{ site.base }} t(k=\"skip\")");
        std::fs::remove_dir_all(&dir).unwrap();
    }

    #[test]
    fn html_in_labels_is_escaped_once() {
        assert_eq!(escape_html("a < b & \"c\""), "a &lt; b &amp; &quot;c&quot;");
        assert_eq!(escape_html("Pemilu é"), "Pemilu é");
    }
}
