//! The accessibility audit: walks every screen the app has (the list and its tabs, a lead
//! and an opportunity in each state, the lead form with its process choice, the process
//! editor and its process picker, every command sheet, the filters, the import, the qualify
//! sheet, the picker and a message) on a phone and on a desktop, and fails on any
//! interactive element smaller than 48 logical px or without a role and label.

// Each test file uses part of the shared helpers.
#[allow(dead_code)]
mod ui_support;

use std::error::Error;

use i_slint_backend_testing::AccessibleRole;
use stride::ui::AppWindow;
use ui_support::audit::problems;
use ui_support::records::{open_record, seed, DISQUALIFIED, LEAD, OPPORTUNITY, WON};
use ui_support::TestResult;
use ui_support::{all, choose, find, open_app, press, tap, toast, type_into, wait_for};

/// Collects what the audit finds on each screen visited.
struct Walk<'a> {
    window: &'a AppWindow,
    found: Vec<String>,
    screens: usize,
}

impl Walk<'_> {
    fn look(&mut self, screen: &str) {
        self.found.extend(problems(self.window, screen));
        self.screens += 1;
    }

    /// Opens a sheet with the button `open`, audits it, and cancels it with `cancel`.
    fn sheet(&mut self, open: &str, screen: &str, cancel: &str) -> Result<(), String> {
        tap(self.window, open)?;
        self.look(screen);
        tap(self.window, cancel)
    }
}

/// The audit's findings on every screen, and how many screens it saw.
fn walk_every_screen(width: f32, height: f32) -> Result<(Vec<String>, usize), Box<dyn Error>> {
    let dir = tempfile::tempdir()?;
    let (window, controller) = open_app(dir.path(), &["customer_need"], width, height)?;
    seed(&controller)?;
    let window = &window;
    let mut walk = Walk {
        window,
        found: Vec::new(),
        screens: 0,
    };

    for tab in ["Leads", "Opportunities", "Closed"] {
        press(&find(window, tab, AccessibleRole::Tab)?);
        walk.look(&format!("list, {tab} tab"));
    }
    walk.sheet("Filters", "filter sheet", "Show results")?;
    walk.sheet("Import", "import sheet", "Cancel")?;

    let file = dir.path().join("dates.csv");
    std::fs::write(
        &file,
        "Topic,Last Name,Est. Close Date\nChairs,Berg,03/04/2025\n",
    )?;
    tap(window, "Import")?;
    type_into(window, "File path", &file.display().to_string())?;
    tap(window, "Preview")?;
    walk.look("import sheet asking the date order");
    tap(window, "Day first (31/12)")?;
    tap(window, "Import 1 record")?;
    wait_for(|| all(window, "Skipped rows", AccessibleRole::Text).len() == 1)?;
    walk.look("import result sheet");
    tap(window, "Done")?;

    // A second process, so the editor's picker and the lead form's process field show.
    let small_deal = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/assets/processes/small-deal.toml"
    );
    stride::controller::Controller::open(controller.database_path())?
        .import_process(std::path::Path::new(small_deal))?;
    tap(window, "Edit process")?;
    walk.look("process editor");
    tap(window, "Open another process")?;
    walk.look("picker of stored processes");
    tap(window, "Cancel")?;
    tap(window, "Cancel process changes")?;

    tap(window, "New lead")?;
    walk.look("new lead form");
    // On a phone the field is below the fold: Tab brings it into view, as it would a person.
    ui_support::keys::tab_to(window, "Rating", AccessibleRole::Combobox)?;
    choose(window, "Rating", "Warm")?;
    press(&find(window, "Rating", AccessibleRole::Combobox)?);
    walk.look("picker over the lead form");
    press(&find(window, "Warm", AccessibleRole::RadioButton)?);
    tap(window, "Cancel")?;

    open_record(window, "Leads", LEAD, "Open")?;
    walk.look("open lead");
    walk.sheet("Qualify", "qualify sheet", "Cancel")?;
    walk.sheet("Disqualify", "disqualify sheet", "Cancel")?;
    press(&find(
        window,
        "Purchase timeframe",
        AccessibleRole::Combobox,
    )?);
    walk.look("picker over a step");
    tap(window, "Cancel")?;
    tap(window, "Edit lead")?;
    walk.look("edit lead form");
    tap(window, "Cancel")?;

    open_record(window, "Opportunities", OPPORTUNITY, "Open")?;
    walk.look("open opportunity");
    press(&find(window, "Stage Propose", AccessibleRole::Tab)?);
    walk.look("opportunity showing a later stage");
    tap(window, "Next stage")?;
    walk.look("missing-steps sheet");
    tap(window, "Fill and move on")?;
    if toast(window).is_none() {
        return Err("moving on without Customer need shows no message".into());
    }
    walk.look("missing-steps sheet with an error message");
    tap(window, "Cancel")?;
    walk.sheet("Close as won", "close as won sheet", "Cancel")?;
    walk.sheet("Close as lost", "close as lost sheet", "Cancel")?;

    open_record(window, "Closed", WON, "Won")?;
    walk.look("won opportunity");
    walk.sheet("Reopen opportunity", "reason sheet", "Cancel reason")?;
    open_record(window, "Closed", OPPORTUNITY, "Qualified")?;
    walk.look("qualified lead");
    open_record(window, "Closed", DISQUALIFIED, "Disqualified")?;
    walk.look("disqualified lead");
    if all(window, "Reactivate lead", AccessibleRole::Button).len() != 1 {
        return Err("the disqualified lead offers no Reactivate".into());
    }
    Ok((walk.found, walk.screens))
}

fn audit(width: f32, height: f32) -> TestResult {
    let (found, screens) = walk_every_screen(width, height)?;
    assert!(screens >= 20, "only {screens} screens audited");
    assert!(
        found.is_empty(),
        "at {width}x{height}:\n{}",
        found.join("\n")
    );
    Ok(())
}

#[test]
fn every_screen_passes_the_audit_on_a_phone() -> TestResult {
    audit(390.0, 844.0)
}

#[test]
fn every_screen_passes_the_audit_on_a_desktop() -> TestResult {
    audit(1280.0, 800.0)
}
