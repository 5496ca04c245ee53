//! `stride config`: the settings kept in the database, such as the user name that history
//! entries carry.

use std::io::Write;

use anyhow::Result;
use clap::Subcommand;

use crate::controller::Controller;

/// The `stride config` subcommands.
#[derive(Debug, Subcommand)]
pub enum ConfigAction {
    /// Show the user name history entries carry, or set it with NAME.
    User {
        /// The new user name; without it, the current one is shown.
        name: Option<String>,
    },
}

impl ConfigAction {
    /// Whether the command changes the database.
    pub fn writes(&self) -> bool {
        match self {
            ConfigAction::User { name } => name.is_some(),
        }
    }
}

/// Runs a `stride config` subcommand.
pub fn run(controller: &mut Controller, action: ConfigAction, out: &mut dyn Write) -> Result<()> {
    match action {
        ConfigAction::User { name: Some(name) } => {
            controller.set_user(&name)?;
            writeln!(out, "History entries will now name {}.", controller.user())?;
        }
        ConfigAction::User { name: None } => {
            writeln!(out, "History entries name {}.", controller.user())?;
        }
    }
    Ok(())
}
