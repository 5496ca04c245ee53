//! Binds the missing-steps sheet: Next stage refused for empty required steps opens it with
//! only those steps; "Fill and move on" saves them and moves the record in one go, and
//! Cancel leaves the record unchanged. A jump ahead on the bar refused for empty steps opens
//! it too, listing them across the stages the jump passes, and fills and jumps in one go.
//! Qualify and close as won, refused for empty steps, open it too; "Fill and qualify" and
//! "Fill and close as won" save them on their own, then carry on into the qualify or
//! close-as-won sheet. What is typed waits in the UI state, not the sheet.

use std::rc::Rc;

use slint::{ComponentHandle, Model, ModelRc, VecModel};

use super::generated::{AppWindow, MissingStepsAdapter, SheetKind, StepItem, StepKind};
use super::shell::Ui;
use super::{convert, dialogs, qualify};
use crate::controller::{AppError, Controller, RecordPage, StepView};
use crate::i18n;
use crate::process::{ProcessError, RecordId};

/// Connects the sheet's callbacks.
pub(super) fn bind(window: &AppWindow, ui: &Rc<Ui>) {
    let adapter = window.global::<MissingStepsAdapter>();

    let on_edit = Rc::clone(ui);
    adapter.on_edited(move |key, text| edited(&on_edit, &key, &text));

    let on_confirm = Rc::clone(ui);
    adapter.on_confirm(move || confirm(&on_confirm));

    let on_cancel = Rc::clone(ui);
    adapter.on_cancel(move || {
        on_cancel.state().missing.clear();
        on_cancel.state().jump_to = None;
        on_cancel.state().fill_then = None;
        on_cancel.set_sheet(SheetKind::None);
    });
}

/// Moves the open record to its next stage, or opens the sheet when required steps of its
/// stage are empty.
pub(super) fn next_stage(ui: &Ui) {
    let Some(id) = ui.state().open else {
        return;
    };
    match ui.controller.next_stage(id) {
        Err(AppError::Process(ProcessError::MissingSteps { stage, .. })) => {
            open(ui, id, &stage);
        }
        Ok(()) => {
            ui.clear_error();
            ui.state().selected_stage = None;
            ui.refresh();
        }
        Err(error) => {
            // The record may have changed elsewhere: show it as it now is.
            ui.show_app_error(&error);
            ui.refresh();
        }
    }
}

/// Jumps the open record ahead to the stage chosen on the bar, or opens the sheet with the
/// empty required steps of the stages the jump passes.
pub(super) fn move_here(ui: &Ui) {
    let (id, target) = {
        let state = ui.state();
        let page = state.page.as_ref();
        let target = state
            .selected_stage
            .and_then(|i| page?.stages.get(i))
            .map(|s| (s.key.clone(), s.name.clone()));
        (state.open, target)
    };
    let (Some(id), Some((key, name))) = (id, target) else {
        return;
    };
    match ui.controller.go_to_stage(id, &key, "") {
        Err(AppError::Process(ProcessError::MissingSteps { steps, .. })) => {
            let page = ui.state().page.clone();
            let wanted: Vec<StepView> = page
                .iter()
                .flat_map(|p| p.stages.iter().flat_map(|s| s.steps.iter()))
                .filter(|s| steps.iter().any(|m| m.key == s.key))
                .cloned()
                .collect();
            ui.state().jump_to = Some(key);
            let mut from: Vec<&str> = steps.iter().map(|m| m.stage.as_str()).collect();
            from.dedup();
            let subtitle = i18n::tr_with(
                "Moving to {} passes {}, which need these first.",
                &[&name, &from.join(", ")],
            );
            show(ui, &wanted, &subtitle, None);
        }
        Ok(()) => {
            ui.clear_error();
            ui.state().selected_stage = None;
            ui.refresh();
            ui.show_notice(&i18n::tr_with("Moved to {}.", &[&name]));
        }
        Err(error) => {
            ui.show_app_error(&error);
            ui.refresh();
        }
    }
}

fn open(ui: &Ui, id: RecordId, stage: &str) {
    let Some(missing) = ui.report(ui.controller.missing_steps(id)) else {
        return;
    };
    let page = ui.state().page.clone();
    let Some(page) = page else {
        return;
    };
    let subtitle = match next_stage_name(&page, stage) {
        Some(next) => i18n::tr_with(
            "{} needs these before this record moves on to {}.",
            &[stage, &next],
        ),
        None => i18n::tr_with("{} needs these before this record moves on.", &[stage]),
    };
    ui.state().jump_to = None;
    show(ui, &missing, &subtitle, None);
}

