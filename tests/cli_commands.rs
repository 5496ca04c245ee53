//! The `stride` binary end to end on a temporary database: import, list, the stage commands,
//! and one-line errors with a non-zero exit.

use std::error::Error;
use std::path::Path;
use std::process::Command;

use cli_support::{one_line_failure, Sandbox};
use serde_json::Value;

mod cli_support;

type TestResult = Result<(), Box<dyn Error>>;

const SALESFORCE: &str = concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/../shared/data/salesforce-data-cloud-workshop"
);

impl Sandbox {
    fn show(&self, id: &str) -> Result<Value, Box<dyn Error>> {
        Ok(serde_json::from_str(&self.ok(&["show", id, "--json"])?)?)
    }

    fn list(&self) -> Result<Vec<Value>, Box<dyn Error>> {
        let out = self.ok(&["list", "--json"])?;
        match serde_json::from_str(&out)? {
            Value::Array(items) => Ok(items),
            other => Err(format!("list --json is not an array: {other}").into()),
        }
    }
}

/// The number in a line like "Created lead 3." after `marker`.
fn id_after(text: &str, marker: &str) -> Result<String, Box<dyn Error>> {
    let rest = text
        .split(marker)
        .nth(1)
        .ok_or(format!("no '{marker}' in {text:?}"))?;
    let id: String = rest
        .trim_start()
        .chars()
        .take_while(char::is_ascii_digit)
        .collect();
    if id.is_empty() {
        return Err(format!("no id after '{marker}' in {text:?}").into());
    }
    Ok(id)
}

fn field<'a>(value: &'a Value, key: &str) -> &'a Value {
    &value[key]
}

fn data(file: &str) -> String {
    Path::new(SALESFORCE).join(file).display().to_string()
}

#[test]
fn import_prints_counts_and_list_json_has_every_column() -> TestResult {
    let sandbox = Sandbox::new()?;
    let leads = data("Lead.csv");
    let opportunities = data("Opportunity.csv");

    let out = sandbox.ok(&["import", &leads, &opportunities])?;
    assert!(
        out.contains("Imported 60 leads and 22 accounts from"),
        "{out}"
    );
    assert!(out.contains("Imported 50 opportunities from"), "{out}");

    let items = sandbox.list()?;
    assert_eq!(items.len(), 110);
    let mut ids = Vec::new();
    for item in &items {
        ids.push(field(item, "id").as_i64().ok_or(format!("id in {item}"))?);
        for key in ["kind", "status", "stage", "topic", "company"] {
            assert!(field(item, key).is_string(), "{key} in {item}");
        }
    }
    ids.sort_unstable();
    ids.dedup();
    assert_eq!(ids.len(), 110);
    let count = |kind: &str, status: &str| {
        items
            .iter()
            .filter(|i| field(i, "kind") == kind && field(i, "status") == status)
            .count()
    };
    assert_eq!(count("lead", "open"), 60);
    assert_eq!(count("lead", "qualified"), 0);
    assert_eq!(count("opportunity", "open"), 35);
    assert_eq!(count("opportunity", "won"), 12);
    assert_eq!(count("opportunity", "lost"), 3);
    let hill = items
        .iter()
        .find(|i| field(i, "topic") == "Hill Group - Business Loans - June 2023")
        .ok_or("Hill Group opportunity missing")?;
    assert_eq!(field(hill, "company"), "Hill Group");
    assert_eq!(field(hill, "stage"), "Close");

    let again = sandbox.ok(&["import", &leads])?;
    assert!(again.starts_with("Nothing new to import from"), "{again}");
    assert!(
        again.contains("60 rows match records already saved and were left as they are."),
        "{again}"
    );
    assert_eq!(sandbox.list()?.len(), 110);
    Ok(())
}

