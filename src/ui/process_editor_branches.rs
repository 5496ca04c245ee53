//! The branches part of the process editor: binds the branch and condition edits to the
//! draft, and puts the chosen stage's branches, its default next stage and a one-line
//! description of every branch (under the bar preview) on screen.

use std::rc::Rc;

use slint::{Model, ModelRc, VecModel};

use super::generated::{DraftBranch, DraftCondition, ProcessEditorAdapter};
use super::process_editor::{edit, EditorState};
use super::process_editor_open::open;
use super::process_editor_view::Refresh;
use super::shell::Ui;
use crate::controller::{condition_value, targets, Fault, Test};
use crate::i18n;
use crate::process::{Branch, Condition, Match, ProcessDefinition};

/// Connects the branch edits.
pub(super) fn bind(adapter: &ProcessEditorAdapter<'_>, ui: &Rc<Ui>) {
    let at = |i: i32| usize::try_from(i).unwrap_or(usize::MAX);
    let u = Rc::clone(ui);
    adapter.on_add_branch(move || {
        edit(&u, Refresh::All, |e| {
            e.draft.add_branch(e.selected);
        });
    });
    let u = Rc::clone(ui);
    adapter.on_remove_branch(move |b| {
        edit(&u, Refresh::All, |e| {
            e.draft.remove_branch(e.selected, at(b))
        });
    });
    let u = Rc::clone(ui);
    adapter.on_next_branch_target(move |b| {
        edit(&u, Refresh::All, |e| {
            e.draft.next_branch_target(e.selected, at(b))
        });
    });
    let u = Rc::clone(ui);
    adapter.on_branch_any(move |b, any| {
        edit(&u, Refresh::All, |e| {
            e.draft.set_branch_any(e.selected, at(b), any)
        });
    });
    let u = Rc::clone(ui);
    adapter.on_next_default(move || edit(&u, Refresh::All, |e| e.draft.next_default(e.selected)));
    let u = Rc::clone(ui);
    adapter.on_add_condition(move |b| {
        edit(&u, Refresh::All, |e| {
            e.draft.add_condition(e.selected, at(b))
        });
    });
    let u = Rc::clone(ui);
    adapter.on_remove_condition(move |b, c| {
        edit(&u, Refresh::All, |e| {
            e.draft.remove_condition(e.selected, at(b), at(c))
        });
    });
    let u = Rc::clone(ui);
    adapter.on_next_condition_step(move |b, c| {
        edit(&u, Refresh::All, |e| {
            e.draft.next_condition_step(e.selected, at(b), at(c))
        });
    });
    let u = Rc::clone(ui);
    adapter.on_next_condition_test(move |b, c| {
        edit(&u, Refresh::All, |e| {
            e.draft.next_condition_test(e.selected, at(b), at(c))
        });
    });
    let u = Rc::clone(ui);
    adapter.on_condition_value_edited(move |b, c, t| {
        edit(&u, Refresh::Preview, |e| {
            e.draft.set_condition_value((e.selected, at(b), at(c)), &t)
        });
    });
}

/// Opens the editor on the first stage that has branches (the first stage when none has).
pub(super) fn open_at_first_branch(ui: &Ui) {
    open(ui);
    edit(ui, Refresh::All, |e| {
        let stages = &e.draft.definition().stages;
        e.selected = stages
            .iter()
            .position(|s| !s.branches.is_empty())
            .unwrap_or(0);
    });
}

/// The name of the stage with this key, or the key itself when no stage has it.
fn stage_name<'a>(process: &'a ProcessDefinition, key: &'a str) -> &'a str {
    process.stage(key).map_or(key, |s| s.name.as_str())
}

/// The label of the step with this key, or the key itself when no step has it.
fn step_label<'a>(process: &'a ProcessDefinition, key: &'a str) -> &'a str {
    process.step(key).map_or(key, |(_, s)| s.label.as_str())
}

/// A condition as a short phrase: `Estimated budget is more than 50000`.
fn phrase(process: &ProcessDefinition, condition: &Condition) -> String {
    let step = step_label(process, condition.step());
    match condition {
        Condition::Filled { .. } => i18n::tr_with("{} is filled", &[step]),
        _ => format!(
            "{step} {} {}",
            i18n::tr(Test::of(condition).label()),
            condition_value(condition)
        ),
    }
}

/// A branch as a line for the preview: `Qualify → Executive review if …`.
fn describe(process: &ProcessDefinition, from: &str, branch: &Branch) -> String {
    let join = match branch.when {
        Match::All => i18n::tr(" and "),
        Match::Any => i18n::tr(" or "),
    };
    let conditions: Vec<String> = branch
        .conditions
        .iter()
        .map(|c| phrase(process, c))
        .collect();
    i18n::tr_with(
        "{} → {} if {}",
        &[
            from,
            stage_name(process, &branch.to),
            &conditions.join(&join),
        ],
    )
}

/// Shows the chosen stage's branches (all of them, or only their problems for a preview
/// refresh) and the line under the bar preview.
pub(super) fn show(adapter: &ProcessEditorAdapter<'_>, editor: &EditorState, refresh: Refresh) {
    let process = editor.draft.definition();
    let lines: Vec<String> = process
        .stages
        .iter()
        .flat_map(|s| s.branches.iter().map(|b| describe(process, &s.name, b)))
        .collect();
    adapter.set_branch_preview(lines.join("\n").into());
    let selected = editor.selected;
    let error = |b: usize| {
        editor
            .problem
            .as_ref()
            .filter(|(fault, _)| *fault == Fault::Branch(selected, b))
            .map(|(_, message)| message.clone())
            .unwrap_or_default()
    };
    if refresh == Refresh::Preview {
        let rows = adapter.get_branches();
        for b in 0..rows.row_count() {
            if let Some(mut row) = rows.row_data(b) {
                if row.error.as_str() != error(b) {
                    row.error = error(b).into();
                    rows.set_row_data(b, row);
                }
            }
        }
        return;
    }
    let Some(stage) = process.stages.get(selected) else {
        adapter.set_branches(ModelRc::new(VecModel::from(Vec::<DraftBranch>::new())));
        return;
    };
    let branches: Vec<DraftBranch> = stage
        .branches
        .iter()
        .enumerate()
        .map(|(b, branch)| {
            let conditions: Vec<DraftCondition> = branch
                .conditions
                .iter()
                .map(|c| DraftCondition {
                    step: step_label(process, c.step()).into(),
                    test: i18n::tr(Test::of(c).label()).into(),
                    value: condition_value(c).into(),
                    needs_value: !matches!(c, Condition::Filled { .. }),
                })
                .collect();
            DraftBranch {
                target: stage_name(process, &branch.to).into(),
                any: branch.when == Match::Any,
                conditions: ModelRc::new(VecModel::from(conditions)),
                error: error(b).into(),
            }
        })
        .collect();
    adapter.set_branches(ModelRc::new(VecModel::from(branches)));
    let next = stage.next.as_deref().map_or_else(
        || i18n::tr("The following stage"),
        |key| stage_name(process, key).to_string(),
    );
    adapter.set_next_label(next.into());
    adapter.set_can_branch(!targets(process, selected).is_empty());
}
