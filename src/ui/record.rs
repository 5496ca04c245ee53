//! Binds the record page: header, command bar, process bar and step editors. Commands that
//! need more input open their sheet; the others run at once and the page reloads.

use std::rc::Rc;

use slint::{ComponentHandle, Model, ModelRc, SharedString, VecModel};

use super::generated::{
    AppWindow, HistoryAdapter, ListAdapter, RecordAdapter, Screen, StepItem, StepPair,
};
use super::reason::{self, ReasonFor};
use super::shell::Ui;
use super::{convert, dialogs, form, history_text, list, missing_steps, picker, qualify};
use crate::controller::{AppResult, Controller, RecordPage, StageState};
use crate::i18n;
use crate::process::{RecordId, RecordKind, Status};
use crate::store::ListFilter;

/// Connects the record adapter's callbacks.
pub(super) fn bind(window: &AppWindow, ui: &Rc<Ui>) {
    let adapter = window.global::<RecordAdapter>();
    adapter.set_stages(ModelRc::from(Rc::clone(&ui.stages)));
    adapter.set_steps(ModelRc::from(Rc::clone(&ui.steps)));
    adapter.set_step_pairs(ModelRc::from(Rc::clone(&ui.step_pairs)));

    let on_stage = Rc::clone(ui);
    adapter.on_stage_chosen(move |index| {
        on_stage.state().selected_stage = usize::try_from(index).ok();
        show_page(&on_stage);
    });

    let on_commit = Rc::clone(ui);
    adapter.on_commit_step(move |key, text| commit_step(&on_commit, &key, &text));

    let on_pick = Rc::clone(ui);
    adapter.on_pick_step(move |step: StepItem| picker::open_for_step(&on_pick, &step));

    let on_next = Rc::clone(ui);
    adapter.on_next_stage(move || missing_steps::next_stage(&on_next));

    let on_previous = Rc::clone(ui);
    adapter.on_previous_stage(move || reason::ask(&on_previous, ReasonFor::Back));

    let on_go_back = Rc::clone(ui);
    adapter.on_go_back_here(move || go_back_here(&on_go_back));

    let on_move = Rc::clone(ui);
    adapter.on_move_here(move || missing_steps::move_here(&on_move));

    let on_qualify = Rc::clone(ui);
    adapter.on_qualify(move || qualify::start(&on_qualify));

    let on_disqualify = Rc::clone(ui);
    adapter.on_disqualify(move || dialogs::open_disqualify(&on_disqualify));

    let on_won = Rc::clone(ui);
    adapter.on_close_won(move || dialogs::start_close_won(&on_won));

    let on_lost = Rc::clone(ui);
    adapter.on_close_lost(move || dialogs::open_close_lost(&on_lost));

    let on_reopen = Rc::clone(ui);
    adapter.on_reopen(move || reason::ask(&on_reopen, ReasonFor::Reopen));

    let on_reactivate = Rc::clone(ui);
    adapter.on_reactivate(move || {
        if run(&on_reactivate, Controller::reactivate) {
            on_reactivate.show_notice("Lead reactivated.");
        }
    });

    let on_edit = Rc::clone(ui);
    adapter.on_edit(move || {
        let open = on_edit.state().open;
        if let Some(id) = open {
            form::open_edit(&on_edit, id);
        }
    });

    let on_opportunity = Rc::clone(ui);
    adapter.on_open_opportunity(move || open_opportunity(&on_opportunity));

    let on_back = Rc::clone(ui);
    adapter.on_back(move || on_back.set_screen(Screen::List));
}

/// Opens a record on the record page, at its current stage.
pub(super) fn open(ui: &Ui, id: RecordId) {
    select(ui, id);
    ui.refresh();
}

/// Shows a record tapped in the list. Nothing stored changed, so only the selection moves
/// and the page loads; reloading the whole list here made every tap as slow as a full reload.
pub(super) fn show(ui: &Ui, id: RecordId) {
    select(ui, id);
    if let Some(window) = ui.window() {
        window
            .global::<ListAdapter>()
            .set_selected_id(convert::ui_id(id));
    }
    refresh(ui);
}

fn select(ui: &Ui, id: RecordId) {
    {
        let mut state = ui.state();
        state.open = Some(id);
        state.selected_stage = None;
    }
    ui.set_screen(Screen::Record);
}

/// Reloads the open record, or shows the empty page when none is open.
pub(super) fn refresh(ui: &Ui) {
    let open = ui.state().open;
    let page = match open {
        Some(id) => ui.report(ui.controller.page(id)),
        None => None,
    };
    ui.state().page = page;
    show_page(ui);
}

/// Runs a command on the open record, then follows the record to its current stage.
/// The page and the list reload either way, so a refusal because the record changed
/// elsewhere shows the record as it now is. Returns whether it worked.
pub(super) fn run(ui: &Ui, command: impl Fn(&Controller, RecordId) -> AppResult<()>) -> bool {
    let Some(id) = ui.state().open else {
        return false;
    };
    let done = ui.report(command(&ui.controller, id)).is_some();
    if done {
        ui.clear_error();
        ui.state().selected_stage = None;
    }
    ui.refresh();
    done
}

/// Saves one step from its editor's text.
pub(super) fn commit_step(ui: &Ui, key: &str, text: &str) {
    let Some(id) = ui.state().open else {
        return;
    };
    if ui
        .report(ui.controller.set_step_text(id, key, text))
        .is_some()
    {
        ui.clear_error();
    }
    // Also after a refusal: the record may have changed elsewhere, and so may the counts.
    ui.refresh();
}

