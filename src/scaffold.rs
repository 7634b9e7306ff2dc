//! Where a new agreement file goes: its unit's folder and a file name of
//! year, kind and partner that no file has yet. Its text is
//! `pakta_content::starting_text`.

use std::path::Path;

use pakta_content::slug::slugify;
use pakta_content::{Kind, reserved::is_reserved_segment};
use pakta_load::CONTENT_DIR;
use pakta_model::Model;

/// The file name without `.md`: `<year>-<kind>-<partner>`, where the
/// partner part is the register key of a registered partner.
pub(crate) fn derived_stem(year: i32, kind: Kind, partner_part: &str) -> String {
    format!("{year}-{kind}-{partner_part}")
}

/// The agreement's id (its path below `agreements/` without `.md`).
pub(crate) fn agreement_id(unit: &str, stem: &str) -> String {
    join_unit(unit, stem)
}

/// The file, relative to the repository root.
pub(crate) fn relative_path(id: &str) -> String {
    format!("{CONTENT_DIR}/{id}.md")
}

/// The first of `stem`, `stem-2`, `stem-3` … that names no file in the
/// unit's folder (compared without case, as `check` compares ids) and is
/// none of `also_taken` (names given to other files of the same run).
pub(crate) fn free_stem(root: &Path, unit: &str, stem: &str, also_taken: &[String]) -> String {
    let folder = root.join(CONTENT_DIR).join(unit);
    let taken: Vec<String> = std::fs::read_dir(&folder)
        .map(|entries| {
            entries
                .filter_map(Result::ok)
                .filter_map(|e| e.file_name().into_string().ok())
                .map(|name| name.to_lowercase())
                .collect()
        })
        .unwrap_or_default();
    let is_free = |candidate: &str| {
        !taken.contains(&format!("{candidate}.md"))
            && !also_taken.iter().any(|t| t.eq_ignore_ascii_case(candidate))
    };
    if is_free(stem) {
        return stem.to_string();
    }
    (2..)
        .map(|n| format!("{stem}-{n}"))
        .find(|candidate| is_free(candidate))
        .unwrap_or_else(|| stem.to_string())
}

/// Whether an id would take a name the site uses itself (`units`,
/// `assets` …): only ids of the root unit start with their file name.
pub(crate) fn takes_reserved_name(id: &str) -> bool {
    id.split('/').next().is_some_and(is_reserved_segment)
}

/// The registered partner that the name (or, for "Name (ACRONYM)", the
/// name or the acronym) means.
pub(crate) fn registered_partner<'m>(
    model: &'m Model,
    typed: &str,
) -> Option<&'m pakta_model::partners::RegisteredPartner> {
    let register = &model.partners;
    let mut candidates = vec![typed.to_string()];
    if let Some((before, after)) = typed.split_once('(') {
        candidates.push(before.trim().to_string());
        candidates.push(after.trim_end_matches(')').trim().to_string());
    }
    candidates
        .iter()
        .find_map(|name| register.resolve(name))
        .map(|ix| &register.partners[ix])
}

/// Normalises what an editor may type for a unit: `agreements/jawa-tengah/`,
/// `./jawa-tengah`, `jawa-tengah`; `.`, `/` or nothing is the root unit.
pub(crate) fn normalise_unit_path(input: &str) -> String {
    let path = input.trim().replace('\\', "/");
    let path = path.trim_start_matches("./").trim_matches('/');
    let path = path
        .strip_prefix(CONTENT_DIR)
        .filter(|rest| rest.is_empty() || rest.starts_with('/'))
        .unwrap_or(path)
        .trim_matches('/');
    if path == "." {
        String::new()
    } else {
        path.to_string()
    }
}

/// A short file-name part for a partner: an acronym in parentheses when
/// there is one ("Universitas Sebelas Maret (UNS)" -> "uns"), else the
/// name's first words.
pub(crate) fn partner_slug(partner: &str) -> String {
    let abbreviation = partner
        .rfind('(')
        .and_then(|open| {
            partner[open + 1..]
                .find(')')
                .map(|close| &partner[open + 1..open + 1 + close])
        })
        .filter(|inner| !slugify(inner).is_empty() && !inner.chars().any(char::is_lowercase));
    let slug = slugify(abbreviation.unwrap_or(partner));
    let mut short = String::new();
    for word in slug.split('-') {
        if !short.is_empty() && short.len() + word.len() + 1 > 40 {
            break;
        }
        if !short.is_empty() {
            short.push('-');
        }
        short.push_str(word);
    }
    if short.is_empty() {
        "mitra".to_string()
    } else {
        short
    }
}

fn join_unit(unit: &str, stem: &str) -> String {
    if unit.is_empty() {
        stem.to_string()
    } else {
        format!("{unit}/{stem}")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn file_name_is_year_kind_and_partner() {
        let stem = derived_stem(2026, Kind::Mou, "uns");
        assert_eq!(
            relative_path(&agreement_id("jawa-tengah/karanganyar", &stem)),
            "agreements/jawa-tengah/karanganyar/2026-mou-uns.md"
        );
        assert_eq!(
            relative_path(&agreement_id("", "2026-mou-uns-kkn")),
            "agreements/2026-mou-uns-kkn.md"
        );
    }

    #[test]
    fn reserved_names_are_only_a_problem_at_the_root() {
        assert!(takes_reserved_name("units"));
        assert!(takes_reserved_name("assets"));
        assert!(!takes_reserved_name("jawa-tengah/units"));
        assert!(!takes_reserved_name("2026-mou-uns"));
    }

    #[test]
    fn partner_slugs_are_short_and_ascii() {
        assert_eq!(
            partner_slug("Badan Siber dan Sandi Negara"),
            "badan-siber-dan-sandi-negara"
        );
        assert_eq!(
            partner_slug("PT Telkom Indonesia (Persero) Tbk"),
            "pt-telkom-indonesia-persero-tbk"
        );
        assert_eq!(
            partner_slug(
                "Kementerian Komunikasi dan Digital Republik Indonesia Bagian Hubungan Masyarakat"
            ),
            "kementerian-komunikasi-dan-digital"
        );
        assert_eq!(partner_slug("«»"), "mitra");
        assert_eq!(
            partner_slug("Universitas Émile Durkheim"),
            "universitas-emile-durkheim"
        );
    }

    #[test]
    fn unit_paths_are_normalised() {
        assert_eq!(
            normalise_unit_path("agreements/jawa-tengah/"),
            "jawa-tengah"
        );
        assert_eq!(normalise_unit_path("./jawa-tengah"), "jawa-tengah");
        assert_eq!(normalise_unit_path("."), "");
        assert_eq!(normalise_unit_path("agreements"), "");
        assert_eq!(
            normalise_unit_path("agreements-lama/x"),
            "agreements-lama/x"
        );
    }
}
