//! Turns what the controller returns into the plain structs the views show. Formatting
//! only: every decision (what is editable, which commands apply) comes from the controller.

use slint::{ModelRc, SharedString, VecModel};

use super::generated::{
    Commands, ListRowData, RecordStatus, StageAlert as UiStageAlert, StageItem,
    StageState as UiStageState, StepItem, StepKind as UiStepKind,
};
use crate::controller::{ListRow, RecordPage, StageAlert, StageState, StageView, StepView};
use crate::i18n;
use crate::process::{CloseInfo, RecordId, RecordKind, Status, StepKind};

/// A record id as the UI's `int`; ids beyond its range show as -1 and cannot be opened.
pub fn ui_id(id: RecordId) -> i32 {
    i32::try_from(id.0).unwrap_or(-1)
}

/// The badge colour of a status.
pub fn status(status: Status) -> RecordStatus {
    match status {
        Status::Open => RecordStatus::Open,
        Status::Qualified => RecordStatus::Qualified,
        Status::Disqualified => RecordStatus::Disqualified,
        Status::Won => RecordStatus::Won,
        Status::Lost => RecordStatus::Lost,
    }
}

/// A whole number of days for the UI, capped rather than wrapped.
fn days(days: i64) -> i32 {
    i32::try_from(days.max(0)).unwrap_or(i32::MAX)
}

/// One list row.
pub fn list_row(row: &ListRow) -> ListRowData {
    ListRowData {
        id: ui_id(row.id),
        title: row.title.as_str().into(),
        company: row.company.as_str().into(),
        stage: row.stage_name.as_str().into(),
        value: i18n::money_text(&row.estimated_value).into(),
        status: status(row.status),
        status_label: translated_parts(&row.status_label).into(),
        days: days(row.days_in_stage),
    }
}

/// A label made of parts like "Open · New", each part translated.
fn translated_parts(label: &str) -> String {
    label
        .split(" · ")
        .map(i18n::tr)
        .collect::<Vec<_>>()
        .join(" · ")
}

/// One chevron.
pub fn stage_item(stage: &StageView) -> StageItem {
    StageItem {
        key: stage.key.as_str().into(),
        name: stage.name.as_str().into(),
        state: match stage.state {
            StageState::Completed => UiStageState::Completed,
            StageState::Current => UiStageState::Current,
            StageState::Upcoming => UiStageState::Upcoming,
        },
        on_record: stage.on_this_record,
        days: days(stage.days_spent),
        alert: alert(stage.alert),
    }
}

/// The colour a time-in-stage alert takes.
pub fn alert(alert: StageAlert) -> UiStageAlert {
    match alert {
        StageAlert::None => UiStageAlert::None,
        StageAlert::Nearing => UiStageAlert::Nearing,
        StageAlert::Overdue => UiStageAlert::Overdue,
    }
}

/// Days in a stage against its target, like "9 of 12 days": this visit for the record's
/// current stage, all visits for the others. Empty when the stage has no target.
pub fn target_note(page: &RecordPage, stage: &StageView) -> String {
    let Some(target) = stage.target_days else {
        return String::new();
    };
    let spent = if stage.state == StageState::Current {
        page.active_days
    } else {
        stage.days_spent
    };
    let of = i18n::tr_count("{n} day", "{n} days", i64::from(target));
    i18n::tr_with("{} of {}", &[&spent.max(0).to_string(), &of])
}

/// One step editor; link steps show the linked account or contact by name.
pub fn step_item(step: &StepView, page: &RecordPage) -> StepItem {
    let (kind, options): (UiStepKind, Vec<SharedString>) = match &step.kind {
        StepKind::Check => (UiStepKind::Check, Vec::new()),
        StepKind::Text | StepKind::Number => (UiStepKind::Text, Vec::new()),
        StepKind::Date => (UiStepKind::Date, Vec::new()),
        StepKind::Money => (UiStepKind::Money, Vec::new()),
        StepKind::Choice { options } => (
            UiStepKind::Choice,
            options.iter().map(|o| o.as_str().into()).collect(),
        ),
        StepKind::AccountLink | StepKind::ContactLink => (UiStepKind::Link, Vec::new()),
    };
    let linked_name = match &step.kind {
        StepKind::AccountLink => page.account.clone(),
        StepKind::ContactLink => page.contact.clone(),
        _ => None,
    };
    // A qualified lead's links live on its opportunity; the page names them.
    let linked = !step.text.is_empty() || page.record.status == Status::Qualified;
    let text = match linked_name {
        Some(name) if linked => name,
        // Amounts as the language writes them; typed back, they read the same.
        _ if matches!(step.kind, StepKind::Money) => i18n::money_text(&step.text),
        _ => step.text.clone(),
    };
    StepItem {
        key: step.key.as_str().into(),
        label: step.label.as_str().into(),
        kind,
        required: step.required,
        text: text.into(),
        editable: step.editable,
        options: ModelRc::new(VecModel::from(options)),
    }
}

