//! The process rules end to end through the command line: branching from a definition file,
//! the same gates on every move (Next, jumps, qualify, import), reasons for going back and
//! reopening, who did what in history, and the probability policy.

use std::error::Error;
use std::path::{Path, PathBuf};

use serde_json::Value;
use stride::controller::{Controller, LeadForm};
use stride::process::{ProbabilityPolicy, RecordId};
use stride::process_file;

mod cli_support;

use cli_support::in_process as stride;

type TestResult = Result<(), Box<dyn Error>>;

const BRANCHING: &str = "Executive review";

fn sample() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("assets/processes/executive-review.toml")
}

/// The error `stride ARGS` fails with, as the binary would print it.
fn refused(controller: &mut Controller, args: &[&str]) -> Result<String, Box<dyn Error>> {
    match stride(controller, args) {
        Ok(out) => Err(format!("stride {args:?} should fail, printed {out}").into()),
        Err(error) => Ok(error.to_string()),
    }
}

fn show(controller: &mut Controller, id: RecordId) -> Result<Value, Box<dyn Error>> {
    Ok(serde_json::from_str(&stride(
        controller,
        &["show", &id.to_string(), "--json"],
    )?)?)
}

/// The keys of the stages `stride show` lists: the record's path.
fn path_of(controller: &mut Controller, id: RecordId) -> Result<Vec<String>, Box<dyn Error>> {
    let shown = show(controller, id)?;
    let stages = shown["stages"].as_array().ok_or("no stages")?;
    Ok(stages
        .iter()
        .filter_map(|s| s["key"].as_str().map(str::to_string))
        .collect())
}

/// A database with the branching sample imported, and a lead on it with this budget.
fn lead_on_sample(controller: &mut Controller, budget: &str) -> Result<RecordId, Box<dyn Error>> {
    if controller.stored_process(BRANCHING).is_err() {
        stride(
            controller,
            &["process", "import", &sample().display().to_string()],
        )?;
    }
    let id = controller.create_lead(&LeadForm {
        topic: format!("Deal of {budget}"),
        last_name: "Ng".into(),
        company: "Fabrikam".into(),
        ..LeadForm::default()
    })?;
    stride(
        controller,
        &["process", "switch", &id.to_string(), "--to", BRANCHING],
    )?;
    if !budget.is_empty() {
        stride(
            controller,
            &["set-step", &id.to_string(), "estimated_budget", budget],
        )?;
    }
    Ok(id)
}

/// Qualifies the lead and returns its opportunity's id.
fn qualify(controller: &mut Controller, lead: RecordId) -> Result<RecordId, Box<dyn Error>> {
    let out = stride(controller, &["qualify", &lead.to_string()])?;
    let id = out
        .trim()
        .trim_end_matches('.')
        .rsplit(' ')
        .next()
        .ok_or("no opportunity id")?;
    Ok(RecordId(id.parse()?))
}

#[test]
fn the_branching_sample_round_trips_and_runs_through_both_branches() -> TestResult {
    let dir = tempfile::tempdir()?;
    let mut first = Controller::open(&dir.path().join("first.db"))?;
    let big_lead = lead_on_sample(&mut first, "80000")?;
    let original = first.stored_process(BRANCHING)?.definition;
    assert_eq!(original.stages[1].branches.len(), 1);

    // Export, then import into a fresh database: the same process, branches included.
    let file = dir.path().join("review.json");
    stride(
        &mut first,
        &["process", "export", BRANCHING, &file.display().to_string()],
    )?;
    let mut second = Controller::open(&dir.path().join("second.db"))?;
    stride(
        &mut second,
        &["process", "import", &file.display().to_string()],
    )?;
    assert_eq!(second.stored_process(BRANCHING)?.definition, original);

    // A big deal's path goes through Executive review; a small one's skips it.
    let big = lead_on_sample(&mut second, "80000")?;
    let small = lead_on_sample(&mut second, "20000")?;
    let big_path = ["qualify", "develop", "executive_review", "propose", "close"];
    assert_eq!(path_of(&mut second, big)?, big_path);
    assert_eq!(
        path_of(&mut second, small)?,
        ["qualify", "develop", "propose", "close"]
    );

    for (lead, after_develop) in [(big, "Executive review"), (small, "Propose")] {
        let opportunity = qualify(&mut second, lead)?;
        let id = opportunity.to_string();
        stride(&mut second, &["set-step", &id, "customer_need", "Scanners"])?;
        let moved = stride(&mut second, &["next", &id])?;
        assert_eq!(moved, format!("Record {id} is now in {after_develop}.\n"));
    }
    assert!(first.page(big_lead)?.stages.len() == 5);
    Ok(())
}

