//! Every problem pakta reports is a [`Diagnostic`], made here and nowhere
//! else, so that file, line, column and code are always filled in the same
//! way whichever stage found the problem.

mod render;
mod source;

pub use render::{render_github, render_human, render_json, stderr_color};
pub use source::{SourceFile, Span, Spanned};

use serde::Serialize;

use crate::i18n::Texts;
use crate::message::Message;

/// How serious a diagnostic is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    /// A mistake: the run fails with exit status 1.
    Error,
    /// A likely mistake, reported without failing the run.
    Warning,
}

/// A problem at a place in a file. Line and column are 1-based and counted
/// from the top of the file (not from the `+++` line); the column counts
/// characters, which is what editors show.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Diagnostic {
    /// Whether the problem fails the run.
    pub severity: Severity,
    /// Path relative to the repository root, with `/` separators.
    pub file: String,
    /// 1-based line of the problem in the file.
    pub line: u32,
    /// 1-based column of the problem, counted in characters.
    pub column: u32,
    /// A stable, kebab-case identifier that scripts and tests may rely on.
    pub code: &'static str,
    /// What is wrong, as one sentence for the editor, in the language
    /// chosen when it is printed.
    pub message: Message,
    /// What to do about it, when that is not obvious from the message.
    pub help: Option<Message>,
    /// The offending source line and how many characters to underline,
    /// kept so the human renderer needs no access to the file.
    pub excerpt: Option<Excerpt>,
}

/// The source line a diagnostic points at, for the human renderer.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Excerpt {
    /// The whole offending line, without its line break.
    pub text: String,
    /// How many characters, from the diagnostic's column, to underline.
    pub underline: u32,
}

impl Diagnostic {
    /// An error at `span` in `file`.
    pub fn error(file: &SourceFile, span: Span, code: &'static str, message: Message) -> Self {
        Self::at(Severity::Error, file, span, code, message)
    }

    /// A warning at `span` in `file`.
    pub fn warning(file: &SourceFile, span: Span, code: &'static str, message: Message) -> Self {
        Self::at(Severity::Warning, file, span, code, message)
    }

    fn at(
        severity: Severity,
        file: &SourceFile,
        span: Span,
        code: &'static str,
        message: Message,
    ) -> Self {
        let location = file.locate(span);
        Diagnostic {
            severity,
            file: file.path.clone(),
            line: location.line,
            column: location.column,
            code,
            message,
            help: None,
            excerpt: Some(Excerpt {
                text: location.line_text,
                underline: location.width,
            }),
        }
    }

    /// A problem with a whole file or folder, where no better place exists.
    pub fn file_level(
        severity: Severity,
        path: &str,
        code: &'static str,
        message: Message,
    ) -> Self {
        Diagnostic {
            severity,
            file: path.to_string(),
            line: 1,
            column: 1,
            code,
            message,
            help: None,
            excerpt: None,
        }
    }

    /// Adds what to do about the problem.
    pub fn with_help(mut self, help: Message) -> Self {
        self.help = Some(help);
        self
    }

    /// Whether this is an error rather than a warning.
    pub fn is_error(&self) -> bool {
        self.severity == Severity::Error
    }

    /// The message and its help as one sentence in the language of
    /// `texts`, for formats with one text field (JSON, GitHub annotations).
    pub fn full_message(&self, texts: &Texts) -> String {
        let message = self.message.render(texts);
        match &self.help {
            Some(help) => format!("{message} ({})", help.render(texts)),
            None => message,
        }
    }
}

/// The diagnostics of a run, collected from every stage before anything is
/// printed, so the editor sees all problems at once and in a stable order.
#[derive(Debug, Default)]
pub struct Diagnostics {
    items: Vec<Diagnostic>,
}

impl Diagnostics {
    /// An empty collection.
    pub fn new() -> Self {
        Self::default()
    }

    /// Adds one diagnostic.
    pub fn push(&mut self, diagnostic: Diagnostic) {
        self.items.push(diagnostic);
    }

    /// Adds several diagnostics.
    pub fn extend(&mut self, diagnostics: impl IntoIterator<Item = Diagnostic>) {
        self.items.extend(diagnostics);
    }

    /// Whether nothing was reported.
    pub fn is_empty(&self) -> bool {
        self.items.is_empty()
    }

    /// Sorted by file, position, then code, so output never depends on the
    /// order in which parallel stages finished.
    pub fn into_sorted(mut self) -> Vec<Diagnostic> {
        self.items.sort_by(|a, b| {
            (&a.file, a.line, a.column, a.severity, a.code, &a.message)
                .cmp(&(&b.file, b.line, b.column, b.severity, b.code, &b.message))
        });
        self.items.dedup();
        self.items
    }
}

/// The nearest of `candidates` to a misspelt `word`, when it is close
/// enough to be a plausible typo.
pub fn nearest<'a>(word: &str, candidates: impl IntoIterator<Item = &'a str>) -> Option<&'a str> {
    let word_lower = word.to_lowercase();
    let limit = (word.chars().count() / 3).max(2);
    candidates
        .into_iter()
        .map(|c| (strsim::levenshtein(&word_lower, &c.to_lowercase()), c))
        .filter(|(d, _)| *d <= limit)
        .min_by(|a, b| a.0.cmp(&b.0).then(a.1.cmp(b.1)))
        .map(|(_, c)| c)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn nearest_finds_plausible_typos_only() {
        let keys = ["title", "kind", "number", "partners"];
        assert_eq!(nearest("titel", keys), Some("title"));
        assert_eq!(nearest("partner", keys), Some("partners"));
        assert_eq!(nearest("Kind", keys), Some("kind"));
        assert_eq!(nearest("signatory", keys), None);
    }

    #[test]
    fn nearest_counts_characters_not_bytes() {
        // Two letters with diacritics differ by two edits, not four bytes.
        assert_eq!(nearest("tànggàl", ["tanggal"]), Some("tanggal"));
    }
}
