//! The demo generator's records are the app's own: they read back through the store, their
//! state agrees with their history, they show in the lists and pages, and every command a
//! salesperson would run next works on them. The same seed gives the same pipeline.

use std::collections::BTreeMap;
use std::error::Error;
use std::path::Path;
use std::sync::Arc;

use chrono::{DateTime, TimeZone, Utc};
use stride::controller::{Controller, FixedClock, QualifyChoice};
use stride::demo::DemoOptions;
use stride::process::history::Entry;
use stride::process::{Change, Record, RecordKind, Status, StepValue};
use stride::store::{ListFilter, Store, StoreError};

type TestResult = Result<(), Box<dyn Error>>;

/// A record with its history, oldest entry first.
type Written = (Record, Vec<Entry>);

fn now() -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 11, 20, 15, 0, 0)
        .single()
        .unwrap_or_default()
}

fn options(seed: u64) -> DemoOptions {
    DemoOptions {
        leads: 400,
        opportunities: 150,
        seed,
    }
}

fn demo_database(path: &Path, seed: u64) -> Result<Controller, Box<dyn Error>> {
    let controller = Controller::with_clock(path, Arc::new(FixedClock::new(now())))?;
    let report = controller.add_demo_records(&options(seed))?;
    assert_eq!(report.leads, 400);
    assert_eq!(report.opportunities, 150);
    assert_eq!(report.contacts, 150);
    assert!(report.accounts > 0 && report.accounts <= 150);
    Ok(controller)
}

/// Every record with its history, read back through the store.
fn everything(path: &Path) -> Result<Vec<Written>, Box<dyn Error>> {
    let store = Store::open(path)?;
    let all = store.read(|tx| {
        let mut all = Vec::new();
        for summary in tx.list(ListFilter::All, usize::MAX)? {
            all.push((tx.record(summary.id)?, tx.history(summary.id)?));
        }
        Ok::<_, StoreError>(all)
    })?;
    Ok(all)
}

/// What a record's history says its stage, status and steps are now.
fn check_against_history(record: &Record, history: &[Entry]) {
    assert!(matches!(
        history.first().map(|e| &e.change),
        Some(Change::Created)
    ));
    assert!(history.windows(2).all(|pair| pair[0].at <= pair[1].at));
    assert!(history.iter().all(|entry| entry.at <= now()));
    assert!(history.iter().all(|entry| entry.by == "demo"));

    let mut stage = None;
    let mut entered = None;
    let mut status = None;
    let mut steps = BTreeMap::new();
    for entry in history {
        match &entry.change {
            Change::StageEntered { stage: key } => {
                stage = Some(key.clone());
                entered = Some(entry.at);
            }
            Change::StatusChanged {
                status: s, reason, ..
            } => status = Some((*s, *reason)),
            Change::StepSet { step, value } => {
                steps.insert(step.clone(), value.clone());
            }
            Change::Created
            | Change::StageLeft { .. }
            | Change::ReasonGiven { .. }
            | Change::ProbabilitySet { .. }
            | Change::ProcessSwitched { .. } => {}
        }
    }
    assert_eq!(
        stage.as_deref(),
        Some(record.stage.as_str()),
        "record {}",
        record.id
    );
    assert_eq!(
        entered,
        Some(record.stage_entered_at),
        "record {}",
        record.id
    );
    assert_eq!(
        status,
        Some((record.status, record.reason)),
        "record {}",
        record.id
    );
    for (key, value) in steps {
        assert_eq!(
            record.steps.get(&key),
            value.as_ref(),
            "record {} step {key}",
            record.id
        );
    }
    assert_eq!(
        record.close.is_some(),
        matches!(record.status, Status::Won | Status::Lost)
    );
}

#[test]
fn generated_records_agree_with_their_history_and_links() -> TestResult {
    let dir = tempfile::tempdir()?;
    let path = dir.path().join("demo.db");
    demo_database(&path, 7)?;

    let all = everything(&path)?;
    assert_eq!(all.len(), 550);
    let by_id: BTreeMap<_, _> = all.iter().map(|(r, _)| (r.id, r)).collect();
    let mut statuses = std::collections::HashMap::new();
    for (record, history) in &all {
        check_against_history(record, history);
        *statuses.entry(record.status).or_insert(0) += 1;
        if record.kind == RecordKind::Opportunity {
            let lead = record.links.origin_lead.and_then(|id| by_id.get(&id));
            let lead = lead.ok_or("an opportunity without its lead")?;
            assert_eq!(lead.status, Status::Qualified);
            assert_eq!(lead.links.opportunity, Some(record.id));
            assert_eq!(lead.links.account, record.links.account);
            assert!(record.links.account.is_some() && record.links.contact.is_some());
            assert!(record.created_at >= lead.created_at);
        }
    }
    for status in Status::ALL {
        assert!(
            statuses.get(status).copied().unwrap_or(0) > 0,
            "no {status} record"
        );
    }
    Ok(())
}

