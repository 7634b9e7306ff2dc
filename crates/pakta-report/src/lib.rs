//! The monthly report a unit sends up the hierarchy (`pakta report`): what
//! happened to its agreements and those of every unit below it in one
//! calendar month, and where they stand at the month's end.
//!
//! [`compute`] is a function of the model, a unit and a month (plus the
//! month's merged changes, when Git has them); the formats only print the
//! [`Report`] it returns, so the site publishes the same figures. Texts
//! come from the message catalogs (`pakta_content::i18n`).

mod columns;
mod compute;
pub mod csv;
mod month;
mod period;

use std::collections::BTreeMap;

use chrono::NaiveDate;
use pakta_content::i18n::{Lang, Texts};
use pakta_content::{Category, Kind};
use pakta_model::Status;
use serde::Serialize;

pub use columns::{UNIT_COLUMNS, UnitColumn};
pub use compute::{compute, compute_period};
pub use month::Month;
pub use period::Period;

/// The version of the report's JSON shape (`schema_version`): raised
/// whenever a field is renamed, removed or changes its type, so scripts
/// can tell. 2: agreements named by `{"id", "title"}`, the `own` line,
/// `participants` `null` when no count was given and
/// `participants_recorded`; figures in the content format's order.
pub const SCHEMA_VERSION: u32 = 2;

/// Everything in a report. Every list covers the unit and all units below
/// it, public agreements only, sorted; serialised as the stable JSON of
/// `pakta report --format json`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Report {
    /// The version of this shape, [`SCHEMA_VERSION`].
    pub schema_version: u32,
    /// The unit's folder path, "" for the root.
    pub unit: String,
    /// The unit's name.
    pub unit_name: String,
    /// The period, serialised as its name: `YYYY-MM`, or `YYYY` for a
    /// year's report on the site.
    pub month: Period,
    /// The period's last day, or the day the report was made while the
    /// period is in progress: every status and finding is as of this day,
    /// and the period's events are counted up to it.
    pub as_of: NaiveDate,
    /// Agreements signed in the month.
    pub signed: Vec<AgreementRef>,
    /// Agreements whose term began in the month.
    pub started: Vec<AgreementRef>,
    /// Agreements whose term ran out in the month: the day after their
    /// last day in force falls in it, and they were not ended early.
    pub expired: Vec<AgreementRef>,
    /// Agreements renewed in the month: the first agreement that `renews`
    /// one was signed in it.
    pub renewed: Vec<AgreementRef>,
    /// Signed agreements ended early (`terminated`) in the month.
    pub terminated: Vec<AgreementRef>,
    /// Activities held in the period.
    pub activities: Vec<ActivityLine>,
    /// Evaluations made in the period.
    pub evaluations: Vec<EvaluationLine>,
    /// Changes merged in the month that touched these agreements' files.
    pub changes: Vec<ChangeLine>,
    /// Why `changes` is empty for want of Git history, else `None`.
    pub history_note: Option<String>,
    /// Open findings at the period's end.
    pub findings: Findings,
    /// Agreements by status, kind and category at the period's end.
    pub figures: Figures,
    /// The roll-up of the whole subtree, in the shape of a `units` line:
    /// `own` plus every line of `units`, count by count.
    pub total: UnitLine,
    /// The unit's own agreements, those in its folder and not below it.
    pub own: UnitLine,
    /// One line per unit directly below, each covering its own subtree.
    pub units: Vec<UnitLine>,
}

impl Report {
    /// Whether the period had not ended when the report was made: the
    /// report then covers it up to `as_of`.
    pub fn in_progress(&self) -> bool {
        self.as_of < self.month.last_day()
    }

    /// The events of the period in the order reports show them: the
    /// label's key and the agreements.
    pub fn events(&self) -> [(&'static str, &[AgreementRef]); 5] {
        [
            ("report-signed", &self.signed),
            ("report-started", &self.started),
            ("report-expired", &self.expired),
            ("report-renewed", &self.renewed),
            ("report-terminated", &self.terminated),
        ]
    }

    /// The report's heading, its period in words: "Laporan Kerja Sama —
    /// KPU Kabupaten Banyumas — Oktober 2026". The site, the Markdown and
    /// the standalone page all use it, so they name a report alike.
    pub fn title(&self, texts: &Texts, lang: Lang) -> String {
        format!(
            "{} — {} — {}",
            texts.text("report-title"),
            self.unit_name,
            lang.period_words(&self.month.to_string())
        )
    }
}

/// An agreement as a report names it: by its title, with its id (the
/// address of its page) beside it.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Serialize)]
pub struct AgreementRef {
    /// The agreement's id.
    pub id: String,
    /// Its title.
    pub title: String,
}

/// One activity of the period.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ActivityLine {
    /// The agreement's id.
    pub agreement: String,
    /// The agreement's title.
    pub agreement_title: String,
    /// When it was held.
    pub date: NaiveDate,
    /// What it was called.
    pub title: String,
    /// Its type (`[terms.activity-type]`).
    #[serde(rename = "type")]
    pub activity_type: Option<&'static str>,
    /// How many took part, when given.
    pub participants: Option<u64>,
}

