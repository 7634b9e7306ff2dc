//! Text normalisation shared by the index and (mirrored in `search.js`) the
//! browser: lower case, diacritics folded, split into words, known
//! compounds written apart joined, stopwords dropped.

/// Compounds that editors write both apart and together. Each is indexed
/// and queried as one token so that either spelling finds the other.
pub const COMPOUNDS: &[(&str, &str)] = &[
    ("kerja", "sama"),
    ("tanda", "tangan"),
    ("tindak", "lanjut"),
    ("kabupaten", "kota"),
    ("ad", "hoc"),
];

/// Words too common to tell agreements apart; skipped when indexing and
/// when querying, so they never shrink a result set. Sorted, for binary
/// search.
pub const STOPWORDS: &[&str] = &[
    "ada", "adalah", "akan", "and", "antara", "atau", "bagi", "dalam", "dan", "dari", "dengan",
    "di", "for", "hal", "ini", "itu", "juga", "ke", "of", "oleh", "pada", "para", "sebagai",
    "serta", "the", "to", "untuk", "yang",
];

/// Lower case with the accents of Latin letters removed: `Pémilu` ->
/// `pemilu`. Characters outside the table keep their lower-case form.
pub fn fold(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        for lower in c.to_lowercase() {
            out.push(fold_char(lower));
        }
    }
    out
}

fn fold_char(c: char) -> char {
    match c {
        'à'..='å' | 'ā' | 'ă' | 'ą' => 'a',
        'ç' | 'ć' | 'ĉ' | 'ċ' | 'č' => 'c',
        'ď' | 'đ' => 'd',
        'è'..='ë' | 'ē' | 'ĕ' | 'ė' | 'ę' | 'ě' => 'e',
        'ĝ' | 'ğ' | 'ġ' | 'ģ' => 'g',
        'ĥ' | 'ħ' => 'h',
        'ì'..='ï' | 'ĩ' | 'ī' | 'ĭ' | 'į' | 'ı' => 'i',
        'ĵ' => 'j',
        'ķ' => 'k',
        'ĺ' | 'ļ' | 'ľ' | 'ŀ' | 'ł' => 'l',
        'ñ' | 'ń' | 'ņ' | 'ň' => 'n',
        'ò'..='ö' | 'ø' | 'ō' | 'ŏ' | 'ő' => 'o',
        'ŕ' | 'ŗ' | 'ř' => 'r',
        'ś' | 'ŝ' | 'ş' | 'š' | 'ș' => 's',
        'ţ' | 'ť' | 'ŧ' | 'ț' => 't',
        'ù'..='ü' | 'ũ' | 'ū' | 'ŭ' | 'ů' | 'ű' | 'ų' => 'u',
        'ŵ' => 'w',
        'ý' | 'ÿ' | 'ŷ' => 'y',
        'ź' | 'ż' | 'ž' => 'z',
        other => other,
    }
}

/// The folded words of `text` in order: runs of letters and digits, with
/// known compounds joined and stopwords removed.
pub fn words(text: &str) -> Vec<String> {
    let mut out = Vec::new();
    for_each_word(text, |w| out.push(w.to_string()));
    out
}

/// Calls `visit` with each word [`words`] would return, without
/// allocating per word.
pub fn for_each_word(text: &str, mut visit: impl FnMut(&str)) {
    let folded = if text.is_ascii() {
        text.to_ascii_lowercase()
    } else {
        fold(text)
    };
    let mut pending: Option<&str> = None;
    for word in folded
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
    {
        if let Some(previous) = pending.take() {
            if starts_compound(previous) && COMPOUNDS.contains(&(previous, word)) {
                visit(&format!("{previous}{word}"));
                continue;
            }
            if !is_stopword(previous) {
                visit(previous);
            }
        }
        pending = Some(word);
    }
    if let Some(last) = pending
        && !is_stopword(last)
    {
        visit(last);
    }
}

fn is_stopword(word: &str) -> bool {
    word.len() <= 7 && STOPWORDS.binary_search(&word).is_ok()
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
    fn splits_numbers_and_drops_stopwords() {
        assert_eq!(
            words("Nomor 01/PR.07-NK/3313/2025 dan yang lain"),
            ["nomor", "01", "pr", "07", "nk", "3313", "2025", "lain"]
        );
    }
}
