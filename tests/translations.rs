//! The German catalog covers the window: every `@tr` string in `ui/`, and every literal
//! message the Rust side sends through the catalog (`tr`, `tr_with`, `tr_count`) or shows
//! in a toast (`show_error`, `show_notice`), has a German translation in
//! `translations/de/LC_MESSAGES/stride.po`, and its `{}` gaps match.

use std::collections::HashMap;
use std::path::Path;

type TestResult = Result<(), Box<dyn std::error::Error>>;

/// The English strings of every `@tr(...)` in `text`: the first literal, and the plural one
/// after a `|` where there is one.
fn tr_strings(text: &str) -> Vec<String> {
    let mut found = Vec::new();
    for (start, _) in text.match_indices("@tr(") {
        let rest = text[start + 4..].trim_start();
        let Some((first, after)) = literal(rest) else {
            continue;
        };
        found.push(first);
        if let Some(plural) = after.trim_start().strip_prefix('|') {
            if let Some((second, _)) = literal(plural.trim_start()) {
                found.push(second);
            }
        }
    }
    found
}

/// The string literal at the start of `text`, unescaped, and what follows it.
fn literal(text: &str) -> Option<(String, &str)> {
    let body = text.strip_prefix('"')?;
    let mut value = String::new();
    let mut chars = body.char_indices();
    while let Some((i, c)) = chars.next() {
        match c {
            '"' => return Some((value, &body[i + 1..])),
            '\\' => value.extend(chars.next().map(|(_, e)| e)),
            c => value.push(c),
        }
    }
    None
}

/// The catalog's translations by English text; a plural entry is found by either form.
/// Strings continued on the lines after their keyword are joined.
fn catalog(text: &str) -> HashMap<String, String> {
    let mut fields: Vec<(String, String)> = Vec::new();
    for line in text.lines().map(str::trim) {
        if line.starts_with('"') {
            if let (Some((_, value)), Some((more, _))) = (fields.last_mut(), literal(line)) {
                value.push_str(&more);
            }
        } else if let Some((key, rest)) = line.split_once(' ') {
            if let Some((value, _)) = literal(rest.trim_start()) {
                fields.push((key.to_string(), value));
            }
        }
    }
    let mut map = HashMap::new();
    let mut ids: Vec<String> = Vec::new();
    for (key, value) in fields {
        match key.as_str() {
            "msgid" | "msgid_plural" => ids.push(value),
            "msgstr" | "msgstr[0]" => {
                for id in ids.drain(..) {
                    map.insert(id, value.clone());
                }
            }
            _ => {}
        }
    }
    map
}

fn files_ending(
    folder: &Path,
    extension: &str,
    out: &mut Vec<std::path::PathBuf>,
) -> std::io::Result<()> {
    for entry in std::fs::read_dir(folder)? {
        let path = entry?.path();
        if path.is_dir() {
            files_ending(&path, extension, out)?;
        } else if path.extension().is_some_and(|e| e == extension) {
            out.push(path);
        }
    }
    Ok(())
}

/// The calls whose literal arguments are messages the user reads, and how many of their
/// leading arguments are such literals.
const MESSAGE_CALLS: [(&str, usize); 6] = [
    ("tr(", 1),
    ("tr_with(", 1),
    ("tr_count(", 2),
    ("tr_count_with(", 2),
    ("show_error(", 1),
    ("show_notice(", 1),
];

/// The English messages of every call in [`MESSAGE_CALLS`] in Rust `text` whose argument is
/// a string literal; calls on a value (`tr(message)`) cannot be checked here.
fn rust_messages(text: &str) -> Vec<String> {
    let mut found = Vec::new();
    for (call, literals) in MESSAGE_CALLS {
        for (start, _) in text.match_indices(call) {
            let before = text[..start].chars().next_back();
            if before.is_some_and(|c| c.is_alphanumeric() || c == '_') {
                continue;
            }
            let mut rest = &text[start + call.len()..];
            for _ in 0..literals {
                let Some((message, after)) = rust_literal(rest.trim_start()) else {
                    break;
                };
                found.push(message);
                rest = after.trim_start().strip_prefix(',').unwrap_or(after);
            }
        }
    }
    found
}

