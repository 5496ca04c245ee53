//! Whole-file tests of [`read_file`]: files written to a temporary folder, good and broken.

use std::path::{Path, PathBuf};

use chrono::{DateTime, NaiveDate, TimeZone, Utc};
use tempfile::TempDir;

use super::*;
use crate::process::{Money, Rating, Reason, RecordKind, Status, StepValue};

type TestResult = Result<(), Box<dyn std::error::Error>>;

fn now() -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2025, 3, 1, 12, 0, 0)
        .single()
        .unwrap_or_default()
}

fn write(dir: &TempDir, name: &str, content: &[u8]) -> Result<PathBuf, std::io::Error> {
    let path = dir.path().join(name);
    std::fs::write(&path, content)?;
    Ok(path)
}

fn read(path: &Path) -> Result<ImportBatch, ImportError> {
    read_file(path, &ProcessDefinition::lead_to_opportunity(), now())
}

const DYNAMICS_LEADS: &str = "\
Topic,First Name,Last Name,Company Name,Job Title,Business Phone,Mobile Phone,Email,Lead Source,\
Rating,Status,Status Reason,Purchase Timeframe,Purchase Process,Budget,Est. Value,Est. Close Date,\
Description,Created On,Favourite Colour
Office chairs,Anna,Berg,Berg & Söhne,Buyer,+49 30 1234,,anna@berg.example,Trade Show,Hot,Open,\
Contacted,This Quarter,committee,Can Buy,\"$12,500.00\",2025-06-30,\"Needs 40 chairs,
delivered in May\",2025-01-10 09:30:00,teal
Standing desks,,Okafor,,,,+44 7700 900123,,Web,Warm,Disqualified,No Longer Interested,Someday,\
Individual,,,,,2025-01-11T08:00:00Z,
Broken row,only,three
,,,,,,,,,Cold,Open,New,,,,,,,,
Lamps,Li,Wei,Wei Lighting,,,,,,Tepid,Open,New,,,,lots,,,,
";

#[test]
fn a_dynamics_lead_file_becomes_leads_with_steps_and_extras() -> TestResult {
    let dir = tempfile::tempdir()?;
    let batch = read(&write(&dir, "leads.csv", DYNAMICS_LEADS.as_bytes())?)?;

    assert_eq!(batch.format, SourceFormat::DynamicsLeads);
    assert_eq!(batch.unknown_columns, ["Budget", "Favourite Colour"]);
    assert_eq!(batch.records.len(), 3);
    let skipped: Vec<_> = batch
        .skipped
        .iter()
        .map(|s| (s.line, s.reason.as_str()))
        .collect();
    assert_eq!(skipped.len(), 2);
    assert_eq!(skipped[0].0, 5);
    assert!(skipped[0]
        .1
        .contains("3 values but the header has 20 columns"));
    assert_eq!(
        skipped[1],
        (6, "it has neither a Last Name nor a Company Name")
    );

    let anna = &batch.records[0];
    assert_eq!(anna.line, 2);
    let lead = &anna.record;
    assert_eq!(lead.kind, RecordKind::Lead);
    assert_eq!(lead.stage, "qualify");
    assert_eq!(
        (lead.topic.as_str(), lead.company.as_str()),
        ("Office chairs", "Berg & Söhne")
    );
    assert_eq!(lead.person.full_name(), "Anna Berg");
    assert_eq!(
        (lead.person.job_title.as_str(), lead.person.phone.as_str()),
        ("Buyer", "+49 30 1234")
    );
    assert_eq!(lead.person.email, "anna@berg.example");
    assert_eq!(
        (lead.source.as_str(), lead.rating),
        ("Trade Show", Some(Rating::Hot))
    );
    assert_eq!(
        (lead.status, lead.reason),
        (Status::Open, Reason::Contacted)
    );
    assert_eq!(lead.estimated_value, Some(Money::from_minor(1_250_000)));
    assert_eq!(lead.estimated_close, NaiveDate::from_ymd_opt(2025, 6, 30));
    assert_eq!(lead.notes, "Needs 40 chairs,\ndelivered in May");
    assert_eq!(lead.created_at.to_rfc3339(), "2025-01-10T09:30:00+00:00");
    assert_eq!(lead.stage_entered_at, lead.created_at);
    assert_eq!(
        lead.steps.get("purchase_timeframe"),
        Some(&StepValue::Choice("This quarter".into()))
    );
    assert_eq!(
        lead.steps.get("purchase_process"),
        Some(&StepValue::Choice("Committee".into()))
    );
    assert_eq!(
        lead.extra.get("Budget").map(String::as_str),
        Some("Can Buy")
    );
    assert_eq!(
        lead.extra.get("Favourite Colour").map(String::as_str),
        Some("teal")
    );
    assert_eq!(lead.extra.len(), 2);

    let okafor = &batch.records[1].record;
    assert_eq!(
        (okafor.person.last_name.as_str(), okafor.company.as_str()),
        ("Okafor", "")
    );
    assert_eq!(okafor.person.phone, "+44 7700 900123");
    assert_eq!(
        (okafor.status, okafor.reason),
        (Status::Disqualified, Reason::NoLongerInterested)
    );
    assert!(!okafor.steps.contains_key("purchase_timeframe"));
    assert_eq!(
        okafor.extra.get("Purchase Timeframe").map(String::as_str),
        Some("Someday")
    );
    assert_eq!(okafor.created_at.to_rfc3339(), "2025-01-11T08:00:00+00:00");

    let wei = &batch.records[2];
    assert_eq!(wei.line, 7);
    assert_eq!(
        (wei.record.rating, wei.record.estimated_value),
        (None, None)
    );
    assert_eq!(
        wei.record.extra.get("Rating").map(String::as_str),
        Some("Tepid")
    );
    assert_eq!(
        wei.record.extra.get("Est. Value").map(String::as_str),
        Some("lots")
    );
    assert_eq!(wei.record.created_at, now());
    assert!(
        batch
            .notes
            .iter()
            .any(|n| n.starts_with("3 values could not be used")),
        "{:?}",
        batch.notes
    );
    Ok(())
}

