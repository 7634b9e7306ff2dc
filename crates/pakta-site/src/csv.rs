//! `data/agreements.csv`: one row per public agreement, through the
//! shared writer with its formula guard (`pakta_content::csv`).

use pakta_content::csv::push_row;
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
