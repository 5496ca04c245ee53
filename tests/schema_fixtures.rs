//! Databases written by every earlier schema version open with this build, migrate to its
//! newest schema and keep every record. The fixtures in `tests/fixtures/` are made by
//! `make_fixture` below with the build of their day:
//!
//! ```sh
//! cargo test --test schema_fixtures -- --ignored make_fixture
//! ```
//!
//! It writes `tests/fixtures/schema-vN.db` for the build's newest version N; commit it
//! when a release adds a schema version, and never change an existing fixture.

use std::error::Error;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use chrono::{NaiveDate, TimeZone, Utc};
use stride::controller::{Controller, FixedClock, LeadForm, QualifyChoice};
use stride::process::{
    CloseInfo, DisqualifyReason, LostReason, Money, RecordId, RecordKind, Status, StepValue,
};
use stride::store::{schema, ListFilter};

type TestResult = Result<(), Box<dyn Error>>;

fn fixtures() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures")
}

/// Every committed fixture with its schema version, oldest first.
fn fixture_files() -> Result<Vec<(i64, PathBuf)>, Box<dyn Error>> {
    let mut found = Vec::new();
    for entry in std::fs::read_dir(fixtures())? {
        let path = entry?.path();
        let name = path
            .file_name()
            .and_then(|n| n.to_str())
            .unwrap_or_default();
        if let Some(version) = name
            .strip_prefix("schema-v")
            .and_then(|rest| rest.strip_suffix(".db"))
        {
            found.push((version.parse()?, path));
        }
    }
    found.sort();
    Ok(found)
}

fn lead(topic: &str, last_name: &str, company: &str, value: &str) -> LeadForm {
    LeadForm {
        topic: topic.into(),
        first_name: "Sam".into(),
        last_name: last_name.into(),
        company: company.into(),
        email: format!(
            "{}@{}.example",
            last_name.to_lowercase(),
            company.to_lowercase()
        ),
        estimated_value: value.into(),
        notes: "Met at the spring fair.".into(),
        ..LeadForm::default()
    }
}

fn qualified(controller: &Controller, lead: RecordId) -> Result<RecordId, Box<dyn Error>> {
    controller.set_step_text(lead, "summary", "Ready to buy")?;
    let choice = QualifyChoice {
        account: None,
        contact: None,
        new_account: false,
    };
    Ok(controller.qualify(lead, &choice)?.opportunity)
}

/// Writes records of every kind and state into a new database at `path`.
fn fill(path: &Path) -> Result<Controller, Box<dyn Error>> {
    let start = Utc
        .with_ymd_and_hms(2026, 3, 2, 9, 0, 0)
        .single()
        .ok_or("no time")?;
    let mut controller = Controller::with_clock(path, Arc::new(FixedClock::new(start)))?;
    controller.set_step_required("decision_maker", true)?;

    let open = controller.create_lead(&lead("Forty seats", "Ng", "Fabrikam", "12500"))?;
    controller.set_step_text(open, "purchase_timeframe", "This quarter")?;
    controller.set_step_text(open, "estimated_budget", "12000")?;
    controller.set_step_text(open, "summary", "Wants forty seats")?;

    let gone = controller.create_lead(&lead("Kiosk pilot", "Okafor", "Contoso", ""))?;
    controller.disqualify(gone, DisqualifyReason::CannotContact)?;

    let won_lead = controller.create_lead(&lead("Fleet renewal", "Rossi", "Northwind", "30000"))?;
    controller.set_step_text(won_lead, "decision_maker", "yes")?;
    let won = qualified(&controller, won_lead)?;
    controller.set_step_text(won, "customer_need", "Faster quotes")?;
    controller.next_stage(won)?;
    controller.next_stage(won)?;
    let close_date = NaiveDate::from_ymd_opt(2026, 3, 20).ok_or("no date")?;
    controller.close_won(won, Some("31000".parse()?), Some(close_date))?;

    let lost_lead = controller.create_lead(&lead("Tablets", "Berg", "Adatum", "8000"))?;
    controller.set_step_text(lost_lead, "decision_maker", "yes")?;
    let lost = qualified(&controller, lost_lead)?;
    controller.close_lost(lost, LostReason::OutSold, "Fabrikam", "Price")?;

    let working_lead = controller.create_lead(&lead("Handhelds", "Silva", "Litware", "5000"))?;
    controller.set_step_text(working_lead, "decision_maker", "yes")?;
    let working = qualified(&controller, working_lead)?;
    controller.set_step_text(working, "stakeholders", "yes")?;
    Ok(controller)
}

