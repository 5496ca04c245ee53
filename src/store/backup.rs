//! Backups of the database through SQLite's online backup API, kept in a `backups` folder
//! beside it, and restoring one of them. Every copy is checked with `PRAGMA integrity_check`
//! before it is kept or used, and no file is ever written over or deleted except backups
//! older than the newest [`KEEP`].

use std::path::{Path, PathBuf};
use std::time::Duration;

use chrono::{DateTime, Local, NaiveDateTime};
use rusqlite::backup::Backup;
use rusqlite::{Connection, OpenFlags};
use tracing::{info, warn};

use super::error::{StoreError, StoreResult};
use super::{private_files, schema, Store};

/// How many automatic and manual backups the `backups` folder keeps.
pub const KEEP: usize = 7;

/// How the time a backup was taken is written in its file name.
const STAMP: &str = "%Y-%m-%d-%H%M%S%3f";

/// One backup file in the `backups` folder.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BackupFile {
    /// Where it is.
    pub path: PathBuf,
    /// When it was taken, on this computer's clock.
    pub taken: NaiveDateTime,
}

/// What a restore did.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Restored {
    /// The backup that is now the database.
    pub from: PathBuf,
    /// Where the file it replaced was moved, if there was one.
    pub set_aside: Option<PathBuf>,
}

/// The folder beside the database that holds its backups.
pub fn folder_for(database: &Path) -> PathBuf {
    folder_of(database).join("backups")
}

/// The backups of `database`, newest first; a missing folder means none.
pub fn list(database: &Path) -> StoreResult<Vec<BackupFile>> {
    let folder = folder_for(database);
    // Backups are named for the database's whole file name, so `crm.db` and `crm.sqlite` in
    // one folder keep their own. Earlier backups were named for the stem alone; they are
    // read as those of the `.db` file with that stem, the only name Stride gave them to.
    let prefix = format!("{}-", file_name(database));
    let earlier = (database.extension().is_some_and(|ext| ext == "db"))
        .then(|| format!("{}-", stem(database)));
    let entries = match std::fs::read_dir(&folder) {
        Ok(entries) => entries,
        Err(error) if error.kind() == std::io::ErrorKind::NotFound => return Ok(Vec::new()),
        Err(error) => return Err(StoreError::files("list the backups in", &folder, error)),
    };

    let mut backups: Vec<BackupFile> = entries
        .filter_map(Result::ok)
        .filter_map(|entry| {
            let name = entry.file_name().into_string().ok()?;
            let rest = name
                .strip_prefix(&prefix)
                .or_else(|| earlier.as_deref().and_then(|old| name.strip_prefix(old)))?;
            let stamp = rest.strip_suffix(".db")?;
            let taken = NaiveDateTime::parse_from_str(stamp, STAMP).ok()?;
            Some(BackupFile {
                path: entry.path(),
                taken,
            })
        })
        .collect();
    backups.sort_by_key(|backup| std::cmp::Reverse(backup.taken));
    Ok(backups)
}

/// Checks that `path` is a sound Stride database this build can open: SQLite's integrity
/// check passes and its schema is not newer than this build's. Returns its schema version.
pub fn check_file(path: &Path) -> StoreResult<i64> {
    let conn = Connection::open_with_flags(
        path,
        OpenFlags::SQLITE_OPEN_READ_ONLY | OpenFlags::SQLITE_OPEN_NO_MUTEX,
    )
    .map_err(|e| StoreError::NotADatabase {
        path: path.to_path_buf(),
        detail: e.to_string(),
    })?;
    check_connection(&conn, path)?;

    let version: i64 = conn.query_row("PRAGMA user_version", [], |row| row.get(0))?;
    let has_process: bool = conn.query_row(
        "SELECT EXISTS (SELECT 1 FROM sqlite_master WHERE type = 'table'
             AND name IN ('process', 'processes'))",
        [],
        |row| row.get(0),
    )?;
    if version < 1 || !has_process {
        return Err(StoreError::NotADatabase {
            path: path.to_path_buf(),
            detail: "it holds no Stride records".to_string(),
        });
    }
    if version > schema::latest_version() {
        return Err(StoreError::TooNew {
            found: version,
            known: schema::latest_version(),
        });
    }
    Ok(version)
}

