//! Amounts of money, kept as whole minor units (cents) so sums never drift.

use std::fmt;
use std::str::FromStr;

use serde::{Deserialize, Serialize};

/// An amount of money in minor units (cents) of the company's currency.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(transparent)]
pub struct Money(i64);

/// Error for text that is not an amount of money.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("'{0}' is not an amount; write it like 12500 or 12,500.00")]
pub struct InvalidMoney(pub String);

impl Money {
    /// The amount of this many minor units (cents).
    pub const fn from_minor(minor: i64) -> Self {
        Money(minor)
    }

    /// The amount in minor units (cents).
    pub const fn minor(self) -> i64 {
        self.0
    }

    /// Whether the amount is below zero.
    pub fn is_negative(self) -> bool {
        self.0 < 0
    }
}

impl fmt::Display for Money {
    /// Writes the amount with thousands separators and two decimals, like `12,500.00`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let sign = if self.0 < 0 { "-" } else { "" };
        let abs = self.0.unsigned_abs();
        let whole = (abs / 100).to_string();
        let mut grouped = String::with_capacity(whole.len() + whole.len() / 3);
        for (i, digit) in whole.chars().enumerate() {
            if i > 0 && (whole.len() - i) % 3 == 0 {
                grouped.push(',');
            }
            grouped.push(digit);
        }
        write!(f, "{sign}{grouped}.{:02}", abs % 100)
    }
}

impl FromStr for Money {
    type Err = InvalidMoney;

    /// Reads `12500`, `12,500.50`, `12 500,50`, `$ 12,500` and the like.
    ///
    /// The last `.` or `,` is the decimal mark when one or two digits follow it; other
    /// separators group thousands.
    fn from_str(text: &str) -> Result<Self, Self::Err> {
        let invalid = || InvalidMoney(text.to_string());
        let trimmed = text.trim();
        let (negative, body) = match trimmed.strip_prefix('-') {
            Some(rest) => (true, rest),
            None => (false, trimmed),
        };
        let body: String = body
            .chars()
            .filter(|c| !c.is_whitespace() && !matches!(c, '$' | '€' | '£' | '\''))
            .collect();
        if body.is_empty()
            || !body
                .chars()
                .all(|c| c.is_ascii_digit() || c == '.' || c == ',')
        {
            return Err(invalid());
        }

        let decimal_at = body.rfind(['.', ',']).filter(|&at| {
            let tail = body.len() - at - 1;
            (1..=2).contains(&tail) && body[..at].matches(&body[at..=at]).count() == 0
        });
        let (whole, fraction) = match decimal_at {
            Some(at) => (&body[..at], &body[at + 1..]),
            None => (body.as_str(), ""),
        };
        if !grouped_in_thousands(whole, decimal_at.map(|at| body.as_bytes()[at])) {
            return Err(invalid());
        }
        let whole: String = whole.chars().filter(char::is_ascii_digit).collect();
        if whole.is_empty() && fraction.is_empty() {
            return Err(invalid());
        }

        let units: i64 = if whole.is_empty() {
            0
        } else {
            whole.parse().map_err(|_| invalid())?
        };
        let cents: i64 = match fraction.len() {
            0 => 0,
            1 => fraction.parse::<i64>().map_err(|_| invalid())? * 10,
            _ => fraction.parse().map_err(|_| invalid())?,
        };
        let minor = units
            .checked_mul(100)
            .and_then(|u| u.checked_add(cents))
            .ok_or_else(invalid)?;
        Ok(Money(if negative { -minor } else { minor }))
    }
}

/// Whether the separators in the whole part group thousands the usual way: one kind of
/// separator, other than the decimal mark, after one to three digits (not a lone 0) and then
/// between groups of exactly three. `0.001` and `1,2,3` are not amounts.
fn grouped_in_thousands(whole: &str, decimal_mark: Option<u8>) -> bool {
    let Some(separator) = whole.bytes().find(|b| matches!(b, b'.' | b',')) else {
        return true;
    };
    if Some(separator) == decimal_mark
        || whole
            .bytes()
            .any(|b| matches!(b, b'.' | b',') && b != separator)
    {
        return false;
    }

    let mut groups = whole.split(char::from(separator));
    let first = groups.next().unwrap_or_default();
    (1..=3).contains(&first.len()) && first != "0" && groups.all(|group| group.len() == 3)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(text: &str) -> Option<i64> {
        text.parse::<Money>().ok().map(Money::minor)
    }

    #[test]
    fn reads_the_ways_people_write_amounts() {
        assert_eq!(parse("12500"), Some(1_250_000));
        assert_eq!(parse("12,500.50"), Some(1_250_050));
        assert_eq!(parse("12.500,50"), Some(1_250_050));
        assert_eq!(parse("12 500,5"), Some(1_250_050));
        assert_eq!(parse("$ 1,124,741.15"), Some(112_474_115));
        assert_eq!(parse("1124741.15"), Some(112_474_115));
        assert_eq!(parse("0.5"), Some(50));
        assert_eq!(parse("-20"), Some(-2000));
        assert_eq!(parse("12,500"), Some(1_250_000));
        assert_eq!(parse("12.345"), Some(1_234_500));
        assert_eq!(parse("1.000.000"), Some(100_000_000));
        assert_eq!(parse(".5"), Some(50));
    }

    #[test]
    fn refuses_what_is_not_an_amount() {
        for text in [
            "",
            "  ",
            "abc",
            "12a",
            "1.2.3e",
            "-",
            "99999999999999999999",
            "0.001",
            "1,2,3",
            "12.345,678",
            "1,234.567",
            "12,34,5.00",
        ] {
            assert_eq!(parse(text), None, "{text:?} should be refused");
        }
    }

    #[test]
    fn shows_thousands_and_two_decimals() {
        assert_eq!(Money::from_minor(112_474_115).to_string(), "1,124,741.15");
        assert_eq!(Money::from_minor(5).to_string(), "0.05");
        assert_eq!(Money::from_minor(-100_000).to_string(), "-1,000.00");
        assert_eq!(Money::from_minor(99_900).to_string(), "999.00");
    }
}