/// Makes the fixture for this build's newest schema version; see the module comment.
#[test]
#[ignore = "writes a fixture into the source tree; run by hand when a schema version is added"]
fn make_fixture() -> TestResult {
    let dir = tempfile::tempdir()?;
    let controller = fill(&dir.path().join("fixture.db"))?;
    let target = fixtures().join(format!("schema-v{}.db", schema::latest_version()));
    controller.backup(Some(&target))?;
    println!("wrote {}", target.display());
    Ok(())
}

/// The lead whose topic is `topic`; its opportunity carries the same topic.
fn by_topic(
    controller: &Controller,
    topic: &str,
) -> Result<stride::process::Record, Box<dyn Error>> {
    for row in controller.list(ListFilter::All)? {
        let page = controller.page(row.id)?;
        if page.record.topic == topic && page.record.kind == RecordKind::Lead {
            return Ok(page.record);
        }
    }
    Err(format!("no record has the topic {topic}").into())
}

/// Checks that a database made by `fill` holds all it wrote.
fn check_contents(controller: &Controller) -> TestResult {
    controller.check_integrity()?;
    assert_eq!(controller.list(ListFilter::All)?.len(), 8);
    let following: u64 = controller
        .process_summaries()?
        .iter()
        .map(|s| s.records)
        .sum();
    assert_eq!(following, 8, "every record follows a process version");
    assert!(controller
        .process()
        .step("decision_maker")
        .is_some_and(|(_, s)| s.required));

    let open = by_topic(controller, "Forty seats")?;
    assert_eq!(
        (open.status, open.stage.as_str()),
        (Status::Open, "qualify")
    );
    assert_eq!(open.person.last_name, "Ng");
    assert_eq!(open.estimated_value, Some("12500".parse::<Money>()?));
    assert_eq!(open.notes, "Met at the spring fair.");
    assert_eq!(
        open.steps.get("purchase_timeframe"),
        Some(&StepValue::Choice("This quarter".into()))
    );
    assert_eq!(
        open.steps.get("summary"),
        Some(&StepValue::Text("Wants forty seats".into()))
    );

    let gone = by_topic(controller, "Kiosk pilot")?;
    assert_eq!(gone.status, Status::Disqualified);

    let won = controller.page(
        by_topic(controller, "Fleet renewal")?
            .links
            .opportunity
            .ok_or("the won lead lost its opportunity")?,
    )?;
    assert_eq!(won.record.status, Status::Won);
    assert_eq!(won.record.stage, "close");
    assert!(
        matches!(won.record.close, Some(CloseInfo::Won { revenue, .. })
            if revenue == "31000".parse()?)
    );
    assert_eq!(won.account.as_deref(), Some("Northwind"));
    assert_eq!(won.contact.as_deref(), Some("Sam Rossi"));
    assert_eq!(
        won.record.steps.get("customer_need"),
        Some(&StepValue::Text("Faster quotes".into()))
    );

    let lost_lead = by_topic(controller, "Tablets")?;
    let lost = controller.page(lost_lead.links.opportunity.ok_or("no opportunity")?)?;
    assert_eq!(lost.record.status, Status::Lost);
    assert!(matches!(
        &lost.record.close,
        Some(CloseInfo::Lost { competitor, .. }) if competitor == "Fabrikam"
    ));

    let working_lead = by_topic(controller, "Handhelds")?;
    assert_eq!(working_lead.status, Status::Qualified);
    let working = controller.page(working_lead.links.opportunity.ok_or("no opportunity")?)?;
    assert_eq!(
        (working.record.status, working.record.stage.as_str()),
        (Status::Open, "develop")
    );
    assert_eq!(working.record.links.origin_lead, Some(working_lead.id));
    Ok(())
}

#[test]
fn the_contents_check_holds_for_a_database_this_build_writes() -> TestResult {
    let dir = tempfile::tempdir()?;
    let controller = fill(&dir.path().join("new.db"))?;

    check_contents(&controller)
}

#[test]
fn every_fixture_migrates_to_the_newest_schema_and_keeps_its_records() -> TestResult {
    let fixtures = fixture_files()?;
    assert!(
        fixtures.iter().any(|(version, _)| *version == 1),
        "the schema version 1 fixture is missing"
    );

    for (version, fixture) in fixtures {
        let dir = tempfile::tempdir()?;
        let copy = dir.path().join(format!("v{version}.db"));
        std::fs::copy(&fixture, &copy)?;

        let controller = Controller::open(&copy)?;
        let found: i64 =
            rusqlite::Connection::open(&copy)?
                .query_row("PRAGMA user_version", [], |row| row.get(0))?;

        assert_eq!(found, schema::latest_version(), "fixture v{version}");
        check_contents(&controller).map_err(|e| format!("fixture v{version}: {e}"))?;
    }
    Ok(())
}