/// Runs SQLite's integrity check on an open connection to `path`.
pub(crate) fn check_connection(conn: &Connection, path: &Path) -> StoreResult<()> {
    let damaged = |detail: String| StoreError::Damaged {
        path: path.to_path_buf(),
        detail,
    };
    let mut statement = conn
        .prepare("PRAGMA integrity_check(5)")
        .map_err(|e| damaged(e.to_string()))?;
    let lines: Vec<String> = statement
        .query_map([], |row| row.get(0))
        .and_then(|rows| rows.collect())
        .map_err(|e| damaged(e.to_string()))?;
    if lines == ["ok"] {
        Ok(())
    } else {
        Err(damaged(lines.join("; ")))
    }
}

impl Store {
    /// Copies the database, as it is now, to `target`, which must not exist yet. The copy
    /// is checked before it is kept; a copy that fails the check means this file is
    /// damaged, and nothing is kept.
    pub fn backup_to(&self, target: &Path) -> StoreResult<()> {
        if target.exists() {
            return Err(StoreError::Exists {
                path: target.to_path_buf(),
            });
        }
        let partial = partial_name(target);
        let result = self.copy_checked(&partial).and_then(|()| {
            std::fs::rename(&partial, target)
                .map_err(|e| StoreError::files("save the backup as", target, e))
        });
        if result.is_err() {
            let _ = std::fs::remove_file(&partial);
        }
        result?;

        let folder = folder_of(target);
        private_files::sync_folder(&folder)
            .map_err(|e| StoreError::files("save the backup in", &folder, e))?;
        info!(backup = %target.display(), "backed up the database");
        Ok(())
    }

    /// Takes a backup into the `backups` folder, named for `now`, and deletes the oldest
    /// ones beyond [`KEEP`]. Returns the new backup's path.
    pub fn backup_now(&self, now: DateTime<Local>) -> StoreResult<PathBuf> {
        let folder = folder_for(&self.path);
        private_files::create_folder(&folder)
            .map_err(|e| StoreError::files("create the backup folder", &folder, e))?;

        let name = format!("{}-{}.db", file_name(&self.path), now.format(STAMP));
        let target = folder.join(name);
        self.backup_to(&target)?;

        prune(&self.path)?;
        Ok(target)
    }

    /// Takes the day's automatic backup unless one was already taken on `now`'s date.
    /// A database this open has just started holds nothing worth keeping and is skipped.
    pub fn daily_backup(&self, now: DateTime<Local>) -> StoreResult<Option<PathBuf>> {
        if self.new {
            return Ok(None);
        }
        let newest = list(&self.path)?.into_iter().next();
        if newest.is_some_and(|backup| backup.taken.date() == now.date_naive()) {
            return Ok(None);
        }
        self.backup_now(now).map(Some)
    }

    /// Copies the database page by page into a new file at `partial` and checks the copy.
    fn copy_checked(&self, partial: &Path) -> StoreResult<()> {
        let _ = std::fs::remove_file(partial);
        private_files::create_file(partial)
            .map_err(|e| StoreError::files("create the backup file", partial, e))?;
        let mut copy = Connection::open(partial)?;
        // All pages in one step, from one snapshot: a copy made in steps starts again each
        // time another connection writes, and may never finish while anyone is working.
        // Under the write-ahead log, reading the snapshot holds up no writer.
        Backup::new(&self.conn, &mut copy)?.run_to_completion(
            std::ffi::c_int::MAX,
            Duration::from_millis(5),
            None,
        )?;

        // A backup is one self-contained file, with no write-ahead log beside it.
        let _: String = copy.query_row("PRAGMA journal_mode = DELETE", [], |row| row.get(0))?;
        check_connection(&copy, partial).map_err(|error| match error {
            StoreError::Damaged { detail, .. } => StoreError::Damaged {
                path: self.path.clone(),
                detail,
            },
            other => other,
        })?;
        copy.close().map_err(|(_, e)| StoreError::classify(e))?;

        std::fs::File::open(partial)
            .and_then(|file| file.sync_all())
            .map_err(|e| StoreError::files("save the backup file", partial, e))
    }
}

