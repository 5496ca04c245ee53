//! Imports the real Salesforce exports in `shared/data/` and checks exact rows, counts and the
//! values kept for columns Stride has no field for.

use std::collections::BTreeMap;
use std::path::Path;

use chrono::{DateTime, NaiveDate, TimeZone, Utc};
use stride::import::{read_file, ImportBatch, ImportError, ImportedRecord, SourceFormat};
use stride::process::{
    CloseInfo, LostReason, Money, ProcessDefinition, Reason, RecordKind, Status,
};

type TestResult = Result<(), Box<dyn std::error::Error>>;

const SALESFORCE: &str = concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/../shared/data/salesforce-data-cloud-workshop"
);

fn now() -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2025, 3, 1, 12, 0, 0)
        .single()
        .unwrap_or_default()
}

fn import(file: &str) -> Result<ImportBatch, ImportError> {
    let path = Path::new(SALESFORCE).join(file);
    read_file(&path, &ProcessDefinition::lead_to_opportunity(), now())
}

fn at_line(batch: &ImportBatch, line: usize) -> Result<&ImportedRecord, String> {
    batch
        .records
        .iter()
        .find(|r| r.line == line)
        .ok_or_else(|| format!("no record from line {line}"))
}

fn count<K: Ord>(batch: &ImportBatch, key: impl Fn(&ImportedRecord) -> K) -> BTreeMap<K, usize> {
    let mut counts = BTreeMap::new();
    for record in &batch.records {
        *counts.entry(key(record)).or_insert(0) += 1;
    }
    counts
}

#[test]
fn salesforce_leads_import_with_names_emails_and_their_account() -> TestResult {
    let batch = import("Lead.csv")?;

    assert_eq!(batch.format, SourceFormat::SalesforceLeads);
    assert_eq!(batch.records.len(), 60);
    assert!(batch.skipped.is_empty(), "{:?}", batch.skipped);
    assert!(batch
        .records
        .iter()
        .all(|r| r.record.kind == RecordKind::Lead && r.record.stage == "qualify"));

    let william = at_line(&batch, 2)?;
    let lead = &william.record;
    assert_eq!(lead.person.full_name(), "William Lee");
    assert_eq!(lead.person.email, "william.lee@example.com");
    assert_eq!(lead.person.phone, "8683896283");
    assert_eq!(lead.source, "Online Form");
    assert_eq!(lead.topic, "");
    assert_eq!(lead.external_id.as_deref(), Some("00QEc00000BBaeXMAT"));
    // Marked Qualified in Salesforce but never converted: open here, ready to qualify.
    assert_eq!(
        (lead.status, lead.reason),
        (Status::Open, Reason::Contacted)
    );
    assert_eq!(
        lead.extra.get("Status").map(String::as_str),
        Some("Qualified")
    );
    assert_eq!(
        lead.created_at,
        Utc.with_ymd_and_hms(2024, 1, 22, 20, 36, 47)
            .single()
            .unwrap_or_default()
    );
    assert_eq!(lead.stage_entered_at, lead.created_at);
    assert_eq!(william.account_ref.as_deref(), Some("001Ec00000GINb1IAH"));
    assert_eq!(lead.company, "Lead Account");

    let patrick = &at_line(&batch, 3)?.record;
    assert_eq!(patrick.person.full_name(), "Patrick Freeman");
    assert_eq!(patrick.person.email, "patrick.freeman@example.com");
    assert_eq!(
        (patrick.status, patrick.reason),
        (Status::Open, Reason::New)
    );
    assert_eq!(patrick.source, "Cold Call");
    let jo = &at_line(&batch, 61)?.record;
    assert_eq!(
        (jo.person.full_name().as_str(), jo.person.email.as_str()),
        ("Jo Rivera", "jo.rivera@example.com")
    );

    let statuses = count(&batch, |r| {
        (r.record.status.as_str(), r.record.reason.as_str())
    });
    let expected = [(("open", "contacted"), 39), (("open", "new"), 21)];
    assert_eq!(statuses, BTreeMap::from(expected));
    assert!(batch
        .records
        .iter()
        .all(|r| r.account_ref.as_deref() == Some("001Ec00000GINb1IAH")));

    assert_eq!(batch.accounts.len(), 22);
    let account = batch
        .accounts
        .iter()
        .find(|a| a.external_id == "001Ec00000GINb1IAH");
    assert_eq!(account.map(|a| a.name.as_str()), Some("Lead Account"));
    assert!(
        batch
            .notes
            .iter()
            .any(|n| n.contains("Read 22 accounts from Account.csv")),
        "{:?}",
        batch.notes
    );
    Ok(())
}