#[test]
fn headers_match_ignoring_case_spacing_and_separator() -> TestResult {
    let dir = tempfile::tempdir()?;
    let content =
        "\u{feff}TOPIC;last name;COMPANY NAME;est value\r\nChairs;Berg;Berg AG;\"1.250,50\"\r\n";
    let batch = read(&write(&dir, "semicolons.csv", content.as_bytes())?)?;

    assert_eq!(batch.format, SourceFormat::DynamicsLeads);
    assert_eq!(batch.records.len(), 1);
    let lead = &batch.records[0].record;
    assert_eq!(
        (lead.topic.as_str(), lead.company.as_str()),
        ("Chairs", "Berg AG")
    );
    assert_eq!(lead.estimated_value, Some(Money::from_minor(125_050)));
    assert!(batch.unknown_columns.is_empty());
    Ok(())
}

#[test]
fn a_header_without_rows_is_an_empty_batch() -> TestResult {
    let dir = tempfile::tempdir()?;
    let batch = read(&write(
        &dir,
        "header.csv",
        b"\xEF\xBB\xBFId,LastName,Company,Status\n",
    )?)?;

    assert_eq!(batch.format, SourceFormat::SalesforceLeads);
    assert!(batch.records.is_empty() && batch.skipped.is_empty());
    assert_eq!(batch.notes, ["The file has a header but no rows."]);
    Ok(())
}

#[test]
fn an_empty_file_is_refused_as_empty() -> TestResult {
    let dir = tempfile::tempdir()?;
    for (name, content) in [
        ("empty.csv", &b""[..]),
        ("bom.csv", b"\xEF\xBB\xBF"),
        ("blank.csv", b" \r\n\n"),
    ] {
        let path = write(&dir, name, content)?;
        match read(&path) {
            Err(ImportError::Empty(p)) => assert_eq!(p, path),
            other => panic!("{name}: expected Empty, got {other:?}"),
        }
    }
    Ok(())
}

#[test]
fn a_folder_or_a_missing_file_cannot_be_read() -> TestResult {
    let dir = tempfile::tempdir()?;
    let error = read(dir.path())
        .err()
        .map(|e| e.to_string())
        .unwrap_or_default();
    assert!(error.contains("it is a folder"), "{error}");

    let missing = dir.path().join("missing.csv");
    assert!(matches!(read(&missing), Err(ImportError::Read { path, .. }) if path == missing));
    Ok(())
}

