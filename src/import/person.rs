//! The person behind a lead, read the same way from every lead export: names, where the
//! whole name stands in for a missing last name, an e-mail address checked like the lead
//! form checks it, and a phone number with a mobile fallback.

use super::columns::{Field, Row};
use crate::process::looks_like_email;

/// First and last name; without `LastName`, `Name` stands in for the last name and an unused
/// `FirstName` is kept.
pub(super) fn names(row: &mut Row<'_>) -> (String, String) {
    match (row.text(Field::LastName), row.text(Field::FullName)) {
        (Some(last), _) => (row.string(Field::FirstName), last.to_string()),
        (None, Some(full)) => {
            row.keep(Field::FirstName);
            (String::new(), full.to_string())
        }
        (None, None) => (row.string(Field::FirstName), String::new()),
    }
}

/// The phone number: `Phone`, else `MobilePhone`; an unused mobile number is kept.
pub(super) fn phone(row: &mut Row<'_>) -> String {
    match row.text(Field::Phone) {
        Some(phone) => {
            row.keep(Field::MobilePhone);
            phone.to_string()
        }
        None => row.string(Field::MobilePhone),
    }
}

/// The e-mail address; a value that is no address is kept among the extra fields and noted.
pub(super) fn email(row: &mut Row<'_>) -> String {
    row.parse(Field::Email, "an e-mail address", |text| {
        looks_like_email(text).then(|| text.to_string())
    })
    .unwrap_or_default()
}
