//! Saving an imported export: accounts first, then every new lead and opportunity with its
//! history, and the edits of a Stride export, in one transaction. Rows imported before (same
//! external id) are left alone. A preview runs the same steps on a read-only snapshot.

use std::collections::hash_map::Entry;
use std::collections::HashMap;
use std::fmt;
use std::path::{Path, PathBuf};

use tracing::{info, warn};

use super::error::AppResult;
use super::Controller;
use crate::import::{self, Choices, ColumnUse, ImportBatch, Reading, SkippedRow};
use crate::process::{Change, ProcessDefinition, Record, RecordKind, Status};
use crate::store::{StoreError, Tx};

/// How many rows are saved between two progress reports.
pub const PROGRESS_EVERY: usize = 100;

/// What an import did, for the user.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ImportReport {
    /// The file read.
    pub file: PathBuf,
    /// The export format recognised.
    pub format: String,
    /// New leads saved.
    pub leads: usize,
    /// New opportunities saved.
    pub opportunities: usize,
    /// New accounts saved.
    pub accounts: usize,
    /// Rows whose record was imported before and was left as it is.
    pub already_present: usize,
    /// Existing records changed by the rows of a Stride export.
    pub updated: usize,
    /// True when this is a preview: it says what an import would do, and nothing was saved.
    pub preview: bool,
    /// How the file was read: encoding, separator, date order, decimal mark.
    pub reading: Option<Reading>,
    /// Where each column goes.
    pub columns: Vec<ColumnUse>,
    /// Values that could not be used, by line, each kept as it was written.
    pub problems: Vec<SkippedRow>,
    /// Records imported before whose account this import could name at last.
    pub accounts_linked: usize,
    /// Rows not imported, with line and reason.
    pub skipped: Vec<SkippedRow>,
    /// Columns Stride has no field for; their values are kept with each record.
    pub unknown_columns: Vec<String>,
    /// Anything else worth knowing.
    pub notes: Vec<String>,
}

impl ImportReport {
    /// One sentence saying what was added, e.g. "Imported 60 leads and 22 accounts"; a
    /// preview says "Would import ...".
    pub fn headline(&self) -> String {
        let mut parts: Vec<String> = [
            (self.leads, "lead", "leads"),
            (self.opportunities, "opportunity", "opportunities"),
            (self.accounts, "account", "accounts"),
        ]
        .into_iter()
        .filter(|(count, _, _)| *count > 0)
        .map(|(count, one, many)| counted(count, one, many))
        .collect();
        if self.updated > 0 {
            let verb = if self.preview { "update" } else { "updated" };
            parts.push(format!(
                "{verb} {}",
                counted(self.updated, "record", "records")
            ));
        }
        let verb = if self.preview {
            "Would import"
        } else {
            "Imported"
        };

        match parts.as_slice() {
            [] if self.preview => "Nothing new would be imported".to_owned(),
            [] => "Nothing new to import".to_owned(),
            [only] => format!("{verb} {only}"),
            [first @ .., last] => format!("{verb} {} and {last}", first.join(", ")),
        }
    }

    /// How many records the import adds or changes: the count its button names.
    pub fn records_written(&self) -> usize {
        self.leads + self.opportunities + self.updated
    }

    /// The preview's details: format, column mapping and problems, one line each.
    pub fn details(&self) -> Vec<String> {
        let mut lines = Vec::new();
        if let Some(reading) = &self.reading {
            let dates = reading
                .conventions
                .dates
                .map_or("no numeric dates".to_string(), |d| format!("dates {d}"));
            let decimal = reading
                .conventions
                .decimal
                .map_or("no amounts that need a decimal mark".to_string(), |d| {
                    d.to_string()
                });
            lines.push(format!(
                "{}: {}, {}-separated, {dates}, {decimal}.",
                self.format,
                reading.encoding,
                reading.separator_name()
            ));
        }
        for column in &self.columns {
            match &column.field {
                Some(field) => lines.push(format!("  {} -> {field}", column.header)),
                None => lines.push(format!("  {} -> kept as an extra field", column.header)),
            }
        }
        for problem in &self.problems {
            lines.push(format!("  line {}: {}", problem.line, problem.reason));
        }
        lines
    }
}

