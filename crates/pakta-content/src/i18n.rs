//! The languages pakta speaks: every text a person reads comes from the
//! message catalogs (`themes/default/i18n/<lang>.toml`: labels and the one
//! glossary of terms), which a site's theme may override key by key; dates
//! take each language's long form ("10 September 2025"). The site, reports,
//! `diff` and the command line all read the same catalogs.

use std::collections::{BTreeMap, HashMap};
use std::sync::OnceLock;

use chrono::{Datelike, NaiveDate};
use serde::Deserialize;

pub use crate::closed::Lang;

impl Lang {
    /// `language` from pakta.toml; anything but "en" is Indonesian, the
    /// default of the content format.
    pub fn from_config(language: &str) -> Lang {
        if language.eq_ignore_ascii_case("en") {
            Lang::En
        } else {
            Lang::Id
        }
    }

    /// The names of the months, January first, for long dates.
    pub fn month_names(self) -> &'static [&'static str; 12] {
        match self {
            Lang::Id => &ID_MONTHS,
            Lang::En => &EN_MONTHS,
        }
    }

    /// A number with `places` decimals as the language writes it: `0,06`
    /// in Indonesian, `0.06` in English.
    pub fn decimal(self, value: f64, places: usize) -> String {
        let text = format!("{value:.places$}");
        match self {
            Lang::Id => text.replace('.', ","),
            Lang::En => text,
        }
    }

    /// The date as written in running text ("10 September 2025").
    pub fn long_date(self, date: NaiveDate) -> String {
        let months = self.month_names();
        format!(
            "{} {} {}",
            date.day(),
            months[date.month0() as usize],
            date.year()
        )
    }

    /// A calendar month written `2026-10`, in words: "Oktober 2026"; `None`
    /// for anything else.
    pub fn long_month(self, text: &str) -> Option<String> {
        let (year, month) = text.split_once('-')?;
        if year.len() != 4 || month.len() != 2 || !year.bytes().all(|b| b.is_ascii_digit()) {
            return None;
        }
        let name = self
            .month_names()
            .get(month.parse::<usize>().ok()?.checked_sub(1)?)?;
        Some(format!("{name} {year}"))
    }

    /// A report period as a reader names it: a month in words, a year as it
    /// is.
    pub fn period_words(self, period: &str) -> String {
        self.long_month(period)
            .unwrap_or_else(|| period.to_string())
    }
}

const ID_MONTHS: [&str; 12] = [
    "Januari",
    "Februari",
    "Maret",
    "April",
    "Mei",
    "Juni",
    "Juli",
    "Agustus",
    "September",
    "Oktober",
    "November",
    "Desember",
];

const EN_MONTHS: [&str; 12] = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
];

/// The interface texts of one language. A catalog file has `[labels]`
/// (headings, links, messages) and `[terms.<field>]`, the glossary naming
/// every value of a content-format field (`[terms.status] active = …`).
/// Templates ask for `t(k="home")` or `t(k="status-" ~ s)`: a term's key
/// is its field, a hyphen and its value.
#[derive(Debug, Clone, Default, PartialEq, Eq, serde::Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Catalog {
    /// Headings, links and messages, by key.
    #[serde(default)]
    pub labels: BTreeMap<String, String>,
    /// The glossary: for each field, the name of each of its values.
    #[serde(default)]
    pub terms: BTreeMap<String, BTreeMap<String, String>>,
    /// The sentences of diagnostics and of the command line, by key, with
    /// `{name}` placeholders (see [`crate::message::Message`]). Never
    /// handed to templates: no page shows them.
    #[serde(default, skip_serializing)]
    pub messages: BTreeMap<String, String>,
    /// The labels and hints of the editing forms (`[cms]`), by key. Never
    /// handed to templates: only `admin/config.yml` shows them.
    #[serde(default, skip_serializing)]
    pub forms: BTreeMap<String, String>,
    /// Other words people write for a value of a closed list (`[synonyms.
    /// category] university = ["Universitas", …]`), beside its glossary
    /// name: read when an editor's word is turned into its code. Never
    /// shown, so never handed to templates.
    #[serde(default, skip_serializing)]
    pub synonyms: BTreeMap<String, BTreeMap<String, Vec<String>>>,
}

/// The built-in catalogs, embedded so that every command speaks without
/// a theme on disk.
const DEFAULT_CATALOGS: [(Lang, &str, &str); 2] = [
    (
        Lang::Id,
        "themes/default/i18n/id.toml",
        include_str!("../../../themes/default/i18n/id.toml"),
    ),
    (
        Lang::En,
        "themes/default/i18n/en.toml",
        include_str!("../../../themes/default/i18n/en.toml"),
    ),
];

