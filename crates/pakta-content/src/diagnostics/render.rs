use std::fmt::Write;
use std::io::IsTerminal;

use serde::Serialize;

use super::{Diagnostic, Severity};
use crate::i18n::Texts;
use crate::message::Message;

struct Palette {
    error: &'static str,
    warning: &'static str,
    accent: &'static str,
    bold: &'static str,
    reset: &'static str,
}

const COLOR: Palette = Palette {
    error: "\x1b[1;31m",
    warning: "\x1b[1;33m",
    accent: "\x1b[1;34m",
    bold: "\x1b[1m",
    reset: "\x1b[0m",
};

const PLAIN: Palette = Palette {
    error: "",
    warning: "",
    accent: "",
    bold: "",
    reset: "",
};

/// Renders diagnostics the way rustc does: a headline, the location, the
/// source line with the offending part underlined, and a hint, in the
/// language of `texts`.
pub fn render_human(diagnostics: &[Diagnostic], color: bool, texts: &Texts) -> String {
    let p = if color { &COLOR } else { &PLAIN };
    let error_label = Message::new("severity-error").render(texts);
    let warning_label = Message::new("severity-warning").render(texts);
    let help_label = Message::new("severity-help").render(texts);
    let mut out = String::new();
    for d in diagnostics {
        let (label, tint) = match d.severity {
            Severity::Error => (error_label.as_str(), p.error),
            Severity::Warning => (warning_label.as_str(), p.warning),
        };
        let _ = writeln!(
            out,
            "{tint}{label}[{code}]{reset}{bold}: {message}{reset}",
            code = d.code,
            message = d.message.render(texts),
            reset = p.reset,
            bold = p.bold,
        );
        let gutter = " ".repeat(d.line.to_string().len());
        let _ = writeln!(
            out,
            "{gutter}{accent}-->{reset} {}:{}:{}",
            d.file,
            d.line,
            d.column,
            accent = p.accent,
            reset = p.reset
        );
        if let Some(excerpt) = &d.excerpt {
            let pad: String = excerpt
                .text
                .chars()
                .take(d.column.saturating_sub(1) as usize)
                .map(|c| if c == '\t' { '\t' } else { ' ' })
                .collect();
            let accent = p.accent;
            let reset = p.reset;
            let _ = writeln!(out, "{gutter} {accent}|{reset}");
            let _ = writeln!(out, "{accent}{} |{reset} {}", d.line, excerpt.text);
            let _ = writeln!(
                out,
                "{gutter} {accent}|{reset} {pad}{tint}{}{reset}",
                "^".repeat(excerpt.underline as usize)
            );
        }
        if let Some(help) = &d.help {
            let _ = writeln!(
                out,
                "{gutter} {accent}={reset} {bold}{help_label}{reset}: {}",
                help.render(texts),
                accent = p.accent,
                bold = p.bold,
                reset = p.reset
            );
        }
        out.push('\n');
    }
    out
}

/// GitHub Actions workflow commands, which GitHub turns into annotations on
/// the changed lines of a pull request; the text in the language of `texts`.
pub fn render_github(diagnostics: &[Diagnostic], texts: &Texts) -> String {
    let mut out = String::new();
    for d in diagnostics {
        let command = match d.severity {
            Severity::Error => "error",
            Severity::Warning => "warning",
        };
        let _ = writeln!(
            out,
            "::{command} file={},line={},col={},title={}::{}",
            escape_property(&d.file),
            d.line,
            d.column,
            escape_property(d.code),
            escape_data(&d.full_message(texts))
        );
    }
    out
}

fn escape_data(text: &str) -> String {
    text.replace('%', "%25")
        .replace('\r', "%0D")
        .replace('\n', "%0A")
}

fn escape_property(text: &str) -> String {
    escape_data(text).replace(':', "%3A").replace(',', "%2C")
}

#[derive(Serialize)]
struct JsonDiagnostic<'a> {
    severity: Severity,
    file: &'a str,
    line: u32,
    column: u32,
    code: &'a str,
    message: String,
}

/// One JSON array, as the spec's "Interfaces" section fixes it; `code` is
/// stable, `message` in the language of `texts`.
pub fn render_json(diagnostics: &[Diagnostic], texts: &Texts) -> String {
    let items: Vec<JsonDiagnostic> = diagnostics
        .iter()
        .map(|d| JsonDiagnostic {
            severity: d.severity,
            file: &d.file,
            line: d.line,
            column: d.column,
            code: d.code,
            message: d.full_message(texts),
        })
        .collect();
    let mut text = serde_json::to_string_pretty(&items).expect("diagnostics serialise");
    text.push('\n');
    text
}

/// Whether diagnostics written to standard error should be coloured:
/// only on a terminal, and never when `NO_COLOR` is set.
pub fn stderr_color() -> bool {
    std::env::var_os("NO_COLOR").is_none() && std::io::stderr().is_terminal()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diagnostics::SourceFile;
    use crate::i18n::Lang;

    fn sample() -> Diagnostic {
        let file = SourceFile::new("agreements/a.md", "+++\ntitel = \"x\"\n+++\n");
        Diagnostic::error(
            &file,
            4..9,
            "unknown-field",
            Message::new("unknown-field")
                .arg("key", "titel")
                .nested("table", Message::new("table-front-matter")),
        )
        .with_help(
            Message::new("unknown-field.help-guess")
                .arg("guess", "title")
                .arg("allowed", "title, kind"),
        )
    }

    #[test]
    fn human_output_points_at_the_source_in_the_chosen_language() {
        let text = render_human(&[sample()], false, Texts::default_for(Lang::En));
        assert_eq!(
            text,
            "error[unknown-field]: unknown key `titel` in the front matter\n \
             --> agreements/a.md:2:1\n  |\n2 | titel = \"x\"\n  | ^^^^^\n  \
             = help: did you mean `title`? Keys allowed here: title, kind\n\n"
        );
        let text = render_human(&[sample()], false, Texts::default_for(Lang::Id));
        assert_eq!(
            text,
            "kesalahan[unknown-field]: Kunci `titel` tidak dikenal di bagian pengaturan di awal berkas\n \
             --> agreements/a.md:2:1\n  |\n2 | titel = \"x\"\n  | ^^^^^\n  \
             = saran: Mungkin maksud Anda `title`? Kunci yang diperbolehkan di sini: title, kind\n\n"
        );
    }

    #[test]
    fn github_output_escapes_properties_and_data() {
        let mut d = sample();
        d.message = Message::new("no-such-key").arg("x", "50% done\nnext");
        d.help = None;
        d.file = "agreements/a,b.md".into();
        assert_eq!(
            render_github(&[d], Texts::default_for(Lang::En)),
            "::error file=agreements/a%2Cb.md,line=2,col=1,title=unknown-field::no-such-key (x=50%25 done%0Anext)\n"
        );
    }

    #[test]
    fn json_output_has_the_documented_shape() {
        let json = render_json(&[sample()], Texts::default_for(Lang::En));
        let value: serde_json::Value = serde_json::from_str(&json).unwrap();
        assert_eq!(
            value,
            serde_json::json!([{
                "severity": "error",
                "file": "agreements/a.md",
                "line": 2,
                "column": 1,
                "code": "unknown-field",
                "message": "unknown key `titel` in the front matter (did you mean `title`? Keys allowed here: title, kind)"
            }])
        );
    }
}