/// "1 lead", "3 leads".
fn counted(count: usize, one: &str, many: &str) -> String {
    format!("{count} {}", if count == 1 { one } else { many })
}

impl fmt::Display for ImportReport {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.preview {
            writeln!(f, "Preview only: nothing was saved.")?;
            for line in self.details() {
                writeln!(f, "{line}")?;
            }
        }
        writeln!(
            f,
            "{} from {} ({}).",
            self.headline(),
            self.file.display(),
            self.format
        )?;
        if self.already_present > 0 {
            writeln!(
                f,
                "{} records already saved and {} as they are.",
                counted(self.already_present, "row matches", "rows match"),
                if self.preview {
                    "would be left"
                } else {
                    "were left"
                }
            )?;
        }
        if self.accounts_linked > 0 {
            writeln!(
                f,
                "Filled in the company of {} imported before.",
                counted(self.accounts_linked, "record", "records")
            )?;
        }
        for note in &self.notes {
            writeln!(f, "{note}")?;
        }
        if !self.unknown_columns.is_empty() {
            writeln!(
                f,
                "Kept as extra fields ({} Stride has no field for): {}.",
                counted(self.unknown_columns.len(), "column", "columns"),
                self.unknown_columns.join(", ")
            )?;
        }
        if self.skipped.is_empty() {
            write!(f, "No rows were skipped.")
        } else {
            write!(f, "Skipped {}:", counted(self.skipped.len(), "row", "rows"))?;
            for row in &self.skipped {
                write!(f, "\n  line {}: {}", row.line, row.reason)?;
            }
            Ok(())
        }
    }
}

impl Controller {
    /// Imports a Salesforce, Dynamics 365 or Stride export; all of it is saved, or nothing.
    pub fn import(&self, path: &Path) -> AppResult<ImportReport> {
        self.import_with(path, Choices::default(), &mut |_, _| {})
    }

    /// Imports as [`Controller::import`] does, with the user's `choices` for what the file
    /// cannot settle, calling `progress(done, total)` every [`PROGRESS_EVERY`] rows. All of
    /// it is saved in one transaction, or nothing.
    pub fn import_with(
        &self,
        path: &Path,
        choices: Choices,
        progress: &mut dyn FnMut(usize, usize),
    ) -> AppResult<ImportReport> {
        let now = self.now();
        let batch = import::read_file_with(path, self.process(), now, choices)?;
        let mut report = ImportReport::for_batch(path, &batch, false);

        self.store.write(|tx| {
            let mut saving = Saving {
                tx,
                process: &self.process,
                write: true,
                now,
                report: &mut report,
            };
            saving.run(&batch, progress)
        })?;

        report.finish();
        info!(
            file = %path.display(),
            leads = report.leads,
            opportunities = report.opportunities,
            accounts = report.accounts,
            updated = report.updated,
            "import saved"
        );
        Ok(report)
    }

    /// What importing the file would do, with nothing written: format, column mapping,
    /// counts and problems by line.
    pub fn preview_import(&self, path: &Path, choices: Choices) -> AppResult<ImportReport> {
        let now = self.now();
        let batch = import::read_file_with(path, self.process(), now, choices)?;
        let mut report = ImportReport::for_batch(path, &batch, true);

        self.store.read(|tx| {
            let mut saving = Saving {
                tx,
                process: &self.process,
                write: false,
                now,
                report: &mut report,
            };
            saving.run(&batch, &mut |_, _| {})
        })?;

        report.finish();
        info!(file = %path.display(), "import previewed");
        Ok(report)
    }
}

