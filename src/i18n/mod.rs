//! Languages: which one the app speaks (the `--lang` option, then the settings file, then the
//! system locale), the catalog that translates the messages built in Rust, and dates and
//! money written the way the language expects. The window's own strings are translated by
//! Slint from the same catalog, bundled into the binary at build time.

mod catalog;
mod format;

use std::cell::Cell;

use clap::ValueEnum;
use serde::Deserialize;

pub use catalog::{tr, tr_count, tr_count_with, tr_with};
pub use format::{date, money, money_text};

/// A language the app speaks.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, ValueEnum, Deserialize)]
pub enum Language {
    /// English, the language the sources are written in.
    #[default]
    #[value(name = "en")]
    #[serde(rename = "en")]
    English,
    /// German.
    #[value(name = "de")]
    #[serde(rename = "de")]
    German,
}

impl Language {
    /// The code the catalogs' folders and `--lang` use.
    pub fn code(self) -> &'static str {
        match self {
            Language::English => "en",
            Language::German => "de",
        }
    }

    /// The language of a locale name such as `de_DE.UTF-8`, `de` or `en_GB`, if Stride speaks
    /// it; `C` and `POSIX` name none.
    pub fn from_locale(locale: &str) -> Option<Language> {
        let base = locale
            .split(['_', '.', '@', '-'])
            .next()
            .unwrap_or_default()
            .to_ascii_lowercase();
        match base.as_str() {
            "de" => Some(Language::German),
            "en" => Some(Language::English),
            _ => None,
        }
    }
}

/// The system's language, read as gettext does: `LANGUAGE` (a colon-separated list, first
/// match wins), then `LC_ALL`, `LC_MESSAGES` and `LANG`. The first variable that is set
/// decides; a locale Stride does not speak means English.
pub fn from_environment(var: impl Fn(&str) -> Option<String>) -> Option<Language> {
    if let Some(list) = var("LANGUAGE").filter(|value| !value.is_empty()) {
        if let Some(language) = list.split(':').find_map(Language::from_locale) {
            return Some(language);
        }
    }
    ["LC_ALL", "LC_MESSAGES", "LANG"]
        .into_iter()
        .find_map(|name| var(name).filter(|value| !value.is_empty()))
        .map(|locale| Language::from_locale(&locale).unwrap_or_default())
}

/// The language to speak: the command line's, else the settings file's, else the system's,
/// else English.
pub fn choose(
    command_line: Option<Language>,
    settings: Option<Language>,
    system: Option<Language>,
) -> Language {
    command_line.or(settings).or(system).unwrap_or_default()
}

thread_local! {
    /// The language this thread speaks, as [`set_current`] last set it. The window and its
    /// messages live on one thread; tests on other threads keep their own.
    static CURRENT: Cell<Language> = const { Cell::new(Language::English) };
}

/// The language the Rust-side messages are translated into.
pub fn current() -> Language {
    CURRENT.with(Cell::get)
}

/// Makes `language` the one the Rust-side messages use.
pub fn set_current(language: Language) {
    if CURRENT.with(|cell| cell.replace(language)) != language {
        tracing::info!(language = language.code(), "speaking a new language");
    }
}

/// Makes the window (created before) and the Rust-side messages speak `language`.
pub fn select(language: Language) {
    set_current(language);
    if let Err(error) = slint::select_bundled_translation(language.code()) {
        tracing::warn!(?error, "the window keeps its language");
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn env<'a>(pairs: &'a [(&'a str, &'a str)]) -> impl Fn(&str) -> Option<String> + 'a {
        move |name| {
            pairs
                .iter()
                .find(|(key, _)| *key == name)
                .map(|(_, value)| (*value).to_string())
        }
    }

    #[test]
    fn the_command_line_beats_the_settings_which_beat_the_system() {
        let (en, de) = (Some(Language::English), Some(Language::German));
        assert_eq!(choose(en, de, de), Language::English);
        assert_eq!(choose(None, de, en), Language::German);
        assert_eq!(choose(None, None, de), Language::German);
        assert_eq!(choose(None, None, None), Language::English);
    }

    #[test]
    fn the_environment_is_read_in_gettext_order() {
        let all = [
            ("LANGUAGE", "fr:de"),
            ("LC_ALL", "en_US.UTF-8"),
            ("LANG", "en_US"),
        ];
        assert_eq!(from_environment(env(&all)), Some(Language::German));
        let lc_all = [
            ("LANGUAGE", ""),
            ("LC_ALL", "de_AT.UTF-8"),
            ("LANG", "en_US"),
        ];
        assert_eq!(from_environment(env(&lc_all)), Some(Language::German));
        let messages = [("LC_MESSAGES", "de_DE"), ("LANG", "en_GB.UTF-8")];
        assert_eq!(from_environment(env(&messages)), Some(Language::German));
        let lang = [("LANG", "de_CH.UTF-8")];
        assert_eq!(from_environment(env(&lang)), Some(Language::German));
        let unknown = [("LC_ALL", "fr_FR.UTF-8"), ("LANG", "de_DE")];
        assert_eq!(from_environment(env(&unknown)), Some(Language::English));
        assert_eq!(from_environment(env(&[])), None);
    }

    #[test]
    fn locale_names_read_as_languages() {
        assert_eq!(Language::from_locale("de"), Some(Language::German));
        assert_eq!(
            Language::from_locale("en_GB.UTF-8"),
            Some(Language::English)
        );
        assert_eq!(Language::from_locale("C"), None);
        assert_eq!(Language::from_locale("POSIX"), None);
    }
}
