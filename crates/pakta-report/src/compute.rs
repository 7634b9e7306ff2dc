//! From the model to a [`Report`]: each public agreement of the subtree is
//! looked at once, as it stood at the month's end, and what it contributes
//! is added to the whole and to the line of the child unit it sits under.

use std::collections::HashMap;

use chrono::NaiveDate;

use super::{
    ActivityLine, ChangeLine, EvaluationLine, Figures, FindingCounts, Findings, Period, Report,
    UnitLine,
};
use pakta_content::{Category, Kind};
use pakta_load::history::Change;
use pakta_model::{Agreement, AgreementIx, Flag, Model, Status, UnitIx};

/// The report of `unit` for `period` (a month, or a year on the site).
/// `changes` are the period's merged changes from Git, or why there are
/// none.
pub fn compute(
    model: &Model,
    unit: UnitIx,
    period: impl Into<Period>,
    changes: Result<&[Change], &str>,
) -> Report {
    let month = period.into();
    let as_of = month.last_day();
    let subtree = model.subtree(unit);
    let line_of_unit = child_lines(model, unit, &subtree);
    let root = &model.units[unit];
    let mut report = Report {
        unit: root.path.clone(),
        unit_name: root.name.clone(),
        month: month.to_string(),
        as_of,
        signed: Vec::new(),
        started: Vec::new(),
        expired: Vec::new(),
        renewed: Vec::new(),
        terminated: Vec::new(),
        activities: Vec::new(),
        evaluations: Vec::new(),
        changes: Vec::new(),
        history_note: changes.err().map(str::to_string),
        findings: Findings::default(),
        figures: empty_figures(),
        total: UnitLine {
            unit: root.path.clone(),
            name: root.name.clone(),
            ..UnitLine::default()
        },
        units: model.units[unit]
            .children
            .iter()
            .map(|&child| UnitLine {
                unit: model.units[child].path.clone(),
                name: model.units[child].name.clone(),
                ..UnitLine::default()
            })
            .collect(),
    };
    report.units.sort_by(|a, b| a.unit.cmp(&b.unit));

    let mut path_to_id: HashMap<&str, &str> = HashMap::new();
    for &u in &subtree {
        for &ix in &model.units[u].agreements {
            let agreement = &model.agreements[ix];
            if !agreement.is_public() {
                continue;
            }
            path_to_id.insert(&agreement.path, &agreement.id);
            let facts = month_facts(model, ix, month);
            add_to_lists(&mut report, agreement, &facts);
            add_to_line(&mut report.total, agreement, &facts);
            if let Some(i) = line_of_unit[&u] {
                add_to_line(&mut report.units[i], agreement, &facts);
            }
            add_to_figures(&mut report.figures, agreement, &facts);
        }
    }

    if let Ok(changes) = changes {
        for change in changes {
            let mut agreements: Vec<String> = change
                .paths
                .iter()
                .filter_map(|p| path_to_id.get(p.as_str()).map(|id| id.to_string()))
                .collect();
            if agreements.is_empty() {
                continue;
            }
            agreements.sort();
            report.changes.push(ChangeLine {
                commit: change.commit.clone(),
                date: change.date,
                subject: change.subject.clone(),
                agreements,
            });
        }
    }
    sort_report(&mut report);
    report
}

/// For each unit of the subtree, the position in `Report::units` of the
/// child unit whose subtree holds it; `None` for the report's own unit.
fn child_lines(model: &Model, unit: UnitIx, subtree: &[UnitIx]) -> HashMap<UnitIx, Option<usize>> {
    let mut children: Vec<UnitIx> = model.units[unit].children.clone();
    children.sort_by(|a, b| model.units[*a].path.cmp(&model.units[*b].path));
    let mut lines = HashMap::with_capacity(subtree.len());
    lines.insert(unit, None);
    for (i, &child) in children.iter().enumerate() {
        for u in model.subtree(child) {
            lines.insert(u, Some(i));
        }
    }
    lines
}

/// What one agreement contributes to a month's report.
struct MonthFacts {
    /// A stage was reached by the month's end.
    existed: bool,
    status: Status,
    flags: Vec<Flag>,
    signed: bool,
    started: bool,
    expired: bool,
    renewed: bool,
    terminated: bool,
    activities: Vec<usize>,
    evaluations: Vec<usize>,
}

fn month_facts(model: &Model, ix: AgreementIx, month: Period) -> MonthFacts {
    let agreement = &model.agreements[ix];
    let as_of = month.last_day();
    let known = agreement.front.dates.known_on(as_of);
    let lifecycle = model.lifecycle_on(ix, &known, as_of);
    let in_month = |d: Option<NaiveDate>| d.is_some_and(|d| month.contains(d));
    let signed = known.signed();
    let first_day_out = lifecycle.end.and_then(|end| end.succ_opt());
    let renewal_signed = agreement
        .relations
        .renewed_by
        .iter()
        .filter_map(|&r| model.agreements[r].front.dates.signed())
        .min();
    let front = &agreement.front;
    MonthFacts {
        existed: known.stages().next().is_some(),
        status: lifecycle.status,
        signed: in_month(signed),
        started: signed.is_some() && in_month(lifecycle.starts),
        expired: in_month(first_day_out)
            && matches!(lifecycle.status, Status::Expired | Status::Renewed),
        renewed: in_month(renewal_signed),
        terminated: signed.is_some() && in_month(known.terminated.as_ref().map(|t| t.value)),
        activities: (0..front.activities.len())
            .filter(|&i| month.contains(front.activities[i].date.value))
            .collect(),
        evaluations: (0..front.evaluations.len())
            .filter(|&i| month.contains(front.evaluations[i].date.value))
            .collect(),
        flags: lifecycle.flags,
    }
}

