//! Stage, status and flags of one agreement as of a given day, exactly as
//! the content format defines them. Pure functions of the agreement, two
//! facts about its relations, the rules and the day.

use chrono::{Months, NaiveDate};
use serde::Serialize;

use pakta_content::term::{add_months, expiry, sub_days};
use pakta_content::{Dates, Kind, Rules, Stage};

/// An agreement's status on a day (docs/content-format.md, "Lifecycle status").
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Status {
    /// Not signed; planning (perencanaan) is the latest stage with a date.
    Planning,
    /// Not signed; drafting (perumusan) is the latest stage with a date.
    Drafting,
    /// Not signed; negotiation (pembahasan) is the latest stage with a date.
    Negotiation,
    /// Not signed; approval (pengesahan) is the latest stage with a date.
    Approval,
    /// Signed (ditandatangani), but the day is before `starts`.
    Signed,
    /// In force (berlaku), open-ended ones included.
    Active,
    /// In force, with its end at most `expiring_soon_days` days away (segera berakhir).
    Expiring,
    /// Past its end (berakhir).
    Expired,
    /// Past its end, with an agreement that renews it signed (diperpanjang).
    Renewed,
    /// Signed and ended early by `terminated` (diakhiri).
    Terminated,
    /// Dropped by `terminated` before it was signed (dibatalkan).
    Cancelled,
}

impl Status {
    /// Every status, in lifecycle order.
    pub const ALL: [Status; 11] = [
        Status::Planning,
        Status::Drafting,
        Status::Negotiation,
        Status::Approval,
        Status::Signed,
        Status::Active,
        Status::Expiring,
        Status::Expired,
        Status::Renewed,
        Status::Terminated,
        Status::Cancelled,
    ];

    /// The status's name in the content format and the data, e.g. `expiring`.
    pub fn as_str(self) -> &'static str {
        match self {
            Status::Planning => "planning",
            Status::Drafting => "drafting",
            Status::Negotiation => "negotiation",
            Status::Approval => "approval",
            Status::Signed => "signed",
            Status::Active => "active",
            Status::Expiring => "expiring",
            Status::Expired => "expired",
            Status::Renewed => "renewed",
            Status::Terminated => "terminated",
            Status::Cancelled => "cancelled",
        }
    }

    /// In force today: the states the compliance flags look at.
    pub fn in_force(self) -> bool {
        matches!(self, Status::Active | Status::Expiring)
    }

    fn of_stage(stage: Stage) -> Status {
        match stage {
            Stage::Planning => Status::Planning,
            Stage::Drafting => Status::Drafting,
            Stage::Negotiation => Status::Negotiation,
            Stage::Approval => Status::Approval,
            Stage::Signed => Status::Signed,
        }
    }
}

impl std::fmt::Display for Status {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

/// A warning shown beside an agreement's status.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Flag {
    /// An MoU in force, signed more than `pks_deadline_months` months ago, with no PKS signed yet.
    NeedsPks,
    /// Active or expiring, with no activity in the last `dormant_months` months.
    NoActivity,
    /// Active or expiring, with no evaluation in the last 12 months.
    NotEvaluated,
}

impl Flag {
    /// Every flag, in display order.
    pub const ALL: [Flag; 3] = [Flag::NeedsPks, Flag::NoActivity, Flag::NotEvaluated];

    /// The flag's name in the data, e.g. `needs-pks`.
    pub fn as_str(self) -> &'static str {
        match self {
            Flag::NeedsPks => "needs-pks",
            Flag::NoActivity => "no-activity",
            Flag::NotEvaluated => "not-evaluated",
        }
    }
}

impl std::fmt::Display for Flag {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

/// What the lifecycle needs to know about other agreements.
#[derive(Debug, Clone, Copy, Default)]
pub struct RelatedSignings {
    /// The earliest `signed` of the agreements that renew this one.
    pub first_renewal_signed: Option<NaiveDate>,
    /// The earliest `signed` of the agreements whose `parent` is this one.
    pub first_child_signed: Option<NaiveDate>,
}

/// What an agreement's lifecycle looks like on `today`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Lifecycle {
    /// The latest stage that has a date.
    pub stage: Stage,
    /// The status on the day.
    pub status: Status,
    /// The flags that apply on the day, in [`Flag::ALL`] order.
    pub flags: Vec<Flag>,
    /// The first day in force: `starts`, else `signed`.
    pub starts: Option<NaiveDate>,
    /// The last day in force by its term: `expires`, else `starts` + `duration_months` − 1 day.
    pub expires: Option<NaiveDate>,
    /// The last day in force: `expires`, or the day before an early end.
    pub end: Option<NaiveDate>,
    /// For an MoU still waiting for its PKS: the day by which it is due
    /// (`needs-pks` from the day after).
    pub pks_due: Option<NaiveDate>,
}

/// What the lifecycle reads of one agreement.
pub struct Subject<'a> {
    /// The `kind` key.
    pub kind: Kind,
    /// The `[dates]` table.
    pub dates: &'a Dates,
    /// The days of its activities.
    pub activity_dates: &'a [NaiveDate],
    /// The days of its evaluations.
    pub evaluation_dates: &'a [NaiveDate],
}

/// `date` minus `months` calendar months, clamped to a shorter month's end; none when out of range.
pub fn sub_months(date: NaiveDate, months: u32) -> Option<NaiveDate> {
    date.checked_sub_months(Months::new(months))
}

