//! The settings file: the look the app opens with when neither the command line nor the
//! environment names one. It lives in the platform's config folder (for example
//! `~/.config/stride/settings.toml` on Linux) and may hold:
//!
//! ```toml
//! theme = "dark"   # light, dark, high-contrast or system
//! kiosk = true
//! lang = "de"      # en or de; without it, the system locale decides
//! ```
//!
//! A theme or language Stride does not know, here or in `STRIDE_THEME`, is reported once on
//! stderr and in the log and then ignored, so a typo never keeps the app (a kiosk above all)
//! from opening; the rest of the file still counts.

use std::path::{Path, PathBuf};

use clap::ValueEnum;
use directories::ProjectDirs;
use serde::{Deserialize, Deserializer};

use crate::cli::ThemeArg;

/// What the settings file says; everything it leaves out keeps its default.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Settings {
    /// The theme, unless the command line or `STRIDE_THEME` names one.
    #[serde(default, deserialize_with = "lenient_theme")]
    pub theme: Option<ThemeArg>,
    /// Kiosk mode, unless the command line or `STRIDE_KIOSK` turns it on.
    #[serde(default)]
    pub kiosk: bool,
    /// The language, unless the command line names one.
    #[serde(default, deserialize_with = "lenient_language")]
    pub lang: Option<crate::i18n::Language>,
}

/// `value` read as one of `T`'s choices; a value that is none of them is reported (naming
/// `source`, the value and the choices) and read as nothing.
pub fn lenient<T: ValueEnum>(source: &str, value: &str) -> Option<T> {
    if let Ok(known) = T::from_str(value.trim(), true) {
        return Some(known);
    }
    let choices: Vec<String> = T::value_variants()
        .iter()
        .filter_map(|v| v.to_possible_value().map(|p| p.get_name().to_string()))
        .collect();
    let choices = choices.join(", ");
    tracing::warn!(
        source,
        value,
        choices,
        "ignoring a look setting Stride does not know"
    );
    eprintln!(
        "stride: {source} is \"{value}\", which Stride does not know \
         (choose one of {choices}); ignoring it."
    );
    None
}

/// The theme `STRIDE_THEME` names, if it is set to one Stride knows.
pub fn theme_from_environment(value: Option<&str>) -> Option<ThemeArg> {
    value
        .filter(|v| !v.trim().is_empty())
        .and_then(|v| lenient("STRIDE_THEME", v))
}

fn lenient_theme<'de, D: Deserializer<'de>>(d: D) -> Result<Option<ThemeArg>, D::Error> {
    Ok(lenient(
        "theme in the settings file",
        &String::deserialize(d)?,
    ))
}

fn lenient_language<'de, D>(d: D) -> Result<Option<crate::i18n::Language>, D::Error>
where
    D: Deserializer<'de>,
{
    Ok(lenient(
        "lang in the settings file",
        &String::deserialize(d)?,
    ))
}

/// Why the settings file could not be used.
#[derive(Debug, thiserror::Error)]
pub enum SettingsError {
    /// The file exists but cannot be read.
    #[error("Cannot read the settings file {path}: {source}")]
    Read {
        /// The file.
        path: PathBuf,
        /// Why.
        source: std::io::Error,
    },
    /// The file is not valid, or holds a setting Stride does not know.
    #[error("The settings file {path} has a mistake, so its settings are not used: {reason}")]
    Invalid {
        /// The file.
        path: PathBuf,
        /// What is wrong, with its line.
        reason: String,
    },
}

/// Where the settings file is looked for, when the system has a config folder.
pub fn default_path() -> Option<PathBuf> {
    ProjectDirs::from("", "", "Stride").map(|dirs| dirs.config_dir().join("settings.toml"))
}