fn add_to_lists(report: &mut Report, agreement: &Agreement, facts: &MonthFacts) {
    let id = || agreement.id.clone();
    for (happened, list) in [
        (facts.signed, &mut report.signed),
        (facts.started, &mut report.started),
        (facts.expired, &mut report.expired),
        (facts.renewed, &mut report.renewed),
        (facts.terminated, &mut report.terminated),
    ] {
        if happened {
            list.push(id());
        }
    }
    for &i in &facts.activities {
        let activity = &agreement.front.activities[i];
        report.activities.push(ActivityLine {
            agreement: id(),
            date: activity.date.value,
            title: activity.title.clone(),
            activity_type: activity.activity_type.map(|t| t.as_str()),
            participants: activity.participants,
        });
    }
    for &i in &facts.evaluations {
        let evaluation = &agreement.front.evaluations[i];
        report.evaluations.push(EvaluationLine {
            agreement: id(),
            date: evaluation.date.value,
            result: evaluation.result.as_str(),
            method: evaluation.method.map(|m| m.as_str()),
            obstacles: evaluation.obstacles.iter().map(|o| o.as_str()).collect(),
            recommendation: evaluation.recommendation.map(|r| r.as_str()),
        });
    }
    let findings = &mut report.findings;
    for flag in &facts.flags {
        match flag {
            Flag::NeedsPks => findings.needs_pks.push(id()),
            Flag::NoActivity => findings.no_activity.push(id()),
            Flag::NotEvaluated => findings.not_evaluated.push(id()),
        }
    }
    match facts.status {
        Status::Expiring => findings.expiring.push(id()),
        Status::Expired => findings.expired.push(id()),
        _ => {}
    }
}

fn add_to_line(line: &mut UnitLine, agreement: &Agreement, facts: &MonthFacts) {
    line.agreements += usize::from(facts.existed);
    line.in_force += usize::from(facts.existed && facts.status.in_force());
    line.signed += usize::from(facts.signed);
    line.started += usize::from(facts.started);
    line.expired += usize::from(facts.expired);
    line.renewed += usize::from(facts.renewed);
    line.terminated += usize::from(facts.terminated);
    line.activities += facts.activities.len();
    line.participants += facts
        .activities
        .iter()
        .filter_map(|&i| agreement.front.activities[i].participants)
        .sum::<u64>();
    line.evaluations += facts.evaluations.len();
    let counts: &mut FindingCounts = &mut line.findings;
    for flag in &facts.flags {
        match flag {
            Flag::NeedsPks => counts.needs_pks += 1,
            Flag::NoActivity => counts.no_activity += 1,
            Flag::NotEvaluated => counts.not_evaluated += 1,
        }
    }
    counts.expiring += usize::from(facts.status == Status::Expiring);
    counts.expired += usize::from(facts.status == Status::Expired);
}

fn empty_figures() -> Figures {
    Figures {
        agreements: 0,
        by_status: Status::ALL.iter().map(|s| (s.as_str(), 0)).collect(),
        by_kind: Kind::ALL.iter().map(|k| (k.as_str(), 0)).collect(),
        by_category: Category::ALL.iter().map(|c| (c.as_str(), 0)).collect(),
    }
}

fn add_to_figures(figures: &mut Figures, agreement: &Agreement, facts: &MonthFacts) {
    if !facts.existed {
        return;
    }
    figures.agreements += 1;
    *figures.by_status.entry(facts.status.as_str()).or_default() += 1;
    *figures
        .by_kind
        .entry(agreement.front.kind.as_str())
        .or_default() += 1;
    let mut categories: Vec<Category> = agreement
        .front
        .partners
        .iter()
        .map(|p| p.category)
        .collect();
    categories.sort();
    categories.dedup();
    for category in categories {
        *figures.by_category.entry(category.as_str()).or_default() += 1;
    }
}

fn sort_report(report: &mut Report) {
    for list in [
        &mut report.signed,
        &mut report.started,
        &mut report.expired,
        &mut report.renewed,
        &mut report.terminated,
        &mut report.findings.needs_pks,
        &mut report.findings.no_activity,
        &mut report.findings.not_evaluated,
        &mut report.findings.expiring,
        &mut report.findings.expired,
    ] {
        list.sort();
    }
    report
        .activities
        .sort_by(|a, b| (a.date, &a.agreement, &a.title).cmp(&(b.date, &b.agreement, &b.title)));
    report
        .evaluations
        .sort_by(|a, b| (a.date, &a.agreement).cmp(&(b.date, &b.agreement)));
    report
        .changes
        .sort_by(|a, b| (a.date, &a.commit).cmp(&(b.date, &b.commit)));
}
