//! The words people write for a value of a closed list ("MoU",
//! "Universitas", "Perguruan Tinggi") and the code the content format
//! wants for it. The words come from the catalogs only: each value's
//! glossary name in both languages (and the abbreviation in its
//! parentheses) and the catalog's `[synonyms.<field>]`.

use std::collections::BTreeMap;
use std::sync::OnceLock;

use crate::closed::ClosedList;
use crate::i18n::{Catalog, Lang};

/// The code of `list` that `written` names, when exactly one does:
/// the code itself in another case or spacing, its glossary name, or a
/// synonym.
pub fn code_for_word(list: &ClosedList, written: &str) -> Option<&'static str> {
    let key = normalise(written);
    if key.is_empty() {
        return None;
    }
    if let Some(code) = list.codes().find(|code| normalise(code) == key) {
        return Some(code);
    }
    let code = words().get(list.glossary?)?.get(&key)?;
    list.choice(code).map(|c| c.code)
}

/// The code a catalog's `[synonyms.<field>]` gives `written`, for fields
/// that are no closed list of the content format (the column headers
/// `pakta import` knows, `[synonyms.column]`).
pub fn code_for_synonym(field: &str, written: &str) -> Option<&'static str> {
    words()
        .get(field)?
        .get(&normalise(written))
        .map(String::as_str)
}

/// For each glossary field, every word for one of its values (normalised)
/// and that value; a word two values share is left out, since it names
/// neither.
fn words() -> &'static BTreeMap<String, BTreeMap<String, String>> {
    static WORDS: OnceLock<BTreeMap<String, BTreeMap<String, String>>> = OnceLock::new();
    WORDS.get_or_init(|| {
        let mut found: BTreeMap<String, BTreeMap<String, Option<String>>> = BTreeMap::new();
        let mut add = |field: &str, word: &str, code: &str| {
            let word = normalise(word);
            if word.is_empty() {
                return;
            }
            let slot = found
                .entry(field.to_string())
                .or_default()
                .entry(word)
                .or_insert_with(|| Some(code.to_string()));
            if slot.as_deref() != Some(code) {
                *slot = None;
            }
        };
        for lang in [Lang::Id, Lang::En] {
            let catalog = Catalog::default_for(lang);
            for (field, terms) in &catalog.terms {
                for (code, name) in terms {
                    add(field, name, code);
                    // "Nota Kesepahaman (MoU)": each half names it too.
                    if let Some((before, after)) = name.split_once('(') {
                        add(field, before, code);
                        add(field, after.trim_end_matches(')'), code);
                    }
                }
            }
            for (field, values) in &catalog.synonyms {
                for (code, synonyms) in values {
                    for word in synonyms {
                        add(field, word, code);
                    }
                }
            }
        }
        found
            .into_iter()
            .map(|(field, words)| {
                let words = words
                    .into_iter()
                    .filter_map(|(word, code)| Some((word, code?)))
                    .collect();
                (field, words)
            })
            .collect()
    })
}

/// Lower case, letters and digits only, single spaces between words:
/// "Perguruan  Tinggi", "perguruan-tinggi" and "PERGURUAN TINGGI" meet.
fn normalise(word: &str) -> String {
    word.to_lowercase()
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .collect::<Vec<_>>()
        .join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::closed;

    #[test]
    fn codes_are_found_from_the_words_people_write() {
        assert_eq!(code_for_word(&closed::KINDS, "MoU"), Some("mou"));
        assert_eq!(
            code_for_word(&closed::KINDS, "Nota Kesepahaman"),
            Some("mou")
        );
        assert_eq!(code_for_word(&closed::KINDS, "PKS"), Some("pks"));
        assert_eq!(
            code_for_word(&closed::CATEGORIES, "universitas"),
            Some("university")
        );
        assert_eq!(code_for_word(&closed::CATEGORIES, "LSM"), Some("ngo"));
        assert_eq!(
            code_for_word(&closed::CATEGORIES, "State Institution"),
            Some("state-institution")
        );
        assert_eq!(code_for_word(&closed::CATEGORIES, "xyz"), None);
        assert_eq!(code_for_word(&closed::CATEGORIES, ""), None);
    }

    #[test]
    fn every_glossary_name_leads_to_its_code() {
        for lang in [Lang::Id, Lang::En] {
            let catalog = Catalog::default_for(lang);
            for (field, choices) in [("category", &closed::CATEGORIES), ("kind", &closed::KINDS)] {
                for (code, name) in &catalog.terms[field] {
                    assert_eq!(
                        code_for_word(choices, &name.to_uppercase()),
                        Some(code.as_str()),
                        "{name}"
                    );
                }
            }
        }
    }

    #[test]
    fn every_closed_list_of_the_content_format_has_a_glossary_field() {
        use super::super::spec::{AGREEMENT, FieldType, TableSpec};
        fn walk(table: &'static TableSpec) {
            for field in table.fields {
                match &field.ty {
                    FieldType::Choice(choices) | FieldType::ChoiceList { choices, .. } => {
                        assert!(choices.glossary.is_some(), "{}", field.name)
                    }
                    FieldType::Table(t) | FieldType::TableList(t) => walk(t),
                    _ => {}
                }
            }
        }
        walk(&AGREEMENT);
    }
}
