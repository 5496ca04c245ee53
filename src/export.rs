//! Stride's own CSV export: one row per record under a stable `Stride Id` column, written so
//! a spreadsheet opens it safely and Stride reads it back. The columns are defined here once,
//! for writing and for reading an export back in.
//!
//! A cell a spreadsheet would run as a formula (starting with `=`, `+`, `-`, `@`, a tab or a
//! carriage return) is written with a leading `'`; reading the export back removes it again.

use std::io::{self, Write};

use chrono::{DateTime, Utc};

use crate::controller::step_text;
use crate::process::{ProcessDefinition, Record, StepKind};

/// The header of the column holding each record's id; its presence marks a Stride export.
pub const ID_HEADER: &str = "Stride Id";

/// The UTF-8 byte-order mark, so spreadsheets read the file as UTF-8.
const BOM: &[u8] = b"\xEF\xBB\xBF";

/// The characters that make a spreadsheet read a cell as a formula.
const FORMULA_STARTS: [char; 6] = ['=', '+', '-', '@', '\t', '\r'];

/// One column of the export.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Column {
    /// The record's id.
    Id,
    /// Lead or opportunity.
    Kind,
    /// What the sale is about.
    Topic,
    /// Given name.
    FirstName,
    /// Family name.
    LastName,
    /// Job title.
    JobTitle,
    /// Company name.
    Company,
    /// E-mail address.
    Email,
    /// Phone number.
    Phone,
    /// Lead source.
    Source,
    /// Hot, Warm or Cold.
    Rating,
    /// Estimated value.
    Value,
    /// Estimated close date.
    CloseDate,
    /// Win probability.
    Probability,
    /// The current stage's label.
    Stage,
    /// Open, Qualified, Disqualified, Won or Lost.
    Status,
    /// The finer status reason.
    Reason,
    /// Free notes.
    Notes,
    /// When the record was created.
    Created,
    /// A step of the process, by key, headed by its label.
    Step {
        /// The step key.
        key: String,
        /// The step label, used as the header.
        label: String,
    },
}

impl Column {
    /// The columns of an export of records in `process`, in file order. Link steps are left
    /// out: an account or contact id means nothing in a spreadsheet.
    pub fn all(process: &ProcessDefinition) -> Vec<Column> {
        let mut columns = vec![
            Column::Id,
            Column::Kind,
            Column::Topic,
            Column::FirstName,
            Column::LastName,
            Column::JobTitle,
            Column::Company,
            Column::Email,
            Column::Phone,
            Column::Source,
            Column::Rating,
            Column::Value,
            Column::CloseDate,
            Column::Probability,
            Column::Stage,
            Column::Status,
            Column::Reason,
            Column::Notes,
            Column::Created,
        ];
        for stage in &process.stages {
            for step in &stage.steps {
                let link = matches!(step.kind, StepKind::AccountLink | StepKind::ContactLink);
                let taken = columns.iter().any(|c| c.header() == step.label);
                if !link && !taken {
                    columns.push(Column::Step {
                        key: step.key.clone(),
                        label: step.label.clone(),
                    });
                }
            }
        }
        columns
    }

    /// The header text.
    pub fn header(&self) -> &str {
        match self {
            Column::Id => ID_HEADER,
            Column::Kind => "Kind",
            Column::Topic => "Topic",
            Column::FirstName => "First Name",
            Column::LastName => "Last Name",
            Column::JobTitle => "Job Title",
            Column::Company => "Company",
            Column::Email => "Email",
            Column::Phone => "Phone",
            Column::Source => "Source",
            Column::Rating => "Rating",
            Column::Value => "Estimated Value",
            Column::CloseDate => "Estimated Close",
            Column::Probability => "Probability",
            Column::Stage => "Stage",
            Column::Status => "Status",
            Column::Reason => "Reason",
            Column::Notes => "Notes",
            Column::Created => "Created",
            Column::Step { label, .. } => label,
        }
    }

    /// Whether importing the export changes this field; the others (id, kind, stage, status,
    /// reason, probability, created) change only through the process, in the app.
    pub fn editable(&self) -> bool {
        !matches!(
            self,
            Column::Id
                | Column::Kind
                | Column::Probability
                | Column::Stage
                | Column::Status
                | Column::Reason
                | Column::Created
        )
    }

