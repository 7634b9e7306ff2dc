//! What `check` (and `build`, before it renders) says about a site's
//! theme, each at its place: a catalog key the default catalog lacks (no
//! template would ever show it), a template asking for a text no catalog
//! has (the page would show the key), and anything else that stops the
//! theme from loading.

use std::ops::Range;
use std::path::Path;

use toml::de::{DeTable, DeValue};

use super::theme::{CATALOG_DIR, Theme, ThemeError, read_theme_folder, theme_folder};
use pakta_content::Config;
use pakta_content::diagnostics::{Diagnostic, Severity, SourceFile};
use pakta_content::i18n::{Catalog, Lang, Texts};
use pakta_content::message::Message;
use pakta_load::THEMES_DIR;

/// Problems of the theme `config` names; none without a theme.
pub fn check_theme(root: &Path, config: &Config) -> Vec<Diagnostic> {
    let Some(name) = config.site.theme.as_deref() else {
        return Vec::new();
    };
    let shown = format!("{THEMES_DIR}/{name}");
    let theme_problem = |ThemeError(message)| {
        vec![Diagnostic::file_level(
            Severity::Error,
            &shown,
            "theme-error",
            message,
        )]
    };
    let lang = Lang::from_config(&config.site.language);
    let files = match theme_folder(root, name).and_then(|dir| read_theme_folder(&dir, &shown)) {
        Ok(files) => files,
        Err(problem) => return theme_problem(problem),
    };
    let texts = Texts::default_for(lang);
    let mut diagnostics = Vec::new();
    for (path, bytes) in &files {
        let catalog_lang = catalog_language(path);
        if catalog_lang.is_none() && !path.ends_with(".html") {
            continue;
        }
        let Ok(text) = std::str::from_utf8(bytes) else {
            // Theme::load below names it.
            continue;
        };
        let source = SourceFile::new(format!("{shown}/{path}"), text);
        match catalog_lang {
            Some(lang) => {
                unknown_catalog_keys(&source, &Catalog::default_for(lang), &mut diagnostics)
            }
            None => unknown_texts(&source, texts, &mut diagnostics),
        }
    }
    if diagnostics.is_empty()
        && let Err(problem) = Theme::load(root, Some(name), lang)
    {
        return theme_problem(problem);
    }
    diagnostics
}

/// The language of a theme's catalog file, `i18n/<code>.toml`.
fn catalog_language(path: &str) -> Option<Lang> {
    let code = path.strip_prefix(CATALOG_DIR)?.strip_suffix(".toml")?;
    [Lang::Id, Lang::En].into_iter().find(|l| l.code() == code)
}

/// Every key of a theme catalog that the default catalog lacks, at the
/// key; TOML that does not parse, at its place.
fn unknown_catalog_keys(source: &SourceFile, default: &Catalog, out: &mut Vec<Diagnostic>) {
    let (table, errors) = DeTable::parse_recoverable(&source.text);
    for error in errors {
        let span = error.span().unwrap_or(0..0);
        let detail = error.message().trim().replace('\n', "; ");
        out.push(Diagnostic::error(
            source,
            span,
            "invalid-toml",
            Message::new("invalid-toml").arg("detail", detail),
        ));
    }
    let unknown = |key: String, span: Range<usize>| {
        Diagnostic::error(
            source,
            span,
            "unknown-catalog-key",
            Message::new("theme-unknown-key").arg("key", key),
        )
        .with_help(Message::new("theme-unknown-key.help"))
    };
    for (section, value) in table.get_ref() {
        let section_name: &str = section.get_ref();
        let DeValue::Table(entries) = value.get_ref() else {
            out.push(unknown(section_name.to_string(), section.span()));
            continue;
        };
        for (key, value) in entries {
            let key_name: &str = key.get_ref();
            let known = match section_name {
                "labels" => default.labels.contains_key(key_name),
                "messages" => default.messages.contains_key(key_name),
                "forms" => default.forms.contains_key(key_name),
                "terms" => match (default.terms.get(key_name), value.get_ref()) {
                    (Some(known), DeValue::Table(values)) => {
                        for (value, _) in values {
                            let value_name: &str = value.get_ref();
                            if !known.contains_key(value_name) {
                                out.push(unknown(
                                    format!("terms.{key_name}.{value_name}"),
                                    value.span(),
                                ));
                            }
                        }
                        true
                    }
                    (known, _) => known.is_some(),
                },
                // What people write for a value (`pakta theme init` writes
                // the default's out): known fields and values only.
                "synonyms" => match (default.synonyms.get(key_name), value.get_ref()) {
                    (Some(known), DeValue::Table(values)) => {
                        for (value, _) in values {
                            let value_name: &str = value.get_ref();
                            if !known.contains_key(value_name) {
                                out.push(unknown(
                                    format!("synonyms.{key_name}.{value_name}"),
                                    value.span(),
                                ));
                            }
                        }
                        true
                    }
                    (known, _) => known.is_some(),
                },
                _ => false,
            };
            if !known {
                out.push(unknown(format!("{section_name}.{key_name}"), key.span()));
            }
        }
    }
}

