//! The pure stage machine: every command from every status of a lead and an opportunity, the
//! refusals with their exact `ProcessError`, and `Available` agreeing with what `apply` accepts.

use chrono::{DateTime, Duration, NaiveDate, TimeZone, Utc};
use stride::process::{
    apply, qualify, Available, Change, CloseInfo, Command, DisqualifyReason, LostReason,
    MissingStep, Money, ProcessDefinition, ProcessError, Reason, Record, RecordId, RecordKind,
    Status, StepValue,
};

type TestResult = Result<(), Box<dyn std::error::Error>>;

fn t0() -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 3, 2, 9, 30, 0)
        .single()
        .unwrap_or_default()
}

fn later(days: i64) -> DateTime<Utc> {
    t0() + Duration::days(days)
}

fn day(d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 4, d).unwrap_or_default()
}

fn text(s: &str) -> Option<StepValue> {
    Some(StepValue::Text(s.to_string()))
}

fn open_lead() -> Record {
    let mut lead = Record::new_lead("qualify", t0());
    lead.id = RecordId(7);
    lead.topic = "New printers".into();
    lead.company = "Contoso".into();
    lead.person.first_name = "Ann".into();
    lead.person.last_name = "Lee".into();
    lead.notes = "Call after lunch".into();
    lead
}

/// The five statuses (and open opportunities at each of their stages) a record can be in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum State {
    LeadOpen,
    LeadQualified,
    LeadDisqualified,
    OppDevelop,
    OppPropose,
    OppClose,
    OppWon,
    OppLost,
}

const STATES: [State; 8] = [
    State::LeadOpen,
    State::LeadQualified,
    State::LeadDisqualified,
    State::OppDevelop,
    State::OppPropose,
    State::OppClose,
    State::OppWon,
    State::OppLost,
];

fn step(process: &ProcessDefinition, record: &Record, command: Command) -> Record {
    match apply(process, record, &command, later(1)) {
        Ok(t) => t.record,
        Err(e) => panic!("setting up with {command:?} failed: {e}"),
    }
}

/// Builds a record in `state` through the machine itself, never by setting fields.
fn record_in(process: &ProcessDefinition, state: State) -> Record {
    let lead = open_lead();
    let opportunity = || match qualify(process, &lead, t0()) {
        Ok(q) => {
            let mut record = q.opportunity.record;
            record.id = RecordId(8);
            record
        }
        Err(e) => panic!("qualify failed while setting up: {e}"),
    };
    let won = |r: &Record| {
        step(
            process,
            r,
            Command::CloseWon {
                revenue: Some(Money::from_minor(500_000)),
                date: day(1),
            },
        )
    };
    let lost = |r: &Record| {
        step(
            process,
            r,
            Command::CloseLost {
                reason: LostReason::OutSold,
                competitor: "Fabrikam".into(),
                note: "price".into(),
                date: day(2),
            },
        )
    };
    match state {
        State::LeadOpen => lead,
        State::LeadQualified => match qualify(process, &lead, t0()) {
            Ok(q) => q.lead.record,
            Err(e) => panic!("qualify failed while setting up: {e}"),
        },
        State::LeadDisqualified => step(
            process,
            &lead,
            Command::Disqualify(DisqualifyReason::CannotContact),
        ),
        State::OppDevelop => opportunity(),
        State::OppPropose => step(process, &opportunity(), Command::NextStage),
        State::OppClose => {
            let propose = step(process, &opportunity(), Command::NextStage);
            step(process, &propose, Command::NextStage)
        }
        State::OppWon => won(&record_in(process, State::OppClose)),
        State::OppLost => lost(&record_in(process, State::OppPropose)),
    }
}

