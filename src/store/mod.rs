//! The SQLite store: one local file holding records, their steps and history, accounts,
//! contacts and the company's process. Every write runs in one IMMEDIATE transaction.

pub mod backup;
mod bulk;
mod checkpoint;
mod codec;
pub mod error;
mod history;
mod list;
mod migrate;
mod parties;
pub mod private_files;
mod processes;
mod records;
pub mod schema;
mod settings;
mod stage_targets;

use std::cell::RefCell;
use std::path::{Path, PathBuf};
use std::time::Duration;

use chrono::Utc;
use rusqlite::{Connection, OpenFlags, Transaction, TransactionBehavior};
use tracing::{debug, info, warn};

use crate::process::ProcessDefinition;

pub use bulk::Event;
pub use checkpoint::Checkpointer;
pub use error::{StoreError, StoreResult};
pub use list::{ListFilter, ListQuery, ListSort, PageKey, Summary};
pub use parties::{company_key, Account, Contact};
pub use processes::{ProcessSummary, StoredProcess};
pub use settings::USER_NAME;

/// How long a write waits for another Stride window or command before giving up.
const BUSY_WAIT: Duration = Duration::from_secs(10);

/// An open Stride database.
pub struct Store {
    conn: Connection,
    path: PathBuf,
    new: bool,
    /// What a full check found wrong with the file since it was opened; every write is
    /// refused once it is set.
    damage: RefCell<Option<String>>,
}

/// Read and write access inside one transaction; see [`Store::write`].
pub struct Tx<'a> {
    tx: Transaction<'a>,
}

impl Store {
    /// Opens the database at `path`, creating the file (not its folder) when missing, and
    /// brings its schema up to date. A file from a newer Stride, one that is not a database,
    /// or one that cannot be written is refused and left untouched. A new file is readable
    /// by its owner only.
    pub fn open(path: &Path) -> StoreResult<Self> {
        Self::open_with_steps(path, schema::STEPS)
    }

    /// Opens the database at `path` as [`Store::open`] does, migrating with `steps`.
    fn open_with_steps(path: &Path, steps: &[&str]) -> StoreResult<Self> {
        let latest = i64::try_from(steps.len()).unwrap_or(i64::MAX);
        let open_error = |source: Box<dyn std::error::Error + Send + Sync>| StoreError::Open {
            path: path.to_path_buf(),
            source,
        };
        // A folder, a device or a pipe given as the database gets a plain refusal.
        if path.exists() && !path.is_file() {
            return Err(StoreError::NotADatabase {
                path: path.to_path_buf(),
                detail: "it is a folder or a device, not a file".to_string(),
            });
        }
        if !path.exists() {
            private_files::create_file(path).map_err(|e| open_error(Box::new(e)))?;
        }
        let flags = OpenFlags::SQLITE_OPEN_READ_WRITE
            | OpenFlags::SQLITE_OPEN_CREATE
            | OpenFlags::SQLITE_OPEN_NO_MUTEX;
        let mut conn =
            Connection::open_with_flags(path, flags).map_err(|e| open_error(Box::new(e)))?;
        conn.busy_timeout(BUSY_WAIT)?;
        // SQLite quietly opens a file it may not write as read-only; every save would fail.
        if conn.is_readonly(rusqlite::MAIN_DB)? {
            return Err(StoreError::ReadOnly);
        }

        let version = read_version(&conn, path)?;
        if version == 0 && holds_tables(&conn)? {
            return Err(StoreError::NotADatabase {
                path: path.to_path_buf(),
                detail: "it holds another program's tables".to_string(),
            });
        }
        if version > latest {
            return Err(StoreError::TooNew {
                found: version,
                known: latest,
            });
        }

        let mode: String = conn.query_row("PRAGMA journal_mode = WAL", [], |row| row.get(0))?;
        conn.pragma_update(None, "synchronous", "FULL")?;
        conn.pragma_update(None, "foreign_keys", true)?;
        debug!(path = %path.display(), journal = %mode, "opened database");

        if let Some((from, to)) = migrate::migrate(&mut conn, steps)? {
            info!(from, to, "migrated database");
        }

        let store = Store {
            conn,
            path: path.to_path_buf(),
            new: version == 0,
            damage: RefCell::new(None),
        };
        // Only a file without a process is written to, so opening never waits for a writer.
        if store.read(|tx| tx.default_process())?.is_none() {
            store.write(|tx| {
                if tx.default_process()?.is_none() {
                    let builtin = ProcessDefinition::lead_to_opportunity();
                    tx.add_process_version(&builtin, Utc::now())?;
                }
                Ok::<_, StoreError>(())
            })?;
        }
        Ok(store)
    }

