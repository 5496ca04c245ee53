//! What the Salesforce exports share: account ids, the deleted flag, and the `Account.csv`
//! beside a lead or opportunity export that turns account ids into company names.

use std::path::{Path, PathBuf};

use chrono::{DateTime, Utc};

use super::columns::{Field, Row};
use super::{fields, ImportBatch, ImportedAccount, SourceFormat};
use crate::process::ProcessDefinition;

/// The file name Salesforce gives an account export.
const ACCOUNT_FILE: &str = "Account.csv";

/// Length of the case-sensitive form of a Salesforce id; the 18-character form adds a suffix.
const SHORT_ID: usize = 15;

/// Whether the text is a Salesforce Account id: 15 or 18 letters and digits starting `001`.
pub(super) fn is_account_id(text: &str) -> bool {
    matches!(text.len(), 15 | 18)
        && text.starts_with("001")
        && text.chars().all(|c| c.is_ascii_alphanumeric())
}

/// Whether Salesforce marks the row as deleted (`IsDeleted`).
pub(super) fn is_deleted(row: &mut Row<'_>) -> bool {
    row.parse(Field::Deleted, "a yes/no flag", fields::flag)
        .unwrap_or(false)
}

/// The reason given for skipping a row Salesforce marks as deleted.
pub(super) const DELETED: &str = "it is marked as deleted in Salesforce (IsDeleted)";

/// Reads the `Account.csv` beside `path` when records refer to accounts by id, puts its
/// accounts in the batch, names each record's company after its account, and notes what
/// happened.
pub(super) fn attach_sibling_accounts(
    path: &Path,
    batch: &mut ImportBatch,
    process: &ProcessDefinition,
    now: DateTime<Utc>,
) {
    if batch.records.iter().all(|r| r.account_ref.is_none()) {
        return;
    }

    // Without the account export beside it, the accounts may still be known from an
    // earlier import; saving the batch tells which ids stay unknown.
    let Some(sibling) = sibling_account_file(path) else {
        return;
    };

    let accounts = match super::read_file(&sibling, process, now) {
        Ok(read) if read.format == SourceFormat::SalesforceAccounts => read.accounts,
        Ok(read) => {
            batch.notes.push(format!(
                "{ACCOUNT_FILE} in the same folder is a {} export, not accounts; companies are \
                 shown as Salesforce account ids.",
                read.format.label()
            ));
            return;
        }
        Err(error) => {
            batch.notes.push(format!(
                "{ACCOUNT_FILE} in the same folder could not be read ({error}); companies are \
                 shown as Salesforce account ids."
            ));
            return;
        }
    };

    let mut unresolved = 0;
    for imported in &mut batch.records {
        let Some(reference) = &imported.account_ref else {
            continue;
        };
        match accounts.iter().find(|a| same_id(&a.external_id, reference)) {
            Some(account) => {
                imported.account_ref = Some(account.external_id.clone());
                if imported.record.company.is_empty() {
                    imported.record.company = account.name.clone();
                }
            }
            None => unresolved += 1,
        }
    }

    batch.notes.push(format!(
        "Read {} accounts from {ACCOUNT_FILE} in the same folder, so companies show by name.",
        accounts.len()
    ));
    if unresolved > 0 {
        batch.notes.push(format!(
            "{unresolved} records refer to accounts that {ACCOUNT_FILE} does not hold; they keep \
             the Salesforce account id."
        ));
    }
    batch.accounts.extend(accounts);
}

/// Whether two Salesforce ids name the same record, in their 15- or 18-character forms.
fn same_id(a: &str, b: &str) -> bool {
    a == b || (a.len() >= SHORT_ID && b.len() >= SHORT_ID && a.get(..SHORT_ID) == b.get(..SHORT_ID))
}

/// The account export in the same folder as `path`, matched by name ignoring case.
fn sibling_account_file(path: &Path) -> Option<PathBuf> {
    let folder = match path.parent() {
        Some(parent) if !parent.as_os_str().is_empty() => parent,
        _ => Path::new("."),
    };
    let mut candidates: Vec<PathBuf> = std::fs::read_dir(folder)
        .ok()?
        .filter_map(Result::ok)
        .filter(|entry| {
            entry
                .file_name()
                .to_str()
                .is_some_and(|n| n.eq_ignore_ascii_case(ACCOUNT_FILE))
        })
        .map(|entry| entry.path())
        .filter(|candidate| candidate.is_file() && candidate.file_name() != path.file_name())
        .collect();
    candidates.sort_by_key(|c| c.file_name().and_then(|n| n.to_str()) != Some(ACCOUNT_FILE));
    candidates.into_iter().next()
}

/// Reads an account export: each row's `Id` and `Name`.
pub(super) fn read_accounts(table: &super::table::Table) -> ImportBatch {
    const COLUMNS: [(&str, Field); 3] = [
        ("id", Field::ExternalId),
        ("name", Field::Company),
        ("isdeleted", Field::Deleted),
    ];
    let columns = super::columns::Columns::new(&table.headers, &COLUMNS);
    let mut collector =
        super::batch::Collector::new(SourceFormat::SalesforceAccounts, &columns, table);

    for raw in &table.rows {
        let mut row = columns.row(raw);
        let reason = if is_deleted(&mut row) {
            Some(DELETED)
        } else if row.text(Field::ExternalId).is_none() {
            Some("it has no Id")
        } else if row.text(Field::Company).is_none() {
            Some("it has no Name")
        } else {
            None
        };
        match reason {
            Some(reason) => collector.skip(raw.line, reason.to_string()),
            None => collector.account(ImportedAccount {
                line: raw.line,
                external_id: row.string(Field::ExternalId),
                name: row.string(Field::Company),
            }),
        }
    }

    let ignored = columns.unknown().len();
    if ignored > 0 {
        collector.note(format!(
            "Accounts keep only their id and name; the other {ignored} columns are not imported."
        ));
    }
    collector.finish()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn account_ids_are_15_or_18_letters_and_digits_starting_001() {
        assert!(is_account_id("001Ec00000GINb1IAH"));
        assert!(is_account_id("001Ec00000GINb1"));
        assert!(!is_account_id("003Ec00000GINb1IAH"));
        assert!(!is_account_id("001Ec00000GINb1IA"));
        assert!(!is_account_id("001 c00000GINb1IAH"));
        assert!(!is_account_id("Acme Inc"));
    }

    #[test]
    fn short_and_long_ids_of_one_record_are_the_same() {
        assert!(same_id("001Ec00000GINb1IAH", "001Ec00000GINb1"));
        assert!(same_id("001Ec00000GINb1", "001Ec00000GINb1"));
        assert!(!same_id("001Ec00000GINb2IAH", "001Ec00000GINb1"));
        assert!(!same_id("001", "001Ec00000GINb1"));
    }
}
