//! Binds the process editor: each edit changes the draft kept in the UI state (never in a
//! view), Save hands the draft to the controller to check and store as a new version, and
//! Cancel drops it. A refused save shows its problem next to the stage or step at fault.

use std::rc::Rc;

use slint::ComponentHandle;

use super::generated::{AppWindow, ListAdapter, ProcessEditorAdapter, Screen};
use super::picker;
use super::process_editor_open;
use super::process_editor_view::{show, Refresh};
use super::shell::Ui;
use crate::controller::{AppError, Fault, NumberField, ProcessDraft, STEP_TYPES};
use crate::i18n;
use crate::process::{ProbabilityPolicy, RecordKind, Stage};

/// The editor's draft, the stage it shows, and the problem it shows, if any.
pub(super) struct EditorState {
    /// The definition being edited.
    pub draft: ProcessDraft,
    /// Which stage's fields and steps show.
    pub selected: usize,
    /// What the draft was started from, and what saving does.
    pub heading: String,
    /// A problem to show, and where.
    pub problem: Option<(Fault, String)>,
}

/// Connects the editor's callbacks and the list's way into it.
pub(super) fn bind(window: &AppWindow, ui: &Rc<Ui>) {
    let on_open = Rc::clone(ui);
    window
        .global::<ListAdapter>()
        .on_edit_process(move || process_editor_open::open(&on_open));
    let adapter = window.global::<ProcessEditorAdapter>();

    let at = |i: i32| usize::try_from(i).unwrap_or(usize::MAX);
    let u = Rc::clone(ui);
    adapter.on_name_edited(move |t| edit(&u, Refresh::Preview, |e| e.draft.set_name(&t)));
    let u = Rc::clone(ui);
    adapter.on_select_stage(move |i| edit(&u, Refresh::All, |e| e.selected = at(i)));
    let u = Rc::clone(ui);
    adapter.on_add_stage(move || {
        edit(&u, Refresh::All, |e| {
            let after = (!e.draft.definition().stages.is_empty()).then_some(e.selected);
            e.selected = e.draft.add_stage(after);
        });
    });
    let u = Rc::clone(ui);
    adapter.on_move_stage(move |earlier| {
        edit(&u, Refresh::All, |e| {
            e.selected = e.draft.move_stage(e.selected, earlier);
        });
    });
    let u = Rc::clone(ui);
    adapter.on_remove_stage(move || {
        edit(&u, Refresh::All, |e| {
            e.draft.remove_stage(e.selected);
            e.selected = e.selected.saturating_sub(1);
        });
    });
    let u = Rc::clone(ui);
    adapter.on_stage_name_edited(move |t| {
        edit(&u, Refresh::Preview, |e| {
            e.draft.rename_stage(e.selected, &t)
        });
    });
    let u = Rc::clone(ui);
    adapter.on_stage_lead_chosen(move |lead| {
        let kind = if lead {
            RecordKind::Lead
        } else {
            RecordKind::Opportunity
        };
        edit(&u, Refresh::All, |e| stage(e, |s| s.record_kind = kind));
    });
    let u = Rc::clone(ui);
    adapter.on_probability_edited(move |t| number(&u, &t, NumberField::Probability));
    let u = Rc::clone(ui);
    adapter.on_target_edited(move |t| number(&u, &t, NumberField::TargetDays));
    let u = Rc::clone(ui);
    adapter.on_probability_policy_chosen(move |manual| {
        let policy = if manual {
            ProbabilityPolicy::Manual
        } else {
            ProbabilityPolicy::FollowStage
        };
        edit(&u, Refresh::All, |e| e.draft.set_probability_policy(policy));
    });
    let u = Rc::clone(ui);
    adapter.on_guidance_edited(move |t| {
        edit(&u, Refresh::Preview, |e| {
            stage(e, |s| s.guidance = t.to_string())
        });
    });
    bind_steps(&adapter, ui);
    super::process_editor_branches::bind(&adapter, ui);

    let u = Rc::clone(ui);
    adapter.on_copy_as_new(move || {
        edit(&u, Refresh::All, |e| {
            process_editor_open::copy_as_new(&u, e)
        });
    });
    let u = Rc::clone(ui);
    adapter.on_open_another(move || process_editor_open::choose(&u));
    let u = Rc::clone(ui);
    adapter.on_save(move || save(&u));
    let u = Rc::clone(ui);
    adapter.on_cancel(move || {
        u.state().draft = None;
        u.set_screen(Screen::List);
        u.refresh();
    });
}

