//! The controller on a real SQLite file: what is saved comes back after reopening, qualify is
//! written once, stage times come from history, foreign files are refused untouched, and the
//! real Salesforce exports import once.

use std::collections::BTreeMap;
use std::error::Error;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use chrono::{DateTime, Duration, NaiveDate, TimeZone, Utc};
use stride::controller::{AppError, Controller, FixedClock, LeadForm, QualifyChoice};
use stride::process::history::{time_in_stages, Entry};
use stride::process::{
    Change, CloseInfo, DisqualifyReason, LostReason, Money, ProcessError, Reason, RecordId, Status,
    StepValue,
};
use stride::store::{ListFilter, Store, StoreError};

type TestResult = Result<(), Box<dyn Error>>;

const SALESFORCE: &str = concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/../shared/data/salesforce-data-cloud-workshop"
);

/// A start time with nanoseconds, so a lossy timestamp column would show.
fn t0() -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 3, 2, 9, 30, 0)
        .single()
        .unwrap_or_default()
        + Duration::nanoseconds(123_456_789)
}

struct Fixture {
    _dir: tempfile::TempDir,
    path: PathBuf,
    clock: Arc<FixedClock>,
}

impl Fixture {
    fn new() -> Result<Self, Box<dyn Error>> {
        let dir = tempfile::tempdir()?;
        let path = dir.path().join("stride.db");
        Ok(Fixture {
            _dir: dir,
            path,
            clock: Arc::new(FixedClock::new(t0())),
        })
    }

    fn open(&self) -> Result<Controller, AppError> {
        Controller::with_clock(&self.path, self.clock.clone())
    }

    fn advance(&self, days: i64) {
        self.clock.advance(Duration::days(days));
    }

    fn history(&self, id: RecordId) -> Result<Vec<Entry>, StoreError> {
        Store::open(&self.path)?.read(|tx| tx.history(id))
    }

    fn count(&self, sql: &str) -> Result<i64, rusqlite::Error> {
        let conn = rusqlite::Connection::open(&self.path)?;
        conn.query_row(sql, [], |row| row.get(0))
    }
}

fn lead_form(last: &str, company: &str, email: &str) -> LeadForm {
    LeadForm {
        topic: format!("Printers for {company}"),
        first_name: "Ann".into(),
        last_name: last.into(),
        company: company.into(),
        email: email.into(),
        estimated_value: "12,500".into(),
        notes: "Met at the trade show".into(),
        ..LeadForm::default()
    }
}

fn changes(entries: &[Entry]) -> Vec<Change> {
    entries.iter().map(|e| e.change.clone()).collect()
}

fn date(y: i32, m: u32, d: u32) -> Result<NaiveDate, String> {
    NaiveDate::from_ymd_opt(y, m, d).ok_or_else(|| format!("bad date {y}-{m}-{d}"))
}

