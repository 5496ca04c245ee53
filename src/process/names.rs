//! How long a name may be: topics, company names and a person's names are shown on one line
//! of a list, a chevron header and a CSV cell, so past a limit they are refused wherever
//! they enter (the lead form, the command line, an import row).

use super::record::Record;

/// The most characters a topic, company or person's name may have.
pub const MAX_NAME_CHARS: usize = 200;

/// Whether `text`, trimmed as it is stored, is longer than [`MAX_NAME_CHARS`].
pub fn name_too_long(text: &str) -> bool {
    text.trim().chars().count() > MAX_NAME_CHARS
}

/// The label of the first name field of `record` that is too long, if any.
pub fn long_name_field(record: &Record) -> Option<&'static str> {
    [
        ("Topic", &record.topic),
        ("Company", &record.company),
        ("First name", &record.person.first_name),
        ("Last name", &record.person.last_name),
    ]
    .into_iter()
    .find(|(_, text)| name_too_long(text))
    .map(|(label, _)| label)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_up_to_the_limit_pass_and_longer_ones_are_named() {
        let at_limit = "é".repeat(MAX_NAME_CHARS);
        let over = "x".repeat(MAX_NAME_CHARS + 1);
        assert!(!name_too_long(&at_limit));
        assert!(!name_too_long(&format!("  {at_limit}  ")));
        assert!(name_too_long(&over));

        let mut record = Record::new_lead("qualify", chrono::Utc::now());
        assert_eq!(long_name_field(&record), None);
        record.person.last_name = over.clone();
        assert_eq!(long_name_field(&record), Some("Last name"));
        record.company = over;
        assert_eq!(long_name_field(&record), Some("Company"));
    }
}
