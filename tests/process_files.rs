//! Process definitions as files and versions: a definition exported and imported again is the
//! same process; each kind of malformed file has its own error and changes nothing; a record
//! keeps the version it follows until it is switched.

use std::error::Error;
use std::path::{Path, PathBuf};

use stride::controller::{AppError, Controller, LeadForm, QualifyChoice};
use stride::process::{DefinitionError, ProcessDefinition, StepKind, StepValue};
use stride::process_file::{self, DefinitionFileError, Format};
use stride::store::{ListFilter, ProcessSummary};

mod cli_support;

use cli_support::in_process as stride;

type TestResult = Result<(), Box<dyn Error>>;

const DEFAULT: &str = "Lead to Opportunity Sales Process";

fn sample() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("assets/processes/small-deal.toml")
}

fn lead(controller: &Controller, topic: &str) -> Result<stride::process::RecordId, AppError> {
    controller.create_lead(&LeadForm {
        topic: topic.into(),
        last_name: "Ng".into(),
        company: "Fabrikam".into(),
        ..LeadForm::default()
    })
}

fn summary(controller: &Controller, name: &str, version: u32) -> Option<ProcessSummary> {
    controller
        .process_summaries()
        .ok()?
        .into_iter()
        .find(|s| s.name == name && s.version == version)
}

#[test]
fn the_sample_file_is_a_valid_three_stage_process() -> TestResult {
    let process = process_file::read(&sample())?;

    assert_eq!(process.name, "Small deal");
    assert_eq!(process.stages.len(), 3);
    assert_eq!(process.stages[0].target_days, Some(3));
    assert!(!process.stages[1].guidance.is_empty());
    assert!(process
        .step("seats")
        .is_some_and(|(_, s)| s.kind == StepKind::Number));
    Ok(())
}

#[test]
fn export_then_import_gives_the_same_process_in_both_formats() -> TestResult {
    let dir = tempfile::tempdir()?;
    let mut first = Controller::open(&dir.path().join("first.db"))?;
    let sample = sample().display().to_string();
    stride(&mut first, &["process", "import", &sample])?;
    let original = first.stored_process("Small deal")?;

    for name in ["small.toml", "small.json"] {
        let file = dir.path().join(name);
        let printed = stride(
            &mut first,
            &[
                "process",
                "export",
                "Small deal@1",
                &file.display().to_string(),
            ],
        )?;
        assert!(printed.contains("version 1"), "{printed}");

        let mut second = Controller::open(&dir.path().join(format!("{name}.db")))?;
        let printed = stride(
            &mut second,
            &["process", "import", &file.display().to_string()],
        )?;

        assert!(printed.contains("Small deal as version 1"), "{printed}");
        assert_eq!(
            second.stored_process("Small deal")?.definition,
            original.definition
        );
    }
    Ok(())
}

#[test]
fn export_never_writes_over_a_file() -> TestResult {
    let dir = tempfile::tempdir()?;
    let controller = Controller::open(&dir.path().join("stride.db"))?;
    let file = dir.path().join("taken.toml");
    std::fs::write(&file, "keep me")?;

    let error = controller
        .export_process(DEFAULT, &file)
        .err()
        .ok_or("overwrote")?;

    assert!(matches!(
        error,
        AppError::ProcessFile(DefinitionFileError::Exists { .. })
    ));
    assert_eq!(std::fs::read_to_string(&file)?, "keep me");
    Ok(())
}

/// The sample file with one line replaced, for a file broken in one known way.
fn sample_with(old: &str, new: &str) -> Result<String, Box<dyn Error>> {
    let text = std::fs::read_to_string(sample())?;
    if !text.contains(old) {
        return Err(format!("the sample has no {old:?}").into());
    }
    Ok(text.replacen(old, new, 1))
}

