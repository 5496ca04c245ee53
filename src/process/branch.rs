//! Branching: a stage may send a record to a later stage when conditions over the values of
//! earlier steps hold, and the record's path is the stages it takes given what is filled so
//! far. Conditions are written as text in the definition and read for the step's kind.

use std::collections::BTreeMap;

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use super::definition::{ProcessDefinition, StepKind};
use super::money::Money;
use super::record::{RecordKind, StepValue};

/// Whether a branch needs all of its conditions or any one of them.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Match {
    /// Every condition holds.
    #[default]
    All,
    /// At least one condition holds.
    Any,
}

/// One test on the value of an earlier step.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "test", rename_all = "snake_case", deny_unknown_fields)]
pub enum Condition {
    /// The step holds a value that counts as filled.
    Filled {
        /// Key of the step.
        step: String,
    },
    /// The step holds exactly this value (text and choices ignore case).
    Equals {
        /// Key of the step.
        step: String,
        /// The value, written as it would be typed: `yes`, `50000`, `2026-05-01`.
        value: String,
    },
    /// A number, amount or date step holds more than (later than) this value.
    GreaterThan {
        /// Key of the step.
        step: String,
        /// The value to compare with.
        value: String,
    },
    /// A number, amount or date step holds less than (earlier than) this value.
    LessThan {
        /// Key of the step.
        step: String,
        /// The value to compare with.
        value: String,
    },
    /// A choice step holds one of these options.
    OneOf {
        /// Key of the step.
        step: String,
        /// The options that match.
        values: Vec<String>,
    },
}

impl Condition {
    /// Key of the step the condition reads.
    pub fn step(&self) -> &str {
        match self {
            Condition::Filled { step }
            | Condition::Equals { step, .. }
            | Condition::GreaterThan { step, .. }
            | Condition::LessThan { step, .. }
            | Condition::OneOf { step, .. } => step,
        }
    }

    /// Why the condition cannot work on a step of this kind, if it cannot.
    pub fn misfit(&self, kind: &StepKind) -> Option<String> {
        let ordered = matches!(kind, StepKind::Number | StepKind::Money | StepKind::Date);
        match self {
            Condition::Filled { .. } => None,
            Condition::Equals { value, .. } => match kind {
                StepKind::Choice { options } if !options.iter().any(|o| same(o, value)) => {
                    Some(format!("\"{value}\" is not one of its options"))
                }
                StepKind::AccountLink | StepKind::ContactLink => {
                    Some("a link can only be tested with filled".to_string())
                }
                _ => parse(kind, value)
                    .is_none()
                    .then(|| format!("\"{value}\" is not a value it can hold")),
            },
            Condition::GreaterThan { value, .. } | Condition::LessThan { value, .. } => {
                if !ordered {
                    Some("greater_than and less_than need a number, money or date step".into())
                } else {
                    parse(kind, value)
                        .is_none()
                        .then(|| format!("\"{value}\" is not a value it can hold"))
                }
            }
            Condition::OneOf { values, .. } => match kind {
                StepKind::Choice { options } => {
                    if values.is_empty() {
                        return Some("one_of lists no values".to_string());
                    }
                    values
                        .iter()
                        .find(|v| !options.iter().any(|o| same(o, v)))
                        .map(|v| format!("\"{v}\" is not one of its options"))
                }
                _ => Some("one_of needs a choice step".to_string()),
            },
        }
    }

    /// Whether the condition holds for these step values, read for the step's kind.
    pub fn holds(&self, kind: &StepKind, steps: &BTreeMap<String, StepValue>) -> bool {
        let Some(found) = steps.get(self.step()).filter(|v| v.is_filled()) else {
            return false;
        };
        match self {
            Condition::Filled { .. } => true,
            Condition::Equals { value, .. } => match (found, parse(kind, value)) {
                (StepValue::Text(a), _) | (StepValue::Choice(a), _) => same(a, value),
                (found, Some(wanted)) => *found == wanted,
                (_, None) => false,
            },
            Condition::GreaterThan { value, .. } => {
                compare(found, parse(kind, value)) == Some(std::cmp::Ordering::Greater)
            }
            Condition::LessThan { value, .. } => {
                compare(found, parse(kind, value)) == Some(std::cmp::Ordering::Less)
            }
            Condition::OneOf { values, .. } => match found {
                StepValue::Choice(a) | StepValue::Text(a) => values.iter().any(|v| same(a, v)),
                _ => false,
            },
        }
    }
}

