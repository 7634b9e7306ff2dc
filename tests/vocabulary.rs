//! One vocabulary: the glossary decides the name of each notion once (a
//! unit is a "satuan kerja", an activity a "kegiatan", an agreement a
//! "perjanjian"; the reasons are written above the glossary in each
//! catalog), and the words it rejects, `[synonyms.vocabulary]`, appear in
//! no text a reader sees: no label, glossary name or message of either
//! catalog.

use pakta_content::i18n::{Catalog, Lang};

/// A rejected word is still right inside these fixed names, which use it
/// for the general notion (the glossary's note on "kerja sama").
const FIXED_NAMES: &[&str] = &[
    "perjanjian kerja sama",
    "laporan kerja sama",
    "transparansi kerja sama",
];

/// Every text of the catalog a reader may see, by where it is.
fn visible_texts(catalog: &Catalog) -> Vec<(String, String)> {
    let mut texts: Vec<(String, String)> = Vec::new();
    texts.extend(
        catalog
            .labels
            .iter()
            .map(|(k, v)| (format!("[labels] {k}"), v.clone())),
    );
    for (field, terms) in &catalog.terms {
        texts.extend(
            terms
                .iter()
                .map(|(k, v)| (format!("[terms.{field}] {k}"), v.clone())),
        );
    }
    texts.extend(
        catalog
            .messages
            .iter()
            .map(|(k, v)| (format!("[messages] {k}"), v.clone())),
    );
    texts
}

/// The text as a reader sees its words: lower case, without `{placeholders}`
/// (filled in later), `code` (keys, paths and commands, written as typed)
/// and the fixed names.
fn words_of(text: &str) -> String {
    let mut out = String::new();
    let mut skip_until = None;
    for c in text.chars() {
        match (skip_until, c) {
            (Some(end), c) if c == end => skip_until = None,
            (Some(_), _) => {}
            (None, '{') => skip_until = Some('}'),
            (None, '`') => skip_until = Some('`'),
            (None, c) => out.push(c),
        }
    }
    let mut out = out.to_lowercase();
    for name in FIXED_NAMES {
        out = out.replace(name, " ");
    }
    out
}

/// Whether `word` is in `text` as whole words: a path (`_unit.toml`,
/// `units/`), a flag (`--unit`) or a code in backticks (`` `unit` ``) is
/// not the word.
fn has_word(text: &str, word: &str) -> bool {
    let name_char = |c: char| c.is_alphanumeric() || matches!(c, '_' | '/' | '-');
    text.match_indices(word).any(|(at, _)| {
        let before = text[..at].chars().next_back();
        let mut rest = text[at + word.len()..].chars();
        let after = rest.next();
        // "unit.toml" is a file name; "per unit." ends a sentence.
        let dotted = after == Some('.') && rest.next().is_some_and(char::is_alphanumeric);
        !before.is_some_and(|c| name_char(c) || c == '.' || c == '`')
            && !after.is_some_and(name_char)
            && !dotted
    })
}

/// The texts of `catalog` that use a word its vocabulary rejects.
fn rejected_words_in(catalog: &Catalog) -> Vec<String> {
    let rejected = catalog
        .synonyms
        .get("vocabulary")
        .expect("the catalog has [synonyms.vocabulary]");
    let mut found = Vec::new();
    for (place, text) in visible_texts(catalog) {
        let words = words_of(&text);
        for (notion, synonyms) in rejected {
            for synonym in synonyms {
                if has_word(&words, &synonym.to_lowercase()) {
                    found.push(format!("{place}: \"{synonym}\" for {notion}: {text}"));
                }
            }
        }
    }
    found
}

#[test]
fn no_visible_text_uses_a_word_the_vocabulary_rejects() {
    for lang in [Lang::Id, Lang::En] {
        let catalog = Catalog::default_for(lang);
        let rejected = &catalog.synonyms["vocabulary"];
        let notions: Vec<&str> = rejected.keys().map(String::as_str).collect();
        assert_eq!(
            notions,
            ["activity", "agreement", "unit"],
            "{}",
            lang.code()
        );
        let found = rejected_words_in(&catalog);
        assert!(
            found.is_empty(),
            "{}.toml uses words its vocabulary rejects:\n{}",
            lang.code(),
            found.join("\n")
        );
    }
}

#[test]
fn the_scan_finds_a_rejected_word_and_spares_names_paths_and_flags() {
    let catalog = Catalog::parse(
        "test.toml",
        r#"
[labels]
count = "{n} unit"
path = "Folder satuan kerja (berisi `_unit.toml`), lihat --unit dan units/"
pks = "Perjanjian Kerja Sama (PKS) dan Laporan Kerja Sama"
found = "3 kerja sama ditemukan"

[messages]
activity = "Tindak lanjut ini bertanggal {date}"

[synonyms.vocabulary]
activity = ["tindak lanjut"]
agreement = ["kerja sama"]
unit = ["unit"]
"#,
    )
    .expect("a catalog");
    let found = rejected_words_in(&catalog);
    let places: Vec<&str> = found
        .iter()
        .map(|f| f.split(':').next().unwrap_or_default())
        .collect();
    assert_eq!(
        places,
        ["[labels] count", "[labels] found", "[messages] activity"],
        "{found:#?}"
    );
}
