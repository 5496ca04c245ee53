//! What the tests of the `stride` command line share: a temporary folder per test holding its
//! database, and running the commands on it, as the binary or inside the test's own process.
//! The binary gets a clean environment with HOME and the data folder inside the folder, so a
//! slip that drops `--db` never reaches a real database.

// Not every test file runs the binary both ways.
#![allow(dead_code)]

use std::error::Error;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use clap::Parser;
use stride::cli::{self, Action, Cli};
use stride::controller::Controller;

/// A temporary folder with a database file named in it.
pub struct Sandbox {
    dir: tempfile::TempDir,
}

impl Sandbox {
    /// A new empty folder; the database is created by the first command.
    pub fn new() -> Result<Self, std::io::Error> {
        Ok(Sandbox {
            dir: tempfile::tempdir()?,
        })
    }

    /// The folder itself.
    pub fn path(&self) -> &Path {
        self.dir.path()
    }

    /// The database the commands run on.
    pub fn db(&self) -> PathBuf {
        self.file("stride.db")
    }

    /// A file named `name` in the folder.
    pub fn file(&self, name: &str) -> PathBuf {
        self.dir.path().join(name)
    }

    /// The binary with none of the settings a test machine might carry over, and no database
    /// chosen yet.
    pub fn bare(&self) -> Command {
        let mut command = Command::new(env!("CARGO_BIN_EXE_stride"));
        for name in [
            "STRIDE_DB",
            "STRIDE_THEME",
            "STRIDE_KIOSK",
            "RUST_LOG",
            "DISPLAY",
            "WAYLAND_DISPLAY",
        ] {
            command.env_remove(name);
        }
        command
            .env("HOME", self.dir.path())
            .env("XDG_DATA_HOME", self.dir.path().join("data"));
        command
    }

    /// `stride --db DB ARGS`, however it ends.
    pub fn run(&self, args: &[&str]) -> Result<Output, std::io::Error> {
        self.bare().arg("--db").arg(self.db()).args(args).output()
    }

    /// Runs a command that must succeed and returns its standard output.
    pub fn ok(&self, args: &[&str]) -> Result<String, Box<dyn Error>> {
        let out = self.run(args)?;
        if !out.status.success() {
            let stderr = String::from_utf8_lossy(&out.stderr);
            return Err(format!("stride {args:?} failed: {stderr}").into());
        }
        Ok(String::from_utf8(out.stdout)?)
    }

    /// Runs a command that must fail and returns its message: one line on standard error after
    /// `stride: `, nothing on standard output, exit code 1 (refused) or 2 (did not parse).
    pub fn fails(&self, args: &[&str]) -> Result<String, Box<dyn Error>> {
        let out = self.run(args)?;
        one_line_failure(&out, args)
    }
}

/// The message of a failed run, checked to be one line after `stride: ` on standard error.
pub fn one_line_failure(out: &Output, args: &[&str]) -> Result<String, Box<dyn Error>> {
    let stderr = String::from_utf8(out.stderr.clone())?;
    if out.status.success() {
        return Err(format!("stride {args:?} succeeded but should have failed").into());
    }
    if !matches!(out.status.code(), Some(1 | 2)) {
        return Err(format!("stride {args:?} ended with {:?}", out.status).into());
    }
    if !out.stdout.is_empty() {
        let stdout = String::from_utf8_lossy(&out.stdout);
        return Err(format!("stride {args:?} failed but printed {stdout:?}").into());
    }
    if stderr.lines().count() != 1 {
        return Err(format!("stride {args:?} gave more than one line: {stderr:?}").into());
    }
    let line = stderr.trim_end();
    let message = line
        .strip_prefix("stride: ")
        .ok_or(format!("no 'stride: ' before {line:?}"))?;
    Ok(message.to_string())
}

/// Runs `stride ARGS` inside the test's process on `controller`, as the binary would, and
/// returns what it printed.
pub fn in_process(controller: &mut Controller, args: &[&str]) -> Result<String, Box<dyn Error>> {
    let cli = Cli::try_parse_from(std::iter::once("stride").chain(args.iter().copied()))?;
    let action: Action = cli.command.ok_or("no subcommand")?;
    let mut out = Vec::new();
    cli::run(controller, action, &mut out)?;
    Ok(String::from_utf8(out)?)
}
