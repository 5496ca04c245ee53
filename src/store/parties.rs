//! Accounts and contacts: who an opportunity is sold to. Lookups by normalised company name
//! and e-mail find possible duplicates before qualify writes anything.

use chrono::{DateTime, Utc};
use rusqlite::{OptionalExtension, Row};

use super::error::StoreResult;
use super::Tx;
use crate::process::Person;

/// A company the business sells to.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Account {
    /// Its id.
    pub id: i64,
    /// The company name.
    pub name: String,
    /// Id in the system it was imported from.
    pub external_id: Option<String>,
}

/// A person at an account.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Contact {
    /// Its id.
    pub id: i64,
    /// Name, title, e-mail and phone.
    pub person: Person,
    /// The account the person works for.
    pub account: Option<i64>,
}

/// The form of a company name used to spot duplicates: case, punctuation, both kinds of
/// apostrophe, spacing and common legal suffixes are ignored.
pub fn company_key(name: &str) -> String {
    let folded: String = name
        .chars()
        .map(|c| {
            if c.is_alphanumeric() {
                c.to_lowercase().next().unwrap_or(c)
            } else {
                ' '
            }
        })
        .collect();
    let suffixes = ["inc", "ltd", "llc", "gmbh", "corp", "co", "ag", "plc", "sa"];
    let words: Vec<&str> = folded.split_whitespace().collect();
    let keep = match words.split_last() {
        Some((last, rest)) if !rest.is_empty() && suffixes.contains(last) => rest,
        _ => &words[..],
    };
    keep.join(" ")
}

/// The form of an e-mail address used to spot duplicates: case and spaces are ignored, and
/// the typographic apostrophes a phone keyboard types (`’`, `‘`, `ʼ`) count as `'`.
pub fn email_key(email: &str) -> String {
    email
        .chars()
        .filter(|c| !c.is_whitespace())
        .map(|c| match c {
            '\u{2019}' | '\u{2018}' | '\u{02BC}' => '\'',
            other => other,
        })
        .flat_map(char::to_lowercase)
        .collect()
}

