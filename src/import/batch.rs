//! Gathers what one file yields into an [`ImportBatch`]: records, skipped rows (each logged),
//! and one note summing up values that were kept as extra fields because they were unreadable.

use tracing::warn;

use super::columns::{Columns, Row};
use super::table::Table;
use super::{
    ColumnUse, Conventions, ImportBatch, ImportedAccount, ImportedRecord, Reading, SkippedRow,
    SourceFormat,
};
use crate::process::Record;

/// How many unreadable values the summary note names.
const NAMED_PROBLEMS: usize = 3;

/// An [`ImportBatch`] being filled row by row.
#[derive(Debug)]
pub(super) struct Collector {
    batch: ImportBatch,
    problems: Vec<(usize, String)>,
}

impl Collector {
    /// An empty batch for a file of this format, starting with the rows the CSV layer set aside.
    pub fn new(format: SourceFormat, columns: &Columns, table: &Table) -> Self {
        let mut collector = Collector {
            batch: ImportBatch {
                format,
                records: Vec::new(),
                accounts: Vec::new(),
                skipped: Vec::new(),
                unknown_columns: columns.unknown(),
                notes: Vec::new(),
                reading: Reading {
                    encoding: "UTF-8",
                    separator: ',',
                    conventions: Conventions::default(),
                },
                columns: columns
                    .mapping()
                    .into_iter()
                    .map(|(header, field)| ColumnUse {
                        header,
                        field: field.map(|f| f.label().to_string()),
                    })
                    .collect(),
                problems: Vec::new(),
                updates: Vec::new(),
            },
            problems: Vec::new(),
        };
        for skipped in &table.skipped {
            collector.skip(skipped.line, skipped.reason.clone());
        }
        collector
    }

    /// Records that a row was not imported, and why.
    pub fn skip(&mut self, line: usize, reason: String) {
        warn!(line, %reason, "skipping a row of the import file");
        self.batch.skipped.push(SkippedRow { line, reason });
    }

    /// Adds a record, moving the row's leftover values into its extra fields.
    pub fn record(&mut self, row: Row<'_>, mut record: Record, account_ref: Option<String>) {
        let line = row.line();
        self.finish_row(row, &mut record);
        self.batch.records.push(ImportedRecord {
            line,
            record,
            account_ref,
        });
    }

    /// Adds a record read without a column map, as Stride's own export is.
    pub fn new_record(&mut self, line: usize, record: Record) {
        self.batch.records.push(ImportedRecord {
            line,
            record,
            account_ref: None,
        });
    }

    /// Adds the changes a row of a Stride export asks for on an existing record.
    pub fn update(&mut self, update: super::StrideUpdate) {
        self.batch.updates.push(update);
    }

    /// Notes a value on this line that could not be used.
    pub fn problem(&mut self, line: usize, problem: String) {
        warn!(line, %problem, "an import value could not be used");
        self.problems.push((line, problem));
    }

    /// Names the field each column fills, for a format read without a column map; the values
    /// of the other columns are ignored.
    pub fn name_columns(&mut self, fields: Vec<Option<String>>) {
        let mut unknown = Vec::new();
        for (column, field) in self.batch.columns.iter_mut().zip(fields) {
            if field.is_none() {
                unknown.push(column.header.clone());
            }
            column.field = field;
        }
        self.batch.unknown_columns.clear();
        if !unknown.is_empty() {
            self.note(format!(
                "Columns a Stride export does not have were ignored: {}.",
                unknown.join(", ")
            ));
        }
    }

    /// Adds an account; accounts keep only their id and name.
    pub fn account(&mut self, account: ImportedAccount) {
        self.batch.accounts.push(account);
    }

    /// Adds a note for the user.
    pub fn note(&mut self, note: String) {
        self.batch.notes.push(note);
    }

    /// Moves the row's leftover values into the record and remembers its unreadable values.
    fn finish_row(&mut self, row: Row<'_>, record: &mut Record) {
        let line = row.line();
        let (extra, problems) = row.finish();
        for problem in problems {
            warn!(line, %problem, "keeping an unreadable value as an extra field");
            self.problems.push((line, problem));
        }
        record.extra.extend(extra);
    }

    /// The finished batch, skipped rows in line order.
    pub fn finish(mut self) -> ImportBatch {
        self.batch.skipped.sort_by_key(|s| s.line);

        self.batch.problems = self
            .problems
            .iter()
            .map(|(line, reason)| SkippedRow {
                line: *line,
                reason: reason.clone(),
            })
            .collect();
        if !self.problems.is_empty() {
            let named: Vec<String> = self
                .problems
                .iter()
                .take(NAMED_PROBLEMS)
                .map(|(line, problem)| format!("line {line}: {problem}"))
                .collect();
            let more = self.problems.len().saturating_sub(NAMED_PROBLEMS);
            let tail = if more > 0 {
                format!("; and {more} more")
            } else {
                String::new()
            };
            let count = match self.problems.len() {
                1 => "1 value could not be used and is".to_owned(),
                many => format!("{many} values could not be used and are"),
            };
            self.batch.notes.push(format!(
                "{count} kept, as written, among the records' extra fields ({}{tail}).",
                named.join("; ")
            ));
        }

        let rows = self.batch.records.len()
            + self.batch.accounts.len()
            + self.batch.skipped.len()
            + self.batch.updates.len();
        if rows == 0 {
            self.batch
                .notes
                .push("The file has a header but no rows.".to_string());
        }
        self.batch
    }
}