#[test]
fn a_lead_goes_through_the_whole_process_from_the_command_line() -> TestResult {
    let sandbox = Sandbox::new()?;
    let created = sandbox.ok(&[
        "new-lead",
        "--last-name",
        "Lee",
        "--first-name",
        "Ann",
        "--company",
        "Contoso",
        "--topic",
        "New printers",
        "--email",
        "ann@contoso.example",
        "--value",
        "12500",
    ])?;
    let lead = id_after(&created, "Created lead")?;
    assert_eq!(created, format!("Created lead {lead}.\n"));

    for step in ["summary", "customer_need", "stakeholders"] {
        let out = sandbox.ok(&["require", step])?;
        assert_eq!(out, format!("Step {step} is now required.\n"));
    }

    let refused = sandbox.fails(&["qualify", &lead])?;
    assert_eq!(
        refused,
        format!(
            "Fill in Capture summary before leaving Qualify. To fill it: \
             stride set-step {lead} summary VALUE"
        )
    );
    let refused = sandbox.fails(&["next", &lead])?;
    assert_eq!(refused, "Qualify this lead to move it on to Develop.");

    let saved = sandbox.ok(&["set-step", &lead, "summary", "Three printers"])?;
    assert_eq!(saved, format!("Step summary of record {lead} saved.\n"));
    sandbox.ok(&["set-step", &lead, "purchase_timeframe", "next quarter"])?;
    let shown = sandbox.show(&lead)?;
    let qualify_steps = &field(&shown, "stages")[0]["steps"];
    let value_of = |key: &str| {
        qualify_steps
            .as_array()
            .and_then(|steps| steps.iter().find(|s| s["key"] == key))
            .map(|s| s["value"].clone())
    };
    assert_eq!(value_of("summary"), Some(Value::from("Three printers")));
    assert_eq!(
        value_of("purchase_timeframe"),
        Some(Value::from("Next quarter"))
    );

    let qualified = sandbox.ok(&["qualify", &lead])?;
    let opportunity = id_after(&qualified, "qualified as opportunity")?;
    assert_eq!(
        qualified,
        format!("Lead {lead} qualified as opportunity {opportunity}.\n")
    );
    let again = sandbox.ok(&["qualify", &lead])?;
    assert_eq!(
        again,
        format!("Lead {lead} was already qualified as opportunity {opportunity}.\n")
    );
    let shown = sandbox.show(&opportunity)?;
    assert_eq!(field(&shown, "stage"), "Develop");
    assert_eq!(field(&shown, "probability"), 20);
    assert_eq!(field(&shown, "origin_lead").to_string(), lead);
    assert_eq!(field(&shown, "account"), "Contoso");
    assert_eq!(field(&shown, "contact"), "Ann Lee");

    let refused = sandbox.fails(&["next", &opportunity])?;
    assert_eq!(
        refused,
        format!(
            "Fill in Customer need and Identify stakeholders before leaving Develop. To fill \
             them: stride set-step {opportunity} customer_need VALUE; \
             stride set-step {opportunity} stakeholders VALUE"
        )
    );
    let refused = sandbox.fails(&["close", &opportunity, "won", "--revenue", "13000"])?;
    assert!(
        refused.ends_with(&format!(
            "To fill them: stride set-step {opportunity} customer_need VALUE; \
             stride set-step {opportunity} stakeholders VALUE"
        )),
        "{refused}"
    );
    sandbox.ok(&["set-step", &opportunity, "customer_need", "Faster printing"])?;
    let refused = sandbox.fails(&["next", &opportunity])?;
    assert_eq!(
        refused,
        format!(
            "Fill in Identify stakeholders before leaving Develop. To fill it: \
             stride set-step {opportunity} stakeholders VALUE"
        )
    );
    sandbox.ok(&["set-step", &opportunity, "stakeholders", "yes"])?;
    let moved = sandbox.ok(&["next", &opportunity])?;
    assert_eq!(moved, format!("Record {opportunity} is now in Propose.\n"));

    let closed = sandbox.ok(&[
        "close",
        &opportunity,
        "won",
        "--revenue",
        "13,000",
        "--date",
        "2026-11-30",
    ])?;
    assert_eq!(
        closed,
        format!("Opportunity {opportunity} closed as won.\n")
    );
    let shown = sandbox.show(&opportunity)?;
    assert_eq!(field(&shown, "status"), "won");
    assert_eq!(field(&shown, "probability"), 100);
    let refused = sandbox.fails(&["next", &opportunity])?;
    assert_eq!(
        refused,
        "Next stage is not possible while the opportunity is won. Reopen it first."
    );

    let unexplained = sandbox.fails(&["reopen", &opportunity])?;
    assert_eq!(
        unexplained,
        "Reopening needs a reason: add --reason TEXT saying why."
    );
    let reopened = sandbox.ok(&["reopen", &opportunity, "--reason", "they called back"])?;
    assert_eq!(
        reopened,
        format!("Opportunity {opportunity} is open again.\n")
    );
    let shown = sandbox.show(&opportunity)?;
    assert_eq!(field(&shown, "status"), "open");
    assert_eq!(field(&shown, "reason"), "in_progress");
    assert_eq!(field(&shown, "stage"), "Propose");
    assert_eq!(field(&shown, "probability"), 50);

    let back = sandbox.ok(&[
        "back",
        &opportunity,
        "--to",
        "develop",
        "--reason",
        "scope changed",
    ])?;
    assert_eq!(back, format!("Record {opportunity} is now in Develop.\n"));
    let lost = sandbox.ok(&[
        "close",
        &opportunity,
        "lost",
        "--reason",
        "canceled",
        "--competitor",
        "Fabrikam",
        "--date",
        "2026-03-31",
    ])?;
    assert_eq!(
        lost,
        format!("Opportunity {opportunity} closed as lost (Canceled).\n")
    );
    let shown = sandbox.show(&opportunity)?;
    assert_eq!(
        (field(&shown, "status"), field(&shown, "probability")),
        (&Value::from("lost"), &Value::from(0))
    );
    assert_eq!(shown["close"]["date"], "2026-03-31");
    assert_eq!(shown["close"]["competitor"], "Fabrikam");

    let mixed = sandbox.fails(&["close", &opportunity, "won", "--reason", "canceled"])?;
    assert!(
        mixed.contains("leave them out when closing as won"),
        "{mixed}"
    );
    Ok(())
}

