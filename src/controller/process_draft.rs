//! A process definition being edited in the app's process editor: stages and steps added,
//! renamed, moved and removed, kept whole between taps so a relayout loses nothing. Stages
//! and steps made in this draft take their key from their name until the draft is saved;
//! those that came with the stored version keep theirs, since records refer to them.

use std::collections::HashSet;

use super::draft_numbers::Typed;
use crate::process::validate::MAX_KEY_LEN;
use crate::process::{ProcessDefinition, RecordKind, Stage, Step, StepKind};

/// The step types the editor offers, in the order it lists them, with their names.
pub const STEP_TYPES: [&str; 8] = [
    "Mark complete",
    "Text",
    "Number",
    "Money",
    "Date",
    "Choice",
    "Account link",
    "Contact link",
];

/// A definition under edit, with which keys are its own new ones.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ProcessDraft {
    definition: ProcessDefinition,
    /// Keys of the stages and steps made in this draft.
    fresh: HashSet<String>,
    /// The name of the process the draft was opened on.
    origin: String,
    /// Text typed into stages' number fields that is not taken yet.
    typed: Vec<Typed>,
}

impl ProcessDraft {
    /// A draft that starts as `definition`.
    pub fn new(definition: ProcessDefinition) -> Self {
        ProcessDraft {
            origin: definition.name.clone(),
            definition,
            fresh: HashSet::new(),
            typed: Vec::new(),
        }
    }

    /// The text typed into number fields that is not taken yet.
    pub(super) fn typed(&self) -> &[Typed] {
        &self.typed
    }

    /// The same, to change.
    pub(super) fn typed_mut(&mut self) -> &mut Vec<Typed> {
        &mut self.typed
    }

    /// The definition, to change as a whole.
    pub(super) fn definition_mut(&mut self) -> &mut ProcessDefinition {
        &mut self.definition
    }

    /// The name of the process the draft was opened on; saving under another stored name
    /// would add a version to that other process.
    pub fn origin(&self) -> &str {
        &self.origin
    }

    /// The definition as edited so far.
    pub fn definition(&self) -> &ProcessDefinition {
        &self.definition
    }

    /// The definition to store: names, labels, guidance and options without the spaces
    /// around them.
    pub fn finished(&self) -> ProcessDefinition {
        let mut definition = self.definition.clone();
        definition.name = definition.name.trim().to_string();
        for stage in &mut definition.stages {
            stage.name = stage.name.trim().to_string();
            stage.guidance = stage.guidance.trim().to_string();
            for step in &mut stage.steps {
                step.label = step.label.trim().to_string();
            }
        }
        definition
    }

    /// Names the process; a name not stored yet makes the draft a new process.
    pub fn set_name(&mut self, name: &str) {
        self.definition.name = name.to_string();
    }

    /// Adds a stage after the one at `after` (at the start when there is none), worked on
    /// the same kind of record so lead stages stay first. Returns its position.
    pub fn add_stage(&mut self, after: Option<usize>) -> usize {
        let stages = &self.definition.stages;
        let at = after.map_or(0, |i| (i + 1).min(stages.len()));
        let like = after.and_then(|i| stages.get(i));
        let name = "New stage";
        let key = self.unique_key(name);
        let stage = Stage {
            key: key.clone(),
            name: name.to_string(),
            record_kind: like.map_or(RecordKind::Lead, |s| s.record_kind),
            probability: like.map_or(10, |s| s.probability),
            guidance: String::new(),
            target_days: None,
            steps: Vec::new(),
            branches: Vec::new(),
            next: None,
        };
        self.fresh.insert(key);
        self.definition.stages.insert(at, stage);
        at
    }

    /// Renames the stage at `index`; a stage new in this draft takes a key from its name.
    pub fn rename_stage(&mut self, index: usize, name: &str) {
        let name = name.to_string();
        let Some(old) = self.definition.stages.get(index).map(|s| s.key.clone()) else {
            return;
        };
        let key = self.fresh.contains(&old).then(|| self.rekey(&old, &name));
        if let Some(key) = &key {
            self.follow_key(&old, key);
            self.follow_typed(&old, key);
        }
        if let Some(stage) = self.definition.stages.get_mut(index) {
            stage.name = name;
            if let Some(key) = key {
                stage.key = key;
            }
        }
    }

    /// Moves the stage at `index` one place earlier or later; returns where it is now.
    pub fn move_stage(&mut self, index: usize, earlier: bool) -> usize {
        let stages = &mut self.definition.stages;
        let to = if earlier {
            index.checked_sub(1)
        } else {
            Some(index + 1)
        };
        match to {
            Some(to) if to < stages.len() && index < stages.len() => {
                stages.swap(index, to);
                to
            }
            _ => index,
        }
    }

    /// Removes the stage at `index` with its steps.
    pub fn remove_stage(&mut self, index: usize) {
        if index < self.definition.stages.len() {
            let stage = self.definition.stages.remove(index);
            self.forget_typed(&stage.key);
        }
    }

    /// The stage at `index`, to change in place: kind, probability, target, guidance.
    pub fn stage_mut(&mut self, index: usize) -> Option<&mut Stage> {
        self.definition.stages.get_mut(index)
    }

