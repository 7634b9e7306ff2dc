//! The report as CSV: its numbers per unit, for a spreadsheet. The first
//! row after the header is the whole subtree, then one row per unit
//! directly below.

use super::{Report, UnitLine};
use pakta_content::csv::push_row;
use pakta_content::i18n::Texts;

/// The report's numbers as CSV, its header in the language of `texts`.
pub fn render(report: &Report, texts: &Texts) -> String {
    let mut out = String::new();
    let header = [
        "report-month",
        "report-unit-path",
        "report-unit",
        "report-agreements",
        "report-in-force",
        "report-signed",
        "report-started",
        "report-expired",
        "report-renewed",
        "report-terminated",
        "report-activities",
        "report-participants",
        "report-evaluations",
    ]
    .into_iter()
    .map(|key| texts.text(key).to_string())
    .chain(
        report
            .total
            .findings
            .entries()
            .into_iter()
            .map(|(key, _)| texts.text(&format!("flag-{key}")).to_string()),
    );
    push_row(&mut out, header);
    for line in std::iter::once(&report.total).chain(&report.units) {
        push_row(&mut out, row(&report.month.to_string(), line));
    }
    out
}

fn row(month: &str, line: &UnitLine) -> Vec<String> {
    let mut cells = vec![
        month.to_string(),
        line.unit.clone(),
        line.name.clone(),
        line.agreements.to_string(),
        line.in_force.to_string(),
        line.signed.to_string(),
        line.started.to_string(),
        line.expired.to_string(),
        line.renewed.to_string(),
        line.terminated.to_string(),
        line.activities.to_string(),
        line.participants.to_string(),
        line.evaluations.to_string(),
    ];
    cells.extend(line.findings.entries().iter().map(|(_, n)| n.to_string()));
    cells
}