#[test]
fn each_kind_of_malformed_file_has_its_own_error_and_changes_nothing() -> TestResult {
    let dir = tempfile::tempdir()?;
    let mut controller = Controller::open(&dir.path().join("stride.db"))?;
    let before = controller.process_summaries()?;

    type Check = fn(&DefinitionFileError) -> bool;
    let cases: Vec<(&str, String, Check)> = vec![
        (
            "syntax.toml",
            sample_with("probability = 60", "probability = = 60")?,
            |e| matches!(e, DefinitionFileError::Syntax { at, .. } if at.line == 34),
        ),
        (
            "step-type.toml",
            sample_with("{ type = \"number\" }", "{ type = \"count\" }")?,
            |e| {
                matches!(e, DefinitionFileError::UnknownType { at, reason }
                if at.line == 23 && reason.contains("count"))
            },
        ),
        (
            "misspelt.toml",
            sample_with("required = true", "requried = true")?,
            |e| {
                matches!(e, DefinitionFileError::UnknownField { reason, .. }
                if reason.contains("requried"))
            },
        ),
        ("no-stages.toml", "name = \"Empty\"\n".to_string(), |e| {
            matches!(e, DefinitionFileError::MissingField { reason, .. }
                if reason.contains("stages"))
        }),
        (
            "text-probability.toml",
            sample_with("probability = 60", "probability = \"high\"")?,
            |e| matches!(e, DefinitionFileError::WrongValue { at, .. } if at.line == 34),
        ),
        (
            "probability.toml",
            sample_with("probability = 60", "probability = 150")?,
            |e| {
                matches!(
                    e,
                    DefinitionFileError::Invalid(DefinitionError::ProbabilityOver100 {
                        probability: 150,
                        ..
                    })
                )
            },
        ),
        (
            "duplicate.toml",
            sample_with("key = \"quote\"", "key = \"qualify\"")?,
            |e| {
                matches!(e, DefinitionFileError::Invalid(
                DefinitionError::DuplicateStageKey { key }) if key == "qualify")
            },
        ),
        (
            "long-stage-name.toml",
            sample_with(
                "name = \"Qualify\"",
                &format!("name = \"{}\"", "Q".repeat(300)),
            )?,
            |e| {
                matches!(
                    e,
                    DefinitionFileError::Invalid(DefinitionError::TooLong {
                        what: "stage",
                        length: 300,
                        max: 40,
                        ..
                    })
                )
            },
        ),
        (
            "long-step-label.toml",
            sample_with(
                "label = \"Number of seats\"",
                &format!("label = \"{}\"", "s".repeat(5000)),
            )?,
            |e| {
                matches!(e, DefinitionFileError::Invalid(DefinitionError::TooLong {
                    what: "step", key, field: "label", ..
                }) if key == "seats")
            },
        ),
        (
            "empty-stages.toml",
            "name = \"Empty\"\nstages = []\n".to_string(),
            |e| matches!(e, DefinitionFileError::Invalid(DefinitionError::NoStages)),
        ),
        (
            "syntax.json",
            "{\"name\": \"Broken\",\n \"stages\": [}\n".to_string(),
            |e| {
                matches!(e, DefinitionFileError::Syntax { format: "JSON", at, .. }
                if at.line == 2)
            },
        ),
        ("notes.txt", "name = \"Small deal\"\n".to_string(), |e| {
            matches!(e, DefinitionFileError::UnknownFormat { .. })
        }),
    ];

    for (name, text, check) in cases {
        let file = dir.path().join(name);
        std::fs::write(&file, text)?;

        let error = match controller.import_process(&file) {
            Ok(imported) => return Err(format!("{name} was imported: {imported:?}").into()),
            Err(AppError::ProcessFile(error)) => error,
            Err(other) => return Err(format!("{name}: {other}").into()),
        };

        assert!(check(&error), "{name}: {error}");
        assert!(!error.to_string().is_empty());
        assert_eq!(controller.process_summaries()?, before, "{name}");
    }
    Ok(())
}

#[test]
fn a_file_that_changes_nothing_is_refused() -> TestResult {
    let dir = tempfile::tempdir()?;
    let mut controller = Controller::open(&dir.path().join("stride.db"))?;
    let file = dir.path().join("default.toml");
    controller.export_process(DEFAULT, &file)?;

    let error = controller
        .import_process(&file)
        .err()
        .ok_or("imported twice")?;

    assert!(
        matches!(error, AppError::ProcessUnchanged { version: 1, .. }),
        "{error}"
    );
    assert_eq!(controller.process_summaries()?.len(), 1);
    Ok(())
}

/// The default process with one more step on Qualify, as a company would hand it out.
fn default_with_seats(dir: &Path) -> Result<PathBuf, Box<dyn Error>> {
    let mut process = ProcessDefinition::lead_to_opportunity();
    let mut seats = process.stages[0].steps[0].clone();
    seats.key = "seats".into();
    seats.label = "Number of seats".into();
    seats.kind = StepKind::Number;
    process.stages[0].steps.push(seats);
    let file = dir.join("default-v2.json");
    process_file::write(&process, &file)?;
    Ok(file)
}

