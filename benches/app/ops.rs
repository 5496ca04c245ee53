//! Durable commands on a copy of the demo database: moving opportunities to their next stage
//! and closing them, each committed with a full sync, as a salesperson's tap commits it, with
//! the log copied into the database file in the background as the app does.

use std::error::Error;
use std::time::{Duration, Instant};

use stride::controller::Controller;
use stride::process::{Money, RecordId};
use stride::store::ListFilter;

use crate::support::{self, ms, percentile};

/// How many of each command are timed.
const OPERATIONS: usize = 1_000;

pub fn run() -> Result<(), Box<dyn Error>> {
    let folder = tempfile::tempdir()?;
    let path = support::fresh_copy(folder.path())?;
    let controller = Controller::open(&path)?;
    // As in the app: the log is copied into the database file on a thread of its own.
    let _checkpoints = controller.checkpoint_in_background()?;
    let open = controller.list(ListFilter::OpenOpportunities)?;
    let movable: Vec<RecordId> = open
        .iter()
        .filter(|row| row.stage_name != "Close")
        .map(|row| row.id)
        .take(OPERATIONS)
        .collect();
    let closable: Vec<RecordId> = open
        .iter()
        .map(|row| row.id)
        .filter(|id| !movable.contains(id))
        .take(OPERATIONS)
        .collect();
    if movable.len() < OPERATIONS || closable.len() < OPERATIONS {
        return Err("the demo database holds too few open opportunities".into());
    }

    let next = time_each(&movable, |id| controller.next_stage(id))?;
    report("stage move (next stage)", &next);
    let close = time_each(&closable, |id| {
        controller.close_won(id, Some(Money::from_minor(1_250_000)), None)
    })?;
    report("close as won", &close);
    Ok(())
}

fn time_each<E: Error + 'static>(
    ids: &[RecordId],
    mut command: impl FnMut(RecordId) -> Result<(), E>,
) -> Result<Vec<Duration>, Box<dyn Error>> {
    let mut timings = Vec::with_capacity(ids.len());
    for &id in ids {
        let start = Instant::now();
        command(id)?;
        timings.push(start.elapsed());
    }
    Ok(timings)
}

fn report(what: &str, timings: &[Duration]) {
    println!(
        "ops: {what} p50 {} p99 {} over {} commands, each committed durably",
        ms(percentile(timings, 50.0)),
        ms(percentile(timings, 99.0)),
        timings.len()
    );
}
