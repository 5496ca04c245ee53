//! A Stride export read back into a fresh database: leads and opportunities come back as
//! the kind they were, at their stage, with their status, reason and values, opportunities
//! linked to their account and contact; rows whose values do not allow their stage are held
//! back and reported, as every import row is.

use std::path::Path;

use stride::controller::{Controller, LeadForm, QualifyChoice};
use stride::process::{DisqualifyReason, LostReason, Record, RecordKind};
use stride::store::{ListFilter, Store};

type TestResult = Result<(), Box<dyn std::error::Error>>;

/// Kind, stage, status, reason, value and topic: what the round trip must keep.
type Shape = (String, String, String, String, Option<String>, String);

fn shapes(db: &Path) -> Result<Vec<Shape>, Box<dyn std::error::Error>> {
    let store = Store::open(db)?;
    let controller = Controller::open(db)?;
    let mut shapes = Vec::new();
    for row in controller.list(ListFilter::All)? {
        let record: Record = store.read(|tx| tx.record(row.id))?;
        shapes.push((
            record.kind.label().to_string(),
            record.stage.clone(),
            record.status.label().to_string(),
            record.reason.label().to_string(),
            record.estimated_value.map(|v| v.to_string()),
            record.title(),
        ));
    }
    shapes.sort();
    Ok(shapes)
}

/// Rewrites an export with its Stride Id cells cleared, as for another database.
fn without_ids(from: &Path, to: &Path) -> TestResult {
    let text = std::fs::read_to_string(from)?;
    let text = text.trim_start_matches('\u{feff}');
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(false)
        .from_reader(text.as_bytes());
    let mut writer = csv::Writer::from_path(to)?;
    let mut id_column = None;
    for row in reader.records() {
        let mut cells: Vec<String> = row?.iter().map(str::to_string).collect();
        match id_column {
            None => id_column = cells.iter().position(|h| h == "Stride Id"),
            Some(at) => cells[at].clear(),
        }
        writer.write_record(&cells)?;
    }
    writer.flush()?;
    Ok(())
}

fn lead(
    controller: &Controller,
    topic: &str,
    company: &str,
) -> Result<stride::process::RecordId, Box<dyn std::error::Error>> {
    let form = LeadForm {
        topic: topic.into(),
        first_name: "Ana".into(),
        last_name: format!("Ruiz {topic}"),
        email: format!("{}@example.com", topic.to_lowercase().replace(' ', ".")),
        company: company.into(),
        estimated_value: "12500".into(),
        ..LeadForm::default()
    };
    Ok(controller.create_lead(&form)?)
}

#[test]
fn an_export_imported_into_a_fresh_database_keeps_kinds_stages_and_statuses() -> TestResult {
    let dir = tempfile::tempdir()?;
    let source_db = dir.path().join("source.db");
    let source = Controller::open(&source_db)?;
    lead(&source, "Open lead", "Alpine")?;
    let dropped = lead(&source, "Dropped lead", "Coho")?;
    source.disqualify(dropped, DisqualifyReason::CannotContact)?;
    let mut opportunities = Vec::new();
    for topic in ["Open deal", "Won deal", "Lost deal"] {
        let id = lead(&source, topic, "Fabrikam")?;
        opportunities.push(source.qualify(id, &QualifyChoice::default())?.opportunity);
    }
    source.next_stage(opportunities[0])?;
    source.close_won(opportunities[1], None, None)?;
    source.close_lost_on(opportunities[2], LostReason::Canceled, "", "", None)?;

    let exported = dir.path().join("export.csv");
    source.export(&exported, ListFilter::All)?;
    let file = dir.path().join("for-another.csv");
    without_ids(&exported, &file)?;

    let fresh_db = dir.path().join("fresh.db");
    let fresh = Controller::open(&fresh_db)?;
    let report = fresh.import(&file)?;
    assert_eq!((report.leads, report.opportunities), (5, 3), "{report}");
    assert!(report.problems.is_empty(), "{:?}", report.problems);
    assert!(report.held_back.is_empty(), "{:?}", report.held_back);
    assert_eq!(shapes(&fresh_db)?, shapes(&source_db)?);

    // Each opportunity has the account its company names (one for all three) and a contact.
    let store = Store::open(&fresh_db)?;
    let mut accounts = Vec::new();
    for row in fresh.list(ListFilter::All)? {
        let record = store.read(|tx| tx.record(row.id))?;
        if record.kind == RecordKind::Opportunity {
            let account = record.links.account.ok_or("no account")?;
            let contact = record.links.contact.ok_or("no contact")?;
            let found = store
                .read(|tx| tx.contact(contact))?
                .ok_or("no such contact")?;
            assert_eq!(found.person.email, record.person.email);
            accounts.push(account);
        }
    }
    accounts.dedup();
    assert_eq!(accounts.len(), 1, "{accounts:?}");

    // Importing the file again adds nothing.
    let again = fresh.import(&file)?;
    assert_eq!((again.leads, again.opportunities), (0, 0));
    assert_eq!(again.already_present, 8);
    Ok(())
}

