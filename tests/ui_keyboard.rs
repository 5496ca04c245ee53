//! The window by keyboard alone: Tab reaches every control in order and Enter works it, a
//! lead is qualified and an opportunity closed as won without a tap, Escape closes any sheet
//! (and goes Back on a phone's record page), and the shortcuts the README lists work.

// Each test file uses part of the shared helpers.
#[allow(dead_code)]
mod ui_support;

use i_slint_backend_testing::AccessibleRole;
use slint::platform::Key;
use stride::process::Money;
use stride::process::{CloseInfo, Status};
use stride::ui::AppWindow;
use ui_support::keys::{chord, enter_on, has_focus, key, tab_to, type_keys};
use ui_support::records::{seed, LEAD, OPPORTUNITY};
use ui_support::{
    all, find, open_app, press, shown_value, stage_of, toast, won_revenue, TestResult,
};

/// Shows the records seeded after the window opened; setting up, not part of the keyboard run.
fn show_leads(window: &AppWindow) -> Result<(), String> {
    press(&find(window, "Leads", AccessibleRole::Tab)?);
    Ok(())
}

#[test]
fn a_lead_is_qualified_by_keyboard_alone() -> TestResult {
    let dir = tempfile::tempdir()?;
    let (window, controller) = open_app(dir.path(), &[], 1280.0, 800.0)?;
    let pipeline = seed(&controller)?;
    show_leads(&window)?;

    enter_on(&window, LEAD, AccessibleRole::ListItem)?;
    assert_eq!(shown_value(&window, "Record title")?, LEAD);
    enter_on(&window, "Qualify", AccessibleRole::Button)?;
    assert_eq!(
        all(&window, "Qualify lead", AccessibleRole::Button).len(),
        1
    );

    // Tab stays inside the sheet: from its last control it comes back to its first.
    tab_to(&window, "Use Tailspin Toys", AccessibleRole::RadioButton)?;
    key(&window, " ");
    let existing = find(&window, "Use Tailspin Toys", AccessibleRole::RadioButton)?;
    assert_eq!(existing.accessible_checked(), Some(true));
    let mut passed_last = false;
    let mut came_round = false;
    for _ in 0..8 {
        key(&window, Key::Tab);
        assert!(
            !has_focus(&window, LEAD, AccessibleRole::ListItem)?,
            "Tab left the sheet for the list"
        );
        passed_last |= has_focus(&window, "Qualify lead", AccessibleRole::Button)?;
        came_round |=
            passed_last && has_focus(&window, "Use Tailspin Toys", AccessibleRole::RadioButton)?;
    }
    assert!(
        came_round,
        "Tab did not come round from the last control to the first"
    );
    // Shift+Tab goes round the other way, through the last control.
    let mut last_seen = false;
    for _ in 0..8 {
        chord(&window, Key::Shift, Key::Tab);
        assert!(
            !has_focus(&window, LEAD, AccessibleRole::ListItem)?,
            "Shift+Tab left the sheet for the list"
        );
        last_seen |= has_focus(&window, "Qualify lead", AccessibleRole::Button)?;
    }
    assert!(
        last_seen,
        "Shift+Tab never reached the sheet's last control"
    );
    enter_on(&window, "Qualify lead", AccessibleRole::Button)?;

    let lead = controller.page(pipeline.lead)?.record;
    assert_eq!(lead.status, Status::Qualified);
    let opportunity = lead.links.opportunity.ok_or("no opportunity")?;
    let account = |id| -> Result<Option<i64>, String> {
        Ok(controller
            .page(id)
            .map_err(|e| e.to_string())?
            .record
            .links
            .account)
    };
    assert_eq!(account(opportunity)?, account(pipeline.opportunity)?);
    assert_eq!(shown_value(&window, "Record status")?, "Open · In progress");
    Ok(())
}

#[test]
fn an_opportunity_is_closed_as_won_by_keyboard_alone() -> TestResult {
    let dir = tempfile::tempdir()?;
    let (window, controller) = open_app(dir.path(), &[], 1280.0, 800.0)?;
    let pipeline = seed(&controller)?;
    show_leads(&window)?;

    enter_on(&window, "Opportunities", AccessibleRole::Tab)?;
    enter_on(&window, OPPORTUNITY, AccessibleRole::ListItem)?;
    chord(&window, Key::Control, Key::RightArrow);
    assert_eq!(stage_of(&controller, pipeline.opportunity)?, "propose");
    chord(&window, Key::Control, Key::RightArrow);
    assert_eq!(stage_of(&controller, pipeline.opportunity)?, "close");

    enter_on(&window, "Close as won", AccessibleRole::Button)?;
    tab_to(&window, "Actual revenue", AccessibleRole::TextInput)?;
    chord(&window, Key::Control, "a");
    type_keys(&window, "14000");
    key(&window, Key::Return);

    let won = controller.page(pipeline.opportunity)?.record;
    assert_eq!(won.status, Status::Won);
    assert_eq!(
        won.close.as_ref().and_then(won_revenue),
        Some(Money::from_minor(1_400_000))
    );
    assert!(matches!(won.close, Some(CloseInfo::Won { .. })));
    assert_eq!(shown_value(&window, "Record status")?, "Won");
    Ok(())
}