#[test]
fn disqualifying_a_qualified_lead_fails_with_one_line() -> TestResult {
    let sandbox = Sandbox::new()?;
    let created = sandbox.ok(&["new-lead", "--company", "Northwind"])?;
    let lead = id_after(&created, "Created lead")?;
    sandbox.ok(&["qualify", &lead])?;

    let refused = sandbox.fails(&["disqualify", &lead, "lost"])?;
    assert_eq!(
        refused,
        "Disqualify is not possible while the lead is qualified. Work on its opportunity instead."
    );
    assert_eq!(field(&sandbox.show(&lead)?, "status"), "qualified");

    // An open lead disqualifies and reactivates.
    let other = id_after(
        &sandbox.ok(&["new-lead", "--last-name", "Ng"])?,
        "Created lead",
    )?;
    let out = sandbox.ok(&["disqualify", &other, "cannot-contact"])?;
    assert_eq!(
        out,
        format!("Lead {other} disqualified (Cannot contact).\n")
    );
    assert_eq!(field(&sandbox.show(&other)?, "reason"), "cannot_contact");
    let out = sandbox.ok(&["reactivate", &other])?;
    assert_eq!(out, format!("Lead {other} is open again.\n"));
    assert_eq!(field(&sandbox.show(&other)?, "status"), "open");

    let refused = sandbox.fails(&["disqualify", &other, "bored"])?;
    assert!(refused.contains("'bored'"), "{refused}");
    Ok(())
}

#[test]
fn an_unknown_id_fails_with_one_line() -> TestResult {
    let sandbox = Sandbox::new()?;
    sandbox.ok(&["new-lead", "--last-name", "Lee"])?;
    for args in [
        ["show", "999"].as_slice(),
        ["next", "999"].as_slice(),
        ["qualify", "999"].as_slice(),
        ["set-step", "999", "summary", "x"].as_slice(),
        ["reopen", "999", "--reason", "why"].as_slice(),
    ] {
        let message = sandbox.fails(args)?;
        assert_eq!(
            message, "There is no lead or opportunity with id 999.",
            "{args:?}"
        );
    }
    let message = sandbox.fails(&["set-step", "1", "no_such_step", "x"])?;
    assert_eq!(message, "The process has no step called 'no_such_step'.");
    Ok(())
}

