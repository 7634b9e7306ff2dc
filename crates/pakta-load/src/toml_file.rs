//! What every TOML-bearing file shares: UTF-8 decoding with a located
//! error, and TOML syntax errors turned into diagnostics.

use pakta_content::diagnostics::{Diagnostic, Diagnostics, SourceFile};
use pakta_content::message::Message;

/// Decodes `bytes`, reporting the first invalid byte's line and column.
/// Returns the (lossily decoded) source and whether it was valid.
pub(crate) fn decode_utf8(
    path: String,
    bytes: Vec<u8>,
    diagnostics: &mut Diagnostics,
) -> (SourceFile, bool) {
    match String::from_utf8(bytes) {
        Ok(text) => (SourceFile::new(path, text), true),
        Err(error) => {
            let valid_up_to = error.utf8_error().valid_up_to();
            let text = String::from_utf8_lossy(error.as_bytes()).into_owned();
            let source = SourceFile::new(path, text);
            // The lossy text has the same bytes up to the first bad one.
            diagnostics.push(
                Diagnostic::error(
                    &source,
                    valid_up_to..valid_up_to + 1,
                    "invalid-utf8",
                    Message::new("invalid-utf8"),
                )
                .with_help(Message::new("invalid-utf8.help")),
            );
            (source, false)
        }
    }
}

pub(crate) fn toml_syntax_errors(
    source: &SourceFile,
    base: usize,
    errors: Vec<toml::de::Error>,
) -> Vec<Diagnostic> {
    errors
        .into_iter()
        .map(|error| {
            let span = error
                .span()
                .map_or(base..base, |s| base + s.start..base + s.end);
            Diagnostic::error(
                source,
                span,
                "invalid-toml",
                Message::new("invalid-toml").nested("detail", detail(error.message())),
            )
            .with_help(Message::new("invalid-toml.help"))
        })
        .collect()
}

/// The parser's English description, as one of the catalog's kinds of
/// syntax mistake: none of its text reaches the editor.
fn detail(parser_message: &str) -> Message {
    let text = parser_message.to_ascii_lowercase();
    let has = |words: &[&str]| words.iter().any(|w| text.contains(w));
    if has(&["duplicate"]) {
        Message::new("invalid-toml.duplicate-key")
    } else if has(&[
        "must be quoted",
        "unquoted string",
        "boolean",
        "`nan`",
        "`inf`",
    ]) {
        Message::new("invalid-toml.unquoted-text")
    } else if has(&["date", "time"]) {
        Message::new("invalid-toml.date")
    } else if has(&["unclosed", "missing closing"]) {
        Message::new("invalid-toml.unclosed")
    } else if has(&["string", "escape", "quote", "unicode"]) {
        Message::new("invalid-toml.string")
    } else if has(&[
        "comma",
        "assignment",
        "separator",
        "missing value",
        "no value",
    ]) {
        Message::new("invalid-toml.separator")
    } else if has(&[
        "integer",
        "float",
        "number",
        "exponent",
        "fraction",
        "mantissa",
        "radix",
        "leading zero",
        "digit",
        "sign",
    ]) {
        Message::new("invalid-toml.number")
    } else if has(&["key"]) {
        Message::new("invalid-toml.key")
    } else {
        Message::new("invalid-toml.other")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Each mistake as the parser reports it today, and the kind the
    /// editor is told; a parser that words them differently fails here.
    #[test]
    fn parser_messages_become_catalog_messages() {
        let cases = [
            ("a = 1\na = 2\n", Message::new("invalid-toml.duplicate-key")),
            ("a = teks\n", Message::new("invalid-toml.unquoted-text")),
            ("a = Nota\n", Message::new("invalid-toml.unquoted-text")),
            ("a = 2024-6-1\n", Message::new("invalid-toml.date")),
            ("a = [1, 2\n", Message::new("invalid-toml.unclosed")),
            ("a = \"x\\q\"\n", Message::new("invalid-toml.string")),
            ("a = [1,, 2]\n", Message::new("invalid-toml.separator")),
            ("a\n", Message::new("invalid-toml.separator")),
            ("a = 1_000_\n", Message::new("invalid-toml.number")),
        ];
        for (text, expected) in cases {
            let (_, errors) = toml::de::DeTable::parse_recoverable(text);
            let first = errors.first().unwrap_or_else(|| panic!("{text:?} parses"));
            assert_eq!(
                detail(first.message()),
                expected,
                "{text:?}: {}",
                first.message()
            );
        }
    }
}
