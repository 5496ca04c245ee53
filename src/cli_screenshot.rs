//! `stride screenshot` and the look options: draws the real app without a display into a
//! PNG, at a size, scale, theme and screen given on the command line.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::rc::Rc;

use anyhow::{bail, Result};
use clap::{Args, ValueEnum};
use serde::Deserialize;

use crate::controller::{AppError, Controller};
use crate::process::RecordId;
use crate::store::StoreError;
use crate::ui::look::ThemeMode;
use crate::ui::screenshot::{self, Shot, ShotSpec};
use crate::ui::Look;

/// The themes `--theme` and the settings file take.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, ValueEnum, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum ThemeArg {
    /// Light or dark, as the system is set.
    #[default]
    System,
    /// Dark text on light surfaces.
    Light,
    /// Light text on dark surfaces.
    Dark,
    /// White and yellow on black, for low vision and bright light.
    HighContrast,
}

impl From<ThemeArg> for ThemeMode {
    fn from(theme: ThemeArg) -> Self {
        match theme {
            ThemeArg::System => ThemeMode::System,
            ThemeArg::Light => ThemeMode::Light,
            ThemeArg::Dark => ThemeMode::Dark,
            ThemeArg::HighContrast => ThemeMode::HighContrast,
        }
    }
}

/// The options of `stride screenshot`.
#[derive(Debug, Args)]
pub struct ScreenshotArgs {
    /// The PNG file to write; an existing file there is replaced.
    pub out: PathBuf,
    /// The window's size in logical pixels, WIDTHxHEIGHT.
    #[arg(long, default_value = "390x844", value_parser = parse_size)]
    pub size: (u32, u32),
    /// Physical pixels per logical pixel, from 1 to 4.
    #[arg(long, default_value_t = 1.0)]
    pub scale: f32,
    /// Which screen to draw [default: record when --record names one, else list].
    #[arg(long, value_enum)]
    pub screen: Option<Shot>,
    /// The record to open [default: the first in the list that suits the screen].
    #[arg(long, value_name = "ID", value_parser = crate::cli_refusals::record_number)]
    pub record: Option<i64>,
}

/// Reads `390x844`.
fn parse_size(text: &str) -> Result<(u32, u32), String> {
    let wrong = || format!("\"{text}\" is no size; write it as WIDTHxHEIGHT, such as 390x844");
    let (width, height) = text.split_once(['x', 'X']).ok_or_else(wrong)?;
    let number = |part: &str| {
        part.trim()
            .parse::<u32>()
            .ok()
            .filter(|n| (1..=8192).contains(n))
    };
    Ok((
        number(width).ok_or_else(wrong)?,
        number(height).ok_or_else(wrong)?,
    ))
}

/// Draws the screenshot the arguments ask for from the database at `database`.
pub fn run(database: &Path, look: Look, args: &ScreenshotArgs, out: &mut dyn Write) -> Result<()> {
    if !(1.0..=4.0).contains(&args.scale) {
        bail!(
            "--scale {} is out of range; use a number from 1 to 4.",
            args.scale
        );
    }
    let controller = Rc::new(Controller::open(database)?);
    if let Some(id) = args.record {
        // A record that is not there would silently draw the list instead.
        match controller.page(RecordId(id)) {
            Err(AppError::Store(StoreError::NotFound(_))) => {
                bail!("There is no record {id}; `stride list` shows the records and their ids.")
            }
            Err(other) => return Err(other.into()),
            Ok(_) => {}
        }
    }
    let spec = ShotSpec {
        shot: args.screen.unwrap_or(match args.record {
            Some(_) => Shot::Record,
            None => Shot::List,
        }),
        record: args.record.map(RecordId),
        width: args.size.0,
        height: args.size.1,
        scale: args.scale,
        look,
    };
    let frame = screenshot::render(controller, &spec)?;
    screenshot::write_png(&frame, &args.out)?;
    writeln!(
        out,
        "Saved a {}x{} screenshot to {}.",
        frame.width,
        frame.height,
        args.out.display()
    )?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::parse_size;

    #[test]
    fn a_size_reads_as_width_by_height() {
        assert_eq!(parse_size("390x844"), Ok((390, 844)));
        assert_eq!(parse_size("1920X1080"), Ok((1920, 1080)));
        assert!(parse_size("390").is_err());
        assert!(parse_size("0x10").is_err());
        assert!(parse_size("ax10").is_err());
    }
}
