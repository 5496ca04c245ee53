//! The life of one demo lead: the commands a salesperson ran on it and on the opportunity it
//! became, at times spread between its creation and now. Every command goes through the
//! stage machine, so records and histories are those the app itself would have produced.

use chrono::{DateTime, Duration, NaiveDate, Utc};
use fastrand::Rng;

use super::words::{COMPETITORS, LOSS_NOTES, REMARKS};
use crate::controller::AppResult;
use crate::process::{
    self, Change, Command, DisqualifyReason, LostReason, Money, ProcessDefinition, Record,
    RecordKind, Stage, StepKind, StepValue,
};
use crate::store::Event;

/// How a demo lead ends up.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Fate {
    /// Still being worked.
    Open,
    /// Disqualified, perhaps after a reactivation.
    Disqualified,
    /// Qualified into an opportunity that is still open.
    OpportunityOpen,
    /// Qualified into an opportunity closed as won.
    Won,
    /// Qualified into an opportunity closed as lost.
    Lost,
}

/// One lead's life, ready to be written.
pub struct Story {
    /// The lead as saved before it was qualified (or as it is, when it never was).
    pub lead: Record,
    /// Everything that happened to the lead, qualifying included.
    pub lead_history: Vec<Event>,
    /// What qualifying produced, when the lead was qualified.
    pub qualified: Option<Qualified>,
}

/// A qualified lead's second half: the lead as qualify left it and its opportunity.
pub struct Qualified {
    /// When the lead was qualified.
    pub at: DateTime<Utc>,
    /// The lead after qualifying; its links are filled in when the opportunity is saved.
    pub lead: Record,
    /// The opportunity as it is now.
    pub opportunity: Record,
    /// Everything that happened to the opportunity.
    pub history: Vec<Event>,
}

/// One thing done to the record being worked.
enum Act {
    FillSteps { stage: usize, all: bool },
    Next,
    Back,
    Disqualify(DisqualifyReason),
    Reactivate,
    Qualify,
    Won,
    Lost,
}

/// Plays out a lead's life from `lead` (a new lead, not yet saved) to its `fate`.
pub fn play(
    process: &ProcessDefinition,
    rng: &mut Rng,
    lead: Record,
    fate: Fate,
    now: DateTime<Utc>,
) -> AppResult<Story> {
    let acts = plan(process, rng, &lead, fate);
    let created = lead.created_at;
    let span = (now - created).num_seconds().max(1);
    let mut offsets: Vec<i64> = (0..acts.len()).map(|_| rng.i64(1..=span)).collect();
    offsets.sort_unstable();

    let mut story = Story {
        lead_history: vec![Event {
            at: created,
            changes: vec![
                Change::Created,
                Change::StatusChanged {
                    status: lead.status,
                    reason: lead.reason,
                    close: None,
                },
                Change::StageEntered {
                    stage: lead.stage.clone(),
                },
            ],
        }],
        lead,
        qualified: None,
    };
    for (act, offset) in acts.iter().zip(offsets) {
        let at = created + Duration::seconds(offset);
        act_out(process, rng, &mut story, act, at)?;
    }
    Ok(story)
}

/// The commands that lead from a new lead to `fate`, in order.
fn plan(process: &ProcessDefinition, rng: &mut Rng, lead: &Record, fate: Fate) -> Vec<Act> {
    let first = process.stage_index(&lead.stage).unwrap_or(0);
    let opportunity_stages: Vec<usize> = (0..process.stages.len())
        .filter(|&i| process.stages[i].record_kind == RecordKind::Opportunity)
        .collect();
    let mut acts = Vec::new();

    match fate {
        Fate::Open => {
            if rng.u8(..10) < 7 {
                acts.push(Act::FillSteps {
                    stage: first,
                    all: false,
                });
            }
        }
        Fate::Disqualified => {
            if rng.bool() {
                acts.push(Act::FillSteps {
                    stage: first,
                    all: false,
                });
            }
            acts.push(Act::Disqualify(pick(rng, DisqualifyReason::ALL)));
            if rng.u8(..10) == 0 {
                acts.push(Act::Reactivate);
                acts.push(Act::Disqualify(pick(rng, DisqualifyReason::ALL)));
            }
        }
        Fate::OpportunityOpen | Fate::Won | Fate::Lost => {
            acts.push(Act::FillSteps {
                stage: first,
                all: true,
            });
            acts.push(Act::Qualify);
            let last = opportunity_stages.len().saturating_sub(1);
            let reached = match fate {
                Fate::Won => last,
                _ => rng.usize(..=last),
            };
            for (n, &stage) in opportunity_stages.iter().enumerate().take(reached) {
                acts.push(Act::FillSteps { stage, all: true });
                acts.push(Act::Next);
                if n > 0 && rng.u8(..12) == 0 {
                    acts.push(Act::Back);
                    acts.push(Act::Next);
                }
            }
            if let Some(&stage) = opportunity_stages.get(reached) {
                acts.push(Act::FillSteps {
                    stage,
                    all: fate == Fate::Won,
                });
            }
            match fate {
                Fate::Won => acts.push(Act::Won),
                Fate::Lost => acts.push(Act::Lost),
                _ => {}
            }
        }
    }
    acts
}

