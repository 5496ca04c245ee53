//! How a file writes dates and amounts: the day/month order of `01/02/2025` and the decimal
//! mark of `1.234,56`, decided once for the whole file from its unambiguous values, or taken
//! from the user when every value could be read either way.

use std::fmt;

use super::table::Table;
use super::ImportError;

/// The order of day and month in dates such as `03/04/2025`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DateOrder {
    /// `DD/MM/YYYY`, as in most of Europe.
    DayFirst,
    /// `MM/DD/YYYY`, as in the United States.
    MonthFirst,
}

impl fmt::Display for DateOrder {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            DateOrder::DayFirst => "day/month/year",
            DateOrder::MonthFirst => "month/day/year",
        })
    }
}

/// The character between whole units and cents in amounts.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DecimalMark {
    /// `1,234.56`.
    Point,
    /// `1.234,56` or `1 234,56`.
    Comma,
}

impl DecimalMark {
    /// The mark itself.
    pub fn char(self) -> char {
        match self {
            DecimalMark::Point => '.',
            DecimalMark::Comma => ',',
        }
    }
}

impl fmt::Display for DecimalMark {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            DecimalMark::Point => "decimal point (1,234.56)",
            DecimalMark::Comma => "decimal comma (1.234,56)",
        })
    }
}

/// What the user said about the file, for the cases the file itself cannot settle.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Choices {
    /// The day/month order, if the user chose one.
    pub dates: Option<DateOrder>,
    /// The decimal mark, if the user chose one.
    pub decimal: Option<DecimalMark>,
}

/// The conventions one file is read with; `None` where the file has no value that needs one.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Conventions {
    /// The day/month order of slash-separated dates.
    pub dates: Option<DateOrder>,
    /// The decimal mark of amounts.
    pub decimal: Option<DecimalMark>,
}

/// What one value says about a convention.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Vote<T> {
    /// Only this reading fits.
    Only(T),
    /// Either reading fits.
    Either,
}

/// Decides the file's conventions; the user's choices win over what the file suggests.
///
/// Dates are looked for in every column; amounts only in `money_columns`. When the file's
/// values point both ways, the reading most values fit wins and the others are reported
/// row by row when they are read. When every value could be read either way and the user
/// chose nothing, the file is refused with a message saying how to choose.
pub(super) fn decide(
    path: &std::path::Path,
    table: &Table,
    money_columns: &[usize],
    choices: Choices,
) -> Result<Conventions, ImportError> {
    let mut date_votes = Tally::default();
    let mut decimal_votes = Tally::default();

    for row in &table.rows {
        for (column, value) in row.values.iter().enumerate() {
            if let Some(vote) = date_vote(value) {
                date_votes.add(vote, row.line);
            }
            if money_columns.contains(&column) {
                if let Some(vote) = decimal_vote(value) {
                    decimal_votes.add(vote, row.line);
                }
            }
        }
    }

    let dates = match choices.dates {
        Some(order) => Some(order),
        None => date_votes.winner(|line| ImportError::AmbiguousDates {
            path: path.to_path_buf(),
            line,
        })?,
    };
    let decimal = match choices.decimal {
        Some(mark) => Some(mark),
        None => decimal_votes.winner(|line| ImportError::AmbiguousAmounts {
            path: path.to_path_buf(),
            line,
        })?,
    };
    Ok(Conventions { dates, decimal })
}

/// Votes counted over a file.
#[derive(Debug)]
struct Tally<T> {
    counts: Vec<(T, usize)>,
    first_either: Option<usize>,
}

impl<T> Default for Tally<T> {
    fn default() -> Self {
        Tally {
            counts: Vec::new(),
            first_either: None,
        }
    }
}

impl<T: Copy + PartialEq> Tally<T> {
    fn add(&mut self, vote: Vote<T>, line: usize) {
        match vote {
            Vote::Only(choice) => match self.counts.iter_mut().find(|(c, _)| *c == choice) {
                Some(entry) => entry.1 += 1,
                None => self.counts.push((choice, 1)),
            },
            Vote::Either => {
                self.first_either.get_or_insert(line);
            }
        }
    }

