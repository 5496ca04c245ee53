//! Reading a record's history: time spent in each stage (all visits summed) and how long the
//! current stage has been active.

use chrono::{DateTime, Duration, Utc};

use super::machine::Change;

/// One history entry: when it happened and what happened.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Entry {
    /// When the change was made, in UTC.
    pub at: DateTime<Utc>,
    /// Who made it: the user name set on the device, empty for history from before names
    /// were kept.
    pub by: String,
    /// What changed.
    pub change: Change,
}

/// Time a record has spent in one stage.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StageTime {
    /// Key of the stage.
    pub stage: String,
    /// All visits added up; an open visit counts up to now.
    pub total: Duration,
    /// How many times the stage was entered.
    pub visits: u32,
}

/// Sums the time spent in each stage, in the order stages were first entered.
///
/// A visit runs from a stage entry to the next exit of that stage; a visit with no exit yet
/// runs until `now`.
pub fn time_in_stages(entries: &[Entry], now: DateTime<Utc>) -> Vec<StageTime> {
    let mut times: Vec<StageTime> = Vec::new();
    let mut open: Vec<(String, DateTime<Utc>)> = Vec::new();

    for entry in entries {
        match &entry.change {
            Change::StageEntered { stage } => {
                open.retain(|(key, _)| key != stage);
                open.push((stage.clone(), entry.at));
                slot(&mut times, stage).visits += 1;
            }
            Change::StageLeft { stage } => {
                if let Some(pos) = open.iter().position(|(key, _)| key == stage) {
                    let (_, since) = open.remove(pos);
                    slot(&mut times, stage).total += (entry.at - since).max(Duration::zero());
                }
            }
            _ => {}
        }
    }

    for (stage, since) in open {
        slot(&mut times, &stage).total += (now - since).max(Duration::zero());
    }
    times
}

/// Whole days between two moments, never negative: the "N days" of "Active for N days".
pub fn whole_days(since: DateTime<Utc>, now: DateTime<Utc>) -> i64 {
    (now - since).num_days().max(0)
}

fn slot<'a>(times: &'a mut Vec<StageTime>, stage: &str) -> &'a mut StageTime {
    let index = match times.iter().position(|t| t.stage == stage) {
        Some(index) => index,
        None => {
            times.push(StageTime {
                stage: stage.to_string(),
                total: Duration::zero(),
                visits: 0,
            });
            times.len() - 1
        }
    };
    &mut times[index]
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::TimeZone;

    fn day(n: u32) -> DateTime<Utc> {
        Utc.with_ymd_and_hms(2026, 3, n, 9, 0, 0)
            .single()
            .unwrap_or_default()
    }

    fn enter(stage: &str, n: u32) -> Entry {
        Entry {
            at: day(n),
            by: String::new(),
            change: Change::StageEntered {
                stage: stage.into(),
            },
        }
    }

    fn leave(stage: &str, n: u32) -> Entry {
        Entry {
            at: day(n),
            by: String::new(),
            change: Change::StageLeft {
                stage: stage.into(),
            },
        }
    }

    #[test]
    fn both_visits_to_a_stage_add_up() {
        let entries = [
            enter("develop", 1),
            leave("develop", 4),
            enter("propose", 4),
            leave("propose", 6),
            enter("develop", 6),
            leave("develop", 8),
            enter("propose", 8),
        ];
        let times = time_in_stages(&entries, day(10));
        assert_eq!(times[0].stage, "develop");
        assert_eq!(times[0].total, Duration::days(5));
        assert_eq!(times[0].visits, 2);
        assert_eq!(times[1].stage, "propose");
        assert_eq!(times[1].total, Duration::days(4));
    }

    #[test]
    fn a_stage_left_without_entry_adds_nothing() {
        let times = time_in_stages(&[leave("close", 3)], day(5));
        assert!(times.is_empty());
        assert_eq!(whole_days(day(5), day(3)), 0);
        assert_eq!(whole_days(day(3), day(5)), 2);
    }
}
