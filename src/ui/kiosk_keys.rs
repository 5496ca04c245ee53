//! The kiosk keyboard's keys: each tap reaches the field with the focus as a key press and
//! release dispatched to the window, just as a hardware key would.

use std::rc::Rc;

use slint::platform::WindowEvent;
use slint::ComponentHandle;

use super::generated::{AppWindow, KioskKeys};
use super::shell::Ui;

/// Binds the kiosk keyboard's adapter: every key typed goes to the focused field.
pub(super) fn bind(window: &AppWindow, ui: &Rc<Ui>) {
    let ui = Rc::clone(ui);
    window.global::<KioskKeys>().on_typed(move |text| {
        if let Some(window) = ui.window() {
            type_key(&window, text);
        }
    });
}

/// Presses and releases the key that types `text`.
fn type_key(window: &AppWindow, text: slint::SharedString) {
    tracing::debug!(key = %text, "on-screen key");
    let window = window.window();
    window.dispatch_event(WindowEvent::KeyPressed { text: text.clone() });
    window.dispatch_event(WindowEvent::KeyReleased { text });
}