/// The Rust string literal at the start of `text`, unescaped (a `\` at a line's end joins
/// the next line without its indent), and what follows it.
fn rust_literal(text: &str) -> Option<(String, &str)> {
    let body = text.strip_prefix('"')?;
    let mut value = String::new();
    let mut chars = body.char_indices().peekable();
    while let Some((i, c)) = chars.next() {
        match c {
            '"' => return Some((value, &body[i + 1..])),
            '\\' => match chars.next().map(|(_, e)| e) {
                Some('\n') => while chars.next_if(|(_, c)| c.is_whitespace()).is_some() {},
                Some('n') => value.push('\n'),
                Some(other) => value.push(other),
                None => return None,
            },
            c => value.push(c),
        }
    }
    None
}

/// What is wrong with `english`'s German entry, if anything.
fn german_problem(german: &HashMap<String, String>, english: &str) -> Option<String> {
    let gaps = |s: &str| s.matches("{}").count() + s.matches("{n}").count();
    match german.get(english) {
        Some(text) if !text.is_empty() && gaps(english) == gaps(text) => None,
        Some(text) if !text.is_empty() => Some(format!("gaps differ: {english} / {text}")),
        _ => Some(format!("no German for: {english}")),
    }
}

#[test]
fn every_literal_rust_message_has_a_german_translation() -> TestResult {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let german = catalog(&std::fs::read_to_string(
        root.join("translations/de/LC_MESSAGES/stride.po"),
    )?);
    let mut files = Vec::new();
    files_ending(&root.join("src/ui"), "rs", &mut files)?;
    let mut problems = Vec::new();
    let mut seen = 0;
    for file in &files {
        for english in rust_messages(&std::fs::read_to_string(file)?) {
            seen += 1;
            if let Some(problem) = german_problem(&german, &english) {
                problems.push(format!("{}: {problem}", file.display()));
            }
        }
    }
    assert!(
        seen > 60,
        "only {seen} Rust messages found; is the scanner broken?"
    );
    assert!(problems.is_empty(), "{}", problems.join("\n"));
    Ok(())
}

#[test]
fn the_rust_scanner_reads_literals_and_skips_values() {
    let text = "i18n::tr(\"Back\"); tr(message); fn tr(english: &str) {}\n\
                ui.show_error(\"Two \\\n      lines\"); tr_count(\"{n} day\", \"{n} days\", n);\n\
                distr(\"no\"); tr_with(\"{} of {}\", &[a, b]);\n\
                tr_count_with(\"{n} row in {}\", \"{n} rows in {}\", n, &[f]);";
    assert_eq!(
        rust_messages(text),
        [
            "Back",
            "{} of {}",
            "{n} day",
            "{n} days",
            "{n} row in {}",
            "{n} rows in {}",
            "Two lines"
        ]
    );
}

#[test]
fn every_window_string_has_a_german_translation() -> TestResult {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let german = catalog(&std::fs::read_to_string(
        root.join("translations/de/LC_MESSAGES/stride.po"),
    )?);
    let mut files = Vec::new();
    files_ending(&root.join("ui"), "slint", &mut files)?;
    let mut missing = Vec::new();
    let mut seen = 0;
    for file in &files {
        for english in tr_strings(&std::fs::read_to_string(file)?) {
            seen += 1;
            match german.get(&english) {
                Some(text) if !text.is_empty() => {
                    let gaps = |s: &str| s.matches("{}").count() + s.matches("{n}").count();
                    assert_eq!(
                        gaps(&english),
                        gaps(text),
                        "gaps differ: {english} / {text}"
                    );
                }
                _ => missing.push(format!("{}: {english}", file.display())),
            }
        }
    }
    assert!(
        seen > 100,
        "only {seen} @tr strings found; is the parser broken?"
    );
    assert!(missing.is_empty(), "no German for:\n{}", missing.join("\n"));
    Ok(())
}

#[test]
fn the_parser_reads_plain_and_plural_strings() {
    let found = tr_strings(r#"text: @tr("Back"); t: @tr("{n} day" | "{n} days" % n);"#);
    assert_eq!(found, ["Back", "{n} day", "{n} days"]);
}
