//! Turning a file's bytes into CSV text: file type and size checks, the byte-order mark,
//! UTF-8, UTF-16 (Excel's "Unicode text") and Windows-1252, binary files, the separator, and
//! quotes that are never closed.

use std::fs::File;
use std::io::{self, Read};
use std::path::Path;

use encoding_rs::{Encoding, UTF_16BE, UTF_16LE};

use super::ImportError;

/// Largest file read; CRM exports of a sales team are far smaller, and a file this size
/// still fits in memory several times over while it is read.
pub(super) const MAX_BYTES: u64 = 128 * 1024 * 1024;

/// The UTF-8 byte-order mark Salesforce writes at the start of every export.
const BOM: &[u8] = b"\xEF\xBB\xBF";

/// How many bytes from the start are looked at to recognise UTF-16 without a byte-order mark.
const SNIFF_BYTES: usize = 4096;

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
    /// The character encoding the file was read in, as the user knows it.
    pub encoding: &'static str,
}

/// Reads the file at `path` as CSV text.
///
/// The file type is checked before the file is opened, so a pipe or a device never blocks
/// the reader, and a file larger than [`MAX_BYTES`] is refused before it is read.
pub(super) fn load(path: &Path) -> Result<Text, ImportError> {
    let bytes = read_bytes(path)?;
    let (content, encoding, notes) = decode(path, &bytes)?;
    if content.trim().is_empty() {
        return Err(ImportError::Empty(path.to_path_buf()));
    }

    let delimiter = guess_delimiter(&content);
    let unclosed_quote = unclosed_quote(&content, delimiter);
    Ok(Text {
        content,
        delimiter,
        unclosed_quote,
        notes,
        encoding,
    })
}

/// The bytes of a regular file no larger than [`MAX_BYTES`].
fn read_bytes(path: &Path) -> Result<Vec<u8>, ImportError> {
    let read_error = |source| ImportError::Read {
        path: path.to_path_buf(),
        source,
    };
    let not_a_file = |what: &str| {
        read_error(io::Error::new(
            io::ErrorKind::InvalidInput,
            format!("it is {what}, not a file; choose a CSV file"),
        ))
    };
    let too_large = |bytes| ImportError::TooLarge {
        path: path.to_path_buf(),
        bytes,
    };

    let meta = std::fs::metadata(path).map_err(read_error)?;
    if meta.is_dir() {
        return Err(not_a_file("a folder"));
    }
    if !meta.is_file() {
        return Err(not_a_file("a pipe or a device"));
    }
    if meta.len() > MAX_BYTES {
        return Err(too_large(meta.len()));
    }

    let file = File::open(path).map_err(read_error)?;
    let mut bytes = Vec::with_capacity(usize::try_from(meta.len()).unwrap_or(0));
    // The file may have grown since it was measured; read one byte past the limit to tell.
    file.take(MAX_BYTES + 1)
        .read_to_end(&mut bytes)
        .map_err(read_error)?;
    if bytes.len() as u64 > MAX_BYTES {
        return Err(too_large(bytes.len() as u64));
    }
    Ok(bytes)
}

/// The text of the bytes, the encoding's name, and notes on how it was chosen.
fn decode(path: &Path, bytes: &[u8]) -> Result<(String, &'static str, Vec<String>), ImportError> {
    let mut notes = Vec::new();

    if let Some(rest) = bytes.strip_prefix(BOM) {
        let text = std::str::from_utf8(rest).map_err(|_| ImportError::NotText(path.into()))?;
        return checked(path, text.to_string(), "UTF-8", notes);
    }
    if let Some((encoding, skip)) = Encoding::for_bom(bytes) {
        return utf16(path, encoding, &bytes[skip..], notes);
    }
    if let Some(encoding) = utf16_without_bom(bytes) {
        return utf16(path, encoding, bytes, notes);
    }
    if bytes.contains(&0) {
        return Err(ImportError::NotText(path.to_path_buf()));
    }

    match std::str::from_utf8(bytes) {
        Ok(text) => checked(path, text.to_string(), "UTF-8", notes),
        Err(_) => {
            notes.push(
                "The file is not UTF-8, so it was read as Windows-1252 (what Excel writes); \
                 check accented letters in names."
                    .to_string(),
            );
            // encoding_rs follows the WHATWG table, where the five bytes Windows-1252
            // leaves unassigned stay their Latin-1 control characters.
            let (text, _) = encoding_rs::WINDOWS_1252.decode_without_bom_handling(bytes);
            checked(path, text.into_owned(), "Windows-1252", notes)
        }
    }
}

/// Decodes UTF-16; text that is not valid UTF-16 is refused rather than garbled.
fn utf16(
    path: &Path,
    encoding: &'static Encoding,
    bytes: &[u8],
    notes: Vec<String>,
) -> Result<(String, &'static str, Vec<String>), ImportError> {
    let (text, had_errors) = encoding.decode_without_bom_handling(bytes);
    if had_errors || bytes.len() % 2 != 0 {
        return Err(ImportError::NotText(path.to_path_buf()));
    }
    let name = if encoding == UTF_16LE {
        "UTF-16 LE"
    } else {
        "UTF-16 BE"
    };
    checked(path, text.into_owned(), name, notes)
}

