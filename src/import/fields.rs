//! Typed values as CRM exports spell them: dates, timestamps, yes/no flags, amounts of money
//! and percentages. Each reader takes trimmed, non-empty text and returns `None` when the
//! text is not a value of its kind, so the caller decides what an unreadable value means.

use chrono::{DateTime, FixedOffset, NaiveDate, NaiveDateTime, NaiveTime, Utc};

use super::conventions::{canonical_amount, numeric_date, DateOrder, DecimalMark};
use crate::process::Money;

/// Timestamp layouts with an offset: Salesforce writes `+0000`, others `+00:00`.
const ZONED: [&str; 2] = ["%Y-%m-%dT%H:%M:%S%.f%z", "%Y-%m-%d %H:%M:%S%.f%z"];

/// Timestamp layouts without an offset, read as UTC.
const PLAIN: [&str; 4] = [
    "%Y-%m-%dT%H:%M:%S%.f",
    "%Y-%m-%d %H:%M:%S%.f",
    "%Y-%m-%dT%H:%M",
    "%Y-%m-%d %H:%M",
];

/// A moment in time: an ISO timestamp with `Z`, `+00:00` or `+0000`, a plain
/// `YYYY-MM-DD HH:MM:SS` (taken as UTC), or a bare date (midnight UTC).
pub(super) fn timestamp(text: &str) -> Option<DateTime<Utc>> {
    let text = text.trim();

    if let Some(zoned) = zoned(text) {
        return Some(zoned.with_timezone(&Utc));
    }

    PLAIN
        .iter()
        .find_map(|layout| NaiveDateTime::parse_from_str(text, layout).ok())
        .or_else(|| {
            NaiveDate::parse_from_str(text, "%Y-%m-%d")
                .ok()?
                .and_hms_opt(0, 0, 0)
        })
        .map(|naive| naive.and_utc())
}

/// A calendar date: `YYYY-MM-DD`, or the date part of a timestamp as the file writes it.
pub(super) fn date(text: &str) -> Option<NaiveDate> {
    let text = text.trim();

    if let Ok(date) = NaiveDate::parse_from_str(text, "%Y-%m-%d") {
        return Some(date);
    }

    if let Some(zoned) = zoned(text) {
        return Some(zoned.date_naive());
    }

    PLAIN
        .iter()
        .find_map(|layout| NaiveDateTime::parse_from_str(text, layout).ok())
        .map(|t| t.date())
}

/// A calendar date as [`date`] reads it, or written `DD.MM.YYYY` (always day first) or with
/// slashes in the file's day/month `order`.
pub(super) fn date_in(text: &str, order: Option<DateOrder>) -> Option<NaiveDate> {
    date(text).or_else(|| numeric(text, order).map(|(day, _)| day))
}

/// A moment as [`timestamp`] reads it, or a numeric date as [`date_in`] reads it with an
/// optional `HH:MM` or `HH:MM:SS` after it, taken as UTC.
pub(super) fn timestamp_in(text: &str, order: Option<DateOrder>) -> Option<DateTime<Utc>> {
    timestamp(text).or_else(|| {
        let (day, time) = numeric(text, order)?;
        Some(day.and_time(time).and_utc())
    })
}

/// The date and time of day of a numeric date with an optional time after a space.
fn numeric(text: &str, order: Option<DateOrder>) -> Option<(NaiveDate, NaiveTime)> {
    let (first, second, year, separator) = numeric_date(text)?;
    let order = if separator == '.' {
        DateOrder::DayFirst
    } else {
        order?
    };
    let (day, month) = match order {
        DateOrder::DayFirst => (first, second),
        DateOrder::MonthFirst => (second, first),
    };
    let date = NaiveDate::from_ymd_opt(year, month, day)?;

    let trimmed = text.trim();
    let time = match trimmed.split_once(' ') {
        None => NaiveTime::MIN,
        Some((_, clock)) => ["%H:%M:%S", "%H:%M"]
            .iter()
            .find_map(|layout| NaiveTime::parse_from_str(clock.trim(), layout).ok())?,
    };
    Some((date, time))
}

/// An amount of money read with the file's decimal mark; as [`money`] when the file has none.
pub(super) fn money_in(text: &str, mark: Option<DecimalMark>) -> Option<Money> {
    match mark {
        Some(mark) => canonical_amount(text, mark)?.parse().ok(),
        None => money(text),
    }
}

fn zoned(text: &str) -> Option<DateTime<FixedOffset>> {
    DateTime::parse_from_rfc3339(text).ok().or_else(|| {
        ZONED
            .iter()
            .find_map(|layout| DateTime::parse_from_str(text, layout).ok())
    })
}

/// A yes/no flag: `1`, `true`, `yes`, `y` or `x` for yes; empty, `0`, `false`, `no` or `n`
/// for no, ignoring case.
pub(super) fn flag(text: &str) -> Option<bool> {
    match text.trim().to_lowercase().as_str() {
        "1" | "true" | "yes" | "y" | "x" => Some(true),
        "" | "0" | "false" | "no" | "n" => Some(false),
        _ => None,
    }
}

/// An amount of money, as [`Money`] reads it (`12500`, `12,500.50`, `$ 1,124,741.15`).
pub(super) fn money(text: &str) -> Option<Money> {
    text.parse().ok()
}