/// One evaluation of the period.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct EvaluationLine {
    /// The agreement's id.
    pub agreement: String,
    /// The agreement's title.
    pub agreement_title: String,
    /// When it was made.
    pub date: NaiveDate,
    /// Its result (`[terms.eval]`).
    pub result: &'static str,
    /// How it was made (`[terms.method]`).
    pub method: Option<&'static str>,
    /// What stood in the way (`[terms.obstacle]`).
    pub obstacles: Vec<&'static str>,
    /// What it recommends (`[terms.recommendation]`).
    pub recommendation: Option<&'static str>,
}

/// One change merged in the period.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ChangeLine {
    /// The commit's hash.
    pub commit: String,
    /// When it was committed.
    pub date: NaiveDate,
    /// Its subject line.
    pub subject: String,
    /// The agreements whose files it touched.
    pub agreements: Vec<AgreementRef>,
}

/// The agreements with an open finding at the month's end.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct Findings {
    /// MoUs still waiting for a PKS.
    #[serde(rename = "needs-pks")]
    pub needs_pks: Vec<AgreementRef>,
    /// In force with no activity yet.
    #[serde(rename = "no-activity")]
    pub no_activity: Vec<AgreementRef>,
    /// Not evaluated in time.
    #[serde(rename = "not-evaluated")]
    pub not_evaluated: Vec<AgreementRef>,
    /// Expiring soon.
    pub expiring: Vec<AgreementRef>,
    /// Expired and not renewed.
    pub expired: Vec<AgreementRef>,
}

impl Findings {
    /// The findings in the order reports show them: each one's label key
    /// (`[labels] flag-…`) and its agreements.
    pub fn entries(&self) -> [(&'static str, &[AgreementRef]); 5] {
        [
            ("flag-needs-pks", &self.needs_pks),
            ("flag-no-activity", &self.no_activity),
            ("flag-not-evaluated", &self.not_evaluated),
            ("flag-expiring", &self.expiring),
            ("flag-expired", &self.expired),
        ]
    }
}

/// The agreements that existed at the month's end (a stage reached by
/// then), counted by status, kind and partner category; an agreement with
/// partners of two categories counts under both. Every value of each list
/// is present, in the content format's order (serialised by its code).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Figures {
    /// How many existed.
    pub agreements: usize,
    /// By status (`[terms.status]`).
    pub by_status: BTreeMap<Status, usize>,
    /// By kind (`[terms.kind]`).
    pub by_kind: BTreeMap<Kind, usize>,
    /// By partner category (`[terms.category]`).
    pub by_category: BTreeMap<Category, usize>,
}

impl Default for Figures {
    fn default() -> Self {
        Figures {
            agreements: 0,
            by_status: Status::ALL.iter().map(|&s| (s, 0)).collect(),
            by_kind: Kind::ALL.iter().map(|&k| (k, 0)).collect(),
            by_category: Category::ALL.iter().map(|&c| (c, 0)).collect(),
        }
    }
}

impl Figures {
    /// The three breakdowns in the order reports show them: the heading's
    /// key, then each value's label key (`status-active`) and count, the
    /// values with none left out.
    pub fn breakdowns(&self) -> [(&'static str, Vec<(String, usize)>); 3] {
        fn nonzero<T: Copy + std::fmt::Display>(
            prefix: &str,
            counts: &BTreeMap<T, usize>,
        ) -> Vec<(String, usize)> {
            counts
                .iter()
                .filter(|(_, n)| **n > 0)
                .map(|(value, n)| (format!("{prefix}-{value}"), *n))
                .collect()
        }
        [
            ("by-status", nonzero("status", &self.by_status)),
            ("by-kind", nonzero("kind", &self.by_kind)),
            ("by-category", nonzero("category", &self.by_category)),
        ]
    }
}

/// The month in numbers for one unit and everything below it.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct UnitLine {
    /// The unit's folder path.
    pub unit: String,
    /// The unit's name.
    pub name: String,
    /// Agreements that existed at the month's end.
    pub agreements: usize,
    /// Of those, in force (active or expiring) at the month's end.
    pub in_force: usize,
    /// Signed in the period.
    pub signed: usize,
    /// Whose term began in the period.
    pub started: usize,
    /// Whose term ran out in the period.
    pub expired: usize,
    /// Renewed in the period.
    pub renewed: usize,
    /// Ended early in the period.
    pub terminated: usize,
    /// Activities held in the period.
    pub activities: usize,
    /// Participants of the month's activities, summed over those with a
    /// count; `None` when none has one (not recorded is not zero).
    pub participants: Option<u64>,
    /// How many of the month's activities have a participant count.
    pub participants_recorded: usize,
    /// Evaluations made in the period.
    pub evaluations: usize,
    /// Open findings at the period's end, counted.
    pub findings: FindingCounts,
}

/// How many agreements have each finding.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct FindingCounts {
    /// MoUs still waiting for a PKS.
    #[serde(rename = "needs-pks")]
    pub needs_pks: usize,
    /// In force with no activity yet.
    #[serde(rename = "no-activity")]
    pub no_activity: usize,
    /// Not evaluated in time.
    #[serde(rename = "not-evaluated")]
    pub not_evaluated: usize,
    /// Expiring soon.
    pub expiring: usize,
    /// Expired and not renewed.
    pub expired: usize,
}

/// The report as pretty JSON, ending in a newline.
pub fn to_json(report: &Report) -> String {
    let mut json = serde_json::to_string_pretty(report).expect("a report always serialises");
    json.push('\n');
    json
}