#[test]
fn salesforce_lead_columns_without_a_field_are_kept() -> TestResult {
    let batch = import("Lead.csv")?;

    for column in [
        "Gender__c",
        "Home_Phone__c",
        "Salutation",
        "Street",
        "Address",
        "OwnerId",
        "IsUnreadByOwner",
    ] {
        assert!(
            batch.unknown_columns.iter().any(|c| c == column),
            "{column} should be listed"
        );
    }
    for column in [
        "Id",
        "LastName",
        "FirstName",
        "Company",
        "Email",
        "Phone",
        "Status",
        "CreatedDate",
    ] {
        assert!(
            !batch.unknown_columns.iter().any(|c| c == column),
            "{column} has a field"
        );
    }
    assert_eq!(batch.unknown_columns.len(), 55 - 15);

    let extra = |line, column: &str| -> Result<Option<String>, String> {
        Ok(at_line(&batch, line)?.record.extra.get(column).cloned())
    };
    assert_eq!(extra(2, "Gender__c")?.as_deref(), Some("male"));
    assert_eq!(extra(2, "Home_Phone__c")?.as_deref(), Some("9667318696"));
    assert_eq!(
        extra(2, "Street")?.as_deref(),
        Some("84011 Porter Springs Suite 653")
    );
    assert_eq!(extra(31, "Gender__c")?.as_deref(), Some("female"));
    assert_eq!(extra(3, "LastActivityDate")?.as_deref(), Some("2023-03-29"));
    assert_eq!(
        extra(2, "LastActivityDate")?,
        None,
        "empty values are not kept"
    );
    let address = extra(2, "Address")?.unwrap_or_default();
    assert!(
        address.starts_with("{\"city\":\"East Kellyburgh\""),
        "{address}"
    );
    Ok(())
}

#[test]
fn salesforce_opportunities_import_with_stages_and_outcomes() -> TestResult {
    let batch = import("Opportunity.csv")?;

    assert_eq!(batch.format, SourceFormat::SalesforceOpportunities);
    assert_eq!(batch.records.len(), 50);
    assert!(batch.skipped.is_empty(), "{:?}", batch.skipped);
    assert!(batch
        .records
        .iter()
        .all(|r| r.record.kind == RecordKind::Opportunity));

    let statuses = count(&batch, |r| r.record.status.as_str());
    assert_eq!(
        statuses,
        BTreeMap::from([("lost", 3), ("open", 35), ("won", 12)])
    );
    let stages = count(&batch, |r| {
        (
            r.record.stage.clone(),
            r.record.status.as_str(),
            r.record.probability,
        )
    });
    let expected = [
        (("close".to_string(), "lost", 0), 3),
        (("close".to_string(), "open", 80), 9),
        (("close".to_string(), "won", 100), 12),
        (("develop".to_string(), "open", 10), 9),
        (("develop".to_string(), "open", 20), 9),
        (("propose".to_string(), "open", 50), 8),
    ];
    assert_eq!(stages, BTreeMap::from(expected));

    let open = &at_line(&batch, 2)?;
    assert_eq!(
        open.record.topic,
        "Patterson-Hansen - Merchant Services - November 2024"
    );
    assert_eq!(
        (open.record.stage.as_str(), open.record.probability),
        ("develop", 10)
    );
    assert_eq!(
        (open.record.status, open.record.reason),
        (Status::Open, Reason::InProgress)
    );
    assert_eq!(
        open.record.estimated_value,
        Some(Money::from_minor(112_474_115))
    );
    assert_eq!(
        open.record.estimated_close,
        NaiveDate::from_ymd_opt(2024, 11, 10)
    );
    assert_eq!(open.account_ref.as_deref(), Some("001Ec00000GGw3iIAD"));
    assert_eq!(open.record.company, "Patterson-Hansen");
    assert_eq!(open.record.close, None);

    let won = &at_line(&batch, 3)?;
    assert_eq!(won.record.topic, "Hill Group - Business Loans - June 2023");
    assert_eq!(
        won.record.external_id.as_deref(),
        Some("006Ec00000AieKGIAZ")
    );
    assert_eq!(
        (won.record.status, won.record.reason),
        (Status::Won, Reason::Won)
    );
    let revenue = Money::from_minor(165_199_336);
    let date = NaiveDate::from_ymd_opt(2023, 6, 17).ok_or("bad date")?;
    assert_eq!(won.record.close, Some(CloseInfo::Won { revenue, date }));
    assert_eq!(won.record.company, "Hill Group");

    let lost = &at_line(&batch, 27)?.record;
    assert_eq!(
        lost.topic,
        "Moody and Sons - Merchant Services - April 2023"
    );
    assert_eq!(
        (lost.status, lost.reason, lost.probability),
        (Status::Lost, Reason::OutSold, 0)
    );
    match &lost.close {
        Some(CloseInfo::Lost { reason, date, .. }) => {
            assert_eq!(*reason, LostReason::OutSold);
            assert_eq!(Some(*date), NaiveDate::from_ymd_opt(2023, 4, 26));
        }
        other => panic!("expected a lost close, got {other:?}"),
    }

    assert_eq!(batch.accounts.len(), 22);
    assert!(batch
        .unknown_columns
        .iter()
        .any(|c| c == "ForecastCategory"));
    assert_eq!(
        won.record.extra.get("Product__c").map(String::as_str),
        Some("Business Loans")
    );
    Ok(())
}

#[test]
fn salesforce_accounts_import_as_accounts_only() -> TestResult {
    let batch = import("Account.csv")?;

    assert_eq!(batch.format, SourceFormat::SalesforceAccounts);
    assert!(batch.records.is_empty());
    assert_eq!(batch.accounts.len(), 22);
    assert_eq!(batch.accounts[1].external_id, "001Ec00000GGw3hIAD");
    assert_eq!(batch.accounts[1].name, "Walker Henson and Compton");
    assert_eq!(batch.accounts[1].line, 3);
    Ok(())
}

#[test]
fn a_salesforce_contact_export_is_not_mistaken_for_leads() {
    match import("Contact.csv") {
        Err(ImportError::UnknownFormat { columns, .. }) => assert!(columns.starts_with("\"Id\"")),
        other => panic!("expected UnknownFormat, got {other:?}"),
    }
}
