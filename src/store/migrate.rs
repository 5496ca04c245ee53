//! Brings a database's schema forward: every pending migration in one IMMEDIATE transaction,
//! foreign keys checked before it commits, so a failure leaves the file exactly as it was.

use rusqlite::{Connection, Transaction, TransactionBehavior};

use super::error::{StoreError, StoreResult};

/// Runs the migrations in `steps` that the file has not had yet; the position in `steps`
/// (from 1) is the schema version. Returns the versions it went from and to, or `None` when
/// the file was already up to date. Another Stride opening the file at the same moment
/// waits, then finds nothing left to do.
pub(crate) fn migrate(conn: &mut Connection, steps: &[&str]) -> StoreResult<Option<(i64, i64)>> {
    let latest = i64::try_from(steps.len()).unwrap_or(i64::MAX);

    // An up-to-date file needs no write lock, so opening it never waits for a writer.
    let current: i64 = conn.query_row("PRAGMA user_version", [], |row| row.get(0))?;
    if current == latest {
        return Ok(None);
    }

    let tx = Transaction::new_unchecked(conn, TransactionBehavior::Immediate)
        .map_err(StoreError::classify)?;
    let found: i64 = tx.query_row("PRAGMA user_version", [], |row| row.get(0))?;
    if found > latest {
        return Err(StoreError::TooNew {
            found,
            known: latest,
        });
    }
    if found == latest {
        return Ok(None);
    }

    let pending = steps
        .iter()
        .enumerate()
        .skip(usize::try_from(found).unwrap_or(0));
    for (index, sql) in pending {
        tx.execute_batch(sql).map_err(|e| {
            StoreError::Migration(format!(
                "the step to schema version {} failed: {e}",
                index + 1
            ))
        })?;
    }

    check_foreign_keys(&tx)?;
    tx.pragma_update(None, "user_version", latest)?;
    tx.commit().map_err(StoreError::classify)?;
    Ok(Some((found, latest)))
}

/// Refuses to commit a schema whose rows point at rows that do not exist.
fn check_foreign_keys(tx: &Transaction<'_>) -> StoreResult<()> {
    let mut statement = tx.prepare("PRAGMA foreign_key_check")?;
    let broken: Vec<String> = statement
        .query_map([], |row| {
            let table: String = row.get(0)?;
            let rowid: Option<i64> = row.get(1)?;
            let parent: String = row.get(2)?;
            Ok(format!(
                "row {} of {table} points at a missing {parent}",
                rowid.unwrap_or_default()
            ))
        })?
        .collect::<Result<_, _>>()?;
    if broken.is_empty() {
        Ok(())
    } else {
        Err(StoreError::Migration(format!(
            "after the upgrade {}",
            broken.join("; ")
        )))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    use crate::store::{schema, Store};

    type TestResult = Result<(), Box<dyn std::error::Error>>;

    #[test]
    fn a_failing_migration_leaves_the_file_byte_for_byte_unchanged() -> TestResult {
        let dir = tempfile::tempdir()?;
        let path = dir.path().join("old.db");
        drop(Store::open(&path)?);
        let before = std::fs::read(&path)?;

        let mut steps = schema::STEPS.to_vec();
        steps.push("CREATE TABLE added (id INTEGER PRIMARY KEY); INSERT INTO nowhere VALUES (1);");
        let error = match Store::open_with_steps(&path, &steps) {
            Ok(_) => panic!("a broken migration was applied"),
            Err(error) => error,
        };

        assert!(matches!(error, StoreError::Migration(_)), "{error}");
        assert!(error.to_string().contains("schema version"), "{error}");
        assert_eq!(std::fs::read(&path)?, before);
        let store = Store::open(&path)?;
        let tables: i64 = store.conn.query_row(
            "SELECT count(*) FROM sqlite_master WHERE name = 'added'",
            [],
            |row| row.get(0),
        )?;
        assert_eq!(tables, 0);
        Ok(())
    }

    #[test]
    fn a_migration_that_breaks_foreign_keys_is_not_committed() -> TestResult {
        let dir = tempfile::tempdir()?;
        let path = dir.path().join("old.db");
        drop(Store::open(&path)?);
        let before = std::fs::read(&path)?;

        let mut steps = schema::STEPS.to_vec();
        steps.push(
            "PRAGMA defer_foreign_keys = ON;
             INSERT INTO history (record_id, at, event, detail) VALUES (999, '', '', '');",
        );
        let error = match Store::open_with_steps(&path, &steps) {
            Ok(_) => panic!("a migration that breaks foreign keys was applied"),
            Err(error) => error,
        };

        assert!(error.to_string().contains("missing records"), "{error}");
        assert_eq!(std::fs::read(&path)?, before);
        Ok(())
    }

    #[test]
    fn migrating_twice_does_nothing_the_second_time() -> TestResult {
        let dir = tempfile::tempdir()?;
        let mut conn = Connection::open(dir.path().join("new.db"))?;

        let first = migrate(&mut conn, schema::STEPS)?;
        let second = migrate(&mut conn, schema::STEPS)?;

        assert_eq!(first, Some((0, schema::latest_version())));
        assert_eq!(second, None);
        Ok(())
    }
}
