//! `stride screenshot` end to end: the binary draws a PNG of the asked size from a demo
//! database without any display, and says in one line what is wrong with bad options.

use std::error::Error;
use std::path::Path;
use std::process::{Command, Output};

use stride::ui::screenshot;

type TestResult = Result<(), Box<dyn Error>>;

/// Runs the binary on the database in `dir`, with no display and none of the look settings
/// of the machine running the tests.
fn stride(dir: &Path, args: &[&str]) -> Result<Output, std::io::Error> {
    stride_with(dir, &[], args)
}

/// [`stride`] with the environment variables `vars` set.
fn stride_with(dir: &Path, vars: &[(&str, &str)], args: &[&str]) -> Result<Output, std::io::Error> {
    let mut command = Command::new(env!("CARGO_BIN_EXE_stride"));
    command
        .env_remove("STRIDE_DB")
        .env_remove("STRIDE_THEME")
        .env_remove("STRIDE_KIOSK")
        .env_remove("RUST_LOG")
        .env_remove("DISPLAY")
        .env_remove("WAYLAND_DISPLAY")
        .env("HOME", dir)
        .env("XDG_DATA_HOME", dir.join("data"));
    command.envs(vars.iter().copied());
    command
        .arg("--db")
        .arg(dir.join("shots.db"))
        .args(args)
        .output()
}

fn stderr(output: &Output) -> String {
    String::from_utf8_lossy(&output.stderr).trim().to_string()
}

#[test]
fn a_screenshot_is_drawn_without_a_display_at_the_asked_size_and_scale() -> TestResult {
    let dir = tempfile::tempdir()?;
    let demo = stride(
        dir.path(),
        &["demo", "--leads", "8", "--opportunities", "3"],
    )?;
    assert!(demo.status.success(), "{}", stderr(&demo));
    let file = dir.path().join("record.png");
    let file_arg = file.to_str().ok_or("path is not UTF-8")?;

    let args = [
        "--theme",
        "dark",
        "--kiosk",
        "screenshot",
        file_arg,
        "--size",
        "390x844",
        "--scale",
        "2",
        "--screen",
        "record",
    ];
    let shot = stride(dir.path(), &args)?;

    assert!(shot.status.success(), "{}", stderr(&shot));
    let frame = screenshot::read_png(&file)?;
    assert_eq!((frame.width, frame.height), (780, 1688));
    Ok(())
}

#[test]
fn bad_options_and_missing_records_are_refused_in_one_line() -> TestResult {
    let dir = tempfile::tempdir()?;
    let new_lead = stride(dir.path(), &["new-lead", "--last-name", "Ng"])?;
    assert!(new_lead.status.success(), "{}", stderr(&new_lead));
    let file = dir.path().join("out.png");
    let file_arg = file.to_str().ok_or("path is not UTF-8")?;

    let size = stride(dir.path(), &["screenshot", file_arg, "--size", "390"])?;
    let scale = stride(dir.path(), &["screenshot", file_arg, "--scale", "9"])?;
    let won = stride(
        dir.path(),
        &["screenshot", file_arg, "--screen", "close-won"],
    )?;

    assert_eq!(size.status.code(), Some(2));
    assert!(stderr(&size).contains("WIDTHxHEIGHT"), "{}", stderr(&size));
    assert!(!scale.status.success());
    assert!(
        stderr(&scale).contains("--scale 9 is out of range"),
        "{}",
        stderr(&scale)
    );
    assert!(!won.status.success());
    assert!(
        stderr(&won).contains("There is no open opportunity to show"),
        "{}",
        stderr(&won)
    );
    assert!(!file.exists());
    Ok(())
}

#[test]
fn an_unknown_stride_theme_is_reported_and_ignored() -> TestResult {
    let dir = tempfile::tempdir()?;
    let new_lead = stride(dir.path(), &["new-lead", "--last-name", "Ng"])?;
    assert!(new_lead.status.success(), "{}", stderr(&new_lead));
    let file = dir.path().join("out.png");
    let file_arg = file.to_str().ok_or("path is not UTF-8")?;
    let purple = [("STRIDE_THEME", "purple")];

    let shot = stride_with(dir.path(), &purple, &["screenshot", file_arg])?;
    let list = stride_with(dir.path(), &purple, &["list"])?;
    let strict = stride_with(
        dir.path(),
        &[],
        &["--theme", "purple", "screenshot", file_arg],
    )?;

    assert!(shot.status.success(), "{}", stderr(&shot));
    let warning = stderr(&shot);
    assert!(warning.contains("STRIDE_THEME is \"purple\""), "{warning}");
    assert!(warning.contains("light, dark, high-contrast"), "{warning}");
    assert!(list.status.success(), "{}", stderr(&list));
    assert!(!strict.status.success(), "--theme purple was accepted");
    Ok(())
}
