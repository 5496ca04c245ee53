//! Property tests of the stage machine: random command sequences on a lead and the opportunity
//! it becomes never break the record's invariants, and the history they produce stays coherent.

use std::collections::BTreeSet;

use chrono::{DateTime, Duration, NaiveDate, TimeZone, Utc};
use proptest::prelude::*;
use stride::process::audit::summarise;
use stride::process::history::Entry;
use stride::process::{
    apply, path, qualify, Available, Branch, Change, CloseInfo, Command, Condition,
    DisqualifyReason, LostReason, Match, Money, ProbabilityPolicy, ProcessDefinition, ProcessError,
    Record, RecordId, RecordKind, Stage, Status, Step, StepKind, StepValue,
};

/// One user action: a command, or qualify, aimed at one of the records so far.
#[derive(Debug, Clone)]
enum Op {
    Apply(Command),
    Qualify,
}

/// A record with the history the machine produced for it, and the time of each entry.
#[derive(Debug, Clone)]
struct Tracked {
    record: Record,
    history: Vec<(DateTime<Utc>, Change)>,
}

fn t0() -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 1, 5, 8, 0, 0)
        .single()
        .unwrap_or_default()
}

fn step_keys() -> Vec<String> {
    let process = ProcessDefinition::lead_to_opportunity();
    let mut keys: Vec<String> = process
        .stages
        .iter()
        .flat_map(|s| s.steps.iter().map(|step| step.key.clone()))
        .collect();
    keys.push("first_call".into());
    keys.push("sign_off".into());
    keys.push("no_such_step".into());
    keys
}

fn value() -> impl Strategy<Value = Option<StepValue>> {
    prop_oneof![
        Just(None),
        any::<bool>().prop_map(|b| Some(StepValue::Check(b))),
        prop::sample::select(vec!["", "  ", "budget approved", "Immediate", "Committee"])
            .prop_map(|t| Some(StepValue::Text(t.to_string()))),
        prop::sample::select(vec!["This quarter", "Unknown", "Individual", "Someday"])
            .prop_map(|t| Some(StepValue::Choice(t.to_string()))),
        (-1_000i64..1_000_000).prop_map(|m| Some(StepValue::Money(Money::from_minor(m)))),
        (1u32..28).prop_map(|d| NaiveDate::from_ymd_opt(2026, 2, d).map(StepValue::Date)),
        (1i64..5).prop_map(|id| Some(StepValue::Link(id))),
    ]
}

fn date() -> impl Strategy<Value = NaiveDate> {
    (1u32..28).prop_map(|d| NaiveDate::from_ymd_opt(2026, 6, d).unwrap_or_default())
}

fn op() -> impl Strategy<Value = Op> {
    let stage = prop::sample::select(vec![
        "discover", "qualify", "develop", "review", "propose", "close", "Develop", "PROPOSE",
        "nowhere",
    ]);
    let reason = prop::sample::select(vec!["", "  ", "customer asked"]);
    let disqualify = prop::sample::select(DisqualifyReason::ALL.to_vec());
    let lost = prop::sample::select(LostReason::ALL.to_vec());
    prop_oneof![
        3 => (prop::sample::select(step_keys()), value())
            .prop_map(|(step, value)| Op::Apply(Command::SetStep { step, value })),
        3 => Just(Op::Apply(Command::NextStage)),
        1 => reason.clone().prop_map(|r| Op::Apply(Command::PreviousStage { reason: r.into() })),
        2 => (stage, reason.clone()).prop_map(|(s, r)| Op::Apply(Command::GoToStage {
            stage: s.into(),
            reason: r.into(),
        })),
        1 => (0u8..=110).prop_map(|p| Op::Apply(Command::SetProbability(p))),
        1 => disqualify.prop_map(|r| Op::Apply(Command::Disqualify(r))),
        1 => Just(Op::Apply(Command::Reactivate)),
        1 => (prop::option::of(-100i64..10_000_000), date()).prop_map(|(revenue, date)| {
            Op::Apply(Command::CloseWon { revenue: revenue.map(Money::from_minor), date })
        }),
        1 => (lost, date()).prop_map(|(reason, date)| Op::Apply(Command::CloseLost {
            reason,
            competitor: " Fabrikam ".into(),
            note: "late".into(),
            date,
        })),
        1 => reason.prop_map(|r| Op::Apply(Command::Reopen { reason: r.into() })),
        2 => Just(Op::Qualify),
    ]
}

