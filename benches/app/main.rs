//! Whole-app figures on the 100,000-record demo database, release build:
//! `cargo bench --bench app` runs every part, each in its own process so that peak memory
//! and start-up are the app's own; `cargo bench --bench app -- ui` (or `demo`, `ops`,
//! `import`) runs one part.

#[path = "../support/mod.rs"]
mod support;

mod import;
mod ops;
mod ui;

use std::error::Error;
use std::process::{Command, ExitCode};
use std::time::Instant;

/// The parts, in the order a full run takes them.
const PARTS: [&str; 4] = ["demo", "ui", "ops", "import"];

fn main() -> ExitCode {
    let started = Instant::now();
    // cargo bench adds `--bench`; every other word names a part.
    let parts: Vec<String> = std::env::args()
        .skip(1)
        .filter(|arg| !arg.starts_with("--"))
        .collect();
    let outcome = match parts.as_slice() {
        [] => run_all(),
        [part] => run_part(part, started),
        _ => Err("name one part: demo, ui, ops or import".into()),
    };
    match outcome {
        Ok(()) => ExitCode::SUCCESS,
        Err(error) => {
            eprintln!("stride bench: {error}");
            ExitCode::FAILURE
        }
    }
}

/// Runs each part in a fresh process of this same program.
fn run_all() -> Result<(), Box<dyn Error>> {
    let program = std::env::current_exe()?;
    for part in PARTS {
        let status = Command::new(&program).arg(part).status()?;
        if !status.success() {
            return Err(format!("the {part} part failed").into());
        }
    }
    Ok(())
}

fn run_part(part: &str, started: Instant) -> Result<(), Box<dyn Error>> {
    match part {
        "demo" => demo(),
        "ui" => ui::run(started),
        "ops" => ops::run(),
        "import" => import::run(),
        other => Err(format!("there is no part '{other}'; use demo, ui, ops or import").into()),
    }
}

/// Times the generator on a new 100,000-record database, which then serves the other parts.
fn demo() -> Result<(), Box<dyn Error>> {
    let path = support::cached_path();
    support::remove_database(&path)?;
    let took = support::build_database(&path)?;
    let records = support::DEMO.leads + support::DEMO.opportunities;
    println!(
        "demo: {records} records generated in {:.2} s ({:.0} records/s)",
        took.as_secs_f64(),
        records as f64 / took.as_secs_f64()
    );
    Ok(())
}

/// The peak resident memory of this process so far, from the kernel's own count.
pub fn peak_rss_kib() -> Result<u64, Box<dyn Error>> {
    let status = std::fs::read_to_string("/proc/self/status")?;
    let line = status
        .lines()
        .find(|line| line.starts_with("VmHWM:"))
        .ok_or("the kernel reports no VmHWM")?;
    let kib = line
        .split_whitespace()
        .nth(1)
        .ok_or("VmHWM has no number")?;
    Ok(kib.parse()?)
}
