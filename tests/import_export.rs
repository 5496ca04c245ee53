//! Import and export through the controller on temporary databases: previews that write
//! nothing, imports that save all or nothing, and exports that round-trip, edited or not.

use std::path::{Path, PathBuf};

use stride::controller::{Controller, LeadForm};
use stride::import::Choices;
use stride::process::{Record, RecordId};
use stride::store::{ListFilter, Store};

type TestResult = Result<(), Box<dyn std::error::Error>>;

const SALESFORCE: &str = concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/../shared/data/salesforce-data-cloud-workshop"
);

/// A temporary folder with a database in it.
struct Sandbox {
    dir: tempfile::TempDir,
}

impl Sandbox {
    fn new() -> Result<Self, std::io::Error> {
        Ok(Sandbox {
            dir: tempfile::tempdir()?,
        })
    }

    fn db(&self) -> PathBuf {
        self.dir.path().join("stride.db")
    }

    fn file(&self, name: &str) -> PathBuf {
        self.dir.path().join(name)
    }

    fn controller(&self) -> Result<Controller, Box<dyn std::error::Error>> {
        Ok(Controller::open(&self.db())?)
    }

    fn record(&self, id: RecordId) -> Result<Record, Box<dyn std::error::Error>> {
        let store = Store::open(&self.db())?;
        Ok(store.read(|tx| tx.record(id))?)
    }

    fn count(&self) -> Result<usize, Box<dyn std::error::Error>> {
        Ok(self.controller()?.list(ListFilter::All)?.len())
    }
}

fn salesforce(file: &str) -> PathBuf {
    Path::new(SALESFORCE).join(file)
}

/// The export's rows as cells, header first, without the byte-order mark.
fn cells(path: &Path) -> Result<Vec<Vec<String>>, Box<dyn std::error::Error>> {
    let bytes = std::fs::read(path)?;
    let text = String::from_utf8(bytes)?;
    let text = text.strip_prefix('\u{feff}').ok_or("no byte-order mark")?;
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(false)
        .from_reader(text.as_bytes());
    let mut rows = Vec::new();
    for row in reader.records() {
        rows.push(row?.iter().map(str::to_string).collect());
    }
    Ok(rows)
}

fn write_cells(path: &Path, rows: &[Vec<String>]) -> TestResult {
    let mut writer = csv::Writer::from_path(path)?;
    for row in rows {
        writer.write_record(row)?;
    }
    writer.flush()?;
    Ok(())
}

fn column(rows: &[Vec<String>], header: &str) -> Result<usize, String> {
    rows[0]
        .iter()
        .position(|h| h == header)
        .ok_or_else(|| format!("no {header} column"))
}

#[test]
fn export_import_export_gives_the_same_file() -> TestResult {
    let sandbox = Sandbox::new()?;
    let controller = sandbox.controller()?;
    controller.import(&salesforce("Lead.csv"))?;
    controller.import(&salesforce("Opportunity.csv"))?;
    let total = sandbox.count()?;

    let first = sandbox.file("first.csv");
    assert_eq!(controller.export(&first, ListFilter::All)?, total);
    let report = controller.import(&first)?;
    assert_eq!((report.leads, report.updated), (0, 0));
    assert_eq!(report.already_present, total);
    assert!(report.skipped.is_empty(), "{:?}", report.skipped);
    assert!(report.problems.is_empty(), "{:?}", report.problems);

    let second = sandbox.file("second.csv");
    controller.export(&second, ListFilter::All)?;
    assert_eq!(std::fs::read(&first)?, std::fs::read(&second)?);
    assert_eq!(sandbox.count()?, total);
    Ok(())
}

