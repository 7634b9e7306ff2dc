//! With `[cms]`, dates the CMS cannot read. Its TOML reader ends a date
//! only at the end of a line, a space before a comment or a tab; a date
//! followed by `,`, `}` or `]` (`period = { from = 2024-07-01, to = … }`)
//! stops it, and the file does not open in the forms. `check` accepts
//! such dates, so this is a warning, at the date, with the rewrite.

use pakta_content::AgreementSource;
use pakta_content::diagnostics::{Diagnostic, Diagnostics};
use pakta_content::message::Message;

pub(crate) fn check(agreements: &[AgreementSource], out: &mut Diagnostics) {
    for agreement in agreements {
        for at in unreadable_dates(&agreement.source.text) {
            out.push(
                Diagnostic::warning(
                    &agreement.source,
                    at..at + DATE_LENGTH,
                    "cms-unreadable-date",
                    Message::new("cms-unreadable-date"),
                )
                .with_help(Message::new("cms-unreadable-date.help")),
            );
        }
    }
}

/// `YYYY-MM-DD`.
const DATE_LENGTH: usize = 10;

/// Where each date outside strings and comments is followed (after any
/// spaces) by `,`, `}` or `]`.
fn unreadable_dates(text: &str) -> Vec<usize> {
    let bytes = text.as_bytes();
    let mut found = Vec::new();
    let mut at = 0;
    while at < bytes.len() {
        match bytes[at] {
            b'#' => at = end_of_line(bytes, at),
            quote @ (b'"' | b'\'') => at = end_of_string(bytes, at, quote),
            b'0'..=b'9' if at == 0 || !is_word(bytes[at - 1]) => {
                let end = word_end(bytes, at);
                if is_date(&bytes[at..end]) {
                    let next = bytes[end..].iter().find(|b| **b != b' ' && **b != b'\t');
                    if matches!(next, Some(b',' | b'}' | b']')) {
                        found.push(at);
                    }
                }
                at = end;
            }
            _ => at += 1,
        }
    }
    found
}

fn is_word(byte: u8) -> bool {
    byte.is_ascii_alphanumeric() || matches!(byte, b'-' | b'_' | b':' | b'.' | b'+')
}

fn word_end(bytes: &[u8], start: usize) -> usize {
    bytes[start..]
        .iter()
        .position(|b| !is_word(*b))
        .map_or(bytes.len(), |n| start + n)
}

fn is_date(word: &[u8]) -> bool {
    word.len() == DATE_LENGTH
        && word.iter().enumerate().all(|(i, b)| match i {
            4 | 7 => *b == b'-',
            _ => b.is_ascii_digit(),
        })
}

fn end_of_line(bytes: &[u8], from: usize) -> usize {
    bytes[from..]
        .iter()
        .position(|b| *b == b'\n')
        .map_or(bytes.len(), |n| from + n + 1)
}

/// The position after the string opening at `from`, one-line or
/// multi-line; basic strings skip escaped characters.
fn end_of_string(bytes: &[u8], from: usize, quote: u8) -> usize {
    let triple = bytes.get(from..from + 3) == Some(&[quote; 3][..]);
    let mut at = from + if triple { 3 } else { 1 };
    while at < bytes.len() {
        let b = bytes[at];
        if b == b'\\' && quote == b'"' {
            at += 2;
        } else if b == quote && (!triple || bytes.get(at..at + 3) == Some(&[quote; 3][..])) {
            return at + if triple { 3 } else { 1 };
        } else if b == b'\n' && !triple {
            return at + 1;
        } else {
            at += 1;
        }
    }
    bytes.len()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_before_a_comma_or_a_bracket_are_found() {
        let text = "period = { from = 2024-07-01, to = 2026-04-30 }\n";
        assert_eq!(unreadable_dates(text), [18, 35]);
        assert_eq!(unreadable_dates("x = [2024-07-01 ,2024-07-02]\n"), [5, 17]);
    }

    #[test]
    fn dates_the_cms_reads_are_left_alone() {
        for text in [
            "signed = 2024-07-01\n",
            "signed = 2024-07-01 # ditandatangani\n",
            "signed = 2024-07-01",
            "title = \"2024-07-01, 2024-07-02]\"\n",
            "title = 'x 2024-07-01}'\n",
            "summary = \"\"\"\n2024-07-01, lalu\n\"\"\"\n",
            "title = \"a \\\" 2024-07-01,\"\n",
            "number = \"12024-07-01,\"\n",
            "# 2024-07-01, dulu\nsigned = 2024-07-02\n",
            "at = 2024-07-01T10:00:00,\n",
        ] {
            assert_eq!(unreadable_dates(text), Vec::<usize>::new(), "{text}");
        }
    }
}
