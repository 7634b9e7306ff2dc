//! `data/agreements.csv`: one row per public agreement, quoted throughout
//! and safe to open in a spreadsheet (no cell starts a formula).
//!
//! Written by hand rather than with the csv crate on purpose: the format
//! is one fixed header, every cell quoted and the formula guard, which the
//! crate does not provide; a writer that never needs to read or escape
//! anything else is shorter than adapting one that does.

use pakta_model::data::AgreementRecord;

const HEADER: [&str; 16] = [
    "id",
    "title",
    "kind",
    "number",
    "unit",
    "unit_name",
    "stage",
    "status",
    "flags",
    "signed",
    "starts",
    "expires",
    "partners",
    "partner_categories",
    "activities",
    "url",
];

pub(crate) fn agreements(records: &[AgreementRecord], page_url: impl Fn(&str) -> String) -> String {
    let mut out = String::new();
    push_row(&mut out, HEADER.iter().map(|h| h.to_string()));
    for r in records {
        let date = |d: Option<chrono::NaiveDate>| d.map(|d| d.to_string()).unwrap_or_default();
        push_row(
            &mut out,
            [
                r.id.to_string(),
                r.title.to_string(),
                r.kind.to_string(),
                r.number.unwrap_or_default().to_string(),
                r.unit.to_string(),
                r.unit_name.to_string(),
                r.stage.to_string(),
                r.status.to_string(),
                r.flags.join(" "),
                date(r.dates.signed),
                date(r.starts),
                date(r.expires),
                r.partners
                    .iter()
                    .map(|p| p.name)
                    .collect::<Vec<_>>()
                    .join("; "),
                r.partners
                    .iter()
                    .map(|p| p.category)
                    .collect::<Vec<_>>()
                    .join("; "),
                r.activities.len().to_string(),
                page_url(r.id),
            ],
        );
    }
    out
}

/// One CSV row; a cell that a spreadsheet would run as a formula is
/// quoted as text.
pub fn push_row(out: &mut String, cells: impl IntoIterator<Item = String>) {
    for (i, cell) in cells.into_iter().enumerate() {
        if i > 0 {
            out.push(',');
        }
        out.push('"');
        if cell.starts_with(['=', '+', '-', '@', '\t', '\r']) {
            out.push('\'');
        }
        out.push_str(&cell.replace('"', "\"\""));
        out.push('"');
    }
    out.push_str("\r\n");
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cells_never_start_a_formula() {
        let mut out = String::new();
        push_row(
            &mut out,
            [
                "=HYPERLINK(\"x\")".to_string(),
                "@SUM".into(),
                "biasa".into(),
                "-1".into(),
            ],
        );
        assert_eq!(
            out,
            "\"'=HYPERLINK(\"\"x\"\")\",\"'@SUM\",\"biasa\",\"'-1\"\r\n"
        );
    }
}
