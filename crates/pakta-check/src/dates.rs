//! The lifecycle dates of one agreement must tell a possible story.

use chrono::NaiveDate;

use pakta_content::diagnostics::{Diagnostic, Diagnostics, SourceFile, Spanned};
use pakta_content::message::Message;
use pakta_content::term::expiry;
use pakta_content::{Dates, FrontMatter, Stage};

/// Every date rule, each a function of its own. `today` is the day
/// statuses are computed for: a date after it has not happened yet.
///
/// The term and the follow-up are measured from the signing day, so
/// their rules take it as an argument and run only for a signed
/// agreement; an unsigned one is instead told that a term needs a
/// signing day first (a draft has no term, and its activities and
/// evaluations have no signing day to precede).
pub(crate) fn check(file: &SourceFile, front: &FrontMatter, today: NaiveDate) -> Diagnostics {
    let mut out = Diagnostics::new();
    stage_order(file, &front.dates, &mut out);
    period_order(file, front, &mut out);
    period_after_evaluation(file, front, &mut out);
    after_today(file, front, today, &mut out);
    match &front.dates.signed {
        None => term_without_signed(file, &front.dates, &mut out),
        Some(signed) => {
            starts_before_signed(file, &front.dates, signed, &mut out);
            expires_before_start(file, &front.dates, signed, &mut out);
            expires_and_duration(file, &front.dates, &mut out);
            no_expiry(file, &front.dates, signed, &mut out);
            dated_before_signed(file, front, signed, &mut out);
        }
    }
    out
}

/// Each stage against the latest-dated stage before it, so that one
/// misplaced date is reported once and every misplaced date is reported.
fn stage_order(file: &SourceFile, dates: &Dates, out: &mut Diagnostics) {
    let mut latest: Option<(Stage, NaiveDate)> = None;
    for (stage, date) in dates.stages() {
        if let Some((earlier, earlier_date)) = latest
            && date.value < earlier_date
        {
            out.push(
                Diagnostic::error(
                    file,
                    date.span.clone(),
                    "stage-order",
                    Message::new("stage-order")
                        .arg("stage", stage)
                        .arg("date", date.value)
                        .arg("earlier", earlier)
                        .arg("earlier_date", earlier_date),
                )
                .with_help(stage_order_help()),
            );
        }
        if latest.is_none_or(|(_, d)| date.value >= d) {
            latest = Some((stage, date.value));
        }
    }
}

/// An evaluation's period ends on or after the day it starts.
fn period_order(file: &SourceFile, front: &FrontMatter, out: &mut Diagnostics) {
    for period in front.evaluations.iter().filter_map(|e| e.period.as_ref()) {
        if period.to.value < period.from.value {
            out.push(
                Diagnostic::error(
                    file,
                    period.to.span.clone(),
                    "period-order",
                    Message::new("period-order")
                        .arg("to", period.to.value)
                        .arg("from", period.from.value),
                )
                .with_help(Message::new("period-order.help")),
            );
        }
    }
}

/// An evaluation looks back: its period ends by the day it was made.
fn period_after_evaluation(file: &SourceFile, front: &FrontMatter, out: &mut Diagnostics) {
    for evaluation in &front.evaluations {
        if let Some(period) = &evaluation.period
            && period.to.value > evaluation.date.value
        {
            out.push(
                Diagnostic::warning(
                    file,
                    period.to.span.clone(),
                    "period-after-evaluation",
                    Message::new("period-after-evaluation")
                        .arg("to", period.to.value)
                        .arg("date", evaluation.date.value),
                )
                .with_help(Message::new("period-after-evaluation.help")),
            );
        }
    }
}

/// Without a signing day there is no term: `starts`, `expires` and
/// `duration_months` are each reported.
fn term_without_signed(file: &SourceFile, dates: &Dates, out: &mut Diagnostics) {
    for (name, span) in [
        ("starts", dates.starts.as_ref().map(|d| d.span.clone())),
        ("expires", dates.expires.as_ref().map(|d| d.span.clone())),
        (
            "duration_months",
            dates.duration_months.as_ref().map(|d| d.span.clone()),
        ),
    ] {
        if let Some(span) = span {
            out.push(
                Diagnostic::error(
                    file,
                    span,
                    "date-without-signed",
                    Message::new("date-without-signed").arg("key", name),
                )
                .with_help(Message::new("date-without-signed.help")),
            );
        }
    }
}

/// The term starts on or after the signing day.
fn starts_before_signed(
    file: &SourceFile,
    dates: &Dates,
    signed: &Spanned<NaiveDate>,
    out: &mut Diagnostics,
) {
    if let Some(starts) = &dates.starts
        && starts.value < signed.value
    {
        out.push(Diagnostic::error(
            file,
            starts.span.clone(),
            "starts-before-signed",
            Message::new("starts-before-signed")
                .arg("starts", starts.value)
                .arg("signed", signed.value),
        ));
    }
}

/// The term ends after it starts (`starts`, else the signing day).
fn expires_before_start(
    file: &SourceFile,
    dates: &Dates,
    signed: &Spanned<NaiveDate>,
    out: &mut Diagnostics,
) {
    let starts = dates.starts.as_ref().unwrap_or(signed);
    if let Some(expires) = &dates.expires
        && expires.value <= starts.value
    {
        out.push(Diagnostic::error(
            file,
            expires.span.clone(),
            "expires-before-start",
            Message::new("expires-before-start")
                .arg("expires", expires.value)
                .arg("starts", starts.value),
        ));
    }
}

