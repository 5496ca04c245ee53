//! The stage machine: pure functions that take a record and a command and return the changed
//! record with the history it produced, or a [`ProcessError`] and no change at all.

use chrono::{DateTime, Utc};

use super::branch::opportunity_start;
pub use super::change::{Change, Command, Transition};
use super::definition::{ProbabilityPolicy, ProcessDefinition, Stage};
use super::error::ProcessError;
pub use super::gates::missing_steps;
use super::gates::{check_gates, check_step};
use super::moves;
use super::record::{CloseInfo, Reason, Record, RecordId, RecordKind, Status, StepValue};

/// What qualifying a lead produces: the qualified lead and its new opportunity.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Qualification {
    /// The lead, now Qualified and read-only.
    pub lead: Transition,
    /// The new opportunity, not yet saved, at the stage the last lead stage's branches pick.
    pub opportunity: Transition,
}

/// Applies a command to a record, or says why it cannot be applied.
pub fn apply(
    process: &ProcessDefinition,
    record: &Record,
    command: &Command,
    now: DateTime<Utc>,
) -> Result<Transition, ProcessError> {
    let mut next = record.clone();
    let mut changes = Vec::new();
    let action = command.action();

    match command {
        Command::SetStep { step, value } => {
            require_open(record, action)?;
            check_step(process, record, step, value.as_ref())?;
            if record.steps.get(step) == value.as_ref() {
                return Ok(Transition {
                    record: next,
                    changes,
                });
            }
            match value {
                Some(value) => next.steps.insert(step.clone(), value.clone()),
                None => next.steps.remove(step),
            };
            changes.push(Change::StepSet {
                step: step.clone(),
                value: value.clone(),
            });
        }
        Command::NextStage => {
            require_open(record, action)?;
            moves::next_stage(process, record, &mut next, &mut changes, now)?;
        }
        Command::PreviousStage { reason } => {
            require_open(record, action)?;
            moves::previous_stage(process, record, &mut next, &mut changes, now)?;
            let reason = require_reason(reason, action)?;
            changes.push(Change::ReasonGiven {
                action: action.to_string(),
                reason,
            });
        }
        Command::GoToStage { stage, reason } => {
            require_open(record, action)?;
            let back = moves::go_to_stage(process, record, stage, &mut next, &mut changes, now)?;
            if back {
                let reason = require_reason(reason, "Going back a stage")?;
                changes.push(Change::ReasonGiven {
                    action: "Going back a stage".to_string(),
                    reason,
                });
            }
        }
        Command::SetProbability(probability) => {
            require_kind(record, RecordKind::Opportunity, action)?;
            require_open(record, action)?;
            if *probability > 100 {
                return Err(ProcessError::ProbabilityOver100(u32::from(*probability)));
            }
            if record.probability == *probability && record.probability_by_hand {
                return Ok(Transition {
                    record: next,
                    changes,
                });
            }
            next.probability = *probability;
            next.probability_by_hand = true;
            changes.push(Change::ProbabilitySet {
                probability: *probability,
            });
        }
        Command::Disqualify(reason) => {
            require_kind(record, RecordKind::Lead, action)?;
            require_open(record, action)?;
            set_status(
                &mut next,
                &mut changes,
                Status::Disqualified,
                (*reason).into(),
                None,
            );
            changes.push(Change::StageLeft {
                stage: record.stage.clone(),
            });
        }
        Command::Reactivate => {
            require_kind(record, RecordKind::Lead, action)?;
            require_status(record, Status::Disqualified, action)?;
            set_status(&mut next, &mut changes, Status::Open, Reason::New, None);
            enter_again(&mut next, &mut changes, now);
        }
        Command::CloseWon { revenue, date } => {
            require_kind(record, RecordKind::Opportunity, action)?;
            require_open(record, action)?;
            // A won deal has passed every gate still ahead of it on its path.
            let index = current_index(process, record)?;
            check_gates(process, record, index, process.stages.len())?;
            let revenue = revenue
                .or(record.estimated_value)
                .ok_or(ProcessError::NoRevenue)?;
            if revenue.is_negative() {
                return Err(ProcessError::Negative {
                    what: "Actual revenue",
                });
            }
            let close = CloseInfo::Won {
                revenue,
                date: *date,
            };
            next.probability = 100;
            next.probability_by_hand = false;
            set_status(
                &mut next,
                &mut changes,
                Status::Won,
                Reason::Won,
                Some(close),
            );
            changes.push(Change::StageLeft {
                stage: record.stage.clone(),
            });
        }
        Command::CloseLost {
            reason,
            competitor,
            note,
            date,
        } => {
            require_kind(record, RecordKind::Opportunity, action)?;
            require_open(record, action)?;
            let close = CloseInfo::Lost {
                reason: *reason,
                competitor: competitor.trim().to_string(),
                note: note.trim().to_string(),
                date: *date,
            };
            next.probability = 0;
            next.probability_by_hand = false;
            set_status(
                &mut next,
                &mut changes,
                Status::Lost,
                (*reason).into(),
                Some(close),
            );
            changes.push(Change::StageLeft {
                stage: record.stage.clone(),
            });
        }
        Command::Reopen { reason } => {
            require_kind(record, RecordKind::Opportunity, action)?;
            if !matches!(record.status, Status::Won | Status::Lost) {
                return Err(not_allowed(record, action));
            }
            let reason = require_reason(reason, action)?;
            let stage = process
                .stage(&record.stage)
                .ok_or_else(|| ProcessError::UnknownStage(record.stage.clone()))?;
            take_stage_probability(process, &mut next, stage);
            set_status(
                &mut next,
                &mut changes,
                Status::Open,
                Reason::InProgress,
                None,
            );
            enter_again(&mut next, &mut changes, now);
            changes.push(Change::ReasonGiven {
                action: action.to_string(),
                reason,
            });
        }
    }

    Ok(Transition {
        record: next,
        changes,
    })
}

