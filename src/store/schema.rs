//! The database schema as versioned migrations. A migration, once released, is never edited:
//! changes come as a new one appended to the list.

use rusqlite_migration::{Migrations, M};

/// Every migration in order, as SQL; the position in this list (from 1) is the schema version.
pub const STEPS: &[&str] = &[V1];

/// Every migration in order, for checking them with `rusqlite_migration`.
pub fn migrations() -> Migrations<'static> {
    STEPS
        .iter()
        .map(|sql| M::up(sql).foreign_key_check())
        .collect()
}

/// The newest schema version this build knows.
pub fn latest_version() -> i64 {
    i64::try_from(STEPS.len()).unwrap_or(i64::MAX)
}

const V1: &str = r#"
CREATE TABLE process (
    id INTEGER PRIMARY KEY CHECK (id = 1),
    definition TEXT NOT NULL
);

CREATE TABLE accounts (
    id INTEGER PRIMARY KEY,
    name TEXT NOT NULL,
    name_key TEXT NOT NULL,
    external_id TEXT UNIQUE,
    created_at TEXT NOT NULL
);
CREATE INDEX accounts_by_name_key ON accounts(name_key);

CREATE TABLE contacts (
    id INTEGER PRIMARY KEY,
    first_name TEXT NOT NULL DEFAULT '',
    last_name TEXT NOT NULL DEFAULT '',
    job_title TEXT NOT NULL DEFAULT '',
    email TEXT NOT NULL DEFAULT '',
    email_key TEXT NOT NULL DEFAULT '',
    phone TEXT NOT NULL DEFAULT '',
    account_id INTEGER REFERENCES accounts(id),
    external_id TEXT UNIQUE,
    created_at TEXT NOT NULL
);
CREATE INDEX contacts_by_email_key ON contacts(email_key);

CREATE TABLE records (
    id INTEGER PRIMARY KEY,
    kind TEXT NOT NULL CHECK (kind IN ('lead', 'opportunity')),
    topic TEXT NOT NULL DEFAULT '',
    first_name TEXT NOT NULL DEFAULT '',
    last_name TEXT NOT NULL DEFAULT '',
    job_title TEXT NOT NULL DEFAULT '',
    email TEXT NOT NULL DEFAULT '',
    phone TEXT NOT NULL DEFAULT '',
    company TEXT NOT NULL DEFAULT '',
    source TEXT NOT NULL DEFAULT '',
    rating TEXT,
    estimated_value INTEGER,
    estimated_close TEXT,
    probability INTEGER NOT NULL CHECK (probability BETWEEN 0 AND 100),
    status TEXT NOT NULL,
    reason TEXT NOT NULL,
    stage TEXT NOT NULL,
    stage_entered_at TEXT NOT NULL,
    notes TEXT NOT NULL DEFAULT '',
    account_id INTEGER REFERENCES accounts(id),
    contact_id INTEGER REFERENCES contacts(id),
    origin_lead_id INTEGER REFERENCES records(id),
    opportunity_id INTEGER REFERENCES records(id),
    close TEXT,
    external_id TEXT,
    extra TEXT NOT NULL DEFAULT '{}',
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL
);
CREATE UNIQUE INDEX records_by_external_id ON records(kind, external_id)
    WHERE external_id IS NOT NULL;
CREATE UNIQUE INDEX records_one_opportunity_per_lead ON records(origin_lead_id)
    WHERE origin_lead_id IS NOT NULL;
CREATE INDEX records_by_list ON records(kind, status, stage_entered_at);

CREATE TABLE step_values (
    record_id INTEGER NOT NULL REFERENCES records(id) ON DELETE CASCADE,
    step TEXT NOT NULL,
    value TEXT NOT NULL,
    set_at TEXT NOT NULL,
    PRIMARY KEY (record_id, step)
) WITHOUT ROWID;

CREATE TABLE history (
    id INTEGER PRIMARY KEY,
    record_id INTEGER NOT NULL REFERENCES records(id) ON DELETE CASCADE,
    at TEXT NOT NULL,
    event TEXT NOT NULL,
    detail TEXT NOT NULL
);
CREATE INDEX history_by_record ON history(record_id, id);
"#;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn migrations_are_valid_and_counted() {
        assert!(migrations().validate().is_ok());
        assert_eq!(latest_version(), STEPS.len() as i64);
    }
}
