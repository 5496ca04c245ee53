//! The Slint UI: opens the window and binds each view's adapter global to the controller.
//! Views only see their adapters, adapters only call the controller, and nothing here
//! touches SQL. One file per view binds that view's adapter.

mod convert;
mod dialogs;
mod filters;
mod form;
mod list;
mod paged_rows;
mod picker;
mod qualify;
mod record;
mod recovery;
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
pub use recovery::{build_recovery, offer_restore};

/// Opens the Stride window on `controller` and runs until the window is closed.
pub fn run(controller: Controller) -> anyhow::Result<()> {
    let window = build(Rc::new(controller))?;
    window.run()?;
    Ok(())
}

/// Creates the window and wires every adapter to `controller`, showing the list of open
/// leads. The UI tests drive the window this returns.
pub fn build(controller: Rc<Controller>) -> Result<AppWindow, slint::PlatformError> {
    let window = AppWindow::new()?;
    let ui = shell::Ui::new(&window, controller);

    shell::bind(&window, &ui);
    list::bind(&window, &ui);
    record::bind(&window, &ui);
    form::bind(&window, &ui);
    dialogs::bind(&window, &ui);
    qualify::bind(&window, &ui);
    picker::bind(&window, &ui);
    filters::bind(&window, &ui);

    ui.start();
    shell::watch(&ui);
    Ok(window)
}
