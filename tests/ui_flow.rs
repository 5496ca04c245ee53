//! Drives the Stride window headless, by accessible label, the way a person would: create a
//! lead, fill its steps, qualify it, walk the opportunity to Close and close it as won. Each
//! step is checked twice: in the controller's saved state and in the text the window shows.

use std::path::Path;
use std::rc::Rc;
use std::time::Duration;

use i_slint_backend_testing::{AccessibleRole, ElementHandle, ElementQuery};
use slint::ComponentHandle;
use stride::controller::{Controller, ListRow};
use stride::process::{CloseInfo, Money, RecordId, RecordKind, Status};
use stride::store::ListFilter;
use stride::ui::AppWindow;

type TestResult = Result<(), Box<dyn std::error::Error>>;

const SALESFORCE: &str = concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/../shared/data/salesforce-data-cloud-workshop"
);

/// A window on a fresh database in `dir`, with the given steps required, at `width` x `height`.
fn open_app(
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
    window
        .window()
        .set_size(slint::LogicalSize::new(width, height));
    window.show()?;
    settle();
    Ok((window, controller))
}

/// Every element with this label and role.
fn all(window: &AppWindow, label: &str, role: AccessibleRole) -> Vec<ElementHandle> {
    ElementHandle::find_by_accessible_label(window, label)
        .filter(|element| element.accessible_role() == Some(role))
        .collect()
}

/// The one element with this label and role.
fn find(window: &AppWindow, label: &str, role: AccessibleRole) -> Result<ElementHandle, String> {
    let mut found = all(window, label, role);
    match found.len() {
        1 => Ok(found.remove(0)),
        n => Err(format!(
            "expected one {role:?} labelled {label:?}, found {n}"
        )),
    }
}

/// Lets the window catch up after an action: change handlers run, `if` branches appear.
fn settle() {
    i_slint_backend_testing::mock_elapsed_time(Duration::from_millis(20));
}

/// Activates an element the way a tap, Enter or an assistive tool would.
fn press(element: &ElementHandle) {
    element.invoke_accessible_default_action();
    settle();
}

fn tap(window: &AppWindow, label: &str) -> Result<(), String> {
    press(&find(window, label, AccessibleRole::Button)?);
    Ok(())
}

fn type_into(window: &AppWindow, label: &str, text: &str) -> Result<(), String> {
    find(window, label, AccessibleRole::TextInput)?.set_accessible_value(text);
    settle();
    Ok(())
}

/// Picks `option` in the choice field labelled `label`, through the picker sheet.
fn choose(window: &AppWindow, label: &str, option: &str) -> Result<(), String> {
    press(&find(window, label, AccessibleRole::Combobox)?);
    press(&find(window, option, AccessibleRole::RadioButton)?);
    Ok(())
}

/// The message toast's text, if one shows.
fn toast(window: &AppWindow) -> Option<String> {
    let messages = ElementHandle::find_by_element_id(window, "AppWindow::toast");
    messages
        .filter_map(|toast| toast.accessible_label())
        .map(|label| label.to_string())
        .next()
}

fn shown_value(window: &AppWindow, label: &str) -> Result<String, String> {
    let element = find(window, label, AccessibleRole::Text)?;
    Ok(element.accessible_value().unwrap_or_default().to_string())
}

fn only_row(controller: &Controller, filter: ListFilter) -> Result<ListRow, String> {
    let rows = controller.list(filter).map_err(|e| e.to_string())?;
    match rows.as_slice() {
        [row] => Ok(row.clone()),
        _ => Err(format!(
            "expected one record in {filter:?}, found {}",
            rows.len()
        )),
    }
}

fn won_revenue(close: &CloseInfo) -> Option<Money> {
    match close {
        CloseInfo::Won { revenue, .. } => Some(*revenue),
        _ => None,
    }
}

fn stage_of(controller: &Controller, id: RecordId) -> Result<String, String> {
    Ok(controller.page(id).map_err(|e| e.to_string())?.record.stage)
}

