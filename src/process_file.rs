//! Process definitions as files a company hands to every device: TOML, or JSON when the file
//! name ends in `.json`. Reading checks the text, then its shape, then the process rules, and
//! says which line is wrong when a line is to blame.

use std::io::Write;
use std::path::{Path, PathBuf};

use crate::process::{DefinitionError, ProcessDefinition};

/// The two file formats a definition can be written in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    /// TOML, the format to edit by hand.
    Toml,
    /// JSON, for tools that make definitions.
    Json,
}

impl Format {
    /// The format a file name asks for, by its extension.
    pub fn of(path: &Path) -> Result<Self, DefinitionFileError> {
        let extension = path
            .extension()
            .and_then(|e| e.to_str())
            .unwrap_or_default();
        match extension.to_ascii_lowercase().as_str() {
            "toml" => Ok(Format::Toml),
            "json" => Ok(Format::Json),
            _ => Err(DefinitionFileError::UnknownFormat {
                path: path.to_path_buf(),
            }),
        }
    }
}

/// Where in a file a problem is, counted from 1.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Position {
    /// The line.
    pub line: usize,
    /// The column, in characters, when known.
    pub column: Option<usize>,
}

impl std::fmt::Display for Position {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self.column {
            Some(column) => write!(f, "line {}, column {column}", self.line),
            None => write!(f, "line {}", self.line),
        }
    }
}

/// Why a definition file could not be read or written; nothing was stored when one is
/// returned.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum DefinitionFileError {
    /// The file name ends in neither `.toml` nor `.json`.
    #[error("{}: name the file .toml or .json so Stride knows how to read it.", .path.display())]
    UnknownFormat {
        /// The file.
        path: PathBuf,
    },
    /// The file could not be opened or read.
    #[error("Cannot read {}: {source}", .path.display())]
    Read {
        /// The file.
        path: PathBuf,
        /// What the system said.
        source: std::io::Error,
    },
    /// The path names a folder, a pipe or a device, or a file far larger than any process.
    #[error(
        "{} is not a process file: give the path of a .toml or .json file under 1 MB.",
        .path.display()
    )]
    NotAFile {
        /// The path given.
        path: PathBuf,
    },
    /// The text is not TOML (or JSON) at all.
    #[error("Not valid {format} at {at}: {reason}")]
    Syntax {
        /// "TOML" or "JSON".
        format: &'static str,
        /// Where.
        at: Position,
        /// What the parser expected.
        reason: String,
    },
    /// A step type or record kind that Stride does not know.
    #[error("Unknown type at {at}: {reason}")]
    UnknownType {
        /// Where.
        at: Position,
        /// The name found and the names Stride knows.
        reason: String,
    },
    /// A field every process, stage or step must have is missing.
    #[error("Missing field at {at}: {reason}")]
    MissingField {
        /// Where the table lacking it is.
        at: Position,
        /// Which field.
        reason: String,
    },
    /// A field Stride does not know, often a misspelling.
    #[error("Unknown field at {at}: {reason}")]
    UnknownField {
        /// Where.
        at: Position,
        /// The field found and the fields Stride knows there.
        reason: String,
    },
    /// A value of the wrong kind, such as text where a number belongs.
    #[error("Wrong value at {at}: {reason}")]
    WrongValue {
        /// Where.
        at: Position,
        /// What was expected.
        reason: String,
    },
    /// The file reads as a process, but the process breaks a rule.
    #[error("The process in the file is not usable. {0}")]
    Invalid(#[from] DefinitionError),
    /// The definition could not be put into the file's format.
    #[error("Cannot write the process as a file: {0}")]
    Render(String),
    /// The file to write exists already.
    #[error("{} exists already: choose a new file name; Stride never overwrites.", .path.display())]
    Exists {
        /// The file.
        path: PathBuf,
    },
    /// The file could not be written.
    #[error("Cannot write {}: {source}", .path.display())]
    Write {
        /// The file.
        path: PathBuf,
        /// What the system said.
        source: std::io::Error,
    },
}

/// The largest process file read; a real process is a few kilobytes.
const MAX_BYTES: u64 = 1024 * 1024;

/// Reads and checks the definition in the file at `path`.
pub fn read(path: &Path) -> Result<ProcessDefinition, DefinitionFileError> {
    let format = Format::of(path)?;

    // Look before opening: opening a named pipe would wait for a writer forever.
    let read_error = |source| DefinitionFileError::Read {
        path: path.to_path_buf(),
        source,
    };
    let meta = std::fs::metadata(path).map_err(read_error)?;
    if !meta.is_file() || meta.len() > MAX_BYTES {
        return Err(DefinitionFileError::NotAFile {
            path: path.to_path_buf(),
        });
    }

    let text = std::fs::read_to_string(path).map_err(read_error)?;
    parse(&text, format)
}

/// Reads and checks a definition from the text of a file in `format`.
pub fn parse(text: &str, format: Format) -> Result<ProcessDefinition, DefinitionFileError> {
    let definition = match format {
        Format::Toml => parse_toml(text)?,
        Format::Json => parse_json(text)?,
    };
    definition.validate()?;
    Ok(definition)
}

/// The text of `definition` in `format`.
pub fn render(
    definition: &ProcessDefinition,
    format: Format,
) -> Result<String, DefinitionFileError> {
    let text = match format {
        Format::Toml => toml::to_string_pretty(definition).map_err(|e| e.to_string()),
        Format::Json => serde_json::to_string_pretty(definition).map_err(|e| e.to_string()),
    };
    text.map_err(DefinitionFileError::Render)
}