/// A command that asks for its missing steps first and carries on once they are saved.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Then {
    /// Qualify the lead (through the qualify sheet when it has choices to offer).
    Qualify,
    /// Close the opportunity as won (through the close-as-won sheet).
    CloseWon,
}

/// Opens the sheet on the steps `then` needs on the open record; once they are filled and
/// saved, `then` carries on.
pub(super) fn open_before(ui: &Ui, missing: &[StepView], then: Then) {
    ui.state().jump_to = None;
    let subtitle = match then {
        Then::Qualify => {
            i18n::tr("Qualifying needs these first; they are kept even if you cancel.")
        }
        Then::CloseWon => i18n::tr(
            "Closing as won needs these first, from every stage still ahead; they are kept \
             even if you cancel.",
        ),
    };
    show(ui, missing, &subtitle, Some(then));
}

/// Opens the sheet on these steps; with `then`, confirming saves them and carries on with
/// that command, else it saves them and moves the record.
fn show(ui: &Ui, missing: &[StepView], subtitle: &str, then: Option<Then>) {
    let Some(window) = ui.window() else {
        return;
    };
    let page = ui.state().page.clone();
    let Some(page) = page else {
        return;
    };
    let items: Vec<StepItem> = missing
        .iter()
        .map(|step| convert::step_item(step, &page))
        .collect();
    ui.state().missing = missing
        .iter()
        .map(|s| (s.key.clone(), String::new()))
        .collect();
    ui.state().fill_then = then;
    let adapter = window.global::<MissingStepsAdapter>();
    let (title, confirm) = match then {
        Some(Then::Qualify) => ("Fill in to qualify", "Fill and qualify"),
        Some(Then::CloseWon) => ("Fill in to close as won", "Fill and close as won"),
        None => ("Fill in to move on", "Fill and move on"),
    };
    adapter.set_title(i18n::tr(title).into());
    adapter.set_confirm_text(i18n::tr(confirm).into());
    adapter.set_subtitle(subtitle.into());
    adapter.set_steps(ModelRc::new(VecModel::from(items)));
    ui.set_sheet(SheetKind::MissingSteps);
}

/// The name of the stage after `stage`, when the page knows it.
fn next_stage_name(page: &RecordPage, stage: &str) -> Option<String> {
    let stages = &page.stages;
    stages
        .iter()
        .position(|s| s.name == stage)
        .and_then(|i| stages.get(i + 1))
        .map(|s| s.name.clone())
}

fn edited(ui: &Ui, key: &str, text: &str) {
    if let Some(value) = ui
        .state()
        .missing
        .iter_mut()
        .find(|(k, _)| k == key)
        .map(|(_, value)| value)
    {
        *value = text.to_string();
    }
    let Some(window) = ui.window() else {
        return;
    };
    let steps = window.global::<MissingStepsAdapter>().get_steps();
    for index in 0..steps.row_count() {
        if let Some(mut step) = steps.row_data(index) {
            // Typed fields keep their own text; rewriting it would move the caret.
            let typed = matches!(step.kind, StepKind::Text | StepKind::Date | StepKind::Money);
            if step.key == key && step.text != text && !typed {
                step.text = text.into();
                steps.set_row_data(index, step);
            }
        }
    }
}

fn confirm(ui: &Ui) {
    let Some(id) = ui.state().open else {
        return;
    };
    let values = ui.state().missing.clone();
    let then = ui.state().fill_then;
    if let Some(then) = then {
        // Saved on their own first, so cancelling the sheet that follows keeps what was typed.
        if ui.report(ui.controller.fill_steps(id, &values)).is_some() {
            ui.state().missing.clear();
            ui.state().fill_then = None;
            ui.set_sheet(SheetKind::None);
            ui.refresh();
            match then {
                Then::Qualify => qualify::start(ui),
                Then::CloseWon => dialogs::start_close_won(ui),
            }
        }
        return;
    }
    let jump = ui.state().jump_to.clone();
    let moved = match &jump {
        Some(stage) => ui.controller.fill_and_go_to_stage(id, stage, &values),
        None => Controller::fill_and_next_stage(&ui.controller, id, &values),
    };
    if ui.report(moved).is_some() {
        ui.state().missing.clear();
        ui.state().jump_to = None;
        ui.state().selected_stage = None;
        ui.set_sheet(SheetKind::None);
        ui.refresh();
        ui.show_notice("Steps saved; the record moved on.");
    }
}