#[test]
fn reopening_the_file_gives_back_records_steps_statuses_and_history() -> TestResult {
    let fx = Fixture::new()?;
    let app = fx.open()?;

    let lead = app.create_lead(&lead_form("Lee", "Contoso", "ann@contoso.example"))?;
    app.set_step_text(lead, "purchase_timeframe", "this quarter")?;
    app.set_step_text(lead, "estimated_budget", "40,000")?;
    app.set_step_text(lead, "decision_maker", "yes")?;
    app.set_step_text(lead, "summary", "Three printers, one per floor")?;
    fx.advance(1);
    let won = app.qualify(lead, &QualifyChoice::default())?.opportunity;
    app.set_step_text(won, "customer_need", "faster printing")?;
    app.next_stage(won)?;
    fx.advance(2);
    app.set_step_text(won, "develop_proposal", "yes")?;
    app.next_stage(won)?;
    app.set_step_text(won, "decision_date", "2026-04-30")?;
    let close_date = date(2026, 4, 30)?;
    app.close_won(won, Some(Money::from_minor(1_300_000)), Some(close_date))?;

    let dropped = app.create_lead(&lead_form("Brown", "Fabrikam", "bo@fabrikam.example"))?;
    app.disqualify(dropped, DisqualifyReason::CannotContact)?;
    let second = app.create_lead(&lead_form("Diaz", "Northwind", "di@northwind.example"))?;
    let lost = app.qualify(second, &QualifyChoice::default())?.opportunity;
    app.close_lost(lost, LostReason::OutSold, "Fabrikam", "price")?;

    let ids = [lead, won, dropped, second, lost];
    let mut before = BTreeMap::new();
    for id in ids {
        before.insert(id, app.page(id)?.record);
    }
    let list_before = app.list(ListFilter::All)?;
    drop(app);

    let app = fx.open()?;
    for id in ids {
        assert_eq!(app.page(id)?.record, before[&id], "record {id}");
    }
    assert_eq!(app.list(ListFilter::All)?, list_before);

    let record = app.page(won)?.record;
    assert_eq!((record.status, record.probability), (Status::Won, 100));
    assert_eq!(
        record.close,
        Some(CloseInfo::Won {
            revenue: Money::from_minor(1_300_000),
            date: close_date,
        })
    );
    assert_eq!(record.stage_entered_at, t0() + Duration::days(3));
    assert_eq!(record.links.origin_lead, Some(lead));
    assert_eq!(
        record.steps.get("estimated_budget"),
        Some(&StepValue::Money(Money::from_minor(4_000_000)))
    );
    assert_eq!(
        record.steps.get("purchase_timeframe"),
        Some(&StepValue::Choice("This quarter".into()))
    );
    assert_eq!(
        record.steps.get("decision_date"),
        Some(&StepValue::Date(close_date))
    );
    assert_eq!(
        record.steps.get("develop_proposal"),
        Some(&StepValue::Check(true))
    );
    let qualified = app.page(lead)?.record;
    assert_eq!(qualified.status, Status::Qualified);
    assert_eq!(qualified.links.opportunity, Some(won));
    let disqualified = app.page(dropped)?.record;
    assert_eq!(
        (disqualified.status, disqualified.reason),
        (Status::Disqualified, Reason::CannotContact)
    );
    let lost_record = app.page(lost)?.record;
    assert_eq!(
        (lost_record.status, lost_record.probability),
        (Status::Lost, 0)
    );
    drop(app);

    let history = fx.history(won)?;
    let step = |key: &str, value: StepValue| Change::StepSet {
        step: key.into(),
        value: Some(value),
    };
    let enter = |stage: &str| Change::StageEntered {
        stage: stage.into(),
    };
    let leave = |stage: &str| Change::StageLeft {
        stage: stage.into(),
    };
    let expected = vec![
        Change::Created,
        Change::StatusChanged {
            status: Status::Open,
            reason: Reason::InProgress,
            close: None,
        },
        enter("develop"),
        step("customer_need", StepValue::Text("faster printing".into())),
        leave("develop"),
        enter("propose"),
        step("develop_proposal", StepValue::Check(true)),
        leave("propose"),
        enter("close"),
        step("decision_date", StepValue::Date(close_date)),
        Change::StatusChanged {
            status: Status::Won,
            reason: Reason::Won,
            close: record.close.clone(),
        },
        leave("close"),
    ];
    assert_eq!(changes(&history), expected);
    let times: Vec<_> = history.iter().map(|e| e.at - t0()).collect();
    let days = |n| Duration::days(n);
    let expected_times = [1, 1, 1, 1, 1, 1, 3, 3, 3, 3, 3, 3].map(days);
    assert_eq!(times, expected_times);

    let lead_history = changes(&fx.history(lead)?);
    assert_eq!(lead_history.len(), 9, "{lead_history:?}");
    assert_eq!(
        lead_history.last(),
        Some(&Change::StageLeft {
            stage: "qualify".into()
        })
    );
    Ok(())
}