    /// The reading most values fit (the first seen on a tie); asks when no value decides.
    fn winner(
        &self,
        ambiguous: impl FnOnce(usize) -> ImportError,
    ) -> Result<Option<T>, ImportError> {
        let mut best: Option<(T, usize)> = None;
        for &(choice, count) in &self.counts {
            if best.is_none_or(|(_, most)| count > most) {
                best = Some((choice, count));
            }
        }
        match (best, self.first_either) {
            (Some((choice, _)), _) => Ok(Some(choice)),
            (None, Some(line)) => Err(ambiguous(line)),
            (None, None) => Ok(None),
        }
    }
}

/// The day/month parts and year of a date written `D/M/YYYY` or `D.M.YYYY` (the part before
/// any time of day), with the separator used.
pub(super) fn numeric_date(text: &str) -> Option<(u32, u32, i32, char)> {
    let date = text.trim().split([' ', 'T']).next()?;
    let separator = date.chars().find(|c| matches!(c, '/' | '.' | '-'))?;
    let parts: Vec<&str> = date.split(separator).collect();
    let [first, second, year] = parts.as_slice() else {
        return None;
    };
    let short =
        |part: &str| (1..=2).contains(&part.len()) && part.bytes().all(|b| b.is_ascii_digit());
    if !short(first)
        || !short(second)
        || year.len() != 4
        || !year.bytes().all(|b| b.is_ascii_digit())
    {
        return None;
    }
    Some((
        first.parse().ok()?,
        second.parse().ok()?,
        year.parse().ok()?,
        separator,
    ))
}

/// What a date value says about the day/month order: dotted dates are always day first and
/// say nothing about slashed ones.
fn date_vote(text: &str) -> Option<Vote<DateOrder>> {
    let (first, second, _, separator) = numeric_date(text)?;
    if separator == '.' {
        return None;
    }
    let fits = |n: u32| (1..=12).contains(&n);
    let day = |n: u32| (1..=31).contains(&n);
    match (fits(first), fits(second)) {
        (true, true) => Some(Vote::Either),
        (false, true) if day(first) => Some(Vote::Only(DateOrder::DayFirst)),
        (true, false) if day(second) => Some(Vote::Only(DateOrder::MonthFirst)),
        _ => None,
    }
}

/// The digits and separators of an amount, without currency signs, spaces or sign.
fn amount_body(text: &str) -> Option<String> {
    let trimmed = text.trim();
    let unsigned = trimmed.strip_prefix('-').unwrap_or(trimmed);
    let body: String = unsigned
        .chars()
        .filter(|c| !c.is_whitespace() && !matches!(c, '$' | '€' | '£' | '\''))
        .collect();
    let numeric = !body.is_empty()
        && body
            .chars()
            .all(|c| c.is_ascii_digit() || c == '.' || c == ',');
    numeric.then_some(body)
}

/// What an amount says about the decimal mark.
fn decimal_vote(text: &str) -> Option<Vote<DecimalMark>> {
    let body = amount_body(text)?;
    let mark_of = |c: char| {
        if c == '.' {
            DecimalMark::Point
        } else {
            DecimalMark::Comma
        }
    };
    let last_at = body.rfind(['.', ','])?;
    let last = body[last_at..].chars().next()?;
    let others = body[..last_at]
        .chars()
        .filter(|c| matches!(c, '.' | ','))
        .collect::<Vec<_>>();
    let tail = body.len() - last_at - 1;

    if others.iter().any(|&c| c != last) {
        return Some(Vote::Only(mark_of(last)));
    }
    if !others.is_empty() {
        let other = if last == '.' { ',' } else { '.' };
        return Some(Vote::Only(mark_of(other)));
    }
    match tail {
        1 | 2 => Some(Vote::Only(mark_of(last))),
        3 if last_at > 0 && last_at <= 3 => Some(Vote::Either),
        _ => None,
    }
}

