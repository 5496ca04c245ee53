//! Binds the lead form: new or edit, the process a new lead follows when there is a choice,
//! save through the controller, and each validation message put next to its field.

use std::rc::Rc;

use slint::ComponentHandle;

use super::generated::{AppAdapter, AppWindow, LeadFormAdapter, LeadFormData, Screen};
use super::shell::Ui;
use super::{picker, record};
use crate::controller::{AppError, LeadForm};
use crate::process::RecordId;

/// Connects the form adapter's callbacks.
pub(super) fn bind(window: &AppWindow, ui: &Rc<Ui>) {
    let adapter = window.global::<LeadFormAdapter>();

    let on_save = Rc::clone(ui);
    adapter.on_save(move || save(&on_save));

    let on_cancel = Rc::clone(ui);
    adapter.on_cancel(move || {
        let open = on_cancel.state().open.is_some();
        on_cancel.set_screen(if open { Screen::Record } else { Screen::List });
    });

    let on_source = Rc::clone(ui);
    adapter.on_pick_source(move || picker::open_for_source(&on_source));

    let on_rating = Rc::clone(ui);
    adapter.on_pick_rating(move || picker::open_for_rating(&on_rating));

    let on_process = Rc::clone(ui);
    adapter.on_pick_process(move || {
        let current = on_process
            .window()
            .map(|w| w.global::<LeadFormAdapter>().get_process().to_string())
            .unwrap_or_default();
        if let Some(names) = on_process.report(on_process.controller.lead_process_names()) {
            picker::open_for_lead_process(&on_process, names, &current);
        }
    });
}

/// Makes the new lead follow the process `name`; no name means the one new leads follow.
pub(super) fn process_chosen(ui: &Ui, name: &str) {
    let Some(window) = ui.window() else {
        return;
    };
    let name = match name {
        "" => ui.controller.process().name.clone(),
        name => name.to_string(),
    };
    window.global::<LeadFormAdapter>().set_process(name.into());
}

/// Shows an empty form for a new lead.
/// Offers a choice of process only when more than one can start a lead.
pub(super) fn open_new(ui: &Ui) {
    ui.state().editing = None;
    show(ui, &LeadForm::default(), false);
    let names = ui
        .report(ui.controller.lead_process_names())
        .unwrap_or_default();
    if let Some(window) = ui.window() {
        let adapter = window.global::<LeadFormAdapter>();
        adapter.set_choose_process(names.len() > 1);
        adapter.set_process(ui.controller.process().name.as_str().into());
    }
}

/// Shows the form filled from an open lead.
pub(super) fn open_edit(ui: &Ui, id: RecordId) {
    if let Some(form) = ui.report(ui.controller.lead_form(id)) {
        ui.state().editing = Some(id);
        show(ui, &form, true);
    }
}

/// Whether leaving now would lose typing: the form shows and differs from how it opened.
/// Says so in the toast, so the user saves or cancels first.
pub(super) fn holds_unsaved_typing(ui: &Ui) -> bool {
    let Some(window) = ui.window() else {
        return false;
    };
    if window.global::<AppAdapter>().get_screen() != Screen::Form {
        return false;
    }
    let start = ui.state().form_start.clone();
    let unsaved = current(ui).is_some_and(|now| start.is_some_and(|start| start != now));
    if unsaved {
        ui.show_error("The lead form has unsaved changes: save or cancel it first.");
    }
    unsaved
}

/// The form as typed so far.
pub(super) fn current(ui: &Ui) -> Option<LeadFormData> {
    ui.window()
        .map(|window| window.global::<LeadFormAdapter>().get_form())
}

/// Replaces the form as typed, keeping what the user entered elsewhere.
pub(super) fn set_current(ui: &Ui, data: LeadFormData) {
    if let Some(window) = ui.window() {
        window.global::<LeadFormAdapter>().set_form(data);
    }
}

fn show(ui: &Ui, form: &LeadForm, editing: bool) {
    let Some(window) = ui.window() else {
        return;
    };
    let adapter = window.global::<LeadFormAdapter>();
    let data = to_data(form);
    ui.state().form_start = Some(data.clone());
    adapter.set_form(data);
    adapter.set_errors(LeadFormData::default());
    adapter.set_editing(editing);
    adapter.set_choose_process(false);
    ui.set_screen(Screen::Form);
}

fn save(ui: &Ui) {
    let Some(data) = current(ui) else {
        return;
    };
    let form = from_data(&data);
    let editing = ui.state().editing;
    let process = ui.window().and_then(|window| {
        let adapter = window.global::<LeadFormAdapter>();
        adapter
            .get_choose_process()
            .then(|| adapter.get_process().to_string())
    });
    let result = match editing {
        Some(id) => ui.controller.update_lead(id, &form).map(|()| id),
        None => ui.controller.create_lead_on(&form, process.as_deref()),
    };

    match result {
        Ok(id) => {
            set_errors(ui, &[]);
            record::open(ui, id);
            ui.show_notice(if editing.is_some() {
                "Lead saved."
            } else {
                "Lead created."
            });
        }
        Err(AppError::Form(errors)) => {
            set_errors(ui, &errors);
            ui.show_error("Please correct the highlighted fields.");
        }
        Err(error) => ui.show_app_error(&error),
    }
}

fn set_errors(ui: &Ui, errors: &[(String, String)]) {
    let Some(window) = ui.window() else {
        return;
    };
    let mut data = LeadFormData::default();
    for (field, message) in errors {
        let slot = match field.as_str() {
            "topic" => &mut data.topic,
            "first_name" => &mut data.first_name,
            "last_name" => &mut data.last_name,
            "company" => &mut data.company,
            "job_title" => &mut data.job_title,
            "email" => &mut data.email,
            "phone" => &mut data.phone,
            "source" => &mut data.source,
            "rating" => &mut data.rating,
            "estimated_value" => &mut data.estimated_value,
            _ => &mut data.notes,
        };
        // Shown in the window's language where the catalog has the sentence.
        *slot = crate::i18n::tr(message).into();
    }
    window.global::<LeadFormAdapter>().set_errors(data);
}

fn to_data(form: &LeadForm) -> LeadFormData {
    LeadFormData {
        topic: form.topic.as_str().into(),
        first_name: form.first_name.as_str().into(),
        last_name: form.last_name.as_str().into(),
        company: form.company.as_str().into(),
        job_title: form.job_title.as_str().into(),
        email: form.email.as_str().into(),
        phone: form.phone.as_str().into(),
        source: form.source.as_str().into(),
        rating: form.rating.as_str().into(),
        estimated_value: form.estimated_value.as_str().into(),
        notes: form.notes.as_str().into(),
    }
}

fn from_data(data: &LeadFormData) -> LeadForm {
    LeadForm {
        topic: data.topic.to_string(),
        first_name: data.first_name.to_string(),
        last_name: data.last_name.to_string(),
        company: data.company.to_string(),
        job_title: data.job_title.to_string(),
        email: data.email.to_string(),
        phone: data.phone.to_string(),
        source: data.source.to_string(),
        rating: data.rating.to_string(),
        estimated_value: data.estimated_value.to_string(),
        notes: data.notes.to_string(),
    }
}