#[test]
fn an_edited_export_updates_its_records_and_reports_unknown_ids() -> TestResult {
    let sandbox = Sandbox::new()?;
    let controller = sandbox.controller()?;
    controller.import(&salesforce("Lead.csv"))?;
    let total = sandbox.count()?;
    let exported = sandbox.file("leads.csv");
    controller.export(&exported, ListFilter::OpenLeads)?;

    let mut rows = cells(&exported)?;
    let (last, stage, value) = (
        column(&rows, "Last Name")?,
        column(&rows, "Stage")?,
        column(&rows, "Estimated Value")?,
    );
    let edited_id: i64 = rows[1][0].parse()?;
    rows[1][last] = "O’Brien-Smith 😀".to_string();
    rows[1][value] = "=2+2".to_string();
    rows[2][stage] = "Close".to_string();
    let mut stranger = rows[3].clone();
    stranger[0] = "99999".to_string();
    rows.push(stranger);
    for row in &mut rows {
        row.reverse();
    }
    let edited = sandbox.file("edited.csv");
    write_cells(&edited, &rows)?;

    let report = controller.import(&edited)?;
    assert_eq!((report.leads, report.updated), (0, 1), "{report}");
    assert_eq!(report.skipped.len(), 1, "{report}");
    assert_eq!(report.skipped[0].line, rows.len());
    assert!(report.skipped[0]
        .reason
        .contains("99999 is not in this database"));
    let problem_lines: Vec<usize> = report.problems.iter().map(|p| p.line).collect();
    assert_eq!(problem_lines, [2, 3], "{report}");
    assert!(report.problems[0]
        .reason
        .starts_with("Estimated Value \"=2+2\""));
    assert!(report.problems[1]
        .reason
        .starts_with("Stage \"Close\" differs"));

    let record = sandbox.record(RecordId(edited_id))?;
    assert_eq!(record.person.last_name, "O’Brien-Smith 😀");
    assert_eq!(sandbox.count()?, total);
    Ok(())
}

#[test]
fn formulas_are_neutralised_in_the_file_and_restored_on_import() -> TestResult {
    let sandbox = Sandbox::new()?;
    let controller = sandbox.controller()?;
    let form = LeadForm {
        last_name: "=HYPERLINK(\"http://example.invalid\")".to_string(),
        company: "@Risk Ltd".to_string(),
        phone: "+49 30 1234".to_string(),
        notes: "-1 is fine\n=but not this".to_string(),
        ..LeadForm::default()
    };
    let id = controller.create_lead(&form)?;
    let exported = sandbox.file("out.csv");
    controller.export(&exported, ListFilter::All)?;

    let rows = cells(&exported)?;
    let cell =
        |header: &str| -> Result<String, String> { Ok(rows[1][column(&rows, header)?].clone()) };
    assert_eq!(
        cell("Last Name")?,
        "'=HYPERLINK(\"http://example.invalid\")"
    );
    assert_eq!(cell("Company")?, "'@Risk Ltd");
    assert_eq!(cell("Phone")?, "'+49 30 1234");
    assert_eq!(cell("Notes")?, "'-1 is fine\n=but not this");

    let report = controller.import(&exported)?;
    assert_eq!((report.updated, report.already_present), (0, 1), "{report}");
    let record = sandbox.record(id)?;
    assert_eq!(record.person.last_name, form.last_name);
    assert_eq!(record.company, form.company);
    assert_eq!(record.person.phone, form.phone);
    Ok(())
}

#[test]
fn a_preview_writes_nothing_and_counts_what_the_import_does() -> TestResult {
    let sandbox = Sandbox::new()?;
    sandbox.controller()?.import(&salesforce("Account.csv"))?;
    let before = std::fs::read(sandbox.db())?;

    let controller = sandbox.controller()?;
    let preview = controller.preview_import(&salesforce("Opportunity.csv"), Choices::default())?;
    drop(controller);
    assert_eq!(std::fs::read(sandbox.db())?, before);
    assert!(preview.preview);
    assert_eq!(sandbox.count()?, 0);
    assert!(
        preview
            .headline()
            .starts_with("Would import 50 opportunities"),
        "{preview}"
    );
    let amount = preview.columns.iter().find(|c| c.header == "Amount");
    assert_eq!(amount.and_then(|c| c.field.as_deref()), Some("value"));
    assert!(
        preview.to_string().contains("UTF-8, comma-separated"),
        "{preview}"
    );

    let report = sandbox
        .controller()?
        .import(&salesforce("Opportunity.csv"))?;
    assert!(!report.preview);
    assert_eq!(
        (report.opportunities, report.accounts, report.skipped.len()),
        (
            preview.opportunities,
            preview.accounts,
            preview.skipped.len()
        )
    );
    Ok(())
}

