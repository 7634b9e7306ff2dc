//! The coded fields of the open data and their closed lists: the values
//! come from the content format (`pakta_content::schema::spec`) and the
//! lifecycle, their names in each language from the catalogs' glossary.

use pakta_content::Stage;
use pakta_content::i18n::Texts;
use pakta_content::schema::spec::{self, Choice};

use crate::lifecycle::{Flag, Status};

/// A field of the open data whose values come from a closed list.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CodeList {
    /// `kind`.
    Kind,
    /// `stage`.
    Stage,
    /// `status`.
    Status,
    /// `flags`.
    Flag,
    /// `scope`.
    Scope,
    /// A partner's `category`.
    Category,
    /// An activity's `type`.
    ActivityType,
    /// An evaluation's `result`.
    Result,
    /// An evaluation's `method`.
    Method,
    /// An evaluation's `obstacles`.
    Obstacle,
    /// An evaluation's `recommendation`.
    Recommendation,
}

impl CodeList {
    /// The field of the catalogs' glossary (`[terms.<field>]`) naming the values.
    pub fn glossary(self) -> &'static str {
        match self {
            CodeList::Kind => "kind",
            CodeList::Stage => "stage",
            CodeList::Status => "status",
            CodeList::Flag => "flag",
            CodeList::Scope => "scope",
            CodeList::Category => "category",
            CodeList::ActivityType => "activity-type",
            CodeList::Result => "eval",
            CodeList::Method => "method",
            CodeList::Obstacle => "obstacle",
            CodeList::Recommendation => "recommendation",
        }
    }

    /// Every value, in the order the format lists them.
    pub fn values(self) -> Vec<&'static str> {
        let choices = |list: &[Choice]| list.iter().map(|c| c.value).collect();
        match self {
            CodeList::Kind => choices(spec::KINDS),
            CodeList::Stage => Stage::ALL.iter().map(|s| s.as_str()).collect(),
            CodeList::Status => Status::ALL.iter().map(|s| s.as_str()).collect(),
            CodeList::Flag => Flag::ALL.iter().map(|f| f.as_str()).collect(),
            CodeList::Scope => choices(spec::SCOPES),
            CodeList::Category => choices(spec::CATEGORIES),
            CodeList::ActivityType => choices(spec::ACTIVITY_TYPES),
            CodeList::Result => choices(spec::RESULTS),
            CodeList::Method => choices(spec::EVALUATION_METHODS),
            CodeList::Obstacle => choices(spec::OBSTACLES),
            CodeList::Recommendation => choices(spec::RECOMMENDATIONS),
        }
    }

    /// The glossary's name of `value` in the language of `texts`.
    pub fn label<'a>(self, texts: &'a Texts, value: &str) -> &'a str {
        // Every value has a name (the test below).
        texts
            .get(&format!("{}-{value}", self.glossary()))
            .unwrap_or_default()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use pakta_content::i18n::Lang;

    const ALL: [CodeList; 11] = [
        CodeList::Kind,
        CodeList::Stage,
        CodeList::Status,
        CodeList::Flag,
        CodeList::Scope,
        CodeList::Category,
        CodeList::ActivityType,
        CodeList::Result,
        CodeList::Method,
        CodeList::Obstacle,
        CodeList::Recommendation,
    ];

    #[test]
    fn every_value_has_a_name_in_both_languages() {
        for lang in [Lang::Id, Lang::En] {
            let texts = Texts::default_for(lang);
            for list in ALL {
                for value in list.values() {
                    assert!(
                        !list.label(texts, value).is_empty(),
                        "{lang:?}: no glossary name for {}-{value}",
                        list.glossary()
                    );
                }
            }
        }
    }
}
