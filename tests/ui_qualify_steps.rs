//! Qualify meets the missing-steps sheet, by accessible label: a lead whose Qualify stage has
//! an empty required step asks for just that step, "Fill and qualify" saves it and carries
//! on into the qualify sheet, cancelling there keeps what was typed, and qualifying again
//! goes straight to the sheet and makes the lead Qualified.

#[allow(dead_code)]
mod ui_support;

use i_slint_backend_testing::AccessibleRole;
use stride::controller::{LeadForm, QualifyChoice};
use stride::process::{Status, StepValue};
use stride::ui::AppWindow;
use ui_support::{all, find, open_app, open_new_lead, press, tap, TestResult};

fn dialogs(window: &AppWindow, title: &str) -> usize {
    all(window, &format!("{title} dialog"), AccessibleRole::Groupbox).len()
}

#[test]
fn qualify_asks_for_missing_steps_then_offers_the_qualify_sheet() -> TestResult {
    let dir = tempfile::tempdir()?;
    let (window, controller) = open_app(dir.path(), &["purchase_timeframe"], 1280.0, 1600.0)?;

    // An earlier lead from the same company leaves an account the qualify sheet offers.
    let earlier = LeadForm {
        last_name: "Berg".into(),
        company: "Contoso".into(),
        ..LeadForm::default()
    };
    let earlier = controller.create_lead(&earlier)?;
    controller.set_step_text(earlier, "purchase_timeframe", "Immediate")?;
    controller.qualify(earlier, &QualifyChoice::default())?;
    let lead = open_new_lead(&window, &controller, "Okafor", "Contoso")?;

    // Qualify asks for only the empty required step, in a sheet of its own wording.
    tap(&window, "Qualify")?;
    assert_eq!(dialogs(&window, "Fill in to qualify"), 1);
    assert!(all(&window, "Fill and move on", AccessibleRole::Button).is_empty());
    let choices = all(&window, "This quarter", AccessibleRole::RadioButton);
    assert_eq!(choices.len(), 1, "the sheet lists the choice in place");
    press(&choices[0]);

    // Filling it saves the step and carries on into the qualify sheet.
    tap(&window, "Fill and qualify")?;
    assert_eq!(dialogs(&window, "Fill in to qualify"), 0);
    assert_eq!(dialogs(&window, "Qualify lead"), 1);
    let saved = controller.page(lead)?.record;
    assert_eq!(
        saved.steps.get("purchase_timeframe"),
        Some(&StepValue::Choice("This quarter".into()))
    );
    assert_eq!(saved.status, Status::Open);

    // Cancelling the qualify sheet keeps the step; Qualify again goes straight to the sheet.
    tap(&window, "Cancel")?;
    assert_eq!(dialogs(&window, "Qualify lead"), 0);
    assert!(controller
        .page(lead)?
        .record
        .steps
        .contains_key("purchase_timeframe"));
    tap(&window, "Qualify")?;
    assert_eq!(dialogs(&window, "Fill in to qualify"), 0);
    assert_eq!(dialogs(&window, "Qualify lead"), 1);
    press(&find(&window, "Use Contoso", AccessibleRole::RadioButton)?);
    tap(&window, "Qualify lead")?;
    let qualified = controller.page(lead)?.record;
    assert_eq!(qualified.status, Status::Qualified);
    let opportunity = qualified.links.opportunity.ok_or("no opportunity")?;
    let account = controller.page(earlier)?.record.links.account;
    assert_eq!(controller.page(opportunity)?.record.links.account, account);
    Ok(())
}