/// The default process, maybe with a second lead stage in front, maybe with an Executive
/// review stage that Develop branches to, maybe with Qualify sending large deals straight to
/// Propose, with random required steps and probability policy.
fn process() -> impl Strategy<Value = ProcessDefinition> {
    let required = prop::collection::btree_set(prop::sample::select(step_keys()), 0..4);
    let branch = prop::option::of((any::<bool>(), any::<bool>(), 0i64..2_000_000));
    let skip_develop = prop::option::of(0i64..2_000_000);
    (any::<bool>(), branch, skip_develop, required, any::<bool>()).prop_map(
        |(two_lead_stages, branch, skip_develop, required, manual)| {
            let mut process = ProcessDefinition::lead_to_opportunity();
            if two_lead_stages {
                process.stages.insert(0, discover_stage());
            }
            if let Some((skip_by_default, any, over)) = branch {
                add_review(&mut process, skip_by_default, any, over);
            }
            if let (Some(over), Some(qualify)) = (skip_develop, process.stage_index("qualify")) {
                process.stages[qualify].branches.push(Branch {
                    to: "propose".into(),
                    when: Match::All,
                    conditions: vec![Condition::GreaterThan {
                        step: "estimated_budget".into(),
                        value: over.to_string(),
                    }],
                });
            }
            for key in required {
                process.set_required(&key, true);
            }
            if manual {
                process.probability_policy = ProbabilityPolicy::Manual;
            }
            process
        },
    )
}

/// Puts an Executive review stage after Develop that large or committee deals branch to;
/// with `skip_by_default` the others go from Develop straight to Propose.
fn add_review(process: &mut ProcessDefinition, skip_by_default: bool, any: bool, over: i64) {
    let Some(develop) = process.stage_index("develop") else {
        return;
    };
    let mut conditions = vec![Condition::GreaterThan {
        step: "estimated_budget".into(),
        value: over.to_string(),
    }];
    if any {
        conditions.push(Condition::OneOf {
            step: "purchase_process".into(),
            values: vec!["Committee".into()],
        });
    }
    let stage = &mut process.stages[develop];
    stage.branches.push(Branch {
        to: "review".into(),
        when: if any { Match::Any } else { Match::All },
        conditions,
    });
    if skip_by_default {
        stage.next = Some("propose".into());
    }
    process.stages.insert(
        develop + 1,
        Stage {
            key: "review".into(),
            name: "Executive review".into(),
            record_kind: RecordKind::Opportunity,
            probability: 35,
            guidance: String::new(),
            target_days: Some(3),
            steps: vec![Step {
                key: "sign_off".into(),
                label: "Executive sign-off".into(),
                kind: StepKind::Check,
                required: false,
            }],
            branches: Vec::new(),
            next: None,
        },
    );
}

/// A lead stage some companies work before Qualify.
fn discover_stage() -> Stage {
    Stage {
        key: "discover".into(),
        name: "Discover".into(),
        record_kind: RecordKind::Lead,
        probability: 5,
        guidance: String::new(),
        target_days: None,
        steps: vec![Step {
            key: "first_call".into(),
            label: "First call".into(),
            kind: StepKind::Check,
            required: false,
        }],
        branches: Vec::new(),
        next: None,
    }
}

fn first_lead_stage(process: &ProcessDefinition) -> String {
    process
        .first_stage_of(RecordKind::Lead)
        .map(|s| s.key.clone())
        .unwrap_or_default()
}

fn is_status_command(op: &Op) -> bool {
    matches!(
        op,
        Op::Qualify
            | Op::Apply(
                Command::Disqualify(_)
                    | Command::Reactivate
                    | Command::CloseWon { .. }
                    | Command::CloseLost { .. }
                    | Command::Reopen { .. }
            )
    )
}

/// Whether `Available` offers this action; commands refused only for a missing step or a bad
/// value still count as offered, since the app then asks for what is missing.
fn offered(available: &Available, op: &Op) -> Option<bool> {
    Some(match op {
        Op::Qualify => available.qualify,
        Op::Apply(command) => match command {
            Command::SetStep { .. } | Command::GoToStage { .. } | Command::SetProbability(_) => {
                return None
            }
            Command::NextStage => available.next_stage,
            Command::PreviousStage { .. } => available.previous_stage,
            Command::Disqualify(_) => available.disqualify,
            Command::Reactivate => available.reactivate,
            Command::CloseWon { .. } | Command::CloseLost { .. } => available.close,
            Command::Reopen { .. } => available.reopen,
        },
    })
}

