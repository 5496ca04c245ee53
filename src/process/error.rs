//! Why the stage machine refused a command, in words a salesperson can act on.

use super::record::{RecordKind, Status};

/// One empty required step that stops a move, with enough to ask the user for just it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MissingStep {
    /// Key of the step.
    pub key: String,
    /// Label of the step, as the bar shows it.
    pub label: String,
    /// Key of the stage the step belongs to.
    pub stage_key: String,
    /// Name of that stage.
    pub stage: String,
}

/// A command the stage machine refused; the record is left exactly as it was.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum ProcessError {
    /// Required steps of the current stage, or of stages a move would skip, are empty.
    #[error("Fill in {} before leaving {stage}.", missing_labels(.stage, .steps))]
    MissingSteps {
        /// Name of the stage that cannot be left.
        stage: String,
        /// The empty required steps, in process order.
        steps: Vec<MissingStep>,
    },
    /// A backward move or a reopen was asked for without saying why.
    #[error("{action} needs a short reason: say why, so the history shows it.")]
    ReasonNeeded {
        /// What the user tried.
        action: &'static str,
    },
    /// The stage asked for is not on the path the record takes.
    #[error("{target} is not on this record's path; its branches lead elsewhere.")]
    NotOnPath {
        /// Name of the stage asked for.
        target: String,
    },
    /// A probability over 100 was given.
    #[error("A probability of {0}% is not possible: use a number from 0 to 100.")]
    ProbabilityOver100(u32),
    /// The command works on the other kind of record.
    #[error(
        "{action} works on {expected}, and this is {actual}.",
        expected = with_article(*.expected),
        actual = with_article(*.actual)
    )]
    WrongKind {
        /// What the user tried, such as "Qualify".
        action: &'static str,
        /// The kind the command needs.
        expected: RecordKind,
        /// The kind of this record.
        actual: RecordKind,
    },
    /// The record's status does not allow this command.
    #[error(
        "{action} is not possible while the {kind} is {status}.{hint}",
        kind = .kind.label().to_lowercase(),
        status = .status.label().to_lowercase(),
        hint = status_hint(*.kind, *.status)
    )]
    NotAllowed {
        /// What the user tried.
        action: &'static str,
        /// The kind of this record.
        kind: RecordKind,
        /// Its current status.
        status: Status,
    },
    /// A lead at its last stage moves on only by being qualified.
    #[error("Qualify this lead to move it on to {next}.")]
    QualifyToContinue {
        /// Name of the first opportunity stage.
        next: String,
    },
    /// There is no stage after the current one.
    #[error("{stage} is the last stage: close the opportunity as won or lost instead.")]
    AtLastStage {
        /// Name of the current stage.
        stage: String,
    },
    /// There is no earlier stage this record can go back to.
    #[error(
        "{stage} is the first stage of this {kind}; there is nothing to go back to.",
        kind = .kind.label().to_lowercase()
    )]
    AtFirstStage {
        /// Name of the current stage.
        stage: String,
        /// The kind of this record.
        kind: RecordKind,
    },
    /// The stage asked for is not earlier than the current one on this record.
    #[error(
        "{target} is not an earlier stage of this {kind}.",
        kind = .kind.label().to_lowercase()
    )]
    NotAnEarlierStage {
        /// Name or key of the stage asked for.
        target: String,
        /// The kind of this record.
        kind: RecordKind,
    },
    /// The process has no stage with this key.
    #[error("The process has no stage called '{0}'.")]
    UnknownStage(String),
    /// The process has no step with this key.
    #[error("The process has no step called '{0}'.")]
    UnknownStep(String),
    /// The step belongs to a stage this record is not on.
    #[error("'{step}' belongs to {stage}; open that stage on the record to fill it in.")]
    StepOfOtherStage {
        /// Label of the step.
        step: String,
        /// Name of the stage it belongs to.
        stage: String,
    },
    /// The value does not fit the step.
    #[error("'{step}' takes {expected}.")]
    WrongValue {
        /// Label of the step.
        step: String,
        /// What the step takes, such as "a date".
        expected: String,
    },
    /// Close as won needs the actual revenue, and there is no estimate to fall back on.
    #[error("Enter the actual revenue: this opportunity has no estimated value to use.")]
    NoRevenue,
    /// An amount that must not be negative was.
    #[error("{what} cannot be negative.")]
    Negative {
        /// What the amount is, such as "Actual revenue".
        what: &'static str,
    },
}

/// "a lead", "an opportunity".
fn with_article(kind: RecordKind) -> String {
    let noun = kind.label().to_lowercase();
    let article = if noun.starts_with(['a', 'e', 'i', 'o', 'u']) {
        "an"
    } else {
        "a"
    };
    format!("{article} {noun}")
}

fn status_hint(kind: RecordKind, status: Status) -> &'static str {
    match (kind, status) {
        (RecordKind::Lead, Status::Qualified) => " Work on its opportunity instead.",
        (RecordKind::Lead, Status::Disqualified) => " Reactivate it first.",
        (RecordKind::Opportunity, Status::Won | Status::Lost) => " Reopen it first.",
        _ => "",
    }
}

/// "Budget and Summary", with "(Develop)" after a step of another stage than `stage`.
fn missing_labels(stage: &str, steps: &[MissingStep]) -> String {
    join_labels(&step_labels(stage, steps))
}

/// Each missing step's label, with "(Develop)" after a step of another stage than `stage`.
pub(crate) fn step_labels(stage: &str, steps: &[MissingStep]) -> Vec<String> {
    steps
        .iter()
        .map(|step| {
            if step.stage == stage {
                step.label.clone()
            } else {
                format!("{} ({})", step.label, step.stage)
            }
        })
        .collect()
}

fn join_labels(labels: &[String]) -> String {
    match labels {
        [] => String::new(),
        [one] => one.clone(),
        [init @ .., last] => format!("{} and {last}", init.join(", ")),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn messages_read_as_plain_sentences() {
        let step = |label: &str, stage: &str| MissingStep {
            key: label.to_lowercase(),
            label: label.into(),
            stage_key: stage.to_lowercase(),
            stage: stage.into(),
        };
        let missing = ProcessError::MissingSteps {
            stage: "Qualify".into(),
            steps: vec![
                step("Purchase timeframe", "Qualify"),
                step("Estimated budget", "Qualify"),
                step("Summary", "Qualify"),
            ],
        };
        assert_eq!(
            missing.to_string(),
            "Fill in Purchase timeframe, Estimated budget and Summary before leaving Qualify."
        );
        let skipped = ProcessError::MissingSteps {
            stage: "Develop".into(),
            steps: vec![step("Need", "Develop"), step("Proposal", "Propose")],
        };
        assert_eq!(
            skipped.to_string(),
            "Fill in Need and Proposal (Propose) before leaving Develop."
        );

        let wrong_kind = ProcessError::WrongKind {
            action: "Disqualify",
            expected: RecordKind::Lead,
            actual: RecordKind::Opportunity,
        };
        assert_eq!(
            wrong_kind.to_string(),
            "Disqualify works on a lead, and this is an opportunity."
        );

        let closed = ProcessError::NotAllowed {
            action: "Next stage",
            kind: RecordKind::Opportunity,
            status: Status::Won,
        };
        assert_eq!(
            closed.to_string(),
            "Next stage is not possible while the opportunity is won. Reopen it first."
        );
    }
}
