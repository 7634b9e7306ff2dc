//! Text normalisation shared by the index and (mirrored in `search.js`) the
//! browser: lower case, diacritics folded (`pakta_content::fold`), split into words, known
//! compounds written apart joined, stopwords dropped.

/// Compounds that editors write both apart and together. Each is indexed
/// and queried as one token so that either spelling finds the other.
pub(crate) const COMPOUNDS: &[(&str, &str)] = &[
    ("kerja", "sama"),
    ("tanda", "tangan"),
    ("tindak", "lanjut"),
    ("kabupaten", "kota"),
    ("ad", "hoc"),
];

/// Words too common to tell agreements apart; skipped when indexing and
/// when querying, so they never shrink a result set. Sorted, for binary
/// search.
pub(crate) const STOPWORDS: &[&str] = &[
    "ada", "adalah", "akan", "and", "antara", "atau", "bagi", "dalam", "dan", "dari", "dengan",
    "di", "for", "hal", "ini", "itu", "juga", "ke", "of", "oleh", "pada", "para", "sebagai",
    "serta", "the", "to", "untuk", "yang",
];

/// Longer runs of letters and digits (a pasted hash, a missing space over a
/// whole paragraph) are not words anyone searches for; skipping them keeps
/// the index and its shard keys small whatever the text holds.
pub(crate) const MAX_WORD_CHARS: usize = 64;

#[cfg(test)]
use pakta_content::fold::fold;
use pakta_content::fold::fold_into;

/// The folded words of `text` in order: runs of letters and digits, with
/// known compounds joined and stopwords removed.
#[cfg(test)]
fn words(text: &str) -> Vec<String> {
    let mut out = Vec::new();
    for_each_word(text, |w| out.push(w.to_string()));
    out
}

/// Calls `visit` with each word [`words`] would return, without
/// allocating per word.
#[cfg(test)]
fn for_each_word(text: &str, mut visit: impl FnMut(&str)) {
    let mut folded = String::new();
    for_each_token(text, &mut folded, |word| {
        if !is_stopword(word) {
            visit(word);
        }
    });
}

/// Calls `visit` with each folded word of `text`, known compounds joined
/// and stopwords kept: for callers that remember what each word is.
/// `folded` is a buffer the caller may reuse between calls.
pub(crate) fn for_each_token(text: &str, folded: &mut String, mut visit: impl FnMut(&str)) {
    folded.clear();
    fold_into(text, folded);
    let mut pending: Option<&str> = None;
    for word in folded
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty() && !is_too_long(w))
    {
        if let Some(previous) = pending.take() {
            if starts_compound(previous) && COMPOUNDS.contains(&(previous, word)) {
                visit(&format!("{previous}{word}"));
                continue;
            }
            visit(previous);
        }
        pending = Some(word);
    }
    if let Some(last) = pending {
        visit(last);
    }
}

/// Whether a folded word is one of [`STOPWORDS`].
pub(crate) fn is_stopword(word: &str) -> bool {
    word.len() <= 7 && STOPWORDS.binary_search(&word).is_ok()
}

fn is_too_long(word: &str) -> bool {
    word.len() > MAX_WORD_CHARS && word.chars().count() > MAX_WORD_CHARS
}

fn starts_compound(word: &str) -> bool {
    COMPOUNDS.iter().any(|(first, _)| *first == word)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn stopwords_are_sorted_and_short() {
        assert!(STOPWORDS.windows(2).all(|w| w[0] < w[1]));
        assert!(STOPWORDS.iter().all(|w| w.len() <= 7));
    }

    #[test]
    fn folds_case_and_diacritics() {
        assert_eq!(fold("Pémilu ÇÀÑ Ümum"), "pemilu can umum");
    }

    #[test]
    fn joins_compounds_written_apart() {
        assert_eq!(words("Kerja Sama"), words("kerjasama"));
        assert_eq!(
            words("nota kerja-sama pendidikan"),
            ["nota", "kerjasama", "pendidikan"]
        );
    }

    #[test]
    fn tokens_keep_stopwords_and_join_compounds() {
        let mut buffer = String::from("left over");
        let mut tokens = Vec::new();
        for_each_token("Tindak Lanjut dan MONEV", &mut buffer, |w| {
            tokens.push(w.to_string())
        });
        assert_eq!(tokens, ["tindaklanjut", "dan", "monev"]);
    }

    #[test]
    fn skips_words_longer_than_the_limit() {
        let long = "a".repeat(MAX_WORD_CHARS + 1);
        let longest = "é".repeat(MAX_WORD_CHARS);
        assert_eq!(
            words(&format!("awal {long} {longest} akhir")),
            ["awal", "e".repeat(MAX_WORD_CHARS).as_str(), "akhir"]
        );
    }

    #[test]
    fn splits_numbers_and_drops_stopwords() {
        assert_eq!(
            words("Nomor 01/PR.07-NK/3313/2025 dan yang lain"),
            ["nomor", "01", "pr", "07", "nk", "3313", "2025", "lain"]
        );
    }

    proptest::proptest! {
        #![proptest_config(pakta_testkit::hostile_text::config())]

        #[test]
        fn any_text_gives_short_stemmable_words(text in pakta_testkit::hostile_text::text()) {
            let stemmer = crate::stem::WordStemmer::default();
            for word in words(&text).iter().take(2_000) {
                proptest::prop_assert!(!word.is_empty());
                proptest::prop_assert!(word.chars().count() <= MAX_WORD_CHARS);
                proptest::prop_assert!(!stemmer.stem(word).is_empty());
            }
        }
    }
}
