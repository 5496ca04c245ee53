//! Close as won meets the missing-steps sheet, by accessible label: an opportunity with a
//! required step still empty in a stage ahead asks for just that step, "Fill and close as
//! won" saves it and carries on into the close-as-won sheet, and cancelling there keeps what
//! was filled.

#[allow(dead_code)]
mod ui_support;

use i_slint_backend_testing::AccessibleRole;
use stride::controller::{LeadForm, QualifyChoice};
use stride::process::{Status, StepValue};
use stride::ui::AppWindow;
use ui_support::{all, find, open_app, press, tap, TestResult};

fn dialogs(window: &AppWindow, title: &str) -> usize {
    all(window, &format!("{title} dialog"), AccessibleRole::Groupbox).len()
}

#[test]
fn close_as_won_asks_for_steps_ahead_then_offers_the_close_sheet() -> TestResult {
    let dir = tempfile::tempdir()?;
    // Develop proposal belongs to Propose, a stage still ahead of a new opportunity.
    let (window, controller) = open_app(dir.path(), &["develop_proposal"], 1280.0, 1600.0)?;
    let lead = controller.create_lead(&LeadForm {
        last_name: "Okafor".into(),
        company: "Contoso".into(),
        topic: "Dock scanners".into(),
        estimated_value: "18000".into(),
        ..LeadForm::default()
    })?;
    controller.qualify(lead, &QualifyChoice::default())?;
    let opportunity = controller
        .page(lead)?
        .record
        .links
        .opportunity
        .ok_or("no opportunity")?;
    press(&find(&window, "Opportunities", AccessibleRole::Tab)?);
    press(&find(&window, "Dock scanners", AccessibleRole::ListItem)?);

    // Close as won asks for the empty step ahead, in a sheet of its own wording.
    tap(&window, "Close as won")?;
    assert_eq!(dialogs(&window, "Close as won"), 0);
    assert_eq!(dialogs(&window, "Fill in to close as won"), 1);
    assert!(all(&window, "Fill and move on", AccessibleRole::Button).is_empty());
    press(&find(
        &window,
        "Develop proposal",
        AccessibleRole::Checkbox,
    )?);

    // Filling it saves the step and carries on into the close-as-won sheet.
    tap(&window, "Fill and close as won")?;
    assert_eq!(dialogs(&window, "Fill in to close as won"), 0);
    assert_eq!(dialogs(&window, "Close as won"), 1);
    let saved = controller.page(opportunity)?.record;
    assert_eq!(
        saved.steps.get("develop_proposal"),
        Some(&StepValue::Check(true))
    );
    assert_eq!(saved.status, Status::Open);

    // Cancelling keeps the step; Close as won again goes straight to its sheet.
    tap(&window, "Cancel")?;
    assert_eq!(dialogs(&window, "Close as won"), 0);
    tap(&window, "Close as won")?;
    assert_eq!(dialogs(&window, "Fill in to close as won"), 0);
    tap(&window, "Confirm close as won")?;
    let status = controller.page(opportunity)?.record.status;
    assert_eq!(status, Status::Won, "{:?}", ui_support::toast(&window));
    Ok(())
}
