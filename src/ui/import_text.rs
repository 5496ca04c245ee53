//! An import's report in the window's language. The controller writes its report in English
//! for the command line; the window rebuilds each sentence here from the report's numbers and
//! names, looked up in the catalog with plural forms where a count is shown.

use crate::controller::{HeldBack, ImportReport};
use crate::i18n::{tr, tr_count, tr_count_with, tr_with};
use crate::import::{DateOrder, DecimalMark, Reading};

/// What the import result sheet shows.
pub(super) struct ReportText {
    /// What was added or changed, as a sentence.
    pub headline: String,
    /// The file and the format it was read as.
    pub source: String,
    /// Matches, notes, held-back records, problems and extra columns, one line each.
    pub details: Vec<String>,
    /// "No rows were skipped." or "Skipped 3 rows:".
    pub skipped_title: String,
    /// The skipped rows, one line each.
    pub skipped: Vec<String>,
}

/// A count as the catalog takes it.
fn n(count: usize) -> i64 {
    i64::try_from(count).unwrap_or(i64::MAX)
}

/// One sentence saying what the import adds and changes, or would in a preview, e.g.
/// "Imported 60 leads and 22 accounts.".
pub(super) fn headline(report: &ImportReport) -> String {
    let counted = |count: usize, text: fn(i64) -> String| (count > 0).then(|| text(n(count)));
    let added: Vec<String> = [
        counted(report.leads, |c| tr_count("{n} lead", "{n} leads", c)),
        counted(report.opportunities, |c| {
            tr_count("{n} opportunity", "{n} opportunities", c)
        }),
        counted(report.accounts, |c| {
            tr_count("{n} account", "{n} accounts", c)
        }),
    ]
    .into_iter()
    .flatten()
    .collect();
    let added = match added.as_slice() {
        [] => None,
        [only] => Some(only.clone()),
        [first @ .., last] => Some(tr_with("{} and {}", &[&first.join(", "), last])),
    };
    let updated =
        (report.updated > 0).then(|| tr_count("{n} record", "{n} records", n(report.updated)));
    match (report.preview, added, updated) {
        (true, Some(a), Some(u)) => tr_with("Would import {} and update {}.", &[&a, &u]),
        (true, Some(a), None) => tr_with("Would import {}.", &[&a]),
        (true, None, Some(u)) => tr_with("Would update {}.", &[&u]),
        (true, None, None) => tr("Nothing new would be imported."),
        (false, Some(a), Some(u)) => tr_with("Imported {} and updated {}.", &[&a, &u]),
        (false, Some(a), None) => tr_with("Imported {}.", &[&a]),
        (false, None, Some(u)) => tr_with("Updated {}.", &[&u]),
        (false, None, None) => tr("Nothing new to import."),
    }
}

/// The preview: the headline, how the file was read, where each column goes, and what will
/// be held back or skipped.
pub(super) fn preview_lines(report: &ImportReport) -> Vec<String> {
    let mut lines = vec![headline(report)];
    if let Some(reading) = &report.reading {
        lines.push(reading_line(&report.format, reading));
    }
    for column in &report.columns {
        lines.push(match &column.field {
            Some(field) => format!("  {} -> {}", column.header, tr(field)),
            None => format!(
                "  {}",
                tr_with("{} -> kept as an extra field", &[&column.header])
            ),
        });
    }
    for problem in &report.problems {
        let line = problem.line.to_string();
        lines.push(format!(
            "  {}",
            tr_with("line {}: {}", &[&line, &tr(&problem.reason)])
        ));
    }
    for held in &report.held_back {
        lines.push(format!("  {}", held_text(held)));
    }
    lines.extend(report.skipped.iter().map(|row| {
        let line = row.line.to_string();
        tr_with("Line {} will be skipped: {}", &[&line, &tr(&row.reason)])
    }));
    lines
}

/// "Salesforce: UTF-8, comma-separated, dates day/month/year, decimal point (1,234.56).".
fn reading_line(format: &str, reading: &Reading) -> String {
    let separator = match reading.separator_name() {
        "semicolon" => tr("semicolon-separated"),
        "tab" => tr("tab-separated"),
        _ => tr("comma-separated"),
    };
    let dates = match reading.conventions.dates {
        Some(DateOrder::DayFirst) => tr("dates day/month/year"),
        Some(DateOrder::MonthFirst) => tr("dates month/day/year"),
        None => tr("no numeric dates"),
    };
    let decimal = match reading.conventions.decimal {
        Some(DecimalMark::Point) => tr("decimal point (1,234.56)"),
        Some(DecimalMark::Comma) => tr("decimal comma (1.234,56)"),
        None => tr("no amounts that need a decimal mark"),
    };
    format!(
        "{format}: {}, {separator}, {dates}, {decimal}.",
        reading.encoding
    )
}

