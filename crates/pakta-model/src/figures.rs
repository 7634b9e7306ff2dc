//! The figures the site, the search facets and `pakta check` state about
//! a set of agreements, each defined once here so that no two outputs
//! ever count the same thing differently: what "signed" and "signed in a
//! year" mean, which date places an agreement in time, which partner
//! categories it counts under, and the headline figures.

use chrono::{Datelike, NaiveDate};
use serde::Serialize;

use crate::{Agreement, Flag, Model, Status};
use pakta_content::{Category, Stage};

impl Agreement {
    /// The signing day, when the agreement was signed at all. The status
    /// counts an agreement with a `signed` date as signed, so every figure
    /// and list does too.
    pub fn signed_on(&self) -> Option<NaiveDate> {
        self.front.dates.signed()
    }

    /// The year signed: the one year list an agreement belongs to. An
    /// agreement not signed belongs to none.
    pub fn year_signed(&self) -> Option<i32> {
        self.signed_on().map(|d| d.year())
    }

    /// The latest stage reached and its date: the signing once signed,
    /// else the stage the agreement is at, so a date is never shown as a
    /// signing date when there was none.
    pub fn milestone(&self) -> Option<(Stage, NaiveDate)> {
        self.front
            .dates
            .stages()
            .last()
            .map(|(stage, date)| (stage, date.value))
    }

    /// The date of [`Agreement::milestone`]: the order of "newest first".
    pub fn milestone_date(&self) -> Option<NaiveDate> {
        self.milestone().map(|(_, date)| date)
    }

    /// The days that give its unit, and every unit above, a report for
    /// their period: its signing, its activities and its evaluations. A
    /// period with none of them has nothing to report.
    pub fn reported_days(&self) -> impl Iterator<Item = NaiveDate> + '_ {
        let front = &self.front;
        front
            .dates
            .signed()
            .into_iter()
            .chain(front.activities.iter().map(|a| a.date.value))
            .chain(front.evaluations.iter().map(|e| e.date.value))
    }

    /// The partner categories the agreement counts under, each once and
    /// in the order of the content format.
    pub fn partner_categories(&self) -> Vec<Category> {
        let mut categories: Vec<Category> =
            self.front.partners.iter().map(|p| p.category).collect();
        categories.sort_by_key(|c| Category::ALL.iter().position(|k| k == c));
        categories.dedup();
        categories
    }
}

/// The headline figures of a set of agreements: the home page, every
/// unit's roll-up, every partner and `pakta check`'s summary.
#[derive(Debug, Serialize, Default, Clone, Copy, PartialEq, Eq)]
pub struct HeadlineFigures {
    /// Every agreement in the set.
    pub total: usize,
    /// In force today: `active` or `expiring`.
    pub in_force: usize,
    /// Signed in today's calendar year.
    pub signed_this_year: usize,
    /// Status `expiring`.
    pub expiring: usize,
    /// Status `expired` (ended without a renewal).
    pub expired: usize,
    /// Flagged `needs-pks`.
    pub needs_pks: usize,
    /// Flagged `no-activity`.
    pub no_activity: usize,
    /// Flagged `not-evaluated`.
    pub not_evaluated: usize,
}

impl HeadlineFigures {
    /// Counts one more agreement, as of `today`.
    pub fn add(&mut self, a: &Agreement, today: NaiveDate) {
        self.total += 1;
        let status = a.status();
        self.in_force += usize::from(status.in_force());
        self.signed_this_year += usize::from(a.year_signed() == Some(today.year()));
        self.expiring += usize::from(status == Status::Expiring);
        self.expired += usize::from(status == Status::Expired);
        let flags = &a.lifecycle.flags;
        self.needs_pks += usize::from(flags.contains(&Flag::NeedsPks));
        self.no_activity += usize::from(flags.contains(&Flag::NoActivity));
        self.not_evaluated += usize::from(flags.contains(&Flag::NotEvaluated));
    }

    /// The figures of `agreements` as of `today`.
    pub fn of<'a>(
        agreements: impl Iterator<Item = &'a Agreement>,
        today: NaiveDate,
    ) -> HeadlineFigures {
        let mut figures = HeadlineFigures::default();
        for a in agreements {
            figures.add(a, today);
        }
        figures
    }

    fn merge(&mut self, other: &HeadlineFigures) {
        self.total += other.total;
        self.in_force += other.in_force;
        self.signed_this_year += other.signed_this_year;
        self.expiring += other.expiring;
        self.expired += other.expired;
        self.needs_pks += other.needs_pks;
        self.no_activity += other.no_activity;
        self.not_evaluated += other.not_evaluated;
    }
}

impl Model {
    /// Each unit's figures over the public agreements of the unit and
    /// every unit below it, by unit position.
    pub fn unit_rollups(&self) -> Vec<HeadlineFigures> {
        let mut total: Vec<HeadlineFigures> = self
            .units
            .iter()
            .map(|u| {
                HeadlineFigures::of(
                    u.agreements
                        .iter()
                        .map(|&i| &self.agreements[i])
                        .filter(|a| a.is_public()),
                    self.today,
                )
            })
            .collect();
        // Units are sorted by path, so every descendant comes after its
        // ancestors: walking backwards adds children before their parents.
        for ix in (0..self.units.len()).rev() {
            if let Some(parent) = self.units[ix].parent {
                let child = total[ix];
                total[parent].merge(&child);
            }
        }
        total
    }
}