/// A percentage from 0 to 100, with or without a `%` sign, rounded to a whole number.
pub(super) fn percent(text: &str) -> Option<u8> {
    let number = text.trim().trim_end_matches('%').trim();
    let value: f64 = number.parse().ok()?;
    if !value.is_finite() || !(0.0..=100.0).contains(&value) {
        return None;
    }
    Some(value.round() as u8)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(text: &str) -> Option<String> {
        timestamp(text).map(|t| t.to_rfc3339())
    }

    #[test]
    fn reads_the_timestamp_spellings_of_the_exports() {
        let expected = Some("2024-01-22T20:36:47+00:00".to_string());
        assert_eq!(at("2024-01-22T20:36:47.000+0000"), expected);
        assert_eq!(at("2024-01-22T20:36:47Z"), expected);
        assert_eq!(at("2024-01-22T20:36:47.000Z"), expected);
        assert_eq!(at("2024-01-22T20:36:47+00:00"), expected);
        assert_eq!(at("2024-01-22 20:36:47"), expected);
        assert_eq!(at(" 2024-01-22T20:36:47 "), expected);
        assert_eq!(at("2024-01-22T22:36:47+0200"), expected);
        assert_eq!(
            at("2024-01-22"),
            Some("2024-01-22T00:00:00+00:00".to_string())
        );
        assert_eq!(
            at("2024-01-22 20:36"),
            Some("2024-01-22T20:36:00+00:00".to_string())
        );
    }

    #[test]
    fn refuses_what_is_not_a_timestamp() {
        for text in [
            "",
            "yesterday",
            "22/01/2024",
            "2024-13-01",
            "2024-01-22T25:00:00Z",
            "1",
        ] {
            assert_eq!(timestamp(text), None, "{text:?} should be refused");
        }
    }

    #[test]
    fn reads_dates_and_the_date_part_of_timestamps() {
        let day = NaiveDate::from_ymd_opt(2024, 11, 10);
        assert_eq!(date("2024-11-10"), day);
        assert_eq!(date("2024-11-10T23:30:00.000+0000"), day);
        assert_eq!(date("2024-11-10T23:30:00-05:00"), day);
        assert_eq!(date("2024-11-10 08:00:00"), day);
        assert_eq!(date("2024-02-30"), None);
        assert_eq!(date("10.11.2024"), None);
        assert_eq!(date("soon"), None);
    }

    #[test]
    fn reads_numeric_dates_in_the_files_order() {
        let day = NaiveDate::from_ymd_opt(2024, 12, 25);
        assert_eq!(date_in("25.12.2024", None), day);
        assert_eq!(date_in("25/12/2024", Some(DateOrder::DayFirst)), day);
        assert_eq!(date_in("12/25/2024", Some(DateOrder::MonthFirst)), day);
        assert_eq!(date_in("12/25/2024", Some(DateOrder::DayFirst)), None);
        assert_eq!(date_in("03/04/2024", None), None);
        assert_eq!(date_in("2024-12-25", Some(DateOrder::MonthFirst)), day);
        assert_eq!(date_in("31.02.2024", None), None);
        let at = |text| timestamp_in(text, Some(DateOrder::MonthFirst)).map(|t| t.to_rfc3339());
        assert_eq!(
            at("12/25/2024 08:30").as_deref(),
            Some("2024-12-25T08:30:00+00:00")
        );
        assert_eq!(
            at("25.12.2024 08:30:15").as_deref(),
            Some("2024-12-25T08:30:15+00:00")
        );
        assert_eq!(at("12/25/2024 later"), None);
    }

    #[test]
    fn reads_amounts_with_the_files_decimal_mark() {
        assert_eq!(
            money_in("1.234,56", Some(DecimalMark::Comma)),
            Some(Money::from_minor(123_456))
        );
        assert_eq!(
            money_in("1.234", Some(DecimalMark::Comma)),
            Some(Money::from_minor(123_400))
        );
        assert_eq!(money_in("1.234,56", Some(DecimalMark::Point)), None);
        assert_eq!(money_in("1,234.56", None), Some(Money::from_minor(123_456)));
    }

    #[test]
    fn reads_flags_and_refuses_other_words() {
        for yes in ["1", "true", "TRUE", "Yes", "y", "x"] {
            assert_eq!(flag(yes), Some(true), "{yes:?}");
        }
        for no in ["", " ", "0", "false", "No", "n"] {
            assert_eq!(flag(no), Some(false), "{no:?}");
        }
        assert_eq!(flag("maybe"), None);
        assert_eq!(flag("2"), None);
    }

    #[test]
    fn reads_amounts_and_percentages() {
        assert_eq!(money("1124741.15"), Some(Money::from_minor(112_474_115)));
        assert_eq!(money("$ 12,500"), Some(Money::from_minor(1_250_000)));
        assert_eq!(money("lots"), None);
        assert_eq!(percent("10"), Some(10));
        assert_eq!(percent("10.0"), Some(10));
        assert_eq!(percent("75 %"), Some(75));
        assert_eq!(percent("99.6"), Some(100));
        assert_eq!(percent("0"), Some(0));
        for bad in ["101", "-1", "NaN", "inf", "ten"] {
            assert_eq!(percent(bad), None, "{bad:?}");
        }
    }
}
