//! Every way a controller command can fail, each with a message the UI and CLI show as is.

use crate::process::{MissingStep, ProcessError};
use crate::store::StoreError;

/// Why a command did not happen; nothing was written when one is returned.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum AppError {
    /// The stage machine refused the command.
    #[error(transparent)]
    Process(#[from] ProcessError),
    /// The database could not be read or written.
    #[error(transparent)]
    Store(#[from] StoreError),
    /// A value typed by the user does not fit.
    #[error("{field}: {message}")]
    Invalid {
        /// The field or step, as labelled on screen.
        field: String,
        /// What is wrong and how to fix it.
        message: String,
    },
    /// The lead form has errors; each is shown next to its field.
    #[error("Please correct these fields: {}", field_list(.0))]
    Form(Vec<(String, String)>),
    /// The import file could not be read.
    #[error(transparent)]
    Import(#[from] crate::import::ImportError),
    /// A process definition file could not be read, checked or written.
    #[error(transparent)]
    ProcessFile(#[from] crate::process_file::DefinitionFileError),
    /// A process edited in the app breaks a rule for definitions; nothing was stored.
    #[error(transparent)]
    Definition(#[from] crate::process::DefinitionError),
    /// No stored process has this name (and version).
    #[error("There is no process \"{0}\"; `stride process list` shows the stored ones.")]
    NoSuchProcess(String),
    /// The imported or edited definition is the newest stored version as it is.
    #[error("{name} is exactly as version {version} has it; nothing was stored.")]
    ProcessUnchanged {
        /// The process name.
        name: String,
        /// Its newest version.
        version: u32,
    },
    /// The record's current stage is missing from the process it should move to.
    #[error(
        "Record {record} is at stage {stage}, which {process} does not have for it; move the \
         record to a stage both share first."
    )]
    StageNotInProcess {
        /// The record.
        record: crate::process::RecordId,
        /// Key of its current stage.
        stage: String,
        /// The target process and version.
        process: String,
    },
    /// The export file could not be written; any earlier file at that path is unchanged.
    #[error("Cannot write the export {path}: {source}")]
    Export {
        /// The file.
        path: std::path::PathBuf,
        /// What the system said.
        source: std::io::Error,
    },
}

impl AppError {
    /// The empty required steps that stopped a move, for a sheet that asks for just those.
    pub fn missing_steps(&self) -> Option<&[MissingStep]> {
        match self {
            AppError::Process(ProcessError::MissingSteps { steps, .. }) => Some(steps),
            _ => None,
        }
    }

    /// A value error for one field.
    pub fn invalid(field: impl Into<String>, message: impl Into<String>) -> Self {
        AppError::Invalid {
            field: field.into(),
            message: message.into(),
        }
    }
}

/// Shorthand for controller results.
pub type AppResult<T> = Result<T, AppError>;

/// "Email: not an address; Estimated value: not an amount", for one line of text.
fn field_list(problems: &[(String, String)]) -> String {
    problems
        .iter()
        .map(|(field, message)| format!("{}: {message}", field_label(field)))
        .collect::<Vec<_>>()
        .join("; ")
}

/// The label the lead form shows for the field `key`, as the user knows it.
pub fn field_label(key: &str) -> &str {
    match key {
        "topic" => "Topic",
        "first_name" => "First name",
        "last_name" => "Last name",
        "company" => "Company",
        "job_title" => "Job title",
        "email" => "Email",
        "phone" => "Phone",
        "source" => "Lead source",
        "rating" => "Rating",
        "estimated_value" => "Estimated value",
        "notes" => "Notes",
        other => other,
    }
}
