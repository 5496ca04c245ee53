//! The sales process as pure rules: stages and steps, records and statuses, and the stage
//! machine that moves records through them. Nothing here touches a file or a database.

pub mod audit;
pub mod branch;
mod change;
pub mod commands;
pub mod definition;
pub mod error;
pub mod gates;
pub mod history;
pub mod machine;
pub mod money;
mod moves;
pub mod names;
pub mod record;
pub mod validate;
mod validate_branches;

pub use branch::{path, Branch, Condition, Match};
pub use commands::Available;
pub use definition::{ProbabilityPolicy, ProcessDefinition, Stage, Step, StepKind};
pub use error::{MissingStep, ProcessError};
pub use gates::furthest_allowed;
pub use machine::{apply, qualify, Change, Command, Qualification, Transition};
pub use money::Money;
pub use names::{long_name_field, name_too_long, MAX_NAME_CHARS};
pub use record::{
    looks_like_email, CloseInfo, DisqualifyReason, Links, LostReason, Person, Rating, Reason,
    Record, RecordId, RecordKind, Status, StepValue,
};
pub use validate::{DefinitionError, KeyRule};
