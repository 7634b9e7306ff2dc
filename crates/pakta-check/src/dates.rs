//! The lifecycle dates of one agreement must tell a possible story.

use chrono::NaiveDate;

use pakta_content::FrontMatter;
use pakta_content::diagnostics::{Diagnostic, Diagnostics, SourceFile, Spanned};
use pakta_content::message::Message;
use pakta_content::term::expiry;

/// `today` is the day statuses are computed for: a date after it has not
/// happened yet.
pub(crate) fn check(file: &SourceFile, front: &FrontMatter, today: NaiveDate) -> Diagnostics {
    let mut out = Diagnostics::new();
    let dates = &front.dates;

    // Each stage against the latest-dated stage before it, so that one
    // misplaced date is reported once and every misplaced date is reported.
    let mut latest: Option<(&str, NaiveDate)> = None;
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
            latest = Some((stage.code(), date.value));
        }
    }

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

    after_today(file, front, today, &mut out);

    let Some(signed) = &dates.signed else {
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
        return out;
    };

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
    out
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
    Message::new("stage-order.help")
        .term("planning", "stage", "planning")
        .term("drafting", "stage", "drafting")
        .term("negotiation", "stage", "negotiation")
        .term("approval", "stage", "approval")
        .term("signed", "stage", "signed")
}
