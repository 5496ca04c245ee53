//! Puts the process editor's draft on screen: the bar preview, the chosen stage's fields,
//! its steps, and the problems shown, each next to what it is about: a number typed out of
//! range at its field, shown again with the text as typed.

use slint::{ComponentHandle, Model, ModelRc, VecModel};

use super::generated::{DraftStep, ProcessEditorAdapter, StageAlert, StageItem, StageState};
use super::shell::Ui;
use crate::controller::{Fault, NumberField, STEP_TYPES};
use crate::i18n;
use crate::process::{ProbabilityPolicy, RecordKind, StepKind};

/// How much of the editor to show again after an edit.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Refresh {
    /// Everything, fields included: after a change of stage, order or type.
    All,
    /// The preview and problems only, so a field being typed in keeps its text and caret.
    Preview,
}

/// The name [`STEP_TYPES`] gives this kind of step.
pub(super) fn type_label(kind: &StepKind) -> &'static str {
    let index = match kind {
        StepKind::Check => 0,
        StepKind::Text => 1,
        StepKind::Number => 2,
        StepKind::Money => 3,
        StepKind::Date => 4,
        StepKind::Choice { .. } => 5,
        StepKind::AccountLink => 6,
        StepKind::ContactLink => 7,
    };
    STEP_TYPES[index]
}

/// Shows the draft in progress.
pub(super) fn show(ui: &Ui, refresh: Refresh) {
    let Some(window) = ui.window() else {
        return;
    };
    let adapter = window.global::<ProcessEditorAdapter>();
    let state = ui.state();
    let Some(editor) = state.draft.as_ref() else {
        return;
    };
    let definition = editor.draft.definition();
    let selected = editor.selected;
    let count = definition.stages.len();
    let to_int = |i: usize| i32::try_from(i).unwrap_or(-1);

    let stages: Vec<StageItem> = definition
        .stages
        .iter()
        .enumerate()
        .map(|(i, stage)| StageItem {
            key: stage.key.as_str().into(),
            name: stage.name.as_str().into(),
            state: if i == selected {
                StageState::Current
            } else {
                StageState::Upcoming
            },
            on_record: true,
            days: 0,
            alert: StageAlert::None,
        })
        .collect();
    adapter.set_stages(ModelRc::new(VecModel::from(stages)));
    adapter.set_selected(to_int(selected));
    adapter.set_can_move_earlier(selected > 0);
    adapter.set_can_move_later(selected + 1 < count);
    adapter.set_can_remove_stage(count > 0);

    let problem = |wanted: &dyn Fn(Fault) -> bool| {
        editor
            .problem
            .as_ref()
            .filter(|(fault, _)| wanted(*fault))
            .map(|(_, message)| message.as_str())
            .unwrap_or_default()
    };
    adapter.set_name_error(problem(&|f| f == Fault::Name).into());
    adapter.set_process_error(problem(&|f| f == Fault::Process).into());
    adapter.set_stage_error(problem(&|f| f == Fault::Stage(selected)).into());
    // A number typed out of range shows at its field whatever else happens to the draft.
    let number_error = |field: NumberField| match editor.draft.number_error(selected, field) {
        Some(error) => i18n::tr(&error.to_string()),
        None => problem(&|f| f == Fault::Number(selected, field)).to_string(),
    };
    adapter.set_probability_error(number_error(NumberField::Probability).into());
    adapter.set_target_error(number_error(NumberField::TargetDays).into());
    adapter.set_manual_probability(definition.probability_policy == ProbabilityPolicy::Manual);
    let step_error = |j: usize| problem(&|f| f == Fault::Step(selected, j)).to_string();

    super::process_editor_branches::show(&adapter, editor, refresh);
    let stage = definition.stages.get(selected);
    if refresh == Refresh::Preview {
        // Only the problems change in the rows; their text stays as typed.
        let rows = adapter.get_steps();
        for j in 0..rows.row_count() {
            if let Some(mut row) = rows.row_data(j) {
                if row.error.as_str() != step_error(j) {
                    row.error = step_error(j).into();
                    rows.set_row_data(j, row);
                }
            }
        }
        return;
    }

    adapter.set_heading(editor.heading.as_str().into());
    adapter.set_name(definition.name.as_str().into());
    let Some(stage) = stage else {
        adapter.set_stage_name("".into());
        adapter.set_steps(ModelRc::new(VecModel::from(Vec::<DraftStep>::new())));
        return;
    };
    adapter.set_stage_name(stage.name.as_str().into());
    adapter.set_stage_lead(stage.record_kind == RecordKind::Lead);
    let typed = |field| {
        editor
            .draft
            .typed_number(selected, field)
            .map(str::to_string)
    };
    let probability = typed(NumberField::Probability).unwrap_or(stage.probability.to_string());
    let target = typed(NumberField::TargetDays)
        .unwrap_or_else(|| stage.target_days.map(|d| d.to_string()).unwrap_or_default());
    adapter.set_stage_probability(probability.into());
    adapter.set_stage_target(target.into());
    adapter.set_stage_guidance(stage.guidance.as_str().into());
    let steps: Vec<DraftStep> = stage
        .steps
        .iter()
        .enumerate()
        .map(|(j, step)| DraftStep {
            label: step.label.as_str().into(),
            type_label: i18n::tr(type_label(&step.kind)).into(),
            required: step.required,
            choice: matches!(step.kind, StepKind::Choice { .. }),
            options: match &step.kind {
                StepKind::Choice { options } => options.join(", ").into(),
                _ => "".into(),
            },
            error: step_error(j).into(),
        })
        .collect();
    adapter.set_steps(ModelRc::new(VecModel::from(steps)));
}
