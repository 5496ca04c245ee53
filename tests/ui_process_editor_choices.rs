//! The process editor's numbers, probability policy and choice of process, and the lead
//! form's choice of process, in the window by accessible label: a number out of range is
//! kept as typed, shown at its field and blocks Save; the policy is saved with the version and
//! exported by `stride process export`; a second stored process is opened and edited, and
//! copied as a new one; a new lead follows the process picked in its form.

#[allow(dead_code)]
mod ui_support;

use std::path::Path;
use std::process::Command;

use i_slint_backend_testing::AccessibleRole;
use stride::controller::Controller;
use stride::process::ProbabilityPolicy;
use stride::ui::AppWindow;
use ui_support::{all, choose, find, open_app, press, tap, toast, type_into, TestResult};

const SMALL_DEAL: &str = concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/assets/processes/small-deal.toml"
);

/// What the field labelled `label` says is wrong with it.
fn field_error(window: &AppWindow, label: &str) -> Result<String, String> {
    let field = find(window, label, AccessibleRole::TextInput)?;
    Ok(field
        .accessible_description()
        .unwrap_or_default()
        .to_string())
}

/// What the field labelled `label` holds.
fn field_text(window: &AppWindow, label: &str) -> Result<String, String> {
    let field = find(window, label, AccessibleRole::TextInput)?;
    Ok(field.accessible_value().unwrap_or_default().to_string())
}

/// Stores the Small deal process beside the default one.
fn import_small_deal(database: &Path) -> TestResult {
    let mut importer = Controller::open(database)?;
    importer.import_process(Path::new(SMALL_DEAL))?;
    Ok(())
}

#[test]
fn a_number_out_of_range_is_kept_shown_at_its_field_and_blocks_save() -> TestResult {
    let dir = tempfile::tempdir()?;
    let (window, controller) = open_app(dir.path(), &[], 1280.0, 1600.0)?;
    tap(&window, "Edit process")?;

    type_into(&window, "Win probability %", "999")?;
    let problem = field_error(&window, "Win probability %")?;
    assert!(problem.contains("from 0 to 100"), "{problem}");
    type_into(&window, "Target days", "2 weeks")?;
    assert!(field_error(&window, "Target days")?.contains("1 to 3650"));

    // Another edit leaves both faults in place, and Save is refused with nothing stored.
    type_into(&window, "Guidance", "Ask about the budget.")?;
    tap(&window, "Save process")?;
    let message = toast(&window).ok_or("the refused save said nothing")?;
    assert!(message.contains("Correct the number"), "{message}");
    assert_eq!(controller.process_summaries()?.len(), 1);
    assert_eq!(field_text(&window, "Win probability %")?, "999");
    assert_eq!(field_text(&window, "Target days")?, "2 weeks");

    // Going to another stage and back shows the text as typed, still at fault.
    press(&find(&window, "Stage Develop", AccessibleRole::Tab)?);
    assert_eq!(field_error(&window, "Win probability %")?, "");
    press(&find(&window, "Stage Qualify", AccessibleRole::Tab)?);
    assert_eq!(field_text(&window, "Win probability %")?, "999");
    assert!(!field_error(&window, "Win probability %")?.is_empty());

    type_into(&window, "Win probability %", "55")?;
    type_into(&window, "Target days", "")?;
    assert_eq!(field_error(&window, "Win probability %")?, "");
    tap(&window, "Save process")?;
    assert_eq!(controller.process_summaries()?.len(), 2);
    let qualify = &controller.process().stages[0];
    assert_eq!((qualify.probability, qualify.target_days), (55, None));
    Ok(())
}

