//! Dynamics 365 lead exports (display-name headers such as `Topic`, `Last Name`, `Est. Value`)
//! read into leads at the first stage, with the qualify steps Dynamics also records.
//!
//! `Purchase Timeframe`, `Purchase Process`, `Budget Amount`, `Decision Maker?` and
//! `Qualification Comments` fill the matching steps when the step takes the value; the
//! `Budget` column holds words (Can Buy, Will Buy...) that no step takes, so it is kept among
//! the extra fields like every other column Stride has no field for, the hidden
//! `(Do Not Modify)` bookkeeping columns of an Excel export included.

use chrono::{DateTime, Utc};

use super::batch::Collector;
use super::columns::{Columns, Field, Row};
use super::person::{email, names, phone};
use super::steps::step_value;
use super::table::Table;
use super::{ImportBatch, SourceFormat};
use crate::process::{ProcessDefinition, Rating, Reason, Record, RecordKind, Status};

/// The lead columns Stride has a place for, by folded display name.
pub(super) const COLUMNS: [(&str, Field); 26] = [
    ("donotmodifylead", Field::ExternalId),
    ("lead", Field::ExternalId),
    ("leadid", Field::ExternalId),
    ("topic", Field::Topic),
    ("firstname", Field::FirstName),
    ("lastname", Field::LastName),
    ("name", Field::FullName),
    ("companyname", Field::Company),
    ("jobtitle", Field::JobTitle),
    ("businessphone", Field::Phone),
    ("mobilephone", Field::MobilePhone),
    ("email", Field::Email),
    ("leadsource", Field::Source),
    ("rating", Field::Rating),
    ("status", Field::Status),
    ("statusreason", Field::StatusReason),
    ("estvalue", Field::Amount),
    ("estclosedate", Field::CloseDate),
    ("description", Field::Description),
    ("createdon", Field::CreatedAt),
    ("purchasetimeframe", Field::PurchaseTimeframe),
    ("purchaseprocess", Field::PurchaseProcess),
    ("budgetamount", Field::Budget),
    ("decisionmaker", Field::DecisionMaker),
    ("qualificationcomments", Field::Summary),
    ("estimatedbudget", Field::Budget),
];

/// Which column fills which step of the built-in process.
const STEPS: [(Field, &str); 5] = [
    (Field::PurchaseTimeframe, "purchase_timeframe"),
    (Field::PurchaseProcess, "purchase_process"),
    (Field::Budget, "estimated_budget"),
    (Field::DecisionMaker, "decision_maker"),
    (Field::Summary, "summary"),
];

/// Reads a Dynamics 365 lead export; `first_stage` is the process's first lead stage.
pub(super) fn read(
    table: &Table,
    process: &ProcessDefinition,
    first_stage: &str,
    now: DateTime<Utc>,
) -> ImportBatch {
    let columns = Columns::new(&table.headers, &COLUMNS).with(table.conventions);
    let mut collector = Collector::new(SourceFormat::DynamicsLeads, &columns, table);

    for raw in &table.rows {
        let mut row = columns.row(raw);
        match lead(&mut row, process, first_stage, now) {
            Ok(record) => collector.record(row, record, None),
            Err(reason) => collector.skip(raw.line, reason.to_string()),
        }
    }

    collector.finish()
}

/// The lead in one row, or why the row cannot be a lead.
fn lead(
    row: &mut Row<'_>,
    process: &ProcessDefinition,
    first_stage: &str,
    now: DateTime<Utc>,
) -> Result<Record, &'static str> {
    let (first_name, last_name) = names(row);
    let company = row.string(Field::Company);
    if last_name.is_empty() && company.is_empty() {
        return Err("it has neither a Last Name nor a Company Name");
    }

    let created = row.timestamp(Field::CreatedAt).unwrap_or(now);
    let mut record = Record::new_lead(first_stage, created);
    record.external_id = row.parse(Field::ExternalId, "a Dynamics 365 record id", guid);
    record.topic = row.string(Field::Topic);
    record.person.first_name = first_name;
    record.person.last_name = last_name;
    record.person.job_title = row.string(Field::JobTitle);
    record.person.email = email(row);
    record.person.phone = phone(row);
    record.company = company;
    record.source = row.string(Field::Source);
    record.rating = row.parse(Field::Rating, "Hot, Warm or Cold", |t| {
        t.parse::<Rating>().ok()
    });
    record.estimated_value = row.money(Field::Amount);
    record.estimated_close = row.date(Field::CloseDate);
    record.notes = row.string(Field::Description);

    for (field, key) in STEPS {
        let Some(text) = row.text(field) else {
            continue;
        };
        match step_value(process, key, text, row.conventions()) {
            Ok(value) => {
                record.steps.insert(key.to_string(), value);
            }
            Err(why) => row.refuse(field, &why),
        }
    }

    (record.status, record.reason) = status(row);
    Ok(record)
}

