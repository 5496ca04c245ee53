//! The import sheet's flow: the typed path is previewed first (read-only, on the UI thread),
//! the sheet asks for the day/month order or decimal mark when the file cannot tell, and
//! "Import N records" saves the file on a worker thread with its own controller on the same
//! database, while a timer on the UI thread shows its progress and then its report.

use std::cell::RefCell;
use std::path::PathBuf;
use std::rc::Rc;
use std::sync::mpsc::{self, Receiver, TryRecvError};
use std::time::Duration;

use slint::{ComponentHandle, ModelRc, SharedString, Timer, TimerMode, VecModel};
use tracing::info;

use super::generated::{AppWindow, DialogAdapter, SheetKind};
use super::shell::Ui;
use super::{dialogs, import_text, list, record};
use crate::controller::{AppError, Controller, ImportReport};
use crate::i18n;
use crate::import::{Choices, DateOrder, DecimalMark, ImportError};

/// How often the UI thread looks for news from the worker.
const POLL: Duration = Duration::from_millis(50);

/// What the worker tells the UI thread.
enum News {
    /// Rows saved so far, of all rows.
    Progress(usize, usize),
    /// The import finished: its report, or why nothing was saved.
    Done(Box<Result<ImportReport, String>>),
}

/// The sheet's state between taps.
#[derive(Default)]
struct Flow {
    /// The user's answers for what the file cannot tell.
    choices: Choices,
    /// The path and answers the preview on screen was made with.
    previewed: Option<(PathBuf, Choices)>,
    /// Polls the worker while an import runs.
    poll: Option<Timer>,
}

/// Connects the sheet's callbacks.
pub(super) fn bind(window: &AppWindow, ui: &Rc<Ui>) {
    let adapter = window.global::<DialogAdapter>();
    let flow = Rc::new(RefCell::new(Flow::default()));

    let (on_confirm, confirm_flow) = (Rc::clone(ui), Rc::clone(&flow));
    adapter.on_confirm_import(move || confirm(&on_confirm, &confirm_flow));

    let (on_edit, edit_flow) = (Rc::clone(ui), Rc::clone(&flow));
    adapter.on_import_path_edited(move || {
        let mut state = edit_flow.borrow_mut();
        state.previewed = None;
        state.choices = Choices::default();
        drop(state);
        if let Some(window) = on_edit.window() {
            reset(&window.global::<DialogAdapter>());
        }
    });

    let (on_dates, dates_flow) = (Rc::clone(ui), Rc::clone(&flow));
    adapter.on_choose_dates(move |day_first| {
        dates_flow.borrow_mut().choices.dates = Some(if day_first {
            DateOrder::DayFirst
        } else {
            DateOrder::MonthFirst
        });
        preview(&on_dates, &dates_flow);
    });

    let (on_decimal, decimal_flow) = (Rc::clone(ui), Rc::clone(&flow));
    adapter.on_choose_decimal(move |comma| {
        decimal_flow.borrow_mut().choices.decimal = Some(if comma {
            DecimalMark::Comma
        } else {
            DecimalMark::Point
        });
        preview(&on_decimal, &decimal_flow);
    });
}

/// Clears the preview, so the main button previews again.
fn reset(adapter: &DialogAdapter<'_>) {
    adapter.set_import_preview(lines(Vec::new()));
    adapter.set_import_action(i18n::tr("Preview").into());
    adapter.set_import_ask_dates(false);
    adapter.set_import_ask_decimal(false);
    adapter.set_import_progress("".into());
}

fn lines(items: Vec<String>) -> ModelRc<SharedString> {
    ModelRc::new(VecModel::from(
        items
            .into_iter()
            .map(SharedString::from)
            .collect::<Vec<_>>(),
    ))
}

/// The main button: previews the typed file, or imports the file previewed.
fn confirm(ui: &Rc<Ui>, flow: &Rc<RefCell<Flow>>) {
    let Some(path) = typed_path(ui) else {
        return;
    };
    let ready = {
        let state = flow.borrow();
        state.poll.is_none() && state.previewed == Some((path.clone(), state.choices))
    };
    if ready {
        start(ui, flow, path);
    } else {
        preview(ui, flow);
    }
}

