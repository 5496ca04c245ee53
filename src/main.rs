//! The `stride` binary: opens the app, or runs one command and exits.

use std::process::ExitCode;

use clap::Parser;
use stride::cli::Cli;

fn main() -> ExitCode {
    let cli = Cli::parse();
    let app = cli.command.is_none();
    stride::logging::init(app);

    match stride::start(cli) {
        Ok(()) => ExitCode::SUCCESS,
        Err(error) => {
            eprintln!("stride: {}", one_line(&error));
            ExitCode::FAILURE
        }
    }
}

/// The error and its causes on one line, leaving out causes the message already quotes.
fn one_line(error: &anyhow::Error) -> String {
    let mut line = String::new();
    for cause in error.chain() {
        let text = cause.to_string();
        if !line.contains(&text) {
            if !line.is_empty() {
                line.push_str(": ");
            }
            line.push_str(&text);
        }
    }
    line
}