/// Puts a backup in place of the database at `database`: `from`, or else the newest
/// backup that passes the integrity check. The file it replaces, with its write-ahead log,
/// is moved aside (named for `now`), never deleted. Close every Stride window on the
/// database first.
pub fn restore(
    database: &Path,
    from: Option<&Path>,
    now: DateTime<Local>,
) -> StoreResult<Restored> {
    let from = match from {
        Some(path) => {
            check_file(path)?;
            path.to_path_buf()
        }
        None => newest_sound(database)?,
    };
    if same_file(&from, database) {
        return Err(StoreError::Exists {
            path: database.to_path_buf(),
        });
    }

    let incoming = database.with_file_name(format!("{}.restoring", file_name(database)));
    let _ = std::fs::remove_file(&incoming);
    std::fs::copy(&from, &incoming)
        .and_then(|_| private_files::restrict(&incoming))
        .and_then(|()| std::fs::File::open(&incoming)?.sync_all())
        .map_err(|e| StoreError::files("copy the backup", &from, e))?;

    let set_aside = if database.exists() {
        let aside = database.with_file_name(format!(
            "{}.set-aside-{}",
            file_name(database),
            now.format("%Y-%m-%d-%H%M%S")
        ));
        for suffix in ["", "-wal", "-shm"] {
            let current = PathBuf::from(format!("{}{suffix}", database.display()));
            if current.exists() {
                let moved = PathBuf::from(format!("{}{suffix}", aside.display()));
                std::fs::rename(&current, &moved)
                    .map_err(|e| StoreError::files("move aside", &current, e))?;
            }
        }
        warn!(file = %aside.display(), "moved the database aside to restore a backup");
        Some(aside)
    } else {
        None
    };

    std::fs::rename(&incoming, database)
        .map_err(|e| StoreError::files("put the backup in place at", database, e))?;
    let folder = folder_of(database);
    private_files::sync_folder(&folder)
        .map_err(|e| StoreError::files("save the restored file in", &folder, e))?;
    info!(from = %from.display(), database = %database.display(), "restored a backup");
    Ok(Restored { from, set_aside })
}

/// The newest backup of `database` that passes the integrity check.
pub fn newest_sound(database: &Path) -> StoreResult<PathBuf> {
    for backup in list(database)? {
        match check_file(&backup.path) {
            Ok(_) => return Ok(backup.path),
            Err(error) => warn!(backup = %backup.path.display(), %error, "skipped a backup"),
        }
    }
    Err(StoreError::NoBackup {
        folder: folder_for(database),
    })
}

/// Deletes the oldest backups beyond [`KEEP`], and copies a stopped backup left behind.
fn prune(database: &Path) -> StoreResult<()> {
    for old in list(database)?.into_iter().skip(KEEP) {
        std::fs::remove_file(&old.path)
            .map_err(|e| StoreError::files("delete the old backup", &old.path, e))?;
        info!(backup = %old.path.display(), "deleted an old backup");
    }
    Ok(())
}

/// The folder holding `path`; a bare file name is in the current folder.
fn folder_of(path: &Path) -> PathBuf {
    match path.parent() {
        Some(parent) if !parent.as_os_str().is_empty() => parent.to_path_buf(),
        _ => PathBuf::from("."),
    }
}

/// The file name a backup is written under until it is complete and checked.
fn partial_name(target: &Path) -> PathBuf {
    target.with_file_name(format!(".{}.partial", file_name(target)))
}

fn stem(path: &Path) -> String {
    path.file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_else(|| "stride".to_string())
}

fn file_name(path: &Path) -> String {
    path.file_name()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_else(|| "stride.db".to_string())
}

fn same_file(a: &Path, b: &Path) -> bool {
    match (a.canonicalize(), b.canonicalize()) {
        (Ok(a), Ok(b)) => a == b,
        _ => false,
    }
}
