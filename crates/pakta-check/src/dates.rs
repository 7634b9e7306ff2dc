//! The lifecycle dates of one agreement must tell a possible story.

use chrono::NaiveDate;

use pakta_content::FrontMatter;
use pakta_content::diagnostics::{Diagnostic, Diagnostics, SourceFile, Spanned};
use pakta_content::term::expiry;

pub(crate) fn check(file: &SourceFile, front: &FrontMatter) -> Diagnostics {
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
                    format!(
                        "`{stage}` ({}) is before `{earlier}` ({earlier_date}); the stages must follow each other in time",
                        date.value
                    ),
                )
                .with_help("the order is planning, drafting, negotiation, approval, signed"),
            );
        }
        if latest.is_none_or(|(_, d)| date.value >= d) {
            latest = Some((stage.as_str(), date.value));
        }
    }

    for period in front.evaluations.iter().filter_map(|e| e.period.as_ref()) {
        if period.to.value < period.from.value {
            out.push(
                Diagnostic::error(
                    file,
                    period.to.span.clone(),
                    "period-order",
                    format!(
                        "the evaluated period ends ({}) before it begins ({})",
                        period.to.value, period.from.value
                    ),
                )
                .with_help("write the first day evaluated in `from` and the last in `to`"),
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
                    format!(
                        "the evaluated period ends on {}, after the evaluation itself ({})",
                        period.to.value, evaluation.date.value
                    ),
                )
                .with_help(
                    "an evaluation can only look back: check `to` and the evaluation's `date`",
                ),
            );
        }
    }

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
                        format!("`{name}` is given but the agreement has no `signed` date"),
                    )
                    .with_help("add `signed = YYYY-MM-DD` once it is signed, or remove this key until then"),
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
            format!(
                "`starts` ({}) is before `signed` ({}); an agreement cannot take effect before it is signed",
                starts.value, signed.value
            ),
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
            format!(
                "`expires` ({}) must be after the agreement starts ({})",
                expires.value, starts.value
            ),
        ));
    }
    if let (Some(_), Some(months)) = (&dates.expires, &dates.duration_months) {
        out.push(
            Diagnostic::error(
                file,
                months.span.clone(),
                "expires-and-duration",
                "both `expires` and `duration_months` are given".into(),
            )
            .with_help("keep one of them: the exact last day (`expires`) or the length in months"),
        );
    }
    if expiry(dates).is_none() && dates.duration_months.is_none() {
        out.push(
            Diagnostic::warning(
                file,
                signed.span.clone(),
                "no-expiry",
                "this signed agreement has no end date, so it counts as open-ended".into(),
            )
            .with_help("add `expires = YYYY-MM-DD` or `duration_months = N` to [dates] if the agreement has a term"),
        );
    }
    let before = |what: &str, date: &Spanned<NaiveDate>| {
        Diagnostic::warning(
            file,
            date.span.clone(),
            "dated-before-signed",
            format!(
                "this {what} is dated {}, before the agreement was signed ({})",
                date.value, signed.value
            ),
        )
    };
    for activity in front
        .activities
        .iter()
        .filter(|a| a.date.value < signed.value)
    {
        out.push(before("activity", &activity.date));
    }
    for evaluation in front
        .evaluations
        .iter()
        .filter(|e| e.date.value < signed.value)
    {
        out.push(before("evaluation", &evaluation.date));
    }
    out
}
