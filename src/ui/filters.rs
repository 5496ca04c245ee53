//! Binds the filter sheet: which stage, rating and lead source the list keeps, and whether
//! only overdue records show. The choices apply to every tab, together with the search.

use std::rc::Rc;

use slint::{ComponentHandle, ModelRc, SharedString, VecModel};

use super::generated::{AppWindow, FilterAdapter, SheetKind};
use super::list;
use super::shell::{Narrowing, Ui};
use crate::process::record::LEAD_SOURCES;
use crate::process::Rating;

/// Fills the sheet's choices from the process and connects its buttons.
pub(super) fn bind(window: &AppWindow, ui: &Rc<Ui>) {
    let adapter = window.global::<FilterAdapter>();
    let any = |first: &str, rest: Vec<SharedString>| {
        let mut options = vec![SharedString::from(first)];
        options.extend(rest);
        ModelRc::new(VecModel::from(options))
    };
    let stages = ui.controller.process().stages.iter();
    adapter.set_stages(any(
        "Any stage",
        stages.map(|s| s.name.as_str().into()).collect(),
    ));
    let ratings = Rating::ALL.iter().map(|r| r.label().into()).collect();
    adapter.set_ratings(any("Any rating", ratings));
    let sources = LEAD_SOURCES.iter().map(|s| (*s).into()).collect();
    adapter.set_sources(any("Any source", sources));

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
    adapter.set_source(position(narrowing.source.as_ref().and_then(|source| {
        LEAD_SOURCES
            .iter()
            .position(|s| s.eq_ignore_ascii_case(source))
    })));
    adapter.set_overdue(narrowing.overdue);
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
        source: chosen(adapter.get_source())
            .and_then(|i| LEAD_SOURCES.get(i))
            .map(|source| (*source).to_string()),
        overdue: adapter.get_overdue(),
    };
    tracing::debug!(?narrowing, "list filters chosen");
    ui.state().narrowing = narrowing;
    ui.set_sheet(SheetKind::None);
    list::refresh(ui);
}