#[test]
fn escape_closes_every_sheet_and_the_shortcuts_run_the_commands() -> TestResult {
    let dir = tempfile::tempdir()?;
    let (window, controller) = open_app(dir.path(), &[], 1280.0, 800.0)?;
    let pipeline = seed(&controller)?;
    show_leads(&window)?;
    let sheet_open = |label: &str| all(&window, label, AccessibleRole::Button).len() == 1;

    enter_on(&window, LEAD, AccessibleRole::ListItem)?;
    chord(&window, Key::Alt, "d");
    assert!(sheet_open("Confirm disqualify"));
    key(&window, Key::Escape);
    assert!(!sheet_open("Confirm disqualify"));
    assert_eq!(controller.page(pipeline.lead)?.record.status, Status::Open);

    chord(&window, Key::Alt, "q");
    assert!(sheet_open("Qualify lead"));
    key(&window, Key::Escape);
    assert!(!sheet_open("Qualify lead"));

    enter_on(&window, "Purchase timeframe", AccessibleRole::Combobox)?;
    assert_eq!(
        all(&window, "This quarter", AccessibleRole::RadioButton).len(),
        1
    );
    key(&window, Key::Escape);
    assert!(all(&window, "This quarter", AccessibleRole::RadioButton).is_empty());

    // Enter alone does not disqualify: no reason is chosen until one is picked.
    chord(&window, Key::Alt, "d");
    key(&window, Key::Return);
    assert_eq!(controller.page(pipeline.lead)?.record.status, Status::Open);
    enter_on(&window, "Cannot contact", AccessibleRole::RadioButton)?;
    enter_on(&window, "Confirm disqualify", AccessibleRole::Button)?;
    assert_eq!(
        controller.page(pipeline.lead)?.record.status,
        Status::Disqualified
    );
    chord(&window, Key::Alt, "r");
    assert_eq!(controller.page(pipeline.lead)?.record.status, Status::Open);

    chord(&window, Key::Control, "n");
    assert_eq!(all(&window, "Save lead", AccessibleRole::Button).len(), 1);
    Ok(())
}

#[test]
fn escape_goes_back_to_the_list_on_a_phone() -> TestResult {
    let dir = tempfile::tempdir()?;
    let (window, controller) = open_app(dir.path(), &[], 390.0, 844.0)?;
    seed(&controller)?;
    show_leads(&window)?;

    enter_on(&window, LEAD, AccessibleRole::ListItem)?;
    assert_eq!(all(&window, "Back", AccessibleRole::Button).len(), 1);
    key(&window, Key::Escape);
    assert!(all(&window, "Back", AccessibleRole::Button).is_empty());
    assert_eq!(all(&window, LEAD, AccessibleRole::ListItem).len(), 1);

    // Back in the list, Tab and Enter open the record again.
    enter_on(&window, LEAD, AccessibleRole::ListItem)?;
    assert_eq!(shown_value(&window, "Record title")?, LEAD);
    Ok(())
}

#[test]
fn escape_dismisses_a_message_and_shortcuts_outlast_a_reloaded_list() -> TestResult {
    let dir = tempfile::tempdir()?;
    let (window, controller) = open_app(dir.path(), &["customer_need"], 1280.0, 800.0)?;
    seed(&controller)?;
    show_leads(&window)?;

    // A second record opened from the list: the list reloads, and the keys still work.
    enter_on(&window, LEAD, AccessibleRole::ListItem)?;
    enter_on(&window, "Opportunities", AccessibleRole::Tab)?;
    enter_on(&window, OPPORTUNITY, AccessibleRole::ListItem)?;
    chord(&window, Key::Control, Key::RightArrow);
    press(&find(&window, "Fill and move on", AccessibleRole::Button)?);
    assert_eq!(
        toast(&window).as_deref(),
        Some("Fill in Customer need before leaving Develop.")
    );
    key(&window, Key::Escape);
    assert!(all(&window, "Fill and move on", AccessibleRole::Button).is_empty());
    key(&window, Key::Escape);
    assert_eq!(toast(&window), None);
    Ok(())
}
