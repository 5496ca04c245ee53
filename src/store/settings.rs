//! Device settings kept in the database, such as the user name history entries carry.

use rusqlite::OptionalExtension;

use super::error::StoreResult;
use super::Tx;

/// The setting that holds the user name.
pub const USER_NAME: &str = "user_name";

impl Tx<'_> {
    /// The value of a setting, if it was ever set.
    pub fn setting(&self, key: &str) -> StoreResult<Option<String>> {
        Ok(self
            .tx
            .query_row("SELECT value FROM settings WHERE key = ?1", [key], |row| {
                row.get(0)
            })
            .optional()?)
    }

    /// Sets a setting, replacing its earlier value.
    pub fn set_setting(&self, key: &str, value: &str) -> StoreResult<()> {
        self.tx.execute(
            "INSERT INTO settings (key, value) VALUES (?1, ?2)
             ON CONFLICT (key) DO UPDATE SET value = excluded.value",
            [key, value],
        )?;
        Ok(())
    }
}
