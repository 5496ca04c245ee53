//! The command line as a newcomer meets it: numbers in JSON, a status shown once, a missing
//! record refused by name, the user name found without USER, plain words for numbers that
//! do not read, and names longer than a record may have refused at every entry point.

use serde_json::Value;

mod cli_support;

use cli_support::Sandbox;

type TestResult = Result<(), Box<dyn std::error::Error>>;

fn id_after(text: &str, marker: &str) -> Result<String, String> {
    let rest = text
        .split(marker)
        .nth(1)
        .ok_or(format!("no {marker:?} in {text:?}"))?;
    Ok(rest
        .trim_start()
        .chars()
        .take_while(char::is_ascii_digit)
        .collect())
}

#[test]
fn json_amounts_are_numbers_and_a_status_shows_once() -> TestResult {
    let sandbox = Sandbox::new()?;
    let created = sandbox.ok(&["new-lead", "--company", "Alpine", "--value", "12,500.50"])?;
    let lead = id_after(&created, "Created lead")?;
    let listed: Value = serde_json::from_str(&sandbox.ok(&["list", "--json"])?)?;
    assert_eq!(listed[0]["estimated_value"], serde_json::json!(12500.5));
    let shown: Value = serde_json::from_str(&sandbox.ok(&["show", &lead, "--json"])?)?;
    assert_eq!(shown["estimated_value"], serde_json::json!(12500.5));

    let qualified = sandbox.ok(&["qualify", &lead])?;
    let opportunity = id_after(&qualified, "qualified as opportunity")?;
    let cases = [
        (lead.as_str(), "Status: Qualified\n"),
        (opportunity.as_str(), "Status: Open (In progress)\n"),
    ];
    for (id, line) in cases {
        let shown = sandbox.ok(&["show", id])?;
        assert!(shown.contains(line), "{shown}");
    }
    sandbox.ok(&["close", &opportunity, "won"])?;
    let shown = sandbox.ok(&["show", &opportunity])?;
    assert!(shown.contains("Status: Won\n"), "{shown}");
    Ok(())
}

#[test]
fn arguments_that_do_not_fit_are_refused_in_plain_words() -> TestResult {
    let sandbox = Sandbox::new()?;
    sandbox.ok(&["new-lead", "--company", "Alpine"])?;
    let png = sandbox.file("shot.png");
    let png = png.to_str().ok_or("path")?;
    let long = "x".repeat(201);
    let cases: [(&[&str], &str); 7] = [
        (
            &["screenshot", png, "--record", "999"],
            "There is no record 999;",
        ),
        (
            &["probability", "1", "150"],
            "give a whole number from 0 to 100",
        ),
        (
            &["probability", "1", "lots"],
            "give a whole number from 0 to 100",
        ),
        (&["show", "first"], "give a record number"),
        (
            &["search", "--limit", "many"],
            "give a whole number such as 50",
        ),
        (
            &["new-lead", "--company", &long],
            "Keep this to 200 characters",
        ),
        (
            &["edit-lead", "1", "--topic", &long],
            "Keep this to 200 characters",
        ),
    ];
    for (args, wanted) in cases {
        let message = sandbox.fails(args)?;
        assert!(message.contains(wanted), "{args:?}: {message}");
        assert!(!message.contains("expected u"), "{args:?}: {message}");
    }
    assert!(!std::path::Path::new(png).exists());
    Ok(())
}

#[test]
fn an_import_row_with_a_too_long_name_is_skipped_and_said_why() -> TestResult {
    let sandbox = Sandbox::new()?;
    let file = sandbox.file("leads.csv");
    let long = "y".repeat(201);
    std::fs::write(
        &file,
        format!("First Name,Last Name,Company\nAna,Ruiz,Alpine\nBen,{long},Coho\n"),
    )?;
    let report = sandbox.ok(&["import", file.to_str().ok_or("path")?])?;
    assert!(
        report.contains("Last name is longer than 200 characters"),
        "{report}"
    );
    let listed: Value = serde_json::from_str(&sandbox.ok(&["list", "--json"])?)?;
    assert_eq!(listed.as_array().map(Vec::len), Some(1));
    Ok(())
}

#[test]
fn without_user_the_login_name_is_used() -> TestResult {
    let sandbox = Sandbox::new()?;
    sandbox.ok(&["new-lead", "--company", "Alpine"])?;
    let cases = [(Some("lena"), "History entries name lena.\n"), (None, "")];
    for (logname, wanted) in cases {
        let mut command = sandbox.bare();
        command
            .arg("--db")
            .arg(sandbox.db())
            .args(["config", "user"]);
        command.env_remove("USER").env_remove("USERNAME");
        match logname {
            Some(name) => command.env("LOGNAME", name),
            None => command.env_remove("LOGNAME"),
        };
        let out = command.output()?;
        let text = String::from_utf8(out.stdout)?;
        if wanted.is_empty() {
            // No name in the environment: the account the tests run as, never blank.
            let name = text.trim_start_matches("History entries name ").trim_end();
            assert!(!name.trim_end_matches('.').is_empty(), "{text}");
        } else {
            assert_eq!(text, wanted);
        }
    }
    Ok(())
}