/// The lifecycle of `subject` on `today` under the site's rules.
pub fn compute(
    subject: &Subject,
    related: RelatedSignings,
    rules: &Rules,
    today: NaiveDate,
) -> Lifecycle {
    let dates = subject.dates;
    let stage = dates
        .stages()
        .last()
        .map_or(Stage::Planning, |(stage, _)| stage);
    let signed = dates.signed();
    let starts = dates.starts.as_ref().map(|d| d.value).or(signed);
    let expires = if signed.is_some() {
        expiry(dates)
    } else {
        None
    };
    let terminated = dates.terminated.as_ref().map(|d| d.value);
    let end = match terminated.and_then(|t| sub_days(t, 1)) {
        Some(last_day) if signed.is_some() => Some(expires.map_or(last_day, |e| e.min(last_day))),
        _ => expires,
    };
    let status = status(
        stage, signed, starts, end, terminated, related, rules, today,
    );
    let awaits_pks = subject.kind == Kind::Mou
        && matches!(status, Status::Signed | Status::Active | Status::Expiring)
        && related.first_child_signed.is_none_or(|s| s > today);
    let pks_due = signed
        .filter(|_| awaits_pks)
        .and_then(|s| add_months(s, rules.pks_deadline_months));
    let mut lifecycle = Lifecycle {
        stage,
        status,
        flags: Vec::new(),
        starts,
        expires,
        end,
        pks_due,
    };
    lifecycle.flags = flags(subject, &lifecycle, rules, today);
    lifecycle
}

#[allow(clippy::too_many_arguments)]
fn status(
    stage: Stage,
    signed: Option<NaiveDate>,
    starts: Option<NaiveDate>,
    end: Option<NaiveDate>,
    terminated: Option<NaiveDate>,
    related: RelatedSignings,
    rules: &Rules,
    today: NaiveDate,
) -> Status {
    if terminated.is_some_and(|t| t <= today) {
        return if signed.is_some() {
            Status::Terminated
        } else {
            Status::Cancelled
        };
    }
    if signed.is_none() {
        return Status::of_stage(stage);
    }
    if starts.is_some_and(|s| today < s) {
        return Status::Signed;
    }
    if let Some(end) = end {
        if today > end {
            let renewed = related.first_renewal_signed.is_some_and(|s| s <= today);
            return if renewed {
                Status::Renewed
            } else {
                Status::Expired
            };
        }
        let window_opens = sub_days(end, rules.expiring_soon_days);
        if window_opens.is_none_or(|opens| today >= opens) {
            return Status::Expiring;
        }
    }
    Status::Active
}

fn flags(subject: &Subject, lifecycle: &Lifecycle, rules: &Rules, today: NaiveDate) -> Vec<Flag> {
    let mut flags = Vec::new();
    let status = lifecycle.status;
    if lifecycle.pks_due.is_some_and(|due| today > due) {
        flags.push(Flag::NeedsPks);
    }
    if status.in_force()
        && let Some(starts) = lifecycle.starts
    {
        if quiet_since(starts, subject.activity_dates, rules.dormant_months, today) {
            flags.push(Flag::NoActivity);
        }
        if quiet_since(starts, subject.evaluation_dates, EVALUATION_MONTHS, today) {
            flags.push(Flag::NotEvaluated);
        }
    }
    flags
}

/// Started on or before `today - months` and nothing dated from that cutoff
/// to today inclusive.
fn quiet_since(starts: NaiveDate, dates: &[NaiveDate], months: u32, today: NaiveDate) -> bool {
    let Some(cutoff) = sub_months(today, months) else {
        return false;
    };
    starts <= cutoff && !dates.iter().any(|d| cutoff <= *d && *d <= today)
}

/// The first day on which the `not-evaluated` flag would be on, counting
/// only the evaluations dated up to `today` (later ones have not happened):
/// the day after the evaluation due. Found with the flag's own test, so a
/// month-end clamp (a start on 29 February, a window ending on the 31st)
/// can never make the two disagree.
pub fn unevaluated_from(
    starts: NaiveDate,
    evaluation_dates: &[NaiveDate],
    today: NaiveDate,
) -> Option<NaiveDate> {
    unevaluated_from_window(starts, evaluation_dates, EVALUATION_MONTHS, today)
}

/// The `not-evaluated` flag's window, in calendar months.
const EVALUATION_MONTHS: u32 = 12;

fn unevaluated_from_window(
    starts: NaiveDate,
    dates: &[NaiveDate],
    months: u32,
    today: NaiveDate,
) -> Option<NaiveDate> {
    let known: Vec<NaiveDate> = dates.iter().copied().filter(|d| *d <= today).collect();
    let threshold = match known.iter().max() {
        Some(latest) => starts.max(latest.succ_opt()?),
        None => starts,
    };
    let quiet = |day: NaiveDate| quiet_since(starts, &known, months, day);
    // `threshold + months` is the day, or a clamped month end up to three
    // days before it; the loops only settle those days.
    let mut day = add_months(threshold, months)?;
    for _ in 0..4 {
        if quiet(day) {
            break;
        }
        day = day.succ_opt()?;
    }
    for _ in 0..4 {
        match day.pred_opt() {
            Some(before) if quiet(before) => day = before,
            _ => break,
        }
    }
    quiet(day).then_some(day)
}

/// Whole days from `today` to `end` inclusive of neither; negative once past.
pub fn days_left(end: NaiveDate, today: NaiveDate) -> i64 {
    (end - today).num_days()
}

#[cfg(test)]
mod tests;