#[test]
fn generated_records_show_in_the_app_and_take_the_next_command() -> TestResult {
    let dir = tempfile::tempdir()?;
    let path = dir.path().join("demo.db");
    let controller = demo_database(&path, 3)?;

    let counts = controller.counts()?;
    let leads = controller.list(ListFilter::OpenLeads)?;
    let opportunities = controller.list(ListFilter::OpenOpportunities)?;
    let closed = controller.list(ListFilter::Closed)?;
    assert_eq!(leads.len(), counts.open_leads);
    assert_eq!(opportunities.len(), counts.open_opportunities);
    assert_eq!(closed.len(), counts.closed);
    assert_eq!(leads.len() + opportunities.len() + closed.len(), 550);
    for row in leads.iter().chain(&opportunities).chain(&closed) {
        let page = controller.page(row.id)?;
        assert_eq!(page.title, row.title);
        assert_eq!(page.record.status, row.status);
    }

    let lead = leads.first().ok_or("no open lead")?.id;
    let qualified = controller.qualify(lead, &QualifyChoice::default())?;
    assert_eq!(
        controller.page(qualified.opportunity)?.record.stage,
        "develop"
    );

    let develop = opportunities.iter().find(|row| row.stage_name == "Develop");
    let develop = develop.ok_or("no open opportunity in Develop")?.id;
    controller.next_stage(develop)?;
    assert_eq!(controller.page(develop)?.record.stage, "propose");
    controller.close_won(develop, None, None)?;
    assert_eq!(controller.page(develop)?.record.status, Status::Won);

    let won = closed.iter().find(|row| row.status == Status::Won);
    let won = won.ok_or("no won opportunity")?.id;
    controller.reopen(won, "a new order")?;
    assert_eq!(controller.page(won)?.record.status, Status::Open);

    let disqualified = closed.iter().find(|row| row.status == Status::Disqualified);
    let disqualified = disqualified.ok_or("no disqualified lead")?.id;
    controller.reactivate(disqualified)?;
    controller.set_step(disqualified, "decision_maker", Some(StepValue::Check(true)))?;
    assert_eq!(controller.page(disqualified)?.record.status, Status::Open);
    Ok(())
}

#[test]
fn the_same_seed_gives_the_same_pipeline_and_another_seed_another() -> TestResult {
    let dir = tempfile::tempdir()?;
    let (a, b, c) = (
        dir.path().join("a.db"),
        dir.path().join("b.db"),
        dir.path().join("c.db"),
    );
    demo_database(&a, 11)?;
    demo_database(&b, 11)?;
    demo_database(&c, 12)?;

    let records = |path: &Path| -> Result<Vec<Record>, Box<dyn Error>> {
        Ok(everything(path)?
            .into_iter()
            .map(|(record, _)| record)
            .collect())
    };
    assert_eq!(records(&a)?, records(&b)?);
    assert_ne!(records(&a)?, records(&c)?);
    Ok(())
}

#[test]
fn more_opportunities_than_leads_is_refused_and_writes_nothing() -> TestResult {
    let dir = tempfile::tempdir()?;
    let path = dir.path().join("demo.db");
    let controller = Controller::with_clock(&path, Arc::new(FixedClock::new(now())))?;
    let asked = DemoOptions {
        leads: 5,
        opportunities: 6,
        seed: 1,
    };
    let error = controller
        .add_demo_records(&asked)
        .err()
        .ok_or("accepted")?;
    assert!(error.to_string().contains("at least 6 leads"), "{error}");
    assert_eq!(controller.list(ListFilter::All)?.len(), 0);
    Ok(())
}

/// How many records the search index holds exactly as the search triggers would write them,
/// and how many it holds at all.
fn indexed(path: &Path) -> Result<(i64, i64, i64), Box<dyn Error>> {
    let db = rusqlite::Connection::open(path)?;
    let agreeing = db.query_row(
        "SELECT count(*) FROM record_search_text v JOIN record_search s ON s.rowid = v.id
         WHERE s.topic = v.topic AND s.people = v.people AND s.company = v.company
             AND s.notes = v.notes AND s.tab = v.tab",
        [],
        |row| row.get(0),
    )?;
    let total = db.query_row("SELECT count(*) FROM record_search", [], |row| row.get(0))?;
    let records = db.query_row("SELECT count(*) FROM records", [], |row| row.get(0))?;
    Ok((agreeing, total, records))
}

#[test]
fn a_bulk_write_leaves_the_search_index_as_the_triggers_would_and_puts_them_back() -> TestResult {
    let dir = tempfile::tempdir()?;
    let path = dir.path().join("demo.db");
    let controller = demo_database(&path, 5)?;
    let (agreeing, total, records) = indexed(&path)?;
    assert_eq!((agreeing, total), (records, records));

    // A second batch on top indexes only its own records, once each.
    controller.add_demo_records(&options(6))?;
    let (agreeing, total, records) = indexed(&path)?;
    assert_eq!((agreeing, total), (records, records));

    // The triggers are back: an edit after the batch reaches the index.
    let lead = controller.list(ListFilter::OpenLeads)?;
    let lead = lead.first().ok_or("no open lead")?.id;
    let mut form = controller.lead_form(lead)?;
    form.topic = "Zeppelin hangar".into();
    controller.update_lead(lead, &form)?;
    let query = stride::store::ListQuery {
        filter: ListFilter::All,
        text: "zeppelin".into(),
        ..Default::default()
    };
    let (found, rows) = controller.search(&query, 10)?;
    assert_eq!(found, 1);
    assert_eq!(rows[0].id, lead);
    Ok(())
}
