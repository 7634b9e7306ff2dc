//! The monthly report a unit sends up the hierarchy (`pakta report`): what
//! happened to its agreements and those of every unit below it in one
//! calendar month, and where they stand at the month's end.
//!
//! [`compute`] is a function of the model, a unit and a month (plus the
//! month's merged changes, when Git has them); the formats only print the
//! [`Report`] it returns, so the site can build the same figures.

#![expect(
    missing_docs,
    reason = "the report's fields are the JSON interface, documented field by field in README.md (pakta report); their item docs are still to be written"
)]

mod compute;
pub mod csv;
pub mod html;
pub mod labels;
pub mod markdown;
mod month;

use chrono::NaiveDate;
use serde::Serialize;

pub use compute::compute;
pub use labels::label;
pub use month::Month;

/// Everything in a report. Every list covers the unit and all units below
/// it, public agreements only, sorted; serialised as the stable JSON of
/// `pakta report --format json`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Report {
    /// The unit's folder path, "" for the root.
    pub unit: String,
    pub unit_name: String,
    /// `YYYY-MM`.
    pub month: String,
    /// The month's last day: every status and finding is as of this day.
    pub as_of: NaiveDate,
    /// Agreements signed in the month.
    pub signed: Vec<String>,
    /// Agreements whose term began in the month.
    pub started: Vec<String>,
    /// Agreements whose term ran out in the month: the day after their
    /// last day in force falls in it, and they were not ended early.
    pub expired: Vec<String>,
    /// Agreements renewed in the month: the first agreement that `renews`
    /// one was signed in it.
    pub renewed: Vec<String>,
    /// Signed agreements ended early (`terminated`) in the month.
    pub terminated: Vec<String>,
    pub activities: Vec<ActivityLine>,
    pub evaluations: Vec<EvaluationLine>,
    /// Changes merged in the month that touched these agreements' files.
    pub changes: Vec<ChangeLine>,
    /// Why `changes` is empty for want of Git history, else `None`.
    pub history_note: Option<String>,
    pub findings: Findings,
    pub figures: Figures,
    /// The roll-up of the whole subtree, in the shape of a `units` line.
    pub total: UnitLine,
    /// One line per unit directly below, each covering its own subtree.
    pub units: Vec<UnitLine>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ActivityLine {
    pub agreement: String,
    pub date: NaiveDate,
    pub title: String,
    #[serde(rename = "type")]
    pub activity_type: Option<&'static str>,
    pub participants: Option<u64>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct EvaluationLine {
    pub agreement: String,
    pub date: NaiveDate,
    pub result: &'static str,
    pub method: Option<&'static str>,
    pub obstacles: Vec<&'static str>,
    pub recommendation: Option<&'static str>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ChangeLine {
    pub commit: String,
    pub date: NaiveDate,
    pub subject: String,
    pub agreements: Vec<String>,
}

/// The agreements with an open finding at the month's end.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct Findings {
    #[serde(rename = "needs-pks")]
    pub needs_pks: Vec<String>,
    #[serde(rename = "no-activity")]
    pub no_activity: Vec<String>,
    #[serde(rename = "not-evaluated")]
    pub not_evaluated: Vec<String>,
    pub expiring: Vec<String>,
    /// Expired and not renewed.
    pub expired: Vec<String>,
}

impl Findings {
    /// The finding keys in the order reports show them, with their lists.
    pub fn entries(&self) -> [(&'static str, &[String]); 5] {
        [
            ("needs-pks", &self.needs_pks),
            ("no-activity", &self.no_activity),
            ("not-evaluated", &self.not_evaluated),
            ("expiring", &self.expiring),
            ("expired", &self.expired),
        ]
    }
}

/// The agreements that existed at the month's end (a stage reached by
/// then), counted by status, kind and partner category; an agreement with
/// partners of two categories counts under both.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct Figures {
    pub agreements: usize,
    pub by_status: std::collections::BTreeMap<&'static str, usize>,
    pub by_kind: std::collections::BTreeMap<&'static str, usize>,
    pub by_category: std::collections::BTreeMap<&'static str, usize>,
}

/// The month in numbers for one unit and everything below it.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct UnitLine {
    pub unit: String,
    pub name: String,
    /// Agreements that existed at the month's end.
    pub agreements: usize,
    /// Of those, in force (active or expiring) at the month's end.
    pub in_force: usize,
    pub signed: usize,
    pub started: usize,
    pub expired: usize,
    pub renewed: usize,
    pub terminated: usize,
    pub activities: usize,
    /// Participants of the month's activities, where a count was given.
    pub participants: u64,
    pub evaluations: usize,
    pub findings: FindingCounts,
}

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct FindingCounts {
    #[serde(rename = "needs-pks")]
    pub needs_pks: usize,
    #[serde(rename = "no-activity")]
    pub no_activity: usize,
    #[serde(rename = "not-evaluated")]
    pub not_evaluated: usize,
    pub expiring: usize,
    pub expired: usize,
}

impl FindingCounts {
    pub fn entries(&self) -> [(&'static str, usize); 5] {
        [
            ("needs-pks", self.needs_pks),
            ("no-activity", self.no_activity),
            ("not-evaluated", self.not_evaluated),
            ("expiring", self.expiring),
            ("expired", self.expired),
        ]
    }
}

/// The report as pretty JSON, ending in a newline.
pub fn to_json(report: &Report) -> String {
    let mut json = serde_json::to_string_pretty(report).expect("a report always serialises");
    json.push('\n');
    json
}
