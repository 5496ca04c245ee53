//! Checks a process definition before it is stored or handed to devices: each rule a
//! definition can break has its own error, naming the stage or step at fault.

use std::collections::HashSet;

use super::definition::{ProcessDefinition, StepKind};
use super::record::RecordKind;
pub use super::validate_branches::BranchError;

/// The longest key a stage or step may have.
pub const MAX_KEY_LEN: usize = 40;

/// The most characters a process name may have.
pub const MAX_NAME: usize = 80;

/// The most characters a stage name may have: a chevron on the bar shows it.
pub const MAX_STAGE_NAME: usize = 40;

/// The most characters a step label or a choice option may have.
pub const MAX_LABEL: usize = 80;

/// What is wrong with a process definition.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum DefinitionError {
    /// The process has no name.
    #[error("The process has no name: give it one, such as \"Small deal\".")]
    EmptyName,
    /// The process has no stages.
    #[error("The process has no stages: add at least one lead and one opportunity stage.")]
    NoStages,
    /// No stage is worked on a lead.
    #[error("The process has no lead stage: the first stage must have record_kind = \"lead\".")]
    NoLeadStage,
    /// No stage is worked on an opportunity.
    #[error("The process has no opportunity stage: add one with record_kind = \"opportunity\".")]
    NoOpportunityStage,
    /// A lead stage comes after an opportunity stage.
    #[error("Stage {stage} is a lead stage after an opportunity stage: put lead stages first.")]
    LeadAfterOpportunity {
        /// Key of the misplaced lead stage.
        stage: String,
    },
    /// Two stages share a key.
    #[error("Two stages have the key {key}: give each stage its own key.")]
    DuplicateStageKey {
        /// The repeated key.
        key: String,
    },
    /// Two steps share a key, in one stage or across stages.
    #[error("Two steps have the key {key}: step keys must differ across the whole process.")]
    DuplicateStepKey {
        /// The repeated key.
        key: String,
    },
    /// A stage's win probability is over 100.
    #[error("Stage {stage} has probability {probability}: use a number from 0 to 100.")]
    ProbabilityOver100 {
        /// Key of the stage.
        stage: String,
        /// The probability given.
        probability: u8,
    },
    /// A stage's target number of days is zero.
    #[error("Stage {stage} has a target of 0 days: give at least 1, or leave target_days out.")]
    ZeroTargetDays {
        /// Key of the stage.
        stage: String,
    },
    /// A choice step offers nothing to choose from.
    #[error("Step {step} is a choice with no options: list at least one option.")]
    ChoiceWithoutOptions {
        /// Key of the step.
        step: String,
    },
    /// A stage name or step label is blank.
    #[error("{what} {key} has a blank {field}: write what the user should see.")]
    BlankLabel {
        /// "Stage" or "Step".
        what: &'static str,
        /// Key of the stage or step.
        key: String,
        /// "name" or "label".
        field: &'static str,
    },
    /// A name or label longer than the bar, the list and the sheets can show.
    #[error(
        "The {field} of {what} {key} is {length} characters long: keep it to {max}, so the bar \
         and the list show it whole."
    )]
    TooLong {
        /// "process", "stage" or "step".
        what: &'static str,
        /// Key of the stage or step; the start of the name for the process.
        key: String,
        /// "name", "label" or "option".
        field: &'static str,
        /// How many characters it has.
        length: usize,
        /// How many it may have.
        max: usize,
    },
    /// A stage's branches or `next` break a rule.
    #[error(transparent)]
    Branch(#[from] BranchError),
    /// A stage or step key breaks a rule for keys.
    #[error("The key \"{key}\" {rule}.")]
    BadKey {
        /// The key as given.
        key: String,
        /// The rule it breaks, as a sentence ending.
        rule: KeyRule,
    },
}

