//! The Laporan section: which unit gets a report for which period, where
//! those files live, and the views their templates see. The figures are
//! `pakta_report::compute`'s, the same the `pakta report` command prints.
//!
//! A unit gets a page for a period only when an agreement of its subtree
//! was signed, or had an activity or an evaluation, in it: at 50,000
//! agreements most of the 550 units are quiet in most months, and an empty
//! report says nothing the previous one did not (the unit page shows the
//! standing figures). Recent months (`[reports] months`, ending with the
//! month of today) are reported month by month, earlier ones year by year,
//! for every unit: regencies and cities are the units that report to their
//! province each month. A page lists at most `LIST_LIMIT` agreements,
//! activities or evaluations per table (the unit's data, `report_data`,
//! holds its own and links the units' below).
//!
//! Addresses put the period first (`reports/2026-10/jawa-barat/bandung/`,
//! the root's at `reports/2026-10/`), since a unit folder may itself be
//! named like a year; a unit's list of reports is `reports/units/<unit>/`
//! (the root's is the section's index, `reports/`), with the data of all
//! its reports beside it.

use foldhash::{HashSet, HashSetExt};

use chrono::{Datelike, Months, NaiveDate};
use serde::Serialize;

use super::views::Links;
use pakta_content::i18n::{Lang, Texts};
use pakta_model::{Model, UnitIx};
use pakta_report::{AgreementRef, Month, Period, Report, UNIT_COLUMNS};

/// The report pages of a site, sorted by unit, then by period.
pub(crate) struct ReportPages {
    /// Each page: its unit and period.
    pub pages: Vec<(UnitIx, Period)>,
    /// For each unit, the range of `pages` that are its own.
    pub by_unit: Vec<std::ops::Range<usize>>,
}

/// The periods each unit reports on, from the dates of its subtree's
/// signatures, activities and evaluations up to today: a date later in
/// this month has not happened, and its report would not count it.
pub(crate) fn report_pages(model: &Model, months: u32) -> ReportPages {
    let this_month =
        Month::new(model.today.year(), model.today.month()).expect("today's month is a month");
    let first_monthly = this_month
        .first_day()
        .checked_sub_months(Months::new(months.saturating_sub(1)))
        .unwrap_or(NaiveDate::MIN);
    let period_of = |day: NaiveDate| -> Option<Period> {
        if day > model.today {
            None
        } else if day >= first_monthly {
            Month::new(day.year(), day.month()).map(Period::Month)
        } else {
            Some(Period::Year(day.year()))
        }
    };
    // Each unit's own periods first, then every unit's handed to its
    // parent: a period is added once per unit, not once per agreement and
    // unit above it (at 50,000 agreements that was three quarters of a
    // million insertions into one ordered set, on the first page of every
    // preview rebuild). Units are sorted by path, so every descendant
    // comes after its ancestors: walking backwards hands a unit's periods
    // up only once its own subtree's are in.
    let mut own: Vec<HashSet<Period>> = vec![HashSet::new(); model.units.len()];
    for agreement in model.public_agreements() {
        own[agreement.unit].extend(agreement.reported_days().filter_map(period_of));
    }
    let mut periods: Vec<Vec<Period>> = own.into_iter().map(Vec::from_iter).collect();
    for unit in (0..model.units.len()).rev() {
        let mut subtree = std::mem::take(&mut periods[unit]);
        subtree.sort_unstable();
        subtree.dedup();
        if let Some(parent) = model.units[unit].parent {
            periods[parent].extend_from_slice(&subtree);
        }
        periods[unit] = subtree;
    }
    let pages: Vec<(UnitIx, Period)> = periods
        .iter()
        .enumerate()
        .flat_map(|(unit, periods)| periods.iter().map(move |&period| (unit, period)))
        .collect();
    let by_unit = (0..model.units.len())
        .map(|u| {
            let start = pages.partition_point(|&(v, _)| v < u);
            let end = pages.partition_point(|&(v, _)| v <= u);
            start..end
        })
        .collect();
    ReportPages { pages, by_unit }
}

/// The folder of a unit's report for a period.
pub(crate) fn report_dir(unit_path: &str, period: Period) -> String {
    if unit_path.is_empty() {
        format!("reports/{period}/")
    } else {
        format!("reports/{period}/{unit_path}/")
    }
}

/// The folder of a unit's list of reports.
pub(crate) fn unit_reports_dir(unit_path: &str) -> String {
    if unit_path.is_empty() {
        "reports/".to_string()
    } else {
        format!("reports/units/{unit_path}/")
    }
}

/// What the templates use of the report itself: its name, period and
/// figures, and the sizes of the lists the view shows a part of. Not the
/// whole report: handing a national report's lists to the template
/// engine, for every page, cost more than rendering the page.
#[derive(Serialize)]
pub(crate) struct ReportSummary<'a> {
    unit_name: &'a str,
    month: Period,
    as_of: chrono::NaiveDate,
    /// How many activities and evaluations the period had.
    activity_count: usize,
    evaluation_count: usize,
    changes: &'a [pakta_report::ChangeLine],
    history_note: Option<&'a str>,
    figures: &'a pakta_report::Figures,
}

