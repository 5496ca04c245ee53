//! The settings file: the look the app opens with when neither the command line nor the
//! environment names one. It lives in the platform's config folder (for example
//! `~/.config/stride/settings.toml` on Linux) and may hold:
//!
//! ```toml
//! theme = "dark"   # light, dark, high-contrast or system
//! kiosk = true
//! lang = "de"      # en or de; without it, the system locale decides
//! ```

use std::path::{Path, PathBuf};

use directories::ProjectDirs;
use serde::Deserialize;

use crate::cli::ThemeArg;

/// What the settings file says; everything it leaves out keeps its default.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Settings {
    /// The theme, unless the command line or `STRIDE_THEME` names one.
    pub theme: Option<ThemeArg>,
    /// Kiosk mode, unless the command line or `STRIDE_KIOSK` turns it on.
    #[serde(default)]
    pub kiosk: bool,
    /// The language, unless the command line names one.
    pub lang: Option<crate::i18n::Language>,
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
        let (_dir2, value) = write("theme = \"purple\"\n")?;
        let typo_error = load(&typo).err().ok_or("a typo was accepted")?.to_string();
        let value_error = load(&value).err().ok_or("purple was accepted")?.to_string();
        assert!(typo_error.contains("settings.toml"), "{typo_error}");
        assert!(typo_error.contains("line 1"), "{typo_error}");
        assert!(value_error.contains("line 1"), "{value_error}");
        Ok(())
    }
}
