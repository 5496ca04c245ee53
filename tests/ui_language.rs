//! The window in German: the language chosen after the window is built reaches its buttons,
//! and the lists and messages the Rust side builds from then on; English comes back when
//! chosen again.

#[allow(dead_code)]
mod ui_support;

use i_slint_backend_testing::{AccessibleRole, ElementHandle};
use stride::i18n::{self, Language};
use ui_support::{find, open_app, open_new_lead, settle, shown_value, TestResult};

#[test]
fn the_window_speaks_german_when_chosen() -> TestResult {
    let dir = tempfile::tempdir()?;
    let (window, controller) = open_app(dir.path(), &[], 390.0, 844.0)?;
    i18n::select(Language::German);
    settle();

    find(&window, "Neuer Lead", AccessibleRole::Button)?;
    find(&window, "Datensätze suchen", AccessibleRole::TextInput)?;
    let english = ElementHandle::find_by_accessible_label(&window, "New lead").count();
    assert_eq!(english, 0, "an English button is left in the German window");

    // The record page's status is built on the Rust side.
    open_new_lead(&window, &controller, "Wu", "Contoso GmbH")?;
    settle();
    assert_eq!(
        shown_value(&window, "Status des Datensatzes")?,
        "Offen · Neu"
    );
    find(&window, "Disqualifizieren", AccessibleRole::Button)?;
    find(&window, "Lead bearbeiten", AccessibleRole::Button)?;

    i18n::select(Language::English);
    settle();
    find(&window, "Disqualify", AccessibleRole::Button)?;
    Ok(())
}
