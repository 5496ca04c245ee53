//! What a sales process is made of: stages, the steps each stage asks for, and which record
//! kind each stage belongs to. The built-in Lead to Opportunity Sales Process lives here too.
//! Fields added after the first release carry serde defaults, so stored definitions written
//! before them still read.

use serde::{Deserialize, Serialize};

use super::branch::Branch;
use super::record::RecordKind;

/// The kind of value a step holds, which decides how the step is edited on the bar.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "type", rename_all = "snake_case")]
pub enum StepKind {
    /// A yes/no "mark complete".
    Check,
    /// Free text.
    Text,
    /// A calendar date.
    Date,
    /// An amount of money.
    Money,
    /// A whole number, such as a count of seats.
    Number,
    /// One value out of a fixed list.
    Choice {
        /// The values the user may pick from, in display order.
        options: Vec<String>,
    },
    /// A link to an existing account, chosen when the lead is qualified.
    AccountLink,
    /// A link to an existing contact, chosen when the lead is qualified.
    ContactLink,
}

/// One step a stage asks for.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Step {
    /// Stable key, used in storage and on the command line.
    pub key: String,
    /// What the user sees.
    pub label: String,
    /// How the value is entered.
    pub kind: StepKind,
    /// Whether the stage cannot be left forward while this step is empty.
    #[serde(default)]
    pub required: bool,
}

/// One stage of a process.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Stage {
    /// Stable key, used in storage and on the command line.
    pub key: String,
    /// What the user sees on the chevron.
    pub name: String,
    /// Which record the stage is worked on.
    pub record_kind: RecordKind,
    /// Win probability an opportunity takes on entering this stage.
    pub probability: u8,
    /// What good looks like at this stage, shown beside its steps.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub guidance: String,
    /// How many days a record should take at this stage, if the company set a target.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub target_days: Option<u16>,
    /// The steps, in display order.
    #[serde(default)]
    pub steps: Vec<Step>,
    /// Conditional next stages, tried in order; the first one taken wins.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub branches: Vec<Branch>,
    /// Key of the stage that follows when no branch is taken; the next stage in order when
    /// not given.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub next: Option<String>,
}

/// How an opportunity's win probability changes as it moves through the stages.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ProbabilityPolicy {
    /// Every stage move sets the stage's default, replacing a value set by hand.
    #[default]
    FollowStage,
    /// A value set by hand stays through stage moves; until then, the stage's default.
    Manual,
}

impl ProbabilityPolicy {
    fn is_default(&self) -> bool {
        *self == ProbabilityPolicy::default()
    }
}

/// A whole sales process: an ordered list of stages spanning lead and opportunity.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ProcessDefinition {
    /// Name shown to the user.
    pub name: String,
    /// The stages in order; the lead stages come first.
    pub stages: Vec<Stage>,
    /// Whether stage moves overwrite a probability set by hand.
    #[serde(default, skip_serializing_if = "ProbabilityPolicy::is_default")]
    pub probability_policy: ProbabilityPolicy,
}

impl ProcessDefinition {
    /// The stage with this key, if the process has one.
    pub fn stage(&self, key: &str) -> Option<&Stage> {
        self.stages.iter().find(|stage| stage.key == key)
    }

    /// Position of the stage with this key.
    pub fn stage_index(&self, key: &str) -> Option<usize> {
        self.stages.iter().position(|stage| stage.key == key)
    }

    /// The first stage worked on a record of this kind.
    pub fn first_stage_of(&self, kind: RecordKind) -> Option<&Stage> {
        self.stages.iter().find(|stage| stage.record_kind == kind)
    }

    /// The stage that owns the step with this key, and the step itself.
    pub fn step(&self, key: &str) -> Option<(&Stage, &Step)> {
        self.stages.iter().find_map(|stage| {
            stage
                .steps
                .iter()
                .find(|step| step.key == key)
                .map(|s| (stage, s))
        })
    }

    /// Marks a step as required or optional; returns false when no step has this key.
    pub fn set_required(&mut self, step_key: &str, required: bool) -> bool {
        let step = self
            .stages
            .iter_mut()
            .flat_map(|stage| stage.steps.iter_mut())
            .find(|s| s.key == step_key);
        match step {
            Some(step) => {
                step.required = required;
                true
            }
            None => false,
        }
    }

