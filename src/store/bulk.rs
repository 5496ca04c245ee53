//! Writing many records at once, such as a demo pipeline: each record arrives with its whole
//! history and is written with the same columns, codecs and history events as the commands
//! that would have built it one by one, through cached prepared statements, inside the one
//! transaction the caller opened with [`Store::write`](super::Store::write).

use std::collections::BTreeMap;

use chrono::{DateTime, Utc};

use super::codec::to_json;
use super::error::{StoreError, StoreResult};
use super::{Store, Tx};
use crate::process::{Change, Record, RecordId};

/// SQLite's page cache during a bulk write, in KiB: a batch of 100,000 records touches far
/// more pages than the default 2 MiB holds, and every miss is a read back from the log.
/// Who the history of demo records says made each change.
const DEMO_USER: &str = "demo";

const BULK_CACHE_KIB: i64 = 64 * 1024;

/// The search-index triggers that follow new and changed records; a bulk write drops them
/// while it runs and fills the index in one statement instead.
const ROW_TRIGGERS: [&str; 2] = ["record_search_on_insert", "record_search_on_update"];

/// What a bulk write set aside: the triggers' SQL, and the last record id before it began.
pub struct PausedIndex {
    triggers: Vec<String>,
    last_id: i64,
}

/// The changes one command made to a record, and when.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Event {
    /// When the command ran.
    pub at: DateTime<Utc>,
    /// What it changed, in order.
    pub changes: Vec<Change>,
}

impl Store {
    /// Runs `work` like [`Store::write`], with a page cache sized for a large batch for as
    /// long as it runs, and the search index filled once at the end rather than row by row.
    /// `work` may add records and change the ones it added, but no others: records that
    /// were there before would keep their old search words.
    pub fn write_bulk<T, E>(&self, work: impl FnOnce(&Tx<'_>) -> Result<T, E>) -> Result<T, E>
    where
        E: From<StoreError>,
    {
        let usual: i64 = self
            .conn
            .query_row("PRAGMA cache_size", [], |row| row.get(0))
            .map_err(StoreError::classify)?;
        self.conn
            .pragma_update(None, "cache_size", -BULK_CACHE_KIB)
            .map_err(StoreError::classify)?;
        let outcome = self.write(|tx| {
            let paused = tx.pause_search_index()?;
            let value = work(tx)?;
            tx.resume_search_index(paused)?;
            Ok(value)
        });
        self.conn
            .pragma_update(None, "cache_size", usual)
            .map_err(StoreError::classify)?;
        outcome
    }
}

impl Tx<'_> {
    /// Drops the search triggers for new and changed records until
    /// [`Tx::resume_search_index`], inside this transaction, so a failure restores them.
    fn pause_search_index(&self) -> StoreResult<PausedIndex> {
        let mut triggers = Vec::new();
        for name in ROW_TRIGGERS {
            let sql: String = self.tx.query_row(
                "SELECT sql FROM sqlite_master WHERE type = 'trigger' AND name = ?1",
                [name],
                |row| row.get(0),
            )?;
            self.tx.execute_batch(&format!("DROP TRIGGER {name}"))?;
            triggers.push(sql);
        }
        let last_id = self
            .tx
            .query_row("SELECT coalesce(max(id), 0) FROM records", [], |row| {
                row.get(0)
            })?;
        Ok(PausedIndex { triggers, last_id })
    }

    /// Indexes every record added since [`Tx::pause_search_index`] in one statement, merges
    /// the index and puts the triggers back.
    fn resume_search_index(&self, paused: PausedIndex) -> StoreResult<()> {
        self.tx.execute(
            "INSERT INTO record_search (rowid, topic, people, company, notes, tab)
             SELECT id, topic, people, company, notes, tab FROM record_search_text
             WHERE id > ?1",
            [paused.last_id],
        )?;
        // One index segment instead of the many a large fill leaves: a word is then looked
        // up in one place, which keeps short searches quick.
        self.tx
            .execute_batch("INSERT INTO record_search (record_search) VALUES ('optimize')")?;
        for sql in &paused.triggers {
            self.tx.execute_batch(sql)?;
        }
        Ok(())
    }

    /// Saves a new record with the history that produced it and returns its id.
    ///
    /// The record counts as last changed at its last event, and each step value as set when
    /// the history last set it, else when the record was created (an opportunity's steps
    /// carried over from its lead), as if the commands had run one by one at those times.
    pub fn insert_with_history(&self, record: &Record, history: &[Event]) -> StoreResult<RecordId> {
        let updated_at = history.last().map_or(record.created_at, |event| event.at);
        let id = self.insert_record_row(record, updated_at)?;

        let mut set_at = BTreeMap::new();
        for event in history {
            for change in &event.changes {
                if let Change::StepSet { step, .. } = change {
                    set_at.insert(step.as_str(), event.at);
                }
            }
        }
        let mut insert_step = self.tx.prepare_cached(
            "INSERT INTO step_values (record_id, step, value, set_at) VALUES (?1, ?2, ?3, ?4)",
        )?;
        for (key, value) in &record.steps {
            let at = set_at
                .get(key.as_str())
                .copied()
                .unwrap_or(record.created_at);
            insert_step.execute(rusqlite::params![id.0, key, to_json(value)?, at])?;
        }

        for event in history {
            self.append_history(id, event.at, DEMO_USER, &event.changes)?;
        }
        Ok(id)
    }
}
