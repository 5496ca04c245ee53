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
    /// The same events in parts, for a window that writes them in its own language.
    pub event_parts: Vec<HistoryEvent>,
}

/// One reason or step completion in the history strip.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct HistoryEvent {
    /// When it happened.
    pub at: DateTime<Utc>,
    /// Who did it; empty when nobody was recorded.
    pub by: String,
    /// What happened.
    pub what: EventKind,
}

/// What a history event records.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum EventKind {
    /// A command that needed a reason, such as "Reopen", and the reason given.
    Reason {
        /// The command, as [`crate::process::Command::action`] names it.
        action: String,
        /// The user's words.
        reason: String,
    },
    /// A step filled in (or cleared).
    Step {
        /// The step's label.
        label: String,
        /// Whether it was filled in rather than cleared.
        filled: bool,
    },
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

        let mut parts: Vec<HistoryEvent> = summary
            .reasons
            .iter()
            .map(|r| HistoryEvent {
                at: r.at,
                by: r.by.clone(),
                what: EventKind::Reason {
                    action: r.action.clone(),
                    reason: r.reason.clone(),
                },
            })
            .collect();
        for done in &summary.completions {
            let label = process
                .step(&done.step)
                .map_or_else(|| done.step.clone(), |(_, s)| s.label.clone());
            parts.push(HistoryEvent {
                at: done.at,
                by: done.by.clone(),
                what: EventKind::Step {
                    label,
                    filled: done.filled,
                },
            });
        }
        parts.sort_by_key(|event| event.at);

        HistoryView {
            stages,
            events: parts.iter().map(english_line).collect(),
            event_parts: parts,
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

/// "2026-03-02 09:00 ann: Reopen: customer called back", in the machine's local time.
fn english_line(event: &HistoryEvent) -> String {
    let when = event
        .at
        .with_timezone(&chrono::Local)
        .format("%Y-%m-%d %H:%M");
    let who = if event.by.is_empty() {
        "someone"
    } else {
        &event.by
    };
    match &event.what {
        EventKind::Reason { action, reason } => format!("{when} {who}: {action}: {reason}"),
        EventKind::Step { label, filled } => {
            let verb = if *filled { "completed" } else { "cleared" };
            format!("{when} {who}: {verb} {label}")
        }
    }
}
