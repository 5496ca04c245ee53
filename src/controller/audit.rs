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

/// The computer account's name: USER, else LOGNAME (set by login when USER is not), else
/// USERNAME (Windows), else the account the process runs as, else "unknown".
pub(super) fn default_user() -> String {
    ["USER", "LOGNAME", "USERNAME"]
        .iter()
        .filter_map(|name| std::env::var(name).ok())
        .map(|name| name.trim().to_string())
        .find(|name| !name.is_empty())
        .or_else(account_name)
        .unwrap_or_else(|| "unknown".to_string())
}

/// The name of the account the process runs as, read from the system's account list; no
/// lookup service is asked, so this never waits on a network.
#[cfg(unix)]
fn account_name() -> Option<String> {
    use std::os::unix::fs::MetadataExt;
    // The owner of this process's own /proc entry is the account it runs as.
    let uid = std::fs::metadata("/proc/self").ok()?.uid();
    let accounts = std::fs::read_to_string("/etc/passwd").ok()?;
    account_in(&accounts, uid)
}

#[cfg(not(unix))]
fn account_name() -> Option<String> {
    None
}

/// The name of account `uid` in a passwd-format list.
#[cfg_attr(not(unix), allow(dead_code))]
fn account_in(accounts: &str, uid: u32) -> Option<String> {
    accounts.lines().find_map(|line| {
        let mut fields = line.split(':');
        let name = fields.next()?.trim();
        let id: u32 = fields.nth(1)?.trim().parse().ok()?;
        (id == uid && !name.is_empty()).then(|| name.to_string())
    })
}

#[cfg(test)]
mod tests {
    use super::account_in;

    #[test]
    fn the_account_is_found_by_its_number() {
        let list = "root:x:0:0:root:/root:/bin/sh\n# note\nana:x:1000:1000::/home/ana:/bin/sh\n";
        let cases = [(0, Some("root")), (1000, Some("ana")), (7, None)];
        for (uid, name) in cases {
            assert_eq!(account_in(list, uid).as_deref(), name, "{uid}");
        }
    }
}
