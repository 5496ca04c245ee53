//! Where on the process editor's screen a broken rule belongs: the name, the process as a
//! whole, or the stage, number field, step or branch whose key the error names.

use super::draft_numbers::NumberField;
use super::process_draft::ProcessDraft;
use crate::process::validate::BranchError;
use crate::process::DefinitionError;

/// Where a definition error belongs on the editor's screen.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Fault {
    /// The process name.
    Name,
    /// The process as a whole, such as having no lead stage.
    Process,
    /// The stage at this position.
    Stage(usize),
    /// A number field of the stage at this position.
    Number(usize, NumberField),
    /// The step at this position of the stage at that position.
    Step(usize, usize),
    /// The branch at this position of the stage at that position.
    Branch(usize, usize),
}

impl ProcessDraft {
    /// Where on the screen `error` belongs, found by the key it names.
    pub fn fault(&self, error: &DefinitionError) -> Fault {
        let stage_at = |key: &str| self.definition().stage_index(key).map(Fault::Stage);
        let step_at = |key: &str| {
            self.definition()
                .stages
                .iter()
                .enumerate()
                .find_map(|(i, s)| {
                    let j = s.steps.iter().rposition(|step| step.key == key)?;
                    Some(Fault::Step(i, j))
                })
        };
        let found = match error {
            DefinitionError::EmptyName => Some(Fault::Name),
            DefinitionError::LeadAfterOpportunity { stage } => stage_at(stage),
            DefinitionError::ProbabilityOver100 { stage, .. } => self
                .definition()
                .stage_index(stage)
                .map(|i| Fault::Number(i, NumberField::Probability)),
            DefinitionError::ZeroTargetDays { stage } => self
                .definition()
                .stage_index(stage)
                .map(|i| Fault::Number(i, NumberField::TargetDays)),
            DefinitionError::DuplicateStageKey { key } => {
                let last = self.definition().stages.iter().rposition(|s| s.key == *key);
                last.map(Fault::Stage)
            }
            DefinitionError::DuplicateStepKey { key }
            | DefinitionError::ChoiceWithoutOptions { step: key } => step_at(key),
            DefinitionError::BlankLabel { what, key, .. } if *what == "Stage" => stage_at(key),
            DefinitionError::BlankLabel { key, .. } => step_at(key),
            DefinitionError::BadKey { key, .. } => step_at(key).or_else(|| stage_at(key)),
            DefinitionError::TooLong {
                what: "process", ..
            } => Some(Fault::Name),
            DefinitionError::TooLong {
                what: "stage", key, ..
            } => stage_at(key),
            DefinitionError::TooLong { key, .. } => step_at(key),
            DefinitionError::Branch(problem) => self.branch_fault(problem),
            _ => None,
        };
        found.unwrap_or(Fault::Process)
    }
}

impl ProcessDraft {
    /// The branch `problem` is about: the first of its stage going to the target named, or
    /// testing the step named; the stage itself when it is about the default next stage.
    fn branch_fault(&self, problem: &BranchError) -> Option<Fault> {
        let (stage, target, step) = match problem {
            BranchError::UnknownTarget { stage, target }
            | BranchError::OtherKind { stage, target }
            | BranchError::NotForward { stage, target }
            | BranchError::NoConditions { stage, target } => (stage, Some(target), None),
            BranchError::UnknownStep { stage, step }
            | BranchError::LaterStep { stage, step, .. }
            | BranchError::DoesNotFit { stage, step, .. } => (stage, None, Some(step)),
        };
        let index = self.definition().stage_index(stage)?;
        let branches = &self.definition().stages.get(index)?.branches;
        let found = branches.iter().position(|b| {
            target.is_some_and(|t| b.to == *t)
                || step.is_some_and(|s| b.conditions.iter().any(|c| c.step() == s))
        });
        Some(found.map_or(Fault::Stage(index), |b| Fault::Branch(index, b)))
    }
}
