//! The Slint UI: opens the window and binds each view's adapter global to the controller.
//! Views only see their adapters, adapters only call the controller, and nothing here
//! touches SQL. One file per view binds that view's adapter.

mod convert;
mod daily_backup;
mod dialogs;
mod error_text;
mod export;
mod filters;
mod form;
pub mod headless;
mod history_text;
mod import_flow;
mod import_text;
mod kiosk_keys;
mod list;
pub mod look;
mod missing_steps;
mod paged_rows;
mod picker;
mod process_editor;
mod process_editor_branches;
mod process_editor_open;
mod process_editor_view;
mod qualify;
mod reason;
mod record;
mod recovery;
pub mod screenshot;
mod shell;

use std::rc::Rc;

use crate::controller::Controller;

/// The code `slint-build` generates from `ui/app.slint`: the window, adapters and structs.
#[allow(
    missing_docs,
    unused_qualifications,
    clippy::all,
    clippy::pedantic,
    clippy::unwrap_used,
    clippy::expect_used
)]
mod generated {
    slint::include_modules!();
}

pub use generated::*;
pub use look::Look;
pub use recovery::{build_recovery, offer_restore};

/// Opens the Stride window on `controller` and runs until the window is closed. The day's
/// backup is taken beside the window once it shows, and committed changes are copied from
/// the log into the database file on a thread of their own. The window has the `look` given.
pub fn run(controller: Controller, look: Look) -> anyhow::Result<()> {
    let path = controller.database_path().to_path_buf();
    let checkpoints = controller.checkpoint_in_background();
    if let Err(error) = &checkpoints {
        tracing::warn!(%error, "changes will be copied into the database as SQLite sees fit");
    }
    // The lists and messages the Rust side fills in while assembling speak the language too.
    crate::i18n::set_current(look.language);
    let (window, ui) = assemble(Rc::new(controller))?;
    look::apply(&window, look);
    if look.kiosk {
        look::lock_kiosk(&window);
    }
    // A database this start created holds nothing to back up; the backup's own connection
    // would no longer see it as new.
    if !ui.controller.started_new() {
        daily_backup::start(&ui, path);
    }
    window.run()?;
    drop(checkpoints);
    Ok(())
}

/// Creates the window and wires every adapter to `controller`, showing the list of open
/// leads. The UI tests drive the window this returns.
pub fn build(controller: Rc<Controller>) -> Result<AppWindow, slint::PlatformError> {
    assemble(controller).map(|(window, _)| window)
}

/// The window with every adapter wired, and the context the adapters share.
fn assemble(
    controller: Rc<Controller>,
) -> Result<(AppWindow, Rc<shell::Ui>), slint::PlatformError> {
    let window = AppWindow::new()?;
    let ui = shell::Ui::new(&window, controller);

    shell::bind(&window, &ui);
    list::bind(&window, &ui);
    record::bind(&window, &ui);
    form::bind(&window, &ui);
    dialogs::bind(&window, &ui);
    import_flow::bind(&window, &ui);
    export::bind(&window, &ui);
    qualify::bind(&window, &ui);
    picker::bind(&window, &ui);
    filters::bind(&window, &ui);
    reason::bind(&window, &ui);
    missing_steps::bind(&window, &ui);
    process_editor::bind(&window, &ui);
    kiosk_keys::bind(&window, &ui);

    ui.start();
    shell::watch(&ui);
    Ok((window, ui))
}
