//! Saving an imported export: accounts first, then every new lead and opportunity with its
//! history, in one transaction. Rows imported before (same external id) are left alone.

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
    /// Rows not imported, with line and reason.
    pub skipped: Vec<SkippedRow>,
    /// Columns Stride has no field for; their values are kept with each record.
    pub unknown_columns: Vec<String>,
    /// Anything else worth knowing.
    pub notes: Vec<String>,
}

impl fmt::Display for ImportReport {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        writeln!(
            f,
            "Imported {} lead(s), {} opportunit{} and {} account(s) from {} ({}).",
            self.leads,
            self.opportunities,
            if self.opportunities == 1 { "y" } else { "ies" },
            self.accounts,
            self.file.display(),
            self.format
        )?;
        if self.already_present > 0 {
            writeln!(
                f,
                "{} row(s) were imported before and left as they are.",
                self.already_present
            )?;
        }
        for note in &self.notes {
            writeln!(f, "{note}")?;
        }
        if !self.unknown_columns.is_empty() {
            writeln!(
                f,
                "Kept as extra fields ({} column(s) Stride has no field for): {}.",
                self.unknown_columns.len(),
                self.unknown_columns.join(", ")
            )?;
        }
        if self.skipped.is_empty() {
            write!(f, "No rows were skipped.")
        } else {
            write!(f, "Skipped {} row(s):", self.skipped.len())?;
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
            for imported in &batch.records {
                let mut record = imported.record.clone();
                let known = match &record.external_id {
                    Some(ext) => tx.record_by_external_id(record.kind, ext)?.is_some(),
                    None => false,
                };
                if known {
                    report.already_present += 1;
                    continue;
                }

                if let Some(reference) = &imported.account_ref {
                    let found = match accounts.get(reference.as_str()) {
                        Some(found) => Some(found.clone()),
                        None => tx
                            .account_by_external_id(reference)?
                            .map(|a| (a.id, a.name)),
                    };
                    match found {
                        Some((id, name)) => {
                            record.links.account = Some(id);
                            if record.company.trim().is_empty() || record.company == *reference {
                                record.company = name;
                            }
                        }
                        None => unresolved += 1,
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
                    "{unresolved} row(s) name an account by an id Stride does not know; import \
                     the account export first to show company names."
                ));
            }
            Ok::<_, AppError>(())
        })?;

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
