//! What every TOML-bearing file shares: UTF-8 decoding with a located
//! error, and TOML syntax errors turned into diagnostics.

use pakta_content::diagnostics::{Diagnostic, Diagnostics, SourceFile};

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
                    "this file contains bytes that are not UTF-8 text".into(),
                )
                .with_help("save the file with UTF-8 encoding in your editor"),
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
                format!("this is not valid TOML: {message}"),
            )
            .with_help("check quotes, brackets and `=` signs; text values need \"double quotes\"")
        })
        .collect()
}