#[test]
fn a_lead_goes_from_the_form_to_closed_as_won() -> TestResult {
    let dir = tempfile::tempdir()?;
    let (window, controller) = open_app(
        dir.path(),
        &["purchase_timeframe", "customer_need"],
        1280.0,
        800.0,
    )?;

    // A lead form with a bad e-mail shows the message next to the field and saves nothing.
    tap(&window, "New lead")?;
    type_into(&window, "Topic", "Office printers")?;
    type_into(&window, "Email", "ann at example")?;
    tap(&window, "Save lead")?;
    let email = find(&window, "Email", AccessibleRole::TextInput)?;
    assert_eq!(
        email.accessible_description().as_deref(),
        Some("Enter an e-mail address like name@example.com.")
    );
    assert_eq!(
        ElementHandle::find_by_accessible_label(&window, "Enter a last name or a company.").count(),
        1
    );
    assert_eq!(controller.counts()?.open_leads, 0);

    type_into(&window, "Email", "ann@example.com")?;
    type_into(&window, "Last name", "Lindqvist")?;
    type_into(&window, "Company", "Fabrikam")?;
    type_into(&window, "Estimated value", "12500")?;
    tap(&window, "Save lead")?;
    let lead = only_row(&controller, ListFilter::OpenLeads)?;
    assert_eq!(
        (lead.title.as_str(), lead.company.as_str()),
        ("Office printers", "Fabrikam")
    );
    assert_eq!(shown_value(&window, "Record title")?, "Office printers");
    assert_eq!(
        all(&window, "Office printers", AccessibleRole::ListItem).len(),
        1
    );

    // Qualify is refused while the required Purchase timeframe is empty.
    tap(&window, "Qualify")?;
    assert_eq!(
        toast(&window).as_deref(),
        Some("Fill in Purchase timeframe before leaving Qualify.")
    );
    assert_eq!(controller.page(lead.id)?.record.status, Status::Open);

    // Fill the steps in place: a choice, an amount and a check.
    choose(&window, "Purchase timeframe", "This quarter")?;
    type_into(&window, "Estimated budget", "15000")?;
    press(&find(
        &window,
        "Identify decision maker",
        AccessibleRole::Checkbox,
    )?);
    let steps = controller.page(lead.id)?.record.steps;
    assert_eq!(steps.len(), 3, "steps saved: {steps:?}");
    let timeframe = find(&window, "Purchase timeframe", AccessibleRole::Combobox)?;
    assert_eq!(
        timeframe.accessible_value().as_deref(),
        Some("This quarter")
    );
    let budget = find(&window, "Estimated budget", AccessibleRole::TextInput)?;
    assert_eq!(budget.accessible_value().as_deref(), Some("15,000.00"));
    let decision = find(&window, "Identify decision maker", AccessibleRole::Checkbox)?;
    assert_eq!(decision.accessible_checked(), Some(true));

    // Qualify: no duplicates in a fresh database, so the opportunity opens at once.
    tap(&window, "Qualify")?;
    assert_eq!(controller.page(lead.id)?.record.status, Status::Qualified);
    let opportunity = only_row(&controller, ListFilter::OpenOpportunities)?;
    assert_eq!(opportunity.kind, RecordKind::Opportunity);
    assert_eq!(stage_of(&controller, opportunity.id)?, "develop");
    assert_eq!(shown_value(&window, "Record title")?, "Office printers");
    assert_eq!(shown_value(&window, "Record status")?, "Open · In progress");

    // Next stage is refused while Customer need is empty, and says so.
    tap(&window, "Next stage")?;
    assert_eq!(
        toast(&window).as_deref(),
        Some("Fill in Customer need before leaving Develop.")
    );
    assert_eq!(stage_of(&controller, opportunity.id)?, "develop");

    type_into(&window, "Customer need", "Forty printers on three floors")?;
    tap(&window, "Next stage")?;
    assert_eq!(stage_of(&controller, opportunity.id)?, "propose");
    assert_eq!(toast(&window), None, "the error goes once a move works");
    tap(&window, "Next stage")?;
    assert_eq!(stage_of(&controller, opportunity.id)?, "close");
    let close = find(&window, "Stage Close", AccessibleRole::Tab)?;
    assert_eq!(
        close.accessible_description().as_deref(),
        Some("current stage")
    );
    assert!(all(&window, "Next stage", AccessibleRole::Button).is_empty());

    // Close as won with the revenue typed in the sheet.
    tap(&window, "Close as won")?;
    type_into(&window, "Actual revenue", "14,000")?;
    tap(&window, "Confirm close as won")?;
    let won = controller.page(opportunity.id)?.record;
    assert_eq!(won.status, Status::Won);
    assert_eq!(won.probability, 100);
    assert_eq!(shown_value(&window, "Record status")?, "Won");
    assert_eq!(
        toast(&window).as_deref(),
        Some("Opportunity closed as won.")
    );
    assert!(all(&window, "Close as won", AccessibleRole::Button).is_empty());
    assert_eq!(
        all(&window, "Reopen opportunity", AccessibleRole::Button).len(),
        1
    );
    assert_eq!(controller.counts()?.closed, 2);
    assert_eq!(
        won.close.as_ref().and_then(won_revenue),
        Some(Money::from_minor(1_400_000))
    );
    let header_value = ElementHandle::find_by_accessible_label(&window, "14,000.00").count();
    assert!(header_value >= 1, "the won revenue shows in the header");
    Ok(())
}

