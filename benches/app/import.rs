//! Import throughput of a large Salesforce lead export through the app's importer, beside
//! the raw limit: the same rows read from the same file and inserted into the records table
//! by a minimal prepared-statement loop in one transaction.

use std::error::Error;
use std::path::Path;
use std::time::{Duration, Instant};

use fastrand::Rng;
use stride::controller::Controller;
use stride::store::Store;

/// Rows in the generated export.
const ROWS: usize = 100_000;

const HEADERS: [&str; 15] = [
    "Id",
    "IsDeleted",
    "LastName",
    "FirstName",
    "Name",
    "Title",
    "Company",
    "Phone",
    "Email",
    "Description",
    "LeadSource",
    "Status",
    "Rating",
    "IsConverted",
    "CreatedDate",
];

pub fn run() -> Result<(), Box<dyn Error>> {
    let folder = tempfile::tempdir()?;
    let csv = folder.path().join("Lead.csv");
    write_export(&csv)?;

    let app_db = folder.path().join("import.db");
    let controller = Controller::open(&app_db)?;
    let start = Instant::now();
    let report = controller.import(&csv)?;
    let app = start.elapsed();
    if report.leads != ROWS {
        return Err(format!("the import took {} of {ROWS} rows: {report}", report.leads).into());
    }

    let raw_db = folder.path().join("raw.db");
    drop(Store::open(&raw_db)?);
    let raw = raw_insert(&csv, &raw_db)?;

    let rate = |took: Duration| ROWS as f64 / took.as_secs_f64();
    println!(
        "import: {ROWS} Salesforce lead rows: stride import {:.0} rows/s ({:.2} s), raw insert \
         {:.0} rows/s ({:.2} s), ratio {:.2}",
        rate(app),
        app.as_secs_f64(),
        rate(raw),
        raw.as_secs_f64(),
        rate(app) / rate(raw)
    );
    Ok(())
}

/// Writes a Salesforce-style lead export of `ROWS` varied rows.
fn write_export(path: &Path) -> Result<(), Box<dyn Error>> {
    let first = [
        "Ana", "Ben", "Chen", "Dario", "Eva", "Femi", "Greta", "Hugo", "Ines", "Jonas",
    ];
    let last = [
        "Lee", "Moreau", "Ng", "Okafor", "Patel", "Quinn", "Rossi", "Sato", "Teo", "Vogel",
    ];
    let sources = [
        "Web",
        "Phone Inquiry",
        "Partner Referral",
        "Trade Show",
        "Online Form",
    ];
    let statuses = ["Open - Not Contacted", "Working - Contacted"];
    let ratings = ["Hot", "Warm", "Cold", ""];
    let mut rng = Rng::with_seed(5);
    let mut writer = csv::Writer::from_path(path)?;
    writer.write_record(HEADERS)?;
    for n in 0..ROWS {
        let (given, family) = (first[rng.usize(..10)], last[rng.usize(..10)]);
        let company = format!("Company {}", rng.usize(..5_000));
        writer.write_record([
            format!("00Q5g{n:013}"),
            "false".to_string(),
            family.to_string(),
            given.to_string(),
            format!("{given} {family}"),
            "Buyer".to_string(),
            company,
            format!("555{:07}", rng.u32(..10_000_000)),
            format!("{}.{}{n}@example.com", given, family).to_lowercase(),
            String::new(),
            sources[rng.usize(..sources.len())].to_string(),
            statuses[rng.usize(..2)].to_string(),
            ratings[rng.usize(..4)].to_string(),
            "false".to_string(),
            format!(
                "2025-{:02}-{:02}T10:15:00.000+0000",
                rng.u8(1..13),
                rng.u8(1..29)
            ),
        ])?;
    }
    writer.flush()?;
    Ok(())
}

/// Reads the export and inserts each row as a lead with one prepared statement in one
/// transaction, on a database with Stride's schema and settings; returns the time taken.
fn raw_insert(csv: &Path, db: &Path) -> Result<Duration, Box<dyn Error>> {
    let mut conn = rusqlite::Connection::open(db)?;
    conn.pragma_update(None, "synchronous", "FULL")?;
    conn.pragma_update(None, "foreign_keys", true)?;
    let start = Instant::now();
    let tx = conn.transaction_with_behavior(rusqlite::TransactionBehavior::Immediate)?;
    {
        let mut insert = tx.prepare(
            "INSERT INTO records (kind, external_id, last_name, first_name, job_title, company,
                phone, email, notes, source, rating, probability, status, reason, stage,
                stage_entered_at, created_at, updated_at)
             VALUES ('lead', ?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, 0, 'open', 'new',
                'qualify', ?11, ?11, ?11)",
        )?;
        let mut reader = csv::Reader::from_path(csv)?;
        for row in reader.records() {
            let row = row?;
            let field = |i: usize| row.get(i).unwrap_or_default();
            let rating = Some(field(12).to_lowercase()).filter(|r| !r.is_empty());
            insert.execute(rusqlite::params![
                field(0),
                field(2),
                field(3),
                field(5),
                field(6),
                field(7),
                field(8),
                field(9),
                field(10),
                rating,
                field(14),
            ])?;
        }
    }
    tx.commit()?;
    Ok(start.elapsed())
}