    /// Where the database file is.
    pub fn path(&self) -> &Path {
        &self.path
    }

    /// Whether this open started the file: it held no Stride schema before.
    pub fn is_new(&self) -> bool {
        self.new
    }

    /// A number that changes whenever another connection commits a change to the file;
    /// compare two readings to tell whether another window or command wrote in between.
    pub fn data_version(&self) -> StoreResult<i64> {
        self.conn
            .query_row("PRAGMA data_version", [], |row| row.get(0))
            .map_err(StoreError::classify)
    }

    /// SQLite's full check of every page and index: `Ok(())` when the file is sound, else
    /// [`StoreError::Damaged`] with the first problems it found.
    pub fn check_integrity(&self) -> StoreResult<()> {
        backup::check_connection(&self.conn, &self.path)
    }

    /// Refuses every later write, with `damage` as the reason: a check elsewhere (the day's
    /// backup, on a connection of its own) found the file damaged.
    pub fn refuse_writes(&self, damage: StoreError) {
        let detail = match damage {
            StoreError::Damaged { detail, .. } => detail,
            other => other.to_string(),
        };
        warn!(path = %self.path.display(), %detail, "the database is damaged; writes are refused");
        *self.damage.borrow_mut() = Some(detail);
    }

    /// Runs `work` in one IMMEDIATE transaction: all of it is written, or none of it.
    pub fn write<T, E>(&self, work: impl FnOnce(&Tx<'_>) -> Result<T, E>) -> Result<T, E>
    where
        E: From<StoreError>,
    {
        if let Some(detail) = self.damage.borrow().clone() {
            return Err(StoreError::Damaged {
                path: self.path.clone(),
                detail,
            }
            .into());
        }
        let tx = Transaction::new_unchecked(&self.conn, TransactionBehavior::Immediate)
            .map_err(StoreError::classify)?;
        let scope = Tx { tx };
        let value = work(&scope)?;
        scope.tx.commit().map_err(StoreError::classify)?;
        Ok(value)
    }

    /// Runs `work` on one consistent snapshot of the database.
    pub fn read<T, E>(&self, work: impl FnOnce(&Tx<'_>) -> Result<T, E>) -> Result<T, E>
    where
        E: From<StoreError>,
    {
        let tx = Transaction::new_unchecked(&self.conn, TransactionBehavior::Deferred)
            .map_err(StoreError::classify)?;
        let scope = Tx { tx };
        let value = work(&scope)?;
        scope.tx.finish().map_err(StoreError::classify)?;
        Ok(value)
    }
}

/// Whether the file already has tables; a Stride file at version 0 has none, so one that does
/// belongs to another program and must not be migrated into.
fn holds_tables(conn: &Connection) -> StoreResult<bool> {
    conn.query_row("SELECT EXISTS (SELECT 1 FROM sqlite_master)", [], |row| {
        row.get(0)
    })
    .map_err(StoreError::classify)
}

fn read_version(conn: &Connection, path: &Path) -> StoreResult<i64> {
    conn.query_row("PRAGMA user_version", [], |row| row.get(0))
        .map_err(|e| match e.sqlite_error_code() {
            Some(rusqlite::ErrorCode::NotADatabase) => StoreError::NotADatabase {
                path: path.to_path_buf(),
                detail: e.to_string(),
            },
            _ => StoreError::classify(e),
        })
}
