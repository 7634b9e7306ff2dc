//! The names of stages, statuses, flags, kinds, front-matter keys and
//! closed-list values in the Markdown summary: the glossary of the message
//! catalog, so a change summary calls everything exactly what the site
//! calls it.

use pakta_content::i18n::Texts;
use pakta_content::schema::spec::FieldType;
use pakta_content::{Kind, Stage};
use pakta_model::{Flag, Status};

use crate::fields;

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

/// The catalog's name for a front-matter key path, e.g. "dates.signed"
/// (`[labels] diff-key-dates-signed`); the path itself when it has none.
pub(crate) fn key(texts: &Texts, path: &str) -> String {
    let label = format!("diff-key-{}", path.replace('.', "-"));
    match texts.text(&label) {
        text if text == label => path.to_string(),
        text => text.to_string(),
    }
}

/// The glossary's name for a value of the closed list at `path`; `None`
/// when the key holds no closed list.
pub(crate) fn choice(texts: &Texts, path: &str, value: &str) -> Option<String> {
    let field = fields::field_at(path)?;
    let list = match field.ty {
        FieldType::Choice(list) | FieldType::ChoiceList { choices: list, .. } => list,
        _ => return None,
    };
    // A list the glossary does not name (languages) is shown as written.
    Some(match list.glossary {
        Some(group) => term(texts, group, value),
        None => value.to_string(),
    })
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
                choice(texts, "evaluations.result", "partial"),
                Some(texts.text("eval-partial").to_string())
            );
            assert_eq!(
                choice(texts, "evaluations.result", "unheard-of").as_deref(),
                Some("unheard-of")
            );
            assert_eq!(choice(texts, "title", "mou"), None);
        }
    }

    /// A key or closed list added to the format fails here until both
    /// catalogs name it.
    #[test]
    fn every_key_and_value_of_the_format_has_a_name_in_both_languages() {
        let mut missing = Vec::new();
        for lang in [Lang::Id, Lang::En] {
            let texts = Texts::default_for(lang);
            for (path, field) in fields::key_paths() {
                if key(texts, &path) == path {
                    missing.push(format!(
                        "{}: diff-key-{}",
                        lang.code(),
                        path.replace('.', "-")
                    ));
                }
                let choices = match field.ty {
                    FieldType::Choice(choices) => choices,
                    FieldType::ChoiceList { choices, .. } => choices,
                    _ => continue,
                };
                for c in choices.choices {
                    if choice(texts, &path, c.code).as_deref() == Some(c.code) {
                        missing.push(format!("{}: {path} = {}", lang.code(), c.code));
                    }
                }
            }
        }
        assert!(missing.is_empty(), "no name for {missing:#?}");
    }
}
