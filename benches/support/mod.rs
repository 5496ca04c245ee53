//! What the benchmarks share: the 100,000-record demo database, built once by the generator
//! and kept in the build's temporary folder, fresh copies of it for benchmarks that write,
//! and percentiles of a set of timings.

#![allow(dead_code)]

use std::error::Error;
use std::path::{Path, PathBuf};
use std::time::Duration;

use stride::controller::Controller;
use stride::demo::DemoOptions;

/// The pipeline every figure is measured on: 70,000 leads, 30,000 of them qualified into
/// opportunities, so 100,000 records in all.
pub const DEMO: DemoOptions = DemoOptions {
    leads: 70_000,
    opportunities: 30_000,
    seed: 1,
};

/// Where the demo database is kept between runs.
pub fn cached_path() -> PathBuf {
    Path::new(env!("CARGO_TARGET_TMPDIR")).join("stride-bench-100k-seed1.db")
}

/// The demo database, built by the generator when it is not there yet.
pub fn cached_database() -> Result<PathBuf, Box<dyn Error>> {
    let path = cached_path();
    if !path.exists() {
        build_database(&path)?;
    }
    Ok(path)
}

/// Builds the demo database at `path` and returns how long the generator took.
pub fn build_database(path: &Path) -> Result<Duration, Box<dyn Error>> {
    // Built under another name and renamed when complete, so a stopped run leaves no half.
    let partial = path.with_extension("partial");
    remove_database(&partial)?;
    let controller = Controller::open(&partial)?;
    let started = std::time::Instant::now();
    controller.add_demo_records(&DEMO)?;
    let took = started.elapsed();
    drop(controller);
    std::fs::rename(&partial, path)?;
    Ok(took)
}

/// A private copy of the demo database in `folder`, for benchmarks that change records.
pub fn fresh_copy(folder: &Path) -> Result<PathBuf, Box<dyn Error>> {
    let copy = folder.join("stride-bench.db");
    remove_database(&copy)?;
    std::fs::copy(cached_database()?, &copy)?;
    Ok(copy)
}

/// Removes a database file with its write-ahead log, if they are there.
pub fn remove_database(path: &Path) -> Result<(), Box<dyn Error>> {
    for suffix in ["", "-wal", "-shm"] {
        let mut name = path.as_os_str().to_owned();
        name.push(suffix);
        match std::fs::remove_file(&name) {
            Err(e) if e.kind() != std::io::ErrorKind::NotFound => return Err(e.into()),
            _ => {}
        }
    }
    Ok(())
}

/// The `p`-th percentile (0 to 100) of the timings, nearest rank; zero when there are none.
pub fn percentile(timings: &[Duration], p: f64) -> Duration {
    let mut sorted = timings.to_vec();
    sorted.sort_unstable();
    if sorted.is_empty() {
        return Duration::ZERO;
    }
    let rank = (p / 100.0 * sorted.len() as f64).ceil() as usize;
    sorted[rank.clamp(1, sorted.len()) - 1]
}

/// A duration in milliseconds with two decimals.
pub fn ms(duration: Duration) -> String {
    format!("{:.2} ms", duration.as_secs_f64() * 1000.0)
}