#[test]
fn a_record_keeps_its_version_after_an_import_and_moves_by_switch() -> TestResult {
    let dir = tempfile::tempdir()?;
    let mut controller = Controller::open(&dir.path().join("stride.db"))?;
    let old = lead(&controller, "Forty seats")?;
    controller.set_step_text(old, "summary", "Wants forty seats")?;
    controller.set_step_text(old, "decision_maker", "yes")?;

    let printed = stride(
        &mut controller,
        &[
            "process",
            "import",
            &default_with_seats(dir.path())?.display().to_string(),
        ],
    )?;
    let new = lead(&controller, "Ten seats")?;

    assert!(printed.contains("as version 2"), "{printed}");
    assert_eq!(summary(&controller, DEFAULT, 1).map(|s| s.records), Some(1));
    assert_eq!(summary(&controller, DEFAULT, 2).map(|s| s.records), Some(1));
    assert!(controller.set_step_text(old, "seats", "40").is_err());
    controller.set_step_text(new, "seats", "10")?;

    stride(
        &mut controller,
        &["process", "switch", "1", "--to", DEFAULT],
    )?;

    assert_eq!(summary(&controller, DEFAULT, 2).map(|s| s.records), Some(2));
    controller.set_step_text(old, "seats", "40")?;
    let page = controller.page(old)?;
    assert_eq!(page.record.steps.get("seats"), Some(&StepValue::Number(40)));
    assert_eq!(
        page.record.steps.get("summary"),
        Some(&StepValue::Text("Wants forty seats".into()))
    );
    Ok(())
}

#[test]
fn switch_keeps_shared_steps_and_refuses_a_stage_the_target_lacks() -> TestResult {
    let dir = tempfile::tempdir()?;
    let mut controller = Controller::open(&dir.path().join("stride.db"))?;
    controller.import_process(&sample())?;
    let lead_id = lead(&controller, "Kiosks")?;
    controller.set_step_text(lead_id, "decision_maker", "yes")?;
    controller.set_step_text(lead_id, "summary", "Two kiosks")?;
    let opportunity = controller
        .qualify(lead_id, &Default::default())?
        .opportunity;

    let switched = controller.switch_process(lead_id, "Small deal")?;
    let refused = controller
        .switch_process(opportunity, "Small deal@1")
        .err()
        .ok_or("switched a record at a stage Small deal lacks")?;

    assert_eq!(
        (switched.name.as_str(), switched.version),
        ("Small deal", 1)
    );
    let steps = controller.page(lead_id)?.record.steps;
    assert_eq!(steps.get("decision_maker"), Some(&StepValue::Check(true)));
    assert_eq!(steps.get("summary"), None);
    assert!(refused.to_string().contains("develop"), "{refused}");
    assert!(matches!(refused, AppError::StageNotInProcess { .. }));
    assert!(controller.switch_process(opportunity, "No such@3").is_err());
    Ok(())
}

#[test]
fn a_record_on_another_version_moves_and_lists_by_that_version() -> TestResult {
    let dir = tempfile::tempdir()?;
    let mut controller = Controller::open(&dir.path().join("stride.db"))?;
    controller.import_process(&sample())?;
    let lead_id = lead(&controller, "Kiosks")?;
    controller.switch_process(lead_id, "Small deal")?;
    controller.set_step_text(lead_id, "decision_maker", "yes")?;

    let opportunity = controller
        .qualify(lead_id, &QualifyChoice::default())?
        .opportunity;

    let page = controller.page(opportunity)?;
    let names: Vec<&str> = page.stages.iter().map(|s| s.name.as_str()).collect();
    assert_eq!(names, ["Qualify", "Quote", "Close"]);
    assert_eq!(
        (page.record.stage.as_str(), page.record.probability),
        ("quote", 60)
    );
    let rows = controller.list(ListFilter::OpenOpportunities)?;
    let row = rows
        .iter()
        .find(|r| r.id == opportunity)
        .ok_or("not listed")?;
    assert_eq!(row.stage_name, "Quote");
    assert_eq!(
        summary(&controller, "Small deal", 1).map(|s| s.records),
        Some(2)
    );

    let refused = controller
        .next_stage(opportunity)
        .err()
        .ok_or("left Quote unsent")?;
    assert!(refused.to_string().contains("Send quote"), "{refused}");
    controller.set_step_text(opportunity, "quote_sent", "yes")?;
    controller.next_stage(opportunity)?;
    assert_eq!(controller.page(opportunity)?.record.stage, "close");
    Ok(())
}