/// Every `t(k="…")` in a template's tags whose key no catalog has, at the
/// key. Keys built while rendering (`t(k="status-" ~ s)`) are checked when
/// the page renders.
fn unknown_texts(source: &SourceFile, texts: &Texts, out: &mut Vec<Diagnostic>) {
    for (key, span) in literal_text_keys(&source.text) {
        if texts.get(key).is_none() {
            out.push(
                Diagnostic::error(
                    source,
                    span,
                    "unknown-text",
                    Message::new("theme-unknown-text").arg("key", key),
                )
                .with_help(Message::new("theme-unknown-text.help")),
            );
        }
    }
}

/// The keys written as plain strings in `t(k="…")` calls inside `{{ }}`
/// and `{% %}` tags, with their byte ranges; comments and `raw` blocks
/// are skipped, and so are macros reached through a namespace
/// (`tools::t(…)`).
fn literal_text_keys(template: &str) -> Vec<(&str, Range<usize>)> {
    let mut keys = Vec::new();
    let mut at = 0;
    while let Some(open) = template[at..].find('{').map(|i| at + i) {
        let rest = &template[open..];
        let close = if rest.starts_with("{{") {
            "}}"
        } else if rest.starts_with("{%") {
            "%}"
        } else if rest.starts_with("{#") {
            "#}"
        } else {
            at = open + 1;
            continue;
        };
        let end = rest.find(close).map_or(template.len(), |i| open + i);
        let tag = &template[open + 2..end];
        if close == "%}" && is_raw_start(tag) {
            // Everything up to `{% endraw %}` is text, not template.
            at = template[end..]
                .find("endraw")
                .map_or(template.len(), |i| end + i);
            continue;
        }
        if close != "#}" {
            keys.extend(keys_in_tag(tag, open + 2));
        }
        at = end.max(open + 2);
    }
    keys
}

fn is_raw_start(tag: &str) -> bool {
    tag.trim_matches(|c: char| c == '-' || c.is_whitespace()) == "raw"
}

fn keys_in_tag(tag: &str, offset: usize) -> Vec<(&str, Range<usize>)> {
    let mut keys = Vec::new();
    for (call, _) in tag.match_indices("t(") {
        let before = tag[..call].chars().next_back();
        if before.is_some_and(|c| c.is_alphanumeric() || matches!(c, '_' | ':' | '.')) {
            continue;
        }
        let args = &tag[call + 2..];
        let Some(after_k) = args.trim_start().strip_prefix('k') else {
            continue;
        };
        let Some(value) = after_k.trim_start().strip_prefix('=') else {
            continue;
        };
        let value = value.trim_start();
        let Some(quote) = value
            .chars()
            .next()
            .filter(|c| matches!(c, '"' | '\'' | '`'))
        else {
            continue;
        };
        let Some(length) = value[1..].find(quote) else {
            continue;
        };
        let following = value[1 + length + 1..].trim_start();
        if !(following.starts_with(',') || following.starts_with(')')) {
            continue;
        }
        let start = offset + (tag.len() - value.len()) + 1;
        keys.push((&value[1..1 + length], start..start + length));
    }
    keys
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn literal_keys_are_found_in_tags_only() {
        let template = "t(k=\"plain\") {{ t(k=\"home\") }}{% set x = t( k = 'menu', n=3) %}\
            {# t(k=\"comment\") #}{% raw %}{{ t(k=\"raw\") }}{% endraw %}\
            {{ tools::t(k=\"macro\") }}{{ t(k=\"kind-\" ~ x) }}{{ at(k=\"other\") }}";
        let keys: Vec<&str> = literal_text_keys(template)
            .into_iter()
            .map(|k| k.0)
            .collect();
        assert_eq!(keys, ["home", "menu"]);
        let (key, span) = literal_text_keys(template)[0].clone();
        assert_eq!(&template[span], key);
    }

    #[test]
    fn the_default_templates_ask_only_for_texts_the_catalogs_have() {
        for lang in [Lang::Id, Lang::En] {
            for (path, bytes) in super::super::theme::DEFAULT_FILES {
                if !path.ends_with(".html") {
                    continue;
                }
                let source = SourceFile::new(*path, std::str::from_utf8(bytes).unwrap());
                let mut out = Vec::new();
                unknown_texts(&source, Texts::default_for(lang), &mut out);
                assert!(out.is_empty(), "{path}: {out:?}");
            }
        }
    }
}