/// The file the path field names, or `None` after saying it is empty.
fn typed_path(ui: &Ui) -> Option<PathBuf> {
    let window = ui.window()?;
    let typed = window.global::<DialogAdapter>().get_import_path();
    let home = std::env::var_os("HOME").map(PathBuf::from);
    let path = dialogs::import_path(&typed, home.as_deref());
    if path.is_none() {
        ui.show_error("Enter the path of the file to import.");
    }
    path
}

/// Shows what importing the typed file would do, or asks what the file cannot tell.
fn preview(ui: &Rc<Ui>, flow: &Rc<RefCell<Flow>>) {
    let (Some(window), Some(path)) = (ui.window(), typed_path(ui)) else {
        return;
    };
    let adapter = window.global::<DialogAdapter>();
    let choices = flow.borrow().choices;
    reset(&adapter);

    match ui.controller.preview_import(&path, choices) {
        Ok(report) => {
            ui.clear_error();
            adapter.set_import_preview(lines(import_text::preview_lines(&report)));
            adapter.set_import_action(import_text::action(&report).into());
            flow.borrow_mut().previewed = Some((path, choices));
        }
        Err(AppError::Import(error @ ImportError::AmbiguousDates { .. })) => {
            adapter.set_import_preview(lines(vec![
                i18n::tr("Every date in this file could be day first or month first. Which is it?"),
                i18n::tr(&error.to_string()),
            ]));
            adapter.set_import_ask_dates(true);
        }
        Err(AppError::Import(error @ ImportError::AmbiguousAmounts { .. })) => {
            adapter.set_import_preview(lines(vec![
                i18n::tr(
                    "Every amount in this file could have a decimal point or a decimal comma. \
                     Which is it?",
                ),
                i18n::tr(&error.to_string()),
            ]));
            adapter.set_import_ask_decimal(true);
        }
        Err(error) => ui.show_error(&error.to_string()),
    }
}

/// Saves the previewed file on a worker thread and polls it from the UI thread.
fn start(ui: &Rc<Ui>, flow: &Rc<RefCell<Flow>>, path: PathBuf) {
    let Some(window) = ui.window() else {
        return;
    };
    let adapter = window.global::<DialogAdapter>();
    adapter.set_import_busy(true);
    adapter.set_import_progress(i18n::tr("Saving…").into());

    let choices = flow.borrow().choices;
    let database = ui.controller.database_path().to_path_buf();
    let (sender, news) = mpsc::channel();
    info!(file = %path.display(), "import started in the background");
    std::thread::spawn(move || {
        let progress_sender = sender.clone();
        let result = Controller::open(&database).and_then(|controller| {
            controller.import_with(&path, choices, &mut |done, total| {
                // The UI may have closed; then nobody needs the progress.
                let _ = progress_sender.send(News::Progress(done, total));
            })
        });
        let _ = sender.send(News::Done(Box::new(result.map_err(|e| e.to_string()))));
    });

    let timer = Timer::default();
    let (poll_ui, poll_flow) = (Rc::clone(ui), Rc::clone(flow));
    timer.start(TimerMode::Repeated, POLL, move || {
        poll(&poll_ui, &poll_flow, &news);
    });
    flow.borrow_mut().poll = Some(timer);
}

/// Shows the worker's progress, and its report once it is done.
fn poll(ui: &Ui, flow: &RefCell<Flow>, news: &Receiver<News>) {
    let Some(window) = ui.window() else {
        return;
    };
    let adapter = window.global::<DialogAdapter>();
    loop {
        let outcome = match news.try_recv() {
            Ok(News::Progress(done, total)) => {
                adapter.set_import_progress(import_text::progress(done, total).into());
                continue;
            }
            Ok(News::Done(outcome)) => *outcome,
            Err(TryRecvError::Empty) => return,
            Err(TryRecvError::Disconnected) => Err(i18n::tr(
                "The import stopped before it finished; nothing was saved.",
            )),
        };

        if let Some(timer) = flow.borrow().poll.as_ref() {
            timer.stop();
        }
        let mut state = flow.borrow_mut();
        state.previewed = None;
        drop(state);
        adapter.set_import_busy(false);
        reset(&adapter);
        match outcome {
            Ok(report) => {
                ui.clear_toast();
                dialogs::show_report(&adapter, &report);
                ui.set_sheet(SheetKind::ImportResult);
                list::refresh(ui);
                record::refresh(ui);
            }
            Err(message) => ui.show_error(&message),
        }
        return;
    }
}
