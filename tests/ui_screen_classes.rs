//! Screen classes: turning a phone or resizing a window keeps what was typed and chosen,
//! pictures come out at the asked scale, and kiosk mode's on-screen keyboard types into the
//! field with the focus.

// Each test file uses part of the shared helpers.
#[allow(dead_code)]
mod ui_support;

use std::rc::Rc;

use i_slint_backend_testing::AccessibleRole;
use slint::ComponentHandle;
use stride::controller::Controller;
use stride::ui::look::{self, ThemeMode};
use stride::ui::screenshot::{self, Shot, ShotSpec};
use stride::ui::{AppWindow, Look};
use ui_support::keys::tab_to;
use ui_support::records::{open_record, seed, OPPORTUNITY};
use ui_support::{all, find, open_app, settle, tap, type_into, TestResult};

/// The sizes a phone turns through and a window is dragged to, in order.
const TURNS: [(f32, f32); 3] = [(390.0, 844.0), (844.0, 390.0), (1280.0, 800.0)];

fn resize(window: &AppWindow, (width, height): (f32, f32)) {
    window
        .window()
        .set_size(slint::LogicalSize::new(width, height));
    settle();
}

/// The text the field labelled `label` holds.
fn field_text(window: &AppWindow, label: &str) -> Result<String, String> {
    let field = find(window, label, AccessibleRole::TextInput)?;
    Ok(field.accessible_value().unwrap_or_default().to_string())
}

#[test]
fn the_lead_form_keeps_its_typing_through_turns_and_resizes() -> TestResult {
    let dir = tempfile::tempdir()?;
    let (window, _controller) = open_app(dir.path(), &[], 390.0, 844.0)?;
    tap(&window, "New lead")?;
    type_into(&window, "Topic", "Kiosk rollout")?;
    type_into(&window, "Last name", "Okafor")?;

    for size in TURNS.into_iter().skip(1) {
        resize(&window, size);
        tab_to(&window, "Topic", AccessibleRole::TextInput)?;
        assert_eq!(
            field_text(&window, "Topic")?,
            "Kiosk rollout",
            "at {size:?}"
        );
        tab_to(&window, "Last name", AccessibleRole::TextInput)?;
        assert_eq!(field_text(&window, "Last name")?, "Okafor", "at {size:?}");
    }
    Ok(())
}

#[test]
fn a_sheet_keeps_its_text_and_the_list_its_selection_through_turns() -> TestResult {
    let dir = tempfile::tempdir()?;
    let (window, controller) = open_app(dir.path(), &[], 390.0, 844.0)?;
    seed(&controller)?;
    open_record(&window, "Opportunities", OPPORTUNITY, "Open")?;
    tap(&window, "Next stage")?;
    tap(&window, "Previous stage")?;
    type_into(&window, "Reason", "Budget moved to next year")?;

    for size in TURNS.into_iter().skip(1) {
        resize(&window, size);
        assert_eq!(
            field_text(&window, "Reason")?,
            "Budget moved to next year",
            "at {size:?}"
        );
        let confirm = find(&window, "Confirm reason", AccessibleRole::Button)?;
        assert_eq!(confirm.accessible_enabled(), Some(true), "at {size:?}");
    }

    // Beside the list now, the opened record's row is still the selected one.
    tap(&window, "Cancel reason")?;
    let row = all(&window, OPPORTUNITY, AccessibleRole::ListItem)
        .into_iter()
        .find(|row| row.accessible_item_selected() == Some(true));
    assert!(
        row.is_some(),
        "no {OPPORTUNITY:?} row is selected at 1280x800"
    );
    Ok(())
}

#[test]
fn a_picture_at_scale_one_and_a_half_has_one_and_a_half_times_the_pixels() -> TestResult {
    let dir = tempfile::tempdir()?;
    let controller = Rc::new(Controller::open(&dir.path().join("scale.db"))?);
    let spec = ShotSpec {
        shot: Shot::Record,
        record: None,
        width: 844,
        height: 390,
        scale: 1.5,
        look: Look {
            theme: ThemeMode::Light,
            kiosk: false,
            language: stride::i18n::Language::English,
        },
    };
    let lead = stride::controller::LeadForm {
        last_name: "Okafor".into(),
        company: "Tailspin Toys".into(),
        ..Default::default()
    };
    controller.create_lead(&lead)?;

    let frame = screenshot::render(controller, &spec)?;

    assert_eq!((frame.width, frame.height), (1266, 585));
    Ok(())
}

/// Taps the on-screen key labelled `label`.
fn key(window: &AppWindow, label: &str) -> Result<(), String> {
    tap(window, label)
}

#[test]
fn the_kiosk_keyboard_shows_for_a_field_and_types_into_it() -> TestResult {
    let dir = tempfile::tempdir()?;
    let (window, _controller) = open_app(dir.path(), &[], 1280.0, 800.0)?;
    look::apply(
        &window,
        Look {
            theme: ThemeMode::Light,
            kiosk: true,
            language: stride::i18n::Language::English,
        },
    );
    tap(&window, "New lead")?;
    let keyboard = || all(&window, "On-screen keyboard", AccessibleRole::Groupbox);
    assert!(
        keyboard().is_empty(),
        "the keyboard shows before a field has the focus"
    );

    tab_to(&window, "Topic", AccessibleRole::TextInput)?;
    assert_eq!(keyboard().len(), 1, "no keyboard while Topic has the focus");
    for label in [
        "Shift",
        "K",
        "i",
        "o",
        "s",
        "k",
        "Space",
        "2",
        "Backspace",
        "4",
    ] {
        key(&window, label)?;
    }
    assert_eq!(field_text(&window, "Topic")?, "Kiosk 4");

    // Every key is a touch target, and the field stays above the keyboard.
    for label in ["q", "Space", "Shift", "Backspace", "Done typing", "0"] {
        let size = find(&window, label, AccessibleRole::Button)?.size();
        assert!(
            size.width >= 48.0 && size.height >= 48.0,
            "{label} is {size:?}"
        );
    }
    let board_top = keyboard()[0].absolute_position().y;
    let topic = find(&window, "Topic", AccessibleRole::TextInput)?;
    assert!(topic.absolute_position().y + topic.size().height <= board_top);

    key(&window, "Done typing")?;
    assert!(keyboard().is_empty(), "the keyboard stays after Done");
    Ok(())
}
