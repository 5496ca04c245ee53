//! What a record's history is made of ([`Change`]) and what a user can ask of the stage
//! machine ([`Command`]).

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use super::money::Money;
use super::record::{CloseInfo, DisqualifyReason, LostReason, Reason, Record, Status, StepValue};

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
    /// The user said why they moved the record back or reopened it.
    ReasonGiven {
        /// What they did, such as "Going back a stage".
        action: String,
        /// What they wrote.
        reason: String,
    },
    /// The win probability was set by hand.
    ProbabilitySet {
        /// The new probability in percent.
        probability: u8,
    },
    /// The record was moved onto another process or version.
    ProcessSwitched {
        /// The process and version it followed, like "Small deal version 1".
        from: String,
        /// The one it follows now.
        to: String,
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
    /// Move back one stage on the record's path.
    PreviousStage {
        /// Why, in the user's words; required.
        reason: String,
    },
    /// Move to another stage of this record on its path: back needs a reason, forward
    /// passes the gates of the current stage and of every stage it skips.
    GoToStage {
        /// Key or name of the stage.
        stage: String,
        /// Why, in the user's words; required when going back.
        reason: String,
    },
    /// Set the win probability of an open opportunity by hand.
    SetProbability(u8),
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
    Reopen {
        /// Why, in the user's words; required.
        reason: String,
    },
}

impl Command {
    /// The name of the command as the user knows it.
    pub fn action(&self) -> &'static str {
        match self {
            Command::SetStep { .. } => "Editing a step",
            Command::NextStage => "Next stage",
            Command::PreviousStage { .. } => "Going back a stage",
            Command::GoToStage { .. } => "Going to another stage",
            Command::SetProbability(_) => "Setting the probability",
            Command::Disqualify(_) => "Disqualify",
            Command::Reactivate => "Reactivate",
            Command::CloseWon { .. } => "Close as won",
            Command::CloseLost { .. } => "Close as lost",
            Command::Reopen { .. } => "Reopen",
        }
    }
}
