//! Refusals of the command line that tell the user what to type next: the steps a move
//! needs with the `stride set-step` line that fills each, the reasons a terminal move takes
//! with the flag or argument that gives one, and plain words for numbers that do not read.

use anyhow::{anyhow, bail, Result};

use crate::controller::AppError;
use crate::process::{DisqualifyReason, LostReason, ProcessError, RecordId};

/// Adds to a refusal for empty required steps the command that fills each of them.
pub fn with_fill_hint(id: RecordId, error: AppError) -> anyhow::Error {
    let AppError::Process(ProcessError::MissingSteps { steps, .. }) = &error else {
        return error.into();
    };
    let lines: Vec<String> = steps
        .iter()
        .map(|step| format!("stride set-step {id} {} VALUE", step.key))
        .collect();
    let them = if lines.len() == 1 { "it" } else { "them" };
    anyhow!("{error} To fill {them}: {}", lines.join("; "))
}

/// The lost reason given with --reason, or a refusal listing the reasons to choose from.
pub fn lost_reason(reason: Option<&str>) -> Result<LostReason> {
    match reason {
        Some(text) => Ok(text.parse()?),
        None => bail!(
            "Closing as lost needs a reason: add --reason with one of {}.",
            choices(LostReason::ALL.iter().map(|r| (r.label(), r.as_str())))
        ),
    }
}

/// The disqualify reason given, or a refusal listing the reasons to choose from.
pub fn disqualify_reason(reason: Option<&str>) -> Result<DisqualifyReason> {
    match reason {
        Some(text) => Ok(text.parse()?),
        None => bail!(
            "Disqualifying needs a reason: add one of {} after the lead id.",
            choices(
                DisqualifyReason::ALL
                    .iter()
                    .map(|r| (r.label(), r.as_str()))
            )
        ),
    }
}

/// "canceled (Canceled), out-sold (Out-sold)": the words to type with what they mean.
fn choices<'a>(reasons: impl Iterator<Item = (&'a str, &'a str)>) -> String {
    reasons
        .map(|(label, word)| format!("{} ({label})", word.replace('_', "-")))
        .collect::<Vec<_>>()
        .join(", ")
}

/// Reads a percentage argument, refusing in plain words what is not one.
pub fn percent(text: &str) -> Result<u8, String> {
    text.trim()
        .trim_end_matches('%')
        .parse::<u8>()
        .ok()
        .filter(|p| *p <= 100)
        .ok_or_else(|| "give a whole number from 0 to 100".to_string())
}

/// Reads a record number argument, refusing in plain words what is not one.
pub fn record_number(text: &str) -> Result<i64, String> {
    text.trim()
        .parse::<i64>()
        .ok()
        .filter(|id| *id > 0)
        .ok_or_else(|| "give a record number, as `stride list` shows them".to_string())
}

/// Reads a count argument such as --limit, refusing in plain words what is not one.
pub fn count(text: &str) -> Result<usize, String> {
    text.trim()
        .parse::<usize>()
        .map_err(|_| "give a whole number such as 50".to_string())
}

/// Reads an account or contact number argument, refusing in plain words what is not one.
pub fn party_number(text: &str) -> Result<i64, String> {
    record_number(text)
        .map_err(|_| "give the number of an account or contact, as stride show lists it".into())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::process::MissingStep;

    #[test]
    fn refusals_name_what_to_type() {
        let cases: [(Option<&str>, Result<LostReason, &str>); 3] = [
            (Some("canceled"), Ok(LostReason::Canceled)),
            (Some("Out-sold"), Ok(LostReason::OutSold)),
            (
                None,
                Err("Closing as lost needs a reason: add --reason with one of \
                     canceled (Canceled), out-sold (Out-sold)."),
            ),
        ];
        for (given, expected) in cases {
            let got = lost_reason(given).map_err(|e| e.to_string());
            assert_eq!(got, expected.map_err(str::to_string), "{given:?}");
        }
        let refused = disqualify_reason(None).map_err(|e| e.to_string());
        assert_eq!(
            refused,
            Err(
                "Disqualifying needs a reason: add one of lost (Lost), cannot-contact \
                 (Cannot contact), no-longer-interested (No longer interested), canceled \
                 (Canceled) after the lead id."
                    .to_string()
            )
        );
    }

    #[test]
    fn numbers_are_read_or_refused_in_plain_words() {
        let whole = "give a whole number from 0 to 100";
        let cases = [
            ("40", Ok(40)),
            ("100%", Ok(100)),
            ("0", Ok(0)),
            ("101", Err(whole)),
            ("-1", Err(whole)),
            ("forty", Err(whole)),
        ];
        for (text, expected) in cases {
            assert_eq!(percent(text), expected.map_err(str::to_string), "{text}");
        }
        assert_eq!(record_number(" 12 "), Ok(12));
        assert!(record_number("0").is_err());
        assert!(record_number("twelve").is_err());
        assert_eq!(count("50"), Ok(50));
        assert_eq!(
            count("-5"),
            Err("give a whole number such as 50".to_string())
        );
        assert!(party_number("acme").is_err_and(|e| e.contains("account or contact")));
    }

    #[test]
    fn missing_steps_come_with_the_commands_that_fill_them() {
        let step = |key: &str, label: &str| MissingStep {
            key: key.into(),
            label: label.into(),
            stage_key: "qualify".into(),
            stage: "Qualify".into(),
        };
        let error = AppError::Process(ProcessError::MissingSteps {
            stage: "Qualify".into(),
            steps: vec![step("summary", "Summary"), step("budget", "Budget")],
        });
        assert_eq!(
            with_fill_hint(RecordId(4), error).to_string(),
            "Fill in Summary and Budget before leaving Qualify. To fill them: \
             stride set-step 4 summary VALUE; stride set-step 4 budget VALUE"
        );
        let other = AppError::Process(ProcessError::UnknownStage("x".into()));
        assert_eq!(
            with_fill_hint(RecordId(4), other).to_string(),
            ProcessError::UnknownStage("x".into()).to_string()
        );
    }
}
