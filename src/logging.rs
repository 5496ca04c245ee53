//! Logging through `tracing`: `RUST_LOG` decides; by default the app logs state changes and
//! the command line only errors, since its own output already reports what went wrong.

use std::io::IsTerminal;

use tracing_subscriber::EnvFilter;

/// Sends log lines to standard error.
pub fn init(app: bool) {
    let default = if app { "stride=info" } else { "stride=error" };
    let filter = EnvFilter::try_from_default_env().unwrap_or_else(|_| EnvFilter::new(default));
    let _ = tracing_subscriber::fmt()
        .with_env_filter(filter)
        .with_writer(std::io::stderr)
        .with_ansi(std::io::stderr().is_terminal())
        .try_init();
}
