//! The German catalog covers the window: every `@tr` string in `ui/` has a German
//! translation in `translations/de/LC_MESSAGES/stride.po`, and its `{}` gaps match.

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

fn slint_files(folder: &Path, out: &mut Vec<std::path::PathBuf>) -> std::io::Result<()> {
    for entry in std::fs::read_dir(folder)? {
        let path = entry?.path();
        if path.is_dir() {
            slint_files(&path, out)?;
        } else if path.extension().is_some_and(|e| e == "slint") {
            out.push(path);
        }
    }
    Ok(())
}

#[test]
fn every_window_string_has_a_german_translation() -> TestResult {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let german = catalog(&std::fs::read_to_string(
        root.join("translations/de/LC_MESSAGES/stride.po"),
    )?);
    let mut files = Vec::new();
    slint_files(&root.join("ui"), &mut files)?;
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
