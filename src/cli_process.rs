//! `stride process`: list the stored process definitions, export one to a file, import one
//! as a new version, and switch a record onto another version.

use std::io::Write;
use std::path::PathBuf;

use anyhow::Result;
use clap::Subcommand;

use crate::controller::Controller;
use crate::process::RecordId;

/// The `stride process` subcommands.
#[derive(Debug, Subcommand)]
pub enum ProcessAction {
    /// List every stored process version, with its stages and how many records follow it.
    List,
    /// Write a process to a new .toml or .json file; an existing file is never replaced.
    Export {
        /// The process name, for its newest version, or NAME@VERSION.
        name: String,
        /// The file to write, ending in .toml or .json.
        file: PathBuf,
    },
    /// Store the process in a .toml or .json file as the next version of its name.
    Import {
        /// The file to read.
        file: PathBuf,
    },
    /// Make a record follow another process version; step values the target has are kept.
    Switch {
        /// The record id.
        id: i64,
        /// The process name, for its newest version, or NAME@VERSION.
        #[arg(long = "to", value_name = "NAME[@VERSION]")]
        to: String,
    },
}

impl ProcessAction {
    /// Whether the subcommand changes the database.
    pub fn writes(&self) -> bool {
        matches!(
            self,
            ProcessAction::Import { .. } | ProcessAction::Switch { .. }
        )
    }
}

/// Runs a `stride process` subcommand, writing its result to `out`.
pub fn run(controller: &mut Controller, action: ProcessAction, out: &mut dyn Write) -> Result<()> {
    match action {
        ProcessAction::List => {
            let summaries = controller.process_summaries()?;
            let width = summaries
                .iter()
                .map(|s| s.name.chars().count())
                .max()
                .unwrap_or(4);
            writeln!(out, "{:<width$}  VERSION  STAGES  RECORDS", "NAME")?;
            for summary in summaries {
                writeln!(
                    out,
                    "{:<width$}  {:>7}  {:>6}  {:>7}",
                    summary.name, summary.version, summary.stages, summary.records
                )?;
            }
        }
        ProcessAction::Export { name, file } => {
            let stored = controller.export_process(&name, &file)?;
            writeln!(
                out,
                "Exported {} version {} to {}.",
                stored.name,
                stored.version,
                file.display()
            )?;
        }
        ProcessAction::Import { file } => {
            let imported = controller.import_process(&file)?;
            writeln!(
                out,
                "Imported {} as version {}; records keep the versions they follow.",
                imported.name, imported.version
            )?;
        }
        ProcessAction::Switch { id, to } => {
            let target = controller.switch_process(RecordId(id), &to)?;
            writeln!(
                out,
                "Record {id} now follows {} version {}.",
                target.name, target.version
            )?;
        }
    }
    Ok(())
}