/// Sets the cell under `header` in every data row of a CSV export.
fn fill_column(path: &Path, header: &str, value: &str) -> TestResult {
    let mut rows: Vec<Vec<String>> = csv::Reader::from_path(path)?
        .into_records()
        .map(|row| row.map(|r| r.iter().map(str::to_string).collect()))
        .collect::<Result<_, _>>()?;
    let headers: Vec<String> = csv::Reader::from_path(path)?
        .headers()?
        .iter()
        .map(|h| h.trim_start_matches('\u{feff}').to_string())
        .collect();
    let at = headers
        .iter()
        .position(|h| h == header)
        .ok_or("no such column")?;
    for row in &mut rows {
        row[at] = value.to_string();
    }

    std::fs::remove_file(path)?;
    let mut out = csv::Writer::from_path(path)?;
    out.write_record(&headers)?;
    for row in rows {
        out.write_record(&row)?;
    }
    out.flush()?;
    Ok(())
}

#[test]
fn an_edited_export_fills_only_steps_of_the_version_a_record_follows() -> TestResult {
    let dir = tempfile::tempdir()?;
    let mut controller = Controller::open(&dir.path().join("stride.db"))?;
    controller.import_process(&sample())?;
    let on_default = lead(&controller, "Forty seats")?;
    let on_small = lead(&controller, "Kiosks")?;
    controller.switch_process(on_small, "Small deal")?;
    let file = dir.path().join("leads.csv");
    controller.export(&file, ListFilter::All)?;

    fill_column(&file, "Capture summary", "Signed off")?;
    controller.import(&file)?;

    let summary_of = |id| -> Result<Option<StepValue>, AppError> {
        Ok(controller.page(id)?.record.steps.get("summary").cloned())
    };
    assert_eq!(
        summary_of(on_default)?,
        Some(StepValue::Text("Signed off".into()))
    );
    assert_eq!(summary_of(on_small)?, None);
    Ok(())
}

#[test]
fn list_shows_versions_stages_and_records() -> TestResult {
    let dir = tempfile::tempdir()?;
    let mut controller = Controller::open(&dir.path().join("stride.db"))?;
    lead(&controller, "Forty seats")?;
    controller.import_process(&sample())?;

    let printed = stride(&mut controller, &["process", "list"])?;

    let lines: Vec<&str> = printed.lines().collect();
    assert_eq!(lines.len(), 3, "{printed}");
    assert!(lines[1].starts_with(DEFAULT), "{printed}");
    assert!(lines[1].ends_with("1       4        1"), "{printed}");
    assert!(lines[2].starts_with("Small deal"), "{printed}");
    assert!(lines[2].ends_with("1       3        0"), "{printed}");
    Ok(())
}

#[test]
fn a_json_file_gives_the_same_process_as_its_toml() -> TestResult {
    let toml = process_file::read(&sample())?;
    let json = process_file::render(&toml, Format::Json)?;

    assert_eq!(process_file::parse(&json, Format::Json)?, toml);
    Ok(())
}

#[test]
fn a_new_lead_follows_the_process_it_is_created_on() -> TestResult {
    let dir = tempfile::tempdir()?;
    let mut controller = Controller::open(&dir.path().join("stride.db"))?;
    controller.import_process(&sample())?;

    let printed = stride(
        &mut controller,
        &["new-lead", "--last-name", "Ng", "--process", "Small deal"],
    )?;
    let refused = stride(
        &mut controller,
        &[
            "new-lead",
            "--last-name",
            "Ng",
            "--process",
            "No such process",
        ],
    )
    .err()
    .ok_or("a lead was created on a process that is not stored")?;
    let plain = lead(&controller, "Default")?;

    let id = printed
        .trim()
        .trim_start_matches("Created lead ")
        .trim_end_matches('.')
        .parse::<i64>()?;
    assert_eq!(
        summary(&controller, "Small deal", 1).map(|s| s.records),
        Some(1)
    );
    let page = controller.page(stride::process::RecordId(id))?;
    assert!(page.stages.iter().any(|stage| stage.key == "quote"));
    assert!(refused.to_string().contains("No such process"), "{refused}");
    let default = controller.page(plain)?;
    assert!(default.stages.iter().all(|stage| stage.key != "quote"));
    Ok(())
}