/// Reads an amount's digits with a known decimal mark into whole units and cents, as text
/// [`crate::process::Money`] reads the same in every locale (`1234.56`).
///
/// The other mark, spaces and apostrophes may group thousands, in groups of three; anything
/// else, a second decimal mark or three digits after it included, does not fit the mark.
pub(super) fn canonical_amount(text: &str, mark: DecimalMark) -> Option<String> {
    let negative = text.trim().starts_with('-');
    let body = amount_body(text)?;
    let decimal = mark.char();
    let grouping = if decimal == '.' { ',' } else { '.' };

    let (whole, fraction) = match body.split_once(decimal) {
        Some((whole, fraction)) => (whole, Some(fraction)),
        None => (body.as_str(), None),
    };
    if let Some(fraction) = fraction {
        let digits = fraction.bytes().all(|b| b.is_ascii_digit());
        if !digits || !(1..=2).contains(&fraction.len()) {
            return None;
        }
    }
    let groups: Vec<&str> = whole.split(grouping).collect();
    if groups.len() > 1 {
        let first_ok = (1..=3).contains(&groups[0].len());
        if !first_ok || groups[1..].iter().any(|g| g.len() != 3) {
            return None;
        }
    }
    let digits: String = groups.concat();
    if digits.is_empty() && fraction.is_none() {
        return None;
    }

    let sign = if negative { "-" } else { "" };
    let whole = if digits.is_empty() { "0" } else { &digits };
    Some(match fraction {
        Some(fraction) => format!("{sign}{whole}.{fraction}"),
        None => format!("{sign}{whole}"),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_day_over_twelve_decides_the_date_order() {
        assert_eq!(
            date_vote("25/12/2024"),
            Some(Vote::Only(DateOrder::DayFirst))
        );
        assert_eq!(
            date_vote("12/25/2024 10:30"),
            Some(Vote::Only(DateOrder::MonthFirst))
        );
        assert_eq!(date_vote("03/04/2024"), Some(Vote::Either));
        assert_eq!(date_vote("25.12.2024"), None);
        assert_eq!(date_vote("2024-12-25"), None);
        assert_eq!(date_vote("40/12/2024"), None);
        assert_eq!(date_vote("Smith"), None);
    }

    #[test]
    fn separators_decide_the_decimal_mark() {
        use DecimalMark::{Comma, Point};
        assert_eq!(decimal_vote("1.234,56"), Some(Vote::Only(Comma)));
        assert_eq!(decimal_vote("1,234.56"), Some(Vote::Only(Point)));
        assert_eq!(decimal_vote("1 234,56"), Some(Vote::Only(Comma)));
        assert_eq!(decimal_vote("€ 12,5"), Some(Vote::Only(Comma)));
        assert_eq!(decimal_vote("1.234.567"), Some(Vote::Only(Comma)));
        assert_eq!(decimal_vote("1,234,567"), Some(Vote::Only(Point)));
        assert_eq!(decimal_vote("1.234"), Some(Vote::Either));
        assert_eq!(decimal_vote("12500"), None);
        assert_eq!(decimal_vote("lots"), None);
    }

    #[test]
    fn amounts_read_the_same_under_their_mark() {
        use DecimalMark::{Comma, Point};
        let read = |text, mark| canonical_amount(text, mark);
        assert_eq!(read("1.234,56", Comma).as_deref(), Some("1234.56"));
        assert_eq!(read("1 234,56", Comma).as_deref(), Some("1234.56"));
        assert_eq!(read("1,234.56", Point).as_deref(), Some("1234.56"));
        assert_eq!(read("1.234", Comma).as_deref(), Some("1234"));
        assert_eq!(read("1,234", Point).as_deref(), Some("1234"));
        assert_eq!(read("-$ 12,5", Comma).as_deref(), Some("-12.5"));
        assert_eq!(read("1.234,56", Point), None);
        assert_eq!(read("1.234", Point), None);
        assert_eq!(read("12,34,5", Point), None);
        assert_eq!(read("", Point), None);
    }

    #[test]
    fn the_most_common_reading_wins_and_only_ambiguity_asks() {
        let mut tally = Tally::default();
        tally.add(Vote::Either, 2);
        assert!(matches!(
            tally.winner(|line| ImportError::Empty(format!("{line}").into())),
            Err(ImportError::Empty(line)) if line.as_os_str() == "2"
        ));
        tally.add(Vote::Only(DateOrder::MonthFirst), 3);
        tally.add(Vote::Only(DateOrder::DayFirst), 4);
        tally.add(Vote::Only(DateOrder::DayFirst), 5);
        assert_eq!(
            tally.winner(|_| ImportError::Empty("x".into())).ok(),
            Some(Some(DateOrder::DayFirst))
        );
        let none: Tally<DateOrder> = Tally::default();
        assert_eq!(
            none.winner(|_| ImportError::Empty("x".into())).ok(),
            Some(None)
        );
    }
}
