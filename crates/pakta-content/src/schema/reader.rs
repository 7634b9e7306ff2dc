//! Reads a parsed TOML table against a [`TableSpec`]: every unknown key,
//! wrong type, missing key and value outside its list is reported in one
//! pass, then typed accessors hand out the values that passed.

use chrono::NaiveDate;
use toml::de::{DeTable, DeValue};

use super::characters;
use super::known_words::code_for_word;
use super::spec::{self, Field, FieldType, LegacyText, TableSpec};
use super::written_dates::{WrittenDate, last_day_of_month, read_written_date};
use crate::closed::{ClosedList, ClosedValue};
use crate::diagnostics::{Diagnostic, Diagnostics, SourceFile, Span, Spanned, nearest};
use crate::message::Message;

type Value<'i> = toml::Spanned<DeValue<'i>>;

/// A table and where it sits in its file. Spans from the TOML parser are
/// relative to the TOML text; `base` shifts them to the whole file.
#[derive(Clone)]
pub struct TableReader<'a, 'i> {
    file: &'a SourceFile,
    base: usize,
    spec: &'static TableSpec,
    table: &'a DeTable<'i>,
    span: Span,
}

impl<'a, 'i> TableReader<'a, 'i> {
    /// Checks `table` and every table below it, then returns a reader.
    pub fn check(
        file: &'a SourceFile,
        base: usize,
        spec: &'static TableSpec,
        table: &'a toml::Spanned<DeTable<'i>>,
        diagnostics: &mut Diagnostics,
    ) -> Self {
        let reader = TableReader {
            file,
            base,
            spec,
            table: table.get_ref(),
            span: shift(base, table.span()),
        };
        reader.check_table(diagnostics);
        reader
    }

    /// Where the whole table sits in its file.
    pub fn span(&self) -> Span {
        self.span.clone()
    }