#[test]
fn garbage_bytes_give_a_clear_error_and_no_panic() -> TestResult {
    let dir = tempfile::tempdir()?;
    let binary = write(
        &dir,
        "photo.csv",
        &[0x89, b'P', b'N', b'G', 0, 0, 0x1A, 0xFF, 0xFE],
    )?;
    assert!(matches!(read(&binary), Err(ImportError::NotText(_))));

    let noise: Vec<u8> = (0..4096u32)
        .map(|i| ((i * 7919 + 13) % 255 + 1) as u8)
        .collect();
    let noise_path = write(&dir, "noise.csv", &noise)?;
    let error = read(&noise_path)
        .err()
        .map(|e| e.to_string())
        .unwrap_or_default();
    assert!(
        error.contains("does not look like") || error.contains("line"),
        "{error}"
    );
    Ok(())
}

#[test]
fn unknown_headers_name_the_first_columns() -> TestResult {
    let dir = tempfile::tempdir()?;
    let path = write(
        &dir,
        "contacts.csv",
        b"Id,AccountId,LastName,FirstName,Email,Phone,Title\n1,2,3,4,5,6,7\n",
    )?;
    match read(&path) {
        Err(ImportError::UnknownFormat { columns, .. }) => {
            assert_eq!(
                columns,
                "\"Id\", \"AccountId\", \"LastName\", \"FirstName\", \"Email\", and 2 more"
            );
        }
        other => panic!("expected UnknownFormat, got {other:?}"),
    }
    Ok(())
}

#[test]
fn a_quote_that_never_closes_makes_the_file_malformed() -> TestResult {
    let dir = tempfile::tempdir()?;
    let content = "Id,LastName,Company\n1,Lee,Acme\n2,\"Freeman,Acme\n3,Ng,Acme\n";
    match read(&write(&dir, "open-quote.csv", content.as_bytes())?) {
        Err(ImportError::Malformed { line, message, .. }) => {
            assert_eq!(line, 3);
            assert!(message.contains("never closed"));
        }
        other => panic!("expected Malformed, got {other:?}"),
    }
    Ok(())
}

#[test]
fn a_windows_1252_file_is_read_with_its_accents() -> TestResult {
    let dir = tempfile::tempdir()?;
    let batch = read(&write(
        &dir,
        "excel.csv",
        b"Last Name;Company Name\nM\xfcller;\x93Caf\xe9 Noir\x94 \x80\n",
    )?)?;

    let lead = &batch.records[0].record;
    assert_eq!(
        (lead.person.last_name.as_str(), lead.company.as_str()),
        ("Müller", "“Café Noir” €")
    );
    assert!(batch.notes.iter().any(|n| n.contains("Windows-1252")));
    Ok(())
}

#[test]
fn only_a_converted_salesforce_lead_comes_in_qualified() -> TestResult {
    let dir = tempfile::tempdir()?;
    let batch = read(&write(
        &dir,
        "Lead.csv",
        b"Id,LastName,Company,Status,IsConverted\n\
          00Q1,Ames,Contoso,Qualified,\n\
          00Q2,Berg,Fabrikam,Qualified,1\n\
          00Q3,Cole,Northwind,Closed - Converted,\n\
          00Q4,Diaz,Tailspin,Working - Contacted,\n",
    )?)?;

    let statuses: Vec<_> = batch
        .records
        .iter()
        .map(|r| (r.record.person.last_name.as_str(), r.record.status))
        .collect();
    assert_eq!(
        statuses,
        [
            ("Ames", Status::Open),
            ("Berg", Status::Qualified),
            ("Cole", Status::Qualified),
            ("Diaz", Status::Open),
        ]
    );
    Ok(())
}

#[test]
fn an_e_mail_that_is_no_address_is_kept_aside_not_used() -> TestResult {
    let dir = tempfile::tempdir()?;
    let batch = read(&write(
        &dir,
        "Lead.csv",
        b"Id,LastName,Company,Email\n\
          00Q1,Ames,Contoso,not-an-email\n\
          00Q2,Berg,Fabrikam,berg@fabrikam.example\n",
    )?)?;

    let ames = &batch.records[0].record;
    assert_eq!(ames.person.email, "");
    assert_eq!(
        ames.extra.get("Email").map(String::as_str),
        Some("not-an-email")
    );
    assert_eq!(
        batch.records[1].record.person.email,
        "berg@fabrikam.example"
    );
    assert!(batch
        .notes
        .iter()
        .any(|note| note.contains("is not an e-mail address")));
    Ok(())
}

