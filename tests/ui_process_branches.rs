//! A branch made in the process editor's window, by accessible label: two new lead stages,
//! one required step, a branch from Qualify to Executive review for big budgets, shown under
//! the bar preview; then one lead down each way, each first stopped by the missing-steps
//! sheet and moved on from it; then a jump ahead on the bar, filled and made from the sheet.

#[allow(dead_code)]
mod ui_support;

use i_slint_backend_testing::AccessibleRole;
use stride::process::Match;
use ui_support::{all, find, open_app, open_new_lead, press, shown_value, stage_of, tap};
use ui_support::{type_into, TestResult};

/// What the button labelled `label` shows as chosen.
fn chosen(window: &stride::ui::AppWindow, label: &str) -> Result<String, String> {
    let button = find(window, label, AccessibleRole::Button)?;
    Ok(button.accessible_value().unwrap_or_default().to_string())
}

#[test]
fn a_branch_made_in_the_editor_sends_each_lead_its_own_way() -> TestResult {
    let dir = tempfile::tempdir()?;
    let (window, controller) = open_app(dir.path(), &[], 1280.0, 5000.0)?;

    tap(&window, "Edit process")?;
    press(&find(&window, "Step 4 required", AccessibleRole::Checkbox)?);
    tap(&window, "Add stage")?;
    type_into(&window, "Stage name", "Discovery")?;
    tap(&window, "Add stage")?;
    type_into(&window, "Stage name", "Executive review")?;
    press(&find(&window, "Stage Qualify", AccessibleRole::Tab)?);

    // A new branch goes past the next stage; its condition is pointed at the budget.
    tap(&window, "Add branch")?;
    assert_eq!(chosen(&window, "Branch 1 target")?, "Executive review");
    for _ in 0..10 {
        if chosen(&window, "Branch 1 condition 1 step")? == "Estimated budget" {
            break;
        }
        tap(&window, "Branch 1 condition 1 step")?;
    }
    assert_eq!(
        chosen(&window, "Branch 1 condition 1 test")?,
        "is more than"
    );
    type_into(&window, "Branch 1 condition 1 value", "50000")?;
    let preview = shown_value(&window, "Branches preview")?;
    assert_eq!(
        preview,
        "Qualify → Executive review if Estimated budget is more than 50000"
    );

    tap(&window, "Save process")?;
    let branch = &controller.process().stages[0].branches[0];
    assert_eq!(
        (branch.to.as_str(), branch.when),
        ("executive_review", Match::All)
    );

    for (name, budget, to) in [
        ("Okafor", "80000", "executive_review"),
        ("Lindqvist", "20000", "discovery"),
    ] {
        let lead = open_new_lead(&window, &controller, name, "Tailspin")?;
        tap(&window, "Next stage")?;
        let sheet = all(
            &window,
            "Fill in to move on dialog",
            AccessibleRole::Groupbox,
        );
        assert_eq!(sheet.len(), 1, "the sheet asks for the budget");
        // The sheet's field comes after the record's own field of the same name.
        let fields = all(&window, "Estimated budget", AccessibleRole::TextInput);
        fields
            .last()
            .ok_or("no budget field")?
            .set_accessible_value(budget);
        ui_support::settle();
        tap(&window, "Fill and move on")?;
        assert_eq!(stage_of(&controller, lead)?, to);
    }

    // A jump ahead on the bar meets the sheet too; filling it there makes the jump.
    let lead = open_new_lead(&window, &controller, "Moreau", "Tailspin")?;
    press(&find(
        &window,
        "Stage Executive review",
        AccessibleRole::Tab,
    )?);
    tap(&window, "Move here")?;
    let subtitle = all(
        &window,
        "Fill in to move on dialog",
        AccessibleRole::Groupbox,
    );
    assert_eq!(
        subtitle.len(),
        1,
        "the sheet asks for the budget before the jump"
    );
    let fields = all(&window, "Estimated budget", AccessibleRole::TextInput);
    fields
        .last()
        .ok_or("no budget field")?
        .set_accessible_value("20000");
    ui_support::settle();
    tap(&window, "Fill and move on")?;
    assert_eq!(stage_of(&controller, lead)?, "executive_review");
    Ok(())
}
