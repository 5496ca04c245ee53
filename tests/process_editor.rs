//! The process editor's rules without a window: editing a draft, saving it as a new version
//! (records keep theirs, new leads follow it, a broken draft stores nothing), filling the
//! missing steps and moving on in one go, and stage targets: the chevron's alert and the
//! "overdue in stage" filter.

use std::error::Error;
use std::sync::Arc;

use chrono::{Duration, TimeZone, Utc};
use stride::controller::{
    AppError, Controller, Fault, FixedClock, LeadForm, NumberField, ProcessDraft, StageAlert,
};
use stride::process::{DefinitionError, ProcessDefinition, RecordId, StepKind, StepValue};
use stride::store::{ListFilter, ListQuery};

type TestResult = Result<(), Box<dyn Error>>;

fn app(dir: &std::path::Path) -> Result<(Controller, Arc<FixedClock>), Box<dyn Error>> {
    let start = Utc
        .with_ymd_and_hms(2026, 3, 2, 9, 0, 0)
        .single()
        .ok_or("no time")?;
    let clock = Arc::new(FixedClock::new(start));
    let controller = Controller::with_clock(&dir.join("stride.db"), clock.clone())?;
    Ok((controller, clock))
}

fn lead(controller: &Controller, last: &str) -> Result<RecordId, Box<dyn Error>> {
    let form = LeadForm {
        last_name: last.into(),
        company: "Tailspin".into(),
        ..LeadForm::default()
    };
    Ok(controller.create_lead(&form)?)
}

/// The default process with a first stage "Discovery" whose one step is required.
fn with_discovery(base: &ProcessDefinition) -> ProcessDraft {
    let mut draft = ProcessDraft::new(base.clone());
    let at = draft.add_stage(None);
    draft.rename_stage(at, "Discovery");
    if let Some(step) = draft.add_step(at) {
        draft.rename_step(at, step, "Pain point");
        draft.set_step_type(at, step, 5);
        draft.set_options(at, step, "Cost, Speed,\n Risk ");
        if let Some(found) = draft.step_mut(at, step) {
            found.required = true;
        }
    }
    draft
}

#[test]
fn a_draft_keys_its_new_stages_and_steps_by_name_and_keeps_stored_keys() {
    let mut draft = with_discovery(&ProcessDefinition::lead_to_opportunity());
    let stages = &draft.definition().stages;
    assert_eq!(
        (stages[0].key.as_str(), stages[1].key.as_str()),
        ("discovery", "qualify")
    );
    let step = &stages[0].steps[0];
    assert_eq!(step.key, "pain_point");
    let options = vec!["Cost".to_string(), "Speed".into(), "Risk".into()];
    assert_eq!(step.kind, StepKind::Choice { options });

    // A stored stage keeps its key when renamed; a second new stage gets a key of its own.
    draft.rename_stage(1, "Sift");
    assert_eq!(draft.definition().stages[1].key, "qualify");
    let other = draft.add_stage(Some(0));
    draft.rename_stage(other, "Discovery");
    assert_eq!(draft.definition().stages[other].key, "discovery_2");

    // Moving stops at the ends; removing takes the stage's steps with it.
    assert_eq!(draft.move_stage(0, true), 0);
    assert_eq!(draft.move_stage(0, false), 1);
    draft.remove_stage(1);
    assert!(draft.definition().step("pain_point").is_none());
    assert_eq!(draft.definition().validate(), Ok(()));
}

#[test]
fn each_broken_rule_points_at_what_is_at_fault() {
    let base = ProcessDefinition::lead_to_opportunity();
    let fault_of = |change: &dyn Fn(&mut ProcessDraft)| {
        let mut draft = with_discovery(&base);
        change(&mut draft);
        match draft.finished().validate() {
            Ok(()) => panic!("the broken draft was accepted"),
            Err(error) => draft.fault(&error),
        }
    };
    assert_eq!(fault_of(&|d| d.set_name("  ")), Fault::Name);
    assert_eq!(fault_of(&|d| d.set_options(0, 0, " , ")), Fault::Step(0, 0));
    assert_eq!(fault_of(&|d| d.rename_step(0, 0, " ")), Fault::Step(0, 0));
    let zero = |d: &mut ProcessDraft| {
        if let Some(stage) = d.stage_mut(2) {
            stage.target_days = Some(0);
        }
    };
    assert_eq!(fault_of(&zero), Fault::Number(2, NumberField::TargetDays));
    let lead_last = |d: &mut ProcessDraft| {
        d.move_stage(0, false);
        d.move_stage(1, false);
    };
    assert_eq!(fault_of(&lead_last), Fault::Stage(2));
}

#[test]
fn saving_stores_a_new_version_that_new_leads_follow_and_records_keep_theirs() -> TestResult {
    let dir = tempfile::tempdir()?;
    let (controller, _) = app(dir.path())?;
    let before = lead(&controller, "Early")?;

    let draft = with_discovery(&controller.process());
    let stored = controller.save_process(&draft.finished())?;
    assert_eq!((stored.version, stored.definition.stages.len()), (2, 5));
    assert_eq!(controller.process().stages[0].key, "discovery");

    let after = lead(&controller, "Late")?;
    assert_eq!(controller.page(after)?.record.stage, "discovery");
    assert_eq!(controller.page(before)?.record.stage, "qualify");
    assert_eq!(
        controller.page(before)?.stages.len(),
        4,
        "the old version stays"
    );

    // The same definition again is refused, and so is a broken one; nothing is stored.
    let again = controller.save_process(&draft.finished());
    assert!(matches!(
        again,
        Err(AppError::ProcessUnchanged { version: 2, .. })
    ));
    let mut broken = draft.clone();
    broken.set_options(0, 0, "");
    let refused = controller.save_process(&broken.finished());
    assert!(matches!(
        refused,
        Err(AppError::Definition(
            DefinitionError::ChoiceWithoutOptions { .. }
        ))
    ));
    assert_eq!(controller.process_summaries()?.len(), 2);

    // A copy under a new name is version 1 of that name; new leads keep the default.
    let mut copy = draft.clone();
    copy.set_name(" Small deal ");
    let small = controller.save_process(&copy.finished())?;
    assert_eq!((small.name.as_str(), small.version), ("Small deal", 1));
    assert_eq!(
        controller.process().name,
        "Lead to Opportunity Sales Process"
    );
    Ok(())
}