/// The rules a stage or step key must follow.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
pub enum KeyRule {
    /// Keys are not empty.
    #[error("is empty: every stage and step needs a key")]
    Empty,
    /// Keys start with a lowercase letter.
    #[error("must start with a lowercase letter a-z")]
    FirstLetter,
    /// Keys hold only lowercase letters, digits and underscores.
    #[error("may hold only lowercase letters a-z, digits and _")]
    Characters,
    /// Keys are short enough to type.
    #[error("is longer than 40 characters")]
    TooLong,
}

/// Which rule `key` breaks, if any.
pub fn key_rule(key: &str) -> Option<KeyRule> {
    let mut chars = key.chars();
    let first = chars.next()?;
    if !first.is_ascii_lowercase() {
        return Some(KeyRule::FirstLetter);
    }
    if !key
        .chars()
        .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_')
    {
        return Some(KeyRule::Characters);
    }
    (key.len() > MAX_KEY_LEN).then_some(KeyRule::TooLong)
}

/// Refuses `text` when it has more than `max` characters.
fn check_length(
    what: &'static str,
    key: &str,
    field: &'static str,
    text: &str,
    max: usize,
) -> Result<(), DefinitionError> {
    let length = text.chars().count();
    if length <= max {
        return Ok(());
    }
    Err(DefinitionError::TooLong {
        what,
        key: key.to_string(),
        field,
        length,
        max,
    })
}

fn check_key(key: &str) -> Result<(), DefinitionError> {
    let rule = if key.is_empty() {
        Some(KeyRule::Empty)
    } else {
        key_rule(key)
    };
    match rule {
        Some(rule) => Err(DefinitionError::BadKey {
            key: key.to_string(),
            rule,
        }),
        None => Ok(()),
    }
}