/// One probe of every command; `SetStep` fills a step the record's current stage owns.
fn commands(state: State) -> Vec<Command> {
    let step = if matches!(
        state,
        State::LeadOpen | State::LeadQualified | State::LeadDisqualified
    ) {
        "summary"
    } else {
        "customer_need"
    };
    vec![
        Command::SetStep {
            step: step.into(),
            value: text("budget approved"),
        },
        Command::NextStage,
        Command::PreviousStage {
            reason: "the customer asked".into(),
        },
        Command::GoToStage {
            stage: "develop".into(),
            reason: "the customer asked".into(),
        },
        Command::Disqualify(DisqualifyReason::Lost),
        Command::Reactivate,
        Command::CloseWon {
            revenue: Some(Money::from_minor(990_000)),
            date: day(3),
        },
        Command::CloseLost {
            reason: LostReason::Canceled,
            competitor: String::new(),
            note: String::new(),
            date: day(3),
        },
        Command::Reopen {
            reason: "the customer asked".into(),
        },
    ]
}

fn back() -> Command {
    Command::PreviousStage {
        reason: "the customer asked".into(),
    }
}

fn go(stage: &str) -> Command {
    Command::GoToStage {
        stage: stage.into(),
        reason: "the customer asked".into(),
    }
}

fn missing(key: &str, label: &str, stage_key: &str, stage: &str) -> MissingStep {
    MissingStep {
        key: key.into(),
        label: label.into(),
        stage_key: stage_key.into(),
        stage: stage.into(),
    }
}

fn not_allowed(action: &'static str, kind: RecordKind, status: Status) -> Option<ProcessError> {
    Some(ProcessError::NotAllowed {
        action,
        kind,
        status,
    })
}

fn wrong_kind(action: &'static str, expected: RecordKind) -> Option<ProcessError> {
    let actual = match expected {
        RecordKind::Lead => RecordKind::Opportunity,
        RecordKind::Opportunity => RecordKind::Lead,
    };
    Some(ProcessError::WrongKind {
        action,
        expected,
        actual,
    })
}

/// What each command of [`commands`] does in each state: `None` when accepted.
fn expected(state: State) -> [Option<ProcessError>; 9] {
    use RecordKind::{Lead, Opportunity as Opp};
    let closed = |kind: RecordKind, status: Status| {
        [
            not_allowed("Editing a step", kind, status),
            not_allowed("Next stage", kind, status),
            not_allowed("Going back a stage", kind, status),
            not_allowed("Going to another stage", kind, status),
        ]
    };
    let opp_kind_errors = [
        wrong_kind("Disqualify", Lead),
        wrong_kind("Reactivate", Lead),
    ];
    let lead_kind_errors = [
        wrong_kind("Close as won", Opp),
        wrong_kind("Close as lost", Opp),
        wrong_kind("Reopen", Opp),
    ];
    let join = |a: [Option<ProcessError>; 4],
                b: [Option<ProcessError>; 2],
                c: [Option<ProcessError>; 3]| {
        let [a0, a1, a2, a3] = a;
        let [b0, b1] = b;
        let [c0, c1, c2] = c;
        [a0, a1, a2, a3, b0, b1, c0, c1, c2]
    };
    match state {
        State::LeadOpen => join(
            [
                None,
                Some(ProcessError::QualifyToContinue {
                    next: "Develop".into(),
                }),
                Some(ProcessError::AtFirstStage {
                    stage: "Qualify".into(),
                    kind: Lead,
                }),
                Some(ProcessError::QualifyToContinue {
                    next: "Develop".into(),
                }),
            ],
            [None, not_allowed("Reactivate", Lead, Status::Open)],
            lead_kind_errors,
        ),
        State::LeadQualified => join(
            closed(Lead, Status::Qualified),
            [
                not_allowed("Disqualify", Lead, Status::Qualified),
                not_allowed("Reactivate", Lead, Status::Qualified),
            ],
            lead_kind_errors,
        ),
        State::LeadDisqualified => join(
            closed(Lead, Status::Disqualified),
            [not_allowed("Disqualify", Lead, Status::Disqualified), None],
            lead_kind_errors,
        ),
        State::OppDevelop => join(
            [
                None,
                None,
                Some(ProcessError::AtFirstStage {
                    stage: "Develop".into(),
                    kind: Opp,
                }),
                Some(ProcessError::NotAnEarlierStage {
                    target: "Develop".into(),
                    kind: Opp,
                }),
            ],
            opp_kind_errors,
            [None, None, not_allowed("Reopen", Opp, Status::Open)],
        ),
        State::OppPropose => join(
            [None, None, None, None],
            opp_kind_errors,
            [None, None, not_allowed("Reopen", Opp, Status::Open)],
        ),
        State::OppClose => join(
            [
                None,
                Some(ProcessError::AtLastStage {
                    stage: "Close".into(),
                }),
                None,
                None,
            ],
            opp_kind_errors,
            [None, None, not_allowed("Reopen", Opp, Status::Open)],
        ),
        State::OppWon | State::OppLost => {
            let status = if state == State::OppWon {
                Status::Won
            } else {
                Status::Lost
            };
            join(
                closed(Opp, status),
                opp_kind_errors,
                [
                    not_allowed("Close as won", Opp, status),
                    not_allowed("Close as lost", Opp, status),
                    None,
                ],
            )
        }
    }
}