/// Runs one act on the opportunity when there is one, else on the lead.
fn act_out(
    process: &ProcessDefinition,
    rng: &mut Rng,
    story: &mut Story,
    act: &Act,
    at: DateTime<Utc>,
) -> AppResult<()> {
    if let Act::Qualify = act {
        let q = process::qualify(process, &story.lead, at)?;
        story.lead_history.push(Event {
            at,
            changes: q.lead.changes,
        });
        story.qualified = Some(Qualified {
            at,
            lead: q.lead.record,
            opportunity: q.opportunity.record,
            history: vec![Event {
                at,
                changes: q.opportunity.changes,
            }],
        });
        return Ok(());
    }

    let (record, history) = match story.qualified.as_mut() {
        Some(q) => (&mut q.opportunity, &mut q.history),
        None => (&mut story.lead, &mut story.lead_history),
    };
    let commands = match act {
        Act::FillSteps { stage, all } => match process.stages.get(*stage) {
            Some(stage) => fill_steps(rng, stage, record, *all, at.date_naive()),
            None => Vec::new(),
        },
        Act::Next => vec![Command::NextStage],
        Act::Back => vec![Command::PreviousStage {
            reason: "The customer asked to revisit it".into(),
        }],
        Act::Disqualify(reason) => vec![Command::Disqualify(*reason)],
        Act::Reactivate => vec![Command::Reactivate],
        Act::Won => vec![Command::CloseWon {
            revenue: won_revenue(rng, record),
            date: at.date_naive(),
        }],
        Act::Lost => vec![Command::CloseLost {
            reason: pick(rng, LostReason::ALL),
            competitor: pick(rng, &COMPETITORS).to_string(),
            note: pick(rng, &LOSS_NOTES).to_string(),
            date: at.date_naive(),
        }],
        Act::Qualify => Vec::new(),
    };
    for command in commands {
        let transition = process::apply(process, record, &command, at)?;
        *record = transition.record;
        if !transition.changes.is_empty() {
            history.push(Event {
                at,
                changes: transition.changes,
            });
        }
    }
    Ok(())
}

/// Commands that fill the steps of `stage` a salesperson can fill by hand: all of them, or
/// a random few.
fn fill_steps(
    rng: &mut Rng,
    stage: &Stage,
    record: &Record,
    all: bool,
    today: NaiveDate,
) -> Vec<Command> {
    let mut commands = Vec::new();
    for step in &stage.steps {
        if !(all || step.required || rng.bool()) {
            continue;
        }
        if let Some(value) = step_value(rng, &step.kind, record, today) {
            commands.push(Command::SetStep {
                step: step.key.clone(),
                value: Some(value),
            });
        }
    }
    commands
}

/// A plausible value for a step of this kind; link steps are left to qualify.
fn step_value(
    rng: &mut Rng,
    kind: &StepKind,
    record: &Record,
    today: NaiveDate,
) -> Option<StepValue> {
    match kind {
        StepKind::Check => Some(StepValue::Check(true)),
        StepKind::Text => Some(StepValue::Text(pick(rng, &REMARKS).to_string())),
        StepKind::Date => Some(StepValue::Date(today + Duration::days(rng.i64(3..60)))),
        StepKind::Money => {
            Some(StepValue::Money(record.estimated_value.unwrap_or_else(
                || Money::from_minor(rng.i64(20..2_000) * 10_000),
            )))
        }
        StepKind::Number => Some(StepValue::Number(rng.i64(1..50))),
        StepKind::Choice { options } if !options.is_empty() => {
            Some(StepValue::Choice(pick(rng, options).clone()))
        }
        StepKind::Choice { .. } | StepKind::AccountLink | StepKind::ContactLink => None,
    }
}

/// The revenue of a won sale: the estimate as is, a different figure, or one typed in when
/// there was no estimate.
fn won_revenue(rng: &mut Rng, record: &Record) -> Option<Money> {
    match record.estimated_value {
        Some(_) if rng.u8(..3) > 0 => None,
        Some(estimate) => Some(Money::from_minor(
            estimate.minor() / 100 * i64::from(rng.u8(80..=115)),
        )),
        None => Some(Money::from_minor(rng.i64(5..500) * 100_000)),
    }
}

/// One item of a list, chosen at random.
pub fn pick<T: Clone>(rng: &mut Rng, items: &[T]) -> T {
    items[rng.usize(..items.len())].clone()
}