    /// Adds a text step at the end of the stage at `stage`; returns its position.
    pub fn add_step(&mut self, stage: usize) -> Option<usize> {
        let label = "New step";
        let key = self.unique_key(label);
        let steps = &mut self.definition.stages.get_mut(stage)?.steps;
        steps.push(Step {
            key: key.clone(),
            label: label.to_string(),
            kind: StepKind::Text,
            required: false,
        });
        self.fresh.insert(key);
        Some(steps.len() - 1)
    }

    /// Relabels a step; a step new in this draft takes a key from its label.
    pub fn rename_step(&mut self, stage: usize, step: usize, label: &str) {
        let label = label.to_string();
        let Some(old) = self.step_mut(stage, step).map(|s| s.key.clone()) else {
            return;
        };
        let key = self.fresh.contains(&old).then(|| self.rekey(&old, &label));
        if let Some(key) = &key {
            self.follow_key(&old, key);
        }
        if let Some(found) = self.step_mut(stage, step) {
            found.label = label;
            if let Some(key) = key {
                found.key = key;
            }
        }
    }

    /// Moves a step one place earlier or later in its stage; returns where it is now.
    pub fn move_step(&mut self, stage: usize, step: usize, earlier: bool) -> usize {
        let Some(steps) = self.definition.stages.get_mut(stage).map(|s| &mut s.steps) else {
            return step;
        };
        let to = if earlier {
            step.checked_sub(1)
        } else {
            Some(step + 1)
        };
        match to {
            Some(to) if to < steps.len() && step < steps.len() => {
                steps.swap(step, to);
                to
            }
            _ => step,
        }
    }

    /// Removes a step.
    pub fn remove_step(&mut self, stage: usize, step: usize) {
        if let Some(steps) = self.definition.stages.get_mut(stage).map(|s| &mut s.steps) {
            if step < steps.len() {
                steps.remove(step);
            }
        }
    }

    /// The step at these positions, to change in place.
    pub fn step_mut(&mut self, stage: usize, step: usize) -> Option<&mut Step> {
        self.definition.stages.get_mut(stage)?.steps.get_mut(step)
    }

    /// Gives a step the type at `index` of [`STEP_TYPES`]; a choice keeps its options.
    pub fn set_step_type(&mut self, stage: usize, step: usize, index: usize) {
        let Some(found) = self.step_mut(stage, step) else {
            return;
        };
        let options = match &found.kind {
            StepKind::Choice { options } => options.clone(),
            _ => Vec::new(),
        };
        let kind = match index {
            0 => StepKind::Check,
            1 => StepKind::Text,
            2 => StepKind::Number,
            3 => StepKind::Money,
            4 => StepKind::Date,
            5 => StepKind::Choice { options },
            6 => StepKind::AccountLink,
            7 => StepKind::ContactLink,
            _ => return,
        };
        found.kind = kind;
    }

    /// Sets a choice step's options from text with one option per comma or line.
    pub fn set_options(&mut self, stage: usize, step: usize, text: &str) {
        if let Some(found) = self.step_mut(stage, step) {
            if let StepKind::Choice { options } = &mut found.kind {
                *options = text
                    .split([',', '\n'])
                    .map(str::trim)
                    .filter(|o| !o.is_empty())
                    .map(str::to_string)
                    .collect();
            }
        }
    }

    /// A key made from `name` that no stage or step has, other than `old` itself.
    fn rekey(&mut self, old: &str, name: &str) -> String {
        let base = slug(name);
        if base == old || base.is_empty() {
            return old.to_string();
        }
        let key = self.unique_key(name);
        self.fresh.remove(old);
        self.fresh.insert(key.clone());
        key
    }

    /// `name` as a key no stage or step of the draft has yet.
    fn unique_key(&self, name: &str) -> String {
        let taken: HashSet<&str> = self
            .definition
            .stages
            .iter()
            .flat_map(|s| std::iter::once(s.key.as_str()).chain(s.steps.iter().map(|t| &*t.key)))
            .collect();
        let base = match slug(name) {
            base if base.is_empty() => "item".to_string(),
            base => base,
        };
        let mut key = base.clone();
        let mut n = 2;
        while taken.contains(key.as_str()) {
            let suffix = format!("_{n}");
            let room = MAX_KEY_LEN.saturating_sub(suffix.len()).min(base.len());
            key = format!("{}{suffix}", &base[..room]);
            n += 1;
        }
        key
    }
}

/// `Executive review!` as `executive_review`: lowercase ASCII letters, digits and single
/// underscores, starting with a letter and at most [`MAX_KEY_LEN`] long.
fn slug(name: &str) -> String {
    let mut key = String::new();
    for c in name.chars().flat_map(char::to_lowercase) {
        if c.is_ascii_lowercase() || (c.is_ascii_digit() && !key.is_empty()) {
            key.push(c);
        } else if !key.is_empty() && !key.ends_with('_') {
            key.push('_');
        }
    }
    key.truncate(MAX_KEY_LEN);
    key.trim_end_matches('_').to_string()
}
