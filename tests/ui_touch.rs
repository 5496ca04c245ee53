//! Touch: the list flicks on with momentum after the finger lifts and a tap on a row opens
//! it without scrolling; a swipe on the process bar moves the selected stage while a tap on
//! a chevron still picks it; the bar fits a 360 px phone with the current stage whole; and a
//! text field that takes the focus scrolls into view.

// Each test file uses part of the shared helpers.
#[allow(dead_code)]
mod ui_support;

use std::time::Duration;

use i_slint_backend_testing::{AccessibleRole, ElementHandle, ElementQuery};
use i_slint_core::input::TouchPhase;
use i_slint_core::lengths::LogicalPoint;
use i_slint_core::platform::InternalEvent;
use slint::platform::WindowEvent;
use slint::ComponentHandle;
use stride::controller::LeadForm;
use stride::ui::AppWindow;
use ui_support::keys::tab_to;
use ui_support::records::{open_record, seed, OPPORTUNITY};
use ui_support::{all, find, open_app, settle, tap, TestResult};

/// One finger on the screen, as a touchscreen reports it.
fn finger(window: &AppWindow, (x, y): (f32, f32), phase: TouchPhase) {
    let position = LogicalPoint::new(x, y);
    let event = InternalEvent::Touch {
        id: 0,
        position,
        phase,
    };
    window.window().dispatch_event(WindowEvent::internal(event));
}

/// Puts a finger down at `from`, moves it to `to` in `steps` moves 16 ms apart, and lifts it.
fn drag(window: &AppWindow, from: (f32, f32), to: (f32, f32), steps: u32) {
    let at = |t: f32| (from.0 + (to.0 - from.0) * t, from.1 + (to.1 - from.1) * t);
    finger(window, at(0.0), TouchPhase::Started);
    for step in 1..=steps {
        i_slint_backend_testing::mock_elapsed_time(Duration::from_millis(16));
        finger(window, at(step as f32 / steps as f32), TouchPhase::Moved);
    }
    finger(window, at(1.0), TouchPhase::Ended);
    settle();
}

/// A finger's tap in the middle of `element`.
fn tap_on(window: &AppWindow, element: &ElementHandle) {
    let at = centre(element);
    finger(window, at, TouchPhase::Started);
    i_slint_backend_testing::mock_elapsed_time(Duration::from_millis(60));
    finger(window, at, TouchPhase::Ended);
    settle();
}

/// How far the list has scrolled, in px, from the rows on screen and the list's order.
fn scrolled(window: &AppWindow, titles: &[String]) -> Result<f32, String> {
    let list = find(window, "Records", AccessibleRole::List)?;
    let mut rows = ElementQuery::from_root(window)
        .match_accessible_role(AccessibleRole::ListItem)
        .find_all();
    rows.sort_by(|a, b| a.absolute_position().y.total_cmp(&b.absolute_position().y));
    let [first, second, ..] = rows.as_slice() else {
        return Err("fewer than two rows on screen".into());
    };
    let pitch = second.absolute_position().y - first.absolute_position().y;
    let label = first.accessible_label().unwrap_or_default();
    let index = titles
        .iter()
        .position(|title| title.as_str() == label.as_str())
        .ok_or_else(|| format!("{label:?} is not in the list"))?;
    Ok(index as f32 * pitch + list.absolute_position().y - first.absolute_position().y)
}

fn many_leads(controller: &stride::controller::Controller) -> TestResult {
    for n in 0..40 {
        let form = LeadForm {
            last_name: format!("Lead {n:02}"),
            company: "Northwind".into(),
            ..LeadForm::default()
        };
        controller.create_lead(&form)?;
    }
    Ok(())
}