#[test]
fn a_phone_shows_one_screen_at_a_time_with_back() -> TestResult {
    let dir = tempfile::tempdir()?;
    let (window, controller) = open_app(dir.path(), &[], 390.0, 844.0)?;
    tap(&window, "Import")?;
    type_into(&window, "File path", &format!("{SALESFORCE}/Lead.csv"))?;
    tap(&window, "Import file")?;
    assert_eq!(controller.counts()?.open_leads, 36);
    let leads = find(&window, "Leads", AccessibleRole::Tab)?;
    assert_eq!(leads.accessible_value().as_deref(), Some("36"));
    assert!(all(&window, "Back", AccessibleRole::Button).is_empty());

    let first = controller.list(ListFilter::OpenLeads)?.remove(0);
    press(&find(&window, &first.title, AccessibleRole::ListItem)?);
    assert_eq!(shown_value(&window, "Record title")?, first.title);
    assert!(
        all(&window, &first.title, AccessibleRole::ListItem).is_empty(),
        "list is hidden"
    );

    tap(&window, "Back")?;
    assert!(all(&window, "Back", AccessibleRole::Button).is_empty());
    assert_eq!(
        all(&window, &first.title, AccessibleRole::ListItem).len(),
        1
    );
    Ok(())
}

#[test]
fn every_control_has_a_label_and_a_touch_sized_target() -> TestResult {
    let dir = tempfile::tempdir()?;
    let (window, controller) = open_app(dir.path(), &[], 1280.0, 800.0)?;
    controller.import(&Path::new(SALESFORCE).join("Lead.csv"))?;
    press(&find(&window, "Opportunities", AccessibleRole::Tab)?);
    press(&find(&window, "Leads", AccessibleRole::Tab)?);
    let first = controller.list(ListFilter::OpenLeads)?.remove(0);
    press(&find(&window, &first.title, AccessibleRole::ListItem)?);

    let controls = [
        AccessibleRole::Button,
        AccessibleRole::Checkbox,
        AccessibleRole::Combobox,
        AccessibleRole::TextInput,
        AccessibleRole::Tab,
        AccessibleRole::ListItem,
        AccessibleRole::RadioButton,
    ];
    let mut checked = 0;
    for role in controls {
        let elements = ElementQuery::from_root(&window)
            .match_accessible_role(role)
            .find_all();
        for element in elements {
            let label = element.accessible_label().unwrap_or_default();
            assert!(!label.is_empty(), "a {role:?} has no accessible label");
            let size = element.size();
            assert!(
                size.height >= 48.0 && size.width >= 48.0,
                "{role:?} {label:?} is {}x{} px",
                size.width,
                size.height
            );
            checked += 1;
        }
    }
    assert!(checked > 20, "only {checked} controls found");
    Ok(())
}
