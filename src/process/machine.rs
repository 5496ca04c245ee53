//! The stage machine: pure functions that take a record and a command and return the changed
//! record with the history it produced, or a [`ProcessError`] and no change at all.

use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Serialize};

use super::definition::{ProcessDefinition, Stage, StepKind};
use super::error::ProcessError;
use super::money::Money;
use super::record::{
    CloseInfo, DisqualifyReason, LostReason, Reason, Record, RecordId, RecordKind, Status,
    StepValue,
};

/// One thing that happened to a record, as appended to its history.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "event", rename_all = "snake_case")]
pub enum Change {
    /// The record came into being.
    Created,
    /// The record entered a stage.
    StageEntered {
        /// Key of the stage.
        stage: String,
    },
    /// The record left a stage.
    StageLeft {
        /// Key of the stage.
        stage: String,
    },
    /// The status or status reason changed through a command.
    StatusChanged {
        /// The new status.
        status: Status,
        /// The new status reason.
        reason: Reason,
        /// How the opportunity was closed, when this closed it.
        close: Option<CloseInfo>,
    },
    /// A step was filled in or cleared.
    StepSet {
        /// Key of the step.
        step: String,
        /// The new value; `None` when cleared.
        value: Option<StepValue>,
    },
}

/// The result of a command: the record as it is now and what happened to it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Transition {
    /// The record after the command.
    pub record: Record,
    /// What happened, in order, to be appended to the history.
    pub changes: Vec<Change>,
}

/// A command on one record.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Command {
    /// Fill in or clear a step of the current stage or an earlier one.
    SetStep {
        /// Key of the step.
        step: String,
        /// The value, or `None` to clear it.
        value: Option<StepValue>,
    },
    /// Move to the next stage; refused while a required step is empty.
    NextStage,
    /// Move back one stage.
    PreviousStage,
    /// Move back to any earlier stage of this record.
    GoToStage(String),
    /// Disqualify an open lead.
    Disqualify(DisqualifyReason),
    /// Make a disqualified lead open again.
    Reactivate,
    /// Close an open opportunity as won.
    CloseWon {
        /// Actual revenue; the estimate when not given.
        revenue: Option<Money>,
        /// The close date.
        date: NaiveDate,
    },
    /// Close an open opportunity as lost.
    CloseLost {
        /// Why it was lost.
        reason: LostReason,
        /// Who won instead.
        competitor: String,
        /// Anything worth remembering.
        note: String,
        /// The close date.
        date: NaiveDate,
    },
    /// Make a won or lost opportunity open again at the stage it was closed in.
    Reopen,
}

impl Command {
    /// The name of the command as the user knows it.
    pub fn action(&self) -> &'static str {
        match self {
            Command::SetStep { .. } => "Editing a step",
            Command::NextStage => "Next stage",
            Command::PreviousStage | Command::GoToStage(_) => "Going back a stage",
            Command::Disqualify(_) => "Disqualify",
            Command::Reactivate => "Reactivate",
            Command::CloseWon { .. } => "Close as won",
            Command::CloseLost { .. } => "Close as lost",
            Command::Reopen => "Reopen",
        }
    }
}

