//! Binds the record list: the Leads / Opportunities / Closed tabs with their counts, the
//! rows, and opening a record, a new lead form or the import sheet from the list.

use std::rc::Rc;

use slint::{ComponentHandle, ModelRc, VecModel};

use super::generated::{AppWindow, ListAdapter, Segment};
use super::shell::Ui;
use super::{convert, dialogs, form, record};
use crate::process::RecordId;
use crate::store::ListFilter;

/// The tabs in display order.
const TABS: [(ListFilter, &str); 3] = [
    (ListFilter::OpenLeads, "Leads"),
    (ListFilter::OpenOpportunities, "Opportunities"),
    (ListFilter::Closed, "Closed"),
];

/// Connects the list adapter's callbacks.
pub(super) fn bind(window: &AppWindow, ui: &Rc<Ui>) {
    let adapter = window.global::<ListAdapter>();
    adapter.set_rows(ModelRc::from(Rc::clone(&ui.rows)));

    let on_tab = Rc::clone(ui);
    adapter.on_tab_chosen(move |index| {
        let filter = usize::try_from(index)
            .ok()
            .and_then(|i| TABS.get(i))
            .map(|tab| tab.0);
        on_tab.state().filter = filter.unwrap_or_default();
        on_tab.clear_error();
        refresh(&on_tab);
    });

    let on_open = Rc::clone(ui);
    adapter.on_open(move |id| {
        if !form::holds_unsaved_typing(&on_open) {
            record::show(&on_open, RecordId(i64::from(id)));
        }
    });

    let on_new = Rc::clone(ui);
    adapter.on_new_lead(move || {
        if !form::holds_unsaved_typing(&on_new) {
            form::open_new(&on_new);
        }
    });

    let on_import = Rc::clone(ui);
    adapter.on_import(move || dialogs::open_import(&on_import));
}

/// Shows the tab that lists `filter`.
pub(super) fn show_tab(ui: &Ui, filter: ListFilter) {
    ui.state().filter = filter;
    if let Some(window) = ui.window() {
        let index = TABS.iter().position(|tab| tab.0 == filter).unwrap_or(0);
        window
            .global::<ListAdapter>()
            .set_tab(i32::try_from(index).unwrap_or(0));
    }
    refresh(ui);
}

/// Reloads the counts and the rows of the current tab.
pub(super) fn refresh(ui: &Ui) {
    let Some(window) = ui.window() else {
        return;
    };
    let adapter = window.global::<ListAdapter>();
    let (filter, open) = {
        let state = ui.state();
        (state.filter, state.open)
    };

    if let Some(counts) = ui.report(ui.controller.counts()) {
        let count = |n: usize| i32::try_from(n).unwrap_or(i32::MAX);
        let numbers = [counts.open_leads, counts.open_opportunities, counts.closed];
        let segments: Vec<Segment> = TABS
            .iter()
            .zip(numbers)
            .map(|((_, label), n)| Segment {
                label: (*label).into(),
                count: count(n),
            })
            .collect();
        adapter.set_tabs(ModelRc::new(VecModel::from(segments)));
    }

    if let Some(rows) = ui.report(ui.controller.list(filter)) {
        ui.rows
            .set_vec(rows.iter().map(convert::list_row).collect::<Vec<_>>());
    }
    adapter.set_selected_id(open.map(convert::ui_id).unwrap_or(-1));
    adapter.set_empty_text(
        match filter {
            ListFilter::OpenLeads => "No open leads. Create one with New lead, or import a file.",
            ListFilter::OpenOpportunities => "No open opportunities. Qualify a lead to start one.",
            ListFilter::Closed | ListFilter::All => "Nothing closed yet.",
        }
        .into(),
    );
}
