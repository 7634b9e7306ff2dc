//! The one place names become slugs (file names and addresses) and
//! matching keys.
//!
//! A slug is ASCII for any script: `deunicode` transliterates whole
//! alphabets ("Łódź" -> "lodz", "Ærø" -> "aero", Chinese to pinyin), which a
//! table of Latin accents cannot. A transliteration may give two different
//! names one slug, so matching never uses it: [`match_key`] only drops case,
//! accents and punctuation and keeps every other letter as written.

/// Slugs stay well under the 255-byte limit of a file name even with a
/// suffix added to tell two names apart.
pub const MAX_SLUG_CHARS: usize = 80;

/// Lower-case ASCII letters and digits joined by single hyphens, accents
/// and other scripts transliterated, cut at a hyphen to at most
/// [`MAX_SLUG_CHARS`]. Empty when the text has no letter or digit.
pub fn slugify(text: &str) -> String {
    let ascii = deunicode::deunicode(text);
    let mut slug = String::new();
    for word in ascii
        .split(|c: char| !c.is_ascii_alphanumeric())
        .filter(|w| !w.is_empty())
    {
        let extra = word.len() + usize::from(!slug.is_empty());
        if slug.len() + extra > MAX_SLUG_CHARS {
            if slug.is_empty() {
                slug.push_str(&word[..MAX_SLUG_CHARS]);
            }
            break;
        }
        if !slug.is_empty() {
            slug.push('-');
        }
        slug.push_str(word);
    }
    slug.make_ascii_lowercase();
    slug
}

/// Whether `slug` is already a slug: what an editor may pass as `--id`.
pub fn is_slug(slug: &str) -> bool {
    !slug.is_empty() && slugify(slug) == slug
}

/// The form two spellings of one name share: lower case, accents
/// removed, words of letters and digits joined by single spaces. Letters
/// without an accent to remove stay as they are, so distinct names keep
/// distinct keys ("Émile" and "emile" match; "Émile" and "Mile" do not).
pub fn match_key(name: &str) -> String {
    // Most names are plain ASCII, and folding them is only lower-casing
    // (as in `fold::fold_into`); the open data asks for every partner's
    // key several times per build.
    if name.is_ascii() {
        key_of(name.chars().map(|c| c.to_ascii_lowercase()), name.len())
    } else {
        key_of(crate::fold::folded_chars(name), name.len())
    }
}

fn key_of(folded: impl Iterator<Item = char>, capacity: usize) -> String {
    let mut key = String::with_capacity(capacity);
    let mut pending_space = false;
    for c in folded {
        if c.is_alphanumeric() {
            if pending_space && !key.is_empty() {
                key.push(' ');
            }
            pending_space = false;
            key.push(c);
        } else {
            pending_space = true;
        }
    }
    key
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn slugs_fold_accents_and_scripts() {
        assert_eq!(slugify("Émile Durkheim"), "emile-durkheim");
        assert_eq!(
            slugify("  UNIVERSITAS Sebelas-Maret. "),
            "universitas-sebelas-maret"
        );
        assert_eq!(slugify("Łódź"), "lodz");
        assert_eq!(slugify("«»"), "");
        assert_eq!(slugify("—"), "");
    }

    #[test]
    fn slugs_are_cut_at_a_word() {
        let long = "kata ".repeat(100);
        let slug = slugify(&long);
        assert!(slug.len() <= MAX_SLUG_CHARS, "{slug}");
        assert!(slug.ends_with("kata"), "{slug}");
        assert_eq!(slugify(&"a".repeat(30_000)).len(), MAX_SLUG_CHARS);
    }

    #[test]
    fn ids_must_be_slugs() {
        assert!(is_slug("2026-mou-uns"));
        assert!(!is_slug("2026 MoU"));
        assert!(!is_slug("émile"));
        assert!(!is_slug(""));
    }

    #[test]
    fn keys_fold_case_accents_and_punctuation_only() {
        assert_eq!(match_key("Émile"), match_key("emile"));
        assert_eq!(
            match_key("  UNIVERSITAS Sebelas-Maret. "),
            "universitas sebelas maret"
        );
        assert_ne!(match_key("Émile"), match_key("Mile"));
        assert_eq!(match_key("Łódź"), match_key("Lodz"));
        assert_ne!(match_key("京大"), match_key("经大"));
        assert_eq!(match_key("—"), "");
    }

    #[test]
    fn plain_ascii_names_get_the_key_folding_gives() {
        let every_ascii: String = (0u8..128).map(char::from).collect();
        for name in [
            every_ascii.as_str(),
            "  Dinas Pendidikan  Kab. X (DISDIK)  ",
            "UNS-1945_a",
        ] {
            assert_eq!(
                match_key(name),
                key_of(crate::fold::folded_chars(name), name.len()),
                "{name:?}"
            );
        }
    }
}
