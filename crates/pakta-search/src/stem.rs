//! Indonesian stemming at build time (Sastrawi's Nazief-Adriani rules via
//! `sastrawi-rs`), with a protected-word list for the terms of this domain
//! that the rules get wrong.

use std::sync::OnceLock;

use sastrawi::{Dictionary, Stemmer};

/// Words kept as written. Election vocabulary where the rules conflate
/// different things ("pemilih", a voter, is not "memilih", to choose;
/// "pemilu" is a word of its own, not "milu"), and institution acronyms
/// that look like affixed words.
pub(crate) const PROTECTED: &[&str] = &[
    "pemilu",
    "pemilih",
    "pemilihan",
    "pemula",
    "pilkada",
    "kpu",
    "kpud",
    "bawaslu",
    "panwaslu",
    "panwascam",
    "dkpp",
    "bssn",
    "bpk",
    "bpkp",
    "kpk",
    "dpr",
    "dprd",
    "dpd",
    "mpr",
    "tni",
    "polri",
    "bumn",
    "bumd",
    "lsm",
    "ormas",
    "kemendagri",
    "kemenkeu",
    "kominfo",
    "kemenag",
    "kemendikbud",
    "ppk",
    "pps",
    "kpps",
    "ppln",
    "kppsln",
    "pantarlih",
    "sirekap",
    "sidalih",
    "kerjasama",
    "perguruan",
    "universitas",
    "mahasiswa",
    "perusahaan",
    "pemerintah",
    "media",
];

/// Words the rules stem wrongly, with the stem they should have: Sastrawi
/// reads "pengawasan" (supervision, from "awas") as "pe-" + "kawasan"
/// (area).
pub(crate) const CORRECTIONS: &[(&str, &str)] = &[
    ("pengawas", "awas"),
    ("pengawasan", "awas"),
    ("pengawasannya", "awas"),
    ("kepemiluan", "pemilu"),
];

/// Particles and possessives, which may follow any word.
const ENDINGS: &[&str] = &["lah", "kah", "pun", "tah", "ku", "mu", "nya"];

static DICTIONARY: OnceLock<Dictionary> = OnceLock::new();

/// Stems folded words. It remembers nothing: the indexer asks once per
/// written word and keeps the answer itself.
pub(crate) struct WordStemmer {
    stemmer: Stemmer<'static>,
}

impl Default for WordStemmer {
    fn default() -> Self {
        WordStemmer {
            stemmer: Stemmer::new(DICTIONARY.get_or_init(Dictionary::new)),
        }
    }
}

impl WordStemmer {
    /// The stem of a folded word. Numbers, short words, protected words
    /// and anything outside ASCII letters are their own stem.
    pub(crate) fn stem(&self, word: &str) -> String {
        if let Some((_, stem)) = CORRECTIONS.iter().find(|(w, _)| *w == word) {
            return stem.to_string();
        }
        // A protected word keeps its meaning with a particle or a
        // possessive after it ("kerjasamanya").
        let bare = ENDINGS
            .iter()
            .filter_map(|ending| word.strip_suffix(ending))
            .find(|bare| PROTECTED.contains(bare));
        if let Some(bare) = bare {
            return bare.to_string();
        }
        if word.len() < 4
            || PROTECTED.contains(&word)
            || !word.bytes().all(|b| b.is_ascii_lowercase())
        {
            return word.to_string();
        }
        let stemmed = self.stemmer.stem_word(word);
        if stemmed.is_empty() {
            word.to_string()
        } else {
            stemmed.into_owned()
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn affixed_forms_share_a_stem() {
        let s = WordStemmer::default();
        assert_eq!(s.stem("pengawasan"), s.stem("mengawasi"));
        assert_eq!(s.stem("perjanjian"), s.stem("berjanji"));
        assert_eq!(s.stem("pendidikan"), s.stem("mendidik"));
    }

    #[test]
    fn protected_words_keep_their_meaning() {
        let s = WordStemmer::default();
        assert_eq!(&*s.stem("pemilih"), "pemilih");
        assert_ne!(s.stem("pemilih"), s.stem("memilih"));
        assert_eq!(&*s.stem("pemilu"), "pemilu");
        assert_eq!(&*s.stem("bawaslu"), "bawaslu");
        assert_eq!(&*s.stem("2025"), "2025");
        assert_eq!(s.stem("kepemiluan"), s.stem("pemilu"));
    }

    /// Affixed forms and the stem the index gives them; the browser tests
    /// check that the page's affix rules reach the same stem from each.
    const SHARED_CASES: &str = include_str!("../../../tests/affix-cases.json");

    #[test]
    fn affixed_forms_have_the_stems_the_browser_derives() {
        let s = WordStemmer::default();
        let cases: Vec<(String, String)> =
            serde_json::from_str(SHARED_CASES).expect("tests/affix-cases.json is valid");
        let wrong: Vec<String> = cases
            .iter()
            .filter(|(word, stem)| s.stem(word) != *stem)
            .map(|(word, stem)| format!("{word}: {}, not {stem}", s.stem(word)))
            .collect();
        assert!(wrong.is_empty(), "{wrong:#?}");
    }

    #[test]
    fn a_beginner_is_not_also() {
        // Snowball's Indonesian rules read "pemula" (beginner) as "pe-" +
        // "pula" (also), so "pemilih pemula" would find every text that
        // says "also".
        let s = WordStemmer::default();
        assert_ne!(s.stem("pemula"), s.stem("pula"));
    }
}