/// Writes `definition` to a new file at `path`, in the format its name asks for; an existing
/// file is refused and left as it is.
pub fn write(definition: &ProcessDefinition, path: &Path) -> Result<(), DefinitionFileError> {
    let text = render(definition, Format::of(path)?)?;
    let write_error = |source| DefinitionFileError::Write {
        path: path.to_path_buf(),
        source,
    };

    let mut file = match std::fs::OpenOptions::new()
        .write(true)
        .create_new(true)
        .open(path)
    {
        Ok(file) => file,
        Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => {
            return Err(DefinitionFileError::Exists {
                path: path.to_path_buf(),
            })
        }
        Err(e) => return Err(write_error(e)),
    };

    let written = file
        .write_all(text.as_bytes())
        .and_then(|()| file.sync_all());
    if let Err(e) = written {
        // A half-written definition must not be handed on; the file is ours, we just made it.
        drop(file);
        let _ = std::fs::remove_file(path);
        return Err(write_error(e));
    }
    Ok(())
}

fn parse_toml(text: &str) -> Result<ProcessDefinition, DefinitionFileError> {
    let at = |error: &toml::de::Error| {
        let offset = error.span().map_or(0, |span| span.start);
        position_of(text, offset)
    };
    if let Err(error) = toml::from_str::<toml::Table>(text) {
        return Err(DefinitionFileError::Syntax {
            format: "TOML",
            at: at(&error),
            reason: error.message().trim().to_string(),
        });
    }
    toml::from_str(text).map_err(|error| shape_error(at(&error), error.message()))
}

fn parse_json(text: &str) -> Result<ProcessDefinition, DefinitionFileError> {
    serde_json::from_str(text).map_err(|error| {
        let at = Position {
            line: error.line().max(1),
            column: Some(error.column().max(1)),
        };
        let full = error.to_string();
        let reason = full
            .rsplit_once(" at line ")
            .map_or(full.as_str(), |(r, _)| r);
        match error.classify() {
            serde_json::error::Category::Data => shape_error(at, reason),
            _ => DefinitionFileError::Syntax {
                format: "JSON",
                at,
                reason: reason.to_string(),
            },
        }
    })
}

/// Sorts a well-formed file's shape problem into its kind by serde's own wording.
fn shape_error(at: Position, message: &str) -> DefinitionFileError {
    let reason = message.trim().to_string();
    if reason.starts_with("unknown variant") {
        DefinitionFileError::UnknownType { at, reason }
    } else if reason.starts_with("missing field") {
        DefinitionFileError::MissingField { at, reason }
    } else if reason.starts_with("unknown field") {
        DefinitionFileError::UnknownField { at, reason }
    } else {
        DefinitionFileError::WrongValue { at, reason }
    }
}

/// The line and column of a byte offset into `text`.
fn position_of(text: &str, offset: usize) -> Position {
    let before = text.get(..offset.min(text.len())).unwrap_or(text);
    let line = before.matches('\n').count() + 1;
    let line_start = before.rfind('\n').map_or(0, |i| i + 1);
    let column = before
        .get(line_start..)
        .map_or(0, |rest| rest.chars().count())
        + 1;
    Position {
        line,
        column: Some(column),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[cfg(unix)]
    #[test]
    fn a_pipe_or_a_folder_is_refused_without_waiting() -> Result<(), Box<dyn std::error::Error>> {
        let dir = tempfile::tempdir()?;
        let pipe = dir.path().join("process.toml");
        let made = std::process::Command::new("mkfifo").arg(&pipe).status()?;
        let folder = dir.path().join("folder.json");
        std::fs::create_dir(&folder)?;

        let from_pipe = read(&pipe);
        let from_folder = read(&folder);

        assert!(made.success());
        assert!(matches!(
            from_pipe,
            Err(DefinitionFileError::NotAFile { .. })
        ));
        assert!(matches!(
            from_folder,
            Err(DefinitionFileError::NotAFile { .. })
        ));
        Ok(())
    }

    #[test]
    fn positions_count_lines_and_characters_from_one() {
        let text = "a = 1\nbé = x\n";
        assert_eq!(
            position_of(text, 0),
            Position {
                line: 1,
                column: Some(1)
            }
        );
        let offset = text.find('x').unwrap_or_default();
        assert_eq!(
            position_of(text, offset),
            Position {
                line: 2,
                column: Some(6)
            }
        );
    }

    #[test]
    fn the_format_comes_from_the_extension() {
        assert_eq!(Format::of(Path::new("a.TOML")).ok(), Some(Format::Toml));
        assert_eq!(Format::of(Path::new("a.json")).ok(), Some(Format::Json));
        assert!(matches!(
            Format::of(Path::new("a.txt")),
            Err(DefinitionFileError::UnknownFormat { .. })
        ));
    }

    #[test]
    fn both_formats_round_trip_the_built_in_process() -> Result<(), DefinitionFileError> {
        let mut process = ProcessDefinition::lead_to_opportunity();
        process.stages[1].guidance = "The need is written in the customer's words.".into();
        process.stages[1].target_days = Some(14);
        for format in [Format::Toml, Format::Json] {
            let text = render(&process, format)?;
            assert_eq!(parse(&text, format)?, process);
        }
        Ok(())
    }
}