    /// The record's value in this column, before formula neutralising.
    pub fn cell(&self, record: &Record, process: &ProcessDefinition) -> String {
        match self {
            Column::Id => record.id.to_string(),
            Column::Kind => record.kind.label().to_string(),
            Column::Topic => record.topic.clone(),
            Column::FirstName => record.person.first_name.clone(),
            Column::LastName => record.person.last_name.clone(),
            Column::JobTitle => record.person.job_title.clone(),
            Column::Company => record.company.clone(),
            Column::Email => record.person.email.clone(),
            Column::Phone => record.person.phone.clone(),
            Column::Source => record.source.clone(),
            Column::Rating => record
                .rating
                .map(|r| r.label().to_string())
                .unwrap_or_default(),
            Column::Value => record
                .estimated_value
                .map(|m| m.to_string())
                .unwrap_or_default(),
            Column::CloseDate => record
                .estimated_close
                .map(|d| d.format("%Y-%m-%d").to_string())
                .unwrap_or_default(),
            Column::Probability => record.probability.to_string(),
            Column::Stage => process
                .stage(&record.stage)
                .map_or_else(|| record.stage.clone(), |s| s.name.clone()),
            Column::Status => record.status.label().to_string(),
            Column::Reason => record.reason.label().to_string(),
            Column::Notes => record.notes.clone(),
            Column::Created => timestamp(record.created_at),
            Column::Step { key, .. } => record.steps.get(key).map(step_text).unwrap_or_default(),
        }
    }
}

fn timestamp(at: DateTime<Utc>) -> String {
    at.format("%Y-%m-%d %H:%M:%S").to_string()
}

/// The cell as written: a `'` before text a spreadsheet would run as a formula. Text that
/// already starts with `'`s before such a character gets one more, so [`restore`] is exact.
pub fn neutralise(cell: &str) -> String {
    if cell.trim_start_matches('\'').starts_with(FORMULA_STARTS) {
        format!("'{cell}")
    } else {
        cell.to_string()
    }
}

/// The cell as it was before [`neutralise`].
pub fn restore(cell: &str) -> &str {
    match cell.strip_prefix('\'') {
        Some(rest) if rest.trim_start_matches('\'').starts_with(FORMULA_STARTS) => rest,
        _ => cell,
    }
}

/// Writes `records` as CSV in UTF-8 with a byte-order mark, one row each, in the order given.
pub fn write_csv(
    process: &ProcessDefinition,
    records: &[Record],
    out: impl Write,
) -> io::Result<()> {
    let columns = Column::all(process);
    let mut out = out;
    out.write_all(BOM)?;
    let mut writer = csv::WriterBuilder::new()
        .terminator(csv::Terminator::CRLF)
        .from_writer(out);

    writer.write_record(columns.iter().map(|c| neutralise(c.header())))?;
    for record in records {
        writer.write_record(columns.iter().map(|c| neutralise(&c.cell(record, process))))?;
    }
    writer.flush()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formulas_are_neutralised_and_restored_exactly() {
        for (plain, written) in [
            ("=1+1", "'=1+1"),
            ("+49 30 1234", "'+49 30 1234"),
            ("-5", "'-5"),
            ("@SUM(A1)", "'@SUM(A1)"),
            ("\tx", "'\tx"),
            ("\rx", "'\rx"),
            ("'=x", "''=x"),
            ("O'Brien", "O'Brien"),
            ("'quoted'", "'quoted'"),
            ("", ""),
            ("a=b", "a=b"),
        ] {
            assert_eq!(neutralise(plain), written, "{plain:?}");
            assert_eq!(restore(written), plain, "{written:?}");
        }
    }

    #[test]
    fn writes_a_bom_a_header_and_one_row_per_record() -> Result<(), Box<dyn std::error::Error>> {
        let process = ProcessDefinition::lead_to_opportunity();
        let mut lead = Record::new_lead("qualify", DateTime::UNIX_EPOCH);
        lead.id = crate::process::RecordId(7);
        lead.person.last_name = "O’Brien, \"Jr\" 😀".to_string();
        lead.notes = "=HYPERLINK(\"x\")\nline two".to_string();
        let mut bytes = Vec::new();
        write_csv(&process, &[lead], &mut bytes)?;

        assert!(bytes.starts_with(BOM));
        let text = String::from_utf8(bytes[BOM.len()..].to_vec())?;
        let mut reader = csv::Reader::from_reader(text.as_bytes());
        let headers = reader.headers()?.clone();
        assert_eq!(headers.get(0), Some(ID_HEADER));
        let rows: Vec<csv::StringRecord> = reader.records().collect::<Result<_, _>>()?;
        assert_eq!(rows.len(), 1);
        let cell = |name: &str| {
            headers
                .iter()
                .position(|h| h == name)
                .and_then(|i| rows[0].get(i))
        };
        assert_eq!(cell("Stride Id"), Some("7"));
        assert_eq!(cell("Last Name"), Some("O’Brien, \"Jr\" 😀"));
        assert_eq!(cell("Notes"), Some("'=HYPERLINK(\"x\")\nline two"));
        Ok(())
    }
}
