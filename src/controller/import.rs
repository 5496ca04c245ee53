//! Saving an imported export: accounts first, then every new lead and opportunity with its
//! history, in one transaction. Rows imported before (same external id) are left alone.

use std::collections::hash_map::Entry;
use std::collections::HashMap;
use std::fmt;
use std::path::{Path, PathBuf};

use tracing::{info, warn};

use super::error::{AppError, AppResult};
use super::Controller;
use crate::import::{self, SkippedRow};
use crate::process::{Change, RecordKind, Status};

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
    /// One sentence saying what was added, e.g. "Imported 60 leads and 22 accounts".
    pub fn headline(&self) -> String {
        let parts: Vec<String> = [
            (self.leads, "lead", "leads"),
            (self.opportunities, "opportunity", "opportunities"),
            (self.accounts, "account", "accounts"),
        ]
        .into_iter()
        .filter(|(count, _, _)| *count > 0)
        .map(|(count, one, many)| counted(count, one, many))
        .collect();

        match parts.as_slice() {
            [] => "Nothing new to import".to_owned(),
            [only] => format!("Imported {only}"),
            [first @ .., last] => format!("Imported {} and {last}", first.join(", ")),
        }
    }
}

/// "1 lead", "3 leads".
fn counted(count: usize, one: &str, many: &str) -> String {
    format!("{count} {}", if count == 1 { one } else { many })
}

impl fmt::Display for ImportReport {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
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
                "{} imported before and left as they are.",
                counted(self.already_present, "row was", "rows were")
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
    /// Imports a Salesforce or Dynamics 365 export; all of it is saved, or nothing.
    pub fn import(&self, path: &Path) -> AppResult<ImportReport> {
        let now = self.now();
        let batch = import::read_file(path, self.process(), now)?;
        let mut report = ImportReport {
            file: path.to_path_buf(),
            format: batch.format.label().to_string(),
            skipped: batch.skipped.clone(),
            unknown_columns: batch.unknown_columns.clone(),
            notes: batch.notes.clone(),
            ..ImportReport::default()
        };

        self.store.write(|tx| {
            let mut accounts: HashMap<&str, (i64, String)> = HashMap::new();
            for account in &batch.accounts {
                let id = match tx.account_by_external_id(&account.external_id)? {
                    Some(existing) => existing.id,
                    None => {
                        report.accounts += 1;
                        tx.insert_account(&account.name, Some(&account.external_id), now)?
                    }
                };
                accounts.insert(account.external_id.as_str(), (id, account.name.clone()));
            }

            let mut unresolved = 0;
            let mut first_line: HashMap<(RecordKind, &str), usize> = HashMap::new();
            for imported in &batch.records {
                let mut record = imported.record.clone();
                if let Some(ext) = imported.record.external_id.as_deref() {
                    match first_line.entry((record.kind, ext)) {
                        Entry::Occupied(first) => {
                            report.skipped.push(SkippedRow {
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
                        None => tx
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
                    Some(ext) => tx.record_by_external_id(record.kind, ext)?,
                    None => None,
                };
                if let Some(id) = known {
                    report.already_present += 1;
                    let mut existing = tx.record(id)?;
                    if let (None, Some((account, name))) = (existing.links.account, account) {
                        existing.links.account = Some(account);
                        if existing.company.trim().is_empty() || existing.company == reference {
                            existing.company = name;
                        }
                        tx.update_record(&existing, now)?;
                        report.accounts_linked += 1;
                    }
                    continue;
                }

                if let Some((id, name)) = account {
                    record.links.account = Some(id);
                    if record.company.trim().is_empty() || record.company == reference {
                        record.company = name;
                    }
                }

                let id = tx.insert_record(&record, now)?;
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
                tx.append_history(id, record.stage_entered_at, &changes)?;
                match record.kind {
                    RecordKind::Lead => report.leads += 1,
                    RecordKind::Opportunity => report.opportunities += 1,
                }
            }
            if unresolved > 0 {
                report.notes.push(format!(
                    "{} an account by an id Stride does not know; put the account export \
                     beside this file, or import it, then import this file again to fill in \
                     company names.",
                    counted(unresolved, "row names", "rows name")
                ));
            }
            Ok::<_, AppError>(())
        })?;

        report.skipped.sort_by_key(|row| row.line);
        for row in &report.skipped {
            warn!(line = row.line, reason = %row.reason, "import row skipped");
        }
        info!(
            file = %path.display(),
            leads = report.leads,
            opportunities = report.opportunities,
            accounts = report.accounts,
            "import saved"
        );
        Ok(report)
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
