//! What the list and the record page show, computed from records and their history so the
//! UI only formats and never decides.

use chrono::{DateTime, Utc};

use super::history_view::HistoryView;
use super::step_text::step_text;
use crate::process::history::{time_in_stages, whole_days, Entry};
use crate::process::{
    path, Available, Money, ProbabilityPolicy, ProcessDefinition, Record, RecordId, RecordKind,
    Status, StepKind,
};
use crate::store::{PageKey, Summary};

/// How many records each list view holds.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Counts {
    /// Open leads.
    pub open_leads: usize,
    /// Open opportunities.
    pub open_opportunities: usize,
    /// Closed records of both kinds.
    pub closed: usize,
}

/// One row of the record list.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ListRow {
    /// The record's id.
    pub id: RecordId,
    /// Lead or opportunity.
    pub kind: RecordKind,
    /// Topic, person or company.
    pub title: String,
    /// Company name.
    pub company: String,
    /// Name of the current stage.
    pub stage_name: String,
    /// Estimated value, formatted; empty when unknown.
    pub estimated_value: String,
    /// Estimated value as an amount, for output that wants a number.
    pub amount: Option<Money>,
    /// The status.
    pub status: Status,
    /// Status and reason as shown on the badge, like "Open · New".
    pub status_label: String,
    /// Whole days since the current stage was entered.
    pub days_in_stage: i64,
    /// Where the row sits in its list's order, to ask for the rows after it.
    pub key: PageKey,
}

impl ListRow {
    /// The row for a summary, with days counted up to `now`.
    pub fn new(process: &ProcessDefinition, summary: &Summary, now: DateTime<Utc>) -> Self {
        ListRow {
            id: summary.id,
            kind: summary.kind,
            title: summary.title(),
            company: summary.company.clone(),
            stage_name: stage_name(process, &summary.stage),
            estimated_value: summary
                .estimated_value
                .map(|v| v.to_string())
                .unwrap_or_default(),
            amount: summary.estimated_value,
            status: summary.status,
            status_label: status_label(summary.status, summary.reason.label()),
            days_in_stage: whole_days(summary.stage_entered_at, now),
            key: summary.key.clone(),
        }
    }
}

/// Where a stage stands on a record's bar.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum StageState {
    /// Passed.
    Completed,
    /// The record is in this stage (or was closed in it).
    Current,
    /// Still ahead.
    Upcoming,
}

/// How the time in the current stage compares with the stage's target.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum StageAlert {
    /// No target, not the current stage of an open record, or well within the target.
    #[default]
    None,
    /// Three quarters of the target or more has gone by.
    Nearing,
    /// More whole days than the target have gone by.
    Overdue,
}

impl StageAlert {
    /// The alert for `days` whole days in a stage with a target of `target` days.
    pub fn for_days(days: i64, target: Option<u16>) -> Self {
        let Some(target) = target.map(i64::from) else {
            return StageAlert::None;
        };
        if days > target {
            StageAlert::Overdue
        } else if days * 4 >= target * 3 {
            StageAlert::Nearing
        } else {
            StageAlert::None
        }
    }
}

/// One step as the bar shows it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StepView {
    /// The step's key.
    pub key: String,
    /// What the user sees.
    pub label: String,
    /// How the value is entered.
    pub kind: StepKind,
    /// Whether leaving the stage needs it.
    pub required: bool,
    /// The value as editable text; empty when not filled.
    pub text: String,
    /// Whether the user may change it now.
    pub editable: bool,
}

/// One chevron of the process bar with its steps.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StageView {
    /// The stage's key.
    pub key: String,
    /// The stage's name.
    pub name: String,
    /// Completed, current or upcoming.
    pub state: StageState,
    /// Whether the stage is worked on this record (not on its lead or opportunity).
    pub on_this_record: bool,
    /// Whole days spent in the stage, all visits summed.
    pub days_spent: i64,
    /// What good looks like at this stage; empty when the process says nothing.
    pub guidance: String,
    /// The stage's target number of days, if it has one.
    pub target_days: Option<u16>,
    /// Whether the current stage of an open record nears or passed its target.
    pub alert: StageAlert,
    /// The stage's steps.
    pub steps: Vec<StepView>,
}