/// The commands the record offers; Edit lead applies to open leads only.
pub fn commands(page: &RecordPage) -> Commands {
    let available = page.available;
    Commands {
        qualify: available.qualify,
        disqualify: available.disqualify,
        reactivate: available.reactivate,
        close: available.close,
        reopen: available.reopen,
        next_stage: available.next_stage,
        previous_stage: available.previous_stage,
        edit: available.edit && page.record.kind == RecordKind::Lead,
        open_opportunity: page.record.kind == RecordKind::Lead
            && page.record.links.opportunity.is_some(),
    }
}

/// Status and reason as the badge shows them, like "Open · New" or "Won".
pub fn status_label(page: &RecordPage) -> String {
    let status = i18n::tr(page.record.status.label());
    let reason = i18n::tr(page.record.reason.label());
    if status == reason {
        status
    } else {
        format!("{status} · {reason}")
    }
}

/// Who the record is about and for which company, like "Alex Wu · Contoso Ltd", leaving
/// out what the title already says.
pub fn subtitle(page: &RecordPage) -> String {
    let record = &page.record;
    let person = page
        .contact
        .clone()
        .unwrap_or_else(|| record.person.full_name());
    let company = page
        .account
        .clone()
        .unwrap_or_else(|| record.company.trim().to_string());
    let mut parts: Vec<String> = Vec::new();
    let job_title = record.person.job_title.trim();
    if !job_title.is_empty() && page.contact.is_none() {
        parts.push(format!("{person}, {job_title}"));
    } else if !person.is_empty() && person != page.title {
        parts.push(person);
    }
    if !company.is_empty() && company != page.title {
        parts.push(company);
    }
    parts.join(" · ")
}

/// How to reach the record's person: e-mail and phone, as far as they are known.
pub fn reach(page: &RecordPage) -> String {
    let person = &page.record.person;
    [person.email.trim(), person.phone.trim()]
        .into_iter()
        .filter(|part| !part.is_empty())
        .collect::<Vec<_>>()
        .join(" · ")
}

/// The amount the header shows: the won revenue once won, else the estimate.
pub fn value(page: &RecordPage) -> String {
    match &page.record.close {
        Some(CloseInfo::Won { revenue, .. }) if page.record.status == Status::Won => {
            i18n::money(*revenue)
        }
        _ => page
            .record
            .estimated_value
            .map(i18n::money)
            .unwrap_or_default(),
    }
}

/// The caption under the current chevron.
pub fn caption(page: &RecordPage) -> String {
    match page.record.status {
        Status::Open => i18n::tr_count(
            "Active for {n} day",
            "Active for {n} days",
            page.active_days.max(0),
        ),
        Status::Won => i18n::tr("Closed as won"),
        Status::Lost => i18n::tr("Closed as lost"),
        Status::Disqualified => i18n::tr("Disqualified"),
        Status::Qualified => String::new(),
    }
}

/// A line under the steps' title explaining why they cannot be edited, if they cannot.
pub fn steps_note(page: &RecordPage, stage: &StageView) -> String {
    let kind = page.record.kind;
    if !stage.on_this_record {
        return match kind {
            RecordKind::Lead => i18n::tr("Worked on the opportunity once this lead is qualified."),
            RecordKind::Opportunity => i18n::tr("Filled in on the lead before it was qualified."),
        };
    }
    if !page.available.edit {
        return i18n::tr_with(
            "This {} is {}; its steps are read-only.",
            &[
                &i18n::tr(kind.label()).to_lowercase(),
                &i18n::tr(page.record.status.label()).to_lowercase(),
            ],
        );
    }
    if stage.state == StageState::Upcoming {
        return i18n::tr("Available when the record reaches this stage.");
    }
    String::new()
}
