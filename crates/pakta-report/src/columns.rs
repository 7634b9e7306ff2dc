//! The columns of a unit line, defined once for every table that shows
//! unit lines: the CSV, the Markdown report and the site's report page.

use super::UnitLine;

/// One column of a unit line.
pub struct UnitColumn {
    /// The header's label key in the catalogs.
    pub label: &'static str,
    /// The cell: a count, or blank for a figure not recorded.
    pub cell: fn(&UnitLine) -> String,
}

/// The columns of a unit line after the unit's name, in the order every
/// table shows them.
pub const UNIT_COLUMNS: &[UnitColumn] = &[
    UnitColumn {
        label: "report-agreements",
        cell: |l| l.agreements.to_string(),
    },
    UnitColumn {
        label: "report-in-force",
        cell: |l| l.in_force.to_string(),
    },
    UnitColumn {
        label: "report-signed",
        cell: |l| l.signed.to_string(),
    },
    UnitColumn {
        label: "report-started",
        cell: |l| l.started.to_string(),
    },
    UnitColumn {
        label: "report-expired",
        cell: |l| l.expired.to_string(),
    },
    UnitColumn {
        label: "report-renewed",
        cell: |l| l.renewed.to_string(),
    },
    UnitColumn {
        label: "report-terminated",
        cell: |l| l.terminated.to_string(),
    },
    UnitColumn {
        label: "report-activities",
        cell: |l| l.activities.to_string(),
    },
    UnitColumn {
        label: "report-participants",
        cell: |l| l.participants.map_or(String::new(), |n| n.to_string()),
    },
    UnitColumn {
        label: "report-participants-recorded",
        cell: |l| l.participants_recorded.to_string(),
    },
    UnitColumn {
        label: "report-evaluations",
        cell: |l| l.evaluations.to_string(),
    },
    UnitColumn {
        label: "flag-needs-pks",
        cell: |l| l.findings.needs_pks.to_string(),
    },
    UnitColumn {
        label: "flag-no-activity",
        cell: |l| l.findings.no_activity.to_string(),
    },
    UnitColumn {
        label: "flag-not-evaluated",
        cell: |l| l.findings.not_evaluated.to_string(),
    },
    UnitColumn {
        label: "flag-expiring",
        cell: |l| l.findings.expiring.to_string(),
    },
    UnitColumn {
        label: "flag-expired",
        cell: |l| l.findings.expired.to_string(),
    },
];

impl UnitLine {
    /// The line's cells, one per [`UNIT_COLUMNS`] entry.
    pub fn cells(&self) -> Vec<String> {
        UNIT_COLUMNS.iter().map(|c| (c.cell)(self)).collect()
    }
}