#[test]
fn a_row_the_database_refuses_leaves_no_row_of_the_file() -> TestResult {
    let sandbox = Sandbox::new()?;
    sandbox.controller()?;
    let conn = rusqlite::Connection::open(sandbox.db())?;
    conn.execute_batch(
        "CREATE TRIGGER refuse_boom BEFORE INSERT ON records WHEN NEW.last_name = 'Boom'
         BEGIN SELECT RAISE(ABORT, 'refused by the test'); END;",
    )?;
    drop(conn);

    let mut lines = String::from("Topic,Last Name,Company Name\n");
    for n in 0..250 {
        lines.push_str(&format!("Lead {n},Lee {n},Contoso\n"));
    }
    lines.push_str("Last,Boom,Contoso\n");
    let file = sandbox.file("leads.csv");
    std::fs::write(&file, lines)?;

    let controller = sandbox.controller()?;
    let mut seen = Vec::new();
    let result = controller.import_with(&file, Choices::default(), &mut |done, total| {
        seen.push((done, total));
    });
    assert!(result.is_err());
    assert_eq!(seen, [(100, 251), (200, 251)]);
    assert_eq!(sandbox.count()?, 0);
    Ok(())
}

#[test]
fn odd_names_and_long_notes_survive_import_and_export() -> TestResult {
    let sandbox = Sandbox::new()?;
    let long = "long note ".repeat(1_000);
    let content = format!(
        "Topic,First Name,Last Name,Company Name,Description\n\
         Chairs,Seán,O'Brien,\"Smith \"\"Quoted\"\" & Co\",\"{long}\"\n\
         Desks,Zoë,O’Brien 🙂,שלום בע״מ,مرحبا\n"
    );
    let file = sandbox.file("odd.csv");
    std::fs::write(&file, content)?;
    let controller = sandbox.controller()?;
    let report = controller.import(&file)?;
    assert_eq!(report.leads, 2, "{report}");

    let first = sandbox.record(RecordId(1))?;
    assert_eq!(first.person.last_name, "O'Brien");
    assert_eq!(first.company, "Smith \"Quoted\" & Co");
    assert_eq!(first.notes, long.trim());
    let second = sandbox.record(RecordId(2))?;
    assert_eq!(second.person.last_name, "O’Brien 🙂");
    assert_eq!(second.company, "שלום בע״מ");
    assert_eq!(second.notes, "مرحبا");

    let exported = sandbox.file("out.csv");
    controller.export(&exported, ListFilter::All)?;
    let again = controller.import(&exported)?;
    assert_eq!((again.updated, again.already_present), (0, 2), "{again}");
    Ok(())
}

#[test]
fn ratings_amounts_and_every_kind_of_step_round_trip() -> TestResult {
    let sandbox = Sandbox::new()?;
    let controller = sandbox.controller()?;
    let form = LeadForm {
        topic: "Fleet scanners".to_string(),
        last_name: "Ng".to_string(),
        rating: "hot".to_string(),
        estimated_value: "1234567.89".to_string(),
        ..LeadForm::default()
    };
    let id = controller.create_lead(&form)?;
    controller.set_step_text(id, "purchase_timeframe", "This quarter")?;
    controller.set_step_text(id, "estimated_budget", "12500")?;
    controller.set_step_text(id, "decision_maker", "yes")?;
    controller.set_step_text(id, "summary", "Wants 40 units, \"soon\"")?;
    let before = sandbox.record(id)?;

    let first = sandbox.file("first.csv");
    controller.export(&first, ListFilter::All)?;
    let rows = cells(&first)?;
    assert_eq!(rows[1][column(&rows, "Estimated Value")?], "1,234,567.89");
    assert_eq!(rows[1][column(&rows, "Rating")?], "Hot");
    assert_eq!(rows[1][column(&rows, "Identify decision maker")?], "yes");

    let report = controller.import(&first)?;
    assert_eq!((report.updated, report.already_present), (0, 1), "{report}");
    assert!(report.problems.is_empty(), "{report}");
    assert_eq!(sandbox.record(id)?, before);
    let second = sandbox.file("second.csv");
    controller.export(&second, ListFilter::All)?;
    assert_eq!(std::fs::read(&first)?, std::fs::read(&second)?);
    Ok(())
}

