//! The kiosk keyboard's layouts: a phone-narrow window gets keys at least 48 px wide that all
//! fit, with the digits behind the 123 key; a money field gets the digits pad with the
//! language's decimal mark; the keys speak German in a German window.

#[allow(dead_code)]
mod ui_support;

use i_slint_backend_testing::{AccessibleRole, ElementHandle, ElementQuery};
use slint::ComponentHandle;
use stride::i18n::Language;
use stride::ui::look::{self, ThemeMode};
use stride::ui::{AppWindow, Look};
use ui_support::keys::tab_to;
use ui_support::records::{open_record, seed, OPPORTUNITY};
use ui_support::{all, find, open_app, settle, tap, TestResult};

/// Turns kiosk mode on in `language`.
fn kiosk(window: &AppWindow, language: Language) {
    look::apply(
        window,
        Look {
            theme: ThemeMode::Light,
            kiosk: true,
            language,
        },
    );
    settle();
}

/// The keyboard's keys: every button inside its box.
fn keys(window: &AppWindow, board_label: &str) -> Result<Vec<ElementHandle>, String> {
    let board = find(window, board_label, AccessibleRole::Groupbox)?;
    let (top, left) = (board.absolute_position().y, board.absolute_position().x);
    let bottom = top + board.size().height;
    let right = left + board.size().width;
    Ok(ElementQuery::from_root(window)
        .match_descendants()
        .match_accessible_role(AccessibleRole::Button)
        .find_all()
        .into_iter()
        .filter(|key| {
            let at = key.absolute_position();
            at.y >= top && at.y < bottom && at.x >= left && at.x < right
        })
        .collect())
}

/// The text the field labelled `label` holds.
fn field_text(window: &AppWindow, label: &str) -> Result<String, String> {
    let field = find(window, label, AccessibleRole::TextInput)?;
    Ok(field.accessible_value().unwrap_or_default().to_string())
}

#[test]
fn a_phone_narrow_keyboard_fits_with_keys_a_finger_wide() -> TestResult {
    let dir = tempfile::tempdir()?;
    let (window, _controller) = open_app(dir.path(), &[], 360.0, 844.0)?;
    kiosk(&window, Language::English);
    tap(&window, "New lead")?;
    for width in [360.0, 390.0, 430.0] {
        window
            .window()
            .set_size(slint::LogicalSize::new(width, 844.0));
        settle();
        tab_to(&window, "Topic", AccessibleRole::TextInput)?;
        for _ in 0..4 {
            tap(&window, "Backspace")?;
        }

        let keys = keys(&window, "On-screen keyboard")?;
        assert!(keys.len() >= 30, "only {} keys at {width}", keys.len());
        for key in &keys {
            let (at, size) = (key.absolute_position(), key.size());
            let label = key.accessible_label().unwrap_or_default();
            assert!(
                size.width >= 48.0 && size.height >= 48.0,
                "{label} is {size:?}"
            );
            assert!(
                at.x >= 0.0 && at.x + size.width <= width,
                "{label} sticks out at {width}"
            );
        }
        for label in ["Shift", "W", "Digits", "7", "Letters", "k"] {
            tap(&window, label)?;
        }
        assert_eq!(field_text(&window, "Topic")?, "W7k", "at {width}");
        tap(&window, "Done typing")?;
        assert!(all(&window, "On-screen keyboard", AccessibleRole::Groupbox).is_empty());
    }
    Ok(())
}

#[test]
fn a_money_field_gets_the_digits_pad_with_the_german_decimal_comma() -> TestResult {
    let dir = tempfile::tempdir()?;
    let (window, controller) = open_app(dir.path(), &[], 1280.0, 800.0)?;
    seed(&controller)?;
    kiosk(&window, Language::English);
    open_record(&window, "Opportunities", OPPORTUNITY, "Open")?;
    tap(&window, "Close as won")?;
    kiosk(&window, Language::German);

    tab_to(&window, "Tatsächlicher Umsatz", AccessibleRole::TextInput)?;
    let labels: Vec<String> = keys(&window, "Bildschirmtastatur")?
        .iter()
        .filter_map(|key| key.accessible_label().map(|l| l.to_string()))
        .collect();
    for label in [
        "7",
        "0",
        "Minus",
        "Dezimalzeichen",
        "Rücktaste",
        "Eingabe fertig",
    ] {
        assert!(
            labels.iter().any(|l| l == label),
            "no {label} key in {labels:?}"
        );
    }
    for absent in ["q", "Leertaste", "Buchstaben"] {
        assert!(
            !labels.iter().any(|l| l == absent),
            "{absent} on a digits pad"
        );
    }
    for _ in 0..12 {
        tap(&window, "Rücktaste")?;
    }
    assert_eq!(field_text(&window, "Tatsächlicher Umsatz")?, "");
    for label in ["Minus", "1", "2", "Dezimalzeichen", "5"] {
        tap(&window, label)?;
    }
    assert_eq!(field_text(&window, "Tatsächlicher Umsatz")?, "-12,5");
    Ok(())
}
