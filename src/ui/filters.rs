//! Binds the filter sheet: which stage, rating and lead source the list keeps, and whether
//! only overdue records show (by close date, or by time in stage). The choices apply to every
//! tab, together with the search. The sources offered are those the records hold, so imported
//! ones can be chosen too.

use std::rc::Rc;

use slint::{ComponentHandle, Model, ModelRc, SharedString, VecModel};

use super::generated::{AppWindow, FilterAdapter, SheetKind};
use super::list;
use super::shell::{Narrowing, Ui};
use crate::process::Rating;

/// The sheet's first choice of each kind, which keeps every record.
fn any(first: &str, rest: Vec<SharedString>) -> ModelRc<SharedString> {
    let mut options = vec![SharedString::from(first)];
    options.extend(rest);
    ModelRc::new(VecModel::from(options))
}

/// Fills the sheet's choices from the process and connects its buttons.
pub(super) fn bind(window: &AppWindow, ui: &Rc<Ui>) {
    let adapter = window.global::<FilterAdapter>();
    let process = ui.controller.process();
    let stages = process.stages.iter();
    adapter.set_stages(any(
        "Any stage",
        stages.map(|s| s.name.as_str().into()).collect(),
    ));
    let ratings = Rating::ALL.iter().map(|r| r.label().into()).collect();
    adapter.set_ratings(any("Any rating", ratings));

    let on_apply = Rc::clone(ui);
    adapter.on_apply(move || apply(&on_apply));

    let on_clear = Rc::clone(ui);
    adapter.on_clear(move || {
        if let Some(window) = on_clear.window() {
            let adapter = window.global::<FilterAdapter>();
            adapter.set_stage(0);
            adapter.set_rating(0);
            adapter.set_source(0);
            adapter.set_overdue(false);
            adapter.set_overdue_in_stage(false);
        }
        apply(&on_clear);
    });
}

/// Opens the sheet showing the filters in force.
pub(super) fn open(ui: &Ui) {
    let Some(window) = ui.window() else {
        return;
    };
    let narrowing = ui.state().narrowing.clone();
    let adapter = window.global::<FilterAdapter>();
    let process = ui.controller.process();
    let position = |found: Option<usize>| found.map_or(0, |i| i32::try_from(i + 1).unwrap_or(0));
    adapter.set_stage(position(narrowing.stage.as_ref().and_then(|key| {
        process.stages.iter().position(|stage| &stage.key == key)
    })));
    adapter.set_rating(position(
        narrowing
            .rating
            .and_then(|rating| Rating::ALL.iter().position(|r| *r == rating)),
    ));
    let sources = match ui.controller.lead_sources() {
        Ok(sources) => sources,
        Err(error) => {
            tracing::warn!(%error, "could not read the lead sources in use");
            Vec::new()
        }
    };
    adapter.set_source(position(narrowing.source.as_ref().and_then(|source| {
        sources.iter().position(|s| s.eq_ignore_ascii_case(source))
    })));
    adapter.set_sources(any(
        "Any source",
        sources.iter().map(|s| s.as_str().into()).collect(),
    ));
    adapter.set_overdue(narrowing.overdue);
    adapter.set_overdue_in_stage(narrowing.overdue_in_stage);
    adapter.set_stages(any(
        "Any stage",
        process
            .stages
            .iter()
            .map(|s| s.name.as_str().into())
            .collect(),
    ));
    ui.set_sheet(SheetKind::Filters);
}

/// Takes the sheet's choices, closes it and shows what they keep.
fn apply(ui: &Ui) {
    let Some(window) = ui.window() else {
        return;
    };
    let adapter = window.global::<FilterAdapter>();
    let chosen = |index: i32| usize::try_from(index).ok().and_then(|i| i.checked_sub(1));
    let process = ui.controller.process();
    let narrowing = Narrowing {
        stage: chosen(adapter.get_stage())
            .and_then(|i| process.stages.get(i))
            .map(|stage| stage.key.clone()),
        rating: chosen(adapter.get_rating()).and_then(|i| Rating::ALL.get(i).copied()),
        source: usize::try_from(adapter.get_source())
            .ok()
            .filter(|i| *i > 0)
            .and_then(|i| adapter.get_sources().row_data(i))
            .map(|source| source.to_string()),
        overdue: adapter.get_overdue(),
        overdue_in_stage: adapter.get_overdue_in_stage(),
    };
    tracing::debug!(?narrowing, "list filters chosen");
    ui.state().narrowing = narrowing;
    ui.set_sheet(SheetKind::None);
    list::refresh(ui);
}
