//! Every command flow of the record page, driven by accessible label at phone and desktop
//! sizes: new lead, qualify through the duplicate sheet, disqualify with a reason,
//! reactivate, next and previous stage, close as won, close as lost and reopen. Each step is
//! checked in the controller's saved state and in what the window shows.

// Each test file uses part of the shared helpers.
#[allow(dead_code)]
mod ui_support;

use i_slint_backend_testing::AccessibleRole;
use stride::process::{Reason, Status};
use stride::store::ListFilter;
use ui_support::records::{open_record, seed, DISQUALIFIED, LEAD, OPPORTUNITY, WON};
use ui_support::{all, find, open_app, press, shown_value, stage_of, tap, type_into, TestResult};

fn every_command(width: f32, height: f32) -> TestResult {
    let dir = tempfile::tempdir()?;
    let (window, controller) = open_app(dir.path(), &[], width, height)?;
    let pipeline = seed(&controller)?;
    let status = |id| -> Result<(Status, Reason), String> {
        let record = controller.page(id).map_err(|e| e.to_string())?.record;
        Ok((record.status, record.reason))
    };

    // New lead, from the list.
    tap(&window, "New lead")?;
    type_into(&window, "Last name", "Vasquez")?;
    type_into(&window, "Company", "Litware")?;
    tap(&window, "Save lead")?;
    let leads = controller.list(ListFilter::OpenLeads)?;
    assert!(
        leads.iter().any(|row| row.company == "Litware"),
        "{leads:?}"
    );
    assert_eq!(shown_value(&window, "Record title")?, "Vasquez");

    // Disqualify with a chosen reason, then reactivate.
    open_record(&window, "Leads", LEAD, "Open")?;
    tap(&window, "Disqualify")?;
    press(&find(
        &window,
        "Cannot contact",
        AccessibleRole::RadioButton,
    )?);
    tap(&window, "Confirm disqualify")?;
    assert_eq!(
        status(pipeline.lead)?,
        (Status::Disqualified, Reason::CannotContact)
    );
    assert_eq!(
        shown_value(&window, "Record status")?,
        "Disqualified · Cannot contact"
    );
    tap(&window, "Reactivate lead")?;
    assert_eq!(status(pipeline.lead)?.0, Status::Open);
    assert_eq!(all(&window, "Qualify", AccessibleRole::Button).len(), 1);

    // Qualify: the company is already an account, so the sheet offers it; use it.
    tap(&window, "Qualify")?;
    press(&find(
        &window,
        "Use Tailspin Toys",
        AccessibleRole::RadioButton,
    )?);
    tap(&window, "Qualify lead")?;
    assert_eq!(status(pipeline.lead)?.0, Status::Qualified);
    let account = |id| -> Result<Option<i64>, String> {
        Ok(controller
            .page(id)
            .map_err(|e| e.to_string())?
            .record
            .links
            .account)
    };
    let new_opportunity = controller
        .page(pipeline.lead)?
        .record
        .links
        .opportunity
        .ok_or("the qualified lead names no opportunity")?;
    assert_eq!(account(new_opportunity)?, account(pipeline.opportunity)?);
    assert_eq!(shown_value(&window, "Record title")?, LEAD);
    assert_eq!(shown_value(&window, "Record status")?, "Open · In progress");

    // Next stage twice, then back one.
    tap(&window, "Next stage")?;
    assert_eq!(stage_of(&controller, new_opportunity)?, "propose");
    tap(&window, "Next stage")?;
    assert_eq!(stage_of(&controller, new_opportunity)?, "close");
    assert!(all(&window, "Next stage", AccessibleRole::Button).is_empty());
    tap(&window, "Previous stage")?;
    type_into(&window, "Reason", "Pricing needs another look")?;
    tap(&window, "Confirm reason")?;
    assert_eq!(stage_of(&controller, new_opportunity)?, "propose");

    // Close as won with the revenue typed in the sheet, then reopen.
    tap(&window, "Close as won")?;
    type_into(&window, "Actual revenue", "9,900")?;
    tap(&window, "Confirm close as won")?;
    assert_eq!(status(new_opportunity)?.0, Status::Won);
    assert_eq!(shown_value(&window, "Record status")?, "Won");
    tap(&window, "Reopen opportunity")?;
    type_into(&window, "Reason", "Order cancelled")?;
    tap(&window, "Confirm reason")?;
    assert_eq!(status(new_opportunity)?.0, Status::Open);

    // Close as lost with a reason and competitor.
    open_record(&window, "Opportunities", OPPORTUNITY, "Open")?;
    tap(&window, "Close as lost")?;
    press(&find(&window, "Canceled", AccessibleRole::RadioButton)?);
    type_into(&window, "Competitor", "Fabrikam")?;
    tap(&window, "Confirm close as lost")?;
    assert_eq!(
        status(pipeline.opportunity)?,
        (Status::Lost, Reason::Canceled)
    );
    assert_eq!(shown_value(&window, "Record status")?, "Lost · Canceled");

    // The records closed before the window opened reopen and reactivate from Closed.
    open_record(&window, "Closed", WON, "Won")?;
    tap(&window, "Reopen opportunity")?;
    type_into(&window, "Reason", "Signed the wrong edition")?;
    tap(&window, "Confirm reason")?;
    assert_eq!(status(pipeline.won)?.0, Status::Open);
    open_record(&window, "Closed", DISQUALIFIED, "Disqualified")?;
    tap(&window, "Reactivate lead")?;
    assert_eq!(status(pipeline.disqualified)?.0, Status::Open);
    assert_eq!(all(&window, "Qualify", AccessibleRole::Button).len(), 1);
    Ok(())
}

#[test]
fn every_command_works_on_a_phone() -> TestResult {
    every_command(390.0, 844.0)
}

#[test]
fn every_command_works_on_a_desktop() -> TestResult {
    every_command(1280.0, 800.0)
}
