//! Splits an agreement file into its TOML front matter and Markdown body.

use std::ops::Range;

#[derive(Debug, PartialEq, Eq)]
pub(crate) enum Split {
    /// Byte ranges of the TOML between the `+++` lines and of the body.
    Found {
        toml: Range<usize>,
        body: Range<usize>,
    },
    /// The file does not begin with a `+++` line.
    Missing,
    /// The opening `+++` has no closing partner.
    Unterminated,
}

const BOM: &str = "\u{feff}";

pub(crate) fn split(text: &str) -> Split {
    let start = if text.starts_with(BOM) { BOM.len() } else { 0 };
    let mut lines = LineIter { text, pos: start };
    match lines.next() {
        Some(line) if is_delimiter(&text[line.clone()]) => {}
        _ => return Split::Missing,
    }
    let toml_start = lines.pos;
    while let Some(line) = lines.next() {
        if is_delimiter(&text[line.clone()]) {
            return Split::Found {
                toml: toml_start..line.start,
                body: lines.pos..text.len(),
            };
        }
    }
    Split::Unterminated
}

/// `+++` alone on its line; trailing blanks and a carriage return are
/// forgiven because editors cannot see them.
fn is_delimiter(line: &str) -> bool {
    line.trim_end_matches(['\r', '\n', ' ', '\t']) == "+++"
}

/// Lines with their terminators, as byte ranges.
struct LineIter<'a> {
    text: &'a str,
    pos: usize,
}

impl Iterator for LineIter<'_> {
    type Item = Range<usize>;

    fn next(&mut self) -> Option<Range<usize>> {
        if self.pos >= self.text.len() {
            return None;
        }
        let start = self.pos;
        // Front matter lines are short: a plain byte loop beats setting up
        // a substring search for each of them.
        let end = self.text.as_bytes()[start..]
            .iter()
            .position(|&b| b == b'\n')
            .map_or(self.text.len(), |i| start + i + 1);
        self.pos = end;
        Some(start..end)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_toml_and_body() {
        let text = "+++\ntitle = \"a\"\n+++\n\nBody.\n";
        let Split::Found { toml, body } = split(text) else {
            panic!("front matter expected")
        };
        assert_eq!(&text[toml], "title = \"a\"\n");
        assert_eq!(&text[body], "\nBody.\n");
    }

    #[test]
    fn accepts_crlf_bom_and_trailing_blanks() {
        let text = "\u{feff}+++ \r\nx = 1\r\n+++\r\nBody";
        let Split::Found { toml, body } = split(text) else {
            panic!("front matter expected")
        };
        assert_eq!(&text[toml], "x = 1\r\n");
        assert_eq!(&text[body], "Body");
    }

    #[test]
    fn closing_delimiter_may_end_the_file() {
        let text = "+++\nx = 1\n+++";
        assert!(matches!(split(text), Split::Found { body, .. } if body.is_empty()));
    }

    #[test]
    fn reports_missing_and_unterminated() {
        assert_eq!(split("title = 1\n"), Split::Missing);
        assert_eq!(split(""), Split::Missing);
        assert_eq!(split("\n+++\nx=1\n+++\n"), Split::Missing);
        assert_eq!(split("++++\nx\n+++\n"), Split::Missing);
        assert_eq!(split("+++\nx = 1\n"), Split::Unterminated);
    }

    proptest::proptest! {
        #![proptest_config(pakta_testkit::hostile_text::config())]

        #[test]
        fn any_text_splits_into_valid_ranges(text in pakta_testkit::hostile_text::text()) {
            for candidate in [text.clone(), format!("+++\n{text}\n+++\n{text}")] {
                if let Split::Found { toml, body } = split(&candidate) {
                    proptest::prop_assert!(candidate.get(toml).is_some());
                    proptest::prop_assert!(candidate.get(body).is_some());
                }
            }
        }
    }
}