/// Opens the opportunity a qualified lead became, in the Opportunities tab.
fn open_opportunity(ui: &Ui) {
    let opportunity = ui
        .state()
        .page
        .as_ref()
        .and_then(|page| page.record.links.opportunity);
    let Some(opportunity) = opportunity else {
        return;
    };
    if let Some(page) = ui.report(ui.controller.page(opportunity)) {
        let tab = if page.record.status == Status::Open {
            ListFilter::OpenOpportunities
        } else {
            ListFilter::Closed
        };
        list::show_tab(ui, tab);
        open(ui, opportunity);
    }
}

fn go_back_here(ui: &Ui) {
    let stage = {
        let state = ui.state();
        let page = state.page.as_ref();
        state
            .selected_stage
            .and_then(|i| page?.stages.get(i))
            .map(|stage| (stage.key.clone(), stage.name.clone()))
    };
    if let Some((key, name)) = stage {
        reason::ask(ui, ReasonFor::GoTo { key, name });
    }
}

/// The stage whose steps show first: the current one, else the last one passed.
fn default_stage(page: &RecordPage) -> usize {
    let stages = &page.stages;
    stages
        .iter()
        .position(|s| s.state == StageState::Current)
        .or_else(|| {
            stages
                .iter()
                .rposition(|s| s.state == StageState::Completed && s.on_this_record)
        })
        .unwrap_or(0)
}

/// Puts the loaded page on screen.
fn show_page(ui: &Ui) {
    let Some(window) = ui.window() else {
        return;
    };
    let adapter = window.global::<RecordAdapter>();
    let state = ui.state();
    let Some(page) = state.page.as_ref() else {
        adapter.set_has_record(false);
        ui.stages.set_vec(Vec::new());
        ui.steps.set_vec(Vec::new());
        ui.step_pairs.set_vec(Vec::new());
        return;
    };

    let selected = state.selected_stage.filter(|&i| i < page.stages.len());
    let selected = selected.unwrap_or_else(|| default_stage(page));
    let current = page
        .stages
        .iter()
        .position(|s| s.state == StageState::Current);
    let to_int = |i: usize| i32::try_from(i).unwrap_or(-1);

    adapter.set_has_record(true);
    show_history(&window, page);
    adapter.set_title(page.title.as_str().into());
    adapter.set_kind_label(i18n::tr(page.record.kind.label()).into());
    adapter.set_subtitle(convert::subtitle(page).into());
    adapter.set_reach(convert::reach(page).into());
    adapter.set_value(convert::value(page).into());
    adapter.set_status(convert::status(page.record.status));
    adapter.set_status_label(convert::status_label(page).into());
    adapter.set_commands(convert::commands(page));
    adapter.set_caption(convert::caption(page).into());
    adapter.set_current_stage(current.map(to_int).unwrap_or(-1));
    adapter.set_selected_stage(to_int(selected));
    update_rows(
        &ui.stages,
        page.stages.iter().map(convert::stage_item).collect(),
    );

    let alert = current.and_then(|i| page.stages.get(i)).map(|s| s.alert);
    adapter.set_alert(convert::alert(alert.unwrap_or_default()));
    if let Some(stage) = page.stages.get(selected) {
        adapter.set_steps_title(stage.name.as_str().into());
        adapter.set_guidance(stage.guidance.as_str().into());
        adapter.set_target_note(convert::target_note(page, stage).into());
        adapter.set_target_is_current(Some(selected) == current);
        adapter.set_steps_note(convert::steps_note(page, stage).into());
        adapter.set_can_go_back_here(
            stage.state == StageState::Completed
                && stage.on_this_record
                && page.available.previous_stage,
        );
        adapter.set_can_move_here(
            stage.state == StageState::Upcoming
                && stage.on_this_record
                && current.is_some_and(|c| c < selected)
                && page.available.next_stage,
        );
        let items: Vec<StepItem> = stage
            .steps
            .iter()
            .map(|s| convert::step_item(s, page))
            .collect();
        update_rows(&ui.step_pairs, pairs(&items));
        update_rows(&ui.steps, items);
    }
}

/// Fills in the history strip: probability source, time in stages, reasons and steps.
fn show_history(window: &AppWindow, page: &RecordPage) {
    let history = window.global::<HistoryAdapter>();
    let probability = if page.record.kind == RecordKind::Opportunity {
        let percent = page.record.probability.to_string();
        let source = match page.probability_source {
            "set by hand" => i18n::tr("set by hand"),
            "from stage" => i18n::tr("from stage"),
            other => other.to_string(),
        };
        i18n::tr_with("Probability {}% · {}", &[&percent, &source])
    } else {
        String::new()
    };
    history.set_probability(probability.into());
    history.set_process(i18n::tr_with("Process: {}", &[&page.process_name]).into());
    history.set_stages(history_text::stage_line(&page.history).into());
    let events: Vec<SharedString> = page
        .history
        .event_parts
        .iter()
        .map(|event| history_text::event_line(event).into())
        .collect();
    history.set_events(ModelRc::new(VecModel::from(events)));
}

/// The steps two by two, the last one alone when their number is odd.
fn pairs(items: &[StepItem]) -> Vec<StepPair> {
    items
        .chunks(2)
        .map(|pair| StepPair {
            left: pair[0].clone(),
            right: pair.get(1).cloned().unwrap_or_default(),
            has_right: pair.len() == 2,
        })
        .collect()
}

/// Replaces a model's rows, changing rows in place when the count is unchanged so the
/// editors keep their focus and caret.
fn update_rows<T: Clone + PartialEq + 'static>(model: &slint::VecModel<T>, rows: Vec<T>) {
    if model.row_count() != rows.len() {
        model.set_vec(rows);
        return;
    }
    for (index, row) in rows.into_iter().enumerate() {
        if model.row_data(index).as_ref() != Some(&row) {
            model.set_row_data(index, row);
        }
    }
}