/// The term's end is given once: `expires` or `duration_months`. Run for
/// signed agreements only: without a signing day both keys are already
/// errors of their own.
fn expires_and_duration(file: &SourceFile, dates: &Dates, out: &mut Diagnostics) {
    if let (Some(_), Some(months)) = (&dates.expires, &dates.duration_months) {
        out.push(
            Diagnostic::error(
                file,
                months.span.clone(),
                "expires-and-duration",
                Message::new("expires-and-duration"),
            )
            .with_help(Message::new("expires-and-duration.help")),
        );
    }
}

/// A signed agreement without an end of its term is in force forever.
fn no_expiry(file: &SourceFile, dates: &Dates, signed: &Spanned<NaiveDate>, out: &mut Diagnostics) {
    if expiry(dates).is_none() && dates.duration_months.is_none() {
        out.push(
            Diagnostic::warning(
                file,
                signed.span.clone(),
                "no-expiry",
                Message::new("no-expiry"),
            )
            .with_help(Message::new("no-expiry.help")),
        );
    }
}

/// Activities and evaluations carry out a signed agreement: one dated
/// before the signing day is most often a wrong date.
fn dated_before_signed(
    file: &SourceFile,
    front: &FrontMatter,
    signed: &Spanned<NaiveDate>,
    out: &mut Diagnostics,
) {
    let before = |message: Message, date: &Spanned<NaiveDate>| {
        Diagnostic::warning(
            file,
            date.span.clone(),
            "dated-before-signed",
            message.arg("date", date.value).arg("signed", signed.value),
        )
    };
    for activity in front
        .activities
        .iter()
        .filter(|a| a.date.value < signed.value)
    {
        out.push(before(
            Message::new("dated-before-signed.activity"),
            &activity.date,
        ));
    }
    for evaluation in front
        .evaluations
        .iter()
        .filter(|e| e.date.value < signed.value)
    {
        out.push(before(
            Message::new("dated-before-signed.evaluation"),
            &evaluation.date,
        ));
    }
}

/// Stages, activities and evaluations record what has happened. One dated
/// later counts as done too early (a `signed` date makes the agreement
/// signed, an activity enters the current month's report), and is most
/// often a wrong year. The term's own dates (`starts`, `expires`,
/// `terminated`) may well lie ahead.
fn after_today(file: &SourceFile, front: &FrontMatter, today: NaiveDate, out: &mut Diagnostics) {
    let warning = |date: &Spanned<NaiveDate>, message: Message| {
        Diagnostic::warning(
            file,
            date.span.clone(),
            "date-after-today",
            message.arg("date", date.value).arg("today", today),
        )
        .with_help(Message::new("date-after-today.help"))
    };
    for (stage, date) in front.dates.stages() {
        if date.value > today {
            out.push(warning(
                date,
                Message::new("date-after-today.stage").arg("stage", stage),
            ));
        }
    }
    for activity in front.activities.iter().filter(|a| a.date.value > today) {
        out.push(warning(
            &activity.date,
            Message::new("date-after-today.activity"),
        ));
    }
    for evaluation in front.evaluations.iter().filter(|e| e.date.value > today) {
        out.push(warning(
            &evaluation.date,
            Message::new("date-after-today.evaluation"),
        ));
    }
}

/// The stages in their order, each with the key an editor writes and the
/// name the site gives it.
fn stage_order_help() -> Message {
    Stage::ALL
        .iter()
        .fold(Message::new("stage-order.help"), |help, stage| {
            help.term(stage.code(), "stage", stage)
        })
}

#[cfg(test)]
mod tests {
    use pakta_content::{Activity, Category, Kind, Partner, Scope};

    use super::*;

    fn day(text: &str) -> Spanned<NaiveDate> {
        Spanned::new(text.parse().expect("a date"), 0..0)
    }

    /// An agreement with an activity, `expires` and `duration_months`,
    /// and the given signing day.
    fn front(signed: Option<&str>) -> FrontMatter {
        FrontMatter {
            title: "Nota".into(),
            kind: Kind::Mou,
            number: None,
            scope: Scope::Domestic,
            topics: Vec::new(),
            summary: None,
            parent: None,
            renews: None,
            amends: None,
            public: true,
            dates: Dates {
                planning: Some(day("2025-01-01")),
                signed: signed.map(day),
                expires: Some(day("2027-01-01")),
                duration_months: Some(Spanned::new(24, 0..0)),
                ..Dates::default()
            },
            partners: vec![Partner {
                name: "Universitas".into(),
                name_span: 0..0,
                category: Category::University,
                signatory: None,
                signatory_title: None,
                number: None,
                website: None,
            }],
            activities: vec![Activity {
                date: day("2025-02-01"),
                title: "Kegiatan bersama".into(),
                activity_type: None,
                description: None,
                output: None,
                benefit: None,
                participants: None,
                url: None,
                evidence: None,
            }],
            evaluations: Vec::new(),
            documents: Vec::new(),
            kind_span: 0..0,
        }
    }

    fn codes(front: &FrontMatter) -> Vec<String> {
        let file = SourceFile::new("agreements/a.md", "");
        let today = "2026-01-01".parse().expect("a date");
        let mut codes: Vec<String> = check(&file, front, today)
            .into_sorted()
            .into_iter()
            .map(|d| d.code.to_string())
            .collect();
        codes.sort();
        codes
    }

    #[test]
    fn a_draft_is_told_its_term_needs_a_signing_day_and_nothing_measured_from_it() {
        assert_eq!(
            codes(&front(None)),
            ["date-without-signed", "date-without-signed"]
        );
    }

    #[test]
    fn a_signed_agreement_is_measured_from_its_signing_day() {
        assert_eq!(
            codes(&front(Some("2025-03-01"))),
            ["dated-before-signed", "expires-and-duration"]
        );
    }
}
