//! A branch on the last lead stage chooses where qualifying starts the opportunity: the
//! three-stage sample `big-deal-review.toml` sends a lead over 50,000 to Executive review and
//! any other straight to Propose, through the stage machine and through the command line.

use std::error::Error;
use std::path::Path;

use chrono::{TimeZone, Utc};
use serde_json::Value;
use stride::controller::{Controller, LeadForm};
use stride::process::{qualify, Change, Money, ProcessError, Record, RecordId, StepValue};
use stride::process_file;

mod cli_support;
use cli_support::in_process as stride;

type TestResult = Result<(), Box<dyn Error>>;

const SAMPLE: &str = "Big deal review";

fn sample_path() -> String {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("assets/processes/big-deal-review.toml")
        .display()
        .to_string()
}

fn lead_with_budget(minor: Option<i64>) -> Record {
    let now = Utc
        .with_ymd_and_hms(2026, 3, 2, 9, 0, 0)
        .single()
        .unwrap_or_default();
    let mut lead = Record::new_lead("qualify", now);
    if let Some(minor) = minor {
        lead.steps.insert(
            "estimated_budget".into(),
            StepValue::Money(Money::from_minor(minor)),
        );
    }
    lead
}

#[test]
fn qualifying_starts_the_opportunity_where_the_last_lead_stage_branches() -> TestResult {
    let process = process_file::read(Path::new(&sample_path()))?;
    assert_eq!(process.stages.len(), 3);
    let now = Utc::now();
    // (budget in cents, the stage the opportunity starts at, its probability)
    let cases = [
        (8_000_000, "executive_review", 40),
        (5_000_000, "propose", 60),
        (100, "propose", 60),
    ];
    for (minor, stage, probability) in cases {
        let q = qualify(&process, &lead_with_budget(Some(minor)), now)?;
        let opportunity = &q.opportunity;
        assert_eq!(opportunity.record.stage, stage, "{minor}");
        assert_eq!(opportunity.record.probability, probability, "{minor}");
        assert!(
            opportunity.changes.contains(&Change::StageEntered {
                stage: stage.into()
            }),
            "the history says where it started: {:?}",
            opportunity.changes
        );
    }
    Ok(())
}

#[test]
fn qualifying_checks_only_the_lead_stages_required_steps() -> TestResult {
    let mut process = process_file::read(Path::new(&sample_path()))?;
    // A required step on the skipped opportunity stage does not hold a small deal back.
    assert!(process.set_required("executive_sign_off", true));
    let small = qualify(&process, &lead_with_budget(Some(100)), Utc::now())?;
    assert_eq!(small.opportunity.record.stage, "propose");
    match qualify(&process, &lead_with_budget(None), Utc::now()) {
        Err(ProcessError::MissingSteps { steps, .. }) => {
            let keys: Vec<&str> = steps.iter().map(|m| m.key.as_str()).collect();
            assert_eq!(keys, ["estimated_budget"]);
        }
        other => return Err(format!("expected the budget to be asked for: {other:?}").into()),
    }
    Ok(())
}

fn show(app: &mut Controller, id: RecordId) -> Result<Value, Box<dyn Error>> {
    Ok(serde_json::from_str(&stride(
        app,
        &["show", &id.to_string(), "--json"],
    )?)?)
}

#[test]
fn the_three_stage_sample_runs_from_the_command_line() -> TestResult {
    let dir = tempfile::tempdir()?;
    let mut app = Controller::open(&dir.path().join("stride.db"))?;
    stride(&mut app, &["process", "import", &sample_path()])?;
    for (budget, started, path) in [
        (
            "80000",
            "Executive review",
            vec!["qualify", "executive_review", "propose"],
        ),
        ("20000", "Propose", vec!["qualify", "propose"]),
    ] {
        let lead = app.create_lead(&LeadForm {
            topic: format!("Deal of {budget}"),
            last_name: "Ng".into(),
            company: "Fabrikam".into(),
            ..LeadForm::default()
        })?;
        let lead = lead.to_string();
        stride(&mut app, &["process", "switch", &lead, "--to", SAMPLE])?;
        stride(&mut app, &["set-step", &lead, "estimated_budget", budget])?;
        let out = stride(&mut app, &["qualify", &lead])?;
        let id = out
            .trim()
            .trim_end_matches('.')
            .rsplit(' ')
            .next()
            .ok_or("no id")?;
        let shown = show(&mut app, RecordId(id.parse()?))?;
        assert_eq!(shown["stage"], started, "{budget}");
        let keys: Vec<&str> = shown["stages"]
            .as_array()
            .ok_or("no stages")?
            .iter()
            .filter_map(|s| s["key"].as_str())
            .collect();
        assert_eq!(keys, path, "{budget}");
    }
    Ok(())
}
