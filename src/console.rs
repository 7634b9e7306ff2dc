//! What the command line says to a person, in the language chosen for the
//! run: `--lang`, else `PAKTA_LANG`, else `[site] language` in pakta.toml,
//! else Indonesian. Every line is a catalog message; nothing is written
//! here but the place it goes (standard output or error).

use std::path::Path;

use crate::cli::CliLang;
use pakta_content::diagnostics::{Diagnostic, render_human, stderr_color};
use pakta_content::i18n::{Lang, Texts};
use pakta_content::message::Message;

/// The language of the run and its texts.
#[derive(Clone, Copy)]
pub(crate) struct Console {
    pub(crate) lang: Lang,
    pub(crate) texts: &'static Texts,
}

impl Console {
    /// `flag` is `--lang` or `PAKTA_LANG` (clap reads both); without
    /// either, the repository at `root` decides when its pakta.toml can be
    /// read.
    pub(crate) fn choose(flag: Option<CliLang>, root: &Path) -> Console {
        let lang = match flag {
            Some(CliLang::Id) => Lang::Id,
            Some(CliLang::En) => Lang::En,
            None => pakta_load::configured_language(root)
                .map_or(Lang::Id, |language| Lang::from_config(&language)),
        };
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

    /// `note: …` on standard error.
    pub(crate) fn note(&self, message: Message) {
        self.labelled(Message::new("severity-note"), message);
    }

    fn labelled(&self, label: Message, message: Message) {
        eprintln!("{}: {}", self.text(&label), self.text(&message));
    }

    /// Diagnostics for people, on standard error.
    pub(crate) fn diagnostics(&self, diagnostics: &[Diagnostic]) {
        if !diagnostics.is_empty() {
            eprint!("{}", render_human(diagnostics, stderr_color(), self.texts));
        }
    }
}

/// `one` for 1, else `many`, each given `{n}`: English counts need both;
/// Indonesian writes the two alike.
pub(crate) fn count(n: usize, one: Message, many: Message) -> Message {
    if n == 1 { one } else { many }.arg("n", n)
}
