//! The one text folding: compatibility forms decomposed (`ﬁ` → `fi`,
//! full-width `２` → `2`), every combining mark removed (`Pémilu` →
//! `pemilu`), lower case, then the letters that have no decomposition
//! replaced from [`LETTERS`] (`ø` → `o`, `ß` → `ss`). The search index, the
//! partner matching key and the id suggestions fold with it. `search.js`
//! folds queries by the same steps (`normalize('NFKD')`, `\p{M}` removed,
//! `toLowerCase()`) and receives [`LETTERS`] in the index's manifest, so
//! the table exists once; `tests/folding-cases.json` holds the cases both
//! sides are tested against.

use unicode_normalization::UnicodeNormalization;
use unicode_normalization::char::is_combining_mark;

/// Lower-case letters that neither decomposition nor lower-casing brings
/// to Latin letters readers type on a plain keyboard, with what they
/// fold to. The final sigma is here because the browser lower-cases a
/// whole string (`Σ` at a word's end becomes `ς`) and Rust a character.
pub const LETTERS: &[(char, &str)] = &[
    ('ß', "ss"),
    ('æ', "ae"),
    ('ð', "d"),
    ('ø', "o"),
    ('þ', "th"),
    ('đ', "d"),
    ('ħ', "h"),
    ('ı', "i"),
    ('ł', "l"),
    ('œ', "oe"),
    ('ŧ', "t"),
    ('ς', "σ"),
];

/// The characters of `text`, folded.
pub fn folded_chars(text: &str) -> impl Iterator<Item = char> + '_ {
    text.nfkd()
        .filter(|c| !is_combining_mark(*c))
        .flat_map(char::to_lowercase)
        .flat_map(|c| {
            let replaced = LETTERS.iter().find(|(letter, _)| *letter == c);
            let (one, many) = match replaced {
                Some((_, with)) => (None, Some(with.chars())),
                None => (Some(c), None),
            };
            one.into_iter().chain(many.into_iter().flatten())
        })
}

/// Appends `text`, folded, to `out`.
pub fn fold_into(text: &str, out: &mut String) {
    if text.is_ascii() {
        out.extend(text.chars().map(|c| c.to_ascii_lowercase()));
    } else {
        out.extend(folded_chars(text));
    }
}

/// `text`, folded.
pub fn fold(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    fold_into(text, &mut out);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The cases `search.js` is tested against too
    /// (`tests/browser/search.test.mjs`).
    const SHARED_CASES: &str = include_str!("../../../tests/folding-cases.json");

    #[test]
    fn folds_the_shared_cases() {
        let cases: Vec<(String, String)> =
            serde_json::from_str(SHARED_CASES).expect("tests/folding-cases.json is valid");
        assert!(cases.len() >= 20);
        let failures: Vec<String> = cases
            .iter()
            .filter(|(text, folded)| fold(text) != *folded)
            .map(|(text, folded)| format!("{text:?}: {:?}, not {folded:?}", fold(text)))
            .collect();
        assert!(failures.is_empty(), "{failures:#?}");
    }

    #[test]
    fn the_table_is_sorted_lower_case_and_final() {
        assert!(LETTERS.windows(2).all(|w| w[0].0 < w[1].0));
        for (letter, with) in LETTERS {
            assert_eq!(
                letter.to_lowercase().collect::<String>(),
                letter.to_string()
            );
            assert_eq!(fold(with), *with, "{letter} folds in one step");
        }
    }

    #[test]
    fn folding_is_idempotent() {
        let text = "Ǆemal ŒUVRE Straße İstanbul ΟΔΟΣ ｑｕｅｒｙ";
        assert_eq!(fold(&fold(text)), fold(text));
    }
}
