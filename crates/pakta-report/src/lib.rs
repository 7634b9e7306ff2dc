//! The monthly report a unit sends up the hierarchy (`pakta report`): what
//! happened to its agreements and those of every unit below it in one
//! calendar month, and where they stand at the month's end.
//!
//! [`compute`] is a function of the model, a unit and a month (plus the
//! month's merged changes, when Git has them); the formats only print the
//! [`Report`] it returns, so the site publishes the same figures. Texts
//! come from the message catalogs (`pakta_content::i18n`).

mod compute;
pub mod csv;
pub mod markdown;
mod month;
mod period;

use chrono::NaiveDate;
use pakta_content::i18n::{Lang, Texts};
use serde::Serialize;

pub use compute::{compute, compute_period};
pub use month::Month;
pub use period::Period;

/// Everything in a report. Every list covers the unit and all units below
/// it, public agreements only, sorted; serialised as the stable JSON of
/// `pakta report --format json`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Report {
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
    /// The roll-up of the whole subtree, in the shape of a `units` line.
    pub total: UnitLine,
    /// One line per unit directly below, each covering its own subtree.
    pub units: Vec<UnitLine>,
}

impl Report {
    /// Whether the period had not ended when the report was made: the
    /// report then covers it up to `as_of`.
    pub fn in_progress(&self) -> bool {
        self.as_of < self.month.last_day()
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

/// One activity of the period.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ActivityLine {
    /// The agreement's id.
    pub agreement: String,
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
    /// The ids of the agreements whose files it touched.
    pub agreements: Vec<String>,
}

/// The agreements with an open finding at the month's end.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct Findings {
    /// MoUs still waiting for a PKS.
    #[serde(rename = "needs-pks")]
    pub needs_pks: Vec<String>,
    /// In force with no activity yet.
    #[serde(rename = "no-activity")]
    pub no_activity: Vec<String>,
    /// Not evaluated in time.
    #[serde(rename = "not-evaluated")]
    pub not_evaluated: Vec<String>,
    /// Expiring soon.
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
    /// How many existed.
    pub agreements: usize,
    /// By status (`[terms.status]`).
    pub by_status: std::collections::BTreeMap<&'static str, usize>,
    /// By kind (`[terms.kind]`).
    pub by_kind: std::collections::BTreeMap<&'static str, usize>,
    /// By partner category (`[terms.category]`).
    pub by_category: std::collections::BTreeMap<&'static str, usize>,
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
    /// Participants of the month's activities, where a count was given.
    pub participants: u64,
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

impl FindingCounts {
    /// The finding keys in the order reports show them, with their counts.
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
