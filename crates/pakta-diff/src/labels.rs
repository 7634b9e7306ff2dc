//! The names of stages, statuses, flags, kinds and evaluation results in
//! the Markdown summary: the glossary of the message catalog, so a change
//! summary calls everything exactly what the site calls it.

use pakta_content::i18n::{Lang, Texts};
use pakta_content::{Kind, Stage};
use pakta_model::{Flag, Status};

/// The summary is read in review next to the Indonesian site.
const LANG: Lang = Lang::Id;

/// The glossary's name for `value` of `field`; the value as written when
/// the glossary has none (an evaluation result the format does not know).
fn term(field: &str, value: &str) -> String {
    let key = format!("{field}-{value}");
    let text = Texts::default_for(LANG).text(&key);
    if text == key {
        value.to_string()
    } else {
        text.to_string()
    }
}

pub(crate) fn stage(stage: Stage) -> String {
    term("stage", stage.as_str())
}

pub(crate) fn status(status: Status) -> String {
    term("status", status.as_str())
}

pub(crate) fn flag(flag: Flag) -> String {
    term("flag", flag.as_str())
}

pub(crate) fn kind(kind: Kind) -> String {
    term("kind", kind.as_str())
}

pub(crate) fn evaluation_result(result: &str) -> String {
    term("eval", result)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_come_from_the_glossary() {
        let texts = Texts::default_for(LANG);
        assert_eq!(status(Status::Active), texts.text("status-active"));
        assert_eq!(flag(Flag::NeedsPks), texts.text("flag-needs-pks"));
        assert_eq!(stage(Stage::Drafting), texts.text("stage-drafting"));
        assert_eq!(kind(Kind::Other), texts.text("kind-other"));
        assert_eq!(evaluation_result("partial"), texts.text("eval-partial"));
        assert_eq!(evaluation_result("unheard-of"), "unheard-of");
    }
}
