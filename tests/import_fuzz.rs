//! Fuzzing the importer: arbitrary bytes and near-CSV text through reading and through a whole
//! import into a temporary database must give records or a plain error, never a panic.
//!
//! The default run is small to keep `cargo test` fast; set `STRIDE_FUZZ_CASES` (for example
//! to 20000) for a longer run. Inputs that once failed live in `tests/cases/` and are replayed
//! by `every_saved_case_gives_its_expected_outcome`.

use std::path::Path;

use chrono::{DateTime, TimeZone, Utc};
use proptest::prelude::*;
use proptest::test_runner::{Config, TestRunner};
use stride::controller::Controller;
use stride::import::{read_file_with, Choices, DateOrder, DecimalMark};
use stride::process::ProcessDefinition;

type TestResult = Result<(), Box<dyn std::error::Error>>;

fn cases() -> u32 {
    std::env::var("STRIDE_FUZZ_CASES")
        .ok()
        .and_then(|n| n.parse().ok())
        .unwrap_or(64)
}

fn now() -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2025, 3, 1, 12, 0, 0)
        .single()
        .unwrap_or_default()
}

/// Headers of every format Stride reads, so the near-CSV text reaches the format readers.
const HEADERS: [&str; 5] = [
    "Topic,First Name,Last Name,Company Name,Est. Value,Est. Close Date,Budget Amount,Status",
    "Id,LastName,FirstName,Company,Email,Status,IsConverted,CreatedDate",
    "Id,AccountId,Name,StageName,Amount,CloseDate,IsClosed,IsWon,Probability",
    "Id,Name,AccountNumber,BillingCity",
    "Stride Id,Kind,Topic,Last Name,Estimated Value,Estimated Close,Stage,Purchase timeframe",
];

/// Cells chosen to hit the readers' edges: dates both ways, amounts in both marks, quotes,
/// formula guards, ids, flags and odd characters.
fn cell() -> impl Strategy<Value = String> {
    prop_oneof![
        Just(String::new()),
        Just("03/04/2025".to_string()),
        Just("25/12/2025".to_string()),
        Just("12/25/2025 10:30".to_string()),
        Just("31.02.2025".to_string()),
        Just("1.234,56".to_string()),
        Just("1,234.56".to_string()),
        Just("1.234".to_string()),
        Just("'=1+1".to_string()),
        Just("\"quoted, with comma\"".to_string()),
        Just("\"open quote".to_string()),
        Just("O’Brien 😀".to_string()),
        Just("Closed Won".to_string()),
        Just("true".to_string()),
        Just("1".to_string()),
        Just("-99999999999999999999".to_string()),
        "[a-zA-Z0-9 ,;\t\"'\r\n.=+@/-]{0,12}",
        any::<String>(),
    ]
}

/// One row: usually as many cells as the header has columns, sometimes a few more or less.
fn row(width: usize) -> impl Strategy<Value = Vec<String>> {
    prop_oneof![
        4 => prop::collection::vec(cell(), width),
        1 => prop::collection::vec(cell(), 0..width + 3),
    ]
}

fn near_csv() -> impl Strategy<Value = Vec<u8>> {
    let separator = prop_oneof![Just(","), Just(";"), Just("\t")];
    let encoding = 0..4u8;
    prop::sample::select(HEADERS.to_vec())
        .prop_flat_map(move |header| {
            let width = header.split(',').count();
            (
                Just(header),
                separator.clone(),
                prop::collection::vec(row(width), 0..6),
                encoding.clone(),
            )
        })
        .prop_map(|(header, separator, rows, encoding)| {
            let mut text = header.replace(',', separator);
            for row in rows {
                text.push_str("\r\n");
                text.push_str(&row.join(separator));
            }
            match encoding {
                0 => text.into_bytes(),
                1 => [b"\xEF\xBB\xBF".as_slice(), text.as_bytes()].concat(),
                2 => text.encode_utf16().flat_map(u16::to_le_bytes).collect(),
                _ => {
                    let mut bytes = vec![0xFE, 0xFF];
                    bytes.extend(text.encode_utf16().flat_map(u16::to_be_bytes));
                    bytes
                }
            }
        })
}