/// "line 4: Ann Lee stays at Qualify instead of Develop; it misses Budget".
fn held_text(held: &HeldBack) -> String {
    let labels: Vec<&str> = held.missing.iter().map(|m| m.label.as_str()).collect();
    tr_with(
        "line {}: {} stays at {} instead of {}; it misses {}",
        &[
            &held.line.to_string(),
            &held.title,
            &held.placed,
            &held.wanted,
            &labels.join(", "),
        ],
    )
}

/// The label of the button that runs the previewed import: "Import 3 records".
pub(super) fn action(report: &ImportReport) -> String {
    let count = n(report.records_written());
    tr_count("Import {n} record", "Import {n} records", count)
}

/// The import's progress: "Saving… 200 of 1000 rows".
pub(super) fn progress(done: usize, total: usize) -> String {
    let done = done.to_string();
    tr_count_with(
        "Saving… {} of {n} row",
        "Saving… {} of {n} rows",
        n(total),
        &[&done],
    )
}

/// The result sheet's text for a finished import.
pub(super) fn report_text(report: &ImportReport) -> ReportText {
    let mut details = Vec::new();
    if report.already_present > 0 {
        details.push(tr_count(
            "{n} row matches a record already saved and left as it is.",
            "{n} rows match records already saved and left as they are.",
            n(report.already_present),
        ));
    }
    details.extend(report.notes.iter().map(|note| tr(note)));
    details.extend(
        report
            .held_back
            .iter()
            .map(|held| tr_with("Held back: {}.", &[&held_text(held)])),
    );
    details.extend(
        report
            .problems
            .iter()
            .map(|row| tr_with("Line {}: {}", &[&row.line.to_string(), &tr(&row.reason)])),
    );
    if !report.unknown_columns.is_empty() {
        details.push(tr_count_with(
            "Kept as extra fields ({n} column Stride has no field for): {}.",
            "Kept as extra fields ({n} columns Stride has no field for): {}.",
            n(report.unknown_columns.len()),
            &[&report.unknown_columns.join(", ")],
        ));
    }
    let skipped_title = if report.skipped.is_empty() {
        tr("No rows were skipped.")
    } else {
        tr_count(
            "Skipped {n} row:",
            "Skipped {n} rows:",
            n(report.skipped.len()),
        )
    };
    let skipped = report
        .skipped
        .iter()
        .map(|row| tr_with("Line {}: {}", &[&row.line.to_string(), &tr(&row.reason)]))
        .collect();
    ReportText {
        headline: headline(report),
        source: tr_with(
            "From {} ({}).",
            &[&report.file.display().to_string(), &report.format],
        ),
        details,
        skipped_title,
        skipped,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::i18n::{set_current, Language};

    fn report(leads: usize, opportunities: usize, updated: usize, preview: bool) -> ImportReport {
        ImportReport {
            leads,
            opportunities,
            updated,
            preview,
            ..ImportReport::default()
        }
    }

    #[test]
    fn english_headlines_read_as_the_command_line_writes_them() {
        set_current(Language::English);
        for case in [
            report(60, 0, 0, false),
            report(1, 2, 0, true),
            report(0, 0, 0, true),
        ] {
            assert_eq!(headline(&case), format!("{}.", case.headline()));
        }
        assert_eq!(headline(&report(0, 0, 2, true)), "Would update 2 records.");
        assert_eq!(
            headline(&report(3, 0, 1, false)),
            "Imported 3 leads and updated 1 record."
        );
    }

    #[test]
    fn german_headlines_use_german_plurals() {
        set_current(Language::German);
        assert_eq!(
            headline(&report(1, 2, 0, true)),
            "Würde 1 Lead und 2 Verkaufschancen importieren."
        );
        assert_eq!(
            headline(&report(0, 1, 3, false)),
            "1 Verkaufschance importiert und 3 Datensätze aktualisiert."
        );
        assert_eq!(progress(5, 1), "Speichern … 5 von 1 Zeile");
        assert_eq!(progress(200, 1000), "Speichern … 200 von 1000 Zeilen");
        set_current(Language::English);
    }
}