/// A report as its page on the site and the Markdown of `pakta report`
/// show it: one view for both templates (`report.html`, `report.md`).
#[derive(Serialize)]
pub(crate) struct ReportPage<'a> {
    pub report: ReportSummary<'a>,
    /// The report's heading.
    pub title: String,
    /// A year's report rather than a month's.
    pub year: bool,
    /// The period had not ended when the report was made: it covers the
    /// period up to that day.
    pub in_progress: bool,
    /// The unit's folder, `.` for the root.
    pub unit_path: String,
    /// The prefix of every agreement's address: `<prefix><id>/`.
    pub agreements_base: String,
    /// The unit's page.
    pub unit_href: String,
    /// The unit's list of reports.
    pub reports_href: String,
    pub csv_href: String,
    pub json_href: String,
    /// The events of the period, in the order the page shows them.
    pub events: Vec<AgreementList<'a>>,
    /// The open findings at the period's end, with their agreements.
    pub findings: Vec<AgreementList<'a>>,
    /// The activities and evaluations shown, and whether there are more.
    pub activities: Vec<Shown<'a, pakta_report::ActivityLine>>,
    pub more_activities: bool,
    pub evaluations: Vec<Shown<'a, pakta_report::EvaluationLine>>,
    pub more_evaluations: bool,
    /// The breakdowns of the standing figures: a heading's key, then each
    /// value's label key and count.
    pub figures: [(&'static str, Vec<(String, usize)>); 3],
    /// The label keys of the unit table's columns after the name.
    pub columns: Vec<&'static str>,
    /// The unit table: the whole subtree, the unit's own agreements, then
    /// each unit directly below with its report for the same period when
    /// it has one.
    pub total: Vec<String>,
    pub own: Vec<String>,
    pub units: Vec<UnitReportLink>,
}

/// A line of a report's table with its agreement's id as the page names
/// it: below the report's unit, relative to the unit's folder (the page
/// says the unit), else whole.
#[derive(Serialize)]
pub(crate) struct Shown<'a, T> {
    #[serde(flatten)]
    pub line: &'a T,
    /// The id as shown.
    pub short: &'a str,
}

/// One list of agreements on a report: a label, how many, the agreements
/// shown, and whether the list goes on in the data.
#[derive(Serialize)]
pub(crate) struct AgreementList<'a> {
    pub label: &'static str,
    pub count: usize,
    pub agreements: Vec<Shown<'a, AgreementRef>>,
    pub more: bool,
}

impl<'a> AgreementList<'a> {
    fn new(
        label: &'static str,
        list: &'a [AgreementRef],
        limit: usize,
        folder: &str,
    ) -> AgreementList<'a> {
        AgreementList {
            label,
            count: list.len(),
            agreements: list[..list.len().min(limit)]
                .iter()
                .map(|a| Shown {
                    line: a,
                    short: short_id(&a.id, folder),
                })
                .collect(),
            more: list.len() > limit,
        }
    }
}

/// `id` relative to the unit folder `folder` (`""` for the root, whose
/// agreements' ids are already relative to it), when it is below it.
fn short_id<'a>(id: &'a str, folder: &str) -> &'a str {
    if folder.is_empty() {
        return id;
    }
    id.strip_prefix(folder)
        .and_then(|rest| rest.strip_prefix('/'))
        .unwrap_or(id)
}

/// The first `limit` lines of `list` with the ids they show, and whether
/// it has more.
fn shown<'a, T>(
    list: &'a [T],
    limit: usize,
    folder: &str,
    id: impl Fn(&T) -> &str,
) -> (Vec<Shown<'a, T>>, bool) {
    let (lines, more) = first(list, limit);
    let lines = lines
        .iter()
        .map(|line| Shown {
            line,
            short: short_id(id(line), folder),
        })
        .collect();
    (lines, more)
}

/// A unit's line in the breakdown of a report.
#[derive(Serialize)]
pub(crate) struct UnitReportLink {
    pub name: String,
    pub href: Option<String>,
    pub cells: Vec<String>,
}

/// How much of a report's lists a view shows.
#[derive(Clone, Copy)]
pub(crate) enum ListLength {
    /// At most `LIST_LIMIT` rows per list, the rest in the data (the site).
    Limited,
    /// Every row (the Markdown of `pakta report`).
    Whole,
}

impl ReportPages {
    /// Whether `unit` has a report for `period`.
    pub(crate) fn has(&self, unit: UnitIx, period: Period) -> bool {
        self.pages[self.by_unit[unit].clone()]
            .binary_search_by(|(_, p)| p.cmp(&period))
            .is_ok()
    }

