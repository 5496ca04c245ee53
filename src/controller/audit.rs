//! The audit side of the controller: the user name history entries carry (a setting kept in
//! the database), a record's raw history, and setting a probability by hand.

use tracing::info;

use super::{AppError, AppResult, Controller};
use crate::process::history::Entry;
use crate::process::{Command, RecordId};
use crate::store::USER_NAME;

impl Controller {
    /// Who history entries made on this device name: the user name setting, else the
    /// computer account.
    pub fn user(&self) -> &str {
        &self.user
    }

    /// Sets the user name history entries carry from now on; it is kept in the database.
    pub fn set_user(&mut self, name: &str) -> AppResult<()> {
        let name = name.trim();
        if name.is_empty() {
            return Err(AppError::invalid(
                "User name",
                "write the name to show in history",
            ));
        }
        self.store.write(|tx| tx.set_setting(USER_NAME, name))?;
        info!(user = name, "user name set");
        self.user = name.to_string();
        Ok(())
    }

    /// Sets an open opportunity's win probability by hand.
    pub fn set_probability(&self, id: RecordId, probability: u8) -> AppResult<()> {
        self.run(id, Command::SetProbability(probability))
    }

    /// A record's whole history, oldest first, with who made each change.
    pub fn history_entries(&self, id: RecordId) -> AppResult<Vec<Entry>> {
        Ok(self.store.read(|tx| tx.history(id))?)
    }
}

/// The computer account's name, or "unknown".
pub(super) fn default_user() -> String {
    ["USER", "USERNAME"]
        .iter()
        .filter_map(|name| std::env::var(name).ok())
        .map(|name| name.trim().to_string())
        .find(|name| !name.is_empty())
        .unwrap_or_else(|| "unknown".to_string())
}
