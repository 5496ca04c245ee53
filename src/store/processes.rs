//! Named, versioned process definitions, and which version each record follows. A stored
//! version never changes its stages or steps for the records on it, except through a step's
//! required mark; a changed definition is stored as a new version.

use std::collections::HashMap;

use chrono::{DateTime, Utc};
use rusqlite::{OptionalExtension, Row};

use super::codec::{from_json, to_json};
use super::error::{StoreError, StoreResult};
use super::Tx;
use crate::process::{ProcessDefinition, RecordId};

/// The id of the newest version of the default process: the process stored first.
pub(super) const DEFAULT_PROCESS_ID: &str = "(SELECT id FROM processes
    WHERE name = (SELECT name FROM processes ORDER BY id LIMIT 1)
    ORDER BY version DESC LIMIT 1)";

/// One stored version of a process.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StoredProcess {
    /// The row id, which records point at.
    pub id: i64,
    /// The process name, shared by all its versions.
    pub name: String,
    /// 1 for the first version of this name, counting up.
    pub version: u32,
    /// The stages and steps.
    pub definition: ProcessDefinition,
    /// When this version was stored.
    pub created_at: DateTime<Utc>,
}

/// One line of `stride process list`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ProcessSummary {
    /// The process name.
    pub name: String,
    /// The version.
    pub version: u32,
    /// How many stages it has.
    pub stages: usize,
    /// How many records follow this version.
    pub records: u64,
}

const COLUMNS: &str = "id, name, version, definition, created_at";

impl Tx<'_> {
    /// The newest version of the default process, if any process is stored.
    pub fn default_process(&self) -> StoreResult<Option<StoredProcess>> {
        let sql = format!("SELECT {COLUMNS} FROM processes WHERE id = {DEFAULT_PROCESS_ID}");
        self.one_process(&sql, [])
    }

    /// The stored version with this row id.
    pub fn process_by_id(&self, id: i64) -> StoreResult<StoredProcess> {
        let sql = format!("SELECT {COLUMNS} FROM processes WHERE id = ?1");
        self.one_process(&sql, [id])?
            .ok_or_else(|| StoreError::Corrupt(format!("no stored process has the id {id}")))
    }

    /// The given version of the process named `name`, or its newest when `version` is None.
    pub fn process_named(
        &self,
        name: &str,
        version: Option<u32>,
    ) -> StoreResult<Option<StoredProcess>> {
        match version {
            Some(version) => {
                let sql =
                    format!("SELECT {COLUMNS} FROM processes WHERE name = ?1 AND version = ?2");
                self.one_process(&sql, rusqlite::params![name, version])
            }
            None => {
                let sql = format!(
                    "SELECT {COLUMNS} FROM processes WHERE name = ?1
                     ORDER BY version DESC LIMIT 1"
                );
                self.one_process(&sql, [name])
            }
        }
    }

    /// Stores `definition` as the next version of its name (version 1 for a new name).
    pub fn add_process_version(
        &self,
        definition: &ProcessDefinition,
        now: DateTime<Utc>,
    ) -> StoreResult<StoredProcess> {
        let version: u32 = self.tx.query_row(
            "SELECT coalesce(max(version), 0) + 1 FROM processes WHERE name = ?1",
            [&definition.name],
            |row| row.get(0),
        )?;
        self.tx.execute(
            "INSERT INTO processes (name, version, definition, created_at)
             VALUES (?1, ?2, ?3, ?4)",
            rusqlite::params![definition.name, version, to_json(definition)?, now],
        )?;
        self.process_by_id(self.tx.last_insert_rowid())
    }

    /// Replaces the stages and steps of a stored version in place; only for changes every
    /// record on it should see, such as which steps are required.
    pub fn replace_process_definition(
        &self,
        id: i64,
        definition: &ProcessDefinition,
    ) -> StoreResult<()> {
        let changed = self.tx.execute(
            "UPDATE processes SET definition = ?2 WHERE id = ?1",
            rusqlite::params![id, to_json(definition)?],
        )?;
        if changed == 0 {
            return Err(StoreError::Corrupt(format!(
                "no stored process has the id {id}"
            )));
        }
        Ok(())
    }

    /// Every stored version, by name then version, with how many records follow each.
    pub fn process_summaries(&self) -> StoreResult<Vec<ProcessSummary>> {
        let mut statement = self.tx.prepare(
            "SELECT p.name, p.version, p.definition,
                 (SELECT count(*) FROM records r WHERE r.process_id = p.id)
             FROM processes p ORDER BY p.name, p.version",
        )?;
        let rows = statement.query_map([], |row| {
            Ok((
                row.get::<_, String>(0)?,
                row.get::<_, u32>(1)?,
                row.get::<_, String>(2)?,
                row.get::<_, u64>(3)?,
            ))
        })?;
        let mut summaries = Vec::new();
        for row in rows {
            let (name, version, text, records) = row?;
            let definition: ProcessDefinition = from_json(&text, "process definition")?;
            summaries.push(ProcessSummary {
                name,
                version,
                stages: definition.stages.len(),
                records,
            });
        }
        Ok(summaries)
    }

    /// The name of every stage key in any stored version, taken from the newest version
    /// that has the key.
    pub fn stage_names(&self) -> StoreResult<HashMap<String, String>> {
        let mut statement = self
            .tx
            .prepare("SELECT definition FROM processes ORDER BY id DESC")?;
        let texts = statement.query_map([], |row| row.get::<_, String>(0))?;
        let mut names = HashMap::new();
        for text in texts {
            let definition: ProcessDefinition = from_json(&text?, "process definition")?;
            for stage in definition.stages {
                names.entry(stage.key).or_insert(stage.name);
            }
        }
        Ok(names)
    }

    /// The row id of the process version the record follows.
    pub fn record_process_id(&self, id: RecordId) -> StoreResult<i64> {
        let found: Option<Option<i64>> = self
            .tx
            .query_row(
                "SELECT process_id FROM records WHERE id = ?1",
                [id.0],
                |row| row.get(0),
            )
            .optional()?;
        match found {
            Some(Some(process)) => Ok(process),
            Some(None) => Err(StoreError::Corrupt(format!(
                "record {id} follows no process version"
            ))),
            None => Err(StoreError::NotFound(id)),
        }
    }

    /// Makes the record follow another stored process version.
    pub fn set_record_process(&self, id: RecordId, process_id: i64) -> StoreResult<()> {
        let changed = self.tx.execute(
            "UPDATE records SET process_id = ?2 WHERE id = ?1",
            [id.0, process_id],
        )?;
        if changed == 0 {
            return Err(StoreError::NotFound(id));
        }
        Ok(())
    }

    fn one_process(
        &self,
        sql: &str,
        params: impl rusqlite::Params,
    ) -> StoreResult<Option<StoredProcess>> {
        let found = self.tx.query_row(sql, params, read_row).optional()?;
        found.transpose()
    }
}