#[test]
fn stride_db_in_the_environment_works_like_db() -> TestResult {
    let sandbox = Sandbox::new()?;
    let db = sandbox.db();

    let out = sandbox
        .bare()
        .env("STRIDE_DB", &db)
        .args(["new-lead", "--last-name", "Lee", "--company", "Contoso"])
        .output()?;
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(db.exists());

    let items = sandbox.list()?;
    assert_eq!(items.len(), 1);
    assert_eq!(field(&items[0], "company"), "Contoso");

    let listed = sandbox
        .bare()
        .env("STRIDE_DB", &db)
        .args(["list", "--json"])
        .output()?;
    let from_env: Value = serde_json::from_slice(&listed.stdout)?;
    assert_eq!(from_env, Value::Array(items));

    // --db wins over STRIDE_DB; neither touches the default data folder.
    let other = sandbox.path().join("other.db");
    let out = sandbox
        .bare()
        .env("STRIDE_DB", &other)
        .arg("--db")
        .arg(&db)
        .args(["list", "--json"])
        .output()?;
    let chosen: Value = serde_json::from_slice(&out.stdout)?;
    assert_eq!(chosen.as_array().map(Vec::len), Some(1));
    assert!(!other.exists());
    assert!(!sandbox.path().join("data").exists());
    Ok(())
}

#[test]
fn a_file_that_is_not_a_database_fails_with_one_line_and_is_unchanged() -> TestResult {
    let sandbox = Sandbox::new()?;
    let notes = sandbox.path().join("notes.txt");
    let text = "Call Ann on Monday about the printers.\n".repeat(20);
    std::fs::write(&notes, &text)?;

    let out = sandbox
        .bare()
        .arg("--db")
        .arg(&notes)
        .arg("list")
        .output()?;
    let message = one_line_failure(&out, &["list"])?;
    assert!(message.contains("is not a Stride database"), "{message}");
    assert_eq!(std::fs::read_to_string(&notes)?, text);
    Ok(())
}

#[test]
fn a_mistyped_database_path_is_reported_and_nothing_is_created() -> TestResult {
    let sandbox = Sandbox::new()?;
    let typo = sandbox.path().join("stirde.db");

    let out = sandbox.bare().arg("--db").arg(&typo).arg("list").output()?;
    let message = one_line_failure(&out, &["list"])?;
    assert!(message.starts_with("There is no database at "), "{message}");
    assert!(!typo.exists());

    let nested = sandbox.path().join("no-such-folder").join("stride.db");
    let out = sandbox
        .bare()
        .arg("--db")
        .arg(&nested)
        .args(["new-lead", "--last-name", "Ng"])
        .output()?;
    let message = one_line_failure(&out, &["new-lead"])?;
    assert!(
        message.contains("Check that the folder exists"),
        "{message}"
    );
    assert!(!sandbox.path().join("no-such-folder").exists());

    let bad_date = sandbox.fails(&["close", "1", "won", "--date", "2026-02-31"])?;
    assert_eq!(
        bad_date,
        "invalid value '2026-02-31' for '--date <DATE>': input is out of range \
         (see stride --help)"
    );

    let folder = sandbox.path();
    let out = sandbox
        .bare()
        .arg("--db")
        .arg(folder)
        .arg("list")
        .output()?;
    let message = one_line_failure(&out, &["list"])?;
    assert!(message.contains("it is a folder or a device"), "{message}");

    sandbox.ok(&["new-lead", "--last-name", "Ng"])?;
    assert_eq!(sandbox.list()?.len(), 1);
    Ok(())
}