impl Tx<'_> {
    /// Accounts whose normalised name equals this company's.
    pub fn accounts_named(&self, company: &str) -> StoreResult<Vec<Account>> {
        let key = company_key(company);
        if key.is_empty() {
            return Ok(Vec::new());
        }
        let mut query = self.tx.prepare_cached(
            "SELECT id, name, external_id FROM accounts WHERE name_key = ?1 ORDER BY id",
        )?;
        let rows = query.query_map([key], read_account)?;
        Ok(rows.collect::<Result<_, _>>()?)
    }

    /// The account with this id.
    pub fn account(&self, id: i64) -> StoreResult<Option<Account>> {
        let mut query = self
            .tx
            .prepare_cached("SELECT id, name, external_id FROM accounts WHERE id = ?1")?;
        Ok(query.query_row([id], read_account).optional()?)
    }

    /// The account imported with this external id.
    pub fn account_by_external_id(&self, external_id: &str) -> StoreResult<Option<Account>> {
        let mut query = self
            .tx
            .prepare_cached("SELECT id, name, external_id FROM accounts WHERE external_id = ?1")?;
        Ok(query.query_row([external_id], read_account).optional()?)
    }

    /// Saves a new account and returns its id.
    pub fn insert_account(
        &self,
        name: &str,
        external_id: Option<&str>,
        now: DateTime<Utc>,
    ) -> StoreResult<i64> {
        self.tx.execute(
            "INSERT INTO accounts (name, name_key, external_id, created_at) \
             VALUES (?1, ?2, ?3, ?4)",
            rusqlite::params![name.trim(), company_key(name), external_id, now],
        )?;
        Ok(self.tx.last_insert_rowid())
    }

    /// Brings the stored duplicate-finding keys of every account and contact up to the
    /// current [`company_key`] and [`email_key`]; returns how many rows changed. Running it
    /// again changes nothing, so it is safe on every open.
    pub fn rekey_parties(&self) -> StoreResult<usize> {
        let (accounts, contacts) = self.stale_party_keys()?;
        for (id, key) in &accounts {
            self.tx.execute(
                "UPDATE accounts SET name_key = ?1 WHERE id = ?2",
                rusqlite::params![key, id],
            )?;
        }
        for (id, key) in &contacts {
            self.tx.execute(
                "UPDATE contacts SET email_key = ?1 WHERE id = ?2",
                rusqlite::params![key, id],
            )?;
        }
        Ok(accounts.len() + contacts.len())
    }

    /// How many accounts and contacts hold a duplicate-finding key in an older form; it only
    /// reads, so opening a database whose keys are current writes nothing.
    pub fn stale_party_key_count(&self) -> StoreResult<usize> {
        let (accounts, contacts) = self.stale_party_keys()?;
        Ok(accounts.len() + contacts.len())
    }

    /// The accounts and contacts whose stored key differs from the current one, with it.
    fn stale_party_keys(&self) -> StoreResult<(Vec<StaleKey>, Vec<StaleKey>)> {
        Ok((
            self.stale_keys("SELECT id, name, name_key FROM accounts", company_key)?,
            self.stale_keys("SELECT id, email, email_key FROM contacts", email_key)?,
        ))
    }

    /// The rows of `sql` (id, text, stored key) whose key `key` now computes differently.
    fn stale_keys(&self, sql: &str, key: fn(&str) -> String) -> StoreResult<Vec<StaleKey>> {
        let mut query = self.tx.prepare(sql)?;
        let rows = query.query_map([], |row| {
            Ok((
                row.get::<_, i64>(0)?,
                row.get::<_, String>(1)?,
                row.get::<_, String>(2)?,
            ))
        })?;
        let mut found = Vec::new();
        for row in rows {
            let (id, text, stored) = row?;
            let current = key(&text);
            if current != stored {
                found.push((id, current));
            }
        }
        Ok(found)
    }

    /// Contacts with this e-mail address, ignoring case, spaces and the kind of apostrophe.
    pub fn contacts_with_email(&self, email: &str) -> StoreResult<Vec<Contact>> {
        let key = email_key(email);
        if key.is_empty() {
            return Ok(Vec::new());
        }
        let mut query = self.tx.prepare_cached(&format!(
            "SELECT {CONTACT_COLUMNS} FROM contacts WHERE email_key = ?1 ORDER BY id"
        ))?;
        let rows = query.query_map([key], read_contact)?;
        Ok(rows.collect::<Result<_, _>>()?)
    }

    /// The contact with this id.
    pub fn contact(&self, id: i64) -> StoreResult<Option<Contact>> {
        let mut query = self.tx.prepare_cached(&format!(
            "SELECT {CONTACT_COLUMNS} FROM contacts WHERE id = ?1"
        ))?;
        Ok(query.query_row([id], read_contact).optional()?)
    }

    /// Saves a new contact and returns its id.
    pub fn insert_contact(
        &self,
        person: &Person,
        account: Option<i64>,
        now: DateTime<Utc>,
    ) -> StoreResult<i64> {
        self.tx.execute(
            "INSERT INTO contacts (first_name, last_name, job_title, email, email_key, phone,
                account_id, created_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
            rusqlite::params![
                person.first_name.trim(),
                person.last_name.trim(),
                person.job_title.trim(),
                person.email.trim(),
                email_key(&person.email),
                person.phone.trim(),
                account,
                now
            ],
        )?;
        Ok(self.tx.last_insert_rowid())
    }
}

/// A row's id and the key it should hold.
type StaleKey = (i64, String);

const CONTACT_COLUMNS: &str = "id, first_name, last_name, job_title, email, phone, account_id";

fn read_account(row: &Row<'_>) -> rusqlite::Result<Account> {
    Ok(Account {
        id: row.get(0)?,
        name: row.get(1)?,
        external_id: row.get(2)?,
    })
}

fn read_contact(row: &Row<'_>) -> rusqlite::Result<Contact> {
    Ok(Contact {
        id: row.get(0)?,
        person: Person {
            first_name: row.get(1)?,
            last_name: row.get(2)?,
            job_title: row.get(3)?,
            email: row.get(4)?,
            phone: row.get(5)?,
        },
        account: row.get(6)?,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn company_names_that_differ_only_in_form_share_a_key() {
        assert_eq!(
            company_key("O’Brien & Sons, Inc."),
            company_key("o'brien  &  SONS inc")
        );
        assert_eq!(company_key("Contoso Ltd"), "contoso");
        assert_eq!(company_key("Ltd"), "ltd");
        assert_ne!(company_key("Contoso"), company_key("Fabrikam"));
        assert_eq!(email_key(" Ann@Example.COM "), "ann@example.com");
        assert_eq!(
            email_key("O’Brien@Example.com"),
            email_key("o'brien@example.com ")
        );
        assert_eq!(email_key("o ʼbrien@x.io"), "o'brien@x.io");
        assert_ne!(email_key("obrien@x.io"), email_key("o'brien@x.io"));
        assert_eq!(
            company_key("  Smith’s   Bakery "),
            company_key("smith's bakery")
        );
    }
}