/// Everything the record page shows.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RecordPage {
    /// The record itself.
    pub record: Record,
    /// Its title.
    pub title: String,
    /// The stages on the record's path, in order; stages its branches skip are left out.
    pub stages: Vec<StageView>,
    /// Where the probability comes from: "from stage" or "set by hand".
    pub probability_source: &'static str,
    /// Whether the process keeps a probability set by hand through stage moves.
    pub probability_kept: bool,
    /// The history strip: time in each stage, reasons and step completions.
    pub history: HistoryView,
    /// The commands the record offers now.
    pub available: Available,
    /// Name of the linked account.
    pub account: Option<String>,
    /// Name of the linked contact.
    pub contact: Option<String>,
    /// Whole days since the current stage was entered.
    pub active_days: i64,
    /// The name of the process the record follows.
    pub process_name: String,
}

impl RecordPage {
    /// Builds the page for a record with its history, counting time up to `now`.
    pub fn new(
        process: &ProcessDefinition,
        record: Record,
        history: &[Entry],
        account: Option<String>,
        contact: Option<String>,
        now: DateTime<Utc>,
    ) -> Self {
        let available = Available::for_record(process, &record);
        let times = time_in_stages(history, now);
        let current = process.stage_index(&record.stage).unwrap_or(0);
        let lead_done = record.kind == RecordKind::Lead && record.status == Status::Qualified;
        let active_days = whole_days(record.stage_entered_at, now);

        let route = path(process, &record.stage, &record.steps);
        let stages = route
            .iter()
            .filter_map(|&index| process.stages.get(index).map(|stage| (index, stage)))
            .map(|(index, stage)| {
                let state = match index.cmp(&current) {
                    std::cmp::Ordering::Less => StageState::Completed,
                    std::cmp::Ordering::Equal if lead_done => StageState::Completed,
                    std::cmp::Ordering::Equal => StageState::Current,
                    std::cmp::Ordering::Greater => StageState::Upcoming,
                };
                let on_this_record = stage.record_kind == record.kind;
                let spent = times.iter().find(|t| t.stage == stage.key).map(|t| t.total);
                let steps = stage
                    .steps
                    .iter()
                    .map(|step| StepView {
                        key: step.key.clone(),
                        label: step.label.clone(),
                        kind: step.kind.clone(),
                        required: step.required,
                        text: record
                            .steps
                            .get(&step.key)
                            .map(step_text)
                            .unwrap_or_default(),
                        editable: available.edit
                            && on_this_record
                            && index <= current
                            && !matches!(step.kind, StepKind::AccountLink | StepKind::ContactLink),
                    })
                    .collect();
                let alert = if state == StageState::Current && record.status == Status::Open {
                    StageAlert::for_days(active_days, stage.target_days)
                } else {
                    StageAlert::None
                };
                StageView {
                    key: stage.key.clone(),
                    name: stage.name.clone(),
                    state,
                    on_this_record,
                    days_spent: spent.map(|d| d.num_days()).unwrap_or(0),
                    guidance: stage.guidance.clone(),
                    target_days: stage.target_days,
                    alert,
                    steps,
                }
            })
            .collect();

        RecordPage {
            probability_source: if record.probability_by_hand {
                "set by hand"
            } else {
                "from stage"
            },
            probability_kept: process.probability_policy == ProbabilityPolicy::Manual,
            history: HistoryView::new(process, history, now),
            title: record.title(),
            active_days,
            process_name: process.name.clone(),
            stages,
            available,
            account,
            contact,
            record,
        }
    }
}

fn stage_name(process: &ProcessDefinition, key: &str) -> String {
    process
        .stage(key)
        .map(|s| s.name.clone())
        .unwrap_or_else(|| key.to_string())
}

fn status_label(status: Status, reason: &str) -> String {
    if status.label() == reason {
        reason.to_string()
    } else {
        format!("{} · {reason}", status.label())
    }
}