#[test]
fn qualify_pressed_twice_creates_one_opportunity_account_and_contact() -> TestResult {
    let fx = Fixture::new()?;
    let app = fx.open()?;
    let lead = app.create_lead(&lead_form("Lee", "Fabrikam Inc.", "Ann@Fabrikam.example"))?;

    let first = app.qualify(lead, &QualifyChoice::default())?;
    let history_after_first = fx.history(lead)?;
    let second = app.qualify(lead, &QualifyChoice::default())?;
    assert!(!first.already);
    assert!(second.already);
    assert_eq!(second.opportunity, first.opportunity);
    assert_eq!(fx.history(lead)?, history_after_first);
    drop(app);

    let app = fx.open()?;
    let third = app.qualify(lead, &QualifyChoice::default())?;
    assert_eq!(
        (third.opportunity, third.already),
        (first.opportunity, true)
    );

    let opportunities = "SELECT COUNT(*) FROM records WHERE kind = 'opportunity'";
    assert_eq!(fx.count(opportunities)?, 1);
    assert_eq!(fx.count("SELECT COUNT(*) FROM accounts")?, 1);
    assert_eq!(fx.count("SELECT COUNT(*) FROM contacts")?, 1);

    // A second lead at the same company is offered the account, and choosing it adds none.
    let other = app.create_lead(&lead_form("Ng", "fabrikam", "ng@fabrikam.example"))?;
    let options = app.qualify_options(other)?;
    assert_eq!(options.accounts.len(), 1);
    assert_eq!(options.accounts[0].name, "Fabrikam Inc.");
    let choice = QualifyChoice {
        account: Some(options.accounts[0].id),
        contact: None,
        new_account: false,
    };
    let q = app.qualify(other, &choice)?;
    assert_eq!(fx.count("SELECT COUNT(*) FROM accounts")?, 1);
    assert_eq!(fx.count("SELECT COUNT(*) FROM contacts")?, 2);
    let opportunity = app.page(q.opportunity)?;
    assert_eq!(opportunity.account.as_deref(), Some("Fabrikam Inc."));
    assert_eq!(opportunity.contact.as_deref(), Some("Ann Ng"));
    Ok(())
}

#[test]
fn a_qualify_that_fails_half_way_writes_nothing() -> TestResult {
    let fx = Fixture::new()?;
    let app = fx.open()?;
    let lead = app.create_lead(&lead_form("Lee", "Contoso", "ann@contoso.example"))?;
    let before = app.page(lead)?.record;

    // The account is created before the missing contact is noticed; all of it must roll back.
    let choice = QualifyChoice {
        account: None,
        contact: Some(404),
        new_account: false,
    };
    match app.qualify(lead, &choice) {
        Err(AppError::Invalid { field, .. }) => assert_eq!(field, "Contact"),
        other => panic!("expected the missing contact to be refused, got {other:?}"),
    }
    assert_eq!(fx.count("SELECT COUNT(*) FROM accounts")?, 0);
    assert_eq!(fx.count("SELECT COUNT(*) FROM contacts")?, 0);
    assert_eq!(fx.count("SELECT COUNT(*) FROM records")?, 1);
    assert_eq!(app.page(lead)?.record, before);
    assert!(app.qualify(lead, &QualifyChoice::default()).is_ok());
    Ok(())
}

#[test]
fn a_refused_command_leaves_the_record_and_its_history_as_they_were() -> TestResult {
    let fx = Fixture::new()?;
    let mut app = fx.open()?;
    app.set_step_required("customer_need", true)?;
    let lead = app.create_lead(&lead_form("Lee", "Contoso", "ann@contoso.example"))?;
    let opportunity = app.qualify(lead, &QualifyChoice::default())?.opportunity;
    let record = app.page(opportunity)?.record;
    let history = fx.history(opportunity)?;

    fx.advance(1);
    match app.next_stage(opportunity) {
        Err(AppError::Process(ProcessError::MissingSteps { stage, steps })) => {
            assert_eq!(stage, "Develop");
            let labels: Vec<&str> = steps.iter().map(|s| s.label.as_str()).collect();
            assert_eq!(labels, ["Customer need"]);
        }
        other => panic!("expected missing steps, got {other:?}"),
    }
    match app.disqualify(lead, DisqualifyReason::Lost) {
        Err(AppError::Process(ProcessError::NotAllowed { status, .. })) => {
            assert_eq!(status, Status::Qualified);
        }
        other => panic!("expected the qualified lead to refuse, got {other:?}"),
    }
    assert_eq!(app.page(opportunity)?.record, record);
    assert_eq!(fx.history(opportunity)?, history);
    assert_eq!(app.page(lead)?.record.status, Status::Qualified);

    // The required step stays required after reopening the file.
    drop(app);
    let app = fx.open()?;
    assert!(app.next_stage(opportunity).is_err());
    app.set_step_text(opportunity, "customer_need", "speed")?;
    app.next_stage(opportunity)?;
    assert_eq!(app.page(opportunity)?.record.stage, "propose");
    Ok(())
}

