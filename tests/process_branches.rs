//! Branching as data: all-of and any-of conditions choose the stages on a record's path,
//! the current stage is always on it, and comparisons read the step's kind.

use std::collections::BTreeMap;

use chrono::NaiveDate;
use stride::process::branch::next_after;
use stride::process::{
    path, Branch, Condition, Match, Money, ProcessDefinition, RecordKind, Stage, StepKind,
    StepValue,
};
/// The default process with Review between Develop and Propose, which Develop branches to
/// under `when` and otherwise skips.
fn with_review(when: Match) -> ProcessDefinition {
    let mut process = ProcessDefinition::lead_to_opportunity();
    let mut review: Stage = process.stages[2].clone();
    review.key = "review".into();
    review.name = "Review".into();
    review.steps.clear();
    review.record_kind = RecordKind::Opportunity;
    process.stages.insert(2, review);
    process.stages[1].next = Some("propose".into());
    process.stages[1].branches.push(Branch {
        to: "review".into(),
        when,
        conditions: vec![
            Condition::GreaterThan {
                step: "estimated_budget".into(),
                value: "50000".into(),
            },
            Condition::OneOf {
                step: "purchase_process".into(),
                values: vec!["Committee".into()],
            },
        ],
    });
    process
}

fn steps(pairs: &[(&str, StepValue)]) -> BTreeMap<String, StepValue> {
    pairs
        .iter()
        .map(|(k, v)| (k.to_string(), v.clone()))
        .collect()
}

#[test]
fn the_path_follows_all_of_or_any_of_the_conditions() {
    let big = || StepValue::Money(Money::from_minor(6_000_000));
    let small = || StepValue::Money(Money::from_minor(100));
    let committee = || StepValue::Choice("committee".into());
    let with = [0, 1, 2, 3, 4];
    let without = [0, 1, 3, 4];
    // (match, steps, path from Develop)
    let cases: [(Match, BTreeMap<String, StepValue>, &[usize]); 6] = [
        (Match::All, steps(&[]), &without),
        (Match::All, steps(&[("estimated_budget", big())]), &without),
        (
            Match::All,
            steps(&[
                ("estimated_budget", big()),
                ("purchase_process", committee()),
            ]),
            &with,
        ),
        (Match::Any, steps(&[("estimated_budget", big())]), &with),
        (
            Match::Any,
            steps(&[("estimated_budget", small())]),
            &without,
        ),
        (
            Match::Any,
            steps(&[("purchase_process", committee())]),
            &with,
        ),
    ];
    for (when, values, expected) in cases {
        let process = with_review(when);
        assert_eq!(
            path(&process, "develop", &values),
            expected,
            "{when:?} {values:?}"
        );
    }
}

#[test]
fn the_current_stage_is_on_the_path_even_off_the_branch() {
    let process = with_review(Match::All);
    // At Review with values that would not lead there, the path still holds it.
    assert_eq!(path(&process, "review", &steps(&[])), [0, 1, 2, 3, 4]);
    assert_eq!(next_after(&process, 4, &steps(&[])), None);
}

#[test]
fn dates_and_numbers_compare_and_equals_reads_the_step_kind() {
    let date = StepKind::Date;
    let on = |d: u32| {
        steps(&[(
            "when",
            StepValue::Date(NaiveDate::from_ymd_opt(2026, 5, d).unwrap_or_default()),
        )])
    };
    let before = Condition::LessThan {
        step: "when".into(),
        value: "2026-05-10".into(),
    };
    assert!(before.holds(&date, &on(9)));
    assert!(!before.holds(&date, &on(10)));
    let yes = Condition::Equals {
        step: "done".into(),
        value: "Yes".into(),
    };
    assert!(yes.holds(
        &StepKind::Check,
        &steps(&[("done", StepValue::Check(true))])
    ));
    assert!(!yes.holds(
        &StepKind::Check,
        &steps(&[("done", StepValue::Check(false))])
    ));
    let filled = Condition::Filled {
        step: "note".into(),
    };
    assert!(!filled.holds(
        &StepKind::Text,
        &steps(&[("note", StepValue::Text(" ".into()))])
    ));
}
