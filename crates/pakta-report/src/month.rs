//! A calendar month as `--month` names it: `YYYY-MM`.

use std::fmt;
use std::str::FromStr;

use chrono::{Datelike, NaiveDate};

/// A calendar month.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Month {
    first: NaiveDate,
}

impl Month {
    /// The month `month` (1 to 12) of `year`, if the calendar has it.
    pub fn new(year: i32, month: u32) -> Option<Month> {
        NaiveDate::from_ymd_opt(year, month, 1).map(|first| Month { first })
    }

    /// The month's first day.
    pub fn first_day(self) -> NaiveDate {
        self.first
    }

    /// The day a monthly report is computed for.
    pub fn last_day(self) -> NaiveDate {
        self.first
            .checked_add_months(chrono::Months::new(1))
            .and_then(|next| next.pred_opt())
            .unwrap_or(NaiveDate::MAX)
    }

    /// Whether `day` falls in the month.
    pub fn contains(self, day: NaiveDate) -> bool {
        self.first <= day && day <= self.last_day()
    }

    /// The month's year.
    pub fn year(self) -> i32 {
        self.first.year()
    }

    /// 1 to 12.
    pub fn number(self) -> u32 {
        self.first.month()
    }
}

impl fmt::Display for Month {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:04}-{:02}", self.first.year(), self.first.month())
    }
}

impl FromStr for Month {
    type Err = String;

    fn from_str(text: &str) -> Result<Month, String> {
        let wrong = || format!("\"{text}\" is not a month; write it as YYYY-MM, e.g. 2026-03");
        let (year, month) = text.trim().split_once('-').ok_or_else(wrong)?;
        let digits = |s: &str, n: usize| s.len() == n && s.bytes().all(|b| b.is_ascii_digit());
        if !digits(year, 4) || !digits(month, 2) {
            return Err(wrong());
        }
        let year: i32 = year.parse().map_err(|_| wrong())?;
        let month: u32 = month.parse().map_err(|_| wrong())?;
        if !(1..=12).contains(&month) {
            return Err(format!(
                "\"{text}\" has no month {month}; months run from 01 to 12"
            ));
        }
        Month::new(year, month).ok_or_else(wrong)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(text: &str) -> NaiveDate {
        text.parse().expect("a date")
    }

    #[test]
    fn a_month_runs_from_its_first_to_its_last_day() {
        let february: Month = "2028-02".parse().expect("valid");
        assert_eq!(february.first_day(), day("2028-02-01"));
        assert_eq!(february.last_day(), day("2028-02-29"));
        let december: Month = "2026-12".parse().expect("valid");
        assert_eq!(december.last_day(), day("2026-12-31"));
        assert!(december.contains(day("2026-12-31")));
        assert!(!december.contains(day("2027-01-01")));
        assert!(!december.contains(day("2026-11-30")));
        assert_eq!(december.to_string(), "2026-12");
    }

    #[test]
    fn malformed_months_are_refused_with_the_expected_form() {
        for bad in ["2026-3", "2026/03", "26-03", "2026-03-01", "", "maret"] {
            let error = bad.parse::<Month>().expect_err(bad);
            assert!(error.contains("YYYY-MM"), "{bad}: {error}");
        }
        let error = "2026-13".parse::<Month>().expect_err("no month 13");
        assert!(error.contains("01 to 12"), "{error}");
    }
}
