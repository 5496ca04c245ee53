//! Branches made in the process editor's draft without a window: keys of new stages followed
//! by branch targets, a broken branch located next to it, and a draft with a branch saved,
//! exported, imported into a fresh database with the branch intact, and records run through
//! both ways out of the branching stage there, a jump ahead filled and made in one go, and
//! the opportunity stages offered as targets on the last lead stage only.

use std::error::Error;

use stride::controller::{targets, AppError, Controller, Fault, LeadForm, ProcessDraft};
use stride::process::{Condition, Match, ProcessDefinition, RecordId};

type TestResult = Result<(), Box<dyn Error>>;

fn lead(controller: &Controller, last: &str) -> Result<RecordId, Box<dyn Error>> {
    let form = LeadForm {
        last_name: last.into(),
        company: "Tailspin".into(),
        ..LeadForm::default()
    };
    Ok(controller.create_lead(&form)?)
}

/// The default process with two new lead stages after Qualify, only the estimated budget
/// required, and a branch from Qualify to Executive review for budgets over 50000.
fn with_branch(base: &ProcessDefinition) -> Result<ProcessDraft, Box<dyn Error>> {
    let mut draft = ProcessDraft::new(base.clone());
    let discovery = draft.add_stage(Some(0));
    draft.rename_stage(discovery, "Discovery");
    let review = draft.add_stage(Some(discovery));
    for stage in 0..3 {
        let count = draft.definition().stages[stage].steps.len();
        for step in 0..count {
            if let Some(found) = draft.step_mut(stage, step) {
                found.required = false;
            }
        }
    }
    let budget = draft.definition().stages[0]
        .steps
        .iter()
        .position(|s| s.key == "estimated_budget")
        .ok_or("no budget step")?;
    draft.step_mut(0, budget).ok_or("no step")?.required = true;

    let branch = draft.add_branch(0).ok_or("no branch added")?;
    let steps = draft.definition().stages[0].steps.len();
    for _ in 0..steps {
        let condition = &draft.definition().stages[0].branches[branch].conditions[0];
        if condition.step() == "estimated_budget" {
            break;
        }
        draft.next_condition_step(0, branch, 0);
    }
    draft.set_condition_value((0, branch, 0), "50000");
    // The target was made before the stage had its name; its key follows the name.
    draft.rename_stage(review, "Executive review");
    Ok(draft)
}

#[test]
fn a_branch_follows_the_new_stage_it_goes_to_and_a_broken_one_is_shown_next_to_it() -> TestResult {
    let dir = tempfile::tempdir()?;
    let controller = Controller::open(&dir.path().join("stride.db"))?;
    let mut draft = with_branch(&controller.process())?;
    let branch = &draft.definition().stages[0].branches[0];
    assert_eq!(branch.to, "executive_review");
    assert_eq!(branch.when, Match::All);
    assert_eq!(
        branch.conditions,
        vec![Condition::GreaterThan {
            step: "estimated_budget".into(),
            value: "50000".into()
        }]
    );

    // Moving the target before the branching stage is refused, and the fault is the branch.
    draft.move_stage(2, true);
    draft.move_stage(1, true);
    let Err(AppError::Definition(problem)) = controller.save_process(&draft.finished()) else {
        return Err("a branch going back was saved".into());
    };
    assert_eq!(draft.fault(&problem), Fault::Branch(1, 0), "{problem}");
    Ok(())
}

#[test]
fn a_drafted_branch_survives_export_and_import_and_sends_records_both_ways() -> TestResult {
    let dir = tempfile::tempdir()?;
    let controller = Controller::open(&dir.path().join("stride.db"))?;
    let draft = with_branch(&controller.process())?;
    let saved = controller.save_process(&draft.finished())?;
    let file = dir.path().join("process.toml");
    controller.export_process(&saved.name, &file)?;

    let fresh = tempfile::tempdir()?;
    let mut other = Controller::open(&fresh.path().join("stride.db"))?;
    other.import_process(&file)?;
    assert_eq!(*other.process(), draft.finished());

    // Over the threshold the lead skips Discovery; under it, it goes there. Each is first
    // refused for the missing budget, by name.
    for (name, budget, to) in [
        ("Okafor", "80000", "executive_review"),
        ("Lindqvist", "20000", "discovery"),
    ] {
        let id = lead(&other, name)?;
        let refused = other
            .next_stage(id)
            .err()
            .ok_or("moved without the budget")?;
        assert!(
            refused.to_string().contains("Estimated budget"),
            "{refused}"
        );
        other.fill_and_next_stage(id, &[("estimated_budget".into(), budget.into())])?;
        assert_eq!(other.page(id)?.record.stage, to);
    }

    // A jump ahead on the bar is refused for the budget too, and filling it jumps in one go;
    // a value that does not fit changes nothing.
    let id = lead(&other, "Moreau")?;
    let refused = other.go_to_stage(id, "executive_review", "").err();
    let refused = refused.ok_or("jumped without the budget")?;
    assert!(
        refused.to_string().contains("Estimated budget"),
        "{refused}"
    );
    let budget = |text: &str| [("estimated_budget".to_string(), text.to_string())];
    assert!(other
        .fill_and_go_to_stage(id, "executive_review", &budget("lots"))
        .is_err());
    assert!(other.page(id)?.record.steps.is_empty());
    other.fill_and_go_to_stage(id, "executive_review", &budget("20000"))?;
    assert_eq!(other.page(id)?.record.stage, "executive_review");
    Ok(())
}

#[test]
fn the_last_lead_stage_offers_the_opportunity_stages_an_earlier_one_does_not() -> TestResult {
    let mut process = ProcessDefinition::lead_to_opportunity();
    assert_eq!(targets(&process, 0), ["develop", "propose", "close"]);
    let mut draft = ProcessDraft::new(process.clone());
    let branch = draft.add_branch(0).ok_or("Qualify may branch")?;
    assert_eq!(draft.definition().stages[0].branches[branch].to, "propose");
    draft.next_branch_target(0, branch);
    assert_eq!(draft.definition().stages[0].branches[branch].to, "close");
    draft.next_default(0);
    assert_eq!(
        draft.definition().stages[0].next.as_deref(),
        Some("develop")
    );
    assert_eq!(draft.definition().validate(), Ok(()));

    // With a lead stage in front of Qualify, that one may only go to Qualify.
    let mut intake = process.stages[0].clone();
    intake.key = "intake".into();
    intake.steps.clear();
    intake.branches.clear();
    process.stages.insert(0, intake);
    assert_eq!(targets(&process, 0), ["qualify"]);
    assert_eq!(targets(&process, 1), ["develop", "propose", "close"]);
    Ok(())
}
