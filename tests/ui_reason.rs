//! The reason sheet, driven by accessible label: Previous stage, Back to an earlier stage on
//! the bar, and Reopen each ask why first; the confirm button waits for a reason, Cancel
//! changes nothing, and the reason lands in the record's history strip.

#[allow(dead_code)]
mod ui_support;

use i_slint_backend_testing::{AccessibleRole, ElementHandle};
use stride::controller::LeadForm;
use stride::process::{Change, Status};
use stride::store::ListFilter;
use ui_support::{
    all, find, only_row, open_app, press, shown_value, stage_of, tap, toast, type_into, TestResult,
};

#[test]
fn going_back_and_reopening_ask_for_a_reason_first() -> TestResult {
    let dir = tempfile::tempdir()?;
    let (window, controller) = open_app(dir.path(), &[], 1280.0, 800.0)?;
    let lead = controller.create_lead(&LeadForm {
        topic: "Scanners".into(),
        last_name: "Ng".into(),
        company: "Fabrikam".into(),
        ..LeadForm::default()
    })?;
    controller.qualify(lead, &Default::default())?;
    let opportunity = only_row(&controller, ListFilter::OpenOpportunities)?.id;
    controller.next_stage(opportunity)?;
    press(&find(&window, "Opportunities", AccessibleRole::Tab)?);
    press(&find(&window, "Scanners", AccessibleRole::ListItem)?);
    assert_eq!(stage_of(&controller, opportunity)?, "propose");

    // Previous stage opens the sheet; its confirm button waits for a reason.
    tap(&window, "Previous stage")?;
    let confirm = find(&window, "Confirm reason", AccessibleRole::Button)?;
    assert_eq!(confirm.accessible_enabled(), Some(false));
    press(&confirm);
    assert_eq!(stage_of(&controller, opportunity)?, "propose");

    // Cancel closes it and changes nothing.
    tap(&window, "Cancel reason")?;
    assert!(all(&window, "Confirm reason", AccessibleRole::Button).is_empty());
    assert_eq!(stage_of(&controller, opportunity)?, "propose");

    // With a reason, the record goes back and the reason is kept with who gave it.
    tap(&window, "Previous stage")?;
    type_into(&window, "Reason", "Need changed")?;
    let confirm = find(&window, "Confirm reason", AccessibleRole::Button)?;
    assert_eq!(confirm.accessible_enabled(), Some(true));
    press(&confirm);
    assert_eq!(stage_of(&controller, opportunity)?, "develop");
    assert_eq!(toast(&window).as_deref(), Some("Moved back a stage."));
    let history = controller.history_entries(opportunity)?;
    let reason = history.iter().find_map(|entry| match &entry.change {
        Change::ReasonGiven { reason, .. } => Some((reason.clone(), entry.by.clone())),
        _ => None,
    });
    assert_eq!(
        reason,
        Some(("Need changed".to_string(), controller.user().to_string()))
    );
    assert!(shown_value(&window, "Time in stages")?.contains("Develop"));

    // Closed, then reopened with a reason.
    tap(&window, "Close as lost")?;
    press(&find(&window, "Out-sold", AccessibleRole::RadioButton)?);
    tap(&window, "Confirm close as lost")?;
    tap(&window, "Reopen opportunity")?;
    assert_eq!(controller.page(opportunity)?.record.status, Status::Lost);
    type_into(&window, "Reason", "Order cancelled")?;
    tap(&window, "Confirm reason")?;
    assert_eq!(controller.page(opportunity)?.record.status, Status::Open);
    assert_eq!(
        ElementHandle::find_by_accessible_label(&window, "Confirm reason").count(),
        0
    );
    Ok(())
}