/// A Dynamics record id (a GUID, with or without braces), lower-cased.
fn guid(text: &str) -> Option<String> {
    let bare = text.trim_start_matches('{').trim_end_matches('}');
    let dashes_at = [8, 13, 18, 23];
    let well_formed = bare.len() == 36
        && bare.char_indices().all(|(i, c)| {
            if dashes_at.contains(&i) {
                c == '-'
            } else {
                c.is_ascii_hexdigit()
            }
        });
    well_formed.then(|| bare.to_ascii_lowercase())
}

/// The status and reason from `Status` and `Status Reason`; a reason that does not belong
/// to the status is kept among the extra fields and the status's first reason used.
fn status(row: &mut Row<'_>) -> (Status, Reason) {
    let lead_status = |word: &str| {
        word.parse::<Status>().ok().filter(|s| {
            Reason::ALL
                .iter()
                .any(|r| r.status_for(RecordKind::Lead) == Some(*s))
        })
    };
    let lead_reason = |word: &str| {
        word.parse::<Reason>()
            .ok()
            .filter(|r| r.status_for(RecordKind::Lead).is_some())
    };
    let status = row.parse(
        Field::Status,
        "a lead status (Open, Qualified, Disqualified)",
        lead_status,
    );
    let reason = row.parse(Field::StatusReason, "a lead status reason", lead_reason);

    match (status, reason) {
        (status, Some(reason))
            if status.is_none() || status == reason.status_for(RecordKind::Lead) =>
        {
            (
                reason.status_for(RecordKind::Lead).unwrap_or(Status::Open),
                reason,
            )
        }
        (Some(status), reason) => {
            if reason.is_some() {
                row.refuse(Field::StatusReason, "does not belong to the lead's status");
            }
            (status, first_reason(status))
        }
        (None, _) => (Status::Open, Reason::New),
    }
}

/// The reason a lead takes when only its status is known.
fn first_reason(status: Status) -> Reason {
    match status {
        Status::Qualified => Reason::Qualified,
        Status::Disqualified => Reason::Lost,
        Status::Open | Status::Won | Status::Lost => Reason::New,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::import::table::RawRow;

    fn status_of(status_word: &str, reason_word: &str) -> (Status, Reason) {
        let headers = vec!["Status".to_string(), "Status Reason".to_string()];
        let columns = Columns::new(&headers, &COLUMNS);
        let raw = RawRow {
            line: 2,
            values: vec![status_word.to_string(), reason_word.to_string()],
        };
        let mut row = columns.row(&raw);
        status(&mut row)
    }

    #[test]
    fn status_and_reason_follow_the_dynamics_option_sets() {
        let table = [
            ("Open", "New", Status::Open, Reason::New),
            ("Open", "Contacted", Status::Open, Reason::Contacted),
            (
                "Qualified",
                "Qualified",
                Status::Qualified,
                Reason::Qualified,
            ),
            ("Disqualified", "Lost", Status::Disqualified, Reason::Lost),
            (
                "Disqualified",
                "Cannot Contact",
                Status::Disqualified,
                Reason::CannotContact,
            ),
            (
                "Disqualified",
                "No Longer Interested",
                Status::Disqualified,
                Reason::NoLongerInterested,
            ),
            (
                "Disqualified",
                "Canceled",
                Status::Disqualified,
                Reason::Canceled,
            ),
            ("", "Contacted", Status::Open, Reason::Contacted),
            ("Disqualified", "", Status::Disqualified, Reason::Lost),
            ("Qualified", "", Status::Qualified, Reason::Qualified),
            ("Disqualified", "New", Status::Disqualified, Reason::Lost),
            ("", "", Status::Open, Reason::New),
            ("Won", "In Progress", Status::Open, Reason::New),
        ];
        for (status, reason, want_status, want_reason) in table {
            assert_eq!(
                status_of(status, reason),
                (want_status, want_reason),
                "{status}/{reason}"
            );
        }
    }

    #[test]
    fn record_ids_are_guids() {
        let id = "5A1B2C3D-0000-4000-8000-00000000ABCD";
        assert_eq!(
            guid(id).as_deref(),
            Some("5a1b2c3d-0000-4000-8000-00000000abcd")
        );
        assert_eq!(
            guid(&format!("{{{id}}}")).as_deref(),
            Some("5a1b2c3d-0000-4000-8000-00000000abcd")
        );
        assert_eq!(guid("Bob"), None);
        assert_eq!(guid("5A1B2C3D-0000-4000-8000-00000000ABCG"), None);
    }
}
