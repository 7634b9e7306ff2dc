//! Which characters text may hold. Control characters are invisible in an
//! editor, make the Atom feeds ill-formed XML and corrupt the calendar, so
//! they are refused wherever an editor writes text.
//!
//! Refused everywhere: U+0000 to U+001F except tab, line feed and carriage
//! return; U+007F to U+009F; U+FFFE and U+FFFF (not characters in XML).
//! Line breaks (line feed, carriage return) are allowed only in the body and
//! in the multi-line fields (`summary`, `description`, `notes`,
//! `obstacles`); tab is allowed everywhere.

/// Whether `c` may appear in a text; `multiline` texts may break lines.
pub fn is_allowed(c: char, multiline: bool) -> bool {
    match c {
        '\t' => true,
        '\n' | '\r' => multiline,
        '\u{0}'..='\u{1f}' | '\u{7f}'..='\u{9f}' | '\u{fffe}' | '\u{ffff}' => false,
        _ => true,
    }
}

/// The first refused character of `text` and its byte offset.
pub fn first_refused(text: &str, multiline: bool) -> Option<(usize, char)> {
    text.char_indices()
        .find(|&(_, c)| !is_allowed(c, multiline))
}

/// How messages name a character: `U+0007`.
pub fn code_point(c: char) -> String {
    format!("U+{:04X}", u32::from(c))
}

/// Where, in a TOML string as written (quotes and escapes included), the
/// first character that decodes to `wanted` is: a raw character or an
/// escape such as `\u0007`. `None` when it cannot be told (the caller then
/// points at the whole value).
pub fn locate_in_toml_string(raw: &str, wanted: char) -> Option<std::ops::Range<usize>> {
    let literal = raw.starts_with('\'');
    let opening = raw
        .find(|c: char| c != '"' && c != '\'')
        .unwrap_or(raw.len());
    let mut chars = raw[opening..].char_indices().peekable();
    while let Some((at, c)) = chars.next() {
        let start = opening + at;
        if c != '\\' || literal {
            if c == wanted {
                return Some(start..start + c.len_utf8());
            }
            continue;
        }
        let (_, kind) = chars.next()?;
        let (decoded, digits) = match kind {
            'b' => (Some('\u{8}'), 0),
            'f' => (Some('\u{c}'), 0),
            'e' => (Some('\u{1b}'), 0),
            'n' => (Some('\n'), 0),
            'r' => (Some('\r'), 0),
            't' => (Some('\t'), 0),
            'x' => (None, 2),
            'u' => (None, 4),
            'U' => (None, 8),
            _ => (None, 0),
        };
        let mut end = start + 1 + kind.len_utf8();
        let decoded = if digits > 0 {
            let hex = raw.get(end..end + digits)?;
            end += digits;
            for _ in 0..digits {
                chars.next();
            }
            u32::from_str_radix(hex, 16).ok().and_then(char::from_u32)
        } else {
            decoded
        };
        if decoded == Some(wanted) {
            return Some(start..end);
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tab_everywhere_line_breaks_only_in_multiline_text() {
        assert!(is_allowed('\t', false));
        assert!(!is_allowed('\n', false));
        assert!(is_allowed('\n', true));
        assert!(is_allowed('\r', true));
        for refused in [
            '\u{0}', '\u{7}', '\u{1b}', '\u{7f}', '\u{85}', '\u{fffe}', '\u{ffff}',
        ] {
            assert!(!is_allowed(refused, true), "{refused:?}");
        }
        assert!(is_allowed('é', false));
        assert!(is_allowed('\u{fffd}', false));
    }

    #[test]
    fn finds_the_first_refused_character() {
        assert_eq!(first_refused("aé\u{1}b\u{2}", false), Some((3, '\u{1}')));
        assert_eq!(first_refused("a\nb", true), None);
        assert_eq!(first_refused("a\nb", false), Some((1, '\n')));
    }

    #[test]
    fn locates_escapes_and_raw_characters() {
        let raw = r#""Judul \u0007 x""#;
        assert_eq!(locate_in_toml_string(raw, '\u{7}'), Some(7..13));
        let raw = r#""a\\b\u0000""#;
        assert_eq!(locate_in_toml_string(raw, '\u{0}'), Some(5..11));
        assert_eq!(locate_in_toml_string("\"a\\bc\"", '\u{8}'), Some(2..4));
        assert_eq!(locate_in_toml_string("\"é\u{7f}\"", '\u{7f}'), Some(3..4));
        assert_eq!(locate_in_toml_string("'a\\u0007'", '\u{7}'), None);
        assert_eq!(
            locate_in_toml_string("\"\\U0000FFFF\"", '\u{ffff}'),
            Some(1..11)
        );
    }
}