impl Catalog {
    /// The built-in catalog of `lang`.
    pub fn default_for(lang: Lang) -> Catalog {
        let (_, file, text) = DEFAULT_CATALOGS
            .iter()
            .find(|(l, _, _)| *l == lang)
            .expect("a catalog for every language");
        // The embedded catalogs are checked by this crate's tests; a broken
        // one cannot reach a release.
        Catalog::parse(file, text).expect("the built-in catalog parses")
    }

    /// Reads a catalog file; `file` names it in the message.
    pub fn parse(file: &str, text: &str) -> Result<Catalog, String> {
        toml::from_str(text).map_err(|e| format!("{file}: {}", e.to_string().trim_end()))
    }

    /// `overrides` replaces the texts it has; a key the default catalog
    /// lacks is refused, since no template would ever show it.
    pub fn merge(mut self, file: &str, overrides: Catalog) -> Result<Catalog, String> {
        let mut unknown = Vec::new();
        for (key, text) in overrides.labels {
            match self.labels.get_mut(&key) {
                Some(slot) => *slot = text,
                None => unknown.push(format!("labels.{key}")),
            }
        }
        for (key, text) in overrides.messages {
            match self.messages.get_mut(&key) {
                Some(slot) => *slot = text,
                None => unknown.push(format!("messages.{key}")),
            }
        }
        for (key, text) in overrides.forms {
            match self.forms.get_mut(&key) {
                Some(slot) => *slot = text,
                None => unknown.push(format!("forms.{key}")),
            }
        }
        // A theme made by `pakta theme init` carries the synonyms too; they
        // must name known values, but how content is read never depends on
        // a theme: only the built-in catalogs' synonyms are read.
        for (field, values) in &overrides.synonyms {
            match self.synonyms.get(field) {
                Some(known) => unknown.extend(
                    values
                        .keys()
                        .filter(|value| !known.contains_key(*value))
                        .map(|value| format!("synonyms.{field}.{value}")),
                ),
                None => unknown.push(format!("synonyms.{field}")),
            }
        }
        for (field, terms) in overrides.terms {
            let Some(known) = self.terms.get_mut(&field) else {
                unknown.push(format!("terms.{field}"));
                continue;
            };
            for (value, text) in terms {
                match known.get_mut(&value) {
                    Some(slot) => *slot = text,
                    None => unknown.push(format!("terms.{field}.{value}")),
                }
            }
        }
        if unknown.is_empty() {
            Ok(self)
        } else {
            Err(format!(
                "{file}: unknown keys {}; the default catalog has no such text",
                unknown.join(", ")
            ))
        }
    }

    /// One lookup table: labels by their key, terms as `field-value`.
    pub fn flatten(&self) -> Texts {
        let mut texts = HashMap::new();
        for (key, text) in self.labels.iter().chain(&self.forms) {
            texts.insert(key.clone(), text.clone());
        }
        for (field, terms) in &self.terms {
            for (value, text) in terms {
                texts.insert(format!("{field}-{value}"), text.clone());
            }
        }
        Texts {
            texts,
            messages: self.messages.clone().into_iter().collect(),
        }
    }

    /// Every key, labels as `labels.key` and terms as `terms.field.value`.
    #[cfg(test)]
    fn keys(&self) -> Vec<String> {
        let labels = self.labels.keys().map(|k| format!("labels.{k}"));
        let terms = self
            .terms
            .iter()
            .flat_map(|(f, t)| t.keys().map(move |v| format!("terms.{f}.{v}")));
        let messages = self.messages.keys().map(|k| format!("messages.{k}"));
        let forms = self.forms.keys().map(|k| format!("forms.{k}"));
        let synonyms = self
            .synonyms
            .iter()
            .flat_map(|(f, t)| t.keys().map(move |v| format!("synonyms.{f}.{v}")));
        labels
            .chain(terms)
            .chain(messages)
            .chain(forms)
            .chain(synonyms)
            .collect()
    }
}

/// A catalog as one lookup table, for rendering.
#[derive(Debug, Clone, Default)]
pub struct Texts {
    texts: HashMap<String, String>,
    messages: HashMap<String, String>,
}

