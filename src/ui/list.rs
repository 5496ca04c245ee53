//! Binds the record list: the Leads / Opportunities / Closed tabs with their counts, the
//! search box and sort, the rows (read lazily, a page at a time), and opening a record, a
//! new lead form or the import sheet from the list.

use std::rc::Rc;
use std::time::Duration;

use slint::{ComponentHandle, Model, ModelRc, TimerMode, VecModel};

use super::generated::{AppWindow, ListAdapter, Segment};
use super::shell::Ui;
use super::{convert, dialogs, filters, form, record};
use crate::i18n;
use crate::process::RecordId;
use crate::store::{ListFilter, ListQuery, ListSort};

/// How long typing in the search box pauses before the tabs not on screen are counted: each
/// keystroke counts only the tab that shows, so the list keeps up with the typing.
const COUNT_PAUSE: Duration = Duration::from_millis(200);

/// What a tab's badge holds while its count waits for a pause in typing.
const NOT_COUNTED: i32 = -1;

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

    let on_search = Rc::clone(ui);
    adapter.on_search_edited(move |text| {
        if on_search.state().search == text.as_str() {
            return;
        }
        on_search.state().search = text.to_string();
        refresh_while_typing(&on_search);
    });

    let on_sort = Rc::clone(ui);
    adapter.on_sort_next(move || {
        let next = match on_sort.state().sort {
            ListSort::Recent => ListSort::Value,
            ListSort::Value => ListSort::CloseDate,
            ListSort::CloseDate => ListSort::Recent,
        };
        on_sort.state().sort = next;
        refresh(&on_sort);
    });

    let on_filters = Rc::clone(ui);
    adapter.on_filters(move || filters::open(&on_filters));

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

/// Counts each tab for the current search and shows the current tab's rows from the top;
/// only the rows on screen are read.
pub(super) fn refresh(ui: &Ui) {
    ui.count_timer.stop();
    show(ui, true);
}

/// Shows the rows for what is typed so far and counts the current tab; the other tabs are
/// counted once typing pauses.
fn refresh_while_typing(ui: &Rc<Ui>) {
    show(ui, false);

    let weak = Rc::downgrade(ui);
    ui.count_timer
        .start(TimerMode::SingleShot, COUNT_PAUSE, move || {
            if let Some(ui) = weak.upgrade() {
                count_waiting_tabs(&ui);
            }
        });
}

/// The query the list's tab, search box, sort and filters make, the open record, and how
/// many filters are on.
fn current_query(ui: &Ui) -> (ListQuery, Option<RecordId>, usize) {
    let today = ui.controller.today();
    let now = ui.controller.now();
    let state = ui.state();
    let narrowing = &state.narrowing;
    let query = ListQuery {
        filter: state.filter,
        text: state.search.clone(),
        sort: state.sort,
        stage: narrowing.stage.clone(),
        rating: narrowing.rating,
        source: narrowing.source.clone(),
        overdue_on: narrowing.overdue.then_some(today),
        overdue_in_stage_at: narrowing.overdue_in_stage.then_some(now),
        status: None,
    };
    (query, state.open, narrowing.count())
}

/// How many records `query` finds on the tab that lists `filter`.
fn count_tab(ui: &Ui, query: &ListQuery, filter: ListFilter) -> Option<usize> {
    let tab_query = ListQuery {
        filter,
        ..query.clone()
    };
    ui.report(ui.controller.count_matching(&tab_query))
}

/// The tabs with their counts; `None` is a count still to come.
fn segments(counts: &[Option<usize>]) -> ModelRc<Segment> {
    let segments: Vec<Segment> = TABS
        .iter()
        .zip(counts)
        .map(|((_, label), n)| Segment {
            label: i18n::tr(label).into(),
            count: n.map_or(NOT_COUNTED, |n| i32::try_from(n).unwrap_or(i32::MAX)),
        })
        .collect();
    ModelRc::new(VecModel::from(segments))
}

/// Shows the current query's rows with the current tab counted, and the other tabs too when
/// `every_tab`.
fn show(ui: &Ui, every_tab: bool) {
    let Some(window) = ui.window() else {
        return;
    };
    let adapter = window.global::<ListAdapter>();
    let (query, open, filters_on) = current_query(ui);

    let mut counts = Vec::with_capacity(TABS.len());
    for (filter, _) in TABS {
        if every_tab || filter == query.filter {
            match count_tab(ui, &query, filter) {
                Some(count) => counts.push(Some(count)),
                None => return,
            }
        } else {
            counts.push(None);
        }
    }
    adapter.set_tabs(segments(&counts));

    let shown = TABS
        .iter()
        .position(|tab| tab.0 == query.filter)
        .and_then(|index| counts.get(index).copied().flatten())
        .unwrap_or(0);
    let searching = !query.text.trim().is_empty() || filters_on > 0;
    adapter.set_filter_label(match filters_on {
        0 => i18n::tr("Filters").into(),
        n => format!("{} · {n}", i18n::tr("Filters")).into(),
    });
    let (short, long) = sort_label(query.sort);
    adapter.set_sort_label(i18n::tr(short).into());
    adapter.set_sort_description(i18n::tr(long).into());
    adapter.set_search_text(query.text.as_str().into());
    // The moment "overdue in stage" is judged at moves on every refresh; that alone is not
    // another query, so the list keeps its place.
    let mut shown_query = ui.rows.query();
    shown_query.overdue_in_stage_at = query.overdue_in_stage_at;
    if shown_query != query {
        adapter.set_query_serial(adapter.get_query_serial().wrapping_add(1));
    }
    ui.rows.show(query.clone(), shown);
    adapter.set_selected_id(open.map(convert::ui_id).unwrap_or(-1));
    adapter.set_empty_text(i18n::tr(empty_text(query.filter, searching)).into());
    adapter.set_process_name(ui.controller.process().name.as_str().into());
}

/// Counts the tabs whose counts waited for typing to pause.
fn count_waiting_tabs(ui: &Ui) {
    let Some(window) = ui.window() else {
        return;
    };
    let adapter = window.global::<ListAdapter>();
    let (query, _, _) = current_query(ui);
    let shown = adapter.get_tabs();

    let mut counts = Vec::with_capacity(TABS.len());
    for (index, (filter, _)) in TABS.iter().enumerate() {
        let known = shown
            .row_data(index)
            .and_then(|segment| usize::try_from(segment.count).ok());
        match known {
            Some(count) => counts.push(Some(count)),
            None => match count_tab(ui, &query, *filter) {
                Some(count) => counts.push(Some(count)),
                None => return,
            },
        }
    }
    adapter.set_tabs(segments(&counts));
}

/// What the sort button says, short on screen and whole to assistive tools.
fn sort_label(sort: ListSort) -> (&'static str, &'static str) {
    match sort {
        ListSort::Recent => ("Recent", "Recently changed first"),
        ListSort::Value => ("Value", "Largest value first"),
        ListSort::CloseDate => ("Closing", "Soonest close first"),
    }
}

/// What an empty list says, and what to do about it.
fn empty_text(filter: ListFilter, searching: bool) -> &'static str {
    if searching {
        return "Nothing here matches. Try fewer or shorter words, fewer filters, or another tab.";
    }
    match filter {
        ListFilter::OpenLeads => "No open leads. Create one with New lead, or import a file.",
        ListFilter::OpenOpportunities => "No open opportunities. Qualify a lead to start one.",
        ListFilter::Closed | ListFilter::All => "Nothing closed yet.",
    }
}
