//! Binds the picker sheet shared by every choice field: a choice step of the open record,
//! the lead form's lead source, rating and process, and in the process editor a step's type
//! and the stored process to edit.

use std::rc::Rc;

use slint::{ComponentHandle, Model, ModelRc, SharedString, VecModel};

use super::generated::{AppWindow, PickerAdapter, SheetKind, StepItem};
use super::shell::{PickTarget, Ui};
use super::{form, process_editor, process_editor_open, record};
use crate::controller::STEP_TYPES;
use crate::i18n;
use crate::process::record::LEAD_SOURCES;
use crate::process::Rating;

/// Connects the picker's callback.
pub(super) fn bind(window: &AppWindow, ui: &Rc<Ui>) {
    let ui = Rc::clone(ui);
    window
        .global::<PickerAdapter>()
        .on_chosen(move |value| chosen(&ui, &value));
}

/// Offers the options of a choice step.
pub(super) fn open_for_step(ui: &Ui, step: &StepItem) {
    let options: Vec<SharedString> = step.options.iter().collect();
    open(
        ui,
        PickTarget::Step(step.key.to_string()),
        &step.label,
        options,
        &step.text,
    );
}

/// Offers the lead sources.
pub(super) fn open_for_source(ui: &Ui) {
    let current = form::current(ui).map(|f| f.source).unwrap_or_default();
    let options = LEAD_SOURCES
        .iter()
        .map(|s| SharedString::from(*s))
        .collect();
    open(ui, PickTarget::Source, "Lead source", options, &current);
}

/// Offers the ratings.
pub(super) fn open_for_rating(ui: &Ui) {
    let current = form::current(ui).map(|f| f.rating).unwrap_or_default();
    let options = Rating::ALL
        .iter()
        .map(|r| SharedString::from(r.label()))
        .collect();
    open(ui, PickTarget::Rating, "Rating", options, &current);
}

/// Offers the step types for the step at `index` in the process editor.
pub(super) fn open_for_step_type(ui: &Ui, index: usize, current: &str) {
    let options = STEP_TYPES
        .iter()
        .map(|t| SharedString::from(i18n::tr(t)))
        .collect();
    let title = i18n::tr("Step type");
    open(
        ui,
        PickTarget::StepType(index),
        &title,
        options,
        &i18n::tr(current),
    );
}

/// Offers the stored processes, to edit one in the process editor.
pub(super) fn open_for_process(ui: &Ui, names: Vec<String>, current: &str) {
    let options = names.into_iter().map(SharedString::from).collect();
    let title = i18n::tr("Open a stored process");
    open(ui, PickTarget::Process, &title, options, current);
}

/// Offers the processes a new lead can follow, in the lead form.
pub(super) fn open_for_lead_process(ui: &Ui, names: Vec<String>, current: &str) {
    let options = names.into_iter().map(SharedString::from).collect();
    let title = i18n::tr("Process");
    open(ui, PickTarget::LeadProcess, &title, options, current);
}

fn open(ui: &Ui, target: PickTarget, title: &str, options: Vec<SharedString>, current: &str) {
    let Some(window) = ui.window() else {
        return;
    };
    ui.state().picking = Some(target);
    let adapter = window.global::<PickerAdapter>();
    adapter.set_title(title.into());
    adapter.set_options(ModelRc::new(VecModel::from(options)));
    adapter.set_current(current.into());
    ui.set_sheet(SheetKind::Picker);
}

fn chosen(ui: &Ui, value: &str) {
    let target = ui.state().picking.take();
    ui.set_sheet(SheetKind::None);
    match target {
        Some(PickTarget::Step(key)) => record::commit_step(ui, &key, value),
        Some(PickTarget::Source) => {
            if let Some(mut data) = form::current(ui) {
                data.source = value.into();
                form::set_current(ui, data);
            }
        }
        Some(PickTarget::Rating) => {
            if let Some(mut data) = form::current(ui) {
                data.rating = value.into();
                form::set_current(ui, data);
            }
        }
        Some(PickTarget::StepType(index)) => process_editor::step_type_chosen(ui, index, value),
        Some(PickTarget::Process) => process_editor_open::open_named(ui, value),
        Some(PickTarget::LeadProcess) => form::process_chosen(ui, value),
        None => {}
    }
}
