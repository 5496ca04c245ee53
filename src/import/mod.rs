//! Reading CRM exports (Salesforce and Dynamics 365 CSV files) into records ready to save.
//! Nothing here writes to the database: the controller saves what this module reads.
//!
//! A file goes through layers, one file each: `text` (bytes to text), `table` (CSV
//! rows with line numbers), `detect` (which export it is), then one reader per format
//! (`salesforce_leads`, `salesforce_opportunities`, `salesforce`, `dynamics`), which map
//! columns through `columns` and read values with `fields`. A column Stride has no field
//! for, the source system's own bookkeeping included, is listed in
//! [`ImportBatch::unknown_columns`] and its values kept in each record's `extra` fields.

mod batch;
mod columns;
mod conventions;
mod detect;
mod dynamics;
mod error;
mod fields;
mod person;
mod salesforce;
mod salesforce_leads;
mod salesforce_opportunities;
mod stages;
mod steps;
mod stride;
mod stride_place;
mod table;
mod text;

use std::path::Path;

use chrono::{DateTime, Utc};
use tracing::info;

use crate::process::{ProcessDefinition, Record};

pub use conventions::{Choices, Conventions, DateOrder, DecimalMark};
pub use error::ImportError;
pub use stride::{copy_field, StrideUpdate};

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
    /// Stride's own export, with a `Stride Id` column.
    StrideExport,
}

impl SourceFormat {
    /// How the format is named to the user.
    pub fn label(self) -> &'static str {
        match self {
            SourceFormat::SalesforceLeads => "Salesforce leads",
            SourceFormat::SalesforceOpportunities => "Salesforce opportunities",
            SourceFormat::SalesforceAccounts => "Salesforce accounts",
            SourceFormat::DynamicsLeads => "Dynamics 365 leads",
            SourceFormat::StrideExport => "Stride export",
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

/// How a file was read: its encoding, separator, and the conventions of its dates and amounts.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Reading {
    /// The character encoding, such as "UTF-8" or "UTF-16 LE".
    pub encoding: &'static str,
    /// The separator between values.
    pub separator: char,
    /// The day/month order and decimal mark, where the file needs them.
    pub conventions: Conventions,
}

impl Reading {
    /// The separator as the user knows it: "comma", "semicolon" or "tab".
    pub fn separator_name(&self) -> &'static str {
        match self.separator {
            ';' => "semicolon",
            '\t' => "tab",
            _ => "comma",
        }
    }
}

/// Where one column of the file goes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ColumnUse {
    /// The header, as the file names it.
    pub header: String,
    /// The field it fills, or `None` when its values are kept as extra fields.
    pub field: Option<String>,
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
    /// How the file was read.
    pub reading: Reading,
    /// Where each column goes, in file order.
    pub columns: Vec<ColumnUse>,
    /// Values that could not be used, by line; each is kept among its record's extra fields.
    pub problems: Vec<SkippedRow>,
    /// Changes to existing records, from the rows of a Stride export that have an id.
    pub updates: Vec<StrideUpdate>,
}

/// Reads an export file, recognising its format from the header row.
///
/// Rows that cannot become records are listed in [`ImportBatch::skipped`]; the whole file
/// fails only when it cannot be read, is empty, is not CSV text, or is not a known export.
/// A Salesforce lead or opportunity file whose rows refer to accounts by id also reads the
/// `Account.csv` beside it, when there is one, into [`ImportBatch::accounts`].
pub fn read_file(
    path: &Path,
    process: &ProcessDefinition,
    now: DateTime<Utc>,
) -> Result<ImportBatch, ImportError> {
    read_file_with(path, process, now, Choices::default())
}

/// Reads an export file as [`read_file`] does, with the user's `choices` for what the file
/// cannot settle itself (the day/month order, the decimal mark).
pub fn read_file_with(
    path: &Path,
    process: &ProcessDefinition,
    now: DateTime<Utc>,
    choices: Choices,
) -> Result<ImportBatch, ImportError> {
    let text = text::load(path)?;
    let mut table = table::parse(path, &text)?;

    let format = detect::detect(&table.headers).ok_or_else(|| ImportError::UnknownFormat {
        path: path.to_path_buf(),
        columns: detect::first_columns(&table.headers),
    })?;
    if let Some(line) = text.unclosed_quote {
        return Err(ImportError::Malformed {
            path: path.to_path_buf(),
            line,
            message: "a quoted value starts here and is never closed, so the rows after it \
                      cannot be told apart; close the quote or remove it"
                .to_string(),
        });
    }

    let known: &[(&str, columns::Field)] = match format {
        SourceFormat::SalesforceLeads => &salesforce_leads::COLUMNS,
        SourceFormat::SalesforceOpportunities => &salesforce_opportunities::COLUMNS,
        SourceFormat::SalesforceAccounts => &[],
        SourceFormat::DynamicsLeads => &dynamics::COLUMNS,
        SourceFormat::StrideExport => &[("estimatedvalue", columns::Field::Amount)],
    };
    let money = columns::Columns::new(&table.headers, known)
        .positions(&[columns::Field::Amount, columns::Field::Budget]);
    table.conventions = conventions::decide(path, &table, &money, choices)?;

    let mut batch = match format {
        SourceFormat::SalesforceLeads => {
            salesforce_leads::read(&table, &stages::first_lead_stage(process)?.key, now)
        }
        SourceFormat::SalesforceOpportunities => {
            salesforce_opportunities::read(&table, process, now)?
        }
        SourceFormat::SalesforceAccounts => salesforce::read_accounts(&table),
        SourceFormat::DynamicsLeads => dynamics::read(
            &table,
            process,
            &stages::first_lead_stage(process)?.key,
            now,
        ),
        SourceFormat::StrideExport => stride::read(
            &table,
            process,
            &stages::first_lead_stage(process)?.key,
            now,
        ),
    };
    batch.notes.splice(0..0, text.notes);
    batch.reading = Reading {
        encoding: text.encoding,
        separator: char::from(text.delimiter),
        conventions: table.conventions,
    };
    if matches!(
        format,
        SourceFormat::SalesforceLeads | SourceFormat::SalesforceOpportunities
    ) {
        salesforce::attach_sibling_accounts(path, &mut batch, process, now);
    }

    info!(
        path = %path.display(),
        format = format.label(),
        records = batch.records.len(),
        accounts = batch.accounts.len(),
        skipped = batch.skipped.len(),
        "read import file"
    );
    Ok(batch)
}

#[cfg(test)]
mod tests;