#[test]
fn the_probability_policy_is_saved_and_exported() -> TestResult {
    let dir = tempfile::tempdir()?;
    let (window, controller) = open_app(dir.path(), &[], 1280.0, 1600.0)?;
    tap(&window, "Edit process")?;
    press(&find(
        &window,
        "Kept when set by hand",
        AccessibleRole::RadioButton,
    )?);
    let manual = find(
        &window,
        "Kept when set by hand",
        AccessibleRole::RadioButton,
    )?;
    assert_eq!(manual.accessible_checked(), Some(true));
    tap(&window, "Save process")?;
    assert_eq!(
        controller.process().probability_policy,
        ProbabilityPolicy::Manual
    );

    let file = dir.path().join("exported.toml");
    let output = Command::new(env!("CARGO_BIN_EXE_stride"))
        .env_remove("STRIDE_DB")
        .env_remove("RUST_LOG")
        .env("HOME", dir.path())
        .env("XDG_DATA_HOME", dir.path().join("data"))
        .arg("--db")
        .arg(controller.database_path())
        .args(["process", "export", "Lead to Opportunity Sales Process"])
        .arg(&file)
        .output()?;
    assert!(output.status.success(), "{output:?}");
    let text = std::fs::read_to_string(&file)?;
    assert!(text.contains("probability_policy = \"manual\""), "{text}");
    Ok(())
}

#[test]
fn a_second_process_opened_in_the_editor_is_the_one_saved() -> TestResult {
    let dir = tempfile::tempdir()?;
    let (window, controller) = open_app(dir.path(), &[], 1280.0, 1600.0)?;
    import_small_deal(controller.database_path())?;
    tap(&window, "Edit process")?;

    // Changes on screen are not dropped for another process.
    type_into(&window, "Guidance", "Changed")?;
    tap(&window, "Open another process")?;
    let message = toast(&window).ok_or("opening another said nothing")?;
    assert!(message.contains("unsaved changes"), "{message}");
    assert!(all(&window, "Small deal", AccessibleRole::RadioButton).is_empty());
    tap(&window, "Cancel process changes")?;

    tap(&window, "Edit process")?;
    tap(&window, "Open another process")?;
    press(&find(&window, "Small deal", AccessibleRole::RadioButton)?);
    assert_eq!(field_text(&window, "Process name")?, "Small deal");
    type_into(&window, "Target days", "5")?;
    tap(&window, "Save process")?;

    assert_eq!(controller.stored_process("Small deal")?.version, 2);
    let small = controller.stored_process("Small deal")?.definition;
    assert_eq!(small.stages[0].target_days, Some(5));
    let default = controller.stored_process("Lead to Opportunity Sales Process")?;
    assert_eq!(default.version, 1);

    // A copy starts a new process under a name not stored yet, leaving the original as it is.
    tap(&window, "Edit process")?;
    tap(&window, "Open another process")?;
    press(&find(&window, "Small deal", AccessibleRole::RadioButton)?);
    tap(&window, "Start a new process from this one")?;
    assert_eq!(field_text(&window, "Process name")?, "Small deal (copy)");
    tap(&window, "Save process")?;
    let copy = controller.stored_process("Small deal (copy)")?;
    assert_eq!(
        (copy.version, copy.definition.stages.len()),
        (1, small.stages.len())
    );
    assert_eq!(controller.stored_process("Small deal")?.version, 2);
    Ok(())
}

#[test]
fn the_lead_form_offers_the_processes_only_when_there_is_a_choice() -> TestResult {
    let dir = tempfile::tempdir()?;
    let (window, controller) = open_app(dir.path(), &[], 1280.0, 800.0)?;
    tap(&window, "New lead")?;
    assert!(all(&window, "Process", AccessibleRole::Combobox).is_empty());
    tap(&window, "Cancel")?;

    import_small_deal(controller.database_path())?;
    tap(&window, "New lead")?;
    let offered = find(&window, "Process", AccessibleRole::Combobox)?;
    let default = offered.accessible_value().unwrap_or_default();
    assert_eq!(default.as_str(), "Lead to Opportunity Sales Process");
    choose(&window, "Process", "Small deal")?;
    type_into(&window, "Last name", "Nakamura")?;
    tap(&window, "Save lead")?;

    let followed: Vec<_> = controller
        .process_summaries()?
        .into_iter()
        .filter(|s| s.records > 0)
        .map(|s| s.name)
        .collect();
    assert_eq!(followed, ["Small deal"]);
    assert!(toast(&window).is_some_and(|t| t.contains("created")));
    // The new lead's page names the process it follows.
    assert_eq!(
        ui_support::shown_value(&window, "Record process")?,
        "Process: Small deal"
    );
    Ok(())
}