impl ImportReport {
    /// A report of nothing done yet for this batch.
    fn for_batch(path: &Path, batch: &ImportBatch, preview: bool) -> Self {
        ImportReport {
            file: path.to_path_buf(),
            format: batch.format.label().to_string(),
            skipped: batch.skipped.clone(),
            unknown_columns: batch.unknown_columns.clone(),
            notes: batch.notes.clone(),
            preview,
            reading: Some(batch.reading.clone()),
            columns: batch.columns.clone(),
            problems: batch.problems.clone(),
            ..ImportReport::default()
        }
    }

    /// Puts skipped rows and problems in line order and logs the skipped ones.
    fn finish(&mut self) {
        self.skipped.sort_by_key(|row| row.line);
        self.problems.sort_by_key(|row| row.line);
        if !self.preview {
            for row in &self.skipped {
                warn!(line = row.line, reason = %row.reason, "import row skipped");
            }
        }
    }
}

/// One pass over a batch inside a transaction: writing it, or, for a preview, only counting
/// what writing would do.
struct Saving<'t, 'c, 'r> {
    tx: &'t Tx<'c>,
    process: &'r ProcessDefinition,
    write: bool,
    now: chrono::DateTime<chrono::Utc>,
    report: &'r mut ImportReport,
}

impl Saving<'_, '_, '_> {
    fn run(
        &mut self,
        batch: &ImportBatch,
        progress: &mut dyn FnMut(usize, usize),
    ) -> AppResult<()> {
        let total = batch.records.len() + batch.updates.len();
        let mut done = 0;
        let mut tick = |done: &mut usize| {
            *done += 1;
            if *done % PROGRESS_EVERY == 0 {
                progress(*done, total);
            }
        };

        let accounts = self.accounts(batch)?;

        let mut unresolved = 0;
        let mut first_line: HashMap<(RecordKind, &str), usize> = HashMap::new();
        for imported in &batch.records {
            tick(&mut done);
            let mut record = imported.record.clone();
            if let Some(ext) = imported.record.external_id.as_deref() {
                match first_line.entry((record.kind, ext)) {
                    Entry::Occupied(first) => {
                        self.report.skipped.push(SkippedRow {
                            line: imported.line,
                            reason: format!(
                                "has the same Id as line {}; only that row is imported",
                                first.get()
                            ),
                        });
                        continue;
                    }
                    Entry::Vacant(slot) => {
                        slot.insert(imported.line);
                    }
                }
            }

            let account = match &imported.account_ref {
                Some(reference) => match accounts.get(reference.as_str()) {
                    Some(found) => Some(found.clone()),
                    None => self
                        .tx
                        .account_by_external_id(reference)?
                        .map(|a| (a.id, a.name)),
                },
                None => None,
            };
            let reference = imported.account_ref.as_deref().unwrap_or_default();
            if imported.account_ref.is_some() && account.is_none() {
                unresolved += 1;
            }

            let known = match &record.external_id {
                Some(ext) => self.tx.record_by_external_id(record.kind, ext)?,
                None => None,
            };
            if let Some(id) = known {
                self.report.already_present += 1;
                let mut existing = self.tx.record(id)?;
                if let (None, Some((account, name))) = (existing.links.account, account) {
                    existing.links.account = Some(account);
                    if existing.company.trim().is_empty() || existing.company == reference {
                        existing.company = name;
                    }
                    if self.write {
                        self.tx.update_record(&existing, self.now)?;
                    }
                    self.report.accounts_linked += 1;
                }
                continue;
            }

            if let Some((id, name)) = account {
                record.links.account = Some(id);
                if record.company.trim().is_empty() || record.company == reference {
                    record.company = name;
                }
            }
            self.insert(&record)?;
        }

        let mut seen: HashMap<i64, usize> = HashMap::new();
        for update in &batch.updates {
            tick(&mut done);
            if let Some(first) = seen.insert(update.id.0, update.line) {
                self.report.skipped.push(SkippedRow {
                    line: update.line,
                    reason: format!(
                        "has the same Stride Id as line {first}; only that row is imported"
                    ),
                });
                continue;
            }
            self.update(update)?;
        }

        if unresolved > 0 {
            self.report.notes.push(format!(
                "{} an account by an id Stride does not know; put the account export \
                 beside this file, or import it, then import this file again to fill in \
                 company names.",
                counted(unresolved, "row names", "rows name")
            ));
        }
        Ok(())
    }

    /// Saves the batch's accounts that are new; their ids and names by external id.
    fn accounts<'b>(
        &mut self,
        batch: &'b ImportBatch,
    ) -> AppResult<HashMap<&'b str, (i64, String)>> {
        let mut accounts = HashMap::new();
        for account in &batch.accounts {
            let id = match self.tx.account_by_external_id(&account.external_id)? {
                Some(existing) => existing.id,
                None => {
                    self.report.accounts += 1;
                    if self.write {
                        self.tx.insert_account(
                            &account.name,
                            Some(&account.external_id),
                            self.now,
                        )?
                    } else {
                        // A preview never saves the account; no record is saved to link it.
                        -1
                    }
                }
            };
            accounts.insert(account.external_id.as_str(), (id, account.name.clone()));
        }
        Ok(accounts)
    }

    /// Saves a new record with the history of how it came to stand where it does.
    fn insert(&mut self, record: &Record) -> AppResult<()> {
        match record.kind {
            RecordKind::Lead => self.report.leads += 1,
            RecordKind::Opportunity => self.report.opportunities += 1,
        }
        if !self.write {
            return Ok(());
        }

        let id = self.tx.insert_record(record, self.now)?;
        let mut changes = vec![
            Change::Created,
            Change::StatusChanged {
                status: record.status,
                reason: record.reason,
                close: record.close.clone(),
            },
            Change::StageEntered {
                stage: record.stage.clone(),
            },
        ];
        if record.status != Status::Open {
            changes.push(Change::StageLeft {
                stage: record.stage.clone(),
            });
        }
        self.tx
            .append_history(id, record.stage_entered_at, &changes)?;
        Ok(())
    }

    /// Applies the edits of one row of a Stride export to the record it names.
    fn update(&mut self, update: &import::StrideUpdate) -> AppResult<()> {
        let existing = match self.tx.record(update.id) {
            Ok(record) => record,
            Err(StoreError::NotFound(_)) => {
                self.report.skipped.push(SkippedRow {
                    line: update.line,
                    reason: format!(
                        "its Stride Id {} is not in this database; export again from this \
                         database, or clear the id to add the row as a new lead",
                        update.id
                    ),
                });
                return Ok(());
            }
            Err(other) => return Err(other.into()),
        };

        for (column, text) in &update.fixed {
            let current = column.cell(&existing, self.process);
            if current.trim() != text.trim() {
                self.report.problems.push(SkippedRow {
                    line: update.line,
                    reason: format!(
                        "{} \"{text}\" differs from the record's \"{current}\"; it changes \
                         in the app, not by import, so it is left as it is",
                        column.header()
                    ),
                });
            }
        }

        let mut changed = existing.clone();
        for column in &update.columns {
            import::copy_field(column, &update.values, &mut changed);
        }
        if changed == existing {
            self.report.already_present += 1;
            return Ok(());
        }
        self.report.updated += 1;
        if self.write {
            self.tx.update_record(&changed, self.now)?;
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn report(leads: usize, opportunities: usize, accounts: usize) -> ImportReport {
        ImportReport {
            leads,
            opportunities,
            accounts,
            ..ImportReport::default()
        }
    }

    #[test]
    fn headline_names_only_what_was_added_in_plain_plurals() {
        assert_eq!(
            report(60, 0, 22).headline(),
            "Imported 60 leads and 22 accounts"
        );
        assert_eq!(report(0, 1, 0).headline(), "Imported 1 opportunity");
        assert_eq!(
            report(1, 2, 1).headline(),
            "Imported 1 lead, 2 opportunities and 1 account"
        );
        assert_eq!(report(0, 0, 0).headline(), "Nothing new to import");
    }
}