/// Refuses text holding NUL characters, which no CSV export writes.
fn checked(
    path: &Path,
    text: String,
    encoding: &'static str,
    notes: Vec<String>,
) -> Result<(String, &'static str, Vec<String>), ImportError> {
    if text.contains('\0') {
        return Err(ImportError::NotText(path.to_path_buf()));
    }
    Ok((text, encoding, notes))
}

/// UTF-16 without a byte-order mark: most characters of a CSV file are ASCII, so in UTF-16
/// every other byte is zero, the odd ones in little-endian and the even ones in big-endian.
fn utf16_without_bom(bytes: &[u8]) -> Option<&'static Encoding> {
    let head = &bytes[..bytes.len().min(SNIFF_BYTES)];
    if head.len() < 4 {
        return None;
    }
    let pairs = head.len() / 2;
    let zero_at = |parity: usize| {
        head.chunks_exact(2)
            .filter(|pair| pair[parity] == 0)
            .count()
    };
    let (even, odd) = (zero_at(0), zero_at(1));
    let mostly = |n: usize| n * 10 >= pairs * 6;
    let rarely = |n: usize| n * 10 <= pairs;

    if mostly(odd) && rarely(even) {
        Some(UTF_16LE)
    } else if mostly(even) && rarely(odd) {
        Some(UTF_16BE)
    } else {
        None
    }
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

    fn utf16(text: &str, big_endian: bool, bom: bool) -> Vec<u8> {
        let mut units: Vec<u16> = Vec::new();
        if bom {
            units.push(0xFEFF);
        }
        units.extend(text.encode_utf16());
        units
            .iter()
            .flat_map(|u| {
                if big_endian {
                    u.to_be_bytes()
                } else {
                    u.to_le_bytes()
                }
            })
            .collect()
    }

    #[test]
    fn reads_utf16_in_both_byte_orders_with_or_without_a_mark() {
        let text = "Topic\tLast Name\nStühle\tO’Brien 😀\n";
        for (big_endian, bom, name) in [
            (false, true, "UTF-16 LE"),
            (true, true, "UTF-16 BE"),
            (false, false, "UTF-16 LE"),
            (true, false, "UTF-16 BE"),
        ] {
            let bytes = utf16(text, big_endian, bom);
            let (content, encoding, _) = match decode(Path::new("x.txt"), &bytes) {
                Ok(decoded) => decoded,
                Err(error) => panic!("{name} {bom}: {error}"),
            };
            assert_eq!((content.as_str(), encoding), (text, name));
        }
    }

    #[test]
    fn refuses_broken_utf16_and_binary_data() {
        let mut odd = utf16("Topic\tLast Name\n", false, true);
        odd.push(b'x');
        assert!(matches!(
            decode(Path::new("x"), &odd),
            Err(ImportError::NotText(_))
        ));
        let lone_surrogate = [0xFF, 0xFE, b'a', 0, 0x00, 0xD8, b'b', 0];
        assert!(matches!(
            decode(Path::new("x"), &lone_surrogate),
            Err(ImportError::NotText(_))
        ));
        assert!(matches!(
            decode(Path::new("x"), b"PK\x03\x04\x00\x01binary"),
            Err(ImportError::NotText(_))
        ));
    }

    #[test]
    fn names_the_encoding_it_read() -> Result<(), ImportError> {
        assert_eq!(decode(Path::new("x"), b"\xEF\xBB\xBFa,b\n")?.1, "UTF-8");
        assert_eq!(decode(Path::new("x"), b"a,b\n")?.1, "UTF-8");
        let (text, encoding, notes) = decode(Path::new("x"), b"Caf\xE9,b\n")?;
        assert_eq!((text.as_str(), encoding), ("Café,b\n", "Windows-1252"));
        assert_eq!(notes.len(), 1);
        Ok(())
    }

    #[test]
    fn refuses_a_folder_and_a_pipe_without_opening_them() -> Result<(), std::io::Error> {
        let dir = tempfile::tempdir()?;
        let error = load(dir.path()).map(|_| ()).map_err(|e| e.to_string());
        assert!(
            error.as_ref().is_err_and(|e| e.contains("it is a folder")),
            "{error:?}"
        );

        let fifo = dir.path().join("pipe.csv");
        let made = std::process::Command::new("mkfifo").arg(&fifo).status()?;
        assert!(made.success());
        let error = load(&fifo).map(|_| ()).map_err(|e| e.to_string());
        assert!(
            error
                .as_ref()
                .is_err_and(|e| e.contains("a pipe or a device")),
            "{error:?}"
        );
        Ok(())
    }

    #[test]
    fn refuses_a_file_over_the_limit_before_reading_it() -> Result<(), std::io::Error> {
        let dir = tempfile::tempdir()?;
        let path = dir.path().join("huge.csv");
        std::fs::File::create(&path)?.set_len(1024 * 1024 * 1024)?;
        match load(&path) {
            Err(ImportError::TooLarge { bytes, .. }) => assert_eq!(bytes, 1024 * 1024 * 1024),
            other => panic!("expected a size refusal, got {other:?}"),
        }
        let empty = dir.path().join("empty.csv");
        std::fs::write(&empty, b"\xEF\xBB\xBF \r\n")?;
        assert!(matches!(load(&empty), Err(ImportError::Empty(_))));
        Ok(())
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