impl Texts {
    /// The built-in texts of `lang`, parsed once per process: for commands
    /// that speak without a site theme (reports, `diff`, `check`).
    pub fn default_for(lang: Lang) -> &'static Texts {
        static ID: OnceLock<Texts> = OnceLock::new();
        static EN: OnceLock<Texts> = OnceLock::new();
        let cell = match lang {
            Lang::Id => &ID,
            Lang::En => &EN,
        };
        cell.get_or_init(|| Catalog::default_for(lang).flatten())
    }

    /// The text for `key`; the key itself when missing. Templates use
    /// [`Texts::get`] instead, so that a missing text fails the build.
    pub fn text<'a>(&'a self, key: &'a str) -> &'a str {
        self.texts.get(key).map_or(key, String::as_str)
    }

    /// The text for `key`, if a catalog has it.
    pub fn get(&self, key: &str) -> Option<&str> {
        self.texts.get(key).map(String::as_str)
    }

    /// The `[messages]` text for `key`, with its placeholders unfilled.
    pub fn message(&self, key: &str) -> Option<&str> {
        self.messages.get(key).map(String::as_str)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn decimals_are_written_as_the_language_writes_them() {
        assert_eq!(Lang::Id.decimal(0.0612, 2), "0,06");
        assert_eq!(Lang::En.decimal(0.0612, 2), "0.06");
        assert_eq!(Lang::Id.decimal(12.0, 1), "12,0");
    }

    fn default_catalog(lang: &str) -> Catalog {
        let text = std::fs::read_to_string(format!(
            "{}/../../themes/default/i18n/{lang}.toml",
            env!("CARGO_MANIFEST_DIR")
        ))
        .unwrap();
        Catalog::parse(lang, &text).unwrap()
    }

    #[test]
    fn indonesian_and_english_have_exactly_the_same_keys() {
        let id = default_catalog("id");
        let en = default_catalog("en");
        assert!(id.keys().len() > 150, "{}", id.keys().len());
        assert_eq!(id.keys(), en.keys());
    }

    #[test]
    fn every_message_has_the_same_placeholders_in_both_languages() {
        use crate::message::placeholders;
        let id = default_catalog("id");
        let en = default_catalog("en");
        assert!(id.messages.len() > 150, "{}", id.messages.len());
        for (key, indonesian) in &id.messages {
            let english = &en.messages[key];
            assert_eq!(
                placeholders(indonesian),
                placeholders(english),
                "[messages] {key}: id {indonesian:?} / en {english:?}"
            );
            assert!(
                !indonesian.trim().is_empty() && !english.trim().is_empty(),
                "{key}"
            );
        }
    }

    #[test]
    fn every_value_of_a_closed_list_has_a_term() {
        for lang in ["id", "en"] {
            let texts = default_catalog(lang).flatten();
            for list in crate::closed::LISTS {
                for code in list.codes() {
                    if let Some(key) = list.term_key(code) {
                        assert_ne!(texts.text(&key), key, "{lang}");
                    }
                }
            }
        }
    }

    #[test]
    fn an_override_replaces_only_its_keys_and_refuses_unknown_ones() {
        let id = default_catalog("id");
        let override_one = Catalog::parse(
            "mine",
            "[labels]\nhome = \"Depan\"\n[terms.status]\nactive = \"Aktif\"\n",
        )
        .unwrap();
        let merged = id.clone().merge("mine", override_one).unwrap().flatten();
        assert_eq!(merged.text("home"), "Depan");
        assert_eq!(merged.text("status-active"), "Aktif");
        assert_eq!(merged.text("lists"), "Daftar");
        assert_eq!(merged.text("no-such-key"), "no-such-key");
        let typo = Catalog::parse("mine", "[labels]\nhomee = \"x\"\n").unwrap();
        let error = id.clone().merge("mine", typo).unwrap_err();
        assert!(error.contains("labels.homee"), "{error}");
        let broken = Catalog::parse("mine.toml", "[labels]\nhome = \n").unwrap_err();
        assert!(
            broken.starts_with("mine.toml: ") && broken.contains("line 2"),
            "{broken}"
        );
    }

    #[test]
    fn dates_follow_the_language() {
        let date = NaiveDate::from_ymd_opt(2025, 9, 10).unwrap();
        assert_eq!(Lang::Id.long_date(date), "10 September 2025");
        assert_eq!(
            Lang::Id.long_date(NaiveDate::from_ymd_opt(2026, 3, 1).unwrap()),
            "1 Maret 2026"
        );
        assert_eq!(Lang::En.long_date(date), "10 September 2025");
        assert_eq!(Lang::from_config("en"), Lang::En);
        assert_eq!(Lang::from_config("id").code(), "id");
    }

    #[test]
    fn a_month_reads_as_words() {
        assert_eq!(
            Lang::Id.long_month("2026-10").as_deref(),
            Some("Oktober 2026")
        );
        assert_eq!(
            Lang::En.long_month("2026-01").as_deref(),
            Some("January 2026")
        );
        for not_a_month in ["2026", "2026-13", "2026-00", "26-10", "abcd-10", "2026-1"] {
            assert_eq!(Lang::Id.long_month(not_a_month), None, "{not_a_month}");
        }
        assert_eq!(Lang::Id.period_words("2025"), "2025");
        assert_eq!(Lang::En.period_words("2025-12"), "December 2025");
    }
}
