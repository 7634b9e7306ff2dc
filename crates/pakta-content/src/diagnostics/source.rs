use std::ops::{Deref, Range};
use std::sync::Arc;

use serde::{Serialize, Serializer};

/// Byte range in a file's full text (not in its front matter alone).
pub type Span = Range<usize>;

/// A file's text with the path under which it is reported.
#[derive(Debug, Clone)]
pub struct SourceFile {
    /// Path relative to the repository root, `/`-separated.
    pub path: String,
    /// Shared, so that keeping a parsed file between rebuilds of the
    /// preview costs no copy.
    pub text: Arc<str>,
}

pub(super) struct Location {
    pub line: u32,
    pub column: u32,
    pub line_text: String,
    pub width: u32,
}

impl SourceFile {
    /// A file's path as shown to editors, and its whole text.
    pub fn new(path: impl Into<String>, text: impl Into<Arc<str>>) -> Self {
        SourceFile {
            path: path.into(),
            text: text.into(),
        }
    }

    pub(super) fn locate(&self, span: Span) -> Location {
        let text: &str = &self.text;
        let start = floor_char_boundary(text, span.start.min(text.len()));
        let end = floor_char_boundary(text, span.end.clamp(start, text.len()));
        let line_start = text[..start].rfind('\n').map_or(0, |i| i + 1);
        let line_end = text[start..].find('\n').map_or(text.len(), |i| start + i);
        let line = text[..start].bytes().filter(|&b| b == b'\n').count() + 1;
        let column = text[line_start..start].chars().count() + 1;
        let width = text[start..end.min(line_end)].chars().count().max(1);
        Location {
            line: saturate(line),
            column: saturate(column),
            line_text: text[line_start..line_end]
                .trim_end_matches('\r')
                .chars()
                .map(visible)
                .collect(),
            width: saturate(width),
        }
    }
}

/// Control characters shown as their visible symbols (one for one, so the
/// underline still lines up): printed raw they would move the terminal's
/// cursor or hide the rest of the line.
fn visible(c: char) -> char {
    match c {
        '\t' => c,
        '\u{0}'..='\u{1f}' => char::from_u32(0x2400 + u32::from(c)).unwrap_or('\u{fffd}'),
        '\u{7f}' => '\u{2421}',
        '\u{80}'..='\u{9f}' | '\u{fffe}' | '\u{ffff}' => '\u{fffd}',
        _ => c,
    }
}

fn saturate(n: usize) -> u32 {
    u32::try_from(n).unwrap_or(u32::MAX)
}

fn floor_char_boundary(text: &str, mut index: usize) -> usize {
    while !text.is_char_boundary(index) {
        index -= 1;
    }
    index
}

/// A value with the place it came from, so that later stages can still
/// point at the right line. Serialises as the bare value.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Spanned<T> {
    /// What was written, typed.
    pub value: T,
    /// Where it was written.
    pub span: Span,
}

impl<T> Spanned<T> {
    /// `value`, found at `span`.
    pub fn new(value: T, span: Span) -> Self {
        Spanned { value, span }
    }
}

impl<T> Deref for Spanned<T> {
    type Target = T;
    fn deref(&self) -> &T {
        &self.value
    }
}

impl<T: Serialize> Serialize for Spanned<T> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        self.value.serialize(serializer)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn locates_line_and_character_column() {
        let file = SourceFile::new("a.md", "+++\ntitle = \"Pemilu é\"\nkind = 3\n");
        let at = file.text.find("kind").unwrap();
        let location = file.locate(at..at + 4);
        assert_eq!((location.line, location.column, location.width), (3, 1, 4));
        assert_eq!(location.line_text, "kind = 3");

        let e = file.text.find('é').unwrap();
        let location = file.locate(e + 2..e + 3);
        assert_eq!((location.line, location.column), (2, 18));
    }

    #[test]
    fn out_of_range_spans_do_not_panic() {
        let file = SourceFile::new("a.md", "é");
        let location = file.locate(1..99);
        assert_eq!((location.line, location.column), (1, 1));
    }
}
