//! What an import did, or a preview says it would do, in words for the user: counts, how
//! the file was read, where each column went, skipped rows and problems by line.

use std::fmt;
use std::path::PathBuf;

use crate::import::{ColumnUse, Reading, SkippedRow};
use crate::process::gates::check_gates;
use crate::process::{
    furthest_allowed, MissingStep, ProcessDefinition, ProcessError, Reason, Record, RecordKind,
    Status,
};

/// A record the import placed at an earlier stage than its row named, or kept open when its
/// row said won, because a required step on the way was empty; all its values were kept.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct HeldBack {
    /// The line of the row.
    pub line: usize,
    /// The record's title.
    pub title: String,
    /// Name of the stage the row named.
    pub wanted: String,
    /// Name of the stage it was placed at.
    pub placed: String,
    /// The empty required steps that hold it there.
    pub missing: Vec<MissingStep>,
    /// Whether the row said won, and the record was kept open instead: a deal is won only
    /// once every gate to the end of its path is passed, on import as in the app.
    pub kept_open: bool,
}

/// Places a record whose row names a stage past an empty required step at the furthest
/// stage its values allow, keeping every value; says what it did, or `None` when the record
/// may stay where its row put it.
pub(super) fn hold_back(
    process: &ProcessDefinition,
    record: &mut Record,
    line: usize,
) -> Option<HeldBack> {
    let (allowed, mut missing) = furthest_allowed(process, record);
    let won = record.status == Status::Won;
    if won && missing.is_empty() {
        let end = process.stages.len();
        if let Err(ProcessError::MissingSteps { steps, .. }) =
            check_gates(process, record, allowed, end)
        {
            missing = steps;
        }
    }
    if missing.is_empty() {
        return None;
    }

    let stage = process.stages.get(allowed)?;
    let wanted = process
        .stage(&record.stage)
        .map_or_else(|| record.stage.clone(), |s| s.name.clone());
    record.stage = stage.key.clone();
    if won {
        record.status = Status::Open;
        record.reason = Reason::InProgress;
        record.close = None;
    }
    if record.kind == RecordKind::Opportunity && record.status == Status::Open {
        record.probability = stage.probability;
    }
    Some(HeldBack {
        line,
        title: record.title(),
        wanted,
        placed: stage.name.clone(),
        missing,
        kept_open: won,
    })
}

impl fmt::Display for HeldBack {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let labels: Vec<&str> = self.missing.iter().map(|m| m.label.as_str()).collect();
        if self.kept_open {
            let won_at = if self.placed == self.wanted {
                String::new()
            } else {
                format!(" at {}", self.wanted)
            };
            return write!(
                f,
                "line {}: {} stays open at {} instead of won{won_at}; it misses {}",
                self.line,
                self.title,
                self.placed,
                labels.join(", ")
            );
        }
        write!(
            f,
            "line {}: {} stays at {} instead of {}; it misses {}",
            self.line,
            self.title,
            self.placed,
            self.wanted,
            labels.join(", ")
        )
    }
}

/// What an import did, for the user.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ImportReport {
    /// The file read.
    pub file: PathBuf,
    /// The export format recognised.
    pub format: String,
    /// New leads saved.
    pub leads: usize,
    /// New opportunities saved.
    pub opportunities: usize,
    /// New accounts saved.
    pub accounts: usize,
    /// Rows whose record was imported before and was left as it is.
    pub already_present: usize,
    /// Existing records changed by the rows of a Stride export.
    pub updated: usize,
    /// True when this is a preview: it says what an import would do, and nothing was saved.
    pub preview: bool,
    /// How the file was read: encoding, separator, date order, decimal mark.
    pub reading: Option<Reading>,
    /// Where each column goes.
    pub columns: Vec<ColumnUse>,
    /// Values that could not be used, by line, each kept as it was written.
    pub problems: Vec<SkippedRow>,
    /// Records imported before whose account this import could name at last.
    pub accounts_linked: usize,
    /// Rows not imported, with line and reason.
    pub skipped: Vec<SkippedRow>,
    /// Columns Stride has no field for; their values are kept with each record.
    pub unknown_columns: Vec<String>,
    /// Anything else worth knowing.
    pub notes: Vec<String>,
    /// Records placed at an earlier stage than their row named, and what they miss.
    pub held_back: Vec<HeldBack>,
}

