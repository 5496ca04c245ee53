//! Binds the reason sheet: Back, going back to an earlier stage on the bar, and Reopen each
//! ask for a short reason first, and run once it is confirmed.

use std::rc::Rc;

use slint::ComponentHandle;

use super::generated::{AppWindow, ReasonAdapter, SheetKind};
use super::record;
use super::shell::Ui;
use crate::i18n::{tr, tr_with};

/// The command waiting for its reason.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) enum ReasonFor {
    /// Back one stage on the record's path.
    Back,
    /// Back to the stage with this key.
    GoTo {
        /// Key of the stage.
        key: String,
        /// Its name, for the sheet's title.
        name: String,
    },
    /// Reopen a won or lost opportunity.
    Reopen,
}

/// Connects the sheet's confirm callback.
pub(super) fn bind(window: &AppWindow, ui: &Rc<Ui>) {
    let adapter = window.global::<ReasonAdapter>();
    adapter.set_reason("".into());
    let on_confirm = Rc::clone(ui);
    adapter.on_confirm(move || confirm(&on_confirm));
}

/// Opens the sheet for `command`, with an empty reason.
pub(super) fn ask(ui: &Ui, command: ReasonFor) {
    let Some(window) = ui.window() else {
        return;
    };
    let adapter = window.global::<ReasonAdapter>();
    let (title, action) = match &command {
        ReasonFor::Back => (tr("Go back a stage"), tr("Go back")),
        ReasonFor::GoTo { name, .. } => (tr_with("Go back to {}", &[name]), tr("Go back")),
        ReasonFor::Reopen => (tr("Reopen opportunity"), tr("Reopen")),
    };
    adapter.set_title(title.into());
    adapter.set_subtitle(tr("Say why in a few words; the record's history keeps it.").into());
    adapter.set_action(action.into());
    adapter.set_reason("".into());
    ui.state().reason_for = Some(command);
    ui.set_sheet(SheetKind::Reason);
}

fn confirm(ui: &Ui) {
    let Some(window) = ui.window() else {
        return;
    };
    let reason = window.global::<ReasonAdapter>().get_reason().to_string();
    let Some(command) = ui.state().reason_for.clone() else {
        ui.set_sheet(SheetKind::None);
        return;
    };
    let (done, notice) = match &command {
        ReasonFor::Back => (
            record::run(ui, |c, id| c.previous_stage(id, &reason)),
            tr("Moved back a stage."),
        ),
        ReasonFor::GoTo { key, .. } => (
            record::run(ui, |c, id| c.go_to_stage(id, key, &reason)),
            tr("Moved back."),
        ),
        ReasonFor::Reopen => (
            record::run(ui, |c, id| c.reopen(id, &reason)),
            tr("Opportunity reopened."),
        ),
    };
    if done {
        ui.state().reason_for = None;
        ui.set_sheet(SheetKind::None);
        ui.show_notice(&notice);
    }
}
