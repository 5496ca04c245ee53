//! Errors in the window's language. The controller and the stage machine write their
//! messages in English (the command line prints them as they are); the window rebuilds each
//! from its parts here, with every sentence looked up in the catalog, so a German window
//! shows German sentences with the record's own stage and step names in them.

use crate::controller::AppError;
use crate::i18n::{tr, tr_with};
use crate::process::{MissingStep, ProcessError, RecordKind, Status};

/// The message for `error` in the current language.
pub(crate) fn app_error(error: &AppError) -> String {
    match error {
        AppError::Process(error) => process_error(error),
        AppError::Invalid { field, message } => field_problem(field, message),
        AppError::Form(problems) => {
            let list: Vec<String> = problems
                .iter()
                .map(|(field, message)| field_problem(field, message))
                .collect();
            tr_with("Please correct these fields: {}", &[&list.join("; ")])
        }
        AppError::NoSuchProcess(name) => tr_with(
            "There is no process \"{}\"; `stride process list` shows the stored ones.",
            &[name],
        ),
        AppError::ProcessUnchanged { name, version } => tr_with(
            "{} is exactly as version {} has it; nothing was stored.",
            &[name, &version.to_string()],
        ),
        AppError::StageNotInProcess {
            record,
            stage,
            process,
        } => tr_with(
            "Record {} is at stage {}, which {} does not have for it; move the record to a \
             stage both share first.",
            &[&record.to_string(), stage, process],
        ),
        // Store, file and definition errors: the whole sentence, where the catalog has it.
        other => tr(&other.to_string()),
    }
}

/// "Field: what is wrong", both looked up; an amount that does not read keeps what was typed.
fn field_problem(field: &str, message: &str) -> String {
    let not_amount = message
        .strip_prefix('\'')
        .and_then(|rest| rest.strip_suffix(NOT_AN_AMOUNT));
    let message = match not_amount {
        Some(typed) => tr_with(
            "'{}' is not an amount; write it like 12500 or 12,500.00",
            &[typed],
        ),
        None => tr(message),
    };
    format!("{}: {message}", tr(crate::controller::field_label(field)))
}

/// The end of [`crate::process::money::InvalidMoney`]'s message, after the typed text.
const NOT_AN_AMOUNT: &str = "' is not an amount; write it like 12500 or 12,500.00";

/// The stage machine's refusal for `error` in the current language.
pub(crate) fn process_error(error: &ProcessError) -> String {
    use ProcessError as E;
    match error {
        E::MissingSteps { stage, steps } => tr_with(
            "Fill in {} before leaving {}.",
            &[&missing_labels(stage, steps), stage],
        ),
        E::ReasonNeeded { action } => tr_with(
            "{} needs a short reason: say why, so the history shows it.",
            &[&action_text(action)],
        ),
        E::NotOnPath { target } => tr_with(
            "{} is not on this record's path; its branches lead elsewhere.",
            &[target],
        ),
        E::ProbabilityOver100(value) => tr_with(
            "A probability of {}% is not possible: use a number from 0 to 100.",
            &[&value.to_string()],
        ),
        E::WrongKind { action, actual, .. } => {
            let pattern = match actual {
                RecordKind::Opportunity => "{} works on a lead, and this is an opportunity.",
                RecordKind::Lead => "{} works on an opportunity, and this is a lead.",
            };
            tr_with(pattern, &[&action_text(action)])
        }
        E::NotAllowed {
            action,
            kind,
            status,
        } => {
            let hint = status_hint(*kind, *status);
            let hint = if hint.is_empty() {
                hint
            } else {
                format!(" {hint}")
            };
            tr_with(
                "{} is not possible {}.{}",
                &[&action_text(action), &while_status(*kind, *status), &hint],
            )
        }
        E::QualifyToContinue { next } => tr_with("Qualify this lead to move it on to {}.", &[next]),
        E::AtLastStage { stage } => tr_with(
            "{} is the last stage: close the opportunity as won or lost instead.",
            &[stage],
        ),
        E::AtFirstStage { stage, kind } => {
            let pattern = match kind {
                RecordKind::Lead => {
                    "{} is the first stage of this lead; there is nothing to go back to."
                }
                RecordKind::Opportunity => {
                    "{} is the first stage of this opportunity; there is nothing to go back to."
                }
            };
            tr_with(pattern, &[stage])
        }
        E::NotAnEarlierStage { target, kind } => {
            let pattern = match kind {
                RecordKind::Lead => "{} is not an earlier stage of this lead.",
                RecordKind::Opportunity => "{} is not an earlier stage of this opportunity.",
            };
            tr_with(pattern, &[target])
        }
        E::UnknownStage(key) => tr_with("The process has no stage called '{}'.", &[key]),
        E::UnknownStep(key) => tr_with("The process has no step called '{}'.", &[key]),
        E::StepOfOtherStage { step, stage } => tr_with(
            "'{}' belongs to {}; open that stage on the record to fill it in.",
            &[step, stage],
        ),
        E::WrongValue { step, expected } => {
            tr_with("'{}' takes {}.", &[step, &expected_value(expected)])
        }
        E::NoRevenue => {
            tr("Enter the actual revenue: this opportunity has no estimated value to use.")
        }
        E::Negative { what } => {
            let what = match *what {
                "Actual revenue" => tr("Actual revenue"),
                "An amount" => tr("An amount"),
                other => other.to_string(),
            };
            tr_with("{} cannot be negative.", &[&what])
        }
    }
}

