//! A unit's report data on the site: one `report.json` and one
//! `report.csv` beside its list of reports (`reports/units/<unit>/`, the
//! root's in `reports/`), holding every period the unit reports on.
//!
//! A period's entry in the JSON lists only the records of the unit's own
//! agreements (those in its folder, not below it) and links the data of
//! the units directly below, instead of repeating the whole subtree's
//! records at every level: at 50,000 agreements the national report's
//! lists alone were megabytes a period. The counts (`total`, `own`,
//! `units`, `figures`) still cover the subtree. The CSV is the report's
//! CSV for every period, under one header.

use serde::Serialize;

use pakta_content::i18n::Texts;
use pakta_model::{Model, UnitIx};
use pakta_report::{
    ActivityLine, AgreementRef, ChangeLine, EvaluationLine, Figures, Period, Report, UnitLine,
};

/// The version of the site's `report.json` (`schema_version`). 3: one
/// file per unit with every period (`periods`), each listing only the
/// unit's own records, and `children` linking the data of the units
/// below; the periods' other fields are those of `pakta report --format
/// json` (version 2), without `findings`.
pub(crate) const SCHEMA_VERSION: u32 = 3;

/// One period of a unit's data, made when its report is computed: the
/// period's entry of the JSON and its rows of the CSV.
pub(crate) struct PeriodData {
    json: Vec<u8>,
    csv: String,
}

/// A period as the site's JSON holds it: the report without the unit's
/// name (said once for the file) and the standing findings' lists (their
/// counts stay in `total`, `own` and `units`; `findings/` publishes
/// them), its records only the unit's own.
#[derive(Serialize)]
struct PeriodEntry<'a> {
    month: Period,
    as_of: chrono::NaiveDate,
    signed: Vec<&'a AgreementRef>,
    started: Vec<&'a AgreementRef>,
    expired: Vec<&'a AgreementRef>,
    renewed: Vec<&'a AgreementRef>,
    terminated: Vec<&'a AgreementRef>,
    activities: Vec<&'a ActivityLine>,
    evaluations: Vec<&'a EvaluationLine>,
    changes: Vec<&'a ChangeLine>,
    history_note: Option<&'a str>,
    figures: &'a Figures,
    total: &'a UnitLine,
    own: &'a UnitLine,
    units: &'a [UnitLine],
}

/// The data of `unit`'s report for one period.
pub(crate) fn period_data<'a>(
    model: &Model,
    unit: UnitIx,
    report: &'a Report,
    texts: &Texts,
) -> PeriodData {
    let own = |id: &str| model.agreement(id).is_some_and(|a| a.unit == unit);
    let refs = |list: &'a [AgreementRef]| -> Vec<&'a AgreementRef> {
        list.iter().filter(|a| own(&a.id)).collect()
    };
    // Destructured, so that a new field of `Report` must be decided on.
    let Report {
        schema_version: _,
        unit: _,
        unit_name: _,
        month,
        as_of,
        signed,
        started,
        expired,
        renewed,
        terminated,
        activities,
        evaluations,
        changes,
        history_note,
        findings: _,
        figures,
        total,
        own: own_line,
        units,
    } = report;
    let entry = PeriodEntry {
        month: *month,
        as_of: *as_of,
        signed: refs(signed),
        started: refs(started),
        expired: refs(expired),
        renewed: refs(renewed),
        terminated: refs(terminated),
        activities: activities.iter().filter(|a| own(&a.agreement)).collect(),
        evaluations: evaluations.iter().filter(|e| own(&e.agreement)).collect(),
        changes: changes
            .iter()
            .filter(|c| c.agreements.iter().any(|a| own(&a.id)))
            .collect(),
        history_note: history_note.as_deref(),
        figures,
        total,
        own: own_line,
        units,
    };
    // Through a `Value`, whose objects keep their keys sorted, as the
    // command's JSON does.
    let value = serde_json::to_value(entry).expect("a report always serialises");
    PeriodData {
        json: serde_json::to_vec(&value).expect("a value always serialises"),
        csv: pakta_report::csv::rows(report, texts),
    }
}

/// A unit below whose data the file links.
#[derive(Serialize)]
pub(crate) struct ChildData {
    /// Its folder path.
    pub unit: String,
    /// Its name.
    pub name: String,
    /// The address of its `report.json`.
    pub json: String,
}

/// A unit's `report.json`: its periods in time order, on one line, keys
/// sorted.
pub(crate) fn unit_json(
    (unit, unit_name): (&str, &str),
    children: &[ChildData],
    periods: &[&PeriodData],
) -> Vec<u8> {
    let mut json = Vec::new();
    json.extend_from_slice(b"{\"children\":");
    let children = serde_json::to_value(children).expect("links always serialise");
    json.extend(serde_json::to_vec(&children).expect("a value always serialises"));
    json.extend_from_slice(b",\"periods\":[");
    for (i, period) in periods.iter().enumerate() {
        if i > 0 {
            json.push(b',');
        }
        json.extend_from_slice(&period.json);
    }
    json.extend_from_slice(format!("],\"schema_version\":{SCHEMA_VERSION},\"unit\":").as_bytes());
    json.extend(serde_json::to_vec(unit).expect("a string always serialises"));
    json.extend_from_slice(b",\"unit_name\":");
    json.extend(serde_json::to_vec(unit_name).expect("a string always serialises"));
    json.extend_from_slice(b"}\n");
    json
}

/// A unit's `report.csv`: one header, then every period's rows in time
/// order.
pub(crate) fn unit_csv(texts: &Texts, periods: &[&PeriodData]) -> Vec<u8> {
    let mut csv = pakta_report::csv::header(texts);
    for period in periods {
        csv.push_str(&period.csv);
    }
    csv.into_bytes()
}