#[test]
fn the_list_flicks_on_after_the_finger_lifts_and_a_tap_never_scrolls() -> TestResult {
    let dir = tempfile::tempdir()?;
    let (window, controller) = open_app(dir.path(), &[], 1280.0, 800.0)?;
    many_leads(&controller)?;
    ui_support::press(&find(&window, "Leads", AccessibleRole::Tab)?);
    let titles: Vec<String> = controller
        .list(stride::store::ListFilter::OpenLeads)?
        .into_iter()
        .map(|row| row.title)
        .collect();
    let offset = || scrolled(&window, &titles);
    assert_eq!(offset()?, 0.0);

    // A tap opens the row and moves nothing.
    let row = find(&window, &titles[2], AccessibleRole::ListItem)?;
    tap_on(&window, &row);
    assert_eq!(ui_support::shown_value(&window, "Record title")?, titles[2]);
    assert_eq!(offset()?, 0.0, "a tap scrolled the list");

    // A quick flick up: the list goes on moving after the finger lifts, then comes to rest.
    let x = row.absolute_position().x + 100.0;
    drag(&window, (x, 700.0), (x, 500.0), 6);
    let lifted = offset()?;
    assert!(lifted >= 150.0, "the drag scrolled only {lifted} px");
    i_slint_backend_testing::mock_elapsed_time(Duration::from_millis(400));
    let coasting = offset()?;
    assert!(
        coasting > lifted + 50.0,
        "no momentum: {lifted} px when lifted, {coasting} px 400 ms later"
    );
    i_slint_backend_testing::mock_elapsed_time(Duration::from_millis(3000));
    let rested = offset()?;
    i_slint_backend_testing::mock_elapsed_time(Duration::from_millis(500));
    assert_eq!(offset()?, rested, "the list comes to rest");
    Ok(())
}

/// Whether the chevron of `stage` is the selected one.
fn selected(window: &AppWindow, stage: &str) -> Result<bool, String> {
    let chevron = find(window, &format!("Stage {stage}"), AccessibleRole::Tab)?;
    Ok(chevron.accessible_item_selected() == Some(true))
}

fn centre(element: &ElementHandle) -> (f32, f32) {
    let at = element.absolute_position();
    let size = element.size();
    (at.x + size.width / 2.0, at.y + size.height / 2.0)
}

fn swipe_and_tap_on_the_bar(width: f32, height: f32) -> TestResult {
    let dir = tempfile::tempdir()?;
    let (window, controller) = open_app(dir.path(), &[], width, height)?;
    seed(&controller)?;
    open_record(&window, "Opportunities", OPPORTUNITY, "Open")?;
    assert!(selected(&window, "Develop")?);

    // Every chevron is on screen and the current one has room for its name.
    for stage in ["Qualify", "Develop", "Propose", "Close"] {
        let chevron = find(&window, &format!("Stage {stage}"), AccessibleRole::Tab)?;
        let (x, w) = (chevron.absolute_position().x, chevron.size().width);
        assert!(
            x >= 0.0 && x + w <= width,
            "{stage} spans {x}..{} of {width}",
            x + w
        );
    }
    let current = find(&window, "Stage Develop", AccessibleRole::Tab)?;
    assert!(
        current.size().width >= 96.0,
        "current stage is {} px",
        current.size().width
    );

    let bar = find(&window, "Process bar", AccessibleRole::TabList)?;
    let (x, y) = centre(&bar);
    let y = y - 10.0;
    drag(&window, (x + 60.0, y), (x - 60.0, y), 8);
    assert!(
        selected(&window, "Propose")?,
        "a swipe left selects the next stage"
    );
    drag(&window, (x - 60.0, y), (x + 60.0, y), 8);
    drag(&window, (x - 60.0, y), (x + 60.0, y), 8);
    assert!(
        selected(&window, "Qualify")?,
        "swipes right go back two stages"
    );
    assert_eq!(
        ui_support::stage_of(&controller, seed_opportunity(&controller)?)?,
        "develop"
    );

    let close = find(&window, "Stage Close", AccessibleRole::Tab)?;
    tap_on(&window, &close);
    assert!(selected(&window, "Close")?, "a tap on a chevron selects it");
    Ok(())
}

/// The open opportunity the seed wrote.
fn seed_opportunity(
    controller: &stride::controller::Controller,
) -> Result<stride::process::RecordId, String> {
    let rows = controller
        .list(stride::store::ListFilter::OpenOpportunities)
        .map_err(|e| e.to_string())?;
    rows.first()
        .map(|row| row.id)
        .ok_or_else(|| "no open opportunity".to_string())
}

#[test]
fn the_process_bar_swipes_and_fits_a_small_phone() -> TestResult {
    swipe_and_tap_on_the_bar(360.0, 740.0)
}

#[test]
fn the_process_bar_swipes_on_a_desktop() -> TestResult {
    swipe_and_tap_on_the_bar(1280.0, 800.0)
}

