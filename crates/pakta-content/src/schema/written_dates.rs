//! Dates as people write them outside TOML: day first (`10-06-2024`,
//! `10/06/2024`, `10.06.2024`), with the month's name (`10 Juni 2024`,
//! `10 June 2024`), or the format's own `2024-06-10`. The loader turns the
//! first two into a located message with the rewrite, and a day that does
//! not exist (`2028-02-30`) into one of its own.

use chrono::{Datelike, NaiveDate};

use crate::i18n::Lang;

/// What a text that looks like a date says.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum WrittenDate {
    /// Year, month, day: the content format's own order.
    YearFirst(NaiveDate),
    /// Day first, or with the month's name: the date it means.
    DayFirst(NaiveDate),
    /// Shaped like a date, but the day is not in the calendar.
    Impossible {
        /// The year written.
        year: i32,
        /// The month written (1–12); `None` when no such month exists.
        month: Option<u32>,
    },
}

impl WrittenDate {
    /// The date meant, when the calendar has it.
    pub fn date(self) -> Option<NaiveDate> {
        match self {
            WrittenDate::YearFirst(date) | WrittenDate::DayFirst(date) => Some(date),
            WrittenDate::Impossible { .. } => None,
        }
    }
}

/// Reads `text` (already trimmed of quotes) as a date, or `None` when it
/// does not look like one.
pub fn read_written_date(text: &str) -> Option<WrittenDate> {
    let text = text.trim();
    if let Some(parts) = numeric_parts(text) {
        return match parts {
            (year, month, day, true) => Some(resolve(year, month, day, WrittenDate::YearFirst)),
            (day, month, year, false) => Some(resolve(year, month, day, WrittenDate::DayFirst)),
        };
    }
    let mut words = text.split_whitespace();
    let (day, month, year) = (words.next()?, words.next()?, words.next()?);
    if words.next().is_some() || !is_digits(day, 1..=2) || !is_digits(year, 4..=4) {
        return None;
    }
    let month = month_by_name(month)?;
    Some(resolve(
        year.parse().ok()?,
        month,
        day.parse().ok()?,
        WrittenDate::DayFirst,
    ))
}

/// The last day of `month` in `year`, for a message about a day past it.
pub fn last_day_of_month(year: i32, month: u32) -> Option<u32> {
    let next = if month == 12 {
        NaiveDate::from_ymd_opt(year.checked_add(1)?, 1, 1)?
    } else {
        NaiveDate::from_ymd_opt(year, month + 1, 1)?
    };
    Some(next.pred_opt()?.day())
}

fn resolve(year: u32, month: u32, day: u32, make: fn(NaiveDate) -> WrittenDate) -> WrittenDate {
    let year = i32::try_from(year).unwrap_or(i32::MAX);
    match NaiveDate::from_ymd_opt(year, month, day) {
        Some(date) => make(date),
        None => WrittenDate::Impossible {
            year,
            month: (1..=12).contains(&month).then_some(month),
        },
    }
}

/// Three groups of digits with one separator: `(first, second, third,
/// year_first)`. Year first only with hyphens, as TOML writes it.
fn numeric_parts(text: &str) -> Option<(u32, u32, u32, bool)> {
    let separator = text.chars().find(|c| matches!(c, '-' | '/' | '.'))?;
    let mut parts = text.split(separator);
    let (a, b, c) = (parts.next()?, parts.next()?, parts.next()?);
    if parts.next().is_some() || !is_digits(b, 1..=2) {
        return None;
    }
    if is_digits(a, 4..=4) && is_digits(c, 1..=2) && separator == '-' {
        return Some((a.parse().ok()?, b.parse().ok()?, c.parse().ok()?, true));
    }
    if is_digits(a, 1..=2) && is_digits(c, 4..=4) {
        return Some((a.parse().ok()?, b.parse().ok()?, c.parse().ok()?, false));
    }
    None
}

fn is_digits(text: &str, lengths: std::ops::RangeInclusive<usize>) -> bool {
    lengths.contains(&text.len()) && text.bytes().all(|b| b.is_ascii_digit())
}

/// A month by its name in either language, or the first three letters of
/// it (`Jun`, `Agu`, `Aug`), without case.
fn month_by_name(word: &str) -> Option<u32> {
    let word = word.trim_end_matches('.').to_lowercase();
    if word.chars().count() < 3 {
        return None;
    }
    [Lang::Id, Lang::En].iter().find_map(|lang| {
        lang.month_names()
            .iter()
            .position(|name| {
                let name = name.to_lowercase();
                name == word || (word.chars().count() == 3 && name.starts_with(&word))
            })
            .and_then(|i| u32::try_from(i + 1).ok())
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).unwrap()
    }

    #[test]
    fn reads_the_ways_people_write_a_date() {
        let june_10 = Some(WrittenDate::DayFirst(day(2024, 6, 10)));
        assert_eq!(read_written_date("10-06-2024"), june_10);
        assert_eq!(read_written_date("10/06/2024"), june_10);
        assert_eq!(read_written_date("10.6.2024"), june_10);
        assert_eq!(read_written_date("10 Juni 2024"), june_10);
        assert_eq!(read_written_date("10 june 2024"), june_10);
        assert_eq!(read_written_date("10 Jun 2024"), june_10);
        assert_eq!(
            read_written_date("2024-06-10"),
            Some(WrittenDate::YearFirst(day(2024, 6, 10)))
        );
    }

    #[test]
    fn days_outside_the_calendar_are_impossible() {
        assert_eq!(
            read_written_date("2028-02-30"),
            Some(WrittenDate::Impossible {
                year: 2028,
                month: Some(2)
            })
        );
        assert_eq!(
            read_written_date("31/13/2024"),
            Some(WrittenDate::Impossible {
                year: 2024,
                month: None
            })
        );
        assert_eq!(last_day_of_month(2028, 2), Some(29));
        assert_eq!(last_day_of_month(2027, 12), Some(31));
    }

    #[test]
    fn other_text_is_no_date() {
        for text in [
            "",
            "2024",
            "10-06-24",
            "2024/06/10",
            "Juni 2024",
            "10 Juni 2024 pagi",
            "ab-cd-efgh",
            "1-2-3-4",
        ] {
            assert_eq!(read_written_date(text), None, "{text}");
        }
    }
}