impl ImportReport {
    /// One sentence saying what was added, e.g. "Imported 60 leads and 22 accounts"; a
    /// preview says "Would import ...".
    pub fn headline(&self) -> String {
        let mut parts: Vec<String> = [
            (self.leads, "lead", "leads"),
            (self.opportunities, "opportunity", "opportunities"),
            (self.accounts, "account", "accounts"),
        ]
        .into_iter()
        .filter(|(count, _, _)| *count > 0)
        .map(|(count, one, many)| counted(count, one, many))
        .collect();
        if self.updated > 0 {
            let verb = if self.preview { "update" } else { "updated" };
            parts.push(format!(
                "{verb} {}",
                counted(self.updated, "record", "records")
            ));
        }
        let verb = if self.preview {
            "Would import"
        } else {
            "Imported"
        };

        match parts.as_slice() {
            [] if self.preview => "Nothing new would be imported".to_owned(),
            [] => "Nothing new to import".to_owned(),
            [only] => format!("{verb} {only}"),
            [first @ .., last] => format!("{verb} {} and {last}", first.join(", ")),
        }
    }

    /// How many records the import adds or changes: the count its button names.
    pub fn records_written(&self) -> usize {
        self.leads + self.opportunities + self.updated
    }

    /// The preview's details: format, column mapping and problems, one line each.
    pub fn details(&self) -> Vec<String> {
        let mut lines = Vec::new();
        if let Some(reading) = &self.reading {
            let dates = reading
                .conventions
                .dates
                .map_or("no numeric dates".to_string(), |d| format!("dates {d}"));
            let decimal = reading
                .conventions
                .decimal
                .map_or("no amounts that need a decimal mark".to_string(), |d| {
                    d.to_string()
                });
            lines.push(format!(
                "{}: {}, {}-separated, {dates}, {decimal}.",
                self.format,
                reading.encoding,
                reading.separator_name()
            ));
        }
        for column in &self.columns {
            match &column.field {
                Some(field) => lines.push(format!("  {} -> {field}", column.header)),
                None => lines.push(format!("  {} -> kept as an extra field", column.header)),
            }
        }
        for problem in &self.problems {
            lines.push(format!("  line {}: {}", problem.line, problem.reason));
        }
        for held in &self.held_back {
            lines.push(format!("  {held}"));
        }
        lines
    }
}

/// "1 lead", "3 leads".
pub(super) fn counted(count: usize, one: &str, many: &str) -> String {
    format!("{count} {}", if count == 1 { one } else { many })
}

impl fmt::Display for ImportReport {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.preview {
            writeln!(f, "Preview only: nothing was saved.")?;
            for line in self.details() {
                writeln!(f, "{line}")?;
            }
        }
        writeln!(
            f,
            "{} from {} ({}).",
            self.headline(),
            self.file.display(),
            self.format
        )?;
        if self.already_present > 0 {
            writeln!(
                f,
                "{} records already saved and {} as they are.",
                counted(self.already_present, "row matches", "rows match"),
                if self.preview {
                    "would be left"
                } else {
                    "were left"
                }
            )?;
        }
        if self.accounts_linked > 0 {
            writeln!(
                f,
                "Filled in the company of {} imported before.",
                counted(self.accounts_linked, "record", "records")
            )?;
        }
        for note in &self.notes {
            writeln!(f, "{note}")?;
        }
        if !self.held_back.is_empty() {
            let verb = match (self.preview, self.held_back.len()) {
                (true, _) => "would be",
                (false, 1) => "was",
                (false, _) => "were",
            };
            writeln!(
                f,
                "{} {verb} placed at an earlier stage: a required step on the way is empty.",
                counted(self.held_back.len(), "record", "records")
            )?;
            for held in &self.held_back {
                writeln!(f, "  {held}")?;
            }
        }
        if !self.unknown_columns.is_empty() {
            writeln!(
                f,
                "Kept as extra fields ({} Stride has no field for): {}.",
                counted(self.unknown_columns.len(), "column", "columns"),
                self.unknown_columns.join(", ")
            )?;
        }
        if self.skipped.is_empty() {
            write!(f, "No rows were skipped.")
        } else {
            write!(f, "Skipped {}:", counted(self.skipped.len(), "row", "rows"))?;
            for row in &self.skipped {
                write!(f, "\n  line {}: {}", row.line, row.reason)?;
            }
            Ok(())
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn report(leads: usize, opportunities: usize, accounts: usize) -> ImportReport {
        ImportReport {
            leads,
            opportunities,
            accounts,
            ..ImportReport::default()
        }
    }

    #[test]
    fn headline_names_only_what_was_added_in_plain_plurals() {
        assert_eq!(
            report(60, 0, 22).headline(),
            "Imported 60 leads and 22 accounts"
        );
        assert_eq!(report(0, 1, 0).headline(), "Imported 1 opportunity");
        assert_eq!(
            report(1, 2, 1).headline(),
            "Imported 1 lead, 2 opportunities and 1 account"
        );
        assert_eq!(report(0, 0, 0).headline(), "Nothing new to import");
    }
}
