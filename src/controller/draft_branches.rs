//! The branches of a stage in the process editor's draft: added and removed, their target
//! and default next stage stepped through the later stages of the same record kind (the last
//! lead stage also through the opportunity stages, where qualifying starts), their
//! conditions stepped through the steps they may read and the tests that fit each step.
//! Keys that change as new stages and steps are renamed are followed here too.

use super::process_draft::ProcessDraft;
use crate::process::{Branch, Condition, Match, ProcessDefinition, RecordKind, StepKind};

/// The tests a condition can make, as the editor names them.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Test {
    /// The step is filled.
    Filled,
    /// The step holds this value.
    Equals,
    /// The step holds more than (later than) this value.
    More,
    /// The step holds less than (earlier than) this value.
    Less,
    /// The step holds one of these options.
    OneOf,
}

impl Test {
    /// How the editor shows the test.
    pub fn label(self) -> &'static str {
        match self {
            Test::Filled => "is filled",
            Test::Equals => "is",
            Test::More => "is more than",
            Test::Less => "is less than",
            Test::OneOf => "is one of",
        }
    }

    /// The test `condition` makes.
    pub fn of(condition: &Condition) -> Test {
        match condition {
            Condition::Filled { .. } => Test::Filled,
            Condition::Equals { .. } => Test::Equals,
            Condition::GreaterThan { .. } => Test::More,
            Condition::LessThan { .. } => Test::Less,
            Condition::OneOf { .. } => Test::OneOf,
        }
    }

    /// The tests that fit a step of this kind, in the order the editor steps through them.
    pub fn fitting(kind: &StepKind) -> &'static [Test] {
        match kind {
            StepKind::Number | StepKind::Money | StepKind::Date => {
                &[Test::More, Test::Less, Test::Equals, Test::Filled]
            }
            StepKind::Choice { .. } => &[Test::Equals, Test::OneOf, Test::Filled],
            StepKind::Check | StepKind::Text => &[Test::Equals, Test::Filled],
            StepKind::AccountLink | StepKind::ContactLink => &[Test::Filled],
        }
    }
}

/// The value a condition compares with, as typed: options joined by commas for one-of.
pub fn condition_value(condition: &Condition) -> String {
    match condition {
        Condition::Filled { .. } => String::new(),
        Condition::Equals { value, .. }
        | Condition::GreaterThan { value, .. }
        | Condition::LessThan { value, .. } => value.clone(),
        Condition::OneOf { values, .. } => values.join(", "),
    }
}

fn make(test: Test, step: String, value: &str) -> Condition {
    let value = value.trim().to_string();
    match test {
        Test::Filled => Condition::Filled { step },
        Test::Equals => Condition::Equals { step, value },
        Test::More => Condition::GreaterThan { step, value },
        Test::Less => Condition::LessThan { step, value },
        Test::OneOf => Condition::OneOf {
            step,
            values: value
                .split(',')
                .map(str::trim)
                .filter(|v| !v.is_empty())
                .map(str::to_string)
                .collect(),
        },
    }
}

/// Keys of the stages after the one at `index` worked on the same kind of record; for the
/// last lead stage also the opportunity stages, one of which qualifying starts at.
pub fn targets(process: &ProcessDefinition, index: usize) -> Vec<String> {
    let Some(kind) = process.stages.get(index).map(|s| s.record_kind) else {
        return Vec::new();
    };
    let last_lead = process
        .stages
        .iter()
        .rposition(|s| s.record_kind == RecordKind::Lead);
    let crosses = Some(index) == last_lead;
    process.stages[index + 1..]
        .iter()
        .filter(|s| s.record_kind == kind || (crosses && s.record_kind == RecordKind::Opportunity))
        .map(|s| s.key.clone())
        .collect()
}

/// Keys of the steps a branch of the stage at `index` may test: its own and earlier ones.
pub fn readable_steps(process: &ProcessDefinition, index: usize) -> Vec<String> {
    process
        .stages
        .iter()
        .take(index + 1)
        .flat_map(|s| s.steps.iter().map(|t| t.key.clone()))
        .collect()
}

/// The item after `current` in `items`, going round; the first when `current` is not there.
fn after(items: &[String], current: &str) -> Option<String> {
    let at = items.iter().position(|i| i == current).map_or(0, |i| i + 1);
    items.get(at % items.len().max(1)).cloned()
}

impl ProcessDraft {
    fn branch_mut(&mut self, stage: usize, branch: usize) -> Option<&mut Branch> {
        self.stage_mut(stage)?.branches.get_mut(branch)
    }

    fn condition_mut(&mut self, at: (usize, usize, usize)) -> Option<&mut Condition> {
        self.branch_mut(at.0, at.1)?.conditions.get_mut(at.2)
    }

    /// A condition on the last step this stage's branches can read, fitting its kind.
    fn fresh_condition(&self, stage: usize) -> Option<Condition> {
        let process = self.definition();
        let key = readable_steps(process, stage).pop()?;
        let (_, step) = process.step(&key)?;
        let test = Test::fitting(&step.kind).first().copied()?;
        Some(make(test, key, ""))
    }

