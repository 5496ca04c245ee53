//! The window's error sentences: in English exactly what the command line prints, in German
//! a translation for every one.

use super::*;
use crate::i18n::{set_current, Language};
use crate::process::RecordId;

fn step(label: &str, stage: &str) -> MissingStep {
    MissingStep {
        key: label.to_lowercase(),
        label: label.into(),
        stage_key: stage.to_lowercase(),
        stage: stage.into(),
    }
}

/// One error of every kind the window shows, with every case a message varies by.
fn samples() -> Vec<AppError> {
    use ProcessError as E;
    let mut errors = vec![
        E::MissingSteps {
            stage: "Develop".into(),
            steps: vec![step("Need", "Develop"), step("Proposal", "Propose")],
        },
        E::ReasonNeeded {
            action: "Going back a stage",
        },
        E::NotOnPath {
            target: "Propose".into(),
        },
        E::ProbabilityOver100(120),
        E::QualifyToContinue {
            next: "Develop".into(),
        },
        E::AtLastStage {
            stage: "Close".into(),
        },
        E::UnknownStage("x".into()),
        E::UnknownStep("y".into()),
        E::StepOfOtherStage {
            step: "Budget".into(),
            stage: "Propose".into(),
        },
        E::WrongValue {
            step: "Budget".into(),
            expected: "a date".into(),
        },
        E::NoRevenue,
        E::Negative {
            what: "Actual revenue",
        },
        E::Negative { what: "An amount" },
    ];
    for (expected, actual) in [
        (RecordKind::Lead, RecordKind::Opportunity),
        (RecordKind::Opportunity, RecordKind::Lead),
    ] {
        errors.push(E::WrongKind {
            action: "Disqualify",
            expected,
            actual,
        });
    }
    for kind in [RecordKind::Lead, RecordKind::Opportunity] {
        errors.push(E::AtFirstStage {
            stage: "New".into(),
            kind,
        });
        errors.push(E::NotAnEarlierStage {
            target: "Close".into(),
            kind,
        });
    }
    for (kind, status) in [
        (RecordKind::Lead, Status::Open),
        (RecordKind::Lead, Status::Qualified),
        (RecordKind::Lead, Status::Disqualified),
        (RecordKind::Opportunity, Status::Open),
        (RecordKind::Opportunity, Status::Won),
        (RecordKind::Opportunity, Status::Lost),
    ] {
        errors.push(E::NotAllowed {
            action: "Next stage",
            kind,
            status,
        });
    }
    let mut all: Vec<AppError> = errors.into_iter().map(AppError::Process).collect();
    all.extend([
        AppError::invalid(
            "Close date",
            "write the date as YYYY-MM-DD, like 2026-12-31",
        ),
        AppError::Form(vec![
            ("Email".into(), "give the id of the linked record".into()),
            ("Last name".into(), "write a whole number, like 40".into()),
        ]),
        AppError::NoSuchProcess("Sales".into()),
        AppError::ProcessUnchanged {
            name: "Sales".into(),
            version: 3,
        },
        AppError::StageNotInProcess {
            record: RecordId(7),
            stage: "propose".into(),
            process: "Sales v2".into(),
        },
    ]);
    all
}

#[test]
fn english_messages_are_the_ones_the_command_line_prints() {
    set_current(Language::English);
    for error in samples() {
        assert_eq!(app_error(&error), error.to_string());
    }
}

#[test]
fn every_message_has_a_german_sentence() {
    set_current(Language::German);
    let german: Vec<(String, String)> = samples()
        .iter()
        .map(|error| (error.to_string(), app_error(error)))
        .collect();
    set_current(Language::English);
    for (english, german) in german {
        assert_ne!(english, german, "no German for: {english}");
        for word in [" the ", " is ", " and ", " first", "stage", " this "] {
            assert!(!german.contains(word), "English left in: {german}");
        }
    }
}

#[test]
fn german_names_the_missing_steps_with_und() {
    set_current(Language::German);
    let error = ProcessError::MissingSteps {
        stage: "Qualify".into(),
        steps: vec![
            step("A", "Qualify"),
            step("B", "Qualify"),
            step("C", "Qualify"),
        ],
    };
    let text = process_error(&error);
    set_current(Language::English);
    assert!(text.contains("A, B und C"), "{text}");
    assert!(text.contains("Qualify"), "{text}");
}
