//! Copying committed changes from the write-ahead log into the database file on a thread of
//! its own, so a salesperson's tap never waits for it. Left to SQLite, the commit that fills
//! the log past its limit does this copy and syncs the whole file before it returns.

use std::sync::mpsc::{self, RecvTimeoutError, Sender};
use std::thread::JoinHandle;
use std::time::Duration;

use rusqlite::{Connection, OpenFlags};
use tracing::{debug, warn};

use super::error::{StoreError, StoreResult};
use super::{Store, BUSY_WAIT};

/// The thread that copies the log into the database; dropping it stops the thread. The log
/// is copied in full when the last connection to the file closes.
pub struct Checkpointer {
    stop: Option<Sender<()>>,
    thread: Option<JoinHandle<()>>,
}

impl Store {
    /// Copies the log into the database every `every` on a thread with its own connection,
    /// instead of in whichever of this connection's commits fills the log, for as long as
    /// this connection stays open.
    pub fn checkpoint_in_background(&self, every: Duration) -> StoreResult<Checkpointer> {
        let flags = OpenFlags::SQLITE_OPEN_READ_WRITE | OpenFlags::SQLITE_OPEN_NO_MUTEX;
        let conn = Connection::open_with_flags(&self.path, flags)?;
        conn.busy_timeout(BUSY_WAIT)?;

        let (stop, stopped) = mpsc::channel::<()>();
        let thread = std::thread::Builder::new()
            .name("log-checkpoint".into())
            .spawn(move || {
                // A message, or the guard's end, stops the thread.
                while let Err(RecvTimeoutError::Timeout) = stopped.recv_timeout(every) {
                    checkpoint(&conn);
                }
            })
            .map_err(|e| StoreError::files("start the log checkpoint", &self.path, e))?;
        self.conn
            .pragma_update(None, "wal_autocheckpoint", 0)
            .map_err(StoreError::classify)?;
        debug!(
            every_ms = every.as_millis(),
            "copying the log in the background"
        );
        Ok(Checkpointer {
            stop: Some(stop),
            thread: Some(thread),
        })
    }
}

/// Copies as much of the log as no reader still needs, without waiting for anyone.
fn checkpoint(conn: &Connection) {
    let outcome = conn.query_row("PRAGMA wal_checkpoint(PASSIVE)", [], |row| {
        Ok((row.get::<_, i64>(1)?, row.get::<_, i64>(2)?))
    });
    match outcome {
        Ok((logged, copied)) if logged > 0 => debug!(logged, copied, "copied the log"),
        Ok(_) => {}
        Err(error) => warn!(%error, "could not copy the log into the database"),
    }
}

impl Drop for Checkpointer {
    fn drop(&mut self) {
        if let Some(stop) = self.stop.take() {
            let _ = stop.send(());
        }
        if let Some(thread) = self.thread.take() {
            let _ = thread.join();
        }
    }
}

#[cfg(test)]
mod tests {
    use std::error::Error;
    use std::path::Path;
    use std::time::Instant;

    use super::*;
    use crate::process::ProcessDefinition;

    /// Whether the database file itself, leaving out what is only in the log, holds a
    /// process of this name.
    fn file_holds(path: &Path, name: &str) -> bool {
        let uri = format!("file:{}?immutable=1", path.display());
        let flags = OpenFlags::SQLITE_OPEN_READ_ONLY | OpenFlags::SQLITE_OPEN_URI;
        let Ok(conn) = Connection::open_with_flags(uri, flags) else {
            return false;
        };
        conn.query_row(
            "SELECT count(*) FROM processes WHERE name = ?1",
            [name],
            |row| row.get::<_, i64>(0),
        )
        .is_ok_and(|count| count > 0)
    }

    #[test]
    fn commits_reach_the_database_file_without_waiting_for_sqlite() -> Result<(), Box<dyn Error>> {
        let dir = tempfile::tempdir()?;
        let path = dir.path().join("log.db");
        let store = Store::open(&path)?;
        let guard = store.checkpoint_in_background(Duration::from_millis(10))?;
        let limit: i64 = store
            .conn
            .query_row("PRAGMA wal_autocheckpoint", [], |row| row.get(0))?;
        assert_eq!(limit, 0, "commits no longer copy the log themselves");

        let mut process = ProcessDefinition::lead_to_opportunity();
        process.name = "Copied in the background".into();
        store.write(|tx| tx.add_process_version(&process, chrono::Utc::now()))?;

        // A handful of small commits never fill SQLite's own limit: only the thread copies.
        let deadline = Instant::now() + Duration::from_secs(10);
        while !file_holds(&path, &process.name) {
            assert!(Instant::now() < deadline, "the log was never copied");
            std::thread::sleep(Duration::from_millis(10));
        }
        drop(guard);
        Ok(())
    }
}
