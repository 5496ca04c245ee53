//! The append-only history of every record: stage entries and exits, status changes, step
//! edits and reasons, each with its UTC time and who made it.

use chrono::{DateTime, Utc};

use super::codec::{from_json, to_json};
use super::error::StoreResult;
use super::Tx;
use crate::process::history::Entry;
use crate::process::{Change, RecordId};

impl Tx<'_> {
    /// Appends what a command by the user `by` did to a record's history.
    pub fn append_history(
        &self,
        id: RecordId,
        at: DateTime<Utc>,
        by: &str,
        changes: &[Change],
    ) -> StoreResult<()> {
        let mut insert = self.tx.prepare_cached(
            "INSERT INTO history (record_id, at, event, detail, by) VALUES (?1, ?2, ?3, ?4, ?5)",
        )?;
        for change in changes {
            insert.execute(rusqlite::params![
                id.0,
                at,
                event_name(change),
                to_json(change)?,
                by
            ])?;
        }
        Ok(())
    }

    /// A record's whole history, oldest first.
    pub fn history(&self, id: RecordId) -> StoreResult<Vec<Entry>> {
        let mut query = self.tx.prepare_cached(
            "SELECT at, detail, by FROM history WHERE record_id = ?1 ORDER BY id",
        )?;
        let rows = query.query_map([id.0], |row| {
            Ok((
                row.get::<_, DateTime<Utc>>(0)?,
                row.get::<_, String>(1)?,
                row.get::<_, String>(2)?,
            ))
        })?;
        let mut entries = Vec::new();
        for row in rows {
            let (at, detail, by) = row?;
            entries.push(Entry {
                at,
                by,
                change: from_json(&detail, "history entry")?,
            });
        }
        Ok(entries)
    }
}

fn event_name(change: &Change) -> &'static str {
    match change {
        Change::Created => "created",
        Change::StageEntered { .. } => "stage_entered",
        Change::StageLeft { .. } => "stage_left",
        Change::StatusChanged { .. } => "status_changed",
        Change::StepSet { .. } => "step_set",
        Change::ReasonGiven { .. } => "reason_given",
        Change::ProbabilitySet { .. } => "probability_set",
        Change::ProcessSwitched { .. } => "process_switched",
    }
}