#[test]
fn edit_lead_changes_only_the_fields_given() -> TestResult {
    let sandbox = Sandbox::new()?;
    let created = sandbox.ok(&["new-lead", "--last-name", "Ng", "--company", "Fabrikam"])?;
    let lead = id_after(&created, "Created lead")?;

    let saved = sandbox.ok(&["edit-lead", &lead, "--email", "ng@fabrikam.example"])?;
    assert_eq!(saved, format!("Lead {lead} saved.\n"));
    let shown = sandbox.show(&lead)?;
    assert_eq!(field(&shown, "email"), "ng@fabrikam.example");
    assert_eq!(field(&shown, "company"), "Fabrikam");

    let refused = sandbox.fails(&["edit-lead", &lead, "--email", "not an address"])?;
    assert_eq!(
        refused,
        "Please correct these fields: Email: Enter an e-mail address like name@example.com."
    );
    assert_eq!(field(&sandbox.show(&lead)?, "email"), "ng@fabrikam.example");
    Ok(())
}

#[test]
fn search_finds_by_words_and_filters_and_refuses_unknown_filters() -> TestResult {
    let sandbox = Sandbox::new()?;
    sandbox.ok(&[
        "new-lead",
        "--last-name",
        "Schmidt",
        "--company",
        "Alpine Ski",
        "--rating",
        "hot",
    ])?;
    sandbox.ok(&[
        "new-lead",
        "--last-name",
        "Smith",
        "--company",
        "Coho Winery",
    ])?;
    sandbox.ok(&[
        "new-lead",
        "--last-name",
        "Lang",
        "--company",
        "Alpine Dairy",
    ])?;

    let out = sandbox.ok(&["search", "alpine"])?;
    assert!(out.starts_with("2 records found."), "{out}");
    assert!(
        out.contains("Alpine Ski") && out.contains("Alpine Dairy"),
        "{out}"
    );
    assert!(!out.contains("Coho"), "{out}");

    let found: Value =
        serde_json::from_str(&sandbox.ok(&["search", "alp", "--rating", "hot", "--json"])?)?;
    assert_eq!(found["total"], 1);
    assert_eq!(found["records"][0]["company"], "Alpine Ski");

    let out = sandbox.ok(&["search", "s", "--limit", "1"])?;
    assert!(
        out.starts_with("2 records found; the first 1 are:"),
        "{out}"
    );
    assert_eq!(
        sandbox.ok(&["search", "nobody"])?.trim(),
        "No records found."
    );

    let message = sandbox.fails(&["search", "--status", "pending"])?;
    assert!(
        message.contains("open, qualified, disqualified, won, lost"),
        "{message}"
    );
    let message = sandbox.fails(&["search", "--stage", "negotiate"])?;
    assert!(
        message.contains("Qualify, Develop, Propose, Close"),
        "{message}"
    );
    Ok(())
}

#[test]
fn import_asks_for_the_date_order_previews_and_exports() -> TestResult {
    let sandbox = Sandbox::new()?;
    sandbox.ok(&["new-lead", "--last-name", "Seed"])?;
    let file = sandbox.path().join("dates.csv");
    std::fs::write(
        &file,
        "Topic;Last Name;Est. Close Date\nChairs;Berg;03/04/2025\nDesks;Lee;05/06/2025\n",
    )?;
    let file = file.to_string_lossy().to_string();

    let asked = sandbox.fails(&["import", &file])?;
    assert!(asked.contains("--dates dmy or --dates mdy"), "{asked}");
    assert!(asked.contains("line 2"), "{asked}");

    let before = std::fs::read(sandbox.db())?;
    let preview = sandbox.ok(&["import", &file, "--preview", "--dates", "dmy"])?;
    assert!(
        preview.starts_with("Preview only: nothing was saved."),
        "{preview}"
    );
    assert!(
        preview.contains("semicolon-separated, dates day/month/year"),
        "{preview}"
    );
    assert!(
        preview.contains("  Est. Close Date -> close date"),
        "{preview}"
    );
    assert!(preview.contains("Would import 2 leads"), "{preview}");
    assert_eq!(std::fs::read(sandbox.db())?, before);

    let done = sandbox.ok(&["import", &file, "--dates", "dmy"])?;
    assert!(done.starts_with("Imported 2 leads"), "{done}");
    let berg = sandbox.show("2")?;
    assert_eq!(
        berg["estimated_close"].as_str(),
        Some("2025-04-03"),
        "{berg}"
    );

    let out = sandbox.path().join("out.csv");
    let out = out.to_string_lossy().to_string();
    let exported = sandbox.ok(&["export", &out, "--view", "leads"])?;
    assert_eq!(exported, format!("Exported 3 records to {out}.\n"));
    let again = sandbox.ok(&["import", &out])?;
    assert!(again.starts_with("Nothing new to import"), "{again}");
    Ok(())
}

