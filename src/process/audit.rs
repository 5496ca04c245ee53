//! The audit summary of a record's history: the stages it visited with the time spent in
//! each (all visits summed, the open stage counted up to now), time spent closed, the reasons
//! given for going back or reopening, and who completed which step when.

use chrono::{DateTime, Duration, Utc};

use super::history::{time_in_stages, Entry, StageTime};
use super::machine::Change;
use super::record::StepValue;

/// A reason given for a backward move or a reopen.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ReasonLine {
    /// When it was given.
    pub at: DateTime<Utc>,
    /// Who gave it.
    pub by: String,
    /// What they did, such as "Reopen".
    pub action: String,
    /// What they wrote.
    pub reason: String,
}

/// A step filled in or cleared.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Completion {
    /// When.
    pub at: DateTime<Utc>,
    /// Who.
    pub by: String,
    /// Key of the step.
    pub step: String,
    /// Whether the step now counts as filled (a cleared or unticked step does not).
    pub filled: bool,
}

/// Everything the history strip and `stride show` tell about a record's past.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Summary {
    /// Stages in the order first entered, with time in each.
    pub stages: Vec<StageTime>,
    /// Time the record spent in no stage: closed, disqualified or qualified.
    pub closed: Duration,
    /// From the first history entry to now.
    pub age: Duration,
    /// Reasons, oldest first.
    pub reasons: Vec<ReasonLine>,
    /// Step changes, oldest first.
    pub completions: Vec<Completion>,
}

/// Summarises a record's history up to `now`. The stage times and the time closed add up
/// to the record's age when every exit is followed by an entry or a close.
pub fn summarise(entries: &[Entry], now: DateTime<Utc>) -> Summary {
    let start = entries.first().map_or(now, |e| e.at);
    let mut open_stages = 0usize;
    let mut closed = Duration::zero();
    let mut closed_since = Some(start);
    let mut reasons = Vec::new();
    let mut completions = Vec::new();

    for entry in entries {
        match &entry.change {
            Change::StageEntered { .. } => {
                if let Some(since) = closed_since.take() {
                    closed += (entry.at - since).max(Duration::zero());
                }
                open_stages += 1;
            }
            Change::StageLeft { .. } => {
                open_stages = open_stages.saturating_sub(1);
                if open_stages == 0 {
                    closed_since = Some(entry.at);
                }
            }
            Change::ReasonGiven { action, reason } => reasons.push(ReasonLine {
                at: entry.at,
                by: entry.by.clone(),
                action: action.clone(),
                reason: reason.clone(),
            }),
            Change::StepSet { step, value } => completions.push(Completion {
                at: entry.at,
                by: entry.by.clone(),
                step: step.clone(),
                filled: value.as_ref().is_some_and(StepValue::is_filled),
            }),
            _ => {}
        }
    }
    if let Some(since) = closed_since {
        closed += (now - since).max(Duration::zero());
    }

    Summary {
        stages: time_in_stages(entries, now),
        closed,
        age: (now - start).max(Duration::zero()),
        reasons,
        completions,
    }
}

/// "3 d 4 h", "5 h", "12 min": a duration as the strip shows it.
pub fn short_duration(duration: Duration) -> String {
    let minutes = duration.num_minutes().max(0);
    let (days, hours, mins) = (minutes / 1440, minutes / 60 % 24, minutes % 60);
    match (days, hours) {
        (0, 0) => format!("{mins} min"),
        (0, h) => format!("{h} h"),
        (d, 0) => format!("{d} d"),
        (d, h) => format!("{d} d {h} h"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::TimeZone;

    fn at(hour: u32) -> DateTime<Utc> {
        Utc.with_ymd_and_hms(2026, 3, 2, hour, 0, 0)
            .single()
            .unwrap_or_default()
    }

    fn entry(hour: u32, by: &str, change: Change) -> Entry {
        Entry {
            at: at(hour),
            by: by.into(),
            change,
        }
    }

    #[test]
    fn stage_times_and_time_closed_add_up_to_the_age() {
        let stage = |s: &str| s.to_string();
        let entries = [
            entry(1, "ann", Change::Created),
            entry(1, "ann", Change::StageEntered { stage: stage("a") }),
            entry(3, "ann", Change::StageLeft { stage: stage("a") }),
            entry(3, "ann", Change::StageEntered { stage: stage("b") }),
            entry(4, "bo", Change::StageLeft { stage: stage("b") }),
            entry(7, "bo", Change::StageEntered { stage: stage("b") }),
            entry(
                7,
                "bo",
                Change::ReasonGiven {
                    action: "Reopen".into(),
                    reason: "customer called back".into(),
                },
            ),
            entry(
                8,
                "cy",
                Change::StepSet {
                    step: "quote".into(),
                    value: Some(StepValue::Check(true)),
                },
            ),
        ];
        let summary = summarise(&entries, at(10));
        let total = summary
            .stages
            .iter()
            .fold(summary.closed, |sum, s| sum + s.total);
        assert_eq!(total, summary.age);
        assert_eq!(summary.closed, Duration::hours(3));
        assert_eq!(summary.stages[1].total, Duration::hours(4));
        assert_eq!(summary.reasons[0].by, "bo");
        assert_eq!(summary.completions[0].by, "cy");
        assert!(summary.completions[0].filled);
        assert_eq!(short_duration(Duration::minutes(26 * 60 + 5)), "1 d 2 h");
        assert_eq!(short_duration(Duration::minutes(5)), "5 min");
    }
}
