//! Why an import file could not be read at all; single bad rows are skipped, not errors.

use std::path::PathBuf;

/// A file that cannot be imported; nothing was saved.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum ImportError {
    /// The file cannot be opened or read.
    #[error("Cannot read {path}: {source}")]
    Read {
        /// The file.
        path: PathBuf,
        /// What the system said.
        source: std::io::Error,
    },
    /// The file holds no header row.
    #[error("{0} is empty: there is nothing to import.")]
    Empty(PathBuf),
    /// The header row matches no export Stride knows.
    #[error(
        "{path} does not look like a Salesforce or Dynamics 365 lead, opportunity or \
         account export (its first columns are: {columns})."
    )]
    UnknownFormat {
        /// The file.
        path: PathBuf,
        /// The first few header names, for the user to check.
        columns: String,
    },
    /// The file holds binary data (a spreadsheet, a UTF-16 text), not CSV text.
    #[error("{0} is not a CSV text file; save or export it as \"CSV UTF-8\" and import that.")]
    NotText(PathBuf),
    /// The file is larger than any export Stride reads.
    #[error(
        "{path} is {} MB, more than the {} MB Stride imports at once; \
         export fewer rows per file.",
        .bytes / 1_048_576,
        super::text::MAX_BYTES / 1_048_576
    )]
    TooLarge {
        /// The file.
        path: PathBuf,
        /// Its size in bytes.
        bytes: u64,
    },
    /// The sales process has no stage for the kind of record the file holds.
    #[error("The sales process has no {kind} stage to place imported {kind}s in; add one first.")]
    NoStage {
        /// "lead" or "opportunity".
        kind: &'static str,
    },
    /// Every date in the file could be day first or month first.
    #[error(
        "{path}: every date could be read day first or month first (the first is on line \
         {line}); choose the order: --dates dmy or --dates mdy."
    )]
    AmbiguousDates {
        /// The file.
        path: PathBuf,
        /// The first line with such a date.
        line: usize,
    },
    /// Every amount in the file could have a decimal point or a decimal comma.
    #[error(
        "{path}: every amount could be read with a decimal point or a decimal comma (the \
         first is on line {line}); choose the mark: --decimal point or --decimal comma."
    )]
    AmbiguousAmounts {
        /// The file.
        path: PathBuf,
        /// The first line with such an amount.
        line: usize,
    },
    /// The CSV itself is malformed.
    #[error("{path}, line {line}: {message}")]
    Malformed {
        /// The file.
        path: PathBuf,
        /// The line where reading failed.
        line: u64,
        /// What is wrong.
        message: String,
    },
}
