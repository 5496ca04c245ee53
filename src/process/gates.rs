//! Gating: the required-step rules every move obeys, whether it is Next stage, a jump on the
//! bar, qualifying, the command line or an import, and the checks a step value must pass.

use super::branch::path;
use super::definition::{ProcessDefinition, Stage, StepKind};
use super::error::{MissingStep, ProcessError};
use super::record::{Record, StepValue};

/// The empty required steps of a stage on this record.
pub fn missing_steps(stage: &Stage, record: &Record) -> Vec<MissingStep> {
    stage
        .steps
        .iter()
        .filter(|step| step.required)
        .filter(|step| {
            !record
                .steps
                .get(&step.key)
                .is_some_and(StepValue::is_filled)
        })
        .map(|step| MissingStep {
            key: step.key.clone(),
            label: step.label.clone(),
            stage_key: stage.key.clone(),
            stage: stage.name.clone(),
        })
        .collect()
}

/// Refuses to leave the stage at `from` for the stage at `to` (later on the record's path)
/// while a required step is empty in `from` or in any stage of the path between them.
pub fn check_gates(
    process: &ProcessDefinition,
    record: &Record,
    from: usize,
    to: usize,
) -> Result<(), ProcessError> {
    let route = path(process, &record.stage, &record.steps);
    let missing: Vec<MissingStep> = route
        .iter()
        .filter(|&&index| index >= from && index < to)
        .filter_map(|&index| process.stages.get(index))
        .flat_map(|stage| missing_steps(stage, record))
        .collect();
    if missing.is_empty() {
        Ok(())
    } else {
        Err(ProcessError::MissingSteps {
            stage: process
                .stages
                .get(from)
                .map(|s| s.name.clone())
                .unwrap_or_default(),
            steps: missing,
        })
    }
}

/// Where a record may stand given its values: walking the stages of its kind on its path (an
/// opportunity's starts where qualifying put it), the first stage with an empty required
/// step, at the latest its own stage. Returns that stage's index and the steps that hold it
/// there (empty when it may stay).
pub fn furthest_allowed(process: &ProcessDefinition, record: &Record) -> (usize, Vec<MissingStep>) {
    let Some(current) = process.stage_index(&record.stage) else {
        return (0, Vec::new());
    };
    let earlier = path(process, &record.stage, &record.steps)
        .into_iter()
        .take_while(|&index| index < current)
        .filter(|&index| process.stages[index].record_kind == record.kind);
    for index in earlier {
        let missing = missing_steps(&process.stages[index], record);
        if !missing.is_empty() {
            return (index, missing);
        }
    }
    (current, Vec::new())
}

/// Checks that a step exists on a stage of this record it has reached or that lies ahead on
/// its path (so what a jump ahead needs can be filled in first), and that the value fits it.
pub fn check_step(
    process: &ProcessDefinition,
    record: &Record,
    key: &str,
    value: Option<&StepValue>,
) -> Result<(), ProcessError> {
    let (stage, step) = process
        .step(key)
        .ok_or_else(|| ProcessError::UnknownStep(key.into()))?;
    let stage_index = process.stage_index(&stage.key).unwrap_or(usize::MAX);
    let current = process
        .stage_index(&record.stage)
        .ok_or_else(|| ProcessError::UnknownStage(record.stage.clone()))?;
    let ahead_on_path = || {
        stage_index > current && path(process, &record.stage, &record.steps).contains(&stage_index)
    };
    if stage.record_kind != record.kind || (stage_index > current && !ahead_on_path()) {
        return Err(ProcessError::StepOfOtherStage {
            step: step.label.clone(),
            stage: stage.name.clone(),
        });
    }
    let Some(value) = value else { return Ok(()) };
    let wrong = |expected: &str| ProcessError::WrongValue {
        step: step.label.clone(),
        expected: expected.to_string(),
    };
    match (&step.kind, value) {
        (StepKind::Check, StepValue::Check(_))
        | (StepKind::Text, StepValue::Text(_))
        | (StepKind::Date, StepValue::Date(_))
        | (StepKind::Number, StepValue::Number(_))
        | (StepKind::AccountLink | StepKind::ContactLink, StepValue::Link(_)) => Ok(()),
        (StepKind::Money, StepValue::Money(amount)) if amount.is_negative() => {
            Err(ProcessError::Negative { what: "An amount" })
        }
        (StepKind::Money, StepValue::Money(_)) => Ok(()),
        (StepKind::Choice { options }, StepValue::Choice(choice)) => {
            if options.iter().any(|o| o == choice) {
                Ok(())
            } else {
                Err(wrong(&format!("one of: {}", options.join(", "))))
            }
        }
        (StepKind::Check, _) => Err(wrong("yes or no")),
        (StepKind::Text, _) => Err(wrong("text")),
        (StepKind::Date, _) => Err(wrong("a date")),
        (StepKind::Money, _) => Err(wrong("an amount")),
        (StepKind::Number, _) => Err(wrong("a whole number")),
        (StepKind::Choice { options }, _) => Err(wrong(&format!("one of: {}", options.join(", ")))),
        (StepKind::AccountLink, _) => Err(wrong("an account")),
        (StepKind::ContactLink, _) => Err(wrong("a contact")),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::{TimeZone, Utc};

    use crate::process::record::RecordKind;

    fn opportunity_at(stage: &str) -> Record {
        let now = Utc
            .with_ymd_and_hms(2026, 3, 2, 9, 0, 0)
            .single()
            .unwrap_or_default();
        let mut record = Record::new_lead(stage, now);
        record.kind = RecordKind::Opportunity;
        record
    }

    #[test]
    fn a_record_is_placed_at_the_first_stage_with_an_empty_required_step() {
        let mut process = ProcessDefinition::lead_to_opportunity();
        process.set_required("stakeholders", true);
        process.set_required("sales_team", true);

        // (the record's stage, filled steps, where it may stand, what holds it back)
        let cases: [(&str, &[&str], &str, &[&str]); 4] = [
            ("close", &[], "develop", &["stakeholders"]),
            ("close", &["stakeholders"], "propose", &["sales_team"]),
            ("close", &["stakeholders", "sales_team"], "close", &[]),
            ("develop", &[], "develop", &[]),
        ];
        for (stage, filled, allowed, missing) in cases {
            let mut record = opportunity_at(stage);
            for key in filled {
                record.steps.insert(key.to_string(), StepValue::Check(true));
            }
            let (index, held) = furthest_allowed(&process, &record);
            assert_eq!(process.stages[index].key, allowed, "{stage} {filled:?}");
            let keys: Vec<&str> = held.iter().map(|m| m.key.as_str()).collect();
            assert_eq!(keys, missing, "{stage} {filled:?}");
        }
    }
}