#[test]
fn an_opportunity_row_is_held_back_where_its_values_allow() -> TestResult {
    let dir = tempfile::tempdir()?;
    let mut controller = Controller::open(&dir.path().join("gated.db"))?;
    controller.set_step_required("customer_need", true)?;
    let file = dir.path().join("rows.csv");
    std::fs::write(
        &file,
        "Stride Id,Kind,Topic,Company,Stage,Status,Reason,Customer need\n\
         ,Opportunity,Needs first,Alpine,Propose,Open,In progress,\n\
         ,Opportunity,Need known,Coho,Propose,Open,In progress,Faster printing\n\
         ,Opportunity,Bad stage,Coho,Nowhere,Open,In progress,x\n",
    )?;
    let report = controller.import(&file)?;
    assert_eq!(report.opportunities, 3);
    let held: Vec<String> = report.held_back.iter().map(ToString::to_string).collect();
    assert_eq!(
        held,
        ["line 2: Needs first stays at Develop instead of Propose; it misses Customer need"]
    );
    assert_eq!(report.problems.len(), 1, "{:?}", report.problems);
    assert!(
        report.problems[0].reason.contains("Nowhere"),
        "{:?}",
        report.problems
    );
    let mut stages: Vec<(String, String)> = controller
        .list(ListFilter::All)?
        .into_iter()
        .map(|row| (row.title, controller.page(row.id).map(|p| p.record.stage)))
        .map(|(title, stage)| stage.map(|s| (title, s)))
        .collect::<Result<_, _>>()?;
    stages.sort();
    assert_eq!(
        stages,
        [
            ("Bad stage".to_string(), "develop".to_string()),
            ("Need known".to_string(), "propose".to_string()),
            ("Needs first".to_string(), "develop".to_string()),
        ]
    );
    Ok(())
}

#[test]
fn a_won_row_missing_a_required_step_stays_open_and_a_lost_one_stays_lost() -> TestResult {
    let dir = tempfile::tempdir()?;
    let mut controller = Controller::open(&dir.path().join("gated.db"))?;
    controller.set_step_required("customer_need", true)?;
    controller.set_step_required("develop_proposal", true)?;
    controller.set_step_required("decision_date", true)?;
    let file = dir.path().join("rows.csv");
    std::fs::write(
        &file,
        "Stride Id,Kind,Topic,Company,Est. Value,Stage,Status,Reason,Customer need,\
         Develop proposal,Confirm decision date\n\
         ,Opportunity,Skipped develop,Alpine,1000,Close,Won,Won,,yes,2026-11-02\n\
         ,Opportunity,Skipped propose,Alpine,1000,Close,Won,Won,Faster printing,,2026-11-02\n\
         ,Opportunity,Skipped close,Alpine,1000,Close,Won,Won,Faster printing,yes,\n\
         ,Opportunity,Every gate,Coho,1000,Close,Won,Won,Faster printing,yes,2026-11-02\n\
         ,Opportunity,Lost early,Coho,1000,Develop,Lost,Out-sold,,,\n",
    )?;
    let report = controller.import(&file)?;

    let held: Vec<String> = report.held_back.iter().map(ToString::to_string).collect();
    assert_eq!(
        held,
        [
            "line 2: Skipped develop stays open at Develop instead of won at Close; it misses \
             Customer need",
            "line 3: Skipped propose stays open at Propose instead of won at Close; it misses \
             Develop proposal",
            "line 4: Skipped close stays open at Close instead of won; it misses Confirm decision \
             date",
        ]
    );
    let mut shapes: Vec<(String, String, String)> = Vec::new();
    for row in controller.list(ListFilter::All)? {
        let record = controller.page(row.id)?.record;
        let status = format!("{:?}", record.status);
        shapes.push((row.title, record.stage, status));
    }
    shapes.sort();
    let shape = |title: &str, stage: &str, status: &str| {
        (title.to_string(), stage.to_string(), status.to_string())
    };
    assert_eq!(
        shapes,
        [
            shape("Every gate", "close", "Won"),
            shape("Lost early", "develop", "Lost"),
            shape("Skipped close", "close", "Open"),
            shape("Skipped develop", "develop", "Open"),
            shape("Skipped propose", "propose", "Open"),
        ]
    );
    Ok(())
}
