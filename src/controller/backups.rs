//! Keeping the salesperson's data safe: backups, the integrity check, restoring, and noticing
//! when another Stride window or command has changed the database.

use std::path::{Path, PathBuf};

use chrono::Local;
use tracing::{info, warn};

use super::{AppError, AppResult, Controller};
use crate::store::backup::{self, BackupFile, Restored};
use crate::store::{Checkpointer, StoreError};

/// How often the app copies its committed changes from the log into the database file.
const CHECKPOINT_EVERY: std::time::Duration = std::time::Duration::from_secs(2);

impl Controller {
    /// Copies the database to `to`, or else into the `backups` folder beside it (keeping the
    /// newest [`backup::KEEP`]). Returns where the copy went.
    pub fn backup(&self, to: Option<&Path>) -> AppResult<PathBuf> {
        match to {
            Some(target) => {
                self.store.backup_to(target)?;
                Ok(target.to_path_buf())
            }
            None => Ok(self.store.backup_now(self.local_now())?),
        }
    }

    /// Takes the day's automatic backup if none was taken today. A damaged database is
    /// reported; any other failure is logged and does not stop the salesperson's work.
    pub fn daily_backup(&self) -> AppResult<Option<PathBuf>> {
        match self.store.daily_backup(self.local_now()) {
            Ok(taken) => Ok(taken),
            Err(error) if error.is_damaged_file() => Err(error.into()),
            Err(error) => {
                warn!(%error, "could not take the day's backup");
                Ok(None)
            }
        }
    }

    /// Moves the copying of committed changes into the database file off this controller's
    /// commits onto a thread of its own, for as long as the returned guard lives: the app's
    /// taps then wait only for their own sync.
    pub fn checkpoint_in_background(&self) -> AppResult<Checkpointer> {
        Ok(self.store.checkpoint_in_background(CHECKPOINT_EVERY)?)
    }

    /// Refuses every later change through this controller: `damage` says what a check on
    /// another connection found wrong with the file.
    pub fn refuse_changes(&self, damage: AppError) {
        match damage {
            AppError::Store(error) => self.store.refuse_writes(error),
            other => self
                .store
                .refuse_writes(StoreError::Corrupt(other.to_string())),
        }
    }

    /// Runs SQLite's integrity check over the whole database.
    pub fn check_integrity(&self) -> AppResult<()> {
        Ok(self.store.check_integrity()?)
    }

    /// Whether another Stride window or command has changed the database since this
    /// controller last looked; each call looks again. A new version of the process new leads
    /// follow, saved there, is taken up here.
    pub fn changed_elsewhere(&self) -> AppResult<bool> {
        let now = self.store.data_version()?;
        let changed = self.seen_version.replace(now) != now;
        if changed {
            // A new version of the process may have been saved there; new leads follow it.
            if let Some(default) = self.store.read(|tx| tx.default_process())? {
                // `stride require` changes the stored version in place, so compare contents.
                let same =
                    default.id == self.process_id.get() && default.definition == *self.process();
                if !same {
                    info!(
                        process = %default.name,
                        version = default.version,
                        "following a process version saved elsewhere"
                    );
                    self.set_default_process(default.definition, default.id);
                }
            }
        }
        Ok(changed)
    }

    fn local_now(&self) -> chrono::DateTime<Local> {
        self.now().with_timezone(&Local)
    }
}

/// The backups of the database at `database`, newest first.
pub fn backups(database: &Path) -> AppResult<Vec<BackupFile>> {
    Ok(backup::list(database)?)
}

/// The newest backup of `database` that passes the integrity check.
pub fn newest_sound_backup(database: &Path) -> AppResult<BackupFile> {
    let path = backup::newest_sound(database)?;
    backup::list(database)?
        .into_iter()
        .find(|file| file.path == path)
        .ok_or_else(|| {
            StoreError::NoBackup {
                folder: backup::folder_for(database),
            }
            .into()
        })
}

/// Puts `from` (or the newest sound backup) in place of the database at `database`; the
/// file it replaces is moved aside, never deleted.
pub fn restore(database: &Path, from: Option<&Path>) -> AppResult<Restored> {
    Ok(backup::restore(database, from, Local::now())?)
}
