//! The history strip under the process bar, and the history `stride show` prints: the audit
//! summary with stage and step names filled in, as short lines of text.

use chrono::{DateTime, Utc};

use crate::process::audit::{short_duration, summarise};
use crate::process::history::Entry;
use crate::process::ProcessDefinition;

/// One stage visited, as the strip shows it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StageTimeView {
    /// Name of the stage (its key when the process no longer has it).
    pub name: String,
    /// Time in the stage, all visits summed, like "3 d 4 h".
    pub time: String,
    /// How many times the record entered it.
    pub visits: u32,
}

/// What the history strip shows.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct HistoryView {
    /// Stages visited, in the order first entered.
    pub stages: Vec<StageTimeView>,
    /// Reasons and step completions, oldest first, one line each, like
    /// "2026-03-02 09:00 ann: Reopen: customer called back".
    pub events: Vec<String>,
}

impl HistoryView {
    /// The strip for a record's history up to `now`, names taken from `process`.
    pub fn new(process: &ProcessDefinition, history: &[Entry], now: DateTime<Utc>) -> Self {
        let summary = summarise(history, now);
        let stages = summary
            .stages
            .iter()
            .map(|time| StageTimeView {
                name: process
                    .stage(&time.stage)
                    .map_or_else(|| time.stage.clone(), |s| s.name.clone()),
                time: short_duration(time.total),
                visits: time.visits,
            })
            .collect();

        let who = |by: &str| if by.is_empty() { "someone" } else { by }.to_string();
        let when = |at: DateTime<Utc>| {
            at.with_timezone(&chrono::Local)
                .format("%Y-%m-%d %H:%M")
                .to_string()
        };
        let mut events: Vec<(DateTime<Utc>, String)> = summary
            .reasons
            .iter()
            .map(|r| {
                let line = format!("{} {}: {}: {}", when(r.at), who(&r.by), r.action, r.reason);
                (r.at, line)
            })
            .collect();
        for done in &summary.completions {
            let label = process
                .step(&done.step)
                .map_or_else(|| done.step.clone(), |(_, s)| s.label.clone());
            let verb = if done.filled { "completed" } else { "cleared" };
            let line = format!("{} {}: {verb} {label}", when(done.at), who(&done.by));
            events.push((done.at, line));
        }
        events.sort_by_key(|(at, _)| *at);

        HistoryView {
            stages,
            events: events.into_iter().map(|(_, line)| line).collect(),
        }
    }

    /// The stages as one line: "Qualify 2 d · Develop 5 h (2 visits)".
    pub fn stage_line(&self) -> String {
        self.stages
            .iter()
            .map(|s| {
                if s.visits > 1 {
                    format!("{} {} ({} visits)", s.name, s.time, s.visits)
                } else {
                    format!("{} {}", s.name, s.time)
                }
            })
            .collect::<Vec<_>>()
            .join(" · ")
    }
}
