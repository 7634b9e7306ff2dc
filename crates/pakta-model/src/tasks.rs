//! What each unit must do and by when, from the same rules as the findings
//! and the scorecard (never a second reading of them): the PKS an MoU
//! awaits, the review of an agreement about to end, the evaluation coming
//! due, the month's report to the unit above, and the records to
//! complete. Only public agreements give tasks, as only they give
//! findings; a PKS that is not public still settles its MoU's.
//!
//! "Soon" is the site's own window, `expiring_soon_days`: an agreement
//! ending within it is under review, and an evaluation due within it is
//! listed. A PKS is listed from its MoU's signing, since the deadline is
//! the rule. A unit reports on a month in which an agreement of its
//! subtree was signed or had an activity or an evaluation (the site's rule
//! for a report page), by the month's last day, the day the report is
//! made as of.

use chrono::{Datelike, Days, NaiveDate};
use serde::Serialize;

use crate::completeness::{self, Gap};
use crate::lifecycle::unevaluated_from;
use crate::scorecard::renewal_under_way;
use crate::{Agreement, AgreementIx, Model, Status, UnitIx};

/// What kind of work a task asks for, in the order a unit's list shows
/// tasks due the same day.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum TaskKind {
    /// Sign the PKS an MoU awaits, by its deadline (`needs-pks` after it).
    Pks,
    /// Decide whether to renew an agreement ending within
    /// `expiring_soon_days`, by its last day in force.
    Review,
    /// Evaluate an agreement in force before the `not-evaluated` flag
    /// would be raised.
    Evaluation,
    /// Send the month's report to the unit above, by the month's last day.
    Report,
    /// Fill in what the record lacks; no deadline.
    Records,
}

impl TaskKind {
    /// Every kind, in display order.
    pub const ALL: [TaskKind; 5] = [
        TaskKind::Pks,
        TaskKind::Review,
        TaskKind::Evaluation,
        TaskKind::Report,
        TaskKind::Records,
    ];

    /// The kind's name in the data, e.g. `pks`.
    pub fn as_str(self) -> &'static str {
        match self {
            TaskKind::Pks => "pks",
            TaskKind::Review => "review",
            TaskKind::Evaluation => "evaluation",
            TaskKind::Report => "report",
            TaskKind::Records => "records",
        }
    }
}

/// One thing a unit must do.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Task {
    /// What to do.
    pub kind: TaskKind,
    /// The last day to do it; none for records to complete.
    pub due: Option<NaiveDate>,
    /// The agreement it concerns; none for the month's report.
    pub agreement: Option<AgreementIx>,
    /// For records to complete: what the record lacks.
    pub gaps: Vec<Gap>,
    /// For the month's report: the unit it goes to.
    pub report_to: Option<UnitIx>,
}

impl Task {
    /// Whether the due day has passed.
    pub fn overdue(&self, today: NaiveDate) -> bool {
        self.due.is_some_and(|due| due < today)
    }
}

/// The tasks of one unit: its own agreements' and its own report.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UnitTasks {
    /// The unit.
    pub unit: UnitIx,
    /// Soonest due first (records, which have no due day, last), then by
    /// kind and agreement id.
    pub tasks: Vec<Task>,
}

/// The tasks of each of `units`, in the order given.
pub fn tasks(model: &Model, units: &[UnitIx]) -> Vec<UnitTasks> {
    let reporting = units_reporting_this_month(model);
    units
        .iter()
        .map(|&unit| {
            let mut tasks: Vec<Task> = model.units[unit]
                .agreements
                .iter()
                .map(|&ix| (ix, &model.agreements[ix]))
                .filter(|(_, a)| a.is_public())
                .flat_map(|(ix, a)| agreement_tasks(model, ix, a))
                .collect();
            if let Some(parent) = model.units[unit].parent
                && reporting[unit]
            {
                tasks.push(Task {
                    kind: TaskKind::Report,
                    due: Some(last_day_of_month(model.today)),
                    agreement: None,
                    gaps: Vec::new(),
                    report_to: Some(parent),
                });
            }
            tasks.sort_by(|x, y| {
                let id = |t: &Task| t.agreement.map(|ix| model.agreements[ix].id.as_str());
                (x.due.is_none(), x.due, x.kind, id(x)).cmp(&(
                    y.due.is_none(),
                    y.due,
                    y.kind,
                    id(y),
                ))
            });
            UnitTasks { unit, tasks }
        })
        .collect()
}

fn agreement_tasks(model: &Model, ix: AgreementIx, a: &Agreement) -> Vec<Task> {
    let task = |kind, due| Task {
        kind,
        due,
        agreement: Some(ix),
        gaps: Vec::new(),
        report_to: None,
    };
    let mut tasks = Vec::new();
    if let Some(due) = a.lifecycle.pks_due {
        tasks.push(task(TaskKind::Pks, Some(due)));
    }
    if a.status() == Status::Expiring && !renewal_under_way(model, a) {
        tasks.push(task(TaskKind::Review, a.lifecycle.end));
    }
    if let Some(due) = evaluation_due(model, a) {
        tasks.push(task(TaskKind::Evaluation, Some(due)));
    }
    let gaps = completeness::gaps(&a.front);
    if !gaps.is_empty() {
        tasks.push(Task {
            gaps,
            ..task(TaskKind::Records, None)
        });
    }
    tasks
}

/// The last day before the `not-evaluated` flag, for an agreement in force
/// that will still be in force then, when that day is past or within the
/// window of what is due soon.
fn evaluation_due(model: &Model, a: &Agreement) -> Option<NaiveDate> {
    if !a.status().in_force() {
        return None;
    }
    let today = model.today;
    let dates: Vec<NaiveDate> = a.front.evaluations.iter().map(|e| e.date.value).collect();
    let flagged_from = unevaluated_from(a.lifecycle.starts?, &dates, today)?;
    if a.lifecycle.end.is_some_and(|end| end < flagged_from) {
        return None;
    }
    let due = flagged_from.pred_opt()?;
    let horizon =
        today.checked_add_days(Days::new(u64::from(model.config.rules.expiring_soon_days)))?;
    (due <= horizon).then_some(due)
}

/// Which units have a report for the month of today: an agreement of their
/// subtree signed, or with an activity or an evaluation, from the month's
/// first day to today.
fn units_reporting_this_month(model: &Model) -> Vec<bool> {
    let today = model.today;
    let first = today.with_day(1).unwrap_or(today);
    let mut reporting = vec![false; model.units.len()];
    for a in model.public_agreements() {
        if a.reported_days().any(|d| first <= d && d <= today) {
            let mut unit = Some(a.unit);
            while let Some(u) = unit
                && !reporting[u]
            {
                reporting[u] = true;
                unit = model.units[u].parent;
            }
        }
    }
    reporting
}

fn last_day_of_month(day: NaiveDate) -> NaiveDate {
    let first = day.with_day(1).unwrap_or(day);
    first
        .checked_add_months(chrono::Months::new(1))
        .and_then(|next| next.pred_opt())
        .unwrap_or(day)
}

#[cfg(test)]
mod tests;
