//! `stride search --overdue-in-stage` end to end on a temporary database: only open records
//! past the target of the process version they follow are listed.

use std::error::Error;

use serde_json::Value;

mod cli_support;

use cli_support::Sandbox;

type TestResult = Result<(), Box<dyn Error>>;

/// Ids and days in stage of what `search` lists with `extra` arguments.
fn found(sandbox: &Sandbox, extra: &[&str]) -> Result<Vec<(i64, i64)>, Box<dyn Error>> {
    let mut args = vec!["search", "--limit", "1000", "--json"];
    args.extend_from_slice(extra);
    if !extra.contains(&"--view") {
        args.extend_from_slice(&["--view", "all"]);
    }
    let json: Value = serde_json::from_str(&sandbox.ok(&args)?)?;
    let records = json["records"].as_array().ok_or("no records array")?;
    records
        .iter()
        .map(|r| {
            let id = r["id"].as_i64().ok_or("no id")?;
            let days = r["days_in_stage"].as_i64().ok_or("no days")?;
            Ok((id, days))
        })
        .collect()
}

#[test]
fn only_records_past_their_own_versions_target_are_overdue_in_stage() -> TestResult {
    let sandbox = Sandbox::new()?;
    sandbox.ok(&[
        "demo",
        "--leads",
        "6",
        "--opportunities",
        "0",
        "--seed",
        "4",
    ])?;
    // The built-in process sets no targets, so nothing is overdue in its stage.
    assert!(found(&sandbox, &["--overdue-in-stage"])?.is_empty());

    // Small deal's Qualify has a target of 3 days; one open lead (in Qualify, the built-in
    // process's only lead stage) moves onto it.
    let small = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/assets/processes/small-deal.toml"
    );
    sandbox.ok(&["process", "import", small])?;
    let open_leads = found(&sandbox, &["--view", "leads"])?;
    let (id, days) = *open_leads.first().ok_or("no open demo lead")?;
    sandbox.ok(&["process", "switch", &id.to_string(), "--to", "Small deal"])?;

    let overdue = found(&sandbox, &["--overdue-in-stage"])?;
    let expected = if days > 3 {
        vec![(id, days)]
    } else {
        Vec::new()
    };
    assert_eq!(overdue, expected, "lead {id} has {days} days in Qualify");
    Ok(())
}
