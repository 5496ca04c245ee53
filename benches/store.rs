//! Criterion benchmarks on the 100,000-record demo database: durable commands through the
//! controller (a stage move, a close), the list queries a tab runs, and search as a word is
//! typed one letter at a time.
//! `cargo bench --bench store`; percentiles of the commands come from `--bench app -- ops`.

#[path = "support/mod.rs"]
mod support;

use std::hint::black_box;
use std::time::{Duration, Instant};

use criterion::{criterion_main, Criterion};
use stride::controller::Controller;
use stride::process::{Money, RecordId};
use stride::store::{ListFilter, ListQuery, Store, StoreError};

/// Opens a private copy of the demo database; the folder must outlive the controller.
fn copy() -> (tempfile::TempDir, Controller) {
    let folder = tempfile::tempdir().unwrap_or_else(|e| panic!("no temporary folder: {e}"));
    let path = support::fresh_copy(folder.path())
        .unwrap_or_else(|e| panic!("cannot copy the demo database: {e}"));
    let controller = Controller::open(&path).unwrap_or_else(|e| panic!("cannot open it: {e}"));
    (folder, controller)
}

/// Open opportunities at the stage with this name.
fn open_at(controller: &Controller, stage: &str) -> Vec<RecordId> {
    let rows = controller
        .list(ListFilter::OpenOpportunities)
        .unwrap_or_else(|e| panic!("cannot list opportunities: {e}"));
    rows.iter()
        .filter(|row| row.stage_name == stage)
        .map(|row| row.id)
        .collect()
}

fn durable_commands(c: &mut Criterion) {
    let (_folder, controller) = copy();
    // As in the app: the log is copied into the database file on a thread of its own.
    let _checkpoints = controller
        .checkpoint_in_background()
        .unwrap_or_else(|e| panic!("cannot start copying the log: {e}"));
    let develop = open_at(&controller, "Develop");
    let mut group = c.benchmark_group("durable");
    group.sample_size(30);

    // Only the command is timed; the record is put back, untimed, for the next round.
    group.bench_function("next_stage", |b| {
        b.iter_custom(|iterations| timed_with_undo(&controller, &develop, iterations, true))
    });
    group.bench_function("close_won", |b| {
        b.iter_custom(|iterations| timed_with_undo(&controller, &develop, iterations, false))
    });
    group.finish();
}

fn timed_with_undo(
    controller: &Controller,
    ids: &[RecordId],
    iterations: u64,
    stage_move: bool,
) -> Duration {
    let mut total = Duration::ZERO;
    for (n, &id) in ids.iter().cycle().take(iterations as usize).enumerate() {
        let start = Instant::now();
        let done = if stage_move {
            controller.next_stage(id)
        } else {
            controller.close_won(id, Some(Money::from_minor(990_000)), None)
        };
        total += start.elapsed();
        let undone = if stage_move {
            controller.previous_stage(id, "benchmark")
        } else {
            controller.reopen(id, "benchmark")
        };
        if let Err(e) = done.and(undone) {
            panic!("command {n} on record {id} failed: {e}");
        }
    }
    total
}

fn list_queries(c: &mut Criterion) {
    let path = support::cached_database()
        .unwrap_or_else(|e| panic!("cannot build the demo database: {e}"));
    let store = Store::open(&path).unwrap_or_else(|e| panic!("cannot open it: {e}"));
    let controller = Controller::open(&path).unwrap_or_else(|e| panic!("cannot open it: {e}"));
    let mut group = c.benchmark_group("list");
    group.sample_size(20);

    for (name, filter) in [
        ("leads", ListFilter::OpenLeads),
        ("opportunities", ListFilter::OpenOpportunities),
        ("closed", ListFilter::Closed),
    ] {
        group.bench_function(format!("page_of_50/{name}"), |b| {
            b.iter(|| store.read(|tx| Ok::<_, StoreError>(tx.list(filter, 50)?.len())))
        });
        group.bench_function(format!("whole_tab/{name}"), |b| {
            b.iter(|| black_box(controller.list(filter).map(|rows| rows.len())))
        });
    }
    group.bench_function("counts", |b| b.iter(|| black_box(controller.counts())));
    group.finish();
}

/// Rows a search shows at first: about a screenful.
const FIRST_ROWS: usize = 50;

fn search_keystrokes(c: &mut Criterion) {
    let path = support::cached_database()
        .unwrap_or_else(|e| panic!("cannot build the demo database: {e}"));
    let controller = Controller::open(&path).unwrap_or_else(|e| panic!("cannot open it: {e}"));
    let mut group = c.benchmark_group("search");
    group.sample_size(30);

    let word = "smith";
    for end in 1..=word.len() {
        let query = ListQuery {
            filter: ListFilter::All,
            text: word[..end].to_string(),
            ..ListQuery::default()
        };
        group.bench_function(format!("keystroke/{}", &word[..end]), |b| {
            b.iter(|| black_box(controller.search(&query, FIRST_ROWS).map(|found| found.0)))
        });
    }
    group.finish();
}

/// The benchmark group criterion runs, kept in a private module of its own.
mod group {
    use super::{durable_commands, list_queries, search_keystrokes};

    criterion::criterion_group!(benches, durable_commands, list_queries, search_keystrokes);
}

criterion_main!(group::benches);