    /// The file the table was read from.
    pub fn file(&self) -> &'a SourceFile {
        self.file
    }

    fn check_table(&self, diagnostics: &mut Diagnostics) {
        for (key, value) in self.table.iter() {
            let name: &str = key.get_ref();
            match self.spec.field(name) {
                Some(field) => self.check_value(field, value, diagnostics),
                None => diagnostics.push(self.unknown_key(name, shift(self.base, key.span()))),
            }
        }
        // A required key written under its Indonesian name was reported
        // as that name, with the rename: it is not missing as well. The
        // names are looked up only for a table that lacks a required key,
        // which few do.
        let mut renamed: Option<Vec<&str>> = None;
        for field in self.spec.fields.iter().filter(|f| f.required) {
            if self.table.contains_key(field.name) {
                continue;
            }
            let renamed = renamed.get_or_insert_with(|| {
                self.table
                    .iter()
                    .filter_map(|(key, _)| self.key_for_word(key.get_ref()))
                    .collect()
            });
            if !renamed.contains(&field.name) {
                diagnostics.push(self.missing_key(field));
            }
        }
    }

    /// The key of this table that an Indonesian word names.
    fn key_for_word(&self, name: &str) -> Option<&'static str> {
        spec::ALIASES
            .iter()
            .find(|(word, key)| word.eq_ignore_ascii_case(name) && self.spec.field(key).is_some())
            .map(|(_, key)| *key)
    }

    fn unknown_key(&self, name: &str, span: Span) -> Diagnostic {
        if let Some(code) = self.key_for_word(name) {
            return Diagnostic::error(
                self.file,
                span,
                "unknown-field",
                Message::new("unknown-field.indonesian")
                    .arg("key", name)
                    .nested("table", table_name(self.spec)),
            )
            .with_help(Message::new("unknown-field.indonesian.help").arg("code", code));
        }
        let help = match nearest(name, self.spec.field_names()) {
            Some(guess) => Message::new("unknown-field.help-guess").arg("guess", guess),
            None => Message::new("unknown-field.help"),
        };
        Diagnostic::error(
            self.file,
            span,
            "unknown-field",
            Message::new("unknown-field")
                .arg("key", name)
                .nested("table", table_name(self.spec)),
        )
        .with_help(help.list("allowed", self.spec.field_names()))
    }

    fn missing_key(&self, field: &Field) -> Diagnostic {
        let example = match &field.ty {
            FieldType::Table(_) => Message::new("missing-field.help-table"),
            FieldType::TableList(_) => Message::new("missing-field.help-table-list"),
            FieldType::Choice(choices) => {
                Message::new("missing-field.help-choice").arg("value", choices.choices[0].code)
            }
            _ => Message::new("missing-field.help-value"),
        };
        Diagnostic::error(
            self.file,
            self.header_span(),
            "missing-field",
            Message::new("missing-field")
                .arg("key", field.name)
                .nested("table", table_name(self.spec)),
        )
        .with_help(example.arg("key", field.name))
    }

    /// Where to point when something is missing from this table: its header
    /// line, or the first line of the front matter for the top level.
    fn header_span(&self) -> Span {
        self.span.start..self.span.start
    }

    /// One key's value against its type: tables and lists of tables are
    /// read in turn, lists item by item, anything else as one value.
    fn check_value(&self, field: &'static Field, value: &Value<'i>, diagnostics: &mut Diagnostics) {
        let span = shift(self.base, value.span());
        self.check_characters(field, value, diagnostics);
        match (&field.ty, value.get_ref()) {
            (FieldType::Table(spec), DeValue::Table(table)) => {
                self.nested(spec, table, span).check_table(diagnostics);
            }
            (FieldType::TableList(spec), DeValue::Array(items)) => {
                self.check_entries(field, spec, value, items, diagnostics);
            }
            (FieldType::TableList(_), DeValue::Table(_)) => {
                diagnostics.push(self.wrong_type(field, value, span).with_help(
                    Message::new("wrong-type.help-double-brackets").arg("key", field.name),
                ))
            }
            (
                FieldType::ChoiceList {
                    legacy_text: Some(legacy),
                    ..
                },
                DeValue::String(text),
            ) => diagnostics.push(if text.trim().is_empty() {
                self.empty_value(field, span)
            } else {
                self.legacy_text_warning(field, legacy, text, span)
            }),
            (FieldType::ChoiceList { choices, .. }, DeValue::Array(items)) => {
                self.check_choice_items(field, choices, items, diagnostics);
            }
            (FieldType::TextList | FieldType::ReviewerList, DeValue::Array(items)) => {
                self.check_text_items(field, items, diagnostics);
            }
            _ => {
                if let Err(problem) = scalar(&field.ty, value.get_ref()) {
                    diagnostics.push(self.problem(field, value, span, problem));
                }
            }
        }
    }

    /// An array of tables (`[[key]]`): at least one entry when required,
    /// each entry a table, each checked against `spec`.
    fn check_entries(
        &self,
        field: &Field,
        spec: &'static TableSpec,
        value: &Value<'i>,
        items: &'a [Value<'i>],
        diagnostics: &mut Diagnostics,
    ) {
        let span = shift(self.base, value.span());
        if items.is_empty() && field.required {
            diagnostics.push(
                Diagnostic::error(
                    self.file,
                    span,
                    "missing-field",
                    Message::new("missing-field.no-entry").arg("key", field.name),
                )
                .with_help(Message::new("missing-field.help-table-list").arg("key", field.name)),
            );
        } else if !items.iter().all(|i| i.get_ref().is_table()) {
            diagnostics
                .push(self.wrong_type(field, value, span).with_help(
                    Message::new("wrong-type.help-entry-tables").arg("key", field.name),
                ));
        } else {
            for item in items {
                if let DeValue::Table(table) = item.get_ref() {
                    self.nested(spec, table, shift(self.base, item.span()))
                        .check_table(diagnostics);
                }
            }
        }
    }

    /// Each item of a list of choices: from the list, at most once.
    fn check_choice_items(
        &self,
        field: &Field,
        choices: &ClosedList,
        items: &[Value<'i>],
        diagnostics: &mut Diagnostics,
    ) {
        let mut seen: Vec<&str> = Vec::new();
        for item in items {
            let item_span = shift(self.base, item.span());
            match item.get_ref() {
                DeValue::String(s) if seen.contains(&s.as_ref()) => {
                    diagnostics.push(Diagnostic::error(
                        self.file,
                        item_span,
                        "duplicate-value",
                        Message::new("duplicate-value")
                            .arg("value", s)
                            .arg("key", field.name),
                    ))
                }
                DeValue::String(s) if choices.choice(s).is_some() => seen.push(s.as_ref()),
                DeValue::String(s) => {
                    diagnostics.push(self.not_in_list(field, choices, s, item_span))
                }
                other => diagnostics.push(self.wrong_item_type(field, other, item_span)),
            }
        }
    }

    /// Each item of a list of texts: a non-empty string.
    fn check_text_items(&self, field: &Field, items: &[Value<'i>], diagnostics: &mut Diagnostics) {
        for item in items {
            let item_span = shift(self.base, item.span());
            match item.get_ref() {
                DeValue::String(s) if s.trim().is_empty() => {
                    diagnostics.push(self.empty_value(field, item_span))
                }
                DeValue::String(_) => {}
                other => diagnostics.push(self.wrong_item_type(field, other, item_span)),
            }
        }
    }

    fn wrong_item_type(&self, field: &Field, item: &DeValue<'_>, span: Span) -> Diagnostic {
        Diagnostic::error(
            self.file,
            span,
            "wrong-type",
            Message::new("wrong-type.item")
                .arg("key", field.name)
                .nested("found", describe(item)),
        )
    }

    /// Control characters in a text or a list of texts, pointed at as
    /// written (an escape like `\u0007` or the character itself).
    fn check_characters(&self, field: &Field, value: &Value<'i>, diagnostics: &mut Diagnostics) {
        if !matches!(
            field.ty,
            FieldType::Text | FieldType::Reference | FieldType::Url | FieldType::TextList
        ) {
            return;
        }
        // Every text value of the file passes here: no list is built for
        // the one string most keys hold.
        let strings: &[Value<'i>] = match value.get_ref() {
            DeValue::String(_) => std::slice::from_ref(value),
            DeValue::Array(items) => items,
            _ => return,
        };
        for item in strings {
            let DeValue::String(text) = item.get_ref() else {
                continue;
            };
            let span = shift(self.base, item.span());
            let Some((_, refused)) = characters::first_refused(text, field.multiline) else {
                continue;
            };
            let raw = self.file.text.get(span.clone()).unwrap_or("");
            let at = characters::locate_in_toml_string(raw, refused)
                .map_or(span.clone(), |r| span.start + r.start..span.start + r.end);
            let help = if field.multiline {
                Message::new("control-character.help-multiline")
            } else {
                Message::new("control-character.help-one-line")
            };
            diagnostics.push(
                Diagnostic::error(
                    self.file,
                    at,
                    "control-character",
                    Message::new("control-character")
                        .arg("key", field.name)
                        .arg("character", characters::code_point(refused)),
                )
                .with_help(help),
            );
        }
    }

    fn nested(&self, spec: &'static TableSpec, table: &'a DeTable<'i>, span: Span) -> Self {
        TableReader {
            file: self.file,
            base: self.base,
            spec,
            table,
            span,
        }
    }

    fn problem(
        &self,
        field: &Field,
        value: &Value<'i>,
        span: Span,
        problem: Problem,
    ) -> Diagnostic {
        match problem {
            Problem::WrongType => self.wrong_type(field, value, span),
            Problem::Empty => self.empty_value(field, span),
            Problem::QuotedDate { date, day_first } => {
                let help = if day_first {
                    Message::new("date-format.help")
                } else {
                    Message::new("wrong-type.help-quoted-date")
                };
                self.wrong_type(field, value, span)
                    .with_help(help.arg("key", field.name).arg("date", date))
            }
            Problem::ImpossibleDate { last_day } => impossible_date(
                self.file,
                span,
                field.name,
                value.get_ref().as_str().unwrap_or_default().trim(),
                last_day,
            ),
            Problem::DateWithTime => Diagnostic::error(
                self.file,
                span,
                "wrong-type",
                Message::new("wrong-type.date-with-time").arg("key", field.name),
            )
            .with_help(Message::new("wrong-type.date-with-time.help")),
            Problem::TooSmall(min) => Diagnostic::error(
                self.file,
                span,
                "invalid-value",
                Message::new("invalid-value.too-small")
                    .arg("key", field.name)
                    .arg("min", min),
            ),
            Problem::TooLarge(max) => Diagnostic::error(
                self.file,
                span,
                "invalid-value",
                Message::new("invalid-value.too-large")
                    .arg("key", field.name)
                    .arg("max", max),
            ),
            Problem::NotInList(found) => {
                let FieldType::Choice(choices) = &field.ty else {
                    unreachable!("only choices produce NotInList")
                };
                self.not_in_list(field, choices, &found, span)
            }
            Problem::BadUrl => Diagnostic::error(
                self.file,
                span,
                "invalid-url",
                Message::new("invalid-url").arg("key", field.name),
            ),
            Problem::BadSha256 => Diagnostic::error(
                self.file,
                span,
                "invalid-value",
                Message::new("invalid-value.sha256").arg("key", field.name),
            )
            .with_help(Message::new("invalid-value.sha256.help")),
        }
    }

    fn not_in_list(
        &self,
        field: &Field,
        choices: &ClosedList,
        found: &str,
        span: Span,
    ) -> Diagnostic {
        if let Some(code) = code_for_word(choices, found) {
            return Diagnostic::error(
                self.file,
                span,
                "invalid-value",
                Message::new("invalid-value.known-word")
                    .arg("key", field.name)
                    .arg("value", found)
                    .arg("code", code),
            )
            .with_help(
                Message::new("invalid-value.known-word.help")
                    .arg("key", field.name)
                    .arg("code", code),
            );
        }
        let values: Vec<&str> = choices.codes().collect();
        let diagnostic = Diagnostic::error(
            self.file,
            span,
            "invalid-value",
            Message::new("invalid-value")
                .arg("key", field.name)
                .arg("value", found)
                .list("allowed", &values),
        );
        match nearest(found, values.iter().copied()) {
            Some(guess) => diagnostic.with_help(Message::new("did-you-mean").arg("guess", guess)),
            None => diagnostic,
        }
    }

    /// The older free-text form of a list key: kept, but the editor is
    /// shown the two lines that replace it.
    fn legacy_text_warning(
        &self,
        field: &Field,
        legacy: &LegacyText,
        text: &str,
        span: Span,
    ) -> Diagnostic {
        let FieldType::ChoiceList { choices, .. } = &field.ty else {
            unreachable!("only choice lists have a legacy text form")
        };
        let values: Vec<&str> = choices.codes().collect();
        let last = values.last().copied().unwrap_or_default();
        let help = if self.table.contains_key(legacy.key) {
            Message::new("legacy-text.help-append")
        } else {
            Message::new("legacy-text.help-move")
                .arg("text", toml::Value::String(text.trim().to_string()))
        };
        Diagnostic::warning(
            self.file,
            span,
            legacy.code,
            Message::new("legacy-text")
                .arg("key", field.name)
                .arg("text_key", legacy.key),
        )
        .with_help(
            help.arg("key", field.name)
                .arg("text_key", legacy.key)
                .arg("last", last)
                .list("allowed", &values),
        )
    }

    fn wrong_type(&self, field: &Field, value: &Value<'i>, span: Span) -> Diagnostic {
        Diagnostic::error(
            self.file,
            span,
            "wrong-type",
            Message::new("wrong-type")
                .arg("key", field.name)
                .nested("expected", expected(&field.ty))
                .nested("found", describe(value.get_ref())),
        )
    }

    fn empty_value(&self, field: &Field, span: Span) -> Diagnostic {
        Diagnostic::error(
            self.file,
            span,
            "empty-value",
            Message::new("empty-value").arg("key", field.name),
        )
        .with_help(Message::new("empty-value.help"))
    }

    fn get(&self, name: &str) -> Option<&'a Value<'i>> {
        debug_assert!(
            self.spec.field(name).is_some(),
            "{name} is not in {}",
            self.spec.title
        );
        self.table.get(name)
    }

    fn valid(&self, name: &str) -> Option<(Scalar<'a>, Span)> {
        // Most keys a reader asks for are optional and not written: the
        // table is asked first, the key's type only for a written one.
        let value = self.get(name)?;
        let field = self.spec.field(name)?;
        let scalar = scalar(&field.ty, value.get_ref()).ok()?;
        Some((scalar, shift(self.base, value.span())))
    }

    /// Whether the key is written, valid or not.
    pub fn has(&self, name: &str) -> bool {
        self.get(name).is_some()
    }

    /// A string key's value, if written and valid.
    pub fn text(&self, name: &str) -> Option<Spanned<String>> {
        match self.valid(name)? {
            (Scalar::Text(s), span) => Some(Spanned::new(s.into_owned(), span)),
            _ => None,
        }
    }

    /// A date key's value, if written and valid.
    pub fn date(&self, name: &str) -> Option<Spanned<NaiveDate>> {
        match self.valid(name)? {
            (Scalar::Date(d), span) => Some(Spanned::new(d, span)),
            _ => None,
        }
    }

    /// An integer key's value, if written and valid.
    pub fn integer(&self, name: &str) -> Option<Spanned<i64>> {
        match self.valid(name)? {
            (Scalar::Integer(n), span) => Some(Spanned::new(n, span)),
            _ => None,
        }
    }

    /// A boolean key's value, if written and valid.
    pub fn bool(&self, name: &str) -> Option<bool> {
        match self.valid(name)? {
            (Scalar::Bool(b), _) => Some(b),
            _ => None,
        }
    }

    /// A closed-list key's value, if written and valid. `T` is the enum
    /// of the field's list, so every value the check let through is read:
    /// none is dropped without the diagnostic the check gave.
    pub fn choice<T: ClosedValue>(&self, name: &str) -> Option<Spanned<T>> {
        debug_assert!(
            matches!(self.spec.field(name).map(|f| &f.ty), Some(FieldType::Choice(list)) if std::ptr::eq(*list, T::list())),
            "{name} of {} is not a {}",
            self.spec.title,
            T::list().name
        );
        match self.valid(name)? {
            (Scalar::Choice(code), span) => Some(Spanned::new(T::parse(code)?, span)),
            _ => None,
        }
    }

    /// The valid strings of a list key; empty when absent.
    pub fn text_list(&self, name: &str) -> Vec<String> {
        match self.get(name).map(|v| v.get_ref()) {
            Some(DeValue::Array(items)) => items
                .iter()
                .filter_map(|i| i.get_ref().as_str())
                .filter(|s| !s.trim().is_empty())
                .map(|s| s.trim().to_string())
                .collect(),
            _ => Vec::new(),
        }
    }

    /// Like [`Self::text_list`], each item with its span, for rules that
    /// point at one item of the list.
    pub fn spanned_text_list(&self, name: &str) -> Vec<Spanned<String>> {
        match self.get(name).map(|v| v.get_ref()) {
            Some(DeValue::Array(items)) => items
                .iter()
                .filter_map(|i| {
                    let text = i.get_ref().as_str()?.trim();
                    (!text.is_empty())
                        .then(|| Spanned::new(text.to_string(), shift(self.base, i.span())))
                })
                .collect(),
            _ => Vec::new(),
        }
    }

    /// The valid values of a choice list, in the order written, each
    /// once; `T` is the enum of the field's list, as for [`Self::choice`].
    pub fn choice_list<T: ClosedValue + PartialEq>(&self, name: &str) -> Vec<T> {
        debug_assert!(
            matches!(self.spec.field(name).map(|f| &f.ty), Some(FieldType::ChoiceList { choices, .. }) if std::ptr::eq(*choices, T::list())),
            "{name} of {} is not a list of {}",
            self.spec.title,
            T::list().name
        );
        let mut values: Vec<T> = Vec::new();
        if let Some(DeValue::Array(items)) = self.get(name).map(|v| v.get_ref()) {
            for value in items
                .iter()
                .filter_map(|i| i.get_ref().as_str())
                .filter_map(T::parse)
            {
                if !values.contains(&value) {
                    values.push(value);
                }
            }
        }
        values
    }

    /// The free text written where a list is now expected (the older form).
    pub fn legacy_text(&self, name: &str) -> Option<String> {
        match self.get(name).map(|v| v.get_ref()) {
            Some(DeValue::String(s)) if !s.trim().is_empty() => Some(s.trim().to_string()),
            _ => None,
        }
    }

    /// A nested table's reader, if the key holds a table.
    pub fn table(&self, name: &str) -> Option<TableReader<'a, 'i>> {
        let field = self.spec.field(name)?;
        let FieldType::Table(spec) = &field.ty else {
            return None;
        };
        let value = self.get(name)?;
        match value.get_ref() {
            DeValue::Table(table) => Some(self.nested(spec, table, shift(self.base, value.span()))),
            _ => None,
        }
    }

    /// The entries of an array of tables; empty when absent or malformed.
    pub fn tables(&self, name: &str) -> Vec<TableReader<'a, 'i>> {
        let Some(FieldType::TableList(spec)) = self.spec.field(name).map(|f| &f.ty) else {
            return Vec::new();
        };
        match self.get(name).map(|v| v.get_ref()) {
            Some(DeValue::Array(items)) if items.iter().all(|i| i.get_ref().is_table()) => items
                .iter()
                .filter_map(|item| match item.get_ref() {
                    DeValue::Table(table) => {
                        Some(self.nested(spec, table, shift(self.base, item.span())))
                    }
                    _ => None,
                })
                .collect(),
            _ => Vec::new(),
        }
    }
}

/// A date the calendar does not have, written bare (the loader finds it
/// before TOML would refuse it) or in quotes.
pub fn impossible_date(
    file: &SourceFile,
    span: Span,
    key: &str,
    written: &str,
    last_day: Option<u32>,
) -> Diagnostic {
    let help = match last_day {
        Some(last) => Message::new("impossible-date.help").arg("last", last),
        None => Message::new("impossible-date.help-month"),
    };
    Diagnostic::error(
        file,
        span,
        "impossible-date",
        Message::new("impossible-date")
            .arg("key", key)
            .arg("written", written),
    )
    .with_help(help)
}

fn shift(base: usize, span: std::ops::Range<usize>) -> Span {
    base + span.start..base + span.end
}

enum Scalar<'v> {
    /// Trimmed; lower-cased for checksums, so owned only then.
    Text(std::borrow::Cow<'v, str>),
    Date(NaiveDate),
    Integer(i64),
    Bool(bool),
    Choice(&'static str),
    Composite,
}

enum Problem {
    WrongType,
    Empty,
    /// A date in quotes, in any order people write: the date it means,
    /// and whether the day came first (then the help shows the reorder).
    QuotedDate {
        date: NaiveDate,
        day_first: bool,
    },
    /// A quoted date the calendar does not have; the month's last day
    /// when the month exists.
    ImpossibleDate {
        last_day: Option<u32>,
    },
    DateWithTime,
    TooSmall(i64),
    TooLarge(i64),
    NotInList(String),
    BadUrl,
    BadSha256,
}

fn scalar<'v>(ty: &FieldType, value: &'v DeValue<'_>) -> Result<Scalar<'v>, Problem> {
    match (ty, value) {
        (FieldType::Text | FieldType::Reference, DeValue::String(s)) => {
            if s.trim().is_empty() {
                Err(Problem::Empty)
            } else {
                Ok(Scalar::Text(s.trim().into()))
            }
        }
        (FieldType::Url, DeValue::String(s)) => {
            if is_web_url(s) {
                Ok(Scalar::Text(s.trim().into()))
            } else {
                Err(Problem::BadUrl)
            }
        }
        (FieldType::Sha256, DeValue::String(s)) => {
            if s.len() == 64 && s.bytes().all(|b| b.is_ascii_hexdigit()) {
                Ok(Scalar::Text(s.to_ascii_lowercase().into()))
            } else {
                Err(Problem::BadSha256)
            }
        }
        (FieldType::Choice(choices), DeValue::String(s)) => choices
            .choice(s)
            .map(|c| Scalar::Choice(c.code))
            .ok_or_else(|| Problem::NotInList(s.to_string())),
        (FieldType::Date, DeValue::Datetime(dt)) => match (dt.date, dt.time, dt.offset) {
            (Some(d), None, None) => {
                NaiveDate::from_ymd_opt(i32::from(d.year), u32::from(d.month), u32::from(d.day))
                    .map(Scalar::Date)
                    .ok_or(Problem::WrongType)
            }
            (Some(_), _, _) => Err(Problem::DateWithTime),
            _ => Err(Problem::WrongType),
        },
        (FieldType::Date, DeValue::String(s)) => match read_written_date(s) {
            Some(WrittenDate::YearFirst(date)) => Err(Problem::QuotedDate {
                date,
                day_first: false,
            }),
            Some(WrittenDate::DayFirst(date)) => Err(Problem::QuotedDate {
                date,
                day_first: true,
            }),
            Some(WrittenDate::Impossible { year, month }) => Err(Problem::ImpossibleDate {
                last_day: month.and_then(|m| last_day_of_month(year, m)),
            }),
            None => Err(Problem::WrongType),
        },
        (FieldType::Integer { min, max }, DeValue::Integer(n)) => {
            match i64::from_str_radix(&n.as_str().replace('_', ""), n.radix()) {
                Ok(n) if n < *min => Err(Problem::TooSmall(*min)),
                Ok(n) if n <= *max => Ok(Scalar::Integer(n)),
                // The TOML parser already knows it is a whole number, so
                // one that does not parse is beyond i64.
                Err(_) if n.as_str().starts_with('-') => Err(Problem::TooSmall(*min)),
                Ok(_) | Err(_) => Err(Problem::TooLarge(*max)),
            }
        }
        (FieldType::Bool, DeValue::Boolean(b)) => Ok(Scalar::Bool(*b)),
        (
            FieldType::TextList | FieldType::ReviewerList | FieldType::ChoiceList { .. },
            DeValue::Array(_),
        )
        | (FieldType::Table(_), DeValue::Table(_))
        | (FieldType::TableList(_), DeValue::Array(_)) => Ok(Scalar::Composite),
        _ => Err(Problem::WrongType),
    }
}

/// Only web links may appear on the site: no `javascript:`, `data:` or
/// relative addresses hiding behind a friendly title.
pub fn is_web_url(url: &str) -> bool {
    let url = url.trim();
    let Some(rest) = strip_scheme(url, "https://").or_else(|| strip_scheme(url, "http://")) else {
        return false;
    };
    let host = rest.split(['/', '?', '#']).next().unwrap_or("");
    !host.is_empty()
        && !url.chars().any(|c| c.is_whitespace() || c.is_control())
        && host
            .chars()
            .all(|c| c.is_alphanumeric() || matches!(c, '.' | '-' | ':' | '@' | '[' | ']' | '_'))
}

/// `url` after `scheme`, compared without case. Checked slicing: the
/// bytes where a scheme would end may be inside a multibyte character.
fn strip_scheme<'u>(url: &'u str, scheme: &str) -> Option<&'u str> {
    let head = url.get(..scheme.len())?;
    head.eq_ignore_ascii_case(scheme)
        .then(|| &url[scheme.len()..])
}