fn expected_qualify(state: State) -> Option<ProcessError> {
    match state {
        State::LeadOpen => None,
        State::LeadQualified => not_allowed("Qualify", RecordKind::Lead, Status::Qualified),
        State::LeadDisqualified => not_allowed("Qualify", RecordKind::Lead, Status::Disqualified),
        _ => wrong_kind("Qualify", RecordKind::Lead),
    }
}

#[test]
fn every_command_from_every_status_is_accepted_or_refused_as_the_table_says() {
    let process = ProcessDefinition::lead_to_opportunity();
    for state in STATES {
        let record = record_in(&process, state);
        let before = record.clone();
        for (command, want) in commands(state).into_iter().zip(expected(state)) {
            let got = apply(&process, &record, &command, later(5));
            match (&got, &want) {
                (Ok(_), None) => {}
                (Err(error), Some(wanted)) => {
                    assert_eq!(error, wanted, "{state:?} {command:?}");
                }
                _ => panic!("{state:?} {command:?}: expected {want:?}, got {got:?}"),
            }
        }
        let got = qualify(&process, &record, later(5)).err();
        assert_eq!(got, expected_qualify(state), "{state:?} qualify");
        assert_eq!(record, before, "{state:?}: probing changed the record");
    }
}

#[test]
fn available_commands_match_what_apply_accepts() {
    let process = ProcessDefinition::lead_to_opportunity();
    for state in STATES {
        let record = record_in(&process, state);
        let available = Available::for_record(&process, &record);
        let accepted = |command: &Command| apply(&process, &record, command, later(5)).is_ok();
        let [set, next, previous, _, disqualify, reactivate, won, lost, reopen]: [Command; 9] =
            match commands(state).try_into() {
                Ok(all) => all,
                Err(_) => panic!("nine probe commands"),
            };

        assert_eq!(available.edit, accepted(&set), "{state:?} edit");
        assert_eq!(available.next_stage, accepted(&next), "{state:?} next");
        assert_eq!(
            available.previous_stage,
            accepted(&previous),
            "{state:?} previous"
        );
        let current = process.stage_index(&record.stage).unwrap_or(0);
        let any_earlier = process.stages[..current].iter().any(|s| {
            accepted(&Command::GoToStage {
                stage: s.key.clone(),
                reason: "the customer asked".into(),
            })
        });
        assert_eq!(available.previous_stage, any_earlier, "{state:?} go to");
        assert_eq!(
            available.disqualify,
            accepted(&disqualify),
            "{state:?} disqualify"
        );
        assert_eq!(
            available.reactivate,
            accepted(&reactivate),
            "{state:?} reactivate"
        );
        assert_eq!(available.close, accepted(&won), "{state:?} close won");
        assert_eq!(available.close, accepted(&lost), "{state:?} close lost");
        assert_eq!(available.reopen, accepted(&reopen), "{state:?} reopen");
        let qualifies = qualify(&process, &record, later(5)).is_ok();
        assert_eq!(available.qualify, qualifies, "{state:?} qualify");
    }
}

