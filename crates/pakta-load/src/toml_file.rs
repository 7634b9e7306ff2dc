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
            let message = error
                .message()
                .lines()
                .map(str::trim)
                .filter(|l| !l.is_empty())
                .collect::<Vec<_>>()
                .join("; ");
            Diagnostic::error(
                source,
                span,
                "invalid-toml",
                Message::new("invalid-toml").arg("detail", message),
            )
            .with_help(Message::new("invalid-toml.help"))
        })
        .collect()
}
