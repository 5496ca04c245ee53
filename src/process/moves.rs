//! Stage moves along a record's path: next, back one, and to a chosen stage. Each move
//! checks the gates of every stage it leaves or skips going forward.

use chrono::{DateTime, Utc};

use super::branch::{next_after, path};
use super::change::Change;
use super::definition::ProcessDefinition;
use super::error::ProcessError;
use super::gates::check_gates;
use super::machine::{current_index, move_to};
use super::record::Record;

/// Moves to the next stage on the record's path, through the current stage's gate.
pub(super) fn next_stage(
    process: &ProcessDefinition,
    record: &Record,
    next: &mut Record,
    changes: &mut Vec<Change>,
    now: DateTime<Utc>,
) -> Result<(), ProcessError> {
    let index = current_index(process, record)?;
    let current = &process.stages[index];
    match next_after(process, index, &record.steps).map(|i| (i, &process.stages[i])) {
        Some((to, stage)) if stage.record_kind == record.kind => {
            check_gates(process, record, index, to)?;
            move_to(process, next, changes, stage, now);
            Ok(())
        }
        Some((_, stage)) => Err(ProcessError::QualifyToContinue {
            next: stage.name.clone(),
        }),
        None => Err(ProcessError::AtLastStage {
            stage: current.name.clone(),
        }),
    }
}

/// The stage before the current one on the record's path, when it is of the record's kind.
pub fn previous_on_path(process: &ProcessDefinition, record: &Record) -> Option<usize> {
    let index = process.stage_index(&record.stage)?;
    let route = path(process, &record.stage, &record.steps);
    let at = route.iter().position(|&i| i == index)?;
    let before = *route.get(at.checked_sub(1)?)?;
    (process.stages[before].record_kind == record.kind).then_some(before)
}

/// Moves back one stage on the record's path.
pub(super) fn previous_stage(
    process: &ProcessDefinition,
    record: &Record,
    next: &mut Record,
    changes: &mut Vec<Change>,
    now: DateTime<Utc>,
) -> Result<(), ProcessError> {
    let index = current_index(process, record)?;
    match previous_on_path(process, record) {
        Some(before) => {
            move_to(process, next, changes, &process.stages[before], now);
            Ok(())
        }
        None => Err(ProcessError::AtFirstStage {
            stage: process.stages[index].name.clone(),
            kind: record.kind,
        }),
    }
}

/// Moves to the stage named or keyed `target` on the record's path; returns whether the
/// move went back, which the caller asks a reason for.
pub(super) fn go_to_stage(
    process: &ProcessDefinition,
    record: &Record,
    target: &str,
    next: &mut Record,
    changes: &mut Vec<Change>,
    now: DateTime<Utc>,
) -> Result<bool, ProcessError> {
    let index = current_index(process, record)?;
    let to = process
        .stages
        .iter()
        .position(|s| s.key == target || s.name.eq_ignore_ascii_case(target))
        .ok_or_else(|| ProcessError::UnknownStage(target.to_string()))?;
    let stage = &process.stages[to];
    if stage.record_kind != record.kind && to > index {
        return Err(ProcessError::QualifyToContinue {
            next: stage.name.clone(),
        });
    }
    if stage.record_kind != record.kind || to == index {
        return Err(ProcessError::NotAnEarlierStage {
            target: stage.name.clone(),
            kind: record.kind,
        });
    }
    if !path(process, &record.stage, &record.steps).contains(&to) {
        return Err(ProcessError::NotOnPath {
            target: stage.name.clone(),
        });
    }
    let back = to < index;
    if !back {
        check_gates(process, record, index, to)?;
    }
    move_to(process, next, changes, stage, now);
    Ok(back)
}
