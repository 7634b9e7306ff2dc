//! A text for a person that is not written yet: a key of the catalogs'
//! `[messages]` section and the values to put into its `{placeholders}`.
//! Diagnostics and the command line carry a [`Message`] and resolve it in
//! the reader's language only when printing, so no sentence is ever
//! written in Rust, and a message cannot be built from a finished string:
//! its key is a `&'static str` that the catalogs' tests look up.

use std::fmt::Display;

use crate::i18n::Texts;

/// A catalog key and its arguments, resolved by [`Message::render`].
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Message {
    key: &'static str,
    args: Vec<(&'static str, Arg)>,
}

/// The value of one placeholder.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
enum Arg {
    /// Shown as given: what the editor wrote, a key, a path, a number.
    Verbatim(String),
    /// A glossary name, `[terms.<field>] <value>`, in the reader's language.
    Term(&'static str, String),
    /// A message of its own (a type name, a reason), in the same language.
    Nested(Box<Message>),
    /// Several messages, each resolved, joined by a separator.
    Joined(Vec<Message>, &'static str),
}

impl Message {
    /// The message under `key` in `[messages]`, with no arguments yet.
    pub fn new(key: &'static str) -> Self {
        Message {
            key,
            args: Vec::new(),
        }
    }

    /// Fills `{name}` with `value` as written (quotes, if any, are in the
    /// catalog's text).
    pub fn arg(mut self, name: &'static str, value: impl Display) -> Self {
        self.args.push((name, Arg::Verbatim(value.to_string())));
        self
    }

    /// Fills `{name}` with the values joined by commas.
    pub fn list<T: Display>(self, name: &'static str, values: impl IntoIterator<Item = T>) -> Self {
        let joined = values
            .into_iter()
            .map(|v| v.to_string())
            .collect::<Vec<_>>()
            .join(", ");
        self.arg(name, joined)
    }

    /// Fills `{name}` with the glossary's name of `value` of `field`
    /// (`term("kind", "mou")` is "Nota Kesepahaman" or "MoU").
    pub fn term(mut self, name: &'static str, field: &'static str, value: impl Display) -> Self {
        self.args.push((name, Arg::Term(field, value.to_string())));
        self
    }

    /// Fills `{name}` with another message, resolved in the same language.
    pub fn nested(mut self, name: &'static str, message: Message) -> Self {
        self.args.push((name, Arg::Nested(Box::new(message))));
        self
    }

    /// Fills `{name}` with several messages joined by `separator` (such
    /// as `"; "`), each resolved in the same language.
    pub fn joined(
        mut self,
        name: &'static str,
        messages: impl IntoIterator<Item = Message>,
        separator: &'static str,
    ) -> Self {
        let messages = messages.into_iter().collect();
        self.args.push((name, Arg::Joined(messages, separator)));
        self
    }

    /// The text in the language of `texts`. A key missing from the
    /// catalog shows as itself with its arguments, so a theme's typo is
    /// visible rather than silent; the built-in catalogs have every key
    /// (the tests check it).
    pub fn render(&self, texts: &Texts) -> String {
        let values: Vec<(&str, String)> = self
            .args
            .iter()
            .map(|(name, arg)| (*name, arg.render(texts)))
            .collect();
        let Some(template) = texts.message(self.key) else {
            let shown: Vec<String> = values.iter().map(|(n, v)| format!("{n}={v}")).collect();
            return format!("{} ({})", self.key, shown.join(", "));
        };
        // Code and catalog disagreeing is a mistake in pakta, not in the
        // input: debug builds (and so every test that prints a message)
        // stop on it; a release shows the placeholder as written.
        debug_assert!(
            placeholders(template)
                .iter()
                .all(|p| values.iter().any(|(name, _)| name == p)),
            "[messages] {} uses {:?} but the code fills {:?}",
            self.key,
            placeholders(template),
            values.iter().map(|(name, _)| *name).collect::<Vec<_>>()
        );
        fill(template, &values)
    }
}

impl Arg {
    fn render(&self, texts: &Texts) -> String {
        match self {
            Arg::Verbatim(text) => text.clone(),
            Arg::Term(field, value) => {
                let key = format!("{field}-{value}");
                let name = texts.text(&key);
                // A value outside the glossary (an editor's typo shown
                // back) is shown as written.
                if name == key {
                    value.clone()
                } else {
                    name.to_string()
                }
            }
            Arg::Nested(message) => message.render(texts),
            Arg::Joined(messages, separator) => messages
                .iter()
                .map(|m| m.render(texts))
                .collect::<Vec<_>>()
                .join(separator),
        }
    }
}

/// Replaces each `{name}` in one pass, so a value that itself contains
/// `{other}` is never substituted again.
fn fill(template: &str, values: &[(&str, String)]) -> String {
    let mut out = String::with_capacity(template.len() + 32);
    let mut rest = template;
    while let Some(open) = rest.find('{') {
        out.push_str(&rest[..open]);
        let after = &rest[open + 1..];
        let value = after.find('}').and_then(|close| {
            let name = &after[..close];
            values
                .iter()
                .find(|(n, _)| *n == name)
                .map(|(_, v)| (v, close))
        });
        match value {
            Some((value, close)) => {
                out.push_str(value);
                rest = &after[close + 1..];
            }
            None => {
                out.push('{');
                rest = after;
            }
        }
    }
    out.push_str(rest);
    out
}

/// The `{placeholders}` a catalog text uses, for the tests that compare
/// the languages and the code with the catalogs.
pub fn placeholders(template: &str) -> Vec<&str> {
    let mut names = Vec::new();
    let mut rest = template;
    while let Some(open) = rest.find('{') {
        let after = &rest[open + 1..];
        match after.find('}') {
            Some(close) => {
                let name = &after[..close];
                if !name.is_empty()
                    && name
                        .chars()
                        .all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '-')
                {
                    names.push(name);
                }
                rest = &after[close + 1..];
            }
            None => break,
        }
    }
    names.sort_unstable();
    names.dedup();
    names
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::i18n::Lang;

    #[test]
    fn placeholders_are_filled_once_and_terms_come_from_the_glossary() {
        let texts = Texts::default_for(Lang::Id);
        let filled = fill(
            "`{field}` = \"{value}\" {missing}",
            &[("field", "kind".into()), ("value", "{field}".into())],
        );
        assert_eq!(filled, "`kind` = \"{field}\" {missing}");
        let message = Message::new("no-such-key")
            .term("kind", "kind", "mou")
            .term("typo", "kind", "mouu");
        assert_eq!(
            message.render(texts),
            format!("no-such-key (kind={}, typo=mouu)", texts.text("kind-mou"))
        );
    }

    #[test]
    fn placeholder_names_are_listed_once_each() {
        assert_eq!(
            placeholders("{b} and {a}, {b}; {not a name} {"),
            vec!["a", "b"]
        );
    }
}
