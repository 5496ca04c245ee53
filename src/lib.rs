//! Stride: a touch-first sales-process app. Leads move through the company's process bar
//! to become opportunities and close, offline, with everything in one SQLite file.
//!
//! Layers: [`process`] holds the pure rules, [`store`] persists them in SQLite,
//! [`controller`] runs commands through both, and the UI ([`ui`]) and the command line
//! ([`cli`]) talk only to the controller.

pub mod cli;
mod cli_output;
pub mod controller;
pub mod import;
pub mod logging;
pub mod paths;
pub mod process;
pub mod store;
pub mod ui;

use anyhow::Result;

use crate::cli::Cli;
use crate::controller::Controller;

/// Opens the database named on the command line (or the default one) and runs the app or
/// the subcommand.
pub fn start(cli: Cli) -> Result<()> {
    let path = match cli.db {
        Some(path) => path,
        None => paths::default_database()?,
    };
    let mut controller = Controller::open(&path)?;
    match cli.command {
        None => ui::run(controller),
        Some(action) => cli::run(&mut controller, action, &mut std::io::stdout().lock()),
    }
}
