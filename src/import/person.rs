//! The person behind a lead, read the same way from every lead export: names, where the
//! whole name stands in for a missing last name, and a phone number with a mobile fallback.

use super::columns::{Field, Row};

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
