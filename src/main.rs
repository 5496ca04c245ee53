//! The `stride` binary: opens the app, or runs one command and exits.

use std::process::ExitCode;

use clap::Parser;
use stride::cli::Cli;

fn main() -> ExitCode {
    let cli = match Cli::try_parse() {
        Ok(cli) => cli,
        Err(error) if !error.use_stderr() => error.exit(),
        Err(error) => {
            // clap's own text spans several lines; scripts get the one that says what is wrong.
            let rendered = error.render().to_string();
            let first = rendered.lines().next().unwrap_or_default();
            let message = first.strip_prefix("error: ").unwrap_or(first);
            eprintln!("stride: {message} (see stride --help)");
            return ExitCode::from(2);
        }
    };
    let app = cli.command.is_none();
    stride::logging::init(app);

    match stride::start(cli) {
        Ok(()) => ExitCode::SUCCESS,
        // A reader such as `head` closed the pipe: it has all it wanted, so this is no error.
        Err(error) if closed_pipe(&error) => ExitCode::SUCCESS,
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

/// Whether the error is stdout's reader having gone away.
fn closed_pipe(error: &anyhow::Error) -> bool {
    error.chain().any(|cause| {
        cause
            .downcast_ref::<std::io::Error>()
            .is_some_and(|io| io.kind() == std::io::ErrorKind::BrokenPipe)
    })
}
