//! Turning a file's bytes into CSV text: size and folder checks, the byte-order mark, binary
//! files, Excel's Windows-1252 encoding, the separator, and quotes that are never closed.

use std::io;
use std::path::Path;

use super::ImportError;

/// Largest file read; CRM exports of a sales team are far smaller.
pub(super) const MAX_BYTES: u64 = 256 * 1024 * 1024;

/// The UTF-8 byte-order mark Salesforce writes at the start of every export.
const BOM: &[u8] = b"\xEF\xBB\xBF";

/// A file's content as text, ready for the CSV reader.
#[derive(Debug)]
pub(super) struct Text {
    /// The content, without a byte-order mark.
    pub content: String,
    /// The separator between values: comma, semicolon or tab.
    pub delimiter: u8,
    /// The line of a quote that opens a value and is never closed, if there is one.
    pub unclosed_quote: Option<u64>,
    /// Things the user should know about how the file was read.
    pub notes: Vec<String>,
}

/// Reads the file at `path` as CSV text.
pub(super) fn load(path: &Path) -> Result<Text, ImportError> {
    let read_error = |source| ImportError::Read {
        path: path.to_path_buf(),
        source,
    };
    let meta = std::fs::metadata(path).map_err(read_error)?;
    if meta.is_dir() {
        let folder = io::Error::new(
            io::ErrorKind::IsADirectory,
            "it is a folder; choose a CSV file",
        );
        return Err(read_error(folder));
    }
    if meta.len() > MAX_BYTES {
        return Err(ImportError::TooLarge {
            path: path.to_path_buf(),
            bytes: meta.len(),
        });
    }

    let bytes = std::fs::read(path).map_err(read_error)?;
    let bytes = bytes.strip_prefix(BOM).unwrap_or(&bytes);
    if bytes.iter().all(u8::is_ascii_whitespace) {
        return Err(ImportError::Empty(path.to_path_buf()));
    }
    if bytes.contains(&0) {
        return Err(ImportError::NotText(path.to_path_buf()));
    }

    let mut notes = Vec::new();
    let content = match std::str::from_utf8(bytes) {
        Ok(text) => text.to_string(),
        Err(_) => {
            notes.push(
                "The file is not UTF-8, so it was read as Windows-1252 (what Excel writes); \
                 check accented letters in names."
                    .to_string(),
            );
            // encoding_rs follows the WHATWG table, where the five bytes Windows-1252
            // leaves unassigned stay their Latin-1 control characters.
            let (text, _) = encoding_rs::WINDOWS_1252.decode_without_bom_handling(bytes);
            text.into_owned()
        }
    };

    let delimiter = guess_delimiter(&content);
    let unclosed_quote = unclosed_quote(&content, delimiter);
    Ok(Text {
        content,
        delimiter,
        unclosed_quote,
        notes,
    })
}

/// The separator used in the header line: whichever of comma, semicolon and tab occurs most
/// outside quotes; a comma when none does.
fn guess_delimiter(content: &str) -> u8 {
    let mut counts = [(b',', 0usize), (b';', 0), (b'\t', 0)];
    let mut quoted = false;

    for byte in content.bytes() {
        match byte {
            b'"' => quoted = !quoted,
            b'\n' | b'\r' if !quoted => break,
            _ if !quoted => {
                if let Some(entry) = counts.iter_mut().find(|(d, _)| *d == byte) {
                    entry.1 += 1;
                }
            }
            _ => {}
        }
    }

    counts
        .iter()
        .filter(|(_, n)| *n > 0)
        .max_by_key(|(_, n)| *n)
        .map_or(b',', |(d, _)| *d)
}

/// The line where a quoted value starts that runs to the end of the file.
///
/// The CSV reader takes such a value as the rest of the file without complaint, which would
/// import the following rows as one value. Quotes are read the way the CSV reader reads
/// them: a quote opens a value only at its start, and a doubled quote inside stays a quote.
fn unclosed_quote(content: &str, delimiter: u8) -> Option<u64> {
    let bytes = content.as_bytes();
    let mut line = 1;
    let mut opened_at = None;
    let mut at_field_start = true;
    let mut index = 0;

    while let Some(&byte) = bytes.get(index) {
        index += 1;
        if byte == b'\n' {
            line += 1;
        }
        if opened_at.is_some() {
            if byte == b'"' {
                if bytes.get(index) == Some(&b'"') {
                    index += 1;
                } else {
                    opened_at = None;
                }
            }
            continue;
        }
        at_field_start = match byte {
            b'"' if at_field_start => {
                opened_at = Some(line);
                false
            }
            b'\n' | b'\r' => true,
            _ => byte == delimiter,
        };
    }

    opened_at
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_separator_is_the_commonest_one_in_the_header() {
        assert_eq!(guess_delimiter("Id,Name,Amount\n1;2;3;4;5"), b',');
        assert_eq!(guess_delimiter("Topic;Last Name;Est. Value\r\nx,y"), b';');
        assert_eq!(guess_delimiter("Topic\tLast Name\n"), b'\t');
        assert_eq!(guess_delimiter("\"a;b;c\",d\n"), b',');
        assert_eq!(guess_delimiter("Name\n"), b',');
    }

    #[test]
    fn finds_a_quote_that_is_never_closed() {
        assert_eq!(unclosed_quote("a,b\n1,\"two\"\n3,\"x\"\"y\"\n", b','), None);
        assert_eq!(unclosed_quote("a,b\n1,\"two\n3,4\n", b','), Some(2));
        assert_eq!(
            unclosed_quote("a,b\n1,\"multi\nline\"\n3,\"open\n", b','),
            Some(4)
        );
        assert_eq!(unclosed_quote("a,b\n1,5\" screen\n", b','), None);
        assert_eq!(unclosed_quote("a;b\n1;\"x\n", b';'), Some(2));
        assert_eq!(unclosed_quote("a,b\r\n\"x\r\n", b','), Some(2));
    }
}
