//! What the UI tests share: a window on a fresh database, and finding, tapping and typing
//! into elements by accessible label and role, as an assistive tool would.

// Not every test file uses the audit or the keyboard.
#[allow(dead_code)]
pub mod audit;
#[allow(dead_code)]
pub mod keys;
#[allow(dead_code)]
pub mod records;

use std::path::Path;
use std::rc::Rc;
use std::time::Duration;

use i_slint_backend_testing::{AccessibleRole, ElementHandle};
use slint::ComponentHandle;
use stride::controller::{Controller, LeadForm, ListRow};
use stride::process::{CloseInfo, Money, RecordId};
use stride::store::ListFilter;
use stride::ui::AppWindow;

/// What every UI test returns; `?` turns a missing element into a failure with its reason.
pub type TestResult = Result<(), Box<dyn std::error::Error>>;

/// The real Salesforce exports the tests import.
pub const SALESFORCE: &str = concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/../shared/data/salesforce-data-cloud-workshop"
);

/// A window on a fresh database in `dir`, with the given steps required, at `width` x `height`.
pub fn open_app(
    dir: &Path,
    required: &[&str],
    width: f32,
    height: f32,
) -> Result<(AppWindow, Rc<Controller>), Box<dyn std::error::Error>> {
    i_slint_backend_testing::init_no_event_loop();
    let mut controller = Controller::open(&dir.join("ui.db"))?;
    for step in required {
        controller.set_step_required(step, true)?;
    }
    let controller = Rc::new(controller);
    let window = stride::ui::build(Rc::clone(&controller))?;
    // The tests find elements by their English labels, whatever this machine's locale.
    stride::i18n::select(stride::i18n::Language::English);
    window
        .window()
        .set_size(slint::LogicalSize::new(width, height));
    window.show()?;
    settle();
    Ok((window, controller))
}

/// The count a list tab shows, as an assistive tool reads it.
pub fn tab_count(window: &AppWindow, tab: &str) -> Result<Option<String>, String> {
    let tab = find(window, tab, AccessibleRole::Tab)?;
    Ok(tab.accessible_value().map(|v| v.to_string()))
}

/// Creates a lead through the controller, then opens it from the Leads tab as a person would.
pub fn open_new_lead(
    window: &AppWindow,
    controller: &Controller,
    last_name: &str,
    company: &str,
) -> Result<RecordId, Box<dyn std::error::Error>> {
    let form = LeadForm {
        last_name: last_name.into(),
        company: company.into(),
        ..LeadForm::default()
    };
    let lead = controller.create_lead(&form)?;
    press(&find(window, "Leads", AccessibleRole::Tab)?);
    press(&find(window, last_name, AccessibleRole::ListItem)?);
    Ok(lead)
}

/// Every element with this label and role.
pub fn all(window: &AppWindow, label: &str, role: AccessibleRole) -> Vec<ElementHandle> {
    ElementHandle::find_by_accessible_label(window, label)
        .filter(|element| element.accessible_role() == Some(role))
        .collect()
}

/// The one element with this label and role.
pub fn find(
    window: &AppWindow,
    label: &str,
    role: AccessibleRole,
) -> Result<ElementHandle, String> {
    let mut found = all(window, label, role);
    match found.len() {
        1 => Ok(found.remove(0)),
        n => Err(format!(
            "expected one {role:?} labelled {label:?}, found {n}"
        )),
    }
}

/// Lets the window catch up after an action: change handlers run, `if` branches appear.
pub fn settle() {
    i_slint_backend_testing::mock_elapsed_time(Duration::from_millis(20));
}

/// Activates an element the way a tap, Enter or an assistive tool would.
pub fn press(element: &ElementHandle) {
    element.invoke_accessible_default_action();
    settle();
}

/// Taps the button labelled `label`.
pub fn tap(window: &AppWindow, label: &str) -> Result<(), String> {
    press(&find(window, label, AccessibleRole::Button)?);
    Ok(())
}

/// Types `text` into the field labelled `label`, as an assistive tool sets a value, then
/// pauses as a person does after typing, so work the app leaves for a pause is done.
pub fn type_into(window: &AppWindow, label: &str, text: &str) -> Result<(), String> {
    find(window, label, AccessibleRole::TextInput)?.set_accessible_value(text);
    settle();
    i_slint_backend_testing::mock_elapsed_time(Duration::from_millis(250));
    Ok(())
}

/// Picks `option` in the choice field labelled `label`, through the picker sheet.
pub fn choose(window: &AppWindow, label: &str, option: &str) -> Result<(), String> {
    press(&find(window, label, AccessibleRole::Combobox)?);
    press(&find(window, option, AccessibleRole::RadioButton)?);
    Ok(())
}

/// The message toast's text, if one shows.
pub fn toast(window: &AppWindow) -> Option<String> {
    let messages = ElementHandle::find_by_element_id(window, "AppWindow::toast");
    messages
        .filter_map(|toast| toast.accessible_label())
        .map(|label| label.to_string())
        .next()
}

/// The value a text element labelled `label` shows.
pub fn shown_value(window: &AppWindow, label: &str) -> Result<String, String> {
    let element = find(window, label, AccessibleRole::Text)?;
    Ok(element.accessible_value().unwrap_or_default().to_string())
}

/// The one record a list view holds.
pub fn only_row(controller: &Controller, filter: ListFilter) -> Result<ListRow, String> {
    let rows = controller.list(filter).map_err(|e| e.to_string())?;
    match rows.as_slice() {
        [row] => Ok(row.clone()),
        _ => Err(format!(
            "expected one record in {filter:?}, found {}",
            rows.len()
        )),
    }
}

/// The revenue of a won close.
pub fn won_revenue(close: &CloseInfo) -> Option<Money> {
    match close {
        CloseInfo::Won { revenue, .. } => Some(*revenue),
        _ => None,
    }
}

/// The saved stage of a record.
pub fn stage_of(controller: &Controller, id: RecordId) -> Result<String, String> {
    Ok(controller.page(id).map_err(|e| e.to_string())?.record.stage)
}

/// Lets the window's timers run until `done` holds, for work on another thread such as an
/// import; gives up after five seconds.
pub fn wait_for(done: impl Fn() -> bool) -> Result<(), String> {
    for _ in 0..500 {
        if done() {
            return Ok(());
        }
        std::thread::sleep(Duration::from_millis(10));
        settle();
    }
    Err("the background work did not finish in 5 seconds".to_string())
}

/// The values of the text elements labelled `label`, such as the import preview's lines.
pub fn texts_labelled(window: &AppWindow, label: &str) -> Vec<String> {
    all(window, label, AccessibleRole::Text)
        .iter()
        .map(|line| line.accessible_value().unwrap_or_default().to_string())
        .collect()
}