#[test]
fn a_pipe_or_a_folder_given_as_the_file_is_refused_at_once() -> TestResult {
    let sandbox = Sandbox::new()?;
    let pipe = sandbox.path().join("pipe.csv");
    assert!(Command::new("mkfifo").arg(&pipe).status()?.success());
    let pipe = pipe.to_string_lossy().to_string();
    let refused = sandbox.fails(&["import", &pipe])?;
    assert!(refused.ends_with("it is a pipe or a device, not a file; choose a CSV file"));

    let folder = sandbox.path().to_string_lossy().to_string();
    let refused = sandbox.fails(&["import", &folder, "--preview"])?;
    assert!(refused.ends_with("it is a folder, not a file; choose a CSV file"));
    Ok(())
}

#[test]
fn demo_fills_a_new_database_and_refuses_more_opportunities_than_leads(
) -> Result<(), Box<dyn Error>> {
    let sandbox = Sandbox::new()?;
    let said = sandbox.ok(&[
        "demo",
        "--leads",
        "40",
        "--opportunities",
        "12",
        "--seed",
        "9",
    ])?;
    assert!(
        said.starts_with("Added 40 leads and 12 opportunities"),
        "{said}"
    );
    assert_eq!(sandbox.list()?.len(), 52);

    let error = sandbox.fails(&["demo", "--leads", "3", "--opportunities", "4"])?;
    assert!(error.contains("at least 4 leads"), "{error}");
    assert_eq!(sandbox.list()?.len(), 52);
    Ok(())
}

#[test]
fn terminal_escapes_in_a_record_never_reach_the_terminal() -> TestResult {
    let sandbox = Sandbox::new()?;
    let created = sandbox.ok(&[
        "new-lead",
        "--last-name",
        "Esc\u{1b}[2J",
        "--company",
        "\u{1b}[31mREDCO\u{1b}[0m",
    ])?;
    let lead = id_after(&created, "Created lead")?;

    for args in [
        vec!["list", "--view", "leads"],
        vec!["search", "esc"],
        vec!["show", lead.as_str()],
    ] {
        let out = sandbox.ok(&args)?;
        assert!(out.contains("REDCO"), "{args:?}: {out}");
        assert!(
            !out.contains('\u{1b}'),
            "{args:?} printed an escape: {out:?}"
        );
    }
    Ok(())
}

#[test]
fn terminal_moves_without_a_reason_are_refused_with_the_reasons_to_choose() -> TestResult {
    let sandbox = Sandbox::new()?;
    let lead = id_after(
        &sandbox.ok(&["new-lead", "--company", "Northwind"])?,
        "Created lead",
    )?;
    let qualified = sandbox.ok(&["qualify", &lead])?;
    let opportunity = id_after(&qualified, "qualified as opportunity")?;
    let other = id_after(
        &sandbox.ok(&["new-lead", "--last-name", "Ng"])?,
        "Created lead",
    )?;

    let cases = [
        (
            vec!["close", opportunity.as_str(), "lost"],
            "Closing as lost needs a reason: add --reason with one of canceled (Canceled), \
             out-sold (Out-sold).",
            opportunity.as_str(),
        ),
        (
            vec!["disqualify", other.as_str()],
            "Disqualifying needs a reason: add one of lost (Lost), cannot-contact (Cannot \
             contact), no-longer-interested (No longer interested), canceled (Canceled) after \
             the lead id.",
            other.as_str(),
        ),
    ];
    for (args, message, id) in cases {
        assert_eq!(sandbox.fails(&args)?, message, "{args:?}");
        assert_eq!(field(&sandbox.show(id)?, "status"), "open", "{args:?}");
    }
    let lost = sandbox.ok(&["close", &opportunity, "lost", "--reason", "out-sold"])?;
    assert_eq!(
        lost,
        format!("Opportunity {opportunity} closed as lost (Out-sold).\n")
    );
    Ok(())
}
