//! Salesforce Lead exports (API-name headers) read into leads at the first stage.
//!
//! Salesforce leads have no topic, so the topic stays empty and lists show the person's name;
//! `Title` is the person's job title. `Company` often holds an Account id rather than a name;
//! it then becomes the record's account reference. `Name` repeats first and last name and is
//! used only when `LastName` is empty. Every other column, the source system's bookkeeping
//! (owner, modified dates, photo URL) included, is kept among the record's extra fields.

use chrono::{DateTime, Utc};

use super::batch::Collector;
use super::columns::{Columns, Field, Row};
use super::person::{email, names, phone};
use super::salesforce::{is_account_id, is_deleted, DELETED};
use super::table::Table;
use super::{fields, ImportBatch, SourceFormat};
use crate::process::{Rating, Reason, Record, RecordKind, Status};

/// The Lead columns Stride has a place for, by folded API name.
pub(super) const COLUMNS: [(&str, Field); 16] = [
    ("id", Field::ExternalId),
    ("isdeleted", Field::Deleted),
    ("lastname", Field::LastName),
    ("firstname", Field::FirstName),
    ("name", Field::FullName),
    ("title", Field::JobTitle),
    ("company", Field::Company),
    ("email", Field::Email),
    ("phone", Field::Phone),
    ("mobilephone", Field::MobilePhone),
    ("leadsource", Field::Source),
    ("status", Field::Status),
    ("isconverted", Field::Converted),
    ("rating", Field::Rating),
    ("description", Field::Description),
    ("createddate", Field::CreatedAt),
];

/// Reads a Salesforce lead export; `first_stage` is the process's first lead stage.
pub(super) fn read(table: &Table, first_stage: &str, now: DateTime<Utc>) -> ImportBatch {
    let columns = Columns::new(&table.headers, &COLUMNS).with(table.conventions);
    let mut collector = Collector::new(SourceFormat::SalesforceLeads, &columns, table);

    for raw in &table.rows {
        let mut row = columns.row(raw);
        match lead(&mut row, first_stage, now) {
            Ok((record, account_ref)) => collector.record(row, record, account_ref),
            Err(reason) => collector.skip(raw.line, reason.to_string()),
        }
    }

    collector.finish()
}

/// The lead in one row and the account id it refers to, or why the row cannot be a lead.
fn lead(
    row: &mut Row<'_>,
    first_stage: &str,
    now: DateTime<Utc>,
) -> Result<(Record, Option<String>), &'static str> {
    if is_deleted(row) {
        return Err(DELETED);
    }

    let (first_name, last_name) = names(row);
    let company = row.text(Field::Company);
    if last_name.is_empty() && company.is_none() {
        return Err("it has neither a last name nor a company");
    }

    let created = row.timestamp(Field::CreatedAt).unwrap_or(now);
    let mut record = Record::new_lead(first_stage, created);
    record.external_id = row.text(Field::ExternalId).map(str::to_string);
    record.person.first_name = first_name;
    record.person.last_name = last_name;
    record.person.job_title = row.string(Field::JobTitle);
    record.person.email = email(row);
    record.person.phone = phone(row);
    record.source = row.string(Field::Source);
    record.rating = row.parse(Field::Rating, "Hot, Warm or Cold", |t| {
        t.parse::<Rating>().ok()
    });
    record.notes = row.string(Field::Description);

    let account_ref = match company {
        Some(id) if is_account_id(id) => Some(id.to_string()),
        Some(name) => {
            record.company = name.to_string();
            None
        }
        None => None,
    };

    let (status, reason) = status(row);
    record.status = status;
    record.reason = reason;
    Ok((record, account_ref))
}

/// The status and reason from `Status`, overruled by `IsConverted`; an unknown status
/// leaves the lead open and new, with the word kept among the extra fields.
///
/// Only a converted lead is qualified here, because in Stride qualifying is what makes the
/// opportunity. A Salesforce lead marked "Qualified" but never converted has no opportunity
/// anywhere, so it comes in open and contacted, ready to qualify, with its word kept.
fn status(row: &mut Row<'_>) -> (Status, Reason) {
    let converted = row
        .parse(Field::Converted, "a yes/no flag", fields::flag)
        .unwrap_or(false);
    if converted {
        if row
            .text(Field::Status)
            .is_some_and(|s| lead_status(s) != Some((Status::Qualified, Reason::Qualified)))
        {
            row.keep(Field::Status);
        }
        return (Status::Qualified, Reason::Qualified);
    }

    match row.text(Field::Status) {
        None => (Status::Open, Reason::New),
        Some(word) if super::detect::fold(word) == "qualified" => {
            row.keep(Field::Status);
            (Status::Open, Reason::Contacted)
        }
        Some(word) => lead_status(word).unwrap_or_else(|| {
            row.refuse(
                Field::Status,
                "is not a lead status Stride knows, so the lead is open",
            );
            (Status::Open, Reason::New)
        }),
    }
}

/// Maps a Salesforce lead status, or one of Stride's own status reasons, onto Stride's.
pub(super) fn lead_status(word: &str) -> Option<(Status, Reason)> {
    let folded = super::detect::fold(word);
    let mapped = match folded.as_str() {
        "new" | "open" | "opennotcontacted" => (Status::Open, Reason::New),
        "working" | "contacted" | "workingcontacted" => (Status::Open, Reason::Contacted),
        "qualified" | "converted" | "closedconverted" => (Status::Qualified, Reason::Qualified),
        "unqualified" | "notqualified" => (Status::Disqualified, Reason::NoLongerInterested),
        "disqualified" | "closednotconverted" | "closed" => (Status::Disqualified, Reason::Lost),
        _ => {
            let reason: Reason = word.parse().ok()?;
            return reason
                .status_for(RecordKind::Lead)
                .map(|status| (status, reason));
        }
    };
    Some(mapped)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_salesforce_lead_status_has_a_place() {
        let table = [
            ("New", Status::Open, Reason::New),
            ("Open - Not Contacted", Status::Open, Reason::New),
            ("Working", Status::Open, Reason::Contacted),
            ("Working - Contacted", Status::Open, Reason::Contacted),
            ("Contacted", Status::Open, Reason::Contacted),
            ("Qualified", Status::Qualified, Reason::Qualified),
            ("Converted", Status::Qualified, Reason::Qualified),
            ("Closed - Converted", Status::Qualified, Reason::Qualified),
            (
                "Unqualified",
                Status::Disqualified,
                Reason::NoLongerInterested,
            ),
            ("Disqualified", Status::Disqualified, Reason::Lost),
            ("Closed - Not Converted", Status::Disqualified, Reason::Lost),
            (
                "Cannot contact",
                Status::Disqualified,
                Reason::CannotContact,
            ),
            ("canceled", Status::Disqualified, Reason::Canceled),
        ];
        for (word, status, reason) in table {
            assert_eq!(lead_status(word), Some((status, reason)), "{word}");
        }
    }

    #[test]
    fn unknown_and_opportunity_words_are_not_lead_statuses() {
        assert_eq!(lead_status("Nurturing"), None);
        assert_eq!(lead_status("Won"), None);
        assert_eq!(lead_status("In progress"), None);
        assert_eq!(lead_status(""), None);
    }
}
