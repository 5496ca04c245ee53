//! The sales process as pure rules: stages and steps, records and statuses, and the stage
//! machine that moves records through them. Nothing here touches a file or a database.

pub mod commands;
pub mod definition;
pub mod error;
pub mod history;
pub mod machine;
pub mod money;
pub mod record;
pub mod validate;

pub use commands::Available;
pub use definition::{ProcessDefinition, Stage, Step, StepKind};
pub use error::ProcessError;
pub use machine::{apply, qualify, Change, Command, Qualification, Transition};
pub use money::Money;
pub use record::{
    looks_like_email, CloseInfo, DisqualifyReason, Links, LostReason, Person, Rating, Reason,
    Record, RecordId, RecordKind, Status, StepValue,
};
pub use validate::{DefinitionError, KeyRule};
