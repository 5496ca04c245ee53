//! The process editor and the missing-steps sheet in the window, by accessible label: a
//! stage with a required step added in the editor, a refused save shown next to the step or
//! field at fault, the draft kept through a resize to phone width, then a new lead stopped at Next
//! stage by the sheet, filled there, and moved on.

#[allow(dead_code)]
mod ui_support;

use i_slint_backend_testing::AccessibleRole;
use slint::ComponentHandle;
use stride::process::StepValue;
use ui_support::{all, find, open_app, open_new_lead, press, shown_value, stage_of, tap, toast};
use ui_support::{type_into, TestResult};

#[test]
fn a_required_step_added_in_the_editor_is_asked_for_by_the_missing_steps_sheet() -> TestResult {
    let dir = tempfile::tempdir()?;
    let (window, controller) = open_app(dir.path(), &[], 1280.0, 1600.0)?;

    // A new stage goes after the chosen one (Qualify), then moves to the front.
    tap(&window, "Edit process")?;
    tap(&window, "Add stage")?;
    tap(&window, "Move stage earlier")?;
    type_into(&window, "Stage name", "Discovery")?;
    type_into(&window, "Guidance", "Find the pain before the price.")?;
    let preview = all(&window, "Stage Discovery", AccessibleRole::Tab);
    assert_eq!(preview.len(), 1, "the preview follows the typing");

    tap(&window, "Add step")?;
    type_into(&window, "Step 1 label", "Pain point")?;
    tap(&window, "Step 1 type")?;
    press(&find(&window, "Choice", AccessibleRole::RadioButton)?);
    press(&find(&window, "Step 1 required", AccessibleRole::Checkbox)?);

    // A choice without options is refused next to the step, and nothing is stored.
    tap(&window, "Save process")?;
    let problem = shown_value(&window, "Step 1 problem")?;
    assert!(problem.contains("choice with no options"), "{problem}");
    assert_eq!(controller.process_summaries()?.len(), 1);

    // The draft lives outside the layout: a phone-wide window shows it as it was (tall, as
    // only what is in view can be found).
    window
        .window()
        .set_size(slint::LogicalSize::new(390.0, 2400.0));
    ui_support::settle();
    assert_eq!(
        all(&window, "Stage Discovery", AccessibleRole::Tab).len(),
        1
    );
    type_into(&window, "Step 1 options", "Cost, Speed")?;
    type_into(&window, "Target days", "0")?;
    tap(&window, "Save process")?;
    let target = find(&window, "Target days", AccessibleRole::TextInput)?;
    let problem = target.accessible_description().unwrap_or_default();
    assert!(problem.contains("from 1 to 3650"), "{problem}");
    assert_eq!(controller.process_summaries()?.len(), 1);
    type_into(&window, "Target days", "10")?;
    window
        .window()
        .set_size(slint::LogicalSize::new(1280.0, 1600.0));
    ui_support::settle();
    tap(&window, "Save process")?;
    assert_eq!(controller.process_summaries()?.len(), 2);
    assert!(toast(&window).is_some_and(|t| t.contains("version 2")));
    let stage = &controller.process().stages[0];
    assert_eq!(
        (stage.key.as_str(), stage.target_days),
        ("discovery", Some(10))
    );

    // A new lead starts in Discovery, with its guidance and days against the target.
    let lead = open_new_lead(&window, &controller, "Okafor", "Tailspin")?;
    assert_eq!(stage_of(&controller, lead)?, "discovery");
    assert_eq!(
        shown_value(&window, "Stage guidance")?,
        "Find the pain before the price."
    );
    assert_eq!(shown_value(&window, "Days against target")?, "0 of 10 days");

    // Next stage opens the sheet with only the missing step; filling it moves the lead on.
    tap(&window, "Next stage")?;
    assert_eq!(
        all(
            &window,
            "Fill in to move on dialog",
            AccessibleRole::Groupbox
        )
        .len(),
        1
    );
    press(&find(&window, "Speed", AccessibleRole::RadioButton)?);
    tap(&window, "Fill and move on")?;
    let record = controller.page(lead)?.record;
    assert_eq!(record.stage, "qualify");
    assert_eq!(
        record.steps.get("pain_point"),
        Some(&StepValue::Choice("Speed".into()))
    );
    assert!(all(
        &window,
        "Fill in to move on dialog",
        AccessibleRole::Groupbox
    )
    .is_empty());
    Ok(())
}

#[test]
fn saving_under_another_stored_process_name_is_refused() -> TestResult {
    let dir = tempfile::tempdir()?;
    let (window, controller) = open_app(dir.path(), &[], 1280.0, 800.0)?;
    let sample = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/assets/processes/small-deal.toml"
    );
    let mut importer = stride::controller::Controller::open(controller.database_path())?;
    importer.import_process(std::path::Path::new(sample))?;

    tap(&window, "Edit process")?;
    type_into(&window, "Process name", "Small deal")?;
    tap(&window, "Save process")?;

    let message = toast(&window).ok_or("saving onto another process said nothing")?;
    assert!(message.contains("already stored"), "{message}");
    let small = controller.stored_process("Small deal")?;
    assert_eq!(small.version, 1);
    Ok(())
}