    /// The view of a computed report.
    pub(crate) fn page<'a>(
        &self,
        model: &Model,
        links: &Links,
        texts: &Texts,
        lang: Lang,
        (unit, report): (UnitIx, &'a Report),
        length: ListLength,
    ) -> ReportPage<'a> {
        let period = report.month;
        let limit = match length {
            ListLength::Limited => LIST_LIMIT,
            ListLength::Whole => usize::MAX,
        };
        let data_dir = format!("{}{}", links.base, unit_reports_dir(&report.unit));
        let mut children = model.units[unit].children.clone();
        children.sort_by(|a, b| model.units[*a].path.cmp(&model.units[*b].path));
        // `report.units` is sorted by path too, one line per child.
        let units = report
            .units
            .iter()
            .zip(children)
            .map(|(line, child)| UnitReportLink {
                name: line.name.clone(),
                href: self.has(child, period).then(|| {
                    format!(
                        "{}{}",
                        links.base,
                        report_dir(&model.units[child].path, period)
                    )
                }),
                cells: line.cells(),
            })
            .collect();
        let folder = report.unit.as_str();
        let (activities, more_activities) =
            shown(&report.activities, limit, folder, |a| &a.agreement);
        let (evaluations, more_evaluations) =
            shown(&report.evaluations, limit, folder, |e| &e.agreement);
        ReportPage {
            report: ReportSummary {
                unit_name: &report.unit_name,
                month: period,
                as_of: report.as_of,
                activity_count: report.activities.len(),
                evaluation_count: report.evaluations.len(),
                changes: &report.changes,
                history_note: report.history_note.as_deref(),
                figures: &report.figures,
            },
            title: report.title(texts, lang),
            year: matches!(period, Period::Year(_)),
            in_progress: report.in_progress(),
            unit_path: if report.unit.is_empty() {
                ".".to_string()
            } else {
                report.unit.clone()
            },
            agreements_base: links.base.clone(),
            unit_href: links.unit(&report.unit),
            reports_href: format!("{}{}", links.base, unit_reports_dir(&report.unit)),
            csv_href: format!("{data_dir}report.csv"),
            json_href: format!("{data_dir}report.json"),
            events: report
                .events()
                .into_iter()
                .map(|(label, list)| AgreementList::new(label, list, limit, folder))
                .collect(),
            findings: report
                .findings
                .entries()
                .into_iter()
                .map(|(label, list)| AgreementList::new(label, list, limit, folder))
                .collect(),
            activities,
            more_activities,
            evaluations,
            more_evaluations,
            figures: report.figures.breakdowns(),
            columns: UNIT_COLUMNS.iter().map(|c| c.label).collect(),
            total: report.total.cells(),
            own: report.own.cells(),
            units,
        }
    }

    /// A unit's list of reports, newest first.
    pub(crate) fn unit_list(&self, model: &Model, links: &Links, unit: UnitIx) -> UnitReports {
        let path = &model.units[unit].path;
        let mut periods: Vec<PeriodLink> = self.pages[self.by_unit[unit].clone()]
            .iter()
            .map(|&(_, period)| PeriodLink {
                name: period.to_string(),
                href: format!("{}{}", links.base, report_dir(path, period)),
            })
            .collect();
        periods.reverse();
        UnitReports {
            name: model.units[unit].name.clone(),
            unit_href: links.unit(path),
            periods,
            units: Vec::new(),
        }
    }

    /// The section's index: the root's reports and every unit that has any.
    pub(crate) fn index(&self, model: &Model, links: &Links, root: UnitIx) -> UnitReports {
        let mut index = self.unit_list(model, links, root);
        let mut units: Vec<(&str, UnitLink)> = (0..model.units.len())
            .filter(|&u| u != root && !self.by_unit[u].is_empty())
            .map(|u| {
                let unit = &model.units[u];
                (
                    unit.path.as_str(),
                    UnitLink {
                        name: unit.name.clone(),
                        href: format!("{}{}", links.base, unit_reports_dir(&unit.path)),
                    },
                )
            })
            .collect();
        units.sort_by(|a, b| a.0.cmp(b.0));
        index.units = units.into_iter().map(|(_, link)| link).collect();
        index
    }

    /// The unit's newest report, for its unit page.
    pub(crate) fn latest(&self, model: &Model, links: &Links, unit: UnitIx) -> Option<PeriodLink> {
        let range = self.by_unit[unit].clone();
        let &(_, period) = self.pages[range].last()?;
        Some(PeriodLink {
            name: period.to_string(),
            href: format!(
                "{}{}",
                links.base,
                report_dir(&model.units[unit].path, period)
            ),
        })
    }
}

/// How many rows a table of a report page shows at most.
pub(crate) const LIST_LIMIT: usize = 50;

/// A list's first `limit` items, and whether it has more.
fn first<T>(list: &[T], limit: usize) -> (&[T], bool) {
    (&list[..list.len().min(limit)], list.len() > limit)
}

/// A unit's reports (or, for the section's index, the root's and every
/// unit's).
#[derive(Serialize)]
pub(crate) struct UnitReports {
    pub name: String,
    pub unit_href: String,
    /// Newest first.
    pub periods: Vec<PeriodLink>,
    /// Units with reports, by path (on the section's index only).
    pub units: Vec<UnitLink>,
}

/// One report of a unit.
#[derive(Serialize)]
pub(crate) struct PeriodLink {
    /// `YYYY-MM` or `YYYY`.
    pub name: String,
    pub href: String,
}

/// A unit's list of reports.
#[derive(Serialize)]
pub(crate) struct UnitLink {
    pub name: String,
    pub href: String,
}