/// Qualifies an open lead: checks its required steps and builds the opportunity it becomes.
///
/// The opportunity carries the lead's person, company, value, notes and step values, and
/// starts where the last lead stage's branches or `next` send it given the lead's values (the
/// first opportunity stage when none is taken); linking its account and contact is the
/// caller's job. Only the lead stages' required steps are checked.
pub fn qualify(
    process: &ProcessDefinition,
    lead: &Record,
    now: DateTime<Utc>,
) -> Result<Qualification, ProcessError> {
    let action = "Qualify";
    require_kind(lead, RecordKind::Lead, action)?;
    require_open(lead, action)?;
    let index = current_index(process, lead)?;
    let first_index = process
        .stages
        .iter()
        .position(|s| s.record_kind == RecordKind::Opportunity)
        .ok_or_else(|| ProcessError::UnknownStage("first opportunity stage".into()))?;
    check_gates(process, lead, index, first_index)?;
    let first = opportunity_start(process, &lead.steps)
        .and_then(|i| process.stages.get(i))
        .ok_or_else(|| ProcessError::UnknownStage("first opportunity stage".into()))?;

    let mut qualified = lead.clone();
    let mut lead_changes = Vec::new();
    set_status(
        &mut qualified,
        &mut lead_changes,
        Status::Qualified,
        Reason::Qualified,
        None,
    );
    lead_changes.push(Change::StageLeft {
        stage: lead.stage.clone(),
    });

    let budget = match lead.steps.get("estimated_budget") {
        Some(StepValue::Money(amount)) => Some(*amount),
        _ => None,
    };
    let mut opportunity = lead.clone();
    opportunity.id = RecordId::UNSAVED;
    opportunity.kind = RecordKind::Opportunity;
    opportunity.topic = if lead.topic.trim().is_empty() {
        lead.title()
    } else {
        lead.topic.clone()
    };
    opportunity.estimated_value = lead.estimated_value.or(budget);
    opportunity.probability = first.probability;
    opportunity.probability_by_hand = false;
    opportunity.status = Status::Open;
    opportunity.reason = Reason::InProgress;
    opportunity.stage = first.key.clone();
    opportunity.stage_entered_at = now;
    opportunity.links.origin_lead = Some(lead.id);
    opportunity.links.opportunity = None;
    opportunity.close = None;
    opportunity.external_id = None;
    opportunity.created_at = now;
    let opportunity_changes = vec![
        Change::Created,
        Change::StatusChanged {
            status: Status::Open,
            reason: Reason::InProgress,
            close: None,
        },
        Change::StageEntered {
            stage: first.key.clone(),
        },
    ];

    Ok(Qualification {
        lead: Transition {
            record: qualified,
            changes: lead_changes,
        },
        opportunity: Transition {
            record: opportunity,
            changes: opportunity_changes,
        },
    })
}