fn days_spent(app: &Controller, id: RecordId) -> Result<BTreeMap<String, i64>, AppError> {
    Ok(app
        .page(id)?
        .stages
        .into_iter()
        .map(|s| (s.key, s.days_spent))
        .collect())
}

#[test]
fn time_in_each_stage_adds_up_every_visit() -> TestResult {
    let fx = Fixture::new()?;
    let app = fx.open()?;
    let lead = app.create_lead(&lead_form("Lee", "Contoso", "ann@contoso.example"))?;
    fx.advance(3);
    let id = app.qualify(lead, &QualifyChoice::default())?.opportunity;

    fx.advance(7);
    app.next_stage(id)?;
    fx.advance(2);
    app.previous_stage(id, "the customer wants another look")?;
    fx.advance(4);

    let spent = days_spent(&app, id)?;
    assert_eq!(spent["develop"], 11);
    assert_eq!(spent["propose"], 2);
    assert_eq!(spent["close"], 0);
    let page = app.page(id)?;
    assert_eq!(page.active_days, 4);

    let history = fx.history(id)?;
    let times = time_in_stages(&history, app.now());
    let develop = times.iter().find(|t| t.stage == "develop");
    assert_eq!(
        develop.map(|t| (t.total, t.visits)),
        Some((Duration::days(11), 2))
    );

    // The lead's three days in Qualify stop counting once it is qualified.
    assert_eq!(days_spent(&app, lead)?["qualify"], 3);

    // Whole days only: 23 more hours is still 4 days active, one more hour makes 5.
    fx.clock.advance(Duration::hours(23));
    assert_eq!(app.page(id)?.active_days, 4);
    assert_eq!(days_spent(&app, id)?["develop"], 11);
    fx.clock.advance(Duration::hours(1));
    assert_eq!(app.page(id)?.active_days, 5);
    assert_eq!(days_spent(&app, id)?["develop"], 12);
    let rows = app.list(ListFilter::OpenOpportunities)?;
    assert_eq!(
        rows.iter().find(|r| r.id == id).map(|r| r.days_in_stage),
        Some(5)
    );

    // Leaving Develop again closes its second visit; both closed visits still add up.
    app.next_stage(id)?;
    fx.advance(3);
    let spent = days_spent(&app, id)?;
    assert_eq!(spent["develop"], 12);
    assert_eq!(spent["propose"], 5);
    Ok(())
}

#[test]
fn time_while_closed_is_not_counted_and_reopen_restarts_active_days() -> TestResult {
    let fx = Fixture::new()?;
    let app = fx.open()?;
    let lead = app.create_lead(&lead_form("Lee", "Contoso", "ann@contoso.example"))?;
    let id = app.qualify(lead, &QualifyChoice::default())?.opportunity;

    fx.advance(2);
    app.close_won(id, None, None)?;
    let record = app.page(id)?.record;
    assert_eq!(
        record.close,
        Some(CloseInfo::Won {
            revenue: Money::from_minor(1_250_000),
            date: (t0() + Duration::days(2)).date_naive(),
        })
    );
    fx.advance(10);
    assert_eq!(days_spent(&app, id)?["develop"], 2);

    app.reopen(id, "the customer came back")?;
    let page = app.page(id)?;
    assert_eq!(page.active_days, 0);
    assert_eq!(page.record.close, None);
    assert_eq!(page.record.probability, 20);
    fx.advance(1);
    assert_eq!(app.page(id)?.active_days, 1);
    assert_eq!(days_spent(&app, id)?["develop"], 3);

    // The close data stays in history after the reopen.
    let closed_in_history = fx.history(id)?.iter().any(|e| {
        matches!(
            &e.change,
            Change::StatusChanged {
                status: Status::Won,
                close: Some(CloseInfo::Won { .. }),
                ..
            }
        )
    });
    assert!(closed_in_history);
    Ok(())
}

fn files_in(dir: &Path) -> Result<Vec<String>, std::io::Error> {
    let mut names = Vec::new();
    for entry in std::fs::read_dir(dir)? {
        names.push(entry?.file_name().to_string_lossy().into_owned());
    }
    names.sort();
    Ok(names)
}

