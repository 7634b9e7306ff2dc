//! What a report covers: one calendar month (`pakta report --month`, the
//! site's recent months) or one calendar year (the site's earlier years).

use std::fmt;

use chrono::NaiveDate;

use super::Month;

/// A report's period; it names itself `YYYY-MM` or `YYYY`. Periods sort
/// by time: by their first day, then their last.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Period {
    /// One calendar month.
    Month(Month),
    /// One calendar year.
    Year(i32),
}

impl Period {
    /// The period's first day.
    pub fn first_day(self) -> NaiveDate {
        match self {
            Period::Month(month) => month.first_day(),
            Period::Year(year) => NaiveDate::from_ymd_opt(year, 1, 1).unwrap_or(NaiveDate::MIN),
        }
    }

    /// The day a report is computed for: statuses and findings are as of it.
    pub fn last_day(self) -> NaiveDate {
        match self {
            Period::Month(month) => month.last_day(),
            Period::Year(year) => NaiveDate::from_ymd_opt(year, 12, 31).unwrap_or(NaiveDate::MAX),
        }
    }

    /// Whether `day` falls in the period.
    pub fn contains(self, day: NaiveDate) -> bool {
        self.first_day() <= day && day <= self.last_day()
    }

    /// The day a report made on `today` is computed for: the period's last
    /// day, or `today` while the period is in progress. A report states
    /// what has happened, not what the dates of a month still running
    /// foretell (an expiry next week, a deadline not yet passed).
    pub fn as_of(self, today: NaiveDate) -> NaiveDate {
        self.last_day().min(today)
    }

    /// Whether `day` falls in the period and on or before `as_of`.
    pub fn covers_by(self, day: NaiveDate, as_of: NaiveDate) -> bool {
        self.contains(day) && day <= as_of
    }
}

impl Ord for Period {
    fn cmp(&self, other: &Period) -> std::cmp::Ordering {
        (self.first_day(), self.last_day()).cmp(&(other.first_day(), other.last_day()))
    }
}

impl PartialOrd for Period {
    fn partial_cmp(&self, other: &Period) -> Option<std::cmp::Ordering> {
        Some(self.cmp(other))
    }
}

/// A period is written as it names itself, as `pakta report --format json`
/// has always written `month`.
impl serde::Serialize for Period {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_str(self)
    }
}

impl From<Month> for Period {
    fn from(month: Month) -> Period {
        Period::Month(month)
    }
}

impl fmt::Display for Period {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Period::Month(month) => month.fmt(f),
            Period::Year(year) => write!(f, "{year:04}"),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_year_runs_from_january_the_first_to_december_the_thirty_first() {
        let year = Period::Year(2024);
        assert_eq!(year.first_day().to_string(), "2024-01-01");
        assert_eq!(year.last_day().to_string(), "2024-12-31");
        assert!(year.contains("2024-02-29".parse().expect("a date")));
        assert!(!year.contains("2025-01-01".parse().expect("a date")));
        assert_eq!(year.to_string(), "2024");
        let month: Month = "2026-03".parse().expect("a month");
        assert_eq!(Period::from(month).to_string(), "2026-03");
        assert_eq!(Period::from(month).last_day().to_string(), "2026-03-31");
        assert!(Period::Year(2025) < Period::from(month));
        assert!(Period::from(month) < Period::Year(2027));
    }

    #[test]
    fn a_period_in_progress_is_reported_up_to_today() {
        let day = |text: &str| text.parse::<NaiveDate>().expect("a date");
        let march = Period::from("2026-03".parse::<Month>().expect("a month"));
        assert_eq!(march.as_of(day("2026-03-20")), day("2026-03-20"));
        assert_eq!(march.as_of(day("2026-04-02")), day("2026-03-31"));
        let as_of = march.as_of(day("2026-03-20"));
        assert!(march.covers_by(day("2026-03-20"), as_of));
        assert!(!march.covers_by(day("2026-03-21"), as_of));
        assert!(!march.covers_by(day("2026-02-28"), as_of));
    }
}