fn check_invariants(process: &ProcessDefinition, tracked: &Tracked) -> Result<(), TestCaseError> {
    let record = &tracked.record;

    // Status and reason agree, and the status is one a record of this kind can have.
    prop_assert_eq!(record.reason.status_for(record.kind), Some(record.status));

    let stage = process.stage(&record.stage);
    prop_assert!(stage.is_some(), "unknown stage {}", record.stage);
    let stage = stage.map(|s| (s.record_kind, s.probability));
    if let Some((kind, probability)) = stage {
        prop_assert_eq!(
            kind,
            record.kind,
            "stage {} on a {:?}",
            record.stage,
            record.kind
        );
        let open_opportunity =
            record.kind == RecordKind::Opportunity && record.status == Status::Open;
        if open_opportunity && !record.probability_by_hand {
            prop_assert_eq!(record.probability, probability);
        }
        if record.probability_by_hand {
            prop_assert!(
                open_opportunity,
                "a closed record keeps a hand-set probability"
            );
        }
    }

    match record.status {
        Status::Won => {
            prop_assert_eq!(record.probability, 100);
            prop_assert!(
                matches!(record.close, Some(CloseInfo::Won { .. })),
                "won without won close data: {:?}",
                record.close
            );
        }
        Status::Lost => {
            prop_assert_eq!(record.probability, 0);
            prop_assert!(
                matches!(record.close, Some(CloseInfo::Lost { .. })),
                "lost without lost close data: {:?}",
                record.close
            );
        }
        _ => prop_assert_eq!(&record.close, &None),
    }

    // The history replays to the record: its last status change names the current status, and
    // exactly the current stage is open (entered, not left) while the record is open.
    let last_status = tracked.history.iter().rev().find_map(|(_, c)| match c {
        Change::StatusChanged { status, reason, .. } => Some((*status, *reason)),
        _ => None,
    });
    prop_assert_eq!(last_status, Some((record.status, record.reason)));
    let mut open: BTreeSet<&str> = BTreeSet::new();
    let mut entered_at = None;
    for (at, change) in &tracked.history {
        match change {
            Change::StageEntered { stage } => {
                open.insert(stage);
                entered_at = Some(*at);
            }
            Change::StageLeft { stage } => {
                prop_assert!(
                    open.remove(stage.as_str()),
                    "left {} without entering",
                    stage
                );
            }
            _ => {}
        }
    }
    if record.status == Status::Open {
        prop_assert_eq!(open, BTreeSet::from([record.stage.as_str()]));
        prop_assert_eq!(entered_at, Some(record.stage_entered_at));
    } else {
        prop_assert!(open.is_empty(), "closed record still in {:?}", open);
    }

    // Steps only ever hold keys of stages of this record's kind, or the lead's carried over.
    for key in record.steps.keys() {
        prop_assert!(process.step(key).is_some(), "unknown step {}", key);
    }

    // A lead starts with no steps, so replaying its step changes gives its steps.
    if record.kind == RecordKind::Lead {
        let mut steps = std::collections::BTreeMap::new();
        for (_, change) in &tracked.history {
            if let Change::StepSet { step, value } = change {
                match value {
                    Some(value) => steps.insert(step.clone(), value.clone()),
                    None => steps.remove(step),
                };
            }
        }
        prop_assert_eq!(&steps, &record.steps);
    }

    // The current stage is on the record's path, and the path only goes forward.
    let route = path(process, &record.stage, &record.steps);
    prop_assert!(
        route.contains(&process.stage_index(&record.stage).unwrap_or(usize::MAX)),
        "{} is not on the path {:?}",
        record.stage,
        route
    );
    prop_assert!(route.windows(2).all(|w| w[0] < w[1]), "{:?}", route);

    // Time in the stages plus time closed adds up to the record's age.
    let entries: Vec<Entry> = tracked
        .history
        .iter()
        .map(|(at, change)| Entry {
            at: *at,
            by: "tester".into(),
            change: change.clone(),
        })
        .collect();
    let now = tracked.history.last().map_or(t0(), |(at, _)| *at) + Duration::hours(5);
    let summary = summarise(&entries, now);
    let total = summary
        .stages
        .iter()
        .fold(summary.closed, |sum, s| sum + s.total);
    prop_assert_eq!(total, summary.age);
    Ok(())
}

