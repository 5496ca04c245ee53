//! The day's automatic backup, taken on a thread of its own once the window shows, so a large
//! pipeline opens at once. The backup checks every page of its copy; damage it finds is shown
//! in the window with what to do about it, and from then on the window changes nothing.

use std::path::PathBuf;
use std::rc::Rc;
use std::sync::mpsc::{self, TryRecvError};
use std::time::Duration;

use slint::TimerMode;
use tracing::warn;

use super::shell::Ui;
use crate::controller::Controller;

/// How often the window looks for the backup's outcome.
const POLL: Duration = Duration::from_millis(250);

/// Takes the day's backup of the database at `path` beside the window, through a connection
/// of its own, unless one was already taken today.
pub(super) fn start(ui: &Rc<Ui>, path: PathBuf) {
    let (sender, receiver) = mpsc::channel();
    let spawned = std::thread::Builder::new()
        .name("daily-backup".into())
        .spawn(move || {
            let outcome = Controller::open(&path).and_then(|c| c.daily_backup());
            // When the window has closed first, nobody is left to tell.
            let _ = sender.send(outcome);
        });
    if let Err(error) = spawned {
        warn!(%error, "could not start the day's backup");
        return;
    }

    let weak = Rc::downgrade(ui);
    ui.backup_timer.start(TimerMode::Repeated, POLL, move || {
        let Some(ui) = weak.upgrade() else {
            return;
        };
        match receiver.try_recv() {
            Ok(outcome) => {
                ui.backup_timer.stop();
                if let Err(error) = outcome {
                    // Only damage reaches here; other failures were logged on the thread.
                    ui.show_app_error(&error);
                    ui.controller.refuse_changes(error);
                }
            }
            Err(TryRecvError::Empty) => {}
            Err(TryRecvError::Disconnected) => ui.backup_timer.stop(),
        }
    });
}