#[test]
fn next_stage_is_refused_naming_the_missing_required_steps() -> TestResult {
    let mut process = ProcessDefinition::lead_to_opportunity();
    assert!(process.set_required("customer_need", true));
    assert!(process.set_required("stakeholders", true));
    assert!(process.set_required("sales_team", true));
    let develop = record_in(&ProcessDefinition::lead_to_opportunity(), State::OppDevelop);

    let refused = apply(&process, &develop, &Command::NextStage, later(1));
    let expected = ProcessError::MissingSteps {
        stage: "Develop".into(),
        steps: vec![
            missing("customer_need", "Customer need", "develop", "Develop"),
            missing(
                "stakeholders",
                "Identify stakeholders",
                "develop",
                "Develop",
            ),
        ],
    };
    assert_eq!(refused, Err(expected.clone()));
    assert_eq!(
        expected.to_string(),
        "Fill in Customer need and Identify stakeholders before leaving Develop."
    );

    // Blank text and an unticked check do not count as filled.
    let mut half = develop.clone();
    half.steps
        .insert("customer_need".into(), StepValue::Text("  ".into()));
    half.steps
        .insert("stakeholders".into(), StepValue::Check(false));
    assert_eq!(
        apply(&process, &half, &Command::NextStage, later(1)),
        Err(expected)
    );

    let mut filled = develop.clone();
    for (key, value) in [
        ("customer_need", text("faster printing")),
        ("stakeholders", Some(StepValue::Check(true))),
    ] {
        let set = Command::SetStep {
            step: key.into(),
            value,
        };
        filled = apply(&process, &filled, &set, later(1))?.record;
    }
    let moved = apply(&process, &filled, &Command::NextStage, later(2))?;
    assert_eq!(moved.record.stage, "propose");
    assert_eq!(moved.record.probability, 50);
    assert_eq!(moved.record.stage_entered_at, later(2));
    assert_eq!(
        moved.changes,
        [
            Change::StageLeft {
                stage: "develop".into()
            },
            Change::StageEntered {
                stage: "propose".into()
            },
        ]
    );

    // A required step of the stage being left behind does not block going back.
    let back = apply(&process, &moved.record, &back(), later(3))?;
    assert_eq!(back.record.stage, "develop");
    Ok(())
}

#[test]
fn qualify_is_refused_naming_the_missing_lead_steps() -> TestResult {
    let mut process = ProcessDefinition::lead_to_opportunity();
    assert!(process.set_required("purchase_timeframe", true));
    assert!(process.set_required("summary", true));
    let lead = open_lead();

    assert_eq!(
        qualify(&process, &lead, later(1)).err(),
        Some(ProcessError::MissingSteps {
            stage: "Qualify".into(),
            steps: vec![
                missing(
                    "purchase_timeframe",
                    "Purchase timeframe",
                    "qualify",
                    "Qualify"
                ),
                missing("summary", "Capture summary", "qualify", "Qualify"),
            ],
        })
    );

    let set = Command::SetStep {
        step: "summary".into(),
        value: text("ready"),
    };
    let lead = apply(&process, &lead, &set, later(1))?.record;
    assert_eq!(
        qualify(&process, &lead, later(1)).err(),
        Some(ProcessError::MissingSteps {
            stage: "Qualify".into(),
            steps: vec![missing(
                "purchase_timeframe",
                "Purchase timeframe",
                "qualify",
                "Qualify"
            )],
        })
    );
    let set = Command::SetStep {
        step: "purchase_timeframe".into(),
        value: Some(StepValue::Choice("This quarter".into())),
    };
    let lead = apply(&process, &lead, &set, later(1))?.record;
    assert!(qualify(&process, &lead, later(1)).is_ok());
    Ok(())
}