fn run(process: &ProcessDefinition, ops: &[(usize, Op)]) -> Result<(), TestCaseError> {
    let first = first_lead_stage(process);
    let mut lead = Record::new_lead(&first, t0());
    lead.id = RecordId(1);
    lead.company = "Contoso".into();
    let created = vec![
        (t0(), Change::Created),
        (
            t0(),
            Change::StatusChanged {
                status: lead.status,
                reason: lead.reason,
                close: None,
            },
        ),
        (t0(), Change::StageEntered { stage: first }),
    ];
    let mut records = vec![Tracked {
        record: lead,
        history: created,
    }];
    check_invariants(process, &records[0])?;

    for (i, (target, op)) in ops.iter().enumerate() {
        let now = t0() + Duration::hours(7 * (i as i64 + 1));
        let index = target % records.len();
        let before = records[index].clone();
        let available = Available::for_record(process, &before.record);

        let outcome = match op {
            Op::Apply(command) => {
                apply(process, &before.record, command, now).map(|t| (t.record, t.changes, None))
            }
            Op::Qualify => qualify(process, &before.record, now)
                .map(|q| (q.lead.record, q.lead.changes, Some(q.opportunity))),
        };

        match outcome {
            Ok((record, changes, opportunity)) => {
                if let Some(offered) = offered(&available, op) {
                    prop_assert!(offered, "{:?} accepted but not offered", op);
                }
                let status_changed =
                    (record.status, record.reason) != (before.record.status, before.record.reason);
                let says_status = changes
                    .iter()
                    .any(|c| matches!(c, Change::StatusChanged { .. }));
                prop_assert_eq!(status_changed, says_status, "{:?}", op);
                if record.status != before.record.status {
                    prop_assert!(is_status_command(op), "{:?} changed the status", op);
                }
                if changes.is_empty() {
                    prop_assert_eq!(&record, &before.record);
                }
                if record.stage != before.record.stage {
                    let entered = Change::StageEntered {
                        stage: record.stage.clone(),
                    };
                    prop_assert!(changes.contains(&entered));
                }
                let tracked = &mut records[index];
                tracked.record = record;
                tracked
                    .history
                    .extend(changes.into_iter().map(|c| (now, c)));
                check_invariants(process, tracked)?;

                if let Some(new) = opportunity {
                    prop_assert_eq!(new.record.links.origin_lead, Some(before.record.id));
                    let mut record = new.record;
                    record.id = RecordId(records.len() as i64 + 1);
                    let tracked = Tracked {
                        record,
                        history: new.changes.into_iter().map(|c| (now, c)).collect(),
                    };
                    check_invariants(process, &tracked)?;
                    records.push(tracked);
                }
            }
            Err(error) => {
                // apply takes the record by reference; what matters is that no caller gets
                // anything to save, so the record we hold is the one we had.
                prop_assert_eq!(&records[index].record, &before.record);
                let gated = matches!(
                    error,
                    ProcessError::MissingSteps { .. }
                        | ProcessError::Negative { .. }
                        | ProcessError::NoRevenue
                        | ProcessError::ReasonNeeded { .. }
                );
                if let Some(offered) = offered(&available, op) {
                    prop_assert_eq!(offered, gated, "{:?} refused with {:?}", op, error);
                }
                prop_assert!(!error.to_string().is_empty());
            }
        }
    }
    Ok(())
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    #[test]
    fn random_command_sequences_keep_every_invariant(
        process in process(),
        ops in prop::collection::vec((0usize..4, op()), 1..40),
    ) {
        prop_assert_eq!(process.validate(), Ok(()));
        run(&process, &ops)?;
    }

    #[test]
    fn a_refused_command_changes_nothing_and_is_refused_again(
        process in process(),
        ops in prop::collection::vec((0usize..1, op()), 1..25),
    ) {
        let mut record = Record::new_lead(&first_lead_stage(&process), t0());
        for (i, (_, op)) in ops.iter().enumerate() {
            let now = t0() + Duration::days(i as i64);
            let Op::Apply(command) = op else { continue };
            let before = record.clone();
            match apply(&process, &record, command, now) {
                Ok(t) => record = t.record,
                Err(error) => {
                    // Refusals do not depend on the time and are repeatable.
                    let again = apply(&process, &before, command, now + Duration::days(3));
                    prop_assert_eq!(again, Err(error));
                    prop_assert_eq!(&record, &before);
                }
            }
        }
    }
}
