//! From the model to a [`Report`]: each public agreement of the subtree is
//! looked at once, as it stood at the month's end, and what it contributes
//! is added to the whole and to the line of the child unit it sits under.

use std::collections::HashMap;

use chrono::NaiveDate;

use super::{
    ActivityLine, AgreementRef, ChangeLine, EvaluationLine, Figures, FindingCounts, Findings,
    Period, Report, SCHEMA_VERSION, UnitLine,
};
use pakta_content::Category;
use pakta_load::history::MergedChange;
use pakta_model::{Agreement, AgreementIx, Flag, Model, Status, UnitIx};

/// The report of `unit` for `period` (a month, or a year on the site).
/// `changes` are the period's merged changes from Git, or why there are
/// none.
pub fn compute(
    model: &Model,
    unit: UnitIx,
    period: impl Into<Period>,
    changes: Result<&[MergedChange], &str>,
) -> Report {
    let month = period.into();
    let subtree = model.subtree(unit);
    let line_of_unit = child_lines(model, unit, &subtree);
    let mut report = empty_report(model, unit, month);
    report.history_note = changes.err().map(str::to_string);

    let mut path_to_agreement: HashMap<&str, &Agreement> = HashMap::new();
    for &u in &subtree {
        for &ix in &model.units[u].agreements {
            let agreement = &model.agreements[ix];
            if !agreement.is_public() {
                continue;
            }
            path_to_agreement.insert(&agreement.path, agreement);
            let facts = month_facts(model, ix, month);
            add_to_lists(&mut report, agreement, &facts);
            add_to_line(&mut report.total, agreement, &facts);
            match line_of_unit[&u] {
                Some(i) => add_to_line(&mut report.units[i], agreement, &facts),
                None => add_to_line(&mut report.own, agreement, &facts),
            }
            add_to_figures(&mut report.figures, agreement, &facts);
        }
    }

    if let Ok(changes) = changes {
        for change in changes {
            let mut agreements: Vec<AgreementRef> = change
                .paths
                .iter()
                .filter_map(|p| path_to_agreement.get(p.as_str()).map(|a| named(a)))
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

/// The reports of `units` for one period, in that order, each equal to
/// [`compute`]'s without merged changes (the site's). One pass over the
/// agreements: each one's facts are found once and added to the report of
/// every unit above it that is asked for, instead of once per report.
pub fn compute_period(model: &Model, units: &[UnitIx], period: impl Into<Period>) -> Vec<Report> {
    let period = period.into();
    let mut reports: Vec<Report> = units
        .iter()
        .map(|&unit| empty_report(model, unit, period))
        .collect();
    let mut report_of_unit: Vec<Option<usize>> = vec![None; model.units.len()];
    for (i, &unit) in units.iter().enumerate() {
        report_of_unit[unit] = Some(i);
    }
    // Each unit's line in its parent's report: its place among the
    // parent's children by path, as `empty_report` orders them.
    let mut line_in_parent: Vec<usize> = vec![0; model.units.len()];
    for unit in &model.units {
        let mut children = unit.children.clone();
        children.sort_by(|a, b| model.units[*a].path.cmp(&model.units[*b].path));
        for (line, child) in children.into_iter().enumerate() {
            line_in_parent[child] = line;
        }
    }
    for (ix, agreement) in model.agreements.iter().enumerate() {
        if !agreement.is_public() {
            continue;
        }
        let mut facts = None;
        let mut below: Option<UnitIx> = None;
        let mut unit = Some(agreement.unit);
        while let Some(u) = unit {
            if let Some(i) = report_of_unit[u] {
                let facts = facts.get_or_insert_with(|| month_facts(model, ix, period));
                let report = &mut reports[i];
                add_to_lists(report, agreement, facts);
                add_to_line(&mut report.total, agreement, facts);
                match below {
                    Some(child) => {
                        add_to_line(&mut report.units[line_in_parent[child]], agreement, facts)
                    }
                    None => add_to_line(&mut report.own, agreement, facts),
                }
                add_to_figures(&mut report.figures, agreement, facts);
            }
            below = Some(u);
            unit = model.units[u].parent;
        }
    }
    for report in &mut reports {
        sort_report(report);
    }
    reports
}

/// A report of `unit` for `period` with nothing counted yet: one line per
/// child unit, sorted by path.
fn empty_report(model: &Model, unit: UnitIx, period: Period) -> Report {
    let root = &model.units[unit];
    let line = |unit: &pakta_model::Unit| UnitLine {
        unit: unit.path.clone(),
        name: unit.name.clone(),
        ..UnitLine::default()
    };
    let mut report = Report {
        schema_version: SCHEMA_VERSION,
        unit: root.path.clone(),
        unit_name: root.name.clone(),
        month: period,
        as_of: period.as_of(model.today),
        signed: Vec::new(),
        started: Vec::new(),
        expired: Vec::new(),
        renewed: Vec::new(),
        terminated: Vec::new(),
        activities: Vec::new(),
        evaluations: Vec::new(),
        changes: Vec::new(),
        history_note: None,
        findings: Findings::default(),
        figures: Figures::default(),
        total: line(root),
        own: line(root),
        units: root
            .children
            .iter()
            .map(|&child| line(&model.units[child]))
            .collect(),
    };
    report.units.sort_by(|a, b| a.unit.cmp(&b.unit));
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
    let as_of = month.as_of(model.today);
    let known = agreement.front.dates.known_on(as_of);
    let lifecycle = model.lifecycle_on(ix, &known, as_of);
    let in_month = |d: Option<NaiveDate>| d.is_some_and(|d| month.covers_by(d, as_of));
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
            .filter(|&i| month.covers_by(front.activities[i].date.value, as_of))
            .collect(),
        evaluations: (0..front.evaluations.len())
            .filter(|&i| month.covers_by(front.evaluations[i].date.value, as_of))
            .collect(),
        flags: lifecycle.flags,
    }
}

/// An agreement as reports name it.
fn named(agreement: &Agreement) -> AgreementRef {
    AgreementRef {
        id: agreement.id.clone(),
        title: agreement.front.title.clone(),
    }
}

fn add_to_lists(report: &mut Report, agreement: &Agreement, facts: &MonthFacts) {
    let id = || named(agreement);
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
            agreement: agreement.id.clone(),
            agreement_title: agreement.front.title.clone(),
            date: activity.date.value,
            title: activity.title.clone(),
            activity_type: activity.activity_type.map(|t| t.code()),
            participants: activity.participants,
        });
    }
    for &i in &facts.evaluations {
        let evaluation = &agreement.front.evaluations[i];
        report.evaluations.push(EvaluationLine {
            agreement: agreement.id.clone(),
            agreement_title: agreement.front.title.clone(),
            date: evaluation.date.value,
            result: evaluation.result.code(),
            method: evaluation.method.map(|m| m.code()),
            obstacles: evaluation.obstacles.iter().map(|o| o.code()).collect(),
            recommendation: evaluation.recommendation.map(|r| r.code()),
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
    // Each count is bounded when read, but a total must not wrap however
    // many activities a unit has: it stops at the largest value instead.
    for &i in &facts.activities {
        if let Some(n) = agreement.front.activities[i].participants {
            line.participants = Some(line.participants.unwrap_or(0).saturating_add(n));
            line.participants_recorded += 1;
        }
    }
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

fn add_to_figures(figures: &mut Figures, agreement: &Agreement, facts: &MonthFacts) {
    if !facts.existed {
        return;
    }
    figures.agreements += 1;
    *figures.by_status.entry(facts.status).or_default() += 1;
    *figures.by_kind.entry(agreement.front.kind).or_default() += 1;
    let mut categories: Vec<Category> = agreement
        .front
        .partners
        .iter()
        .map(|p| p.category)
        .collect();
    categories.sort();
    categories.dedup();
    for category in categories {
        *figures.by_category.entry(category).or_default() += 1;
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::Month;

    /// A national repository in small: two provinces, each with two
    /// regencies, and agreements at every level whose signatures,
    /// renewals, terminations, activities and evaluations fall in
    /// different months of 2025 and 2026.
    fn repository() -> std::path::PathBuf {
        let root = std::env::temp_dir().join(format!("pakta-report-period-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&root);
        let write = |rel: &str, text: &str| {
            let path = root.join(rel);
            std::fs::create_dir_all(path.parent().expect("a file has a folder")).unwrap();
            std::fs::write(path, text).unwrap();
        };
        write(
            "agreements/_unit.toml",
            "name = \"KPU RI\"\nlevel = \"national\"\n",
        );
        let mut units = vec![String::new()];
        for province in ["jawa-barat", "jawa-tengah"] {
            write(
                &format!("agreements/{province}/_unit.toml"),
                &format!("name = \"KPU {province}\"\nlevel = \"province\"\n"),
            );
            units.push(province.to_string());
            for regency in ["bandung", "cilacap"] {
                write(
                    &format!("agreements/{province}/{regency}/_unit.toml"),
                    &format!("name = \"KPU {regency}\"\nlevel = \"regency\"\n"),
                );
                units.push(format!("{province}/{regency}"));
            }
        }
        for (n, unit) in units.iter().enumerate() {
            let folder = if unit.is_empty() {
                "agreements".to_string()
            } else {
                format!("agreements/{unit}")
            };
            let id_prefix = if unit.is_empty() {
                String::new()
            } else {
                format!("{unit}/")
            };
            for k in 0..4 {
                let month = (n * 3 + k * 2) % 12 + 1;
                let public = if (n + k) % 7 == 3 { "false" } else { "true" };
                let mut front =
                    format!("title = \"Kerja sama {n}-{k}\"\nkind = \"mou\"\npublic = {public}\n");
                if k == 1 {
                    front.push_str(&format!("renews = \"{id_prefix}2024-mou-{n}-0\"\n"));
                }
                front.push_str(&format!(
                    "\n[dates]\nsigned = 202{}-{month:02}-{:02}\nexpires = 202{}-{:02}-28\n",
                    4 + k % 3,
                    k * 5 + 3,
                    6 + k % 3,
                    (month + k) % 12 + 1
                ));
                if k == 3 {
                    front.push_str("terminated = 2026-05-20\n");
                }
                front.push_str(&format!(
                    "\n[[partners]]\nname = \"Mitra {n}\"\ncategory = \"{}\"\n",
                    ["university", "ngo", "media", "regional-government"][k]
                ));
                for (a, day) in [
                    (0, "2025-03-10"),
                    (1, "2026-03-10"),
                    (2, "2026-0{month}-01"),
                ]
                .iter()
                .take(k + 1)
                {
                    let day = if month > 9 {
                        day.replace("0{month}", &month.to_string())
                    } else {
                        day.replace("{month}", &month.to_string())
                    };
                    front.push_str(&format!(
                        "\n[[activities]]\ndate = {day}\ntitle = \"Kegiatan {a}\"\nparticipants = {}\n",
                        10 * (a + 1)
                    ));
                }
                if k % 2 == 0 {
                    front.push_str(
                        "\n[[evaluations]]\ndate = 2026-03-20\nresult = \"on-track\"\nobstacles = [\"anggaran\"]\n",
                    );
                }
                let year = 2024 + k % 3;
                write(
                    &format!("{folder}/{year}-mou-{n}-{k}.md"),
                    &format!("+++\n{front}+++\n\nTeks.\n"),
                );
            }
        }
        root
    }

    #[test]
    fn a_periods_reports_in_one_pass_equal_each_units_own() {
        let root = repository();
        let analysis = pakta_model::pipeline::analyse(
            &root,
            NaiveDate::from_ymd_opt(2026, 11, 1),
            pakta_load::LoadOptions { bodies: false },
        )
        .expect("the repository loads");
        let _ = std::fs::remove_dir_all(&root);
        assert!(
            !analysis.has_errors(),
            "{:?}",
            analysis
                .diagnostics
                .iter()
                .filter(|d| d.is_error())
                .collect::<Vec<_>>()
        );
        let model = &analysis.model;
        assert_eq!(model.units.len(), 7);
        assert!(model.agreements.len() >= 28);
        let units: Vec<UnitIx> = (0..model.units.len()).rev().collect();
        let mut periods: Vec<Period> = (2024..=2026).map(Period::Year).collect();
        for year in 2025..=2026 {
            periods.extend(
                (1..=12)
                    .filter_map(|m| Month::new(year, m))
                    .map(Period::Month),
            );
        }
        let mut counted = 0;
        let mut owned = 0;
        for period in periods {
            let together = compute_period(model, &units, period);
            for (&unit, report) in units.iter().zip(&together) {
                assert_eq!(
                    report,
                    &compute(model, unit, period, Ok(&[])),
                    "{} {period}",
                    model.units[unit].path
                );
                assert_own_and_units_add_up(report);
                counted += report.total.signed + report.total.activities;
                owned += report.own.agreements;
            }
        }
        assert!(counted > 50, "the fixture's events fall in its periods");
        assert!(
            owned > 0,
            "the fixture's units have agreements of their own"
        );
    }

    /// Every count of `total` is `own`'s plus those of the lines below.
    fn assert_own_and_units_add_up(report: &Report) {
        let number = |cell: &str| -> u64 { cell.parse().unwrap_or(0) };
        let total = report.total.cells();
        let mut sum = vec![0; total.len()];
        for line in std::iter::once(&report.own).chain(&report.units) {
            for (n, cell) in sum.iter_mut().zip(line.cells()) {
                *n += number(&cell);
            }
        }
        for ((column, cell), n) in crate::UNIT_COLUMNS.iter().zip(&total).zip(sum) {
            assert_eq!(
                number(cell),
                n,
                "{} {} {}",
                report.unit,
                report.month,
                column.label
            );
        }
        assert_eq!(
            report.total.participants.is_none(),
            report.total.participants_recorded == 0
        );
    }
}