#[test]
fn going_back_reaches_only_earlier_stages_of_the_same_record() -> TestResult {
    let process = ProcessDefinition::lead_to_opportunity();
    let close = record_in(&process, State::OppClose);
    assert_eq!((close.stage.as_str(), close.probability), ("close", 80));

    let previous = apply(&process, &close, &back(), later(4))?;
    assert_eq!(previous.record.stage, "propose");
    assert_eq!(previous.record.probability, 50);
    assert_eq!(previous.record.stage_entered_at, later(4));
    assert_eq!(
        previous.changes,
        [
            Change::StageLeft {
                stage: "close".into()
            },
            Change::StageEntered {
                stage: "propose".into()
            },
            Change::ReasonGiven {
                action: "Going back a stage".into(),
                reason: "the customer asked".into(),
            },
        ]
    );

    let by_name = apply(&process, &close, &go("DEVELOP"), later(4))?;
    assert_eq!(by_name.record.stage, "develop");
    assert_eq!(by_name.record.probability, 20);
    assert_eq!(by_name.record.status, Status::Open);

    let refusals = [
        (
            "qualify",
            ProcessError::NotAnEarlierStage {
                target: "Qualify".into(),
                kind: RecordKind::Opportunity,
            },
        ),
        (
            "close",
            ProcessError::NotAnEarlierStage {
                target: "Close".into(),
                kind: RecordKind::Opportunity,
            },
        ),
        ("nowhere", ProcessError::UnknownStage("nowhere".into())),
    ];
    for (target, error) in refusals {
        let got = apply(&process, &close, &go(target), later(4));
        assert_eq!(got, Err(error), "go to {target}");
    }

    // Going back needs a reason.
    let silent = Command::GoToStage {
        stage: "develop".into(),
        reason: "  ".into(),
    };
    assert_eq!(
        apply(&process, &close, &silent, later(4)),
        Err(ProcessError::ReasonNeeded {
            action: "Going back a stage"
        })
    );
    Ok(())
}

#[test]
fn qualify_makes_the_lead_qualified_and_read_only_and_starts_the_opportunity_at_develop(
) -> TestResult {
    let process = ProcessDefinition::lead_to_opportunity();
    let mut lead = open_lead();
    lead.topic = String::new();
    lead.steps.insert(
        "estimated_budget".into(),
        StepValue::Money(Money::from_minor(4_000_000)),
    );
    lead.steps
        .insert("summary".into(), StepValue::Text("ok".into()));
    lead.external_id = Some("00Q-1".into());

    let q = qualify(&process, &lead, later(3))?;

    let qualified = &q.lead.record;
    assert_eq!(
        (qualified.status, qualified.reason),
        (Status::Qualified, Reason::Qualified)
    );
    assert_eq!(qualified.stage, "qualify");
    assert_eq!(qualified.steps, lead.steps);
    assert_eq!(
        q.lead.changes,
        [
            Change::StatusChanged {
                status: Status::Qualified,
                reason: Reason::Qualified,
                close: None,
            },
            Change::StageLeft {
                stage: "qualify".into()
            },
        ]
    );

    let opportunity = &q.opportunity.record;
    assert_eq!(opportunity.kind, RecordKind::Opportunity);
    assert_eq!(opportunity.id, RecordId::UNSAVED);
    assert_eq!(opportunity.stage, "develop");
    assert_eq!(opportunity.stage_entered_at, later(3));
    assert_eq!(opportunity.created_at, later(3));
    assert_eq!(opportunity.probability, 20);
    assert_eq!(
        (opportunity.status, opportunity.reason),
        (Status::Open, Reason::InProgress)
    );
    assert_eq!(opportunity.links.origin_lead, Some(lead.id));
    assert_eq!(opportunity.notes, "Call after lunch");
    assert_eq!(opportunity.topic, "Ann Lee");
    assert_eq!(opportunity.company, "Contoso");
    assert_eq!(
        opportunity.estimated_value,
        Some(Money::from_minor(4_000_000))
    );
    assert_eq!(opportunity.external_id, None);
    assert_eq!(
        q.opportunity.changes,
        [
            Change::Created,
            Change::StatusChanged {
                status: Status::Open,
                reason: Reason::InProgress,
                close: None,
            },
            Change::StageEntered {
                stage: "develop".into()
            },
        ]
    );

    // Read-only: neither a step edit nor a disqualify gets through any more.
    let edit = Command::SetStep {
        step: "summary".into(),
        value: text("changed"),
    };
    assert_eq!(
        apply(&process, qualified, &edit, later(4)).err(),
        not_allowed("Editing a step", RecordKind::Lead, Status::Qualified)
    );
    let disqualify = Command::Disqualify(DisqualifyReason::Canceled);
    let refused = apply(&process, qualified, &disqualify, later(4)).err();
    assert_eq!(
        refused,
        not_allowed("Disqualify", RecordKind::Lead, Status::Qualified)
    );
    assert_eq!(
        refused.map(|e| e.to_string()).unwrap_or_default(),
        "Disqualify is not possible while the lead is qualified. Work on its opportunity instead."
    );
    Ok(())
}

