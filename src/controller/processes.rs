//! Commands on stored process definitions: list them, hand one out as a file, take one in
//! as a new version, and move a record onto another version on purpose.

use std::path::Path;

use tracing::info;

use super::{log_changes, AppError, AppResult, Controller};
use crate::process::{Change, ProcessDefinition, RecordId, RecordKind};
use crate::process_file;
use crate::store::{ProcessSummary, StoredProcess, Tx};

/// What `import_process` stored.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Imported {
    /// The process name from the file.
    pub name: String,
    /// The version it was stored as; 1 for a name not seen before.
    pub version: u32,
}

impl Controller {
    /// Every stored process version, with how many records follow each.
    pub fn process_summaries(&self) -> AppResult<Vec<ProcessSummary>> {
        Ok(self.store.read(|tx| tx.process_summaries())?)
    }

    /// The name of every stored process, the one new leads follow first, then the others
    /// in name order.
    pub fn process_names(&self) -> AppResult<Vec<String>> {
        let default = self.process().name.clone();
        let mut names: Vec<String> = self
            .process_summaries()?
            .into_iter()
            .map(|summary| summary.name)
            .filter(|name| *name != default)
            .collect();
        names.dedup();
        names.insert(0, default);
        Ok(names)
    }

    /// The names of the stored processes a lead can start on (their newest versions have a
    /// lead stage), the one new leads follow first.
    pub fn lead_process_names(&self) -> AppResult<Vec<String>> {
        let mut names = Vec::new();
        for name in self.process_names()? {
            let stored = self.stored_process(&name)?;
            if stored.definition.first_stage_of(RecordKind::Lead).is_some() {
                names.push(name);
            }
        }
        Ok(names)
    }

    /// The stored process `NAME` (its newest version) or `NAME@VERSION`.
    pub fn stored_process(&self, wanted: &str) -> AppResult<StoredProcess> {
        self.store.read(|tx| find(tx, wanted))
    }

    /// Writes the process `NAME` or `NAME@VERSION` to a new file; the file's name decides
    /// between TOML and JSON, and an existing file is never replaced.
    pub fn export_process(&self, wanted: &str, path: &Path) -> AppResult<StoredProcess> {
        let stored = self.stored_process(wanted)?;

        process_file::write(&stored.definition, path)?;

        info!(
            process = %stored.name,
            version = stored.version,
            file = %path.display(),
            "exported process definition"
        );
        Ok(stored)
    }

    /// Reads a definition file and stores it as the next version of its name; records keep
    /// the versions they follow. A malformed file, or one identical to the newest version,
    /// changes nothing.
    pub fn import_process(&mut self, path: &Path) -> AppResult<Imported> {
        let definition = process_file::read(path)?;
        let now = self.now();

        let stored = self.store.write(|tx| {
            if let Some(newest) = tx.process_named(&definition.name, None)? {
                if newest.definition == definition {
                    return Err(AppError::ProcessUnchanged {
                        name: newest.name,
                        version: newest.version,
                    });
                }
            }
            let stored = tx.add_process_version(&definition, now)?;
            let default = tx.default_process()?;
            Ok::<_, AppError>((stored, default))
        });
        let (stored, default) = stored?;

        if let Some(default) = default {
            self.set_default_process(default.definition, default.id);
        }
        info!(
            process = %stored.name,
            version = stored.version,
            file = %path.display(),
            "imported process definition"
        );
        Ok(Imported {
            name: stored.name,
            version: stored.version,
        })
    }

    /// Stores a definition edited in the app as the next version of its name (version 1 of
    /// a new name); records keep the versions they follow. A definition that breaks a rule,
    /// or that is the newest version as it is, changes nothing. A new version of the process
    /// new leads follow becomes the one they follow.
    pub fn save_process(&self, definition: &ProcessDefinition) -> AppResult<StoredProcess> {
        definition.validate()?;
        let now = self.now();
        let (stored, default) = self.store.write(|tx| {
            if let Some(newest) = tx.process_named(&definition.name, None)? {
                if newest.definition == *definition {
                    return Err(AppError::ProcessUnchanged {
                        name: newest.name,
                        version: newest.version,
                    });
                }
            }
            let stored = tx.add_process_version(definition, now)?;
            let default = tx.default_process()?;
            Ok::<_, AppError>((stored, default))
        })?;
        if let Some(default) = default {
            self.set_default_process(default.definition, default.id);
        }
        info!(
            process = %stored.name,
            version = stored.version,
            stages = stored.definition.stages.len(),
            "saved process version from the editor"
        );
        Ok(stored)
    }

    /// Makes a record follow the process `NAME` or `NAME@VERSION`. Step values whose keys the
    /// target has are kept and the others cleared; a record whose current stage the target
    /// lacks is refused. Returns the version it follows now.
    pub fn switch_process(&self, id: RecordId, wanted: &str) -> AppResult<StoredProcess> {
        let now = self.now();

        let (target, changes) = self.store.write(|tx| {
            let target = find(tx, wanted)?;
            let record = tx.record(id)?;
            let from_id = tx.record_process_id(id)?;
            if from_id == target.id {
                return Ok((target, Vec::new()));
            }
            let from = tx.process_by_id(from_id)?;
            let stage = target.definition.stage(&record.stage);
            if stage.is_none_or(|stage| stage.record_kind != record.kind) {
                return Err(AppError::StageNotInProcess {
                    record: id,
                    stage: record.stage.clone(),
                    process: format!("{} version {}", target.name, target.version),
                });
            }

            let mut moved = record.clone();
            moved
                .steps
                .retain(|key, _| target.definition.step(key).is_some());
            let mut changes: Vec<Change> = record
                .steps
                .keys()
                .filter(|key| !moved.steps.contains_key(*key))
                .map(|key| Change::StepSet {
                    step: key.clone(),
                    value: None,
                })
                .collect();
            changes.push(Change::ProcessSwitched {
                from: format!("{} version {}", from.name, from.version),
                to: format!("{} version {}", target.name, target.version),
            });
            tx.update_record(&moved, now)?;
            tx.append_history(id, now, &self.user, &changes)?;
            tx.set_record_process(id, target.id)?;
            Ok::<_, AppError>((target, changes))
        })?;

        log_changes(id, &changes);
        info!(
            record = %id,
            process = %target.name,
            version = target.version,
            "record switched process version"
        );
        Ok(target)
    }
}

/// The stored process that `NAME` or `NAME@VERSION` names.
fn find(tx: &Tx<'_>, wanted: &str) -> AppResult<StoredProcess> {
    let (name, version) = split_version(wanted);
    tx.process_named(name, version)?
        .ok_or_else(|| AppError::NoSuchProcess(wanted.trim().to_string()))
}

/// `Small deal@2` as the name and version 2; without a number after `@`, all of it is the name.
fn split_version(wanted: &str) -> (&str, Option<u32>) {
    let wanted = wanted.trim();
    match wanted.rsplit_once('@') {
        Some((name, version)) => match version.trim().parse() {
            Ok(version) => (name.trim(), Some(version)),
            Err(_) => (wanted, None),
        },
        None => (wanted, None),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_version_follows_the_last_at_sign() {
        assert_eq!(split_version("Small deal@2"), ("Small deal", Some(2)));
        assert_eq!(split_version(" Small deal "), ("Small deal", None));
        assert_eq!(split_version("Deals @ Acme"), ("Deals @ Acme", None));
    }
}