#[test]
fn every_move_is_gated_and_the_refusal_names_each_missing_step() -> TestResult {
    let dir = tempfile::tempdir()?;
    let mut app = Controller::open(&dir.path().join("stride.db"))?;
    let no_budget = lead_on_sample(&mut app, "")?;
    let big = lead_on_sample(&mut app, "90000")?;
    let opportunity = qualify(&mut app, big)?.to_string();
    let no_budget = no_budget.to_string();
    let next_refusal = format!(
        "Fill in Customer need before leaving Develop. To fill it: stride set-step \
         {opportunity} customer_need VALUE"
    );
    let jump_refusal = format!(
        "Fill in Customer need and Executive sign-off (Executive review) before leaving \
         Develop. To fill them: stride set-step {opportunity} customer_need VALUE; stride \
         set-step {opportunity} executive_sign_off VALUE"
    );
    let qualify_refusal = format!(
        "Fill in Estimated budget before leaving Qualify. To fill it: stride set-step \
         {no_budget} estimated_budget VALUE"
    );

    // (arguments, the one-line refusal)
    let table: [(&[&str], &str); 6] = [
        (&["qualify", &no_budget], &qualify_refusal),
        (&["next", &opportunity], &next_refusal),
        (&["next", &opportunity, "--to", "propose"], &jump_refusal),
        (
            &["next", &opportunity, "--to", "nowhere"],
            "The process has no stage called 'nowhere'.",
        ),
        (
            &["back", &opportunity],
            "Going back needs a reason: add --reason TEXT saying why.",
        ),
        (
            &["back", &opportunity, "--to", "develop", "--reason", "x"],
            "Develop is not an earlier stage of this opportunity.",
        ),
    ];
    for (args, error) in table {
        assert_eq!(refused(&mut app, args)?, error, "stride {args:?}");
    }

    // The controller's error carries each missing step for a sheet to ask for.
    let id = RecordId(opportunity.parse()?);
    let error = app
        .go_to_stage(id, "close", "")
        .err()
        .ok_or("the jump past two gates was allowed")?;
    let missing: Vec<(&str, &str)> = error
        .missing_steps()
        .ok_or("no missing steps in the error")?
        .iter()
        .map(|m| (m.key.as_str(), m.stage_key.as_str()))
        .collect();
    assert_eq!(
        missing,
        [
            ("customer_need", "develop"),
            ("executive_sign_off", "executive_review")
        ]
    );

    // Filled in, the jump passes every gate on the way.
    app.set_step_text(id, "customer_need", "Scanners")?;
    app.set_step_text(id, "executive_sign_off", "yes")?;
    let moved = stride(&mut app, &["next", &opportunity, "--to", "close"])?;
    assert_eq!(moved, format!("Record {opportunity} is now in Close.\n"));
    Ok(())
}

#[test]
fn going_back_and_reopening_keep_the_reason_and_who_gave_it() -> TestResult {
    let dir = tempfile::tempdir()?;
    let mut app = Controller::open(&dir.path().join("stride.db"))?;
    stride(&mut app, &["config", "user", "Ann Lee"])?;
    assert_eq!(
        stride(&mut app, &["config", "user"])?,
        "History entries name Ann Lee.\n"
    );
    let lead = lead_on_sample(&mut app, "20000")?;
    let id = qualify(&mut app, lead)?;
    let text = id.to_string();
    stride(&mut app, &["set-step", &text, "customer_need", "Scanners"])?;
    stride(&mut app, &["next", &text])?;

    let blank = refused(&mut app, &["back", &text, "--reason", " "])?;
    assert_eq!(
        blank,
        "Going back a stage needs a short reason: say why, so the history shows it."
    );
    stride(&mut app, &["back", &text, "--reason", "Need changed"])?;
    stride(&mut app, &["close", &text, "won", "--revenue", "1000"])?;
    stride(&mut app, &["reopen", &text, "--reason", "Order cancelled"])?;

    let printed = stride(&mut app, &["show", &text])?;
    assert!(printed.contains("Ann Lee: Going back a stage: Need changed"));
    assert!(printed.contains("Ann Lee: Reopen: Order cancelled"));
    assert!(printed.contains("Ann Lee: completed Customer need"));
    assert!(printed.contains("Time in stages: Develop"), "{printed}");

    // The name is kept in the database: a new controller on the file uses it.
    drop(app);
    let again = Controller::open(&dir.path().join("stride.db"))?;
    assert_eq!(again.user(), "Ann Lee");
    again.set_step_text(id, "customer_need", "Scanners and printers")?;
    let last = again.history_entries(id)?.pop().ok_or("no history")?;
    assert_eq!(last.by, "Ann Lee");
    Ok(())
}

