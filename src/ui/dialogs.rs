//! Binds the command sheets: disqualify with a reason, close as won with revenue and date,
//! close as lost with reason, competitor and note, and import from a file path.

use std::path::Path;
use std::rc::Rc;

use chrono::NaiveDate;
use slint::{ComponentHandle, ModelRc, SharedString, VecModel};

use super::generated::{AppWindow, DialogAdapter, SheetKind};
use super::shell::Ui;
use super::{list, record};
use crate::controller::{AppError, Controller};
use crate::process::{DisqualifyReason, LostReason, Money, RecordId};

/// Connects the sheets' confirm callbacks and fills in their fixed option lists.
pub(super) fn bind(window: &AppWindow, ui: &Rc<Ui>) {
    let adapter = window.global::<DialogAdapter>();
    adapter.set_disqualify_reasons(labels(DisqualifyReason::ALL.iter().map(|r| r.label())));
    adapter.set_lost_reasons(labels(LostReason::ALL.iter().map(|r| r.label())));
    adapter.set_import_path("".into());
    adapter.set_won_revenue("".into());
    adapter.set_won_date("".into());

    let on_disqualify = Rc::clone(ui);
    adapter.on_confirm_disqualify(move || confirm_disqualify(&on_disqualify));

    let on_won = Rc::clone(ui);
    adapter.on_confirm_close_won(move || confirm_close_won(&on_won));

    let on_lost = Rc::clone(ui);
    adapter.on_confirm_close_lost(move || confirm_close_lost(&on_lost));

    let on_import = Rc::clone(ui);
    adapter.on_confirm_import(move || confirm_import(&on_import));
}

fn labels<'a>(items: impl Iterator<Item = &'a str>) -> ModelRc<SharedString> {
    ModelRc::new(VecModel::from(
        items.map(SharedString::from).collect::<Vec<_>>(),
    ))
}

/// Asks for a disqualify reason.
pub(super) fn open_disqualify(ui: &Ui) {
    if let Some(window) = ui.window() {
        window.global::<DialogAdapter>().set_disqualify_choice(0);
        ui.set_sheet(SheetKind::Disqualify);
    }
}

/// Asks for the won revenue (the estimate by default) and close date (today by default).
pub(super) fn open_close_won(ui: &Ui) {
    let Some(window) = ui.window() else {
        return;
    };
    let estimate = ui
        .state()
        .page
        .as_ref()
        .and_then(|page| page.record.estimated_value);
    let adapter = window.global::<DialogAdapter>();
    adapter.set_won_revenue(estimate.map(|v| v.to_string()).unwrap_or_default().into());
    adapter.set_won_date(
        ui.controller
            .now()
            .date_naive()
            .format("%Y-%m-%d")
            .to_string()
            .into(),
    );
    ui.set_sheet(SheetKind::CloseWon);
}

/// Asks why the opportunity was lost.
pub(super) fn open_close_lost(ui: &Ui) {
    let Some(window) = ui.window() else {
        return;
    };
    let adapter = window.global::<DialogAdapter>();
    adapter.set_lost_choice(0);
    adapter.set_lost_competitor("".into());
    adapter.set_lost_note("".into());
    ui.set_sheet(SheetKind::CloseLost);
}

/// Asks for the file to import.
pub(super) fn open_import(ui: &Ui) {
    ui.set_sheet(SheetKind::Import);
}

fn confirm_disqualify(ui: &Ui) {
    let Some(window) = ui.window() else {
        return;
    };
    let choice = window.global::<DialogAdapter>().get_disqualify_choice();
    let reason = usize::try_from(choice)
        .ok()
        .and_then(|i| DisqualifyReason::ALL.get(i));
    let Some(&reason) = reason else {
        ui.show_error("Choose why the lead is disqualified.");
        return;
    };
    finish(ui, "Lead disqualified.", |c, id| c.disqualify(id, reason));
}

fn confirm_close_won(ui: &Ui) {
    let Some(window) = ui.window() else {
        return;
    };
    let adapter = window.global::<DialogAdapter>();
    let revenue_text = adapter.get_won_revenue();
    let date_text = adapter.get_won_date();

    let revenue = match revenue_text.trim() {
        "" => None,
        text => match text.parse::<Money>() {
            Ok(amount) => Some(amount),
            Err(error) => {
                ui.show_error(&AppError::invalid("Actual revenue", error.to_string()).to_string());
                return;
            }
        },
    };
    let date = match date_text.trim() {
        "" => None,
        text => match NaiveDate::parse_from_str(text, "%Y-%m-%d") {
            Ok(date) => Some(date),
            Err(_) => {
                let message = "write the date as YYYY-MM-DD, like 2026-12-31";
                ui.show_error(&AppError::invalid("Close date", message).to_string());
                return;
            }
        },
    };
    finish(ui, "Opportunity closed as won.", |c, id| {
        c.close_won(id, revenue, date)
    });
}

fn confirm_close_lost(ui: &Ui) {
    let Some(window) = ui.window() else {
        return;
    };
    let adapter = window.global::<DialogAdapter>();
    let choice = usize::try_from(adapter.get_lost_choice()).ok();
    let Some(&reason) = choice.and_then(|i| LostReason::ALL.get(i)) else {
        ui.show_error("Choose why the opportunity was lost.");
        return;
    };
    let competitor = adapter.get_lost_competitor().to_string();
    let note = adapter.get_lost_note().to_string();
    finish(ui, "Opportunity closed as lost.", |c, id| {
        c.close_lost(id, reason, &competitor, &note)
    });
}

/// Runs the sheet's command; the sheet closes only when it worked.
fn finish(ui: &Ui, notice: &str, command: impl Fn(&Controller, RecordId) -> Result<(), AppError>) {
    if record::run(ui, command) {
        ui.set_sheet(SheetKind::None);
        ui.show_notice(notice);
    }
}

fn confirm_import(ui: &Ui) {
    let Some(window) = ui.window() else {
        return;
    };
    let path = window.global::<DialogAdapter>().get_import_path();
    let path = path.trim();
    if path.is_empty() {
        ui.show_error("Enter the path of the file to import.");
        return;
    }
    if let Some(report) = ui.report(ui.controller.import(Path::new(path))) {
        ui.set_sheet(SheetKind::None);
        let summary = report.to_string();
        ui.show_notice(summary.lines().next().unwrap_or("Import finished."));
        list::refresh(ui);
    }
}
