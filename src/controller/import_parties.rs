//! What an import adds around its records: the account and contact a Stride export's
//! opportunity names, and the refusal of a row whose names are longer than a record may have.

use chrono::{DateTime, Utc};

use super::error::AppResult;
use crate::import::SkippedRow;
use crate::process::{Record, MAX_NAME_CHARS};
use crate::store::Tx;

/// Gives an opportunity from a Stride export the account its company names and the contact
/// its person is, as export wrote them: an account of that name or a contact with that
/// e-mail address already here is used, else one is created. Returns how many accounts
/// were created.
pub(super) fn link_parties(
    tx: &Tx<'_>,
    record: &mut Record,
    now: DateTime<Utc>,
) -> AppResult<usize> {
    let mut created = 0;
    let company = record.company.trim();
    let mut account = None;
    if record.links.account.is_none() && !company.is_empty() {
        account = match tx.accounts_named(company)?.first() {
            Some(found) => Some(found.id),
            None => {
                created += 1;
                Some(tx.insert_account(company, None, now)?)
            }
        };
        record.links.account = account;
    }
    let person = &record.person;
    let email = person.email.trim();
    if record.links.contact.is_some() || (person.full_name().is_empty() && email.is_empty()) {
        return Ok(created);
    }
    let known = match email {
        "" => None,
        email => tx.contacts_with_email(email)?.first().map(|c| c.id),
    };
    record.links.contact = match known {
        Some(id) => Some(id),
        None => Some(tx.insert_contact(person, account, now)?),
    };
    Ok(created)
}

/// The skipped row for a name longer than a record may have.
pub(super) fn too_long(line: usize, field: &str) -> SkippedRow {
    SkippedRow {
        line,
        reason: format!(
            "its {field} is longer than {MAX_NAME_CHARS} characters; shorten it in the file \
             (longer text goes in the notes) and import it again"
        ),
    }
}