/// A conditional next stage.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Branch {
    /// Key of the stage the record goes to when the conditions hold.
    pub to: String,
    /// All of the conditions, or any one.
    #[serde(default)]
    pub when: Match,
    /// The tests on earlier steps.
    pub conditions: Vec<Condition>,
}

impl Branch {
    /// Whether the branch is taken for these step values.
    pub fn taken(&self, process: &ProcessDefinition, steps: &BTreeMap<String, StepValue>) -> bool {
        let holds = |c: &Condition| {
            process
                .step(c.step())
                .is_some_and(|(_, step)| c.holds(&step.kind, steps))
        };
        match self.when {
            Match::All => !self.conditions.is_empty() && self.conditions.iter().all(holds),
            Match::Any => self.conditions.iter().any(holds),
        }
    }
}

/// The index of the stage a record goes to after the stage at `index`: the first branch
/// taken, else the stage's `next`, else the following stage. A target that is not later
/// than `index` is ignored, so walking always ends.
pub fn next_after(
    process: &ProcessDefinition,
    index: usize,
    steps: &BTreeMap<String, StepValue>,
) -> Option<usize> {
    let stage = process.stages.get(index)?;
    let forward = |key: &str| process.stage_index(key).filter(|&i| i > index);
    let chosen = stage
        .branches
        .iter()
        .find(|branch| branch.taken(process, steps))
        .and_then(|branch| forward(&branch.to))
        .or_else(|| stage.next.as_deref().and_then(forward));
    chosen.or_else(|| (index + 1 < process.stages.len()).then_some(index + 1))
}

/// The index of the stage qualifying starts an opportunity at, given the lead's step values:
/// where the last lead stage's branches or `next` go, else the first opportunity stage.
pub fn opportunity_start(
    process: &ProcessDefinition,
    steps: &BTreeMap<String, StepValue>,
) -> Option<usize> {
    let is_opportunity = |i: &usize| process.stages[*i].record_kind == RecordKind::Opportunity;
    let last_lead = process
        .stages
        .iter()
        .rposition(|s| s.record_kind == RecordKind::Lead);
    last_lead
        .and_then(|index| next_after(process, index, steps))
        .filter(is_opportunity)
        .or_else(|| {
            process
                .stages
                .iter()
                .position(|s| s.record_kind == RecordKind::Opportunity)
        })
}

/// The stages, by index, a record at stage `current` takes through the whole process given
/// these step values: the route the branches choose up to `current`, `current` itself, and
/// the route on from it. Stages the branches skip are not on it.
pub fn path(
    process: &ProcessDefinition,
    current: &str,
    steps: &BTreeMap<String, StepValue>,
) -> Vec<usize> {
    let Some(current) = process.stage_index(current) else {
        return (0..process.stages.len()).collect();
    };
    let mut stages = Vec::new();
    let mut at = (!process.stages.is_empty()).then_some(0);
    while let Some(index) = at.filter(|&i| i < current) {
        stages.push(index);
        at = next_after(process, index, steps);
    }
    at = Some(current);
    while let Some(index) = at {
        stages.push(index);
        at = next_after(process, index, steps);
    }
    stages
}

fn same(a: &str, b: &str) -> bool {
    a.trim().eq_ignore_ascii_case(b.trim())
}

/// The value `text` stands for in a step of this kind, if it can hold it.
fn parse(kind: &StepKind, text: &str) -> Option<StepValue> {
    let text = text.trim();
    match kind {
        StepKind::Check => match text.to_ascii_lowercase().as_str() {
            "yes" | "true" | "done" => Some(StepValue::Check(true)),
            "no" | "false" => Some(StepValue::Check(false)),
            _ => None,
        },
        StepKind::Text => Some(StepValue::Text(text.to_string())),
        StepKind::Choice { .. } => Some(StepValue::Choice(text.to_string())),
        StepKind::Number => text.parse().ok().map(StepValue::Number),
        StepKind::Money => text.parse::<Money>().ok().map(StepValue::Money),
        StepKind::Date => NaiveDate::parse_from_str(text, "%Y-%m-%d")
            .ok()
            .map(StepValue::Date),
        StepKind::AccountLink | StepKind::ContactLink => None,
    }
}

fn compare(found: &StepValue, wanted: Option<StepValue>) -> Option<std::cmp::Ordering> {
    match (found, wanted?) {
        (StepValue::Number(a), StepValue::Number(b)) => Some(a.cmp(&b)),
        (StepValue::Money(a), StepValue::Money(b)) => Some(a.minor().cmp(&b.minor())),
        (StepValue::Date(a), StepValue::Date(b)) => Some(a.cmp(&b)),
        _ => None,
    }
}
