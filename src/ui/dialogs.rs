//! Binds the command sheets: disqualify with a reason, close as won with revenue and date,
//! close as lost with reason, competitor and note, and import from a file path.

use std::path::{Path, PathBuf};
use std::rc::Rc;

use chrono::NaiveDate;
use slint::{ComponentHandle, ModelRc, SharedString, VecModel};

use super::generated::{AppWindow, DialogAdapter, SheetKind};
use super::shell::Ui;
use super::{import_text, missing_steps, record};
use crate::controller::{AppError, Controller, ImportReport};
use crate::i18n;
use crate::process::{DisqualifyReason, LostReason, Money, RecordId};

/// Connects the sheets' confirm callbacks and fills in their fixed option lists.
pub(super) fn bind(window: &AppWindow, ui: &Rc<Ui>) {
    let adapter = window.global::<DialogAdapter>();
    adapter.set_disqualify_reasons(labels(
        DisqualifyReason::ALL.iter().map(|r| i18n::tr(r.label())),
    ));
    adapter.set_lost_reasons(labels(LostReason::ALL.iter().map(|r| i18n::tr(r.label()))));
    adapter.set_import_path("".into());
    adapter.set_won_revenue("".into());
    adapter.set_won_date("".into());

    let on_disqualify = Rc::clone(ui);
    adapter.on_confirm_disqualify(move || confirm_disqualify(&on_disqualify));

    let on_won = Rc::clone(ui);
    adapter.on_confirm_close_won(move || confirm_close_won(&on_won));

    let on_lost = Rc::clone(ui);
    adapter.on_confirm_close_lost(move || confirm_close_lost(&on_lost));
}

fn labels(items: impl Iterator<Item = String>) -> ModelRc<SharedString> {
    ModelRc::new(VecModel::from(
        items.map(SharedString::from).collect::<Vec<_>>(),
    ))
}

/// Asks for a disqualify reason; none is chosen until the salesperson picks one.
pub(super) fn open_disqualify(ui: &Ui) {
    if let Some(window) = ui.window() {
        window.global::<DialogAdapter>().set_disqualify_choice(-1);
        ui.set_sheet(SheetKind::Disqualify);
    }
}

/// Starts closing the open opportunity as won: asks for the required steps still empty on
/// its way to the end first, if any, then for the revenue and date.
pub(super) fn start_close_won(ui: &Ui) {
    let Some(id) = ui.state().open else {
        return;
    };
    let Some(missing) = ui.report(ui.controller.close_won_missing(id)) else {
        ui.refresh();
        return;
    };
    if missing.is_empty() {
        open_close_won(ui);
    } else {
        missing_steps::open_before(ui, &missing, missing_steps::Then::CloseWon);
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
    adapter.set_won_revenue(estimate.map(i18n::money).unwrap_or_default().into());
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

/// Asks why the opportunity was lost; none is chosen until the salesperson picks one, as the
/// command line asks for one too.
pub(super) fn open_close_lost(ui: &Ui) {
    let Some(window) = ui.window() else {
        return;
    };
    let adapter = window.global::<DialogAdapter>();
    adapter.set_lost_choice(-1);
    adapter.set_lost_competitor("".into());
    adapter.set_lost_note("".into());
    ui.set_sheet(SheetKind::CloseLost);
}

/// Asks for the file to import; the path typed last time stays.
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
                ui.show_app_error(&AppError::invalid("Actual revenue", error.to_string()));
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
                ui.show_app_error(&AppError::invalid("Close date", message));
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

/// The file a typed path names: surrounding blanks and quotes (as a file manager copies
/// a path) go, and a leading `~` means the home folder. `None` when nothing is left.
pub(super) fn import_path(typed: &str, home: Option<&Path>) -> Option<PathBuf> {
    let mut text = typed.trim();
    for quote in ['"', '\''] {
        if let Some(inner) = text
            .strip_prefix(quote)
            .and_then(|rest| rest.strip_suffix(quote))
        {
            text = inner.trim();
        }
    }
    if text.is_empty() {
        return None;
    }
    if let Some(home) = home {
        if text == "~" {
            return Some(home.to_path_buf());
        }
        if let Some(rest) = text.strip_prefix("~/") {
            return Some(home.join(rest));
        }
    }
    Some(PathBuf::from(text))
}

/// Fills in the import result sheet from the import's report, in the window's language.
pub(super) fn show_report(adapter: &DialogAdapter<'_>, report: &ImportReport) {
    let text = import_text::report_text(report);
    adapter.set_import_headline(text.headline.into());
    adapter.set_import_source(text.source.into());
    adapter.set_import_details(labels(text.details.into_iter()));
    adapter.set_import_skipped_title(text.skipped_title.into());
    adapter.set_import_skipped(labels(text.skipped.into_iter()));
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_typed_path_loses_quotes_and_gains_the_home_folder() {
        let home = Path::new("/home/ann");
        let read = |typed: &str| import_path(typed, Some(home));
        assert_eq!(
            read(" '/tmp/a b.csv' "),
            Some(PathBuf::from("/tmp/a b.csv"))
        );
        assert_eq!(read("\"/tmp/a.csv\""), Some(PathBuf::from("/tmp/a.csv")));
        assert_eq!(
            read("~/Downloads/Lead.csv"),
            Some(home.join("Downloads/Lead.csv"))
        );
        assert_eq!(read("'~/x.csv'"), Some(home.join("x.csv")));
        assert_eq!(read("~other/x.csv"), Some(PathBuf::from("~other/x.csv")));
        assert_eq!(import_path("~/x.csv", None), Some(PathBuf::from("~/x.csv")));
        assert_eq!(read(" \"\" "), None);
        assert_eq!(read("   "), None);
    }
}