#[test]
fn a_focused_field_scrolls_into_view_on_a_phone() -> TestResult {
    let dir = tempfile::tempdir()?;
    let (window, _controller) = open_app(dir.path(), &[], 390.0, 844.0)?;
    tap(&window, "New lead")?;
    let notes = || all(&window, "Notes", AccessibleRole::TextInput);
    assert!(notes().is_empty(), "Notes starts below the fold");
    tab_to(&window, "Notes", AccessibleRole::TextInput)?;
    let notes = find(&window, "Notes", AccessibleRole::TextInput)?;
    let bottom = |field: &ElementHandle| field.absolute_position().y + field.size().height;
    assert!(
        bottom(&notes) <= 844.0,
        "Notes ends at {} px",
        bottom(&notes)
    );
    assert!(notes.absolute_position().y >= 0.0);

    tab_to(&window, "Topic", AccessibleRole::TextInput)?;
    let topic = find(&window, "Topic", AccessibleRole::TextInput)?;
    assert!(
        topic.absolute_position().y >= 0.0,
        "Topic is above the view"
    );
    Ok(())
}

/// A process of one lead stage and seven opportunity stages, in the process file format.
fn long_process() -> String {
    let mut text = String::from("name = \"Long sale\"\n");
    let stages = [
        "Qualify",
        "Discover",
        "Demo",
        "Trial",
        "Propose",
        "Negotiate",
        "Contract",
        "Close",
    ];
    for (i, name) in stages.iter().enumerate() {
        let kind = if i == 0 { "lead" } else { "opportunity" };
        text.push_str(&format!(
            "[[stages]]\nkey = \"{key}\"\nname = \"{name}\"\nrecord_kind = \"{kind}\"\n\
             probability = {p}\ntarget_days = 5\n\
             [[stages.steps]]\nkey = \"{key}_done\"\nlabel = \"{name} done\"\n\
             kind = {{ type = \"check\" }}\n",
            key = name.to_lowercase(),
            p = 10 + i * 10,
        ));
    }
    text
}

#[test]
fn a_long_process_keeps_the_current_and_selected_stage_on_a_small_phone() -> TestResult {
    let dir = tempfile::tempdir()?;
    let file = dir.path().join("long.toml");
    std::fs::write(&file, long_process())?;
    {
        let mut controller = stride::controller::Controller::open(&dir.path().join("ui.db"))?;
        controller.import_process(&file)?;
        let form = LeadForm {
            topic: "Long deal".into(),
            last_name: "Ng".into(),
            ..LeadForm::default()
        };
        let lead = controller.create_lead(&form)?;
        controller.switch_process(lead, "Long sale")?;
    }
    let (window, _controller) = open_app(dir.path(), &[], 360.0, 740.0)?;
    ui_support::press(&find(&window, "Long deal", AccessibleRole::ListItem)?);

    let on_screen = |stage: &str| -> Result<f32, String> {
        let chevron = find(&window, &format!("Stage {stage}"), AccessibleRole::Tab)?;
        let (x, w) = (chevron.absolute_position().x, chevron.size().width);
        assert!(
            x >= 0.0 && x + w <= 360.0,
            "{stage} spans {x}..{} of 360",
            x + w
        );
        Ok(w)
    };
    assert!(
        on_screen("Qualify")? >= 96.0,
        "the current stage keeps its name"
    );
    let bar = find(&window, "Process bar", AccessibleRole::TabList)?;
    let (x, y) = centre(&bar);
    let y = y - 10.0;
    for stage in [
        "Discover",
        "Demo",
        "Trial",
        "Propose",
        "Negotiate",
        "Contract",
    ] {
        drag(&window, (x + 60.0, y), (x - 60.0, y), 8);
        assert!(selected(&window, stage)?, "a swipe left selects {stage}");
        assert!(on_screen(stage)? >= 96.0, "{stage} keeps its name");
        // The current stage stays in view while the selected one is near enough.
        if stage == "Discover" || stage == "Demo" {
            on_screen("Qualify")?;
        }
    }
    let tabs = ElementQuery::from_root(&window)
        .match_accessible_role(AccessibleRole::Tab)
        .find_all();
    for tab in tabs {
        let size = tab.size();
        assert!(
            size.width >= 48.0,
            "{:?} is {} px",
            tab.accessible_label(),
            size.width
        );
    }
    Ok(())
}