fn read_row(row: &Row<'_>) -> rusqlite::Result<StoreResult<StoredProcess>> {
    let text: String = row.get(3)?;
    let (id, name, version, created_at) = (row.get(0)?, row.get(1)?, row.get(2)?, row.get(4)?);
    Ok(
        from_json(&text, "process definition").map(|definition| StoredProcess {
            id,
            name,
            version,
            definition,
            created_at,
        }),
    )
}

#[cfg(test)]
mod tests {
    use chrono::TimeZone;

    use super::*;
    use crate::store::Store;

    type TestResult = Result<(), Box<dyn std::error::Error>>;

    fn renamed(name: &str, first_stage: &str) -> ProcessDefinition {
        let mut process = ProcessDefinition::lead_to_opportunity();
        process.name = name.into();
        process.stages[0].name = first_stage.into();
        process
    }

    #[test]
    fn versions_count_up_per_name_and_the_first_name_stays_the_default() -> TestResult {
        let dir = tempfile::tempdir()?;
        let store = Store::open(&dir.path().join("stride.db"))?;
        let now = Utc
            .with_ymd_and_hms(2026, 5, 1, 8, 0, 0)
            .single()
            .ok_or("no time")?;
        let default_name = ProcessDefinition::lead_to_opportunity().name;

        let (other, second) = store.write(|tx| {
            let other = tx.add_process_version(&renamed("Small deal", "Screen"), now)?;
            let second = tx.add_process_version(&renamed(&default_name, "Sift"), now)?;
            Ok::<_, StoreError>((other, second))
        })?;

        assert_eq!((other.version, second.version), (1, 2));
        assert_eq!(second.created_at, now);
        store.read(|tx| {
            let default = tx.default_process()?.ok_or("no default")?;
            assert_eq!((default.id, default.version), (second.id, 2));
            let first = tx
                .process_named(&default_name, Some(1))?
                .ok_or("no version 1")?;
            assert_eq!(first.definition, ProcessDefinition::lead_to_opportunity());
            assert_eq!(
                tx.process_named("Small deal", None)?.map(|p| p.id),
                Some(other.id)
            );
            assert!(tx.process_named("Small deal", Some(2))?.is_none());
            assert_eq!(
                tx.stage_names()?.get("qualify").map(String::as_str),
                Some("Sift")
            );
            Ok::<_, Box<dyn std::error::Error>>(())
        })?;
        Ok(())
    }
}