#[test]
fn an_estimate_on_the_lead_wins_over_the_budget_step() -> TestResult {
    let process = ProcessDefinition::lead_to_opportunity();
    let mut lead = open_lead();
    lead.estimated_value = Some(Money::from_minor(1_250_000));
    lead.steps.insert(
        "estimated_budget".into(),
        StepValue::Money(Money::from_minor(9_900)),
    );
    let q = qualify(&process, &lead, later(1))?;
    assert_eq!(
        q.opportunity.record.estimated_value,
        Some(Money::from_minor(1_250_000))
    );
    assert_eq!(q.opportunity.record.topic, "New printers");
    Ok(())
}

#[test]
fn close_won_sets_probability_100_with_revenue_and_date() -> TestResult {
    let process = ProcessDefinition::lead_to_opportunity();
    let mut propose = record_in(&process, State::OppPropose);
    propose.estimated_value = Some(Money::from_minor(800_000));

    let given = Command::CloseWon {
        revenue: Some(Money::from_minor(725_050)),
        date: day(9),
    };
    let won = apply(&process, &propose, &given, later(6))?;
    let close = CloseInfo::Won {
        revenue: Money::from_minor(725_050),
        date: day(9),
    };
    assert_eq!(won.record.probability, 100);
    assert_eq!(
        (won.record.status, won.record.reason),
        (Status::Won, Reason::Won)
    );
    assert_eq!(won.record.close, Some(close.clone()));
    assert_eq!(won.record.stage, "propose");
    assert_eq!(
        won.changes,
        [
            Change::StatusChanged {
                status: Status::Won,
                reason: Reason::Won,
                close: Some(close),
            },
            Change::StageLeft {
                stage: "propose".into()
            },
        ]
    );

    let defaulted = Command::CloseWon {
        revenue: None,
        date: day(10),
    };
    let won = apply(&process, &propose, &defaulted, later(6))?;
    assert_eq!(
        won.record.close,
        Some(CloseInfo::Won {
            revenue: Money::from_minor(800_000),
            date: day(10),
        })
    );

    let mut unestimated = propose.clone();
    unestimated.estimated_value = None;
    assert_eq!(
        apply(&process, &unestimated, &defaulted, later(6)),
        Err(ProcessError::NoRevenue)
    );

    let negative = Command::CloseWon {
        revenue: Some(Money::from_minor(-1)),
        date: day(10),
    };
    assert_eq!(
        apply(&process, &propose, &negative, later(6)),
        Err(ProcessError::Negative {
            what: "Actual revenue"
        })
    );
    Ok(())
}

#[test]
fn close_lost_sets_probability_0_with_reason_competitor_and_note() -> TestResult {
    let process = ProcessDefinition::lead_to_opportunity();
    let develop = record_in(&process, State::OppDevelop);
    for (reason, status_reason) in [
        (LostReason::OutSold, Reason::OutSold),
        (LostReason::Canceled, Reason::Canceled),
    ] {
        let command = Command::CloseLost {
            reason,
            competitor: "  Fabrikam ".into(),
            note: "cheaper by 10%\n".into(),
            date: day(12),
        };
        let lost = apply(&process, &develop, &command, later(2))?;
        assert_eq!(lost.record.probability, 0);
        assert_eq!(
            (lost.record.status, lost.record.reason),
            (Status::Lost, status_reason)
        );
        assert_eq!(
            lost.record.close,
            Some(CloseInfo::Lost {
                reason,
                competitor: "Fabrikam".into(),
                note: "cheaper by 10%".into(),
                date: day(12),
            })
        );
        assert_eq!(
            lost.changes.last(),
            Some(&Change::StageLeft {
                stage: "develop".into()
            })
        );
    }
    Ok(())
}