/// Reads the settings at `path`; a missing file means all defaults.
pub fn load(path: &Path) -> Result<Settings, SettingsError> {
    let text = match std::fs::read_to_string(path) {
        Ok(text) => text,
        Err(error) if error.kind() == std::io::ErrorKind::NotFound => {
            return Ok(Settings::default())
        }
        Err(source) => {
            return Err(SettingsError::Read {
                path: path.to_path_buf(),
                source,
            })
        }
    };
    toml::from_str(&text).map_err(|error| SettingsError::Invalid {
        path: path.to_path_buf(),
        reason: error
            .to_string()
            .lines()
            .next()
            .unwrap_or_default()
            .to_string(),
    })
}

/// The settings from the usual place. A broken file must not keep the app (a kiosk above
/// all) from opening, so it is reported and the defaults are used.
pub fn load_or_default() -> Settings {
    let Some(path) = default_path() else {
        return Settings::default();
    };
    match load(&path) {
        Ok(settings) => settings,
        Err(error) => {
            tracing::warn!(%error, "using the default settings");
            eprintln!("stride: {error}");
            Settings::default()
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn write(text: &str) -> Result<(tempfile::TempDir, PathBuf), std::io::Error> {
        let dir = tempfile::tempdir()?;
        let path = dir.path().join("settings.toml");
        std::fs::write(&path, text)?;
        Ok((dir, path))
    }

    #[test]
    fn a_file_sets_the_theme_and_kiosk_mode() -> Result<(), Box<dyn std::error::Error>> {
        let (_dir, path) = write("theme = \"high-contrast\"\nkiosk = true\nlang = \"de\"\n")?;
        let settings = load(&path)?;
        assert_eq!(settings.lang, Some(crate::i18n::Language::German));
        assert_eq!(settings.theme, Some(ThemeArg::HighContrast));
        assert!(settings.kiosk);
        Ok(())
    }

    #[test]
    fn a_missing_or_empty_file_means_the_defaults() -> Result<(), Box<dyn std::error::Error>> {
        let (dir, path) = write("")?;
        assert_eq!(load(&path)?, Settings::default());
        assert_eq!(load(&dir.path().join("none.toml"))?, Settings::default());
        Ok(())
    }

    #[test]
    fn a_mistake_is_refused_with_the_file_and_its_line() -> Result<(), Box<dyn std::error::Error>> {
        let (_dir, typo) = write("them = \"dark\"\n")?;
        let (_dir2, value) = write("kiosk = \"maybe\"\n")?;
        let typo_error = load(&typo).err().ok_or("a typo was accepted")?.to_string();
        let value_error = load(&value).err().ok_or("maybe was accepted")?.to_string();
        assert!(typo_error.contains("settings.toml"), "{typo_error}");
        assert!(typo_error.contains("line 1"), "{typo_error}");
        assert!(value_error.contains("line 1"), "{value_error}");
        Ok(())
    }

    #[test]
    fn an_unknown_theme_or_language_is_ignored_and_the_rest_kept(
    ) -> Result<(), Box<dyn std::error::Error>> {
        let (_dir, path) = write("theme = \"purple\"\nkiosk = true\nlang = \"fr\"\n")?;
        let settings = load(&path)?;
        assert_eq!(settings.theme, None);
        assert_eq!(settings.lang, None);
        assert!(settings.kiosk);
        let (_dir2, path) = write("theme = \"Dark\"\nlang = \"de\"\n")?;
        assert_eq!(load(&path)?.theme, Some(ThemeArg::Dark));
        Ok(())
    }

    #[test]
    fn the_environment_theme_is_read_leniently() {
        assert_eq!(theme_from_environment(Some("dark")), Some(ThemeArg::Dark));
        assert_eq!(
            theme_from_environment(Some("high-contrast")),
            Some(ThemeArg::HighContrast)
        );
        assert_eq!(theme_from_environment(Some("purple")), None);
        assert_eq!(theme_from_environment(Some("")), None);
        assert_eq!(theme_from_environment(None), None);
    }
}
