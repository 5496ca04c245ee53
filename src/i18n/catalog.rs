//! The German catalog, read at run time from the same `.po` file the window's strings are
//! bundled from, so one file holds every translation. Messages are looked up by their English
//! text; `{}` marks where a value goes, in order.

use std::collections::HashMap;
use std::sync::OnceLock;

use super::{current, Language};

/// The German catalog's text, built into the binary.
const GERMAN: &str = include_str!("../../translations/de/LC_MESSAGES/stride.po");

/// One entry: the singular translation, and the plural one where the entry has a plural.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Entry {
    /// The translation, or the singular form.
    pub one: String,
    /// The plural form, if the entry has one.
    pub many: Option<String>,
}

/// The German catalog, read once.
fn german() -> &'static HashMap<String, Entry> {
    static CATALOG: OnceLock<HashMap<String, Entry>> = OnceLock::new();
    CATALOG.get_or_init(|| parse(GERMAN))
}

/// Reads a `.po` file's entries, keyed by their English text. Entries with a context, the
/// header, and untranslated entries are left out.
pub(crate) fn parse(text: &str) -> HashMap<String, Entry> {
    let mut entries = HashMap::new();
    let mut fields: Vec<(String, String)> = Vec::new();
    let mut finish = |fields: &mut Vec<(String, String)>| {
        let get = |key: &str| {
            fields
                .iter()
                .find(|(k, _)| k == key)
                .map(|(_, v)| v.clone())
        };
        if let (None, Some(id)) = (get("msgctxt"), get("msgid")) {
            let one = get("msgstr")
                .or_else(|| get("msgstr[0]"))
                .unwrap_or_default();
            if !id.is_empty() && !one.is_empty() {
                let many = get("msgstr[1]").filter(|m| !m.is_empty());
                entries.insert(id, Entry { one, many });
            }
        }
        fields.clear();
    };
    for line in text.lines().map(str::trim) {
        // An entry ends at a blank line, or where a comment or the next entry follows its
        // translation straight away.
        let next_entry =
            line.starts_with('#') || line.starts_with("msgctxt") || line.starts_with("msgid ");
        if next_entry && fields.iter().any(|(key, _)| key.starts_with("msgstr")) {
            finish(&mut fields);
        }
        if line.is_empty() {
            finish(&mut fields);
        } else if let Some(rest) = line.strip_prefix('"') {
            if let Some((_, value)) = fields.last_mut() {
                value.push_str(&unescape(rest.strip_suffix('"').unwrap_or(rest)));
            }
        } else if !line.starts_with('#') {
            if let Some((key, value)) = line.split_once(' ') {
                let value = value.trim();
                let inner = value.strip_prefix('"').and_then(|v| v.strip_suffix('"'));
                fields.push((key.to_string(), unescape(inner.unwrap_or(value))));
            }
        }
    }
    finish(&mut fields);
    entries
}

/// Undoes the C escapes a `.po` string may hold.
fn unescape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut chars = text.chars();
    while let Some(c) = chars.next() {
        if c != '\\' {
            out.push(c);
            continue;
        }
        match chars.next() {
            Some('n') => out.push('\n'),
            Some('t') => out.push('\t'),
            Some(other) => out.push(other),
            None => out.push('\\'),
        }
    }
    out
}

/// `english` in the current language; English when the catalog lacks it.
pub fn tr(english: &str) -> String {
    match current() {
        Language::English => english.to_string(),
        Language::German => german()
            .get(english)
            .map_or_else(|| english.to_string(), |entry| entry.one.clone()),
    }
}

/// `english` in the current language with each `{}` replaced by the next of `values`.
pub fn tr_with(english: &str, values: &[&str]) -> String {
    fill(&tr(english), values)
}

/// `one` or `many` in the current language, as `count` asks, with `{n}` replaced by it.
pub fn tr_count(one: &str, many: &str, count: i64) -> String {
    let singular = count == 1;
    let text = match (current(), german().get(one)) {
        (Language::German, Some(entry)) if singular => entry.one.clone(),
        (Language::German, Some(Entry { many: Some(m), .. })) => m.clone(),
        _ if singular => one.to_string(),
        _ => many.to_string(),
    };
    text.replace("{n}", &count.to_string())
}

/// [`tr_count`]'s text with each `{}` then replaced by the next of `values`: for a sentence
/// that shows a count and other values, like "Exported {n} records to {}.".
pub fn tr_count_with(one: &str, many: &str, count: i64, values: &[&str]) -> String {
    fill(&tr_count(one, many, count), values)
}

/// `pattern` with each `{}` replaced by the next of `values`.
fn fill(pattern: &str, values: &[&str]) -> String {
    let mut out = String::with_capacity(pattern.len());
    let mut values = values.iter();
    let mut parts = pattern.split("{}").peekable();
    while let Some(part) = parts.next() {
        out.push_str(part);
        if parts.peek().is_some() {
            out.push_str(values.next().copied().unwrap_or_default());
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_catalog_reads_plain_plural_and_continued_entries() {
        let text =
            "msgid \"\"\nmsgstr \"Language: de\\n\"\n\nmsgid \"Back\"\nmsgstr \"Zurück\"\n\n\
                    msgid \"{n} day\"\nmsgid_plural \"{n} days\"\nmsgstr[0] \"{n} Tag\"\n\
                    msgstr[1] \"{n} Tage\"\n\nmsgid \"Say \\\"hi\\\"\"\nmsgstr \"\"\n\"Sag \"\n\
                    \"\\\"hallo\\\"\"\n\nmsgid \"Untranslated\"\nmsgstr \"\"\n";
        let entries = parse(text);
        assert_eq!(entries.len(), 3, "{entries:?}");
        assert_eq!(entries["Back"].one, "Zurück");
        assert_eq!(entries["{n} day"].many.as_deref(), Some("{n} Tage"));
        assert_eq!(entries["Say \"hi\""].one, "Sag \"hallo\"");
    }

    #[test]
    fn an_entry_ends_where_a_comment_or_the_next_entry_follows_it_directly() {
        let text = "msgid \"Back\"\nmsgstr \"Zurück\"\n# Moves\nmsgid \"{n} lead\"\n\
                    msgid_plural \"{n} leads\"\nmsgstr[0] \"{n} Lead\"\nmsgstr[1] \"{n} Leads\"\n\
                    msgid \"Next\"\nmsgstr \"Weiter\"\n";
        let entries = parse(text);
        assert_eq!(entries.len(), 3, "{entries:?}");
        assert_eq!(entries["Back"].one, "Zurück");
        assert_eq!(entries["{n} lead"].one, "{n} Lead");
        assert_eq!(entries["{n} lead"].many.as_deref(), Some("{n} Leads"));
        assert_eq!(entries["Next"].one, "Weiter");
    }

    #[test]
    fn values_fill_the_gaps_in_order() {
        assert_eq!(fill("{} of {} days", &["3", "12"]), "3 of 12 days");
        assert_eq!(fill("no gaps", &["3"]), "no gaps");
        assert_eq!(
            tr_count_with("{n} row in {}", "{n} rows in {}", 2, &["a {} b"]),
            "2 rows in a {} b"
        );
    }

    #[test]
    fn the_built_in_german_catalog_reads() {
        assert!(german().len() > 100);
        assert_eq!(german()["Next stage"].one, "Nächste Phase");
    }
}