#[test]
fn a_database_from_a_newer_schema_is_refused_and_left_untouched() -> TestResult {
    let fx = Fixture::new()?;
    let app = fx.open()?;
    app.create_lead(&lead_form("Lee", "Contoso", "ann@contoso.example"))?;
    drop(app);
    let conn = rusqlite::Connection::open(&fx.path)?;
    let newer = stride::store::schema::latest_version() + 1;
    conn.pragma_update(None, "user_version", newer)?;
    drop(conn);
    let bytes = std::fs::read(&fx.path)?;
    let dir = fx.path.parent().ok_or("no folder")?;
    let files = files_in(dir)?;

    match fx.open() {
        Err(AppError::Store(StoreError::TooNew { found, known })) => {
            assert_eq!((found, known), (newer, newer - 1));
        }
        Err(other) => panic!("expected TooNew, got {other:?}"),
        Ok(_) => panic!("a database from a newer Stride was opened"),
    }
    let message = match Store::open(&fx.path) {
        Err(error) => error.to_string(),
        Ok(_) => return Err("the store opened a newer database".into()),
    };
    assert!(message.contains("newer version of Stride"), "{message}");
    assert!(message.contains(&format!("schema {newer}")), "{message}");
    assert_eq!(std::fs::read(&fx.path)?, bytes);
    assert_eq!(files_in(dir)?, files);
    Ok(())
}

#[test]
fn a_file_that_is_not_a_database_is_refused_with_its_bytes_unchanged() -> TestResult {
    let dir = tempfile::tempdir()?;
    let samples: [(&str, Vec<u8>); 3] = [
        ("notes.txt", b"Call Ann about the printers.\n".to_vec()),
        (
            "Lead.csv",
            "Id,LastName,Company\n1,Lee,Contoso\n"
                .repeat(40)
                .into_bytes(),
        ),
        (
            "random.bin",
            (0..8192u32).map(|i| (i * 31 % 251) as u8).collect(),
        ),
    ];
    for (name, contents) in samples {
        let path = dir.path().join(name);
        std::fs::write(&path, &contents)?;

        let error = match Controller::open(&path) {
            Err(error) => error,
            Ok(_) => return Err(format!("{name} was opened as a database").into()),
        };
        assert!(
            matches!(error, AppError::Store(StoreError::NotADatabase { .. })),
            "{name}: {error:?}"
        );
        let message = error.to_string();
        assert!(message.contains(&path.display().to_string()), "{message}");
        assert!(message.contains("is not a Stride database"), "{message}");
        assert!(message.contains("Nothing was changed"), "{message}");
        assert_eq!(message.lines().count(), 1, "{message}");
        assert_eq!(std::fs::read(&path)?, contents, "{name} was changed");
    }
    let mut names = files_in(dir.path())?;
    names.sort();
    assert_eq!(names, ["Lead.csv", "notes.txt", "random.bin"]);
    Ok(())
}

fn status_counts(
    app: &Controller,
) -> Result<BTreeMap<(&'static str, &'static str), usize>, AppError> {
    let mut counts = BTreeMap::new();
    for row in app.list(ListFilter::All)? {
        *counts
            .entry((row.kind.as_str(), row.status.as_str()))
            .or_insert(0) += 1;
    }
    Ok(counts)
}