fn choices() -> impl Strategy<Value = Choices> {
    let dates = prop::option::of(prop_oneof![
        Just(DateOrder::DayFirst),
        Just(DateOrder::MonthFirst)
    ]);
    let decimal = prop::option::of(prop_oneof![
        Just(DecimalMark::Point),
        Just(DecimalMark::Comma)
    ]);
    (dates, decimal).prop_map(|(dates, decimal)| Choices { dates, decimal })
}

/// Reads `bytes` as a file; the test fails only if reading panics, which proptest reports.
fn read(dir: &Path, bytes: &[u8], choices: Choices) -> Result<(), TestCaseError> {
    let path = dir.join("fuzz.csv");
    std::fs::write(&path, bytes).map_err(|e| TestCaseError::fail(e.to_string()))?;
    let process = ProcessDefinition::lead_to_opportunity();
    if let Err(error) = read_file_with(&path, &process, now(), choices) {
        let message = error.to_string();
        prop_assert!(
            !message.is_empty() && !message.contains(['\n', '\r']),
            "not a one-line message: {:?}",
            message
        );
    }
    Ok(())
}

#[test]
fn arbitrary_bytes_are_read_or_refused() -> TestResult {
    let dir = tempfile::tempdir()?;
    let mut runner = TestRunner::new(Config::with_cases(cases()));
    let bytes = prop::collection::vec(any::<u8>(), 0..512);
    runner.run(&(bytes, choices()), |(bytes, choices)| {
        read(dir.path(), &bytes, choices)
    })?;
    Ok(())
}

#[test]
fn near_csv_text_is_read_or_refused() -> TestResult {
    let dir = tempfile::tempdir()?;
    let mut runner = TestRunner::new(Config::with_cases(cases()));
    runner.run(&(near_csv(), choices()), |(bytes, choices)| {
        read(dir.path(), &bytes, choices)
    })?;
    Ok(())
}

#[test]
fn whole_imports_save_or_refuse_and_previews_agree() -> TestResult {
    let dir = tempfile::tempdir()?;
    let controller = Controller::open(&dir.path().join("fuzz.db"))?;
    let file = dir.path().join("import.csv");
    let mut runner = TestRunner::new(Config::with_cases(cases() / 2 + 1));
    runner.run(&(near_csv(), choices()), |(bytes, choices)| {
        std::fs::write(&file, &bytes).map_err(|e| TestCaseError::fail(e.to_string()))?;
        let preview = controller.preview_import(&file, choices);
        let report = controller.import_with(&file, choices, &mut |_, _| {});
        match (preview, report) {
            (Ok(preview), Ok(report)) => {
                prop_assert_eq!(preview.leads, report.leads);
                prop_assert_eq!(preview.opportunities, report.opportunities);
                prop_assert_eq!(preview.updated, report.updated);
            }
            (Err(preview), Err(report)) => {
                prop_assert_eq!(preview.to_string(), report.to_string());
            }
            (preview, report) => {
                return Err(TestCaseError::fail(format!(
                    "preview {preview:?} and import {report:?} disagree"
                )));
            }
        }
        Ok(())
    })?;
    Ok(())
}

#[test]
fn every_saved_case_gives_its_expected_outcome() -> TestResult {
    let folder = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/cases");
    let mut seen = 0;
    for entry in std::fs::read_dir(&folder)? {
        let path = entry?.path();
        if path
            .extension()
            .is_some_and(|e| e == "md" || e == "expected")
        {
            continue;
        }
        seen += 1;
        let expected = std::fs::read_to_string(path.with_extension("expected"))?;
        let dir = tempfile::tempdir()?;
        let controller = Controller::open(&dir.path().join("case.db"))?;
        let outcome = |result: Result<stride::controller::ImportReport, _>| match result {
            Ok(report) => report.to_string(),
            Err(error) => format!("{error}"),
        };
        let previewed = outcome(controller.preview_import(&path, Choices::default()));
        let imported = outcome(controller.import(&path));
        for text in [&previewed, &imported] {
            assert!(
                text.contains(expected.trim_end()),
                "{}: expected {expected:?} in {text:?}",
                path.display()
            );
        }
    }
    assert!(seen >= 7, "only {seen} cases in {}", folder.display());
    Ok(())
}
