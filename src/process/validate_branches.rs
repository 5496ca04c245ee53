//! The rules for a stage's branches and `next`: targets exist, lie ahead and are worked on the
//! same record kind, except that the last lead stage may name an opportunity stage (where
//! qualifying starts the opportunity); conditions read steps that exist, come no later than
//! the branching stage, and fit the step's kind. Each rule broken has its own error.

use super::definition::ProcessDefinition;
use super::record::RecordKind;

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
    /// A branch or `next` goes to a stage of the other record kind, and the branching stage
    /// is not the last lead stage.
    #[error(
        "Stage {stage} goes to {target}, which is worked on the other kind of record: only the \
         last lead stage may choose an opportunity stage, the one qualifying starts at."
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
    let last_lead = process
        .stages
        .iter()
        .rposition(|s| s.record_kind == RecordKind::Lead);
    for (index, stage) in process.stages.iter().enumerate() {
        let crosses_to_opportunity = |to: usize| {
            Some(index) == last_lead && process.stages[to].record_kind == RecordKind::Opportunity
        };
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
            if process.stages[to].record_kind != stage.record_kind && !crosses_to_opportunity(to) {
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::process::branch::{Branch, Condition, Match};
    use crate::process::definition::ProcessDefinition;
    use crate::process::validate::DefinitionError;

    /// The default process with a branch from Develop (index 1) built by `branch`.
    fn with_branch(branch: Branch) -> Result<(), DefinitionError> {
        let mut process = ProcessDefinition::lead_to_opportunity();
        process.stages[1].branches.push(branch);
        process.validate()
    }

    fn over(step: &str, value: &str) -> Condition {
        Condition::GreaterThan {
            step: step.into(),
            value: value.into(),
        }
    }

    fn to(target: &str, conditions: Vec<Condition>) -> Branch {
        Branch {
            to: target.into(),
            when: Match::All,
            conditions,
        }
    }

    #[test]
    fn each_broken_branch_rule_has_its_own_error() {
        let budget = || vec![over("estimated_budget", "50000")];
        let cases: Vec<(Branch, BranchError)> = vec![
            (
                to("nowhere", budget()),
                BranchError::UnknownTarget {
                    stage: "develop".into(),
                    target: "nowhere".into(),
                },
            ),
            (
                to("qualify", budget()),
                BranchError::OtherKind {
                    stage: "develop".into(),
                    target: "qualify".into(),
                },
            ),
            (
                to("develop", budget()),
                BranchError::NotForward {
                    stage: "develop".into(),
                    target: "develop".into(),
                },
            ),
            (
                to("close", Vec::new()),
                BranchError::NoConditions {
                    stage: "develop".into(),
                    target: "close".into(),
                },
            ),
            (
                to("close", vec![over("seats", "5")]),
                BranchError::UnknownStep {
                    stage: "develop".into(),
                    step: "seats".into(),
                },
            ),
            (
                to("close", vec![over("decision_date", "2026-01-01")]),
                BranchError::LaterStep {
                    stage: "develop".into(),
                    step: "decision_date".into(),
                    step_stage: "close".into(),
                },
            ),
        ];
        for (branch, error) in cases {
            assert_eq!(with_branch(branch), Err(DefinitionError::Branch(error)));
        }
    }

    #[test]
    fn a_condition_that_does_not_fit_its_step_says_why() {
        let misfit = |condition: Condition| match with_branch(to("close", vec![condition])) {
            Err(DefinitionError::Branch(BranchError::DoesNotFit { problem, .. })) => problem,
            other => panic!("expected a misfit, got {other:?}"),
        };
        assert_eq!(
            misfit(over("summary", "5")),
            "greater_than and less_than need a number, money or date step"
        );
        assert_eq!(
            misfit(over("estimated_budget", "lots")),
            "\"lots\" is not a value it can hold"
        );
        assert_eq!(
            misfit(Condition::OneOf {
                step: "purchase_process".into(),
                values: vec!["Board".into()],
            }),
            "\"Board\" is not one of its options"
        );
        assert_eq!(
            misfit(Condition::Equals {
                step: "existing_account".into(),
                value: "1".into(),
            }),
            "a link can only be tested with filled"
        );
        let fits = Condition::Equals {
            step: "decision_maker".into(),
            value: "yes".into(),
        };
        assert_eq!(with_branch(to("close", vec![fits])), Ok(()));
    }

    /// The default process with an Intake lead stage, holding Qualify's steps, before
    /// Qualify, the last lead stage.
    fn with_intake() -> ProcessDefinition {
        let mut process = ProcessDefinition::lead_to_opportunity();
        let mut intake = process.stages[0].clone();
        intake.key = "intake".into();
        intake.name = "Intake".into();
        process.stages[0].steps.clear();
        process.stages.insert(0, intake);
        process
    }

    #[test]
    fn only_the_last_lead_stage_may_name_an_opportunity_stage() {
        let budget = || vec![over("estimated_budget", "50000")];
        // (stage, branch target, next, result)
        type Case = (
            &'static str,
            &'static str,
            Option<&'static str>,
            Result<(), BranchError>,
        );
        let cases: [Case; 5] = [
            ("qualify", "propose", None, Ok(())),
            ("qualify", "close", Some("develop"), Ok(())),
            ("qualify", "develop", Some("propose"), Ok(())),
            (
                "intake",
                "develop",
                None,
                Err(BranchError::OtherKind {
                    stage: "intake".into(),
                    target: "develop".into(),
                }),
            ),
            (
                "intake",
                "qualify",
                Some("propose"),
                Err(BranchError::OtherKind {
                    stage: "intake".into(),
                    target: "propose".into(),
                }),
            ),
        ];
        for (stage, target, next, result) in cases {
            let mut process = with_intake();
            let at = process.stage_index(stage).unwrap_or_default();
            process.stages[at].branches.push(to(target, budget()));
            process.stages[at].next = next.map(String::from);
            assert_eq!(
                process.validate(),
                result.map_err(DefinitionError::Branch),
                "{stage} -> {target}, next {next:?}"
            );
        }
    }

    #[test]
    fn a_next_stage_follows_the_same_target_rules() {
        let mut process = ProcessDefinition::lead_to_opportunity();
        process.stages[2].next = Some("develop".into());
        assert_eq!(
            process.validate(),
            Err(DefinitionError::Branch(BranchError::NotForward {
                stage: "propose".into(),
                target: "develop".into(),
            }))
        );
    }
}
