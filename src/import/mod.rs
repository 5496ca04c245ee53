//! Reading CRM exports (Salesforce and Dynamics 365 CSV files) into records ready to save.
//! Nothing here writes to the database: the controller saves what this module reads.

mod error;

use std::path::Path;

use chrono::{DateTime, Utc};

use crate::process::{ProcessDefinition, Record};

pub use error::ImportError;

/// The kinds of export Stride recognises from a file's header row.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SourceFormat {
    /// Salesforce Lead object, API-name headers.
    SalesforceLeads,
    /// Salesforce Opportunity object, API-name headers.
    SalesforceOpportunities,
    /// Salesforce Account object, API-name headers.
    SalesforceAccounts,
    /// Dynamics 365 lead export, display-name headers.
    DynamicsLeads,
}

impl SourceFormat {
    /// How the format is named to the user.
    pub fn label(self) -> &'static str {
        match self {
            SourceFormat::SalesforceLeads => "Salesforce leads",
            SourceFormat::SalesforceOpportunities => "Salesforce opportunities",
            SourceFormat::SalesforceAccounts => "Salesforce accounts",
            SourceFormat::DynamicsLeads => "Dynamics 365 leads",
        }
    }
}

/// A lead or opportunity read from one row.
#[derive(Debug, Clone, PartialEq)]
pub struct ImportedRecord {
    /// The row's line number in the file (the header is line 1).
    pub line: usize,
    /// The record, unsaved, with its external id and created time from the file.
    pub record: Record,
    /// The external id of the account the row refers to, when it refers to one by id.
    pub account_ref: Option<String>,
}

/// An account read from an account export.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ImportedAccount {
    /// The row's line number in its file.
    pub line: usize,
    /// Its id in the source system.
    pub external_id: String,
    /// The company name.
    pub name: String,
}

/// A row that was not imported, and why.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SkippedRow {
    /// The row's line number in the file (the header is line 1).
    pub line: usize,
    /// Why it was skipped, in plain words.
    pub reason: String,
}

/// Everything read from one file, before anything is saved.
#[derive(Debug, Clone, PartialEq)]
pub struct ImportBatch {
    /// Which export the file is.
    pub format: SourceFormat,
    /// Leads and opportunities, in file order.
    pub records: Vec<ImportedRecord>,
    /// Accounts, from the file itself or from an account export beside it.
    pub accounts: Vec<ImportedAccount>,
    /// Rows that were not imported.
    pub skipped: Vec<SkippedRow>,
    /// Columns Stride has no field for; their values are kept in each record's extra fields.
    pub unknown_columns: Vec<String>,
    /// Other things the user should know, such as a companion file that was read.
    pub notes: Vec<String>,
}

/// Reads an export file, recognising its format from the header row.
pub fn read_file(
    path: &Path,
    process: &ProcessDefinition,
    now: DateTime<Utc>,
) -> Result<ImportBatch, ImportError> {
    todo!("{path:?} {process:?} {now}")
}
