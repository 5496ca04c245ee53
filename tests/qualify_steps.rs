//! The controller's side of Qualify meeting the missing-steps sheet: which steps a lead still
//! needs before it can be qualified (links left to the qualify sheet), and filling them on
//! their own, all or nothing, without moving or qualifying the lead.

use stride::controller::{Controller, LeadForm, QualifyChoice};
use stride::process::{RecordId, Status};

type TestResult = Result<(), Box<dyn std::error::Error>>;

fn lead(app: &Controller) -> Result<RecordId, Box<dyn std::error::Error>> {
    let form = LeadForm {
        last_name: "Okafor".into(),
        company: "Tailspin".into(),
        ..LeadForm::default()
    };
    Ok(app.create_lead(&form)?)
}

fn keys(app: &Controller, id: RecordId) -> Result<Vec<String>, Box<dyn std::error::Error>> {
    Ok(app
        .qualify_missing(id)?
        .into_iter()
        .map(|s| s.key)
        .collect())
}

#[test]
fn the_steps_qualify_needs_are_listed_without_the_links_the_sheet_chooses() -> TestResult {
    // (steps made required, the steps listed)
    let cases: [(&[&str], &[&str]); 4] = [
        (&[], &[]),
        (&["summary"], &["summary"]),
        (
            &["purchase_timeframe", "summary"],
            &["purchase_timeframe", "summary"],
        ),
        (&["existing_account", "summary"], &["summary"]),
    ];
    for (required, listed) in cases {
        let dir = tempfile::tempdir()?;
        let mut app = Controller::open(&dir.path().join("q.db"))?;
        for step in required {
            app.set_step_required(step, true)?;
        }
        let id = lead(&app)?;
        assert_eq!(keys(&app, id)?, listed, "{required:?}");
    }
    Ok(())
}

#[test]
fn filled_steps_are_kept_and_a_bad_value_keeps_nothing() -> TestResult {
    let dir = tempfile::tempdir()?;
    let mut app = Controller::open(&dir.path().join("q.db"))?;
    app.set_step_required("summary", true)?;
    app.set_step_required("purchase_timeframe", true)?;
    let id = lead(&app)?;

    let text = |key: &str, value: &str| (key.to_string(), value.to_string());
    let bad = [
        text("summary", "Printers"),
        text("purchase_timeframe", "Someday"),
    ];
    assert!(app.fill_steps(id, &bad).is_err());
    assert!(
        app.page(id)?.record.steps.is_empty(),
        "nothing of a refused fill is kept"
    );

    let good = [
        text("summary", "Printers"),
        text("purchase_timeframe", "Immediate"),
    ];
    app.fill_steps(id, &good)?;
    let record = app.page(id)?.record;
    assert_eq!(
        (record.status, record.stage.as_str()),
        (Status::Open, "qualify")
    );
    assert_eq!(record.steps.len(), 2);
    assert!(keys(&app, id)?.is_empty());
    let qualified = app.qualify(id, &QualifyChoice::default())?;
    assert!(!qualified.already);
    Ok(())
}