/// What qualifying a lead produces: the qualified lead and its new opportunity.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Qualification {
    /// The lead, now Qualified and read-only.
    pub lead: Transition,
    /// The new opportunity, not yet saved, at the first opportunity stage.
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
            let index = current_index(process, record)?;
            let current = &process.stages[index];
            let following = process.stages.get(index + 1);
            match following {
                Some(stage) if stage.record_kind == record.kind => {
                    check_required(current, record)?;
                    move_to(&mut next, &mut changes, stage, now);
                }
                Some(stage) => {
                    return Err(ProcessError::QualifyToContinue {
                        next: stage.name.clone(),
                    })
                }
                None => {
                    return Err(ProcessError::AtLastStage {
                        stage: current.name.clone(),
                    })
                }
            }
        }
        Command::PreviousStage => {
            require_open(record, action)?;
            let index = current_index(process, record)?;
            let earlier = index.checked_sub(1).map(|i| &process.stages[i]);
            match earlier {
                Some(stage) if stage.record_kind == record.kind => {
                    move_to(&mut next, &mut changes, stage, now);
                }
                _ => {
                    return Err(ProcessError::AtFirstStage {
                        stage: process.stages[index].name.clone(),
                        kind: record.kind,
                    })
                }
            }
        }
        Command::GoToStage(target) => {
            require_open(record, action)?;
            let index = current_index(process, record)?;
            let target_index = process
                .stages
                .iter()
                .position(|s| s.key == *target || s.name.eq_ignore_ascii_case(target))
                .ok_or_else(|| ProcessError::UnknownStage(target.clone()))?;
            let stage = &process.stages[target_index];
            if target_index >= index || stage.record_kind != record.kind {
                return Err(ProcessError::NotAnEarlierStage {
                    target: stage.name.clone(),
                    kind: record.kind,
                });
            }
            move_to(&mut next, &mut changes, stage, now);
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
        Command::Reopen => {
            require_kind(record, RecordKind::Opportunity, action)?;
            if !matches!(record.status, Status::Won | Status::Lost) {
                return Err(not_allowed(record, action));
            }
            let stage = process
                .stage(&record.stage)
                .ok_or_else(|| ProcessError::UnknownStage(record.stage.clone()))?;
            next.probability = stage.probability;
            set_status(
                &mut next,
                &mut changes,
                Status::Open,
                Reason::InProgress,
                None,
            );
            enter_again(&mut next, &mut changes, now);
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
/// starts at the first opportunity stage; linking its account and contact is the caller's job.
pub fn qualify(
    process: &ProcessDefinition,
    lead: &Record,
    now: DateTime<Utc>,
) -> Result<Qualification, ProcessError> {
    let action = "Qualify";
    require_kind(lead, RecordKind::Lead, action)?;
    require_open(lead, action)?;
    let index = current_index(process, lead)?;
    check_required(&process.stages[index], lead)?;
    let first = process
        .first_stage_of(RecordKind::Opportunity)
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

/// The empty required steps of a stage on this record, by label.
pub fn missing_steps(stage: &Stage, record: &Record) -> Vec<String> {
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
        .map(|step| step.label.clone())
        .collect()
}

fn check_required(stage: &Stage, record: &Record) -> Result<(), ProcessError> {
    let steps = missing_steps(stage, record);
    if steps.is_empty() {
        Ok(())
    } else {
        Err(ProcessError::MissingSteps {
            stage: stage.name.clone(),
            steps,
        })
    }
}

fn check_step(
    process: &ProcessDefinition,
    record: &Record,
    key: &str,
    value: Option<&StepValue>,
) -> Result<(), ProcessError> {
    let (stage, step) = process
        .step(key)
        .ok_or_else(|| ProcessError::UnknownStep(key.into()))?;
    let stage_index = process.stage_index(&stage.key).unwrap_or(usize::MAX);
    let current = current_index(process, record)?;
    if stage.record_kind != record.kind || stage_index > current {
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

fn current_index(process: &ProcessDefinition, record: &Record) -> Result<usize, ProcessError> {
    process
        .stage_index(&record.stage)
        .ok_or_else(|| ProcessError::UnknownStage(record.stage.clone()))
}

fn move_to(next: &mut Record, changes: &mut Vec<Change>, stage: &Stage, now: DateTime<Utc>) {
    changes.push(Change::StageLeft {
        stage: next.stage.clone(),
    });
    changes.push(Change::StageEntered {
        stage: stage.key.clone(),
    });
    next.stage = stage.key.clone();
    next.stage_entered_at = now;
    if next.kind == RecordKind::Opportunity {
        next.probability = stage.probability;
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
