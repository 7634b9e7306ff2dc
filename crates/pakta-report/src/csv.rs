//! The report as CSV: its numbers per unit, for a spreadsheet. The first
//! row after the header is the whole subtree, then the unit's own
//! agreements, then one row per unit directly below; the own row and the
//! rows below add up to the first, column by column.

use super::{Report, UNIT_COLUMNS, UnitLine};
use pakta_content::csv::push_row;
use pakta_content::i18n::Texts;

/// The report's numbers as CSV, its header in the language of `texts`.
pub fn render(report: &Report, texts: &Texts) -> String {
    let mut out = header(texts);
    out.push_str(&rows(report, texts));
    out
}

/// The header row of a report's CSV, in the language of `texts`: the
/// site's CSV of a unit's every period has one.
pub fn header(texts: &Texts) -> String {
    let mut out = String::new();
    let header = ["report-month", "report-unit-path", "report-unit"]
        .into_iter()
        .chain(UNIT_COLUMNS.iter().map(|c| c.label))
        .map(|key| texts.text(key).to_string());
    push_row(&mut out, header);
    out
}

/// The report's rows of its CSV, without the header.
pub fn rows(report: &Report, texts: &Texts) -> String {
    let mut out = String::new();
    let own_name = format!("{} ({})", report.own.name, texts.text("report-own"));
    let month = report.month.to_string();
    push_row(&mut out, row(&month, &report.total.name, &report.total));
    push_row(&mut out, row(&month, &own_name, &report.own));
    for line in &report.units {
        push_row(&mut out, row(&month, &line.name, line));
    }
    out
}

fn row(month: &str, name: &str, line: &UnitLine) -> Vec<String> {
    let mut cells = vec![month.to_string(), line.unit.clone(), name.to_string()];
    cells.extend(line.cells());
    cells
}
