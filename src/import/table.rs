//! The CSV layer: splits text into a header and rows with their line numbers, and sets
//! aside rows whose number of values does not match the header.

use std::path::Path;

use tracing::debug;

use super::conventions::Conventions;
use super::text::Text;
use super::{ImportError, SkippedRow};

/// A file's header and rows, before any format gives the columns a meaning.
#[derive(Debug)]
pub(super) struct Table {
    /// The header names, trimmed.
    pub headers: Vec<String>,
    /// The rows with as many values as the header has columns.
    pub rows: Vec<RawRow>,
    /// Rows with a different number of values, which cannot be matched to the columns.
    pub skipped: Vec<SkippedRow>,
    /// How the file writes dates and amounts, once decided for the whole file.
    pub conventions: Conventions,
}

/// One row's values, in column order.
#[derive(Debug)]
pub(super) struct RawRow {
    /// The line the row starts on (the header is line 1).
    pub line: usize,
    /// One value per header column.
    pub values: Vec<String>,
}

/// The longest value a row may hold: room for a long note, but not for a whole file
/// swallowed by a stray quote, which no screen could show.
pub(super) const MAX_VALUE_CHARS: usize = 20_000;

/// Splits the text into header and rows; fails only when the CSV cannot be read at all.
pub(super) fn parse(path: &Path, text: &Text) -> Result<Table, ImportError> {
    let lines = LineIndex::new(&text.content);
    let malformed = |error: csv::Error| ImportError::Malformed {
        path: path.to_path_buf(),
        line: error
            .position()
            .map_or(1, |p| lines.line_at(p.byte()) as u64),
        message: error.to_string(),
    };
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .delimiter(text.delimiter)
        .from_reader(text.content.as_bytes());
    let mut records = reader.records();

    let header = records
        .next()
        .ok_or_else(|| ImportError::Empty(path.to_path_buf()))?;
    let headers: Vec<String> = header
        .map_err(malformed)?
        .iter()
        .map(|h| h.trim().to_string())
        .collect();

    let mut table = Table {
        headers,
        rows: Vec::new(),
        skipped: Vec::new(),
        conventions: Conventions::default(),
    };
    for record in records {
        let record = record.map_err(malformed)?;
        let line = record.position().map_or(0, |p| lines.line_at(p.byte()));
        let mut values: Vec<String> = record.iter().map(str::to_string).collect();

        if values.iter().all(|v| v.trim().is_empty()) {
            debug!(line, "skipping an empty row");
            continue;
        }

        let width = table.headers.len();
        if values.len() > width && values[width..].iter().all(|v| v.trim().is_empty()) {
            values.truncate(width);
        }
        if values.len() != width {
            let reason = format!(
                "it has {} values but the header has {width} columns; look for a stray \
                 separator or quote on this line",
                values.len()
            );
            table.skipped.push(SkippedRow { line, reason });
            continue;
        }
        if let Some(column) = values
            .iter()
            .position(|v| v.chars().count() > MAX_VALUE_CHARS)
        {
            let reason = format!(
                "its {} value is longer than {MAX_VALUE_CHARS} characters, more than any field \
                 holds; look for a quote that is never closed",
                table.headers[column]
            );
            table.skipped.push(SkippedRow { line, reason });
            continue;
        }
        table.rows.push(RawRow { line, values });
    }

    Ok(table)
}

/// Line numbers of byte offsets, counting `\n`, `\r\n` and a lone `\r` as line breaks.
///
/// The CSV reader's own line count goes wrong after blank lines and with `\r\n` endings
/// (rust-csv issue 395), and its record offset can point at the line break before the
/// record, so the record starts at the first byte after `offset` that is not a line break.
struct LineIndex<'t> {
    content: &'t [u8],
    starts: Vec<u64>,
}

