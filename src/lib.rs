//! Stride: a touch-first sales-process app. Leads move through the company's process bar
//! to become opportunities and close, offline, with everything in one SQLite file.
//!
//! Layers: [`process`] holds the pure rules, [`store`] persists them in SQLite,
//! [`controller`] runs commands through both, and the UI ([`ui`]) and the command line
//! ([`cli`]) talk only to the controller.

pub mod cli;
mod cli_config;
mod cli_output;
mod cli_process;
mod cli_refusals;
mod cli_screenshot;
pub mod controller;
pub mod demo;
pub mod export;
pub mod i18n;
pub mod import;
pub mod logging;
pub mod paths;
pub mod process;
pub mod process_file;
pub mod settings;
pub mod store;
pub mod ui;

use std::path::{Path, PathBuf};

use anyhow::{bail, Context, Result};

use crate::cli::{Action, Cli};
use crate::controller::{AppError, Controller};

/// Opens the database named on the command line (or the default one) and runs the app or
/// the subcommand.
pub fn start(cli: Cli) -> Result<()> {
    let path = database_path(&cli)?;
    // `--theme` is strict; `STRIDE_THEME` may hold a typo, which is reported and ignored.
    let theme = || {
        let environment = std::env::var("STRIDE_THEME").ok();
        cli.theme
            .or_else(|| settings::theme_from_environment(environment.as_deref()))
    };
    let Some(action) = cli.command else {
        // The app's look: the command line or environment first, then the settings file.
        let settings = settings::load_or_default();
        let look = ui::Look {
            theme: theme().or(settings.theme).unwrap_or_default().into(),
            kiosk: cli.kiosk || settings.kiosk,
            language: i18n::choose(
                cli.lang,
                settings.lang,
                i18n::from_environment(|name| std::env::var(name).ok()),
            ),
        };
        return run_app(&path, look);
    };
    if let Action::Restore { file, list } = &action {
        return cli::restore(&path, file.as_deref(), *list, &mut std::io::stdout().lock());
    }
    if let Action::Screenshot(args) = &action {
        // Pictures depend only on the command line, never on this machine's settings file.
        let look = ui::Look {
            theme: theme().unwrap_or_default().into(),
            kiosk: cli.kiosk,
            language: cli.lang.unwrap_or_default(),
        };
        return cli_screenshot::run(&path, look, args, &mut std::io::stdout().lock());
    }

    let mut controller = Controller::open(&path)?;
    if cli::writes(&action) {
        controller.daily_backup()?;
    }
    cli::run(&mut controller, action, &mut std::io::stdout().lock())
}

/// The database the command line names, or the default one in a data folder that only its
/// owner may enter.
fn database_path(cli: &Cli) -> Result<PathBuf> {
    match &cli.db {
        Some(path) => {
            // A mistyped path must not look like an empty pipeline: only commands that add
            // data may start a new database at a path the user gave.
            let adds_data = matches!(
                cli.command,
                None | Some(
                    Action::Import { preview: false, .. }
                        | Action::NewLead { .. }
                        | Action::Restore { .. }
                        | Action::Demo { .. }
                        | Action::Process {
                            action: cli::ProcessAction::Import { .. }
                        }
                )
            );
            if !adds_data && !path.exists() {
                bail!(
                    "There is no database at {}; check the path, or start one there by opening \
                     the app or importing a file into it.",
                    path.display()
                );
            }
            Ok(path.clone())
        }
        None => {
            let path = paths::default_database()?;
            if let Some(folder) = path.parent() {
                store::private_files::create_folder(folder).with_context(|| {
                    format!("Cannot create the data folder {}", folder.display())
                })?;
            }
            Ok(path)
        }
    }
}

/// Opens the app; a damaged database gets the recovery screen instead of an error. The day's
/// backup, which checks every page of its copy, is taken once the window shows, so damage a
/// plain open does not see is reported in the window; checking every page before the window
/// opened would cost seconds on a large pipeline.
fn run_app(path: &Path, look: ui::Look) -> Result<()> {
    match Controller::open(path) {
        Ok(controller) => ui::run(controller, look),
        Err(AppError::Store(error)) if error.is_damaged_file() => {
            if ui::offer_restore(path, &error, look.theme)? {
                ui::run(Controller::open(path)?, look)
            } else {
                Ok(())
            }
        }
        Err(error) => Err(error.into()),
    }
}
