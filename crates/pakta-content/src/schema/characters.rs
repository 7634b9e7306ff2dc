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
///
/// Every agreement body is scanned, so this looks at bytes, not chars:
/// blocks without a byte that can begin a refused character are skipped
/// in one vectorised pass, and only the candidates are decoded.
pub fn first_refused(text: &str, multiline: bool) -> Option<(usize, char)> {
    const BLOCK: usize = 64;
    let mut block_start = 0;
    for block in text.as_bytes().chunks(BLOCK) {
        let has_candidate = block
            .iter()
            .fold(false, |any, &b| any | may_begin_refused(b, multiline));
        if has_candidate {
            for (i, &b) in block.iter().enumerate() {
                if !may_begin_refused(b, multiline) {
                    continue;
                }
                let at = block_start + i;
                // Candidates are ASCII or UTF-8 lead bytes, so `at` is a
                // character boundary.
                if let Some(c) = text.get(at..).and_then(|rest| rest.chars().next())
                    && !is_allowed(c, multiline)
                {
                    return Some((at, c));
                }
            }
        }
        block_start += block.len();
    }
    None
}

/// Whether `b` can be the first byte of a character [`is_allowed`]
/// refuses: ASCII controls (line breaks only unless `multiline`), DEL,
/// 0xC2 (U+0080 to U+009F) and 0xEF (U+FFFE, U+FFFF). Never false for one.
fn may_begin_refused(b: u8, multiline: bool) -> bool {
    let line_break = b == b'\n' || b == b'\r';
    let refused_control = b < 0x20 && b != b'\t' && !(multiline && line_break);
    refused_control | (b == 0x7f) | (b == 0xc2) | (b == 0xef)
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

    /// The byte scan agrees with [`is_allowed`] for every character,
    /// wherever it sits relative to the scan's blocks.
    #[test]
    fn the_byte_scan_finds_exactly_the_refused_characters() {
        let reference = |text: &str, multiline: bool| {
            text.char_indices()
                .find(|&(_, c)| !is_allowed(c, multiline))
        };
        for c in (0..=0x10ffff).filter_map(char::from_u32) {
            let text = format!("aé{c}\u{a0}b");
            for multiline in [false, true] {
                assert_eq!(
                    first_refused(&text, multiline),
                    reference(&text, multiline),
                    "{c:?}"
                );
            }
        }
        let prefix = "é\u{fffd}x".repeat(30);
        for c in ['\u{1}', '\n', '\u{85}', '\u{ffff}', '\u{7f}'] {
            for offset in 0..80 {
                let cut = (0..=offset)
                    .rev()
                    .find(|&i| prefix.is_char_boundary(i))
                    .unwrap_or(0);
                let text = format!("{}{c}\u{fffe}", &prefix[..cut]);
                for multiline in [false, true] {
                    assert_eq!(first_refused(&text, multiline), reference(&text, multiline));
                }
            }
        }
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
