//! Step values as text: how the bar and the CLI show a value, and how typed text becomes one.

use chrono::NaiveDate;

use super::error::AppError;
use crate::process::{Money, Step, StepKind, StepValue};

/// The value as a person would type it.
pub fn step_text(value: &StepValue) -> String {
    match value {
        StepValue::Check(true) => "yes".to_string(),
        StepValue::Check(false) => String::new(),
        StepValue::Text(text) | StepValue::Choice(text) => text.clone(),
        StepValue::Date(date) => date.format("%Y-%m-%d").to_string(),
        StepValue::Money(amount) => amount.to_string(),
        StepValue::Number(number) => number.to_string(),
        StepValue::Link(id) => id.to_string(),
    }
}

/// Reads typed text as a value for this step; empty text means "clear the step".
pub fn parse_step_text(step: &Step, text: &str) -> Result<Option<StepValue>, AppError> {
    let text = text.trim();
    if text.is_empty() {
        return Ok(None);
    }
    let invalid = |message: &str| AppError::invalid(&step.label, message);

    let value = match &step.kind {
        StepKind::Check => match text.to_lowercase().as_str() {
            "yes" | "y" | "true" | "1" | "done" | "x" => StepValue::Check(true),
            "no" | "n" | "false" | "0" => return Ok(None),
            _ => return Err(invalid("answer yes or no")),
        },
        StepKind::Text => StepValue::Text(text.to_string()),
        StepKind::Date => {
            let date = NaiveDate::parse_from_str(text, "%Y-%m-%d")
                .map_err(|_| invalid("write the date as YYYY-MM-DD, like 2026-12-31"))?;
            StepValue::Date(date)
        }
        StepKind::Money => {
            let amount: Money = text
                .parse()
                .map_err(|e: crate::process::money::InvalidMoney| invalid(&e.to_string()))?;
            StepValue::Money(amount)
        }
        StepKind::Number => {
            let number = text
                .parse()
                .map_err(|_| invalid("write a whole number, like 40"))?;
            StepValue::Number(number)
        }
        StepKind::Choice { options } => {
            let chosen = options.iter().find(|o| o.eq_ignore_ascii_case(text));
            match chosen {
                Some(option) => StepValue::Choice(option.clone()),
                None => return Err(invalid(&format!("choose one of: {}", options.join(", ")))),
            }
        }
        StepKind::AccountLink | StepKind::ContactLink => {
            let id = text
                .parse()
                .map_err(|_| invalid("give the id of the linked record"))?;
            StepValue::Link(id)
        }
    };
    Ok(Some(value))
}
