//! The rules for a stage's branches and `next`: targets exist, are worked on the same record
//! kind and lie ahead; conditions read steps that exist, come no later than the branching
//! stage, and fit the step's kind. Each rule broken has its own error.

use super::definition::ProcessDefinition;

/// What is wrong with a stage's branches or its `next`.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum BranchError {
    /// A branch or `next` names a stage the process does not have.
    #[error("Stage {stage} goes to {target}, which is not a stage of this process.")]
    UnknownTarget {
        /// Key of the branching stage.
        stage: String,
        /// The target as written.
        target: String,
    },
    /// A branch or `next` goes to a stage of the other record kind.
    #[error(
        "Stage {stage} goes to {target}, which is worked on the other kind of record: a lead \
         reaches opportunity stages only by being qualified."
    )]
    OtherKind {
        /// Key of the branching stage.
        stage: String,
        /// Key of the target.
        target: String,
    },
    /// A branch or `next` goes to the stage itself or back.
    #[error("Stage {stage} goes to {target}, which is not after it: branches only go forward.")]
    NotForward {
        /// Key of the branching stage.
        stage: String,
        /// Key of the target.
        target: String,
    },
    /// A branch has no conditions.
    #[error("A branch of stage {stage} to {target} has no conditions: add at least one.")]
    NoConditions {
        /// Key of the branching stage.
        stage: String,
        /// Key of the target.
        target: String,
    },
    /// A condition reads a step the process does not have.
    #[error("A branch of stage {stage} tests step {step}, which the process does not have.")]
    UnknownStep {
        /// Key of the branching stage.
        stage: String,
        /// The step as written.
        step: String,
    },
    /// A condition reads a step of a later stage, not filled yet when the branch is taken.
    #[error(
        "A branch of stage {stage} tests step {step}, which belongs to the later stage \
         {step_stage}: test steps of this stage or earlier ones."
    )]
    LaterStep {
        /// Key of the branching stage.
        stage: String,
        /// Key of the step.
        step: String,
        /// Key of the stage the step belongs to.
        step_stage: String,
    },
    /// A condition does not fit the kind of its step.
    #[error("A branch of stage {stage} tests step {step}: {problem}.")]
    DoesNotFit {
        /// Key of the branching stage.
        stage: String,
        /// Key of the step.
        step: String,
        /// What does not fit.
        problem: String,
    },
}

/// Checks every stage's branches and `next`; the first rule broken is returned.
pub(super) fn check(process: &ProcessDefinition) -> Result<(), BranchError> {
    for (index, stage) in process.stages.iter().enumerate() {
        let targets = stage
            .branches
            .iter()
            .map(|b| &b.to)
            .chain(stage.next.as_ref());
        for target in targets {
            let err = |make: fn(String, String) -> BranchError| {
                Err(make(stage.key.clone(), target.clone()))
            };
            let Some(to) = process.stage_index(target) else {
                return err(|stage, target| BranchError::UnknownTarget { stage, target });
            };
            if process.stages[to].record_kind != stage.record_kind {
                return err(|stage, target| BranchError::OtherKind { stage, target });
            }
            if to <= index {
                return err(|stage, target| BranchError::NotForward { stage, target });
            }
        }
        for branch in &stage.branches {
            if branch.conditions.is_empty() {
                return Err(BranchError::NoConditions {
                    stage: stage.key.clone(),
                    target: branch.to.clone(),
                });
            }
            for condition in &branch.conditions {
                let key = condition.step();
                let Some((owner, step)) = process.step(key) else {
                    return Err(BranchError::UnknownStep {
                        stage: stage.key.clone(),
                        step: key.to_string(),
                    });
                };
                if process.stage_index(&owner.key).is_none_or(|i| i > index) {
                    return Err(BranchError::LaterStep {
                        stage: stage.key.clone(),
                        step: key.to_string(),
                        step_stage: owner.key.clone(),
                    });
                }
                if let Some(problem) = condition.misfit(&step.kind) {
                    return Err(BranchError::DoesNotFit {
                        stage: stage.key.clone(),
                        step: key.to_string(),
                        problem,
                    });
                }
            }
        }
    }
    Ok(())
}