#[test]
fn a_probability_set_by_hand_follows_the_process_policy() -> TestResult {
    let dir = tempfile::tempdir()?;
    for (policy, after_move, source) in [
        (ProbabilityPolicy::FollowStage, 60, "from stage"),
        (ProbabilityPolicy::Manual, 70, "set by hand"),
    ] {
        let mut app = Controller::open(&dir.path().join(format!("{policy:?}.db")))?;
        let mut definition = process_file::read(&sample())?;
        definition.probability_policy = policy;
        let file = dir.path().join(format!("{policy:?}.toml"));
        process_file::write(&definition, &file)?;
        stride(
            &mut app,
            &["process", "import", &file.display().to_string()],
        )?;
        let lead = lead_on_sample(&mut app, "100")?;
        let id = qualify(&mut app, lead)?;
        let text = id.to_string();

        let refusal = refused(&mut app, &["probability", &text, "101"])?;
        assert!(refusal.contains("0 to 100"), "{refusal}");
        stride(&mut app, &["probability", &text, "70"])?;
        assert_eq!(show(&mut app, id)?["probability_source"], "set by hand");
        stride(&mut app, &["set-step", &text, "customer_need", "Scanners"])?;
        stride(&mut app, &["next", &text])?;

        let shown = show(&mut app, id)?;
        assert_eq!(shown["probability"], after_move, "{policy:?}");
        assert_eq!(shown["probability_source"], source, "{policy:?}");
        stride(&mut app, &["close", &text, "lost", "--reason", "out-sold"])?;
        assert_eq!(show(&mut app, id)?["probability"], 0);
    }
    Ok(())
}

#[test]
fn an_import_holds_a_record_back_at_the_stage_its_values_allow() -> TestResult {
    let dir = tempfile::tempdir()?;
    let mut app = Controller::open(&dir.path().join("stride.db"))?;
    stride(&mut app, &["require", "customer_need"])?;
    let csv = dir.path().join("Opportunity.csv");
    std::fs::write(
        &csv,
        "Id,Name,StageName,Amount,CloseDate,IsClosed,IsWon\n\
         006A,Kiosks,Proposal/Price Quote,1200,2026-09-01,false,false\n\
         006B,Scanners,Prospecting,800,2026-09-01,false,false\n",
    )?;
    let file = csv.display().to_string();

    let preview = stride(&mut app, &["import", &file, "--preview"])?;
    assert!(
        preview.contains("1 record would be placed at an earlier stage"),
        "{preview}"
    );
    assert!(
        preview.contains("Kiosks stays at Develop instead of Propose; it misses Customer need"),
        "{preview}"
    );

    let report = stride(&mut app, &["import", &file])?;
    assert!(report.contains("1 record was placed"), "{report}");
    let rows = app.list(stride::store::ListFilter::OpenOpportunities)?;
    let kiosks = rows
        .iter()
        .find(|row| row.title == "Kiosks")
        .ok_or("Kiosks was not imported")?;
    assert_eq!(kiosks.stage_name, "Develop");
    let page = app.page(kiosks.id)?;
    assert_eq!(
        page.record.estimated_value.map(|v| v.minor()),
        Some(120_000)
    );
    assert_eq!(page.record.probability, 20);
    Ok(())
}

#[test]
fn a_switch_is_written_to_history() -> TestResult {
    let dir = tempfile::tempdir()?;
    let mut app = Controller::open(&dir.path().join("stride.db"))?;
    let lead = lead_on_sample(&mut app, "")?;
    let history = app.history_entries(lead)?;
    let wanted = "Executive review version 1";
    let switched = history.iter().any(|entry| {
        matches!(
            &entry.change,
            stride::process::Change::ProcessSwitched { to, .. } if to == wanted
        )
    });
    assert!(switched, "{history:?}");
    Ok(())
}

