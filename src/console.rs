//! What the command line says to a person, in the language chosen for the
//! run: `--lang`, else `PAKTA_LANG`, else `[site] language` in pakta.toml,
//! else Indonesian. Every line is a catalog message; nothing is written
//! here but the place it goes (standard output or error).

use std::path::Path;

use rayon::prelude::*;

use crate::cli::CliLang;
use pakta_content::diagnostics::{Diagnostic, render_human, stderr_color};
use pakta_content::i18n::{Lang, Texts};
use pakta_content::message::Message;

/// How many diagnostics one task renders: enough that a task outweighs
/// handing it to another thread.
const DIAGNOSTICS_PER_PIECE: usize = 512;

/// The language of the run and its texts.
#[derive(Clone, Copy)]
pub(crate) struct Console {
    pub(crate) lang: Lang,
    pub(crate) texts: &'static Texts,
}

impl Console {
    /// `--lang`, else `variable` (the value of `PAKTA_LANG`; empty counts
    /// as unset), else the repository at `root` when its pakta.toml can
    /// be read. A variable naming no language is refused, in the language
    /// the run would otherwise speak, rather than silently ignored.
    pub(crate) fn choose(
        flag: Option<CliLang>,
        variable: Option<&str>,
        root: &Path,
    ) -> Result<Console, (Console, Message)> {
        let configured = || {
            let lang = pakta_load::configured_language(root)
                .map_or(Lang::Id, |language| Lang::from_config(&language));
            Console::speaking(lang)
        };
        let lang = match (flag, variable.map(str::trim).filter(|v| !v.is_empty())) {
            (Some(CliLang::Id), _) => Lang::Id,
            (Some(CliLang::En), _) => Lang::En,
            (None, Some(v)) if v.eq_ignore_ascii_case("id") => Lang::Id,
            (None, Some(v)) if v.eq_ignore_ascii_case("en") => Lang::En,
            (None, Some(v)) => {
                let problem = Message::new("unknown-language").arg("value", v);
                return Err((configured(), problem));
            }
            (None, None) => return Ok(configured()),
        };
        Ok(Console::speaking(lang))
    }

    fn speaking(lang: Lang) -> Console {
        Console {
            lang,
            texts: Texts::default_for(lang),
        }
    }

    /// The message in the run's language.
    pub(crate) fn text(&self, message: &Message) -> String {
        message.render(self.texts)
    }

    /// A line on standard output.
    pub(crate) fn say(&self, message: Message) {
        println!("{}", self.text(&message));
    }

    /// A line on standard error, as it is (a count, a progress line).
    pub(crate) fn tell(&self, message: Message) {
        eprintln!("{}", self.text(&message));
    }

    /// `error: …` on standard error.
    pub(crate) fn error(&self, message: Message) {
        self.labelled(Message::new("severity-error"), message);
    }

    /// `warning: …` on standard error.
    pub(crate) fn warning(&self, message: Message) {
        self.labelled(Message::new("severity-warning"), message);
    }

    /// `note: …` on standard error.
    pub(crate) fn note(&self, message: Message) {
        self.labelled(Message::new("severity-note"), message);
    }

    fn labelled(&self, label: Message, message: Message) {
        eprintln!("{}: {}", self.text(&label), self.text(&message));
    }

    /// Diagnostics for people, on standard error.
    pub(crate) fn diagnostics(&self, diagnostics: &[Diagnostic]) {
        for piece in rendered_in_pieces(diagnostics, stderr_color(), self.texts) {
            eprint!("{piece}");
        }
    }
}

/// The diagnostics as `render_human` gives them, in pieces to print in
/// turn. A national repository has tens of thousands of warnings (12,081
/// in a generated one of 50,000 agreements): the pieces are rendered on
/// every core.
fn rendered_in_pieces(diagnostics: &[Diagnostic], color: bool, texts: &Texts) -> Vec<String> {
    diagnostics
        .par_chunks(DIAGNOSTICS_PER_PIECE)
        .map(|piece| render_human(piece, color, texts))
        .collect()
}

/// "3 errors", in the run's language.
pub(crate) fn errors(n: usize) -> Message {
    count(
        n,
        Message::new("count-errors.one"),
        Message::new("count-errors.many"),
    )
}

/// "3 warnings", in the run's language.
pub(crate) fn warnings(n: usize) -> Message {
    count(
        n,
        Message::new("count-warnings.one"),
        Message::new("count-warnings.many"),
    )
}

/// `one` for 1, else `many`, each given `{n}`: English counts need both;
/// Indonesian writes the two alike.
pub(crate) fn count(n: usize, one: Message, many: Message) -> Message {
    if n == 1 { one } else { many }.arg("n", n)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn chosen(flag: Option<CliLang>, variable: Option<&str>) -> Result<Lang, Lang> {
        let nowhere = Path::new("/nonexistent/pakta-repository");
        Console::choose(flag, variable, nowhere)
            .map(|c| c.lang)
            .map_err(|(c, _)| c.lang)
    }

    #[test]
    fn the_flag_wins_then_the_variable_then_indonesian() {
        assert_eq!(chosen(Some(CliLang::En), Some("id")), Ok(Lang::En));
        assert_eq!(chosen(Some(CliLang::Id), Some("fr")), Ok(Lang::Id));
        assert_eq!(chosen(None, Some(" En ")), Ok(Lang::En));
        assert_eq!(chosen(None, Some("")), Ok(Lang::Id));
        assert_eq!(chosen(None, None), Ok(Lang::Id));
        assert_eq!(chosen(None, Some("fr")), Err(Lang::Id));
    }

    #[test]
    fn diagnostics_rendered_in_pieces_read_as_rendered_at_once() {
        use pakta_content::diagnostics::{Severity, SourceFile};
        let source = SourceFile::new("agreements/a.md", "+++\ntitle = 1\nkind = \"x\"\n+++\n");
        let diagnostics: Vec<Diagnostic> = (0..DIAGNOSTICS_PER_PIECE * 2 + 7)
            .map(|n| {
                let message = Message::new("unknown-field")
                    .arg("key", format!("key{n}"))
                    .nested("table", Message::new("table-front-matter"));
                if n % 3 == 0 {
                    Diagnostic::error(&source, 4..13, "wrong-type", message)
                        .with_help(Message::new("ignored-file.help"))
                } else {
                    Diagnostic::file_level(
                        Severity::Warning,
                        &format!("agreements/{n}.md"),
                        "unknown-field",
                        message,
                    )
                }
            })
            .collect();
        for lang in [Lang::Id, Lang::En] {
            let texts = Texts::default_for(lang);
            for color in [false, true] {
                let pieces = rendered_in_pieces(&diagnostics, color, texts);
                assert_eq!(pieces.len(), 3);
                assert_eq!(pieces.concat(), render_human(&diagnostics, color, texts));
            }
        }
        assert!(rendered_in_pieces(&[], false, Texts::default_for(Lang::Id)).is_empty());
    }
}
