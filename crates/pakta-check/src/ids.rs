//! Ids and unit folders are addresses on the site and paths in every
//! checkout. Restricting them to lower-case letters, digits, `-` and `/`
//! means no id can name another output file (`x/index.json`, `feed.xml`),
//! and two ids that one file system would treat as one file (by case or
//! Unicode form, as on macOS and Windows) are refused.

use std::borrow::Cow;

use pakta_content::fold::folded_chars;
use unicode_normalization::UnicodeNormalization;

use pakta_content::diagnostics::{Diagnostic, Diagnostics, Severity};
use pakta_content::message::Message;
use pakta_load::{CONTENT_DIR, Sources};

pub(crate) fn check(sources: &Sources, out: &mut Diagnostics) {
    for agreement in &sources.agreements {
        if !is_valid_id(&agreement.id) {
            out.push(invalid_id(
                &agreement.source.path,
                &agreement.id,
                Message::new("invalid-id.agreement"),
                ".md",
            ));
        }
    }
    for unit in &sources.units {
        if !unit.path.is_empty() && !is_valid_id(&unit.path) {
            out.push(invalid_id(
                &unit.source.path,
                &unit.path,
                Message::new("invalid-id.unit"),
                "/",
            ));
        }
    }
    collisions(
        sources
            .agreements
            .iter()
            .map(|a| (a.id.as_str(), a.source.path.as_str())),
        Message::new("id-collision.agreement"),
        out,
    );
    collisions(
        sources
            .units
            .iter()
            .map(|u| (u.path.as_str(), u.source.path.as_str())),
        Message::new("id-collision.unit"),
        out,
    );
}

/// Lower-case ASCII letters, digits and `-` in each `/`-separated part,
/// no part empty.
pub(crate) fn is_valid_id(id: &str) -> bool {
    !id.is_empty()
        && id.split('/').all(|part| {
            !part.is_empty()
                && part
                    .bytes()
                    .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
        })
}

/// The nearest valid id: lower case, accents dropped, anything else
/// (spaces, `_`, `.`) a hyphen, hyphens collapsed and trimmed per part.
pub(crate) fn suggest_id(id: &str) -> String {
    id.split('/')
        .map(suggest_part)
        .filter(|part| !part.is_empty())
        .collect::<Vec<_>>()
        .join("/")
}

fn suggest_part(part: &str) -> String {
    let mut out = String::with_capacity(part.len());
    for lower in folded_chars(part) {
        if lower.is_ascii_lowercase() || lower.is_ascii_digit() {
            out.push(lower);
        } else if !out.is_empty() && !out.ends_with('-') {
            out.push('-');
        }
    }
    out.trim_end_matches('-').to_string()
}

/// What two names become on a file system that ignores case and Unicode
/// form: equal keys are the same file on macOS and Windows.
fn collision_key(name: &str) -> Cow<'_, str> {
    // Nearly every name is ASCII, where normalising changes nothing, and
    // already lower case.
    if name.is_ascii() {
        if name.bytes().any(|b| b.is_ascii_uppercase()) {
            return Cow::Owned(name.to_ascii_lowercase());
        }
        return Cow::Borrowed(name);
    }
    Cow::Owned(name.nfc().flat_map(char::to_lowercase).nfc().collect())
}

/// `message` says whose id it is (an agreement's, a unit folder's).
fn invalid_id(file: &str, id: &str, message: Message, suffix: &str) -> Diagnostic {
    let suggestion = suggest_id(id);
    let help = if suggestion.is_empty() || suggestion == id {
        Message::new("invalid-id.help")
    } else {
        Message::new("invalid-id.help-suggest")
            .arg("path", format!("{CONTENT_DIR}/{suggestion}{suffix}"))
    };
    Diagnostic::file_level(Severity::Error, file, "invalid-id", message.arg("id", id))
        .with_help(help)
}

/// Reports every name after the first (in sorted order) whose
/// [`collision_key`] an earlier name already has. Sorting by key groups
/// the names that collide; a national repository's fifty thousand names
/// are sorted once rather than each looked up in a map.
fn collisions<'a>(
    names: impl Iterator<Item = (&'a str, &'a str)>,
    message: Message,
    out: &mut Diagnostics,
) {
    let mut keyed: Vec<(Cow<'a, str>, &str, &str)> = names
        .map(|(name, file)| (collision_key(name), name, file))
        .collect();
    keyed.sort_unstable();
    for group in keyed.chunk_by(|a, b| a.0 == b.0) {
        let (_, earlier, earlier_file) = group[0];
        for (_, name, file) in &group[1..] {
            if *name == earlier {
                continue;
            }
            out.push(
                Diagnostic::file_level(
                    Severity::Error,
                    file,
                    "id-collision",
                    message
                        .clone()
                        .arg("name", name)
                        .arg("earlier", earlier)
                        .arg("earlier_file", earlier_file),
                )
                .with_help(Message::new("id-collision.help")),
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_are_lower_case_letters_digits_hyphens_and_slashes() {
        for id in ["2025-mou-uns", "jawa-tengah/karanganyar/2025-pks-1", "a"] {
            assert!(is_valid_id(id), "{id}");
        }
        for id in [
            "",
            "x/index.json",
            "feed.xml",
            "Jawa-Tengah/a",
            "a b",
            "a_b",
            "a//b",
            "/a",
            "a/",
            "pémilu",
            "a\u{fffd}b",
        ] {
            assert!(!is_valid_id(id), "{id}");
        }
    }

    #[test]
    fn suggestions_fold_case_accents_and_separators() {
        assert_eq!(
            suggest_id("Jawa_Tengah/2025 MoU.UNS"),
            "jawa-tengah/2025-mou-uns"
        );
        assert_eq!(suggest_id("Pémilu--Ümum"), "pemilu-umum");
        assert_eq!(suggest_id("x/index.json"), "x/index-json");
        assert_eq!(suggest_id("__a__"), "a");
        assert_eq!(suggest_id("e\u{301}"), "e");
    }

    #[test]
    fn case_and_unicode_form_collide() {
        let composed = "pemilu-\u{e9}";
        let decomposed = "pemilu-e\u{301}";
        assert_eq!(collision_key(composed), collision_key(decomposed));
        assert_eq!(collision_key("Bali/A"), collision_key("bali/a"));
        // The Kelvin sign is K once normalised.
        assert_eq!(collision_key("\u{212a}pu"), collision_key("kpu"));
        assert_ne!(collision_key("bali/a"), collision_key("bali/b"));
    }
}
