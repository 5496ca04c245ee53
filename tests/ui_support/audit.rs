//! The accessibility audit: on the screen as it is now, every interactive element (button,
//! field, check box, list row, chevron…) must have a label and be at least 48 logical px
//! each way, and every touch or key handler must sit inside such an element, so nothing can
//! be tapped that an assistive tool cannot name.

use i_slint_backend_testing::{AccessibleRole, ElementHandle, ElementQuery};
use stride::ui::AppWindow;

/// The smallest target a finger hits reliably, in logical px.
pub const MIN_TARGET: f32 = 48.0;

/// The roles of elements a person operates.
const INTERACTIVE: [AccessibleRole; 10] = [
    AccessibleRole::Button,
    AccessibleRole::Checkbox,
    AccessibleRole::Combobox,
    AccessibleRole::TextInput,
    AccessibleRole::Tab,
    AccessibleRole::ListItem,
    AccessibleRole::RadioButton,
    AccessibleRole::Slider,
    AccessibleRole::Spinbox,
    AccessibleRole::Switch,
];

/// Input handlers that are not targets of their own: the dim area and card of a sheet, which
/// catch taps outside the controls, the window's and sheets' keyboard scopes, the swipe over
/// the process bar's chevrons, and the toolkit's scroll bars, a mouse's shortcut for what a
/// finger does by flicking the whole page or list. Each is named by its element id.
const NOT_TARGETS: [&str; 8] = [
    "Sheet::back-wrap",
    "ScrollBar::touch-area",
    "ProcessBar::swipe",
    "Sheet::dismiss",
    "Sheet::wrap",
    "Sheet::shield",
    "Sheet::keys",
    "KeyboardWindow::keys",
];

/// The handler types that make an element tappable or focusable.
const HANDLERS: [&str; 3] = ["TouchArea", "FocusScope", "SwipeGestureHandler"];

/// An element's place in the window, in logical px.
#[derive(Debug, Clone, Copy)]
struct Area {
    x: f32,
    y: f32,
    width: f32,
    height: f32,
}

impl Area {
    fn of(element: &ElementHandle) -> Self {
        let at = element.absolute_position();
        let size = element.size();
        Area {
            x: at.x,
            y: at.y,
            width: size.width,
            height: size.height,
        }
    }

    fn is_empty(&self) -> bool {
        self.width <= 0.0 || self.height <= 0.0
    }

    /// Whether `inner` lies within this area, give or take half a pixel of rounding.
    fn holds(&self, inner: &Area) -> bool {
        let slack = 0.5;
        inner.x >= self.x - slack
            && inner.y >= self.y - slack
            && inner.x + inner.width <= self.x + self.width + slack
            && inner.y + inner.height <= self.y + self.height + slack
    }
}

/// What is wrong on the screen now, one line per element, each starting with `screen`.
/// Empty when every control passes.
pub fn problems(window: &AppWindow, screen: &str) -> Vec<String> {
    let elements = ElementQuery::from_root(window).find_all();
    let mut found = Vec::new();
    let mut targets = Vec::new();
    for element in &elements {
        let Some(role) = element.accessible_role() else {
            continue;
        };
        if !INTERACTIVE.contains(&role) {
            continue;
        }
        let area = Area::of(element);
        if area.is_empty() {
            continue;
        }
        let label = element.accessible_label().unwrap_or_default();
        let name = describe(element);
        if label.trim().is_empty() {
            found.push(format!("{screen}: {role:?} {name} has no accessible label"));
        }
        if area.width < MIN_TARGET || area.height < MIN_TARGET {
            found.push(format!(
                "{screen}: {role:?} {label:?} ({name}) is {}x{} px",
                area.width, area.height
            ));
        }
        targets.push(area);
    }

    for element in &elements {
        let kind = element.type_name().unwrap_or_default();
        if !HANDLERS.contains(&kind.as_str()) {
            continue;
        }
        let id = element.id().unwrap_or_default();
        if NOT_TARGETS.contains(&id.as_str()) {
            continue;
        }
        let area = Area::of(element);
        if area.is_empty() || targets.iter().any(|target| target.holds(&area)) {
            continue;
        }
        found.push(format!(
            "{screen}: {kind} {} at {},{} ({}x{} px) is in no labelled control",
            describe(element),
            area.x,
            area.y,
            area.width,
            area.height
        ));
    }
    found
}

/// An element's id or type, to find it in the .slint files.
fn describe(element: &ElementHandle) -> String {
    match element.id() {
        Some(id) if !id.is_empty() => id.to_string(),
        _ => element.type_name().unwrap_or_default().to_string(),
    }
}
