//! When an agreement's term ends, from its dates alone. The check (term
//! after start) and the lifecycle both need it, so it sits below both.

use chrono::{Days, Months, NaiveDate};

use crate::Dates;

/// `months` calendar months later, clamped to the month's last day.
pub fn add_months(date: NaiveDate, months: u32) -> Option<NaiveDate> {
    date.checked_add_months(Months::new(months))
}

/// `days` days earlier.
pub fn sub_days(date: NaiveDate, days: u32) -> Option<NaiveDate> {
    date.checked_sub_days(Days::new(u64::from(days)))
}

/// `dates.expires`, else `starts + duration_months - 1 day`, else none.
pub fn expiry(dates: &Dates) -> Option<NaiveDate> {
    if let Some(expires) = &dates.expires {
        return Some(expires.value);
    }
    let starts = dates.starts.as_ref().or(dates.signed.as_ref())?.value;
    let months = dates.duration_months.as_ref()?.value;
    add_months(starts, months).and_then(|d| sub_days(d, 1))
}
