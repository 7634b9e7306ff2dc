//! The coded fields of the open data and their closed lists: the values
//! come from the content format's closed lists (`pakta_content::closed`) and the
//! lifecycle, their names in each language from the catalogs' glossary.

use pakta_content::closed::{self, ClosedList};
use pakta_content::i18n::Texts;

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
    /// Every coded field of the open data.
    pub const ALL: [CodeList; 11] = [
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

    /// The content format's closed list, for every field but the ones the
    /// lifecycle computes (status and flags).
    fn closed(self) -> Option<&'static ClosedList> {
        Some(match self {
            CodeList::Kind => &closed::KINDS,
            CodeList::Stage => &closed::STAGES,
            CodeList::Scope => &closed::SCOPES,
            CodeList::Category => &closed::CATEGORIES,
            CodeList::ActivityType => &closed::ACTIVITY_TYPES,
            CodeList::Result => &closed::RESULTS,
            CodeList::Method => &closed::EVALUATION_METHODS,
            CodeList::Obstacle => &closed::OBSTACLES,
            CodeList::Recommendation => &closed::RECOMMENDATIONS,
            CodeList::Status | CodeList::Flag => return None,
        })
    }

    /// The field of the catalogs' glossary (`[terms.<field>]`) naming the values.
    pub fn glossary(self) -> &'static str {
        match self {
            CodeList::Status => "status",
            CodeList::Flag => "flag",
            // Every closed list the open data carries has a glossary
            // section (`closed::tests`).
            list => list.closed().and_then(|l| l.glossary).unwrap_or_default(),
        }
    }

    /// Every value, in the order the format lists them.
    pub fn values(self) -> Vec<&'static str> {
        match self {
            CodeList::Status => Status::ALL.iter().map(|s| s.as_str()).collect(),
            CodeList::Flag => Flag::ALL.iter().map(|f| f.as_str()).collect(),
            list => list
                .closed()
                .map(|l| l.codes().collect())
                .unwrap_or_default(),
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

    #[test]
    fn every_value_has_a_name_in_both_languages() {
        for lang in [Lang::Id, Lang::En] {
            let texts = Texts::default_for(lang);
            for list in CodeList::ALL {
                assert!(!list.glossary().is_empty(), "{list:?}");
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