pub(super) fn current_index(
    process: &ProcessDefinition,
    record: &Record,
) -> Result<usize, ProcessError> {
    process
        .stage_index(&record.stage)
        .ok_or_else(|| ProcessError::UnknownStage(record.stage.clone()))
}

/// Moves the record to `stage`, recording the exit and the entry; an opportunity takes the
/// stage's probability unless the process keeps values set by hand and this one was.
pub(super) fn move_to(
    process: &ProcessDefinition,
    next: &mut Record,
    changes: &mut Vec<Change>,
    stage: &Stage,
    now: DateTime<Utc>,
) {
    changes.push(Change::StageLeft {
        stage: next.stage.clone(),
    });
    changes.push(Change::StageEntered {
        stage: stage.key.clone(),
    });
    next.stage = stage.key.clone();
    next.stage_entered_at = now;
    if next.kind == RecordKind::Opportunity {
        take_stage_probability(process, next, stage);
    }
}

/// Sets the stage's probability, unless the policy keeps a value set by hand.
fn take_stage_probability(process: &ProcessDefinition, next: &mut Record, stage: &Stage) {
    let keep = process.probability_policy == ProbabilityPolicy::Manual && next.probability_by_hand;
    if !keep {
        next.probability = stage.probability;
        next.probability_by_hand = false;
    }
}

/// The reason, trimmed, or an error saying the action needs one.
fn require_reason(reason: &str, action: &'static str) -> Result<String, ProcessError> {
    let reason = reason.trim();
    if reason.is_empty() {
        Err(ProcessError::ReasonNeeded { action })
    } else {
        Ok(reason.to_string())
    }
}

fn enter_again(next: &mut Record, changes: &mut Vec<Change>, now: DateTime<Utc>) {
    changes.push(Change::StageEntered {
        stage: next.stage.clone(),
    });
    next.stage_entered_at = now;
}

fn set_status(
    next: &mut Record,
    changes: &mut Vec<Change>,
    status: Status,
    reason: Reason,
    close: Option<CloseInfo>,
) {
    next.status = status;
    next.reason = reason;
    next.close = close.clone();
    changes.push(Change::StatusChanged {
        status,
        reason,
        close,
    });
}

fn require_kind(
    record: &Record,
    kind: RecordKind,
    action: &'static str,
) -> Result<(), ProcessError> {
    if record.kind == kind {
        Ok(())
    } else {
        Err(ProcessError::WrongKind {
            action,
            expected: kind,
            actual: record.kind,
        })
    }
}

fn require_open(record: &Record, action: &'static str) -> Result<(), ProcessError> {
    require_status(record, Status::Open, action)
}

fn require_status(
    record: &Record,
    status: Status,
    action: &'static str,
) -> Result<(), ProcessError> {
    if record.status == status {
        Ok(())
    } else {
        Err(not_allowed(record, action))
    }
}

fn not_allowed(record: &Record, action: &'static str) -> ProcessError {
    ProcessError::NotAllowed {
        action,
        kind: record.kind,
        status: record.status,
    }
}
