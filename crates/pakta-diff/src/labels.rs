//! The names of stages, statuses, flags, kinds and evaluation results in
//! the Markdown summary: the glossary of the message catalog, so a change
//! summary calls everything exactly what the site calls it.

use pakta_content::i18n::Texts;
use pakta_content::{Kind, Stage};
use pakta_model::{Flag, Status};

/// The glossary's name for `value` of `field`; the value as written when
/// the glossary has none (an evaluation result the format does not know).
fn term(texts: &Texts, field: &str, value: &str) -> String {
    let key = format!("{field}-{value}");
    let text = texts.text(&key);
    if text == key {
        value.to_string()
    } else {
        text.to_string()
    }
}

pub(crate) fn stage(texts: &Texts, stage: Stage) -> String {
    term(texts, "stage", stage.code())
}

pub(crate) fn status(texts: &Texts, status: Status) -> String {
    term(texts, "status", status.as_str())
}

pub(crate) fn flag(texts: &Texts, flag: Flag) -> String {
    term(texts, "flag", flag.as_str())
}

pub(crate) fn kind(texts: &Texts, kind: Kind) -> String {
    term(texts, "kind", kind.code())
}

pub(crate) fn evaluation_result(texts: &Texts, result: &str) -> String {
    term(texts, "eval", result)
}

#[cfg(test)]
mod tests {
    use super::*;
    use pakta_content::i18n::Lang;

    #[test]
    fn names_come_from_the_glossary() {
        for lang in [Lang::Id, Lang::En] {
            let texts = Texts::default_for(lang);
            assert_eq!(status(texts, Status::Active), texts.text("status-active"));
            assert_eq!(flag(texts, Flag::NeedsPks), texts.text("flag-needs-pks"));
            assert_eq!(stage(texts, Stage::Drafting), texts.text("stage-drafting"));
            assert_eq!(kind(texts, Kind::Other), texts.text("kind-other"));
            assert_eq!(
                evaluation_result(texts, "partial"),
                texts.text("eval-partial")
            );
            assert_eq!(evaluation_result(texts, "unheard-of"), "unheard-of");
        }
    }
}
