//! What the adapters share: the controller, a handle on the window, which record is open,
//! and the toast that shows errors in the controller's own words.

use std::cell::{RefCell, RefMut};
use std::rc::Rc;
use std::time::Duration;

use slint::{ComponentHandle, Timer, TimerMode, VecModel};

use super::generated::{
    AppAdapter, AppWindow, LeadFormData, Screen, SheetKind, StageItem, StepItem, StepPair,
};
use super::paged_rows::PagedRows;
use super::process_editor::EditorState;
use super::{list, record};
use crate::controller::{AppError, AppResult, Controller, RecordPage};
use crate::i18n;
use crate::process::{Rating, RecordId};
use crate::store::{ListFilter, ListSort};

/// How long a confirmation stays on screen; errors stay until dismissed or replaced.
const NOTICE_TIME: Duration = Duration::from_secs(6);

/// How often the app looks for changes another Stride window or command has written.
const WATCH_EVERY: Duration = Duration::from_secs(1);

/// Where the picker sheet's choice goes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) enum PickTarget {
    /// A choice step of the open record, by key.
    Step(String),
    /// The lead form's lead source.
    Source,
    /// The lead form's rating.
    Rating,
    /// The type of the step at this position in the process editor's chosen stage.
    StepType(usize),
    /// The stored process to open in the process editor.
    Process,
    /// The process a new lead follows, in the lead form.
    LeadProcess,
}

/// The filters the list applies to every tab, beside the search words.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub(super) struct Narrowing {
    /// Only records in the stage with this key.
    pub stage: Option<String>,
    /// Only records with this rating.
    pub rating: Option<Rating>,
    /// Only records from this lead source.
    pub source: Option<String>,
    /// Only open records whose estimated close date has passed.
    pub overdue: bool,
    /// Only open records past their current stage's target days.
    pub overdue_in_stage: bool,
}

impl Narrowing {
    /// How many filters are on.
    pub fn count(&self) -> usize {
        [
            self.stage.is_some(),
            self.rating.is_some(),
            self.source.is_some(),
            self.overdue,
            self.overdue_in_stage,
        ]
        .into_iter()
        .filter(|on| *on)
        .count()
    }
}

/// What the UI remembers between events, outside any view so a relayout loses nothing.
#[derive(Default)]
pub(super) struct State {
    /// Which list tab shows.
    pub filter: ListFilter,
    /// The words in the list's search box.
    pub search: String,
    /// The list's order.
    pub sort: ListSort,
    /// The list's filters.
    pub narrowing: Narrowing,
    /// The record on the record page.
    pub open: Option<RecordId>,
    /// The open record as last loaded.
    pub page: Option<RecordPage>,
    /// The stage whose steps show; `None` follows the record's current stage.
    pub selected_stage: Option<usize>,
    /// The lead the form edits; `None` while creating a new one.
    pub editing: Option<RecordId>,
    /// The form as it was when it opened, to tell whether anything was typed since.
    pub form_start: Option<LeadFormData>,
    /// Where the picker's choice goes.
    pub picking: Option<PickTarget>,
    /// The command the reason sheet is asking a reason for.
    pub reason_for: Option<super::reason::ReasonFor>,
    /// The missing-steps sheet's steps by key, with the text entered for each so far.
    pub missing: Vec<(String, String)>,
    /// The stage the missing-steps sheet jumps to, when it was opened by a jump ahead.
    pub jump_to: Option<String>,
    /// The command that opened the missing-steps sheet and goes on once the steps are saved;
    /// `None` when the sheet moves the record itself (Next stage, or a jump ahead).
    pub fill_then: Option<super::missing_steps::Then>,
    /// The process being edited in the process editor, while it is open.
    pub draft: Option<EditorState>,
}

/// The adapters' shared context.
pub(super) struct Ui {
    window: slint::Weak<AppWindow>,
    /// The one controller every command goes through.
    pub controller: Rc<Controller>,
    state: RefCell<State>,
    notice_timer: Timer,
    watch_timer: Timer,
    /// Counts the list's other tabs once typing in the search box pauses.
    pub count_timer: Timer,
    /// Looks for the outcome of the day's backup.
    pub backup_timer: Timer,
    /// The list rows, read a page at a time.
    pub rows: Rc<PagedRows>,
    /// The chevrons of the open record.
    pub stages: Rc<VecModel<StageItem>>,
    /// The steps of the chosen stage, updated in place so a field keeps its focus.
    pub steps: Rc<VecModel<StepItem>>,
    /// The same steps two by two, for wide windows.
    pub step_pairs: Rc<VecModel<StepPair>>,
}

