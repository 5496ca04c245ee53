//! Filling process steps from imported text: the step decides how the text is read, and a
//! choice step takes only one of its own options (matched ignoring case and spacing).

use super::conventions::Conventions;
use super::{detect::fold, fields};
use crate::process::{ProcessDefinition, StepKind, StepValue};

/// The value the step with this key takes from `text`, read with the file's `conventions`,
/// or why it takes none.
pub(super) fn step_value(
    process: &ProcessDefinition,
    key: &str,
    text: &str,
    conventions: Conventions,
) -> Result<StepValue, String> {
    let Some((_, step)) = process.step(key) else {
        return Err("has no step in the sales process".to_string());
    };
    let refuse = |what: &str| format!("is not {what} for the step {}", step.label);

    match &step.kind {
        StepKind::Choice { options } => options
            .iter()
            .find(|option| fold(option) == fold(text))
            .map(|option| StepValue::Choice(option.clone()))
            .ok_or_else(|| refuse(&format!("one of {}", options.join(", ")))),
        StepKind::Money => fields::money_in(text, conventions.decimal)
            .map(StepValue::Money)
            .ok_or_else(|| refuse("an amount")),
        StepKind::Check => fields::flag(text)
            .map(StepValue::Check)
            .ok_or_else(|| refuse("yes or no")),
        StepKind::Date => fields::date_in(text, conventions.dates)
            .map(StepValue::Date)
            .ok_or_else(|| refuse("a date")),
        StepKind::Number => text
            .trim()
            .parse()
            .map(StepValue::Number)
            .map_err(|_| refuse("a whole number")),
        StepKind::Text => Ok(StepValue::Text(text.to_string())),
        StepKind::AccountLink | StepKind::ContactLink => Err(refuse("a link that can be imported")),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::process::Money;

    #[test]
    fn each_step_kind_reads_its_own_values() {
        let process = ProcessDefinition::lead_to_opportunity();
        let value = |key: &str, text: &str| step_value(&process, key, text, Conventions::default());

        assert_eq!(
            value("purchase_timeframe", "this QUARTER"),
            Ok(StepValue::Choice("This quarter".into()))
        );
        assert_eq!(
            value("purchase_process", "Committee"),
            Ok(StepValue::Choice("Committee".into()))
        );
        assert_eq!(
            value("estimated_budget", "$12,000"),
            Ok(StepValue::Money(Money::from_minor(1_200_000)))
        );
        assert_eq!(value("decision_maker", "Yes"), Ok(StepValue::Check(true)));
        assert_eq!(
            value("summary", "Wants a demo"),
            Ok(StepValue::Text("Wants a demo".into()))
        );
        assert_eq!(
            value("decision_date", "2024-05-01"),
            Ok(StepValue::Date(
                chrono::NaiveDate::from_ymd_opt(2024, 5, 1).unwrap_or_default()
            ))
        );
    }

    #[test]
    fn values_a_step_cannot_take_are_refused_with_the_reason() {
        let process = ProcessDefinition::lead_to_opportunity();
        let refused = |key: &str, text: &str| {
            step_value(&process, key, text, Conventions::default())
                .err()
                .unwrap_or_default()
        };

        let timeframe = refused("purchase_timeframe", "Someday");
        assert!(timeframe.contains("one of Immediate, This quarter"));
        assert!(refused("estimated_budget", "Can Buy").contains("an amount"));
        assert!(refused("decision_maker", "perhaps").contains("yes or no"));
        assert!(refused("existing_account", "Acme").contains("link"));
        assert_eq!(
            refused("no_such_step", "x"),
            "has no step in the sales process"
        );
    }
}