#[test]
fn salesforce_leads_then_opportunities_import_once() -> TestResult {
    let fx = Fixture::new()?;
    let app = fx.open()?;
    let leads = Path::new(SALESFORCE).join("Lead.csv");
    let opportunities = Path::new(SALESFORCE).join("Opportunity.csv");

    let report = app.import(&leads)?;
    assert_eq!((report.leads, report.opportunities), (60, 0));
    assert_eq!(report.accounts, 22);
    let report = app.import(&opportunities)?;
    assert_eq!((report.leads, report.opportunities), (0, 50));
    assert_eq!(report.accounts, 0);
    assert!(report.skipped.is_empty(), "{:?}", report.skipped);

    let expected = BTreeMap::from([
        (("lead", "open"), 60),
        (("opportunity", "open"), 35),
        (("opportunity", "won"), 12),
        (("opportunity", "lost"), 3),
    ]);
    assert_eq!(status_counts(&app)?, expected);
    let counts = app.counts()?;
    assert_eq!(
        (counts.open_leads, counts.open_opportunities, counts.closed),
        (60, 35, 15)
    );
    let won = app
        .list(ListFilter::Closed)?
        .into_iter()
        .filter(|r| r.status == Status::Won)
        .map(|r| app.page(r.id).map(|p| p.record.probability))
        .collect::<Result<Vec<_>, _>>()?;
    assert_eq!(won, [100; 12]);

    for file in [&leads, &opportunities] {
        let again = app.import(file)?;
        assert_eq!(
            (again.leads, again.opportunities, again.accounts),
            (0, 0, 0)
        );
    }
    let again = app.import(&leads)?;
    assert_eq!(again.already_present, 60);
    drop(app);

    let app = fx.open()?;
    assert_eq!(status_counts(&app)?, expected);
    assert_eq!(fx.count("SELECT COUNT(*) FROM records")?, 110);
    assert_eq!(fx.count("SELECT COUNT(*) FROM accounts")?, 22);
    Ok(())
}

#[test]
fn another_programs_sqlite_database_is_refused_and_left_untouched() -> TestResult {
    let dir = tempfile::tempdir()?;
    let path = dir.path().join("notes.sqlite");
    let conn = rusqlite::Connection::open(&path)?;
    conn.execute_batch(
        "CREATE TABLE notes (id INTEGER PRIMARY KEY, body TEXT NOT NULL);
         INSERT INTO notes (body) VALUES ('call Ann'), ('order toner');",
    )?;
    drop(conn);
    let bytes = std::fs::read(&path)?;

    let error = match Controller::open(&path) {
        Err(error) => error,
        Ok(_) => return Err("another program's database was opened as Stride's".into()),
    };
    assert!(
        matches!(error, AppError::Store(StoreError::NotADatabase { .. })),
        "{error:?}"
    );
    assert!(
        error.to_string().contains("is not a Stride database"),
        "{error}"
    );
    assert_eq!(std::fs::read(&path)?, bytes);
    assert_eq!(files_in(dir.path())?, ["notes.sqlite"]);
    Ok(())
}

#[test]
fn qualifying_an_imported_lead_uses_the_account_it_is_linked_to() -> TestResult {
    let fx = Fixture::new()?;
    let app = fx.open()?;
    let (lead, accounts) = import_an_open_lead(&fx, &app)?;
    let linked = app.page(lead)?.record.links.account;
    assert!(linked.is_some(), "the imported lead names no account");
    let options = app.qualify_options(lead)?;
    assert_eq!(options.linked_account, linked);
    assert_eq!(options.accounts.first().map(|a| Some(a.id)), Some(linked));

    let opportunity = app.qualify(lead, &QualifyChoice::default())?.opportunity;
    assert_eq!(fx.count("SELECT COUNT(*) FROM accounts")?, accounts);
    assert_eq!(app.page(opportunity)?.record.links.account, linked);
    assert_eq!(
        app.page(opportunity)?.account.as_deref(),
        Some("Lead Account")
    );
    Ok(())
}

#[test]
fn asking_for_a_new_account_creates_one_even_for_a_linked_lead() -> TestResult {
    let fx = Fixture::new()?;
    let app = fx.open()?;
    let (lead, accounts) = import_an_open_lead(&fx, &app)?;
    let linked = app.page(lead)?.record.links.account;

    let choice = QualifyChoice {
        new_account: true,
        ..QualifyChoice::default()
    };
    let opportunity = app.qualify(lead, &choice)?.opportunity;
    assert_eq!(fx.count("SELECT COUNT(*) FROM accounts")?, accounts + 1);
    assert_ne!(app.page(opportunity)?.record.links.account, linked);
    Ok(())
}

/// Imports the Salesforce leads; gives the first open lead and how many accounts there are.
fn import_an_open_lead(fx: &Fixture, app: &Controller) -> Result<(RecordId, i64), Box<dyn Error>> {
    app.import(&Path::new(SALESFORCE).join("Lead.csv"))?;
    let accounts = fx.count("SELECT COUNT(*) FROM accounts")?;
    let lead = app
        .list(ListFilter::OpenLeads)?
        .first()
        .map(|row| row.id)
        .ok_or("no open lead was imported")?;
    Ok((lead, accounts))
}

