//! Saving an imported export: accounts first, then every new lead and opportunity with its
//! history, and the edits of a Stride export, in one transaction. Rows imported before (same
//! external id) are left alone. A preview runs the same steps on a read-only snapshot.

use std::collections::hash_map::Entry;
use std::collections::HashMap;
use std::path::Path;

use tracing::{info, warn};

use super::error::AppResult;
use super::import_parties::{link_parties, too_long};
use super::import_report::{counted, hold_back, ImportReport};
use super::Controller;
use crate::export::Column;
use crate::import::{self, Choices, ImportBatch, SkippedRow, SourceFormat};
use crate::process::{long_name_field, Change, ProcessDefinition, Record, RecordKind, Status};
use crate::store::{StoreError, Tx};

/// How many rows are saved between two progress reports.
pub const PROGRESS_EVERY: usize = 100;

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
        let process = self.process();
        let batch = import::read_file_with(path, &process, now, choices)?;
        let mut report = ImportReport::for_batch(path, &batch, false);

        self.store.write(|tx| {
            let mut saving = Saving {
                tx,
                process: &process,
                versions: HashMap::new(),
                write: true,
                user: &self.user,
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
        let process = self.process();
        let batch = import::read_file_with(path, &process, now, choices)?;
        let mut report = ImportReport::for_batch(path, &batch, true);

        self.store.read(|tx| {
            let mut saving = Saving {
                tx,
                process: &process,
                versions: HashMap::new(),
                write: false,
                user: &self.user,
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
    /// The process version each updated record follows, by stored id, read once each.
    versions: HashMap<i64, ProcessDefinition>,
    write: bool,
    user: &'r str,
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
        let mut first_line: HashMap<(RecordKind, String), usize> = HashMap::new();
        for imported in &batch.records {
            tick(&mut done);
            let mut record = imported.record.clone();
            if let Some(field) = long_name_field(&record) {
                self.report.skipped.push(too_long(imported.line, field));
                continue;
            }
            // A row without an id is known again by what it says, so importing the same
            // file twice adds nothing.
            if record.external_id.is_none() {
                record.external_id = Some(content_key(&record));
            }
            if let Some(ext) = record.external_id.clone() {
                match first_line.entry((record.kind, ext.clone())) {
                    Entry::Occupied(first) => {
                        let reason = if ext.starts_with(CONTENT_KEY) {
                            format!(
                                "repeats line {} word for word; only that row is imported",
                                first.get()
                            )
                        } else {
                            format!(
                                "has the same Id as line {}; only that row is imported",
                                first.get()
                            )
                        };
                        self.report.skipped.push(SkippedRow {
                            line: imported.line,
                            reason,
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
            // A preview saves no account or contact to link.
            let stride_opportunity = batch.format == SourceFormat::StrideExport
                && record.kind == RecordKind::Opportunity;
            if stride_opportunity && self.write {
                self.report.accounts += link_parties(self.tx, &mut record, self.now)?;
            }
            if let Some(held) = hold_back(self.process, &mut record, imported.line) {
                self.report.held_back.push(held);
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
            .append_history(id, record.stage_entered_at, self.user, &changes)?;
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

        // An id from another database names an unrelated record here; its creation time
        // tells, whatever format a spreadsheet gave it.
        let created = update
            .fixed
            .iter()
            .find(|(column, _)| *column == Column::Created);
        if let Some((column, text)) = created {
            let current = column.cell(&existing, self.process);
            if !text.trim().is_empty() && !same_moment(&current, text) {
                self.report.skipped.push(SkippedRow {
                    line: update.line,
                    reason: format!(
                        "its Stride Id {} belongs to another record here (created {current}, \
                         not {text}); the file seems to come from another Stride database. \
                         Clear the id to add the row as a new lead",
                        update.id
                    ),
                });
                return Ok(());
            }
        }

        for (column, text) in &update.fixed {
            if *column == Column::Created {
                continue;
            }
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

        // Step columns are those of the default process; a record following another
        // version takes only the steps its own version has.
        let version = self.tx.record_process_id(existing.id)?;
        let own = match self.versions.entry(version) {
            Entry::Occupied(found) => found.into_mut(),
            Entry::Vacant(slot) => slot.insert(self.tx.process_by_id(version)?.definition),
        };
        let mut changed = existing.clone();
        for column in &update.columns {
            if let Column::Step { key, .. } = column {
                if own.step(key).is_none() {
                    continue;
                }
            }
            import::copy_field(column, &update.values, &mut changed);
        }
        if let Some(field) = long_name_field(&changed) {
            self.report.skipped.push(too_long(update.line, field));
            return Ok(());
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

/// How the key of a row without an id begins.
const CONTENT_KEY: &str = "content:";

/// A stable key for a record read from a row without an id: a 64-bit FNV-1a hash of the
/// fields a person would tell two rows apart by. It must never change between versions, or
/// a file imported again would come in twice; that is why it is spelled out here rather
/// than taken from the standard library's hasher, whose output may change.
fn content_key(record: &Record) -> String {
    let value = record.estimated_value.map(|v| v.minor().to_string());
    let close = record.estimated_close.map(|d| d.to_string());
    let fields = [
        record.kind.as_str(),
        &record.topic,
        &record.person.first_name,
        &record.person.last_name,
        &record.person.email,
        &record.person.phone,
        &record.company,
        &record.source,
        value.as_deref().unwrap_or_default(),
        close.as_deref().unwrap_or_default(),
        &record.notes,
    ];
    let mut hash: u64 = 0xcbf2_9ce4_8422_2325;
    for field in fields {
        for byte in field.bytes().chain(std::iter::once(0x1f)) {
            hash ^= u64::from(byte);
            hash = hash.wrapping_mul(0x0100_0000_01b3);
        }
    }
    format!("{CONTENT_KEY}{hash:016x}")
}

/// Whether a creation time as exported and as found in a file name the same moment: the
/// year, month, day, hour, minute and (when the file still has them) seconds of `exported`
/// all stand as numbers in `found`, in any order, as a spreadsheet may rewrite
/// "2026-12-04 10:22:33" as "04.12.2026 10:22".
fn same_moment(exported: &str, found: &str) -> bool {
    let numbers = |text: &str| -> Vec<u32> {
        text.split(|c: char| !c.is_ascii_digit())
            .filter_map(|part| part.parse().ok())
            .collect()
    };
    let mut left = numbers(found);
    let compared = if left.len() >= 6 { 6 } else { 5 };
    numbers(exported).into_iter().take(compared).all(|wanted| {
        match left.iter().position(|number| *number == wanted) {
            Some(at) => {
                left.swap_remove(at);
                true
            }
            None => false,
        }
    })
}
