//! Stride: a touch-first sales-process app. Leads move through the company's process bar
//! to become opportunities and close, offline, with everything in one SQLite file.
//!
//! Layers: [`process`] holds the pure rules, [`store`] persists them in SQLite,
//! [`controller`] runs commands through both, and the UI ([`ui`]) and the command line
//! ([`cli`]) talk only to the controller.

pub mod cli;
mod cli_output;
pub mod controller;
pub mod demo;
pub mod import;
pub mod logging;
pub mod paths;
pub mod process;
pub mod store;
pub mod ui;

use anyhow::{bail, Context, Result};

use crate::cli::{Action, Cli};
use crate::controller::Controller;

/// Opens the database named on the command line (or the default one) and runs the app or
/// the subcommand.
pub fn start(cli: Cli) -> Result<()> {
    let path = match cli.db {
        Some(path) => {
            // A mistyped path must not look like an empty pipeline: only commands that add
            // data may start a new database at a path the user gave.
            let adds_data = matches!(
                cli.command,
                None | Some(Action::Import { .. } | Action::NewLead { .. } | Action::Demo { .. })
            );
            if !adds_data && !path.exists() {
                bail!(
                    "There is no database at {}; check the path, or start one there by opening \
                     the app or importing a file into it.",
                    path.display()
                );
            }
            path
        }
        None => {
            let path = paths::default_database()?;
            if let Some(folder) = path.parent() {
                std::fs::create_dir_all(folder).with_context(|| {
                    format!("Cannot create the data folder {}", folder.display())
                })?;
            }
            path
        }
    };
    let mut controller = Controller::open(&path)?;
    match cli.command {
        None => ui::run(controller),
        Some(action) => cli::run(&mut controller, action, &mut std::io::stdout().lock()),
    }
}
