//! The one text folding: lower case, the accents of letters removed
//! (`Pémilu` → `pemilu`). The search index, the partner matching key and
//! the id suggestions fold with it, and `search.js` folds queries the same
//! way (`normalize('NFD')`, marks U+0300–U+036F removed, `toLowerCase()`),
//! so a query finds what the index holds.

use unicode_normalization::UnicodeNormalization;

/// The characters of `text`, folded.
pub fn folded_chars(text: &str) -> impl Iterator<Item = char> + '_ {
    text.nfd()
        .filter(|c| !is_accent(*c))
        .flat_map(char::to_lowercase)
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

/// The combining diacritical marks, the block `search.js` removes.
fn is_accent(c: char) -> bool {
    ('\u{300}'..='\u{36f}').contains(&c)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn folds_case_and_accents() {
        assert_eq!(fold("Pémilu ÇÀÑ Ümum"), "pemilu can umum");
        assert_eq!(fold("KERJA sama"), "kerja sama");
        // As in the browser: letters without a decomposition stay.
        assert_eq!(fold("Łódź Ø"), "łodz ø");
        assert_eq!(fold("İ"), "i");
    }
}