impl Ui {
    /// The context for `window`, with empty models.
    pub fn new(window: &AppWindow, controller: Rc<Controller>) -> Rc<Self> {
        Rc::new(Ui {
            window: window.as_weak(),
            rows: Rc::new(PagedRows::new(Rc::clone(&controller))),
            controller,
            state: RefCell::new(State::default()),
            notice_timer: Timer::default(),
            watch_timer: Timer::default(),
            count_timer: Timer::default(),
            backup_timer: Timer::default(),
            stages: Rc::new(VecModel::default()),
            steps: Rc::new(VecModel::default()),
            step_pairs: Rc::new(VecModel::default()),
        })
    }

    /// Shows the list of open leads with no record open.
    pub fn start(&self) {
        self.clear_toast();
        self.set_sheet(SheetKind::None);
        self.set_screen(Screen::List);
        self.refresh();
    }

    /// The window, while it exists.
    pub fn window(&self) -> Option<AppWindow> {
        self.window.upgrade()
    }

    /// The shared state; hold it only briefly and never across a controller call.
    pub fn state(&self) -> RefMut<'_, State> {
        self.state.borrow_mut()
    }

    /// The value of a command, or `None` after showing its error.
    pub fn report<T>(&self, result: AppResult<T>) -> Option<T> {
        match result {
            Ok(value) => Some(value),
            Err(error) => {
                self.show_app_error(&error);
                None
            }
        }
    }

    /// Shows a command's error, in the window's language, until it is dismissed or replaced.
    pub fn show_app_error(&self, error: &AppError) {
        self.show_error(&super::error_text::app_error(error));
    }

    /// Shows an error until it is dismissed or replaced.
    pub fn show_error(&self, message: &str) {
        tracing::debug!(message, "showing an error");
        self.notice_timer.stop();
        self.set_toast(&i18n::tr(message), true);
    }

    /// Shows a confirmation for a few seconds.
    pub fn show_notice(&self, message: &str) {
        self.set_toast(&i18n::tr(message), false);
        let window = self.window.clone();
        self.notice_timer
            .start(TimerMode::SingleShot, NOTICE_TIME, move || {
                if let Some(window) = window.upgrade() {
                    window.global::<AppAdapter>().set_toast("".into());
                }
            });
    }

    /// Removes an error once the user has done something that worked.
    pub fn clear_error(&self) {
        if let Some(window) = self.window() {
            if window.global::<AppAdapter>().get_toast_is_error() {
                self.clear_toast();
            }
        }
    }

    /// Removes the toast.
    pub fn clear_toast(&self) {
        self.notice_timer.stop();
        self.set_toast("", false);
    }

    fn set_toast(&self, message: &str, error: bool) {
        if let Some(window) = self.window() {
            let adapter = window.global::<AppAdapter>();
            adapter.set_toast(message.into());
            adapter.set_toast_is_error(error);
        }
    }

    /// Switches the screen (on phones the only one showing; on wide windows the right pane).
    /// An error about the screen being left goes with it.
    pub fn set_screen(&self, screen: Screen) {
        self.clear_error();
        if let Some(window) = self.window() {
            window.global::<AppAdapter>().set_screen(screen);
        }
    }

    /// Opens a sheet, or closes it with [`SheetKind::None`]. Opening one clears an earlier
    /// error, so the sheet starts clean.
    pub fn set_sheet(&self, sheet: SheetKind) {
        if sheet != SheetKind::None {
            self.clear_error();
        }
        if let Some(window) = self.window() {
            window.global::<AppAdapter>().set_sheet(sheet);
        }
    }

    /// Reloads the list and the open record after a change.
    pub fn refresh(&self) {
        list::refresh(self);
        record::refresh(self);
    }

    /// Reloads the list and the open record when another window or command has changed the
    /// database since the last look. The lead form is left alone, so typing is kept.
    pub fn refresh_if_changed_elsewhere(&self) {
        match self.controller.changed_elsewhere() {
            Ok(true) => {
                tracing::debug!("the database changed elsewhere; reloading");
                self.refresh();
            }
            Ok(false) => {}
            Err(error) => tracing::debug!(%error, "could not look for changes made elsewhere"),
        }
    }
}

/// Looks every second for changes other Stride windows or commands have written.
pub(super) fn watch(ui: &Rc<Ui>) {
    let weak = Rc::downgrade(ui);
    ui.watch_timer
        .start(TimerMode::Repeated, WATCH_EVERY, move || {
            if let Some(ui) = weak.upgrade() {
                ui.refresh_if_changed_elsewhere();
            }
        });
}

/// Binds the shell's own adapter: dismissing the toast.
pub(super) fn bind(window: &AppWindow, ui: &Rc<Ui>) {
    let adapter = window.global::<AppAdapter>();
    let ui = Rc::clone(ui);
    adapter.on_dismiss_toast(move || ui.clear_toast());
}