    /// The built-in Lead to Opportunity Sales Process; no step is required.
    pub fn lead_to_opportunity() -> Self {
        let choice = |options: &[&str]| StepKind::Choice {
            options: options.iter().map(|o| o.to_string()).collect(),
        };
        let stage = |key: &str, name: &str, kind, probability, steps: Vec<Step>| Stage {
            key: key.into(),
            name: name.into(),
            record_kind: kind,
            probability,
            guidance: String::new(),
            target_days: None,
            steps,
            branches: Vec::new(),
            next: None,
        };

        ProcessDefinition {
            name: "Lead to Opportunity Sales Process".into(),
            probability_policy: ProbabilityPolicy::FollowStage,
            stages: vec![
                stage(
                    "qualify",
                    "Qualify",
                    RecordKind::Lead,
                    10,
                    vec![
                        step(
                            "existing_contact",
                            "Existing contact?",
                            StepKind::ContactLink,
                        ),
                        step(
                            "existing_account",
                            "Existing account?",
                            StepKind::AccountLink,
                        ),
                        step(
                            "purchase_timeframe",
                            "Purchase timeframe",
                            choice(&PURCHASE_TIMEFRAMES),
                        ),
                        step("estimated_budget", "Estimated budget", StepKind::Money),
                        step(
                            "purchase_process",
                            "Purchase process",
                            choice(&PURCHASE_PROCESSES),
                        ),
                        step("decision_maker", "Identify decision maker", StepKind::Check),
                        step("summary", "Capture summary", StepKind::Text),
                    ],
                ),
                stage(
                    "develop",
                    "Develop",
                    RecordKind::Opportunity,
                    20,
                    vec![
                        step("customer_need", "Customer need", StepKind::Text),
                        step("proposed_solution", "Proposed solution", StepKind::Text),
                        step("stakeholders", "Identify stakeholders", StepKind::Check),
                        step("competitors", "Identify competitors", StepKind::Check),
                    ],
                ),
                stage(
                    "propose",
                    "Propose",
                    RecordKind::Opportunity,
                    50,
                    vec![
                        step("sales_team", "Identify sales team", StepKind::Check),
                        step("develop_proposal", "Develop proposal", StepKind::Check),
                        step(
                            "internal_review",
                            "Complete internal review",
                            StepKind::Check,
                        ),
                        step("present_proposal", "Present proposal", StepKind::Check),
                    ],
                ),
                stage(
                    "close",
                    "Close",
                    RecordKind::Opportunity,
                    80,
                    vec![
                        step("final_proposal", "Complete final proposal", StepKind::Check),
                        step("present_final", "Present final proposal", StepKind::Check),
                        step("decision_date", "Confirm decision date", StepKind::Date),
                        step("thank_you", "Send thank you", StepKind::Check),
                        step("debrief", "File debrief", StepKind::Check),
                    ],
                ),
            ],
        }
    }
}

/// Options of the Purchase timeframe step.
pub const PURCHASE_TIMEFRAMES: [&str; 5] = [
    "Immediate",
    "This quarter",
    "Next quarter",
    "This year",
    "Unknown",
];

/// Options of the Purchase process step.
pub const PURCHASE_PROCESSES: [&str; 3] = ["Individual", "Committee", "Unknown"];

fn step(key: &str, label: &str, kind: StepKind) -> Step {
    Step {
        key: key.into(),
        label: label.into(),
        kind,
        required: false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn default_process_has_the_four_stages_in_order() {
        let process = ProcessDefinition::lead_to_opportunity();
        let names: Vec<_> = process.stages.iter().map(|s| s.name.as_str()).collect();
        assert_eq!(names, ["Qualify", "Develop", "Propose", "Close"]);
        assert_eq!(
            process
                .first_stage_of(RecordKind::Opportunity)
                .map(|s| &*s.key),
            Some("develop")
        );
        assert!(process
            .stages
            .iter()
            .flat_map(|s| &s.steps)
            .all(|step| !step.required));
    }

    #[test]
    fn step_keys_are_unique_across_the_process() {
        let process = ProcessDefinition::lead_to_opportunity();
        let mut keys: Vec<_> = process
            .stages
            .iter()
            .flat_map(|s| &s.steps)
            .map(|s| &s.key)
            .collect();
        let total = keys.len();
        keys.sort();
        keys.dedup();
        assert_eq!(keys.len(), total);
    }

    #[test]
    fn set_required_marks_only_known_steps() {
        let mut process = ProcessDefinition::lead_to_opportunity();
        assert!(process.set_required("summary", true));
        assert!(process.step("summary").is_some_and(|(_, s)| s.required));
        assert!(!process.set_required("no_such_step", true));
    }
}