/// The table named in a message: its TOML header as written, or for the
/// tables without one, a name in the reader's language.
fn table_name(spec: &TableSpec) -> Message {
    match spec.title {
        "the front matter" => Message::new("table-front-matter"),
        "the partner register entry" => Message::new("table-partner-entry"),
        title => Message::new("table-as-written").arg("title", title),
    }
}

fn expected(ty: &FieldType) -> Message {
    match ty {
        FieldType::Text | FieldType::Reference => Message::new("type-text"),
        FieldType::Date => Message::new("type-date"),
        FieldType::Integer { .. } => Message::new("type-integer"),
        FieldType::Bool => Message::new("type-bool"),
        FieldType::TextList => Message::new("type-text-list"),
        FieldType::ReviewerList => Message::new("type-reviewer-list"),
        FieldType::Choice(choices) => {
            Message::new("type-choice").list("values", choices.codes().map(|c| format!("\"{c}\"")))
        }
        FieldType::ChoiceList { .. } => Message::new("type-choice-list"),
        FieldType::Url => Message::new("type-url"),
        FieldType::Sha256 => Message::new("type-sha256"),
        FieldType::Table(_) => Message::new("type-table"),
        FieldType::TableList(_) => Message::new("type-table-list"),
    }
}

fn describe(value: &DeValue<'_>) -> Message {
    match value {
        DeValue::String(_) => Message::new("found-text"),
        DeValue::Integer(_) => Message::new("type-integer"),
        DeValue::Float(_) => Message::new("found-decimal"),
        DeValue::Boolean(_) => Message::new("found-bool"),
        DeValue::Datetime(dt) if dt.time.is_some() => Message::new("found-date-time"),
        DeValue::Datetime(dt) if dt.date.is_none() => Message::new("found-time"),
        DeValue::Datetime(_) => Message::new("found-date"),
        DeValue::Array(_) => Message::new("found-list"),
        DeValue::Table(_) => Message::new("type-table"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn web_urls_are_http_or_https_with_a_host() {
        assert!(is_web_url("https://kpu.go.id/berita?id=1"));
        assert!(is_web_url("HTTP://example.org"));
        assert!(!is_web_url("javascript:alert(1)"));
        assert!(!is_web_url("https://"));
        assert!(!is_web_url("ftp://example.org"));
        assert!(!is_web_url("//example.org"));
        assert!(!is_web_url("https://exa mple.org"));
        assert!(!is_web_url("https://\"onmouseover=x"));
        assert!(!is_web_url("aéééé"));
        assert!(!is_web_url("éééééééé"));
        assert!(!is_web_url("httpé://x.org"));
        assert!(is_web_url("https://pemilu.id/berita/pémilu"));
    }
}
