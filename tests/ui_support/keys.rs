//! Keyboard input for the UI tests, as a keyboard sends it: key presses with their
//! releases, modifiers held around a key, and Tab until a control has the focus.

use i_slint_backend_testing::AccessibleRole;
use i_slint_core::window::WindowInner;
use slint::platform::{Key, WindowEvent};
use slint::{ComponentHandle, SharedString};
use stride::ui::AppWindow;

use super::{all, find, settle};

/// The most Tab presses it may take to reach a control.
const MAX_TABS: usize = 120;

/// Presses and releases one key: a character, or a [`Key`] such as `Key::Return`.
pub fn key(window: &AppWindow, text: impl Into<SharedString>) {
    let text = text.into();
    let events = [
        WindowEvent::KeyPressed { text: text.clone() },
        WindowEvent::KeyReleased { text },
    ];
    for event in events {
        window.window().dispatch_event(event);
    }
    settle();
}

/// Presses `text` while `modifier` (such as `Key::Control` or `Key::Alt`) is held.
pub fn chord(window: &AppWindow, modifier: Key, text: impl Into<SharedString>) {
    let held: SharedString = modifier.into();
    window
        .window()
        .dispatch_event(WindowEvent::KeyPressed { text: held.clone() });
    key(window, text);
    window
        .window()
        .dispatch_event(WindowEvent::KeyReleased { text: held });
    settle();
}

/// Types `text` one key at a time into whatever has the focus.
pub fn type_keys(window: &AppWindow, text: &str) {
    for character in text.chars() {
        key(window, character.to_string());
    }
}

/// Where the element with the keyboard focus is, as x, y, width and height.
pub fn focused(window: &AppWindow) -> Option<[f32; 4]> {
    let inner = WindowInner::from_pub(window.window());
    let item = inner.focus_item.borrow().upgrade()?;
    let area = item.geometry();
    let at = item.map_to_window(area.origin);
    Some([at.x, at.y, area.size.width, area.size.height])
}

/// Whether the focus is on the control labelled `label` with `role`; a control scrolled out
/// of view has no focus yet.
pub fn has_focus(window: &AppWindow, label: &str, role: AccessibleRole) -> Result<bool, String> {
    if all(window, label, role).is_empty() {
        return Ok(false);
    }
    let target = find(window, label, role)?;
    let Some([x, y, width, height]) = focused(window) else {
        return Ok(false);
    };
    let at = target.absolute_position();
    let size = target.size();
    let slack = 0.5;
    Ok(x >= at.x - slack
        && y >= at.y - slack
        && x + width <= at.x + size.width + slack
        && y + height <= at.y + size.height + slack)
}

/// Presses Tab until the control labelled `label` with `role` has the focus.
pub fn tab_to(window: &AppWindow, label: &str, role: AccessibleRole) -> Result<(), String> {
    for _ in 0..MAX_TABS {
        key(window, Key::Tab);
        if has_focus(window, label, role)? {
            return Ok(());
        }
    }
    Err(format!(
        "{MAX_TABS} presses of Tab never reached {role:?} {label:?}"
    ))
}

/// Tabs to the control labelled `label` with `role` and presses Enter on it.
pub fn enter_on(window: &AppWindow, label: &str, role: AccessibleRole) -> Result<(), String> {
    tab_to(window, label, role)?;
    key(window, Key::Return);
    Ok(())
}