fn bind_steps(adapter: &ProcessEditorAdapter<'_>, ui: &Rc<Ui>) {
    let at = |i: i32| usize::try_from(i).unwrap_or(usize::MAX);
    let u = Rc::clone(ui);
    adapter.on_add_step(move || {
        edit(&u, Refresh::All, |e| {
            e.draft.add_step(e.selected);
        });
    });
    let u = Rc::clone(ui);
    adapter.on_step_label_edited(move |i, t| {
        edit(&u, Refresh::Preview, |e| {
            e.draft.rename_step(e.selected, at(i), &t);
        });
    });
    let u = Rc::clone(ui);
    adapter.on_choose_step_type(move |i| {
        let current = u.state().draft.as_ref().and_then(|e| {
            let stage = e.draft.definition().stages.get(e.selected)?;
            Some(super::process_editor_view::type_label(
                &stage.steps.get(at(i))?.kind,
            ))
        });
        if let Some(current) = current {
            picker::open_for_step_type(&u, at(i), current);
        }
    });
    let u = Rc::clone(ui);
    adapter.on_step_required(move |i, on| {
        edit(&u, Refresh::All, |e| {
            if let Some(step) = e.draft.step_mut(e.selected, at(i)) {
                step.required = on;
            }
        });
    });
    let u = Rc::clone(ui);
    adapter.on_step_options_edited(move |i, t| {
        edit(&u, Refresh::Preview, |e| {
            e.draft.set_options(e.selected, at(i), &t)
        });
    });
    let u = Rc::clone(ui);
    adapter.on_move_step(move |i, earlier| {
        edit(&u, Refresh::All, |e| {
            e.draft.move_step(e.selected, at(i), earlier);
        });
    });
    let u = Rc::clone(ui);
    adapter.on_remove_step(move |i| {
        edit(&u, Refresh::All, |e| e.draft.remove_step(e.selected, at(i)));
    });
}

/// Gives the step at `index` of the chosen stage the type named `label` in the language
/// shown.
pub(super) fn step_type_chosen(ui: &Ui, index: usize, label: &str) {
    if let Some(kind) = STEP_TYPES.iter().position(|t| i18n::tr(t) == label) {
        edit(ui, Refresh::All, |e| {
            e.draft.set_step_type(e.selected, index, kind)
        });
    }
}

/// Applies one edit to the draft, drops the problem shown, and shows the draft again.
pub(super) fn edit(ui: &Ui, refresh: Refresh, change: impl FnOnce(&mut EditorState)) {
    {
        let mut state = ui.state();
        let Some(editor) = state.draft.as_mut() else {
            return;
        };
        change(editor);
        let last = editor.draft.definition().stages.len().saturating_sub(1);
        editor.selected = editor.selected.min(last);
        editor.problem = None;
    }
    show(ui, refresh);
}

/// Changes the chosen stage.
fn stage(editor: &mut EditorState, change: impl FnOnce(&mut Stage)) {
    if let Some(stage) = editor.draft.stage_mut(editor.selected) {
        change(stage);
    }
}

/// Takes typed text as the chosen stage's probability or target days; text that is not a
/// number in range stays in the draft as typed and shows its fault at the field.
fn number(ui: &Ui, text: &str, field: NumberField) {
    edit(ui, Refresh::Preview, |e| {
        let selected = e.selected;
        if let Err(refused) = e.draft.type_number(selected, field, text) {
            tracing::debug!(%refused, "number in the process editor not taken yet");
        }
    });
}

fn save(ui: &Ui) {
    let (definition, number) = {
        let mut state = ui.state();
        let Some(editor) = state.draft.as_mut() else {
            return;
        };
        let number = editor.draft.number_fault();
        if let Some((Fault::Number(i, _), _)) = number {
            editor.selected = i;
        }
        (editor.draft.finished(), number)
    };
    if number.is_some() {
        show(ui, Refresh::All);
        ui.show_error(&i18n::tr(
            "Correct the number marked in the editor, then save again.",
        ));
        return;
    }
    let renamed_onto_another = ui
        .state()
        .draft
        .as_ref()
        .is_some_and(|editor| editor.draft.origin() != definition.name.trim())
        && ui.controller.stored_process(definition.name.trim()).is_ok();
    if renamed_onto_another {
        ui.show_error(&i18n::tr_with(
            "A process named {} is already stored; choose another name, or open that \
             process to change it.",
            &[definition.name.trim()],
        ));
        return;
    }
    match ui.controller.save_process(&definition) {
        Ok(stored) => {
            ui.state().draft = None;
            ui.set_screen(Screen::List);
            ui.refresh();
            ui.show_notice(&i18n::tr_with(
                "Saved {} as version {}. Records keep the version they follow.",
                &[&stored.name, &stored.version.to_string()],
            ));
        }
        Err(error) => {
            {
                let mut state = ui.state();
                let Some(editor) = state.draft.as_mut() else {
                    return;
                };
                let fault = match &error {
                    AppError::Definition(problem) => editor.draft.fault(problem),
                    _ => Fault::Process,
                };
                if let Fault::Stage(i)
                | Fault::Number(i, _)
                | Fault::Step(i, _)
                | Fault::Branch(i, _) = fault
                {
                    editor.selected = i;
                }
                editor.problem = Some((fault, error.to_string()));
            }
            show(ui, Refresh::All);
        }
    }
}
