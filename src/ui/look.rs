//! The app's look: the theme (the system's light or dark scheme, or one forced) and kiosk
//! mode, chosen on the command line, by `STRIDE_THEME` and `STRIDE_KIOSK`, or in the
//! settings file, and the language the window speaks.

use slint::ComponentHandle;

pub use super::generated::ThemeMode;
use super::generated::{AppWindow, KioskKeys};
use crate::i18n::{self, Language};

/// How the window looks.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Look {
    /// Light, dark, high contrast, or whatever the system uses.
    pub theme: ThemeMode,
    /// Full screen, no window chrome, larger type, and no closing by accident.
    pub kiosk: bool,
    /// The language of the window and its messages.
    pub language: Language,
}

impl Default for Look {
    fn default() -> Self {
        Look {
            theme: ThemeMode::System,
            kiosk: false,
            language: Language::English,
        }
    }
}

/// Gives `window` the look: the theme's tokens and the std-widgets' scheme, kiosk type, and
/// the language, with the decimal mark its on-screen keyboard types.
pub fn apply(window: &AppWindow, look: Look) {
    tracing::info!(theme = ?look.theme, kiosk = look.kiosk, "applying the look");
    i18n::select(look.language);
    let mark = match look.language {
        Language::English => ".",
        Language::German => ",",
    };
    window.global::<KioskKeys>().set_decimal_mark(mark.into());
    window.invoke_apply_look(look.theme, look.kiosk);
}

/// Makes `window` a kiosk: full screen, and a close request (a title bar's button, Alt+F4)
/// is refused, so nobody quits it by accident. The kiosk ends with its session.
pub fn lock_kiosk(window: &AppWindow) {
    window.window().set_fullscreen(true);
    window
        .window()
        .on_close_requested(|| slint::CloseRequestResponse::KeepWindowShown);
    tracing::info!("kiosk mode: full screen, closing refused");
}
