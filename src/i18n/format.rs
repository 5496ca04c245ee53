//! Dates and money written for the current language: `2025-12-31` and `12,500.00` in
//! English, `31.12.2025` and `12.500,00` in German. The currency stays as the data has it.

use std::str::FromStr;

use chrono::NaiveDate;

use super::{current, Language};
use crate::process::Money;

/// `day` as the current language writes dates.
pub fn date(day: NaiveDate) -> String {
    match current() {
        Language::English => day.format("%Y-%m-%d").to_string(),
        Language::German => day.format("%d.%m.%Y").to_string(),
    }
}

/// `amount` with the current language's grouping and decimal mark.
pub fn money(amount: Money) -> String {
    let english = amount.to_string();
    match current() {
        Language::English => english,
        Language::German => english
            .chars()
            .map(|c| match c {
                ',' => '.',
                '.' => ',',
                other => other,
            })
            .collect(),
    }
}

/// An amount the store wrote in English (`12,500.00`), rewritten for the current language;
/// text that is no amount is kept as it is.
pub fn money_text(text: &str) -> String {
    match (current(), Money::from_str(text)) {
        (Language::German, Ok(amount)) if !text.trim().is_empty() => money(amount),
        _ => text.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::i18n::set_current;

    #[test]
    fn german_writes_day_first_and_a_decimal_comma() -> Result<(), Box<dyn std::error::Error>> {
        let day = NaiveDate::from_ymd_opt(2025, 12, 31).ok_or("no such day")?;
        let amount = Money::from_str("1234.56")?;
        assert_eq!(date(day), "2025-12-31");
        assert_eq!(money(amount), "1,234.56");
        set_current(Language::German);
        assert_eq!(date(day), "31.12.2025");
        assert_eq!(money(amount), "1.234,56");
        assert_eq!(money_text("12,500.00"), "12.500,00");
        assert_eq!(money_text(""), "");
        set_current(Language::English);
        Ok(())
    }
}