#[test]
fn reopen_returns_to_the_stage_it_was_closed_in() -> TestResult {
    let process = ProcessDefinition::lead_to_opportunity();
    for (state, stage, probability) in [
        (State::OppWon, "close", 80),
        (State::OppLost, "propose", 50),
    ] {
        let closed = record_in(&process, state);
        let reopen = Command::Reopen {
            reason: "they came back".into(),
        };
        let reopened = apply(&process, &closed, &reopen, later(20))?;
        let record = &reopened.record;
        assert_eq!(
            (record.status, record.reason),
            (Status::Open, Reason::InProgress)
        );
        assert_eq!(record.stage, stage, "{state:?}");
        assert_eq!(record.probability, probability, "{state:?}");
        assert_eq!(record.close, None);
        assert_eq!(record.stage_entered_at, later(20));
        assert_eq!(
            reopened.changes,
            [
                Change::StatusChanged {
                    status: Status::Open,
                    reason: Reason::InProgress,
                    close: None,
                },
                Change::StageEntered {
                    stage: stage.into()
                },
                Change::ReasonGiven {
                    action: "Reopen".into(),
                    reason: "they came back".into(),
                },
            ]
        );
        assert!(Available::for_record(&process, record).close);
    }
    Ok(())
}

#[test]
fn reactivate_opens_a_disqualified_lead_keeping_notes_and_steps() -> TestResult {
    let process = ProcessDefinition::lead_to_opportunity();
    let mut lead = open_lead();
    lead.steps
        .insert("summary".into(), StepValue::Text("maybe".into()));

    let disqualify = Command::Disqualify(DisqualifyReason::NoLongerInterested);
    let out = apply(&process, &lead, &disqualify, later(1))?;
    assert_eq!(
        (out.record.status, out.record.reason),
        (Status::Disqualified, Reason::NoLongerInterested)
    );
    assert_eq!(
        out.changes.last(),
        Some(&Change::StageLeft {
            stage: "qualify".into()
        })
    );

    let back = apply(&process, &out.record, &Command::Reactivate, later(8))?;
    assert_eq!(
        (back.record.status, back.record.reason),
        (Status::Open, Reason::New)
    );
    assert_eq!(back.record.notes, lead.notes);
    assert_eq!(back.record.steps, lead.steps);
    assert_eq!(back.record.stage, "qualify");
    assert_eq!(back.record.stage_entered_at, later(8));
    assert_eq!(
        back.changes.last(),
        Some(&Change::StageEntered {
            stage: "qualify".into()
        })
    );
    Ok(())
}