#[test]
fn a_repeated_id_in_one_file_is_skipped_with_the_line_it_repeats() -> TestResult {
    let fx = Fixture::new()?;
    let app = fx.open()?;
    let dir = tempfile::tempdir()?;
    let file = dir.path().join("leads.csv");
    std::fs::write(
        &file,
        "Id,LastName,Company,Email\n\
         00Q1,Ames,Contoso,ames@contoso.example\n\
         00Q2,Berg,Fabrikam,berg@fabrikam.example\n\
         00Q1,Cole,Northwind,cole@northwind.example\n",
    )?;

    let report = app.import(&file)?;
    assert_eq!((report.leads, report.already_present), (2, 0));
    let skipped: Vec<_> = report
        .skipped
        .iter()
        .map(|row| (row.line, row.reason.as_str()))
        .collect();
    assert_eq!(
        skipped,
        [(4, "has the same Id as line 2; only that row is imported")]
    );
    Ok(())
}

#[test]
fn importing_again_beside_the_account_export_fills_in_company_names() -> TestResult {
    let fx = Fixture::new()?;
    let app = fx.open()?;
    let dir = tempfile::tempdir()?;
    let alone = dir.path().join("Opportunity.csv");
    std::fs::copy(Path::new(SALESFORCE).join("Opportunity.csv"), &alone)?;

    let first = app.import(&alone)?;
    assert_eq!(first.opportunities, 50);
    let named = |app: &Controller| -> Result<usize, AppError> {
        let rows = app.list(ListFilter::OpenOpportunities)?;
        Ok(rows.iter().filter(|row| !row.company.is_empty()).count())
    };
    assert_eq!(named(&app)?, 0);

    std::fs::copy(
        Path::new(SALESFORCE).join("Account.csv"),
        dir.path().join("Account.csv"),
    )?;
    let again = app.import(&alone)?;
    assert_eq!((again.opportunities, again.already_present), (0, 50));
    assert_eq!(again.accounts_linked, 50);
    assert_eq!(named(&app)?, 35);
    assert!(again
        .to_string()
        .contains("Filled in the company of 50 records"));

    let third = app.import(&alone)?;
    assert_eq!(third.accounts_linked, 0);
    Ok(())
}

#[test]
fn a_required_account_link_is_answered_by_choosing_an_account_at_qualify() -> TestResult {
    let fx = Fixture::new()?;
    let mut app = fx.open()?;
    app.set_step_required("existing_account", true)?;
    let first = app.create_lead(&lead_form("Lee", "Contoso", "lee@contoso.example"))?;
    app.qualify(
        first,
        &QualifyChoice {
            new_account: true,
            ..QualifyChoice::default()
        },
    )
    .err()
    .ok_or("qualify went ahead without the required account")?;
    assert_eq!(fx.count("SELECT COUNT(*) FROM accounts")?, 0);

    let missing = app.set_step(first, "existing_account", Some(StepValue::Link(9999)));
    match missing {
        Err(AppError::Invalid { field, message }) => {
            assert_eq!(field, "Existing account?");
            assert_eq!(message, "there is no account 9999");
        }
        other => return Err(format!("a link to no account was accepted: {other:?}").into()),
    }

    let other = app.create_lead(&lead_form("Ng", "Fabrikam", "ng@fabrikam.example"))?;
    app.set_step_required("existing_account", false)?;
    let made = app.qualify(other, &QualifyChoice::default())?;
    let fabrikam = app
        .page(made.opportunity)?
        .record
        .links
        .account
        .ok_or("the opportunity has no account")?;
    app.set_step_required("existing_account", true)?;

    let choice = QualifyChoice {
        account: Some(fabrikam),
        ..QualifyChoice::default()
    };
    let q = app.qualify(first, &choice)?;
    assert_eq!(
        app.page(q.opportunity)?.record.links.account,
        Some(fabrikam)
    );
    assert_eq!(
        app.page(first)?.record.steps.get("existing_account"),
        Some(&StepValue::Link(fabrikam))
    );
    Ok(())
}