#[test]
fn an_export_saved_by_a_european_spreadsheet_updates_with_its_own_conventions() -> TestResult {
    let sandbox = Sandbox::new()?;
    let controller = sandbox.controller()?;
    let form = LeadForm {
        last_name: "Berg".to_string(),
        estimated_value: "100".to_string(),
        ..LeadForm::default()
    };
    let id = controller.create_lead(&form)?;
    let exported = sandbox.file("export.csv");
    controller.export(&exported, ListFilter::All)?;

    let mut rows = cells(&exported)?;
    let (value, close) = (
        column(&rows, "Estimated Value")?,
        column(&rows, "Estimated Close")?,
    );
    rows[1][value] = "1.234.567,89".to_string();
    rows[1][close] = "31.12.2025".to_string();
    let mut writer = csv::WriterBuilder::new()
        .delimiter(b';')
        .from_path(sandbox.file("saved.csv"))?;
    for row in &rows {
        writer.write_record(row)?;
    }
    writer.flush()?;
    drop(writer);

    let report = controller.import(&sandbox.file("saved.csv"))?;
    assert_eq!(report.updated, 1, "{report}");
    let record = sandbox.record(id)?;
    assert_eq!(
        record.estimated_value,
        Some(stride::process::Money::from_minor(123_456_789))
    );
    assert_eq!(
        record.estimated_close,
        chrono::NaiveDate::from_ymd_opt(2025, 12, 31)
    );
    Ok(())
}

#[test]
fn a_file_without_ids_imported_twice_adds_its_records_once() -> TestResult {
    let dir = tempfile::tempdir()?;
    let app = Controller::open(&dir.path().join("twice.db"))?;
    let file = dir.path().join("no-ids.csv");
    std::fs::write(
        &file,
        "First Name,Last Name,Company,Email\n\
         Anna,Berg,Alpine,anna@alpine.example\n\
         Ben,Lutz,Coho,ben@coho.example\n\
         Anna,Berg,Alpine,anna@alpine.example\n\
         Anna,Berg,Alpine Dairy,anna@alpine.example\n",
    )?;

    let first = app.import(&file)?;
    assert_eq!(
        first.leads, 3,
        "a row differing in one field is its own record"
    );
    assert_eq!(first.skipped.len(), 1);
    assert!(
        first.skipped[0].reason.contains("repeats line 2"),
        "{:?}",
        first.skipped
    );

    let again = app.import(&file)?;
    assert_eq!(again.leads, 0);
    assert_eq!(again.already_present, 3);
    assert_eq!(app.list(ListFilter::All)?.len(), 3);
    Ok(())
}

#[test]
fn an_export_never_writes_over_a_file_and_the_database_survives() -> TestResult {
    let dir = tempfile::tempdir()?;
    let db = dir.path().join("self.db");
    let app = Controller::open(&db)?;
    app.create_lead(&LeadForm {
        last_name: "Keep".into(),
        ..LeadForm::default()
    })?;
    let before = std::fs::read(&db)?;

    let refused = app.export(&db, ListFilter::All);
    assert!(refused.is_err(), "the database itself is refused");
    let message = refused.err().map(|e| e.to_string()).unwrap_or_default();
    assert!(message.contains("never writes over a file"), "{message}");
    assert_eq!(std::fs::read(&db)?, before);
    assert_eq!(app.list(ListFilter::All)?.len(), 1);
    Ok(())
}

#[test]
fn an_export_from_another_database_updates_nothing_here() -> TestResult {
    let dir = tempfile::tempdir()?;
    let other = Controller::open(&dir.path().join("other.db"))?;
    other.create_lead(&LeadForm {
        last_name: "Elsewhere".into(),
        ..LeadForm::default()
    })?;
    let file = dir.path().join("other.csv");
    other.export(&file, ListFilter::All)?;

    std::thread::sleep(std::time::Duration::from_millis(1100));
    let here = Controller::open(&dir.path().join("here.db"))?;
    let mine = here.create_lead(&LeadForm {
        last_name: "Mine".into(),
        ..LeadForm::default()
    })?;
    let report = here.import(&file)?;
    assert_eq!(report.updated, 0, "{report:?}");
    assert!(
        report
            .skipped
            .iter()
            .any(|row| row.reason.contains("another Stride database")),
        "{:?}",
        report.skipped
    );
    assert_eq!(here.lead_form(mine)?.last_name, "Mine");
    Ok(())
}
