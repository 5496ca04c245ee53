//! What can go wrong with the database file, in words that tell the user what to do.

use std::path::PathBuf;

use crate::process::RecordId;

/// A failure reading or writing the Stride database.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum StoreError {
    /// The database file or its folder cannot be opened or created.
    #[error(
        "Cannot open the database at {path}: {source}. Check that the folder exists and \
         you may write to it."
    )]
    Open {
        /// The database file.
        path: PathBuf,
        /// What SQLite or the file system said.
        source: Box<dyn std::error::Error + Send + Sync>,
    },
    /// The file is not a database, or it is damaged.
    #[error(
        "{path} is not a Stride database or it is damaged ({detail}). Nothing was \
         changed; run `stride restore` to put back the newest backup, or choose another file."
    )]
    NotADatabase {
        /// The file.
        path: PathBuf,
        /// What SQLite said.
        detail: String,
    },
    /// The file opens but SQLite's integrity check finds damage in it.
    #[error(
        "{path} is damaged ({detail}). Nothing was changed, and Stride will not write to it. \
         Close Stride and run `stride restore` to put back the newest sound backup; if there \
         is none, keep a copy of this file for recovery."
    )]
    Damaged {
        /// The file.
        path: PathBuf,
        /// The first problems SQLite found.
        detail: String,
    },
    /// No backup that passes the integrity check was found.
    #[error(
        "There is no sound Stride backup in {folder}. Nothing was changed; name a backup \
         file with `stride restore FILE`."
    )]
    NoBackup {
        /// Where backups were looked for.
        folder: PathBuf,
    },
    /// A backup was asked to overwrite a file, or to restore the database onto itself.
    #[error("{path} already exists; Stride never writes over a file. Choose another name.")]
    Exists {
        /// The file that is in the way.
        path: PathBuf,
    },
    /// Copying, moving or listing files for a backup or restore failed.
    #[error("Cannot {action} {path}: {source}. Nothing was lost.")]
    Files {
        /// What Stride was doing, as a verb phrase.
        action: &'static str,
        /// The file or folder.
        path: PathBuf,
        /// What the system said.
        source: std::io::Error,
    },
    /// The file was written by a newer Stride.
    #[error(
        "This database was written by a newer version of Stride (schema {found}, this \
         version knows up to {known}). Update Stride to open it; the file was left \
         untouched."
    )]
    TooNew {
        /// Schema version found in the file.
        found: i64,
        /// Newest schema version this build knows.
        known: i64,
    },
    /// Another program holds the database for longer than we wait.
    #[error(
        "The database is busy in another Stride window or command. Try again in a \
         moment; nothing was lost."
    )]
    Busy,
    /// No record has this id.
    #[error("There is no lead or opportunity with id {0}.")]
    NotFound(RecordId),
    /// A stored value could not be read back.
    #[error(
        "The database holds a value Stride cannot read ({0}). The file may be damaged; run \
         `stride restore` to put back the newest backup."
    )]
    Corrupt(String),
    /// The file or its folder may not be written.
    #[error(
        "The database cannot be saved to: its file or its folder is read-only. Make both \
         writable, or copy the file to a folder you may write to and open that."
    )]
    ReadOnly,
    /// Any other SQLite failure.
    #[error("The database reported an error: {0}")]
    Sqlite(rusqlite::Error),
    /// A schema migration failed; the file is as it was before.
    #[error("Upgrading the database failed and it was left as it was: {0}")]
    Migration(String),
}

impl StoreError {
    /// Whether the file is damaged or not a Stride database, so restoring a backup may help.
    pub fn is_damaged_file(&self) -> bool {
        matches!(
            self,
            StoreError::NotADatabase { .. } | StoreError::Damaged { .. } | StoreError::Corrupt(_)
        )
    }

    /// A file-system failure while `action` on `path`.
    pub(crate) fn files(
        action: &'static str,
        path: &std::path::Path,
        source: std::io::Error,
    ) -> Self {
        StoreError::Files {
            action,
            path: path.to_path_buf(),
            source,
        }
    }

    /// Turns SQLite's busy, locked, read-only and damaged-file codes into errors a user can
    /// act on.
    pub(crate) fn classify(error: rusqlite::Error) -> Self {
        use rusqlite::ErrorCode;
        match error.sqlite_error_code() {
            Some(ErrorCode::DatabaseBusy | ErrorCode::DatabaseLocked) => StoreError::Busy,
            Some(ErrorCode::ReadOnly) => StoreError::ReadOnly,
            Some(ErrorCode::DatabaseCorrupt | ErrorCode::NotADatabase) => {
                StoreError::Corrupt(error.to_string())
            }
            _ => StoreError::Sqlite(error),
        }
    }
}

impl From<rusqlite::Error> for StoreError {
    fn from(error: rusqlite::Error) -> Self {
        Self::classify(error)
    }
}

/// Shorthand for results of store operations.
pub type StoreResult<T> = Result<T, StoreError>;

#[cfg(test)]
mod tests {
    use super::*;

    fn sqlite(code: i32) -> rusqlite::Error {
        rusqlite::Error::SqliteFailure(rusqlite::ffi::Error::new(code), None)
    }

    #[test]
    fn busy_locked_and_read_only_codes_become_errors_a_user_can_act_on() {
        use rusqlite::ffi;

        assert!(matches!(
            StoreError::from(sqlite(ffi::SQLITE_BUSY)),
            StoreError::Busy
        ));
        assert!(matches!(
            StoreError::from(sqlite(ffi::SQLITE_LOCKED)),
            StoreError::Busy
        ));
        assert!(matches!(
            StoreError::from(sqlite(ffi::SQLITE_READONLY_DIRECTORY)),
            StoreError::ReadOnly
        ));
        assert!(matches!(
            StoreError::from(sqlite(ffi::SQLITE_CORRUPT)),
            StoreError::Corrupt(_)
        ));
        assert!(matches!(
            StoreError::from(sqlite(ffi::SQLITE_IOERR)),
            StoreError::Sqlite(_)
        ));
    }
}