#[test]
fn filling_the_missing_steps_moves_on_in_one_go_or_not_at_all() -> TestResult {
    let dir = tempfile::tempdir()?;
    let (controller, _) = app(dir.path())?;
    controller.save_process(&with_discovery(&controller.process()).finished())?;
    let id = lead(&controller, "Okafor")?;

    let refused = controller.next_stage(id);
    assert!(matches!(
        refused,
        Err(AppError::Process(
            stride::process::ProcessError::MissingSteps { .. }
        ))
    ));
    let missing = controller.missing_steps(id)?;
    let keys: Vec<&str> = missing.iter().map(|s| s.key.as_str()).collect();
    assert_eq!(keys, ["pain_point"]);

    // A value the step cannot take changes nothing at all.
    let wrong = [("pain_point".to_string(), "Weather".to_string())];
    assert!(controller.fill_and_next_stage(id, &wrong).is_err());
    let page = controller.page(id)?;
    assert_eq!(
        (page.record.stage.as_str(), page.record.steps.len()),
        ("discovery", 0)
    );

    let right = [("pain_point".to_string(), "Speed".to_string())];
    controller.fill_and_next_stage(id, &right)?;
    let record = controller.page(id)?.record;
    assert_eq!(record.stage, "qualify");
    assert_eq!(
        record.steps.get("pain_point"),
        Some(&StepValue::Choice("Speed".into()))
    );
    assert!(controller.missing_steps(id)?.is_empty());
    Ok(())
}

#[test]
fn time_in_stage_turns_amber_then_red_and_the_overdue_filter_agrees() -> TestResult {
    let dir = tempfile::tempdir()?;
    let (controller, clock) = app(dir.path())?;
    let untimed = lead(&controller, "Untimed")?;
    let mut draft = ProcessDraft::new(ProcessDefinition::clone(&controller.process()));
    if let Some(stage) = draft.stage_mut(0) {
        stage.target_days = Some(8);
        stage.guidance = "Find the budget holder.".into();
    }
    controller.save_process(&draft.finished())?;

    let early = lead(&controller, "Early")?;
    clock.advance(Duration::days(3));
    let late = lead(&controller, "Late")?;
    let alert = |id| -> Result<StageAlert, Box<dyn Error>> {
        let page = controller.page(id)?;
        Ok(page.stages[0].alert)
    };
    let overdue = || -> Result<Vec<RecordId>, Box<dyn Error>> {
        let query = ListQuery {
            filter: ListFilter::OpenLeads,
            overdue_in_stage_at: Some(controller.now()),
            ..ListQuery::default()
        };
        let rows = controller.list_page(&query, None, 0, 50)?;
        let ids = rows.iter().map(|row| row.id).collect();
        assert_eq!(controller.count_matching(&query)?, rows.len());
        Ok(ids)
    };

    // Early: 5 days of 8 is under three quarters; 6 is amber; 8 still amber; 9 is red.
    clock.advance(Duration::days(2));
    assert_eq!(alert(early)?, StageAlert::None);
    clock.advance(Duration::days(1));
    assert_eq!(alert(early)?, StageAlert::Nearing);
    clock.advance(Duration::days(2));
    assert_eq!(alert(early)?, StageAlert::Nearing);
    assert!(overdue()?.is_empty());
    clock.advance(Duration::days(1));
    assert_eq!(
        (alert(early)?, alert(late)?),
        (StageAlert::Overdue, StageAlert::Nearing)
    );
    assert_eq!(overdue()?, vec![early]);

    // A record on the version without targets is never overdue; a closed one neither.
    clock.advance(Duration::days(30));
    assert_eq!(alert(untimed)?, StageAlert::None);
    assert_eq!(
        controller.page(early)?.stages[0].guidance,
        "Find the budget holder."
    );
    let mut found = overdue()?;
    found.sort();
    assert_eq!(found, vec![early, late]);
    controller.disqualify(late, stride::process::DisqualifyReason::Lost)?;
    assert_eq!(overdue()?, vec![early]);
    Ok(())
}

#[test]
fn a_version_saved_in_another_window_is_what_new_leads_follow_here() -> TestResult {
    let dir = tempfile::tempdir()?;
    let (here, _) = app(dir.path())?;
    let (there, _) = app(dir.path())?;
    assert!(!here.changed_elsewhere()?);

    there.save_process(&with_discovery(&there.process()).finished())?;
    assert_eq!(here.process().stages[0].key, "qualify", "not looked yet");
    assert!(here.changed_elsewhere()?);
    assert_eq!(here.process().stages[0].key, "discovery");
    let id = lead(&here, "Okafor")?;
    assert_eq!(here.page(id)?.record.stage, "discovery");
    Ok(())
}
