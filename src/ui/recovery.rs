//! Binds the recovery window: shown instead of the app when the database is damaged or not
//! a Stride file, it offers to restore the newest sound backup or to quit. The restore itself
//! is the controller's; the damaged file is moved aside by it, never changed or deleted.

use std::cell::Cell;
use std::path::{Path, PathBuf};
use std::rc::Rc;

use slint::ComponentHandle;

use super::generated::{RecoveryAdapter, RecoveryWindow, ThemeMode};
use crate::controller;
use crate::store::StoreError;

/// Shows the recovery window for the database at `path`, in the `theme` the app would have,
/// and runs until it closes. Returns whether a backup was restored, so the app can open it.
pub fn offer_restore(path: &Path, problem: &StoreError, theme: ThemeMode) -> anyhow::Result<bool> {
    let (window, restored) = build_recovery(path, problem)?;
    window.invoke_apply_look(theme);
    window.run()?;
    Ok(restored.get())
}

/// Creates the recovery window for the database at `path`, and the flag its Restore button
/// sets once the backup is in place. The UI tests drive the window this returns.
pub fn build_recovery(
    path: &Path,
    problem: &StoreError,
) -> Result<(RecoveryWindow, Rc<Cell<bool>>), slint::PlatformError> {
    let window = RecoveryWindow::new()?;
    let adapter = window.global::<RecoveryAdapter>();
    let restored = Rc::new(Cell::new(false));
    adapter.set_problem(problem.to_string().into());
    adapter.set_error("".into());
    let date = match controller::newest_sound_backup(path) {
        Ok(backup) => backup.taken.format("%Y-%m-%d %H:%M").to_string(),
        Err(_) => String::new(),
    };
    adapter.set_backup_date(date.into());

    let weak = window.as_weak();
    let database: PathBuf = path.to_path_buf();
    let flag = Rc::clone(&restored);
    adapter.on_restore(move || {
        let Some(window) = weak.upgrade() else {
            return;
        };
        match controller::restore(&database, None) {
            Ok(_) => {
                flag.set(true);
                let _ = window.hide();
            }
            Err(error) => {
                let adapter = window.global::<RecoveryAdapter>();
                adapter.set_error(error.to_string().into());
            }
        }
    });

    let weak = window.as_weak();
    adapter.on_quit(move || {
        if let Some(window) = weak.upgrade() {
            let _ = window.hide();
        }
    });
    Ok((window, restored))
}