#[test]
fn an_export_has_step_columns_for_every_process_its_records_follow() -> TestResult {
    let dir = tempfile::tempdir()?;
    let mut app = Controller::open(&dir.path().join("stride.db"))?;
    app.create_lead(&LeadForm {
        last_name: "Lee".into(),
        ..LeadForm::default()
    })?;
    let file = dir.path().join("default-only.csv");
    stride(&mut app, &["export", &file.display().to_string()])?;
    let header = |path: &Path| -> Result<String, Box<dyn Error>> {
        let text = std::fs::read_to_string(path)?;
        Ok(text.lines().next().unwrap_or_default().to_string())
    };
    assert!(!header(&file)?.contains("Executive sign-off"));

    let on_sample = lead_on_sample(&mut app, "70000")?;
    app.set_step_text(on_sample, "decision_maker", "yes")?;
    let file = dir.path().join("both.csv");
    stride(&mut app, &["export", &file.display().to_string()])?;
    let both = header(&file)?;
    for column in ["Capture summary", "Executive sign-off", "Send proposal"] {
        assert!(both.contains(column), "{column} missing from {both}");
    }
    assert_eq!(both.matches("Estimated budget").count(), 1, "{both}");
    Ok(())
}

#[test]
fn a_file_with_a_broken_branch_is_refused_with_the_rule_it_breaks() -> TestResult {
    let dir = tempfile::tempdir()?;
    let mut app = Controller::open(&dir.path().join("stride.db"))?;
    let text = std::fs::read_to_string(sample())?;
    // (what the file says instead, what the refusal says)
    let table = [
        (
            ("to = \"executive_review\"", "to = \"nowhere\""),
            "Stage develop goes to nowhere, which is not a stage of this process.",
        ),
        (
            ("next = \"propose\"", "next = \"qualify\""),
            "Stage develop goes to qualify, which is worked on the other kind of record",
        ),
        (
            ("value = \"50000\"", "value = \"plenty\""),
            "A branch of stage develop tests step estimated_budget: \"plenty\" is not a value \
             it can hold.",
        ),
        (
            ("test = \"greater_than\"", "test = \"bigger\""),
            "unknown variant `bigger`",
        ),
    ];
    for ((old, new), error) in table {
        assert!(text.contains(old), "{old}");
        let file = dir.path().join("broken.toml");
        std::fs::write(&file, text.replace(old, new))?;
        let refusal = refused(
            &mut app,
            &["process", "import", &file.display().to_string()],
        )?;
        assert!(refusal.contains(error), "{new}: {refusal}");
    }
    assert!(app.stored_process(BRANCHING).is_err());
    Ok(())
}

/// Closing as won passes every gate still ahead on the path, from the command line too; a
/// step required from another command is enforced by a controller opened before it.
#[test]
fn close_as_won_passes_the_gates_ahead_and_require_reaches_an_open_window() -> TestResult {
    let dir = tempfile::tempdir()?;
    let db = dir.path().join("stride.db");
    let window = Controller::open(&db)?;
    let lead = window.create_lead(&LeadForm {
        topic: "Chairs".into(),
        last_name: "Berg".into(),
        company: "Contoso".into(),
        ..LeadForm::default()
    })?;
    let mut command = Controller::open(&db)?;
    stride(&mut command, &["require", "summary"])?;

    let qualify = window
        .qualify(lead, &Default::default())
        .err()
        .ok_or("the open window qualified past a step required elsewhere")?;
    window.set_step_text(lead, "summary", "Twelve chairs")?;
    let opportunity = window.qualify(lead, &Default::default())?.opportunity;
    stride(&mut command, &["require", "final_proposal"])?;
    let id = opportunity.to_string();
    let close = refused(&mut command, &["close", &id, "won", "--revenue", "900"])?;
    stride(&mut command, &["set-step", &id, "final_proposal", "yes"])?;
    stride(&mut command, &["close", &id, "won", "--revenue", "900"])?;

    assert!(qualify.to_string().contains("Capture summary"), "{qualify}");
    assert!(close.contains("Complete final proposal"), "{close}");
    assert_eq!(show(&mut command, opportunity)?["status"], "won");
    Ok(())
}
