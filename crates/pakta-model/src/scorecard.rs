//! A unit's scorecard (rapor): how well it follows its agreements through,
//! as ratios whose formulas the site writes out. Computed per unit over its
//! public agreements and rolled up the hierarchy, so a province's card
//! covers every unit below it.

use chrono::NaiveDate;
use serde::Serialize;

use pakta_content::Kind;
use pakta_content::term::add_months;

use crate::completeness;
use crate::monev::{EVALUATION_WINDOW_MONTHS, EvaluationTally, dated_within};
use crate::{Agreement, Model, Status};

/// `part` of `whole`, both counts of agreements.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
pub struct Ratio {
    /// How many agreements meet the measure.
    pub part: usize,
    /// How many agreements the measure applies to.
    pub whole: usize,
}

impl Ratio {
    fn count(&mut self, applies: bool, holds: bool) {
        if applies {
            self.whole += 1;
            self.part += usize::from(holds);
        }
    }

    fn merge(&mut self, other: &Ratio) {
        self.part += other.part;
        self.whole += other.whole;
    }

    /// The whole percentage, rounded half up; `None` when nothing applies
    /// (a unit without such agreements is not 0 % nor 100 %).
    pub fn percent(&self) -> Option<usize> {
        (self.whole > 0).then(|| (self.part * 200 + self.whole) / (self.whole * 2))
    }
}

/// The scorecard of a unit and every unit below it.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
pub struct Scorecard {
    /// Signed MoUs whose PKS deadline has passed or that have a PKS: those
    /// whose first PKS was signed by the deadline.
    pub pks_on_time: Ratio,
    /// Agreements in force: those with an activity in the last
    /// `dormant_months` months.
    pub active: Ratio,
    /// Agreements in force: those evaluated in the last 12 months.
    pub evaluated: Ratio,
    /// Expiring agreements that no agreement renews (signed or still in
    /// preparation).
    pub expiring_without_renewal: usize,
    /// Signed agreements: those whose record has no gap.
    pub complete: Ratio,
    /// The recent evaluations, for results and obstacles by unit.
    pub evaluations: EvaluationTally,
}

impl Scorecard {
    /// Counts one agreement into the card.
    pub fn add(&mut self, model: &Model, a: &Agreement) {
        let today = model.today;
        let rules = &model.config.rules;
        if let Some(on_time) = pks_on_time(model, a) {
            self.pks_on_time.count(true, on_time);
        }
        let in_force = a.status().in_force();
        let activity_dates = a.front.activities.iter().map(|x| x.date.value);
        self.active.count(
            in_force,
            dated_within(activity_dates, rules.dormant_months, today),
        );
        let evaluation_dates = a.front.evaluations.iter().map(|x| x.date.value);
        self.evaluated.count(
            in_force,
            dated_within(evaluation_dates, EVALUATION_WINDOW_MONTHS, today),
        );
        if a.status() == Status::Expiring && !renewal_under_way(model, a) {
            self.expiring_without_renewal += 1;
        }
        self.complete.count(
            a.front.dates.signed().is_some(),
            completeness::gaps(&a.front).is_empty(),
        );
        self.evaluations.add(a, today);
    }

    /// Adds another scorecard's counts to this one.
    pub fn merge(&mut self, other: &Scorecard) {
        self.pks_on_time.merge(&other.pks_on_time);
        self.active.merge(&other.active);
        self.evaluated.merge(&other.evaluated);
        self.expiring_without_renewal += other.expiring_without_renewal;
        self.complete.merge(&other.complete);
        self.evaluations.merge(&other.evaluations);
    }
}

/// Whether a signed MoU got its first PKS by the deadline: `None` while
/// the deadline has not passed and no PKS is signed (nothing to judge yet)
/// and for any other agreement. A PKS that is not public still counts, as
/// for the `needs-pks` flag.
fn pks_on_time(model: &Model, a: &Agreement) -> Option<bool> {
    if a.front.kind != Kind::Mou {
        return None;
    }
    let first_pks = a
        .relations
        .children
        .iter()
        .filter_map(|&c| model.agreements[c].front.dates.signed())
        .min();
    pks_outcome(
        a.front.dates.signed()?,
        first_pks,
        model.config.rules.pks_deadline_months,
        model.today,
    )
}

/// The PKS rule for one MoU signed on `signed`: on time when the first PKS
/// was signed on or before the deadline day, late once `today` is past the
/// deadline without one, undecided before. Dates after `today` have not
/// happened yet.
pub fn pks_outcome(
    signed: NaiveDate,
    first_pks: Option<NaiveDate>,
    deadline_months: u32,
    today: NaiveDate,
) -> Option<bool> {
    if signed > today {
        return None;
    }
    let due = add_months(signed, deadline_months)?;
    let pks = first_pks.filter(|&p| p <= today);
    match pks {
        Some(p) if p <= due => Some(true),
        Some(_) => Some(false),
        None if today > due => Some(false),
        None => None,
    }
}

/// Whether some agreement renews this one and was not cancelled: a renewal
/// signed or still being prepared.
pub(crate) fn renewal_under_way(model: &Model, a: &Agreement) -> bool {
    a.relations
        .renewed_by
        .iter()
        .any(|&r| model.agreements[r].status() != Status::Cancelled)
}

/// Every unit's scorecard over the public agreements of its whole subtree,
/// by unit position.
pub fn scorecards(model: &Model) -> Vec<Scorecard> {
    let mut cards: Vec<Scorecard> = model
        .units
        .iter()
        .map(|u| {
            let mut card = Scorecard::default();
            for &ix in &u.agreements {
                let a = &model.agreements[ix];
                if a.is_public() {
                    card.add(model, a);
                }
            }
            card
        })
        .collect();
    // Units are sorted by path, so every descendant comes after its
    // ancestors: walking backwards adds children before their parents.
    for ix in (0..model.units.len()).rev() {
        if let Some(parent) = model.units[ix].parent {
            let child = cards[ix];
            cards[parent].merge(&child);
        }
    }
    cards
}

#[cfg(test)]
mod tests;