impl<'t> LineIndex<'t> {
    fn new(content: &'t str) -> Self {
        let bytes = content.as_bytes();
        let mut starts = vec![0];
        for (at, &byte) in bytes.iter().enumerate() {
            let breaks = byte == b'\n' || (byte == b'\r' && bytes.get(at + 1) != Some(&b'\n'));
            if breaks {
                starts.push(at as u64 + 1);
            }
        }
        LineIndex {
            content: bytes,
            starts,
        }
    }

    /// The line (from 1) of the first byte at or after `offset` that is not a line break.
    fn line_at(&self, offset: u64) -> usize {
        let skipped = self
            .content
            .iter()
            .skip(usize::try_from(offset).unwrap_or(usize::MAX))
            .take_while(|b| matches!(b, b'\r' | b'\n'))
            .count();
        let start = offset + skipped as u64;
        self.starts
            .partition_point(|&line_start| line_start <= start)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn table(content: &str) -> Table {
        let text = Text {
            content: content.into(),
            delimiter: b',',
            unclosed_quote: None,
            notes: vec![],
            encoding: "UTF-8",
        };
        match parse(Path::new("test.csv"), &text) {
            Ok(table) => table,
            Err(error) => panic!("{error}"),
        }
    }

    #[test]
    fn rows_keep_the_line_they_start_on() {
        let t = table(" Id , Name\n1,\"two\nlines\"\n\n3,four\n");
        assert_eq!(t.headers, ["Id", "Name"]);
        let lines: Vec<_> = t.rows.iter().map(|r| r.line).collect();
        assert_eq!(lines, [2, 5]);
        assert_eq!(t.rows[0].values, ["1", "two\nlines"]);
    }

    #[test]
    fn rows_of_the_wrong_width_are_set_aside_and_blank_rows_dropped() {
        let t = table("a,b,c\n1,2\n,,\n1,2,3,4\n1,2,3,,\n5,6,7\n");
        let skipped: Vec<_> = t.skipped.iter().map(|s| s.line).collect();
        assert_eq!(skipped, [2, 4]);
        assert!(t.skipped[0]
            .reason
            .contains("2 values but the header has 3 columns"));
        let kept: Vec<_> = t.rows.iter().map(|r| r.line).collect();
        assert_eq!(kept, [5, 6]);
    }

    #[test]
    fn line_numbers_survive_blank_lines_and_every_line_ending() {
        for content in [
            "h\n1\n\n3\n\n\n6\n",
            "h\r\n1\r\n\r\n3\r\n\r\n\r\n6\r\n",
            "h\r1\r\r3\r\r\r6\r",
        ] {
            let lines: Vec<_> = table(content).rows.iter().map(|r| r.line).collect();
            assert_eq!(lines, [2, 4, 7], "{content:?}");
        }
        let lines: Vec<_> = table("h\r\n\"a\r\nb\"\r\n\r\n3\r\n")
            .rows
            .iter()
            .map(|r| r.line)
            .collect();
        assert_eq!(lines, [2, 5]);
    }

    #[test]
    fn a_value_longer_than_any_field_sets_its_row_aside() {
        let long = "x".repeat(MAX_VALUE_CHARS + 1);
        let fits = "y".repeat(MAX_VALUE_CHARS);
        let t = table(&format!("Name,Notes\na,{long}\nb,{fits}\n"));
        assert_eq!(t.rows.len(), 1);
        assert_eq!(t.skipped.len(), 1);
        assert_eq!(t.skipped[0].line, 2);
        assert!(t.skipped[0]
            .reason
            .starts_with("its Notes value is longer than 20000"));
    }

    #[test]
    fn no_rows_at_all_is_an_empty_file() {
        let text = Text {
            content: "\n\n".into(),
            delimiter: b',',
            unclosed_quote: None,
            notes: vec![],
            encoding: "UTF-8",
        };
        assert!(matches!(
            parse(Path::new("x.csv"), &text),
            Err(ImportError::Empty(_))
        ));
    }
}