/// The name of a command, as [`crate::process::Command::action`] gives it, translated.
pub(super) fn action_text(action: &str) -> String {
    match action {
        "Editing a step" => tr("Editing a step"),
        "Next stage" => tr("Next stage"),
        "Going back a stage" => tr("Going back a stage"),
        "Going to another stage" => tr("Going to another stage"),
        "Setting the probability" => tr("Setting the probability"),
        "Disqualify" => tr("Disqualify"),
        "Reactivate" => tr("Reactivate"),
        "Close as won" => tr("Close as won"),
        "Close as lost" => tr("Close as lost"),
        "Reopen" => tr("Reopen"),
        "Qualify" => tr("Qualify"),
        other => other.to_string(),
    }
}

/// What a step takes, as the stage machine says it ("a date"), translated.
fn expected_value(expected: &str) -> String {
    if let Some(options) = expected.strip_prefix("one of: ") {
        return tr_with("one of: {}", &[options]);
    }
    match expected {
        "yes or no" => tr("yes or no"),
        "text" => tr("text"),
        "a date" => tr("a date"),
        "an amount" => tr("an amount"),
        "a whole number" => tr("a whole number"),
        "an account" => tr("an account"),
        "a contact" => tr("a contact"),
        other => other.to_string(),
    }
}

/// "while the opportunity is won", for a record of `kind` in `status`.
fn while_status(kind: RecordKind, status: Status) -> String {
    match (kind, status) {
        (RecordKind::Lead, Status::Open) => tr("while the lead is open"),
        (RecordKind::Lead, Status::Qualified) => tr("while the lead is qualified"),
        (RecordKind::Lead, Status::Disqualified) => tr("while the lead is disqualified"),
        (RecordKind::Opportunity, Status::Open) => tr("while the opportunity is open"),
        (RecordKind::Opportunity, Status::Won) => tr("while the opportunity is won"),
        (RecordKind::Opportunity, Status::Lost) => tr("while the opportunity is lost"),
        (kind, status) => format!(
            "while the {} is {}",
            kind.label().to_lowercase(),
            status.label().to_lowercase()
        ),
    }
}

/// What to do first, for a record of `kind` that `status` holds back; empty when nothing helps.
fn status_hint(kind: RecordKind, status: Status) -> String {
    match (kind, status) {
        (RecordKind::Lead, Status::Qualified) => tr("Work on its opportunity instead."),
        (RecordKind::Lead, Status::Disqualified) => tr("Reactivate it first."),
        (RecordKind::Opportunity, Status::Won | Status::Lost) => tr("Reopen it first."),
        _ => String::new(),
    }
}

/// "Budget and Summary", with "(Develop)" after a step of another stage than `stage`.
fn missing_labels(stage: &str, steps: &[MissingStep]) -> String {
    match crate::process::error::step_labels(stage, steps).as_slice() {
        [] => String::new(),
        [one] => one.clone(),
        [init @ .., last] => tr_with("{} and {}", &[&init.join(", "), last]),
    }
}

#[cfg(test)]
#[path = "error_text_tests.rs"]
mod tests;
