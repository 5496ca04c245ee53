//! Conversions at the SQL boundary: JSON columns and stored words back into typed values.

use std::str::FromStr;

use serde::de::DeserializeOwned;
use serde::Serialize;

use super::error::{StoreError, StoreResult};

/// Serialises a value for a JSON column.
pub fn to_json<T: Serialize + ?Sized>(value: &T) -> StoreResult<String> {
    serde_json::to_string(value).map_err(|e| StoreError::Corrupt(e.to_string()))
}

/// Reads a JSON column back; `what` names it in the error.
pub fn from_json<T: DeserializeOwned>(text: &str, what: &str) -> StoreResult<T> {
    serde_json::from_str(text).map_err(|e| StoreError::Corrupt(format!("{what}: {e}")))
}

/// Reads a stored word such as a status back into its enum.
pub fn word<T>(text: &str) -> StoreResult<T>
where
    T: FromStr,
    T::Err: std::fmt::Display,
{
    text.parse()
        .map_err(|e: T::Err| StoreError::Corrupt(e.to_string()))
}
