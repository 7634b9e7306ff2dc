//! Evaluation analytics (monitoring dan evaluasi): which agreements in
//! force were evaluated lately, what the latest evaluations found, and
//! which obstacles stand in the way. Pure functions of the model and its
//! day; every window is the one the lifecycle flags use, so a figure here
//! never disagrees with a `not-evaluated` flag.

use serde::Serialize;

use chrono::NaiveDate;
use pakta_content::{Category, Evaluation, EvaluationResult, Obstacle, Recommendation};

use crate::lifecycle::sub_months;
use crate::{Agreement, AgreementIx, Model};

/// Evaluations count as recent for this many calendar months, as for the
/// `not-evaluated` flag.
pub const EVALUATION_WINDOW_MONTHS: u32 = 12;

/// Whether any of `dates` falls within the `months` calendar months ending
/// on `today`: from `today − months` to `today`, both inclusive (the
/// lifecycle flags' window). A date after `today` has not happened yet.
pub fn dated_within(
    dates: impl IntoIterator<Item = NaiveDate>,
    months: u32,
    today: NaiveDate,
) -> bool {
    let Some(cutoff) = sub_months(today, months) else {
        return false;
    };
    dates.into_iter().any(|d| cutoff <= d && d <= today)
}

/// The evaluations of an agreement within the evaluation window, in the
/// order written.
pub fn recent_evaluations(a: &Agreement, today: NaiveDate) -> impl Iterator<Item = &Evaluation> {
    let cutoff = sub_months(today, EVALUATION_WINDOW_MONTHS);
    a.front
        .evaluations
        .iter()
        .filter(move |e| cutoff.is_some_and(|c| c <= e.date.value) && e.date.value <= today)
}

/// The agreement's latest evaluation within the window (the last written
/// of those on the latest day): the one that says where it stands now.
pub fn latest_recent_evaluation(a: &Agreement, today: NaiveDate) -> Option<&Evaluation> {
    recent_evaluations(a, today)
        .enumerate()
        .max_by_key(|(i, e)| (e.date.value, *i))
        .map(|(_, e)| e)
}

/// Counts over a set of agreements that add up across units.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
pub struct EvaluationTally {
    /// Agreements by the result of their latest recent evaluation, in
    /// [`EvaluationResult::ALL`] order.
    pub results: [usize; EvaluationResult::ALL.len()],
    /// Recent evaluations naming each obstacle, in [`Obstacle::ALL`] order.
    pub obstacles: [usize; Obstacle::ALL.len()],
    /// Recent evaluations by recommendation, in [`Recommendation::ALL`]
    /// order.
    pub recommendations: [usize; Recommendation::ALL.len()],
}

impl EvaluationTally {
    /// Counts one agreement's recent evaluations, as of `today`.
    pub fn add(&mut self, a: &Agreement, today: NaiveDate) {
        if let Some(latest) = latest_recent_evaluation(a, today) {
            self.results[result_index(latest.result)] += 1;
        }
        for e in recent_evaluations(a, today) {
            for &o in &e.obstacles {
                self.obstacles[obstacle_index(o)] += 1;
            }
            if let Some(r) = e.recommendation {
                self.recommendations[recommendation_index(r)] += 1;
            }
        }
    }

    /// Adds another tally's counts to this one.
    pub fn merge(&mut self, other: &EvaluationTally) {
        add_into(&mut self.results, &other.results);
        add_into(&mut self.obstacles, &other.obstacles);
        add_into(&mut self.recommendations, &other.recommendations);
    }

    /// Agreements with a recent evaluation.
    pub fn evaluated(&self) -> usize {
        self.results.iter().sum()
    }
}

fn add_into<const N: usize>(into: &mut [usize; N], from: &[usize; N]) {
    for (a, b) in into.iter_mut().zip(from) {
        *a += b;
    }
}

fn result_index(r: EvaluationResult) -> usize {
    EvaluationResult::ALL
        .iter()
        .position(|&x| x == r)
        .expect("ALL lists every result")
}

fn obstacle_index(o: Obstacle) -> usize {
    Obstacle::ALL
        .iter()
        .position(|&x| x == o)
        .expect("ALL lists every obstacle")
}

fn recommendation_index(r: Recommendation) -> usize {
    Recommendation::ALL
        .iter()
        .position(|&x| x == r)
        .expect("ALL lists every recommendation")
}

/// One obstacle with how often recent evaluations name it and the
/// agreements whose evaluations do.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ObstacleRank {
    /// The obstacle category.
    pub obstacle: Obstacle,
    /// How many recent evaluations name it.
    pub evaluations: usize,
    /// Sorted by id (the model's order).
    pub agreements: Vec<AgreementIx>,
}

/// The obstacles named by recent evaluations of `agreements`, most
/// frequent first (ties in the format's order); obstacles nobody named are
/// left out.
pub fn ranked_obstacles(
    model: &Model,
    agreements: impl IntoIterator<Item = AgreementIx>,
) -> Vec<ObstacleRank> {
    let mut ranks: Vec<ObstacleRank> = Obstacle::ALL
        .iter()
        .map(|&obstacle| ObstacleRank {
            obstacle,
            evaluations: 0,
            agreements: Vec::new(),
        })
        .collect();
    let mut ixs: Vec<AgreementIx> = agreements.into_iter().collect();
    ixs.sort_unstable();
    for ix in ixs {
        let mut named = [false; Obstacle::ALL.len()];
        for e in recent_evaluations(&model.agreements[ix], model.today) {
            for &o in &e.obstacles {
                let i = obstacle_index(o);
                ranks[i].evaluations += 1;
                named[i] = true;
            }
        }
        for (i, _) in named.iter().enumerate().filter(|(_, n)| **n) {
            ranks[i].agreements.push(ix);
        }
    }
    ranks.retain(|r| r.evaluations > 0);
    // A stable sort keeps the format's order among equals.
    ranks.sort_by_key(|r| std::cmp::Reverse(r.evaluations));
    ranks
}

/// The results of the latest recent evaluations by partner category: an
/// agreement with partners of two categories counts under both, as in the
/// monthly report. Categories without an evaluated agreement are left out.
pub fn results_by_category(
    model: &Model,
    agreements: impl IntoIterator<Item = AgreementIx>,
) -> Vec<(Category, [usize; EvaluationResult::ALL.len()])> {
    let mut by_category = vec![[0usize; EvaluationResult::ALL.len()]; Category::ALL.len()];
    for ix in agreements {
        let a = &model.agreements[ix];
        let Some(latest) = latest_recent_evaluation(a, model.today) else {
            continue;
        };
        for (c, counts) in Category::ALL.iter().zip(by_category.iter_mut()) {
            if a.front.partners.iter().any(|p| p.category == *c) {
                counts[result_index(latest.result)] += 1;
            }
        }
    }
    Category::ALL
        .iter()
        .copied()
        .zip(by_category)
        .filter(|(_, counts)| counts.iter().sum::<usize>() > 0)
        .collect()
}

#[cfg(test)]
mod tests;