impl ProcessDefinition {
    /// Checks every rule a definition must follow; the first one broken is returned.
    pub fn validate(&self) -> Result<(), DefinitionError> {
        if self.name.trim().is_empty() {
            return Err(DefinitionError::EmptyName);
        }
        if self.stages.is_empty() {
            return Err(DefinitionError::NoStages);
        }
        let start: String = self.name.chars().take(24).collect();
        check_length(
            "process",
            &format!("\"{start}…\""),
            "name",
            &self.name,
            MAX_NAME,
        )?;

        let mut stage_keys = HashSet::new();
        let mut step_keys = HashSet::new();
        let mut seen_opportunity = false;
        for stage in &self.stages {
            check_key(&stage.key)?;
            if !stage_keys.insert(stage.key.as_str()) {
                return Err(DefinitionError::DuplicateStageKey {
                    key: stage.key.clone(),
                });
            }
            if stage.name.trim().is_empty() {
                return Err(DefinitionError::BlankLabel {
                    what: "Stage",
                    key: stage.key.clone(),
                    field: "name",
                });
            }
            check_length("stage", &stage.key, "name", &stage.name, MAX_STAGE_NAME)?;
            match stage.record_kind {
                RecordKind::Opportunity => seen_opportunity = true,
                RecordKind::Lead if seen_opportunity => {
                    return Err(DefinitionError::LeadAfterOpportunity {
                        stage: stage.key.clone(),
                    })
                }
                RecordKind::Lead => {}
            }
            if stage.probability > 100 {
                return Err(DefinitionError::ProbabilityOver100 {
                    stage: stage.key.clone(),
                    probability: stage.probability,
                });
            }
            if stage.target_days == Some(0) {
                return Err(DefinitionError::ZeroTargetDays {
                    stage: stage.key.clone(),
                });
            }

            for step in &stage.steps {
                check_key(&step.key)?;
                if !step_keys.insert(step.key.as_str()) {
                    return Err(DefinitionError::DuplicateStepKey {
                        key: step.key.clone(),
                    });
                }
                if step.label.trim().is_empty() {
                    return Err(DefinitionError::BlankLabel {
                        what: "Step",
                        key: step.key.clone(),
                        field: "label",
                    });
                }
                check_length("step", &step.key, "label", &step.label, MAX_LABEL)?;
                if let StepKind::Choice { options } = &step.kind {
                    for option in options {
                        check_length("step", &step.key, "option", option, MAX_LABEL)?;
                    }
                }
                if let StepKind::Choice { options } = &step.kind {
                    if options.iter().all(|o| o.trim().is_empty()) {
                        return Err(DefinitionError::ChoiceWithoutOptions {
                            step: step.key.clone(),
                        });
                    }
                }
            }
        }

        if self.first_stage_of(RecordKind::Lead).is_none() {
            return Err(DefinitionError::NoLeadStage);
        }
        if !seen_opportunity {
            return Err(DefinitionError::NoOpportunityStage);
        }
        super::validate_branches::check(self)?;
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn broken(change: impl FnOnce(&mut ProcessDefinition)) -> DefinitionError {
        let mut process = ProcessDefinition::lead_to_opportunity();
        change(&mut process);
        match process.validate() {
            Ok(()) => panic!("the broken definition was accepted"),
            Err(error) => error,
        }
    }

    #[test]
    fn the_built_in_process_is_valid() {
        assert_eq!(ProcessDefinition::lead_to_opportunity().validate(), Ok(()));
    }

    #[test]
    fn each_broken_rule_has_its_own_error() {
        assert_eq!(broken(|p| p.name = " ".into()), DefinitionError::EmptyName);
        assert_eq!(broken(|p| p.stages.clear()), DefinitionError::NoStages);
        assert_eq!(
            broken(|p| p
                .stages
                .retain(|s| s.record_kind == RecordKind::Opportunity)),
            DefinitionError::NoLeadStage
        );
        assert_eq!(
            broken(|p| p.stages.truncate(1)),
            DefinitionError::NoOpportunityStage
        );
        assert!(matches!(
            broken(|p| p.stages.swap(0, 1)),
            DefinitionError::LeadAfterOpportunity { stage } if stage == "qualify"
        ));
        assert!(matches!(
            broken(|p| p.stages[2].key = "develop".into()),
            DefinitionError::DuplicateStageKey { key } if key == "develop"
        ));
        assert!(matches!(
            broken(|p| p.stages[3].steps[0].key = "summary".into()),
            DefinitionError::DuplicateStepKey { key } if key == "summary"
        ));
        assert!(matches!(
            broken(|p| p.stages[1].probability = 150),
            DefinitionError::ProbabilityOver100 {
                probability: 150,
                ..
            }
        ));
        assert!(matches!(
            broken(|p| p.stages[1].target_days = Some(0)),
            DefinitionError::ZeroTargetDays { .. }
        ));
        assert!(matches!(
            broken(|p| p.stages[0].steps[2].kind = StepKind::Choice { options: vec![] }),
            DefinitionError::ChoiceWithoutOptions { step } if step == "purchase_timeframe"
        ));
        assert!(matches!(
            broken(|p| p.stages[1].steps[0].label = String::new()),
            DefinitionError::BlankLabel { what: "Step", .. }
        ));
        assert!(matches!(
            broken(|p| p.stages[1].name = String::new()),
            DefinitionError::BlankLabel { what: "Stage", .. }
        ));
    }

    #[test]
    fn keys_name_the_rule_they_break() {
        let rule = |key: &str| match broken(|p| p.stages[0].key = key.into()) {
            DefinitionError::BadKey { rule, .. } => rule,
            other => panic!("{other}"),
        };
        assert_eq!(rule(""), KeyRule::Empty);
        assert_eq!(rule("1st"), KeyRule::FirstLetter);
        assert_eq!(rule("Qualify"), KeyRule::FirstLetter);
        assert_eq!(rule("first stage"), KeyRule::Characters);
        assert_eq!(rule(&"a".repeat(41)), KeyRule::TooLong);
        assert_eq!(key_rule("stage_2"), None);
    }
}
