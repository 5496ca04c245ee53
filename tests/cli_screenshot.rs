//! `stride screenshot` end to end: the binary draws a PNG of the asked size from a demo
//! database without any display, and says in one line what is wrong with bad options.

use std::error::Error;
use std::process::Output;

use stride::ui::screenshot;

mod cli_support;

use cli_support::Sandbox;

type TestResult = Result<(), Box<dyn Error>>;

fn stderr(output: &Output) -> String {
    String::from_utf8_lossy(&output.stderr).trim().to_string()
}

#[test]
fn a_screenshot_is_drawn_without_a_display_at_the_asked_size_and_scale() -> TestResult {
    let sandbox = Sandbox::new()?;
    let demo = sandbox.run(&["demo", "--leads", "8", "--opportunities", "3"])?;
    assert!(demo.status.success(), "{}", stderr(&demo));
    let file = sandbox.file("record.png");
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
    let shot = sandbox.run(&args)?;

    assert!(shot.status.success(), "{}", stderr(&shot));
    let frame = screenshot::read_png(&file)?;
    assert_eq!((frame.width, frame.height), (780, 1688));
    Ok(())
}

#[test]
fn naming_a_record_draws_its_page_unless_another_screen_is_asked() -> TestResult {
    let sandbox = Sandbox::new()?;
    sandbox.ok(&["new-lead", "--last-name", "Ng", "--company", "Contoso"])?;
    let shot = |name: &str, extra: &[&str]| -> Result<Vec<u8>, Box<dyn Error>> {
        let file = sandbox.file(name);
        let file_arg = file.to_str().ok_or("path is not UTF-8")?;
        let mut args = vec!["screenshot", file_arg, "--theme", "light"];
        args.extend_from_slice(extra);
        sandbox.ok(&args)?;
        Ok(std::fs::read(&file)?)
    };

    let named = shot("named.png", &["--record", "1"])?;
    let record = shot("record.png", &["--record", "1", "--screen", "record"])?;
    let list = shot("list.png", &[])?;
    let list_asked = shot("list-asked.png", &["--record", "1", "--screen", "list"])?;

    assert_eq!(
        named, record,
        "--record alone should draw the record's page"
    );
    assert_ne!(named, list);
    assert_eq!(list, list_asked);
    Ok(())
}

#[test]
fn bad_options_and_missing_records_are_refused_in_one_line() -> TestResult {
    let sandbox = Sandbox::new()?;
    let new_lead = sandbox.run(&["new-lead", "--last-name", "Ng"])?;
    assert!(new_lead.status.success(), "{}", stderr(&new_lead));
    let file = sandbox.file("out.png");
    let file_arg = file.to_str().ok_or("path is not UTF-8")?;

    let size = sandbox.run(&["screenshot", file_arg, "--size", "390"])?;
    let scale = sandbox.run(&["screenshot", file_arg, "--scale", "9"])?;
    let won = sandbox.run(&["screenshot", file_arg, "--screen", "close-won"])?;

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
    let sandbox = Sandbox::new()?;
    let new_lead = sandbox.run(&["new-lead", "--last-name", "Ng"])?;
    assert!(new_lead.status.success(), "{}", stderr(&new_lead));
    let file = sandbox.file("out.png");
    let file_arg = file.to_str().ok_or("path is not UTF-8")?;
    let purple = |args: &[&str]| {
        let mut command = sandbox.bare();
        command
            .env("STRIDE_THEME", "purple")
            .arg("--db")
            .arg(sandbox.db());
        command.args(args).output()
    };

    let shot = purple(&["screenshot", file_arg])?;
    let list = purple(&["list"])?;
    let strict = sandbox.run(&["--theme", "purple", "screenshot", file_arg])?;

    assert!(shot.status.success(), "{}", stderr(&shot));
    let warning = stderr(&shot);
    assert!(warning.contains("STRIDE_THEME is \"purple\""), "{warning}");
    assert!(warning.contains("light, dark, high-contrast"), "{warning}");
    assert!(list.status.success(), "{}", stderr(&list));
    assert!(!strict.status.success(), "--theme purple was accepted");
    Ok(())
}
