//! The window and data safety, driven headless by accessible label: a change written by
//! another Stride shows without a tap and keeps what is typed in the lead form, and a damaged
//! database opens the recovery window, which restores the newest backup or quits.

// Each test file uses only some of the shared helpers.
#[allow(dead_code)]
mod ui_support;

use std::path::Path;
use std::time::Duration;

use i_slint_backend_testing::{AccessibleRole, ElementHandle, ElementQuery};
use slint::ComponentHandle;
use stride::controller::{Controller, LeadForm};
use stride::store::StoreError;
use stride::ui::RecoveryWindow;
use ui_support::{all, find, open_app, press, tap, type_into, TestResult};

fn lead(name: &str) -> LeadForm {
    LeadForm {
        last_name: name.into(),
        company: "Fabrikam".into(),
        ..LeadForm::default()
    }
}

#[test]
fn a_lead_added_elsewhere_shows_within_a_second_and_typing_is_kept() -> TestResult {
    let dir = tempfile::tempdir()?;
    let (window, _controller) = open_app(dir.path(), &[], 1280.0, 800.0)?;
    tap(&window, "New lead")?;
    type_into(&window, "Topic", "Half typed")?;
    let other = Controller::open(&dir.path().join("ui.db"))?;

    other.create_lead(&lead("Elsewhere"))?;
    let before = all(&window, "Elsewhere", AccessibleRole::ListItem).len();
    i_slint_backend_testing::mock_elapsed_time(Duration::from_millis(1100));

    assert_eq!(before, 0);
    assert_eq!(all(&window, "Elsewhere", AccessibleRole::ListItem).len(), 1);
    let topic = find(&window, "Topic", AccessibleRole::TextInput)?;
    assert_eq!(topic.accessible_value().as_deref(), Some("Half typed"));
    Ok(())
}

/// A database at `path` holding one lead, backed up, then damaged; returns the damaged bytes.
fn damaged_with_backup(path: &Path, backup: bool) -> Result<Vec<u8>, Box<dyn std::error::Error>> {
    let controller = Controller::open(path)?;
    controller.create_lead(&lead("Saved"))?;
    if backup {
        controller.backup(None)?;
    }
    drop(controller);
    let mut bytes = std::fs::read(path)?;
    bytes[..100].fill(0x5a);
    std::fs::write(path, &bytes)?;
    Ok(bytes)
}

fn open_error(path: &Path) -> Result<StoreError, Box<dyn std::error::Error>> {
    match Controller::open(path) {
        Ok(_) => Err("a damaged database opened".into()),
        Err(stride::controller::AppError::Store(error)) => Ok(error),
        Err(other) => Err(other.into()),
    }
}

fn button(window: &RecoveryWindow, label: &str) -> Result<ElementHandle, String> {
    ElementHandle::find_by_accessible_label(window, label)
        .find(|e| e.accessible_role() == Some(AccessibleRole::Button))
        .ok_or_else(|| format!("no button labelled {label:?}"))
}

#[test]
fn the_recovery_window_restores_the_newest_backup_and_keeps_the_damaged_file() -> TestResult {
    i_slint_backend_testing::init_no_event_loop();
    let dir = tempfile::tempdir()?;
    let path = dir.path().join("stride.db");
    let damaged = damaged_with_backup(&path, true)?;
    let error = open_error(&path)?;
    let date = stride::controller::newest_sound_backup(&path)?
        .taken
        .format("%Y-%m-%d %H:%M")
        .to_string();

    let (window, restored) = stride::ui::build_recovery(&path, &error)?;
    window.show()?;
    press(&button(&window, &format!("Restore backup of {date}"))?);

    assert!(restored.get());
    let controller = Controller::open(&path)?;
    assert_eq!(controller.list(stride::store::ListFilter::All)?.len(), 1);
    let kept = std::fs::read_dir(dir.path())?
        .filter_map(Result::ok)
        .any(|entry| std::fs::read(entry.path()).is_ok_and(|bytes| bytes == damaged));
    assert!(kept, "the damaged file was not kept");
    Ok(())
}

#[test]
fn with_no_backup_the_recovery_window_only_quits_and_changes_nothing() -> TestResult {
    i_slint_backend_testing::init_no_event_loop();
    let dir = tempfile::tempdir()?;
    let path = dir.path().join("stride.db");
    let damaged = damaged_with_backup(&path, false)?;
    let error = open_error(&path)?;

    let (window, restored) = stride::ui::build_recovery(&path, &error)?;
    window.show()?;
    let restore_buttons = ElementQuery::from_root(&window)
        .match_accessible_role(AccessibleRole::Button)
        .find_all()
        .into_iter()
        .filter(|e| {
            e.accessible_label()
                .is_some_and(|l| l.starts_with("Restore"))
        })
        .count();
    press(&button(&window, "Quit")?);

    assert_eq!(restore_buttons, 0);
    assert!(!restored.get());
    assert_eq!(std::fs::read(&path)?, damaged);
    Ok(())
}