const EUROPEAN_LEADS: &str = "\
Topic;Last Name;Company Name;Est. Value;Est. Close Date;Created On
Chairs;Berg;Berg AG;1.234,56;25/12/2025;03.02.2025 09:30
Desks;Okafor;;12,5;04/01/2026;
Lamps;Wei;Wei Lighting;1 000,00;01/13/2026;
";

#[test]
fn a_file_decides_its_date_order_and_decimal_mark_once() -> TestResult {
    let dir = tempfile::tempdir()?;
    let batch = read(&write(&dir, "leads.csv", EUROPEAN_LEADS.as_bytes())?)?;

    assert_eq!(batch.reading.separator_name(), "semicolon");
    assert_eq!(batch.reading.conventions.dates, Some(DateOrder::DayFirst));
    assert_eq!(batch.reading.conventions.decimal, Some(DecimalMark::Comma));
    let values: Vec<_> = batch
        .records
        .iter()
        .map(|r| (r.record.estimated_value, r.record.estimated_close))
        .collect();
    assert_eq!(
        values,
        [
            (
                Some(Money::from_minor(123_456)),
                NaiveDate::from_ymd_opt(2025, 12, 25)
            ),
            (
                Some(Money::from_minor(1_250)),
                NaiveDate::from_ymd_opt(2026, 1, 4)
            ),
            (Some(Money::from_minor(100_000)), None),
        ]
    );
    let created = batch.records[0].record.created_at.to_rfc3339();
    assert_eq!(created, "2025-02-03T09:30:00+00:00");
    assert_eq!(batch.problems.len(), 1);
    assert_eq!(batch.problems[0].line, 4);
    assert!(
        batch.problems[0].reason.contains("day/month/year order"),
        "{:?}",
        batch.problems
    );
    assert_eq!(
        batch.records[2]
            .record
            .extra
            .get("Est. Close Date")
            .map(String::as_str),
        Some("01/13/2026")
    );
    Ok(())
}

#[test]
fn a_file_whose_every_date_is_ambiguous_asks_for_the_order() -> TestResult {
    let dir = tempfile::tempdir()?;
    let path = write(
        &dir,
        "leads.csv",
        b"Topic,Last Name,Est. Close Date,Est. Value\nA,Berg,03/04/2025,1.500\nB,Lee,05/06/2025,\n",
    )?;

    let error = read(&path).map(|_| ()).map_err(|e| e.to_string());
    let message = error.err().unwrap_or_default();
    assert!(
        message.contains("line 2") && message.contains("--dates dmy"),
        "{message}"
    );

    let process = ProcessDefinition::lead_to_opportunity();
    let dates_only = Choices {
        dates: Some(DateOrder::MonthFirst),
        decimal: None,
    };
    let error = read_file_with(&path, &process, now(), dates_only).map(|_| ());
    assert!(matches!(
        error,
        Err(ImportError::AmbiguousAmounts { line: 2, .. })
    ));

    let both = Choices {
        dates: Some(DateOrder::MonthFirst),
        decimal: Some(DecimalMark::Comma),
    };
    let batch = read_file_with(&path, &process, now(), both)?;
    assert_eq!(
        batch.records[0].record.estimated_close,
        NaiveDate::from_ymd_opt(2025, 3, 4)
    );
    assert_eq!(
        batch.records[0].record.estimated_value,
        Some(Money::from_minor(150_000))
    );
    Ok(())
}

#[test]
fn excel_unicode_text_imports_like_csv() -> TestResult {
    let dir = tempfile::tempdir()?;
    let text = "Topic\tLast Name\tCompany Name\nChairs\tO’Brien 😀\tשלום בע\"מ\n";
    let mut bytes = vec![0xFF, 0xFE];
    bytes.extend(text.encode_utf16().flat_map(u16::to_le_bytes));
    let batch = read(&write(&dir, "leads.txt", &bytes)?)?;

    assert_eq!(batch.reading.encoding, "UTF-16 LE");
    assert_eq!(batch.reading.separator_name(), "tab");
    let lead = &batch.records[0].record;
    assert_eq!(lead.person.last_name, "O’Brien 😀");
    assert_eq!(lead.company, "שלום בע\"מ");
    Ok(())
}
