//! Which process the editor works on: the one new leads follow when it opens, another stored
//! process chosen from the picker, or a new process copied from the one on screen.

use super::generated::Screen;
use super::picker;
use super::process_editor::EditorState;
use super::process_editor_view::{show, Refresh};
use super::shell::Ui;
use crate::controller::ProcessDraft;
use crate::i18n;

/// Opens the editor on the draft in progress, or on the process new leads follow.
pub(super) fn open(ui: &Ui) {
    if ui.state().draft.is_none() {
        let name = ui.controller.process().name.clone();
        if !load(ui, &name) {
            return;
        }
    }
    ui.set_screen(Screen::Process);
    show(ui, Refresh::All);
}

/// Offers the stored processes to edit instead, once the draft on screen holds no changes.
pub(super) fn choose(ui: &Ui) {
    let current = {
        let state = ui.state();
        let Some(editor) = state.draft.as_ref() else {
            return;
        };
        let stored = ui.controller.stored_process(editor.draft.origin());
        let unchanged = stored.is_ok_and(|s| s.definition == editor.draft.finished())
            && editor.draft.number_fault().is_none();
        if !unchanged {
            drop(state);
            ui.show_error(&i18n::tr(
                "This process has unsaved changes: save or cancel them before opening another.",
            ));
            return;
        }
        editor.draft.origin().to_string()
    };
    if let Some(names) = ui.report(ui.controller.process_names()) {
        picker::open_for_process(ui, names, &current);
    }
}

/// Puts the newest version of the stored process `name` in the editor instead of the
/// draft on screen.
pub(super) fn open_named(ui: &Ui, name: &str) {
    if name.is_empty() || !load(ui, name) {
        return;
    }
    ui.set_screen(Screen::Process);
    show(ui, Refresh::All);
}

/// Makes the draft a new process: a copy of the one on screen under a name not stored yet.
pub(super) fn copy_as_new(ui: &Ui, editor: &mut EditorState) {
    let base = editor.draft.definition().name.trim().to_string();
    let mut name = i18n::tr_with("{} (copy)", &[&base]);
    let mut n = 2;
    while ui.controller.stored_process(&name).is_ok() {
        name = i18n::tr_with("{} (copy {})", &[&base, &n.to_string()]);
        n += 1;
    }
    editor.heading = i18n::tr(
        "A new process, copied from the one you were editing. Saving stores it as version 1 \
         of its name.",
    );
    editor.draft.set_name(&name);
}

/// Makes a draft of the newest version of `name`; false when it could not be read.
fn load(ui: &Ui, name: &str) -> bool {
    let Some(stored) = ui.report(ui.controller.stored_process(name)) else {
        return false;
    };
    let heading = i18n::tr_with(
        "{} · version {}. Saving stores version {}; records keep the version they follow.",
        &[
            &stored.name,
            &stored.version.to_string(),
            &(stored.version + 1).to_string(),
        ],
    );
    tracing::info!(process = %stored.name, version = stored.version, "opened in the editor");
    ui.state().draft = Some(EditorState {
        draft: ProcessDraft::new(stored.definition),
        selected: 0,
        heading,
        problem: None,
    });
    true
}