#[test]
fn set_step_checks_the_step_and_its_value() -> TestResult {
    let process = ProcessDefinition::lead_to_opportunity();
    let lead = open_lead();
    let propose = record_in(&process, State::OppPropose);
    let set = |key: &str, value: Option<StepValue>| Command::SetStep {
        step: key.into(),
        value,
    };
    let wrong = |step: &str, expected: &str| ProcessError::WrongValue {
        step: step.into(),
        expected: expected.into(),
    };

    let refusals = [
        (
            &lead,
            set("nope", text("x")),
            ProcessError::UnknownStep("nope".into()),
        ),
        (
            &lead,
            set("customer_need", text("x")),
            ProcessError::StepOfOtherStage {
                step: "Customer need".into(),
                stage: "Develop".into(),
            },
        ),
        (
            &propose,
            set("summary", text("x")),
            ProcessError::StepOfOtherStage {
                step: "Capture summary".into(),
                stage: "Qualify".into(),
            },
        ),
        (
            &lead,
            set("decision_maker", text("yes")),
            wrong("Identify decision maker", "yes or no"),
        ),
        (
            &lead,
            set(
                "purchase_timeframe",
                Some(StepValue::Choice("Someday".into())),
            ),
            wrong(
                "Purchase timeframe",
                "one of: Immediate, This quarter, Next quarter, This year, Unknown",
            ),
        ),
        (
            &lead,
            set(
                "estimated_budget",
                Some(StepValue::Money(Money::from_minor(-5))),
            ),
            ProcessError::Negative { what: "An amount" },
        ),
        (
            &lead,
            set("estimated_budget", text("lots")),
            wrong("Estimated budget", "an amount"),
        ),
    ];
    for (record, command, error) in refusals {
        assert_eq!(
            apply(&process, record, &command, later(1)),
            Err(error),
            "{command:?}"
        );
    }

    // A step of an earlier stage of the same record may still be filled in.
    let earlier = apply(
        &process,
        &propose,
        &set("customer_need", text("speed")),
        later(1),
    )?;
    assert_eq!(
        earlier.record.steps.get("customer_need"),
        Some(&StepValue::Text("speed".into()))
    );
    assert_eq!(
        earlier.changes,
        [Change::StepSet {
            step: "customer_need".into(),
            value: text("speed"),
        }]
    );

    // Setting the same value again changes nothing; clearing removes the value.
    let again = apply(
        &process,
        &earlier.record,
        &set("customer_need", text("speed")),
        later(2),
    )?;
    assert_eq!(again.record, earlier.record);
    assert!(again.changes.is_empty());
    let cleared = apply(
        &process,
        &earlier.record,
        &set("customer_need", None),
        later(2),
    )?;
    assert!(!cleared.record.steps.contains_key("customer_need"));
    assert_eq!(
        cleared.changes,
        [Change::StepSet {
            step: "customer_need".into(),
            value: None,
        }]
    );
    Ok(())
}

#[test]
fn a_lead_with_two_lead_stages_is_offered_next_stage_between_them() -> TestResult {
    let mut process = ProcessDefinition::lead_to_opportunity();
    let mut discover = process.stages[0].clone();
    discover.key = "discover".into();
    discover.name = "Discover".into();
    discover.steps.clear();
    process.stages.insert(0, discover);
    let lead = Record::new_lead("discover", t0());

    let available = Available::for_record(&process, &lead);
    let moved = apply(&process, &lead, &Command::NextStage, later(1))?;
    assert_eq!(moved.record.stage, "qualify");
    assert!(available.next_stage, "Next stage works but is not offered");
    assert!(!available.previous_stage);

    let available = Available::for_record(&process, &moved.record);
    assert!(!available.next_stage);
    assert!(available.previous_stage);
    let back = apply(&process, &moved.record, &back(), later(2))?;
    assert_eq!(back.record.stage, "discover");
    Ok(())
}

#[test]
fn a_step_ahead_on_the_path_can_be_filled_and_one_off_it_cannot() -> TestResult {
    let mut process = ProcessDefinition::lead_to_opportunity();
    // Develop skips Propose and goes straight to Close.
    process.stages[1].next = Some("close".into());
    assert_eq!(process.validate(), Ok(()));
    let develop = record_in(&ProcessDefinition::lead_to_opportunity(), State::OppDevelop);
    let set = |key: &str| Command::SetStep {
        step: key.into(),
        value: Some(StepValue::Check(true)),
    };

    let ahead = apply(&process, &develop, &set("final_proposal"), later(1))?;
    assert_eq!(
        ahead.record.steps.get("final_proposal"),
        Some(&StepValue::Check(true))
    );
    assert_eq!(
        apply(&process, &develop, &set("sales_team"), later(1)),
        Err(ProcessError::StepOfOtherStage {
            step: "Identify sales team".into(),
            stage: "Propose".into(),
        })
    );
    let next = apply(&process, &ahead.record, &Command::NextStage, later(2))?;
    assert_eq!(next.record.stage, "close");
    assert_eq!(
        apply(&process, &next.record, &back(), later(3))?
            .record
            .stage,
        "develop"
    );
    Ok(())
}