    /// Adds a branch to the stage at `stage`, going to the second of its [`targets`] when
    /// there is one, with one condition; returns its position. A stage with no target gets
    /// none.
    pub fn add_branch(&mut self, stage: usize) -> Option<usize> {
        let targets = targets(self.definition(), stage);
        let to = targets.get(1).or(targets.first())?.clone();
        let conditions = self.fresh_condition(stage).into_iter().collect();
        let branches = &mut self.stage_mut(stage)?.branches;
        branches.push(Branch {
            to,
            when: Match::All,
            conditions,
        });
        Some(branches.len() - 1)
    }

    /// Removes a branch.
    pub fn remove_branch(&mut self, stage: usize, branch: usize) {
        if let Some(found) = self.stage_mut(stage) {
            if branch < found.branches.len() {
                found.branches.remove(branch);
            }
        }
    }

    /// Sends the branch to the next of the stage's [`targets`], going round.
    pub fn next_branch_target(&mut self, stage: usize, branch: usize) {
        let targets = targets(self.definition(), stage);
        if let Some(found) = self.branch_mut(stage, branch) {
            if let Some(to) = after(&targets, &found.to) {
                found.to = to;
            }
        }
    }

    /// Makes the branch need any one of its conditions, or all of them.
    pub fn set_branch_any(&mut self, stage: usize, branch: usize, any: bool) {
        if let Some(found) = self.branch_mut(stage, branch) {
            found.when = if any { Match::Any } else { Match::All };
        }
    }

    /// Steps the stage's default next stage through its [`targets`] and back to none (the
    /// following stage in order).
    pub fn next_default(&mut self, stage: usize) {
        let targets = targets(self.definition(), stage);
        if let Some(found) = self.stage_mut(stage) {
            let at = found
                .next
                .as_ref()
                .and_then(|n| targets.iter().position(|t| t == n));
            found.next = match at {
                None => targets.first().cloned(),
                Some(i) => targets.get(i + 1).cloned(),
            };
        }
    }

    /// Adds a condition to a branch.
    pub fn add_condition(&mut self, stage: usize, branch: usize) {
        let fresh = self.fresh_condition(stage);
        if let (Some(fresh), Some(found)) = (fresh, self.branch_mut(stage, branch)) {
            found.conditions.push(fresh);
        }
    }

    /// Removes a condition from a branch.
    pub fn remove_condition(&mut self, stage: usize, branch: usize, condition: usize) {
        if let Some(found) = self.branch_mut(stage, branch) {
            if condition < found.conditions.len() {
                found.conditions.remove(condition);
            }
        }
    }

    /// Makes the condition read the next step it may read, with the first test fitting it.
    pub fn next_condition_step(&mut self, stage: usize, branch: usize, condition: usize) {
        let process = self.definition();
        let steps = readable_steps(process, stage);
        let Some(current) = self.condition_mut((stage, branch, condition)).cloned() else {
            return;
        };
        let Some(key) = after(&steps, current.step()) else {
            return;
        };
        let Some((_, step)) = self.definition().step(&key) else {
            return;
        };
        let Some(test) = Test::fitting(&step.kind).first().copied() else {
            return;
        };
        if let Some(found) = self.condition_mut((stage, branch, condition)) {
            *found = make(test, key, &condition_value(&current));
        }
    }

    /// Makes the condition use the next test fitting its step, keeping the value typed.
    pub fn next_condition_test(&mut self, stage: usize, branch: usize, condition: usize) {
        let Some(current) = self.condition_mut((stage, branch, condition)).cloned() else {
            return;
        };
        let Some((_, step)) = self.definition().step(current.step()) else {
            return;
        };
        let tests = Test::fitting(&step.kind);
        let at = tests.iter().position(|t| *t == Test::of(&current));
        let test = tests[at.map_or(0, |i| (i + 1) % tests.len())];
        let value = condition_value(&current);
        if let Some(found) = self.condition_mut((stage, branch, condition)) {
            *found = make(test, current.step().to_string(), &value);
        }
    }

    /// Sets the value a condition compares with.
    pub fn set_condition_value(&mut self, at: (usize, usize, usize), text: &str) {
        if let Some(found) = self.condition_mut(at) {
            let step = found.step().to_string();
            *found = make(Test::of(found), step, text);
        }
    }

    /// Points every branch, default next stage and condition naming `old` at `new`, after
    /// a stage or step new in the draft took a key from its new name.
    pub(super) fn follow_key(&mut self, old: &str, new: &str) {
        let stages = self.definition().stages.len();
        for i in 0..stages {
            let Some(stage) = self.stage_mut(i) else {
                continue;
            };
            if stage.next.as_deref() == Some(old) {
                stage.next = Some(new.to_string());
            }
            for branch in &mut stage.branches {
                if branch.to == old {
                    branch.to = new.to_string();
                }
                for condition in &mut branch.conditions {
                    if condition.step() == old {
                        let value = condition_value(condition);
                        *condition = make(Test::of(condition), new.to_string(), &value);
                    }
                }
            }
        }
    }
}
