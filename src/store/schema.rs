//! The database schema as versioned migrations. A migration, once released, is never edited:
//! changes come as a new one appended to the list.

use rusqlite_migration::{Migrations, M};

/// Every migration in order, as SQL; the position in this list (from 1) is the schema version.
pub const STEPS: &[&str] = &[V1, V2, V3, V4, V5];

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

/// Paging and search. `tab` names the list a record shows in, so each list and sort is one
/// index range; the full-text index covers what a salesperson would type to find a record,
/// including the names of its account and contact, plus the tab as a word of its own so a
/// search counts each tab without reading the records. Triggers keep it in step.
const V2: &str = r#"
ALTER TABLE records ADD COLUMN tab TEXT
    GENERATED ALWAYS AS (CASE WHEN status = 'open' THEN kind ELSE 'closed' END) VIRTUAL;
DROP INDEX records_by_list;
CREATE INDEX records_by_tab_recent ON records(tab, updated_at, id);
CREATE INDEX records_by_tab_value
    ON records(tab, coalesce(estimated_value, -9223372036854775808), id);
CREATE INDEX records_by_tab_close ON records(tab, coalesce(estimated_close, '9999-12-31'), id);
CREATE INDEX records_by_recent ON records(updated_at, id);
CREATE INDEX records_by_value ON records(coalesce(estimated_value, -9223372036854775808), id);
CREATE INDEX records_by_close ON records(coalesce(estimated_close, '9999-12-31'), id);
CREATE INDEX records_by_account ON records(account_id);
CREATE INDEX records_by_contact ON records(contact_id);

CREATE VIRTUAL TABLE record_search USING fts5(
    topic, people, company, notes, tab,
    tokenize = 'unicode61 remove_diacritics 2',
    prefix = '1 2 3'
);

CREATE VIEW record_search_text AS
SELECT r.id AS id,
    r.topic AS topic,
    r.first_name || ' ' || r.last_name || ' ' || r.email || ' ' || r.phone || ' '
        || r.job_title || ' ' || coalesce(c.first_name || ' ' || c.last_name || ' ' || c.email, '')
        AS people,
    r.company || ' ' || coalesce(a.name, '') AS company,
    r.notes AS notes,
    r.tab AS tab
FROM records r
LEFT JOIN accounts a ON a.id = r.account_id
LEFT JOIN contacts c ON c.id = r.contact_id;

INSERT INTO record_search (rowid, topic, people, company, notes, tab)
    SELECT id, topic, people, company, notes, tab FROM record_search_text;

CREATE TRIGGER record_search_on_insert AFTER INSERT ON records BEGIN
    INSERT INTO record_search (rowid, topic, people, company, notes, tab)
        SELECT id, topic, people, company, notes, tab FROM record_search_text WHERE id = new.id;
END;

CREATE TRIGGER record_search_on_update AFTER UPDATE ON records
WHEN old.topic IS NOT new.topic OR old.first_name IS NOT new.first_name
    OR old.last_name IS NOT new.last_name OR old.email IS NOT new.email
    OR old.phone IS NOT new.phone OR old.job_title IS NOT new.job_title
    OR old.company IS NOT new.company OR old.notes IS NOT new.notes
    OR old.account_id IS NOT new.account_id OR old.contact_id IS NOT new.contact_id
    OR old.kind IS NOT new.kind OR old.status IS NOT new.status
BEGIN
    DELETE FROM record_search WHERE rowid = old.id;
    INSERT INTO record_search (rowid, topic, people, company, notes, tab)
        SELECT id, topic, people, company, notes, tab FROM record_search_text WHERE id = new.id;
END;

CREATE TRIGGER record_search_on_delete AFTER DELETE ON records BEGIN
    DELETE FROM record_search WHERE rowid = old.id;
END;

CREATE TRIGGER record_search_on_account AFTER UPDATE OF name ON accounts
WHEN old.name IS NOT new.name
BEGIN
    DELETE FROM record_search WHERE rowid IN (SELECT id FROM records WHERE account_id = new.id);
    INSERT INTO record_search (rowid, topic, people, company, notes, tab)
        SELECT id, topic, people, company, notes, tab FROM record_search_text
        WHERE id IN (SELECT id FROM records WHERE account_id = new.id);
END;

CREATE TRIGGER record_search_on_contact AFTER UPDATE ON contacts
WHEN old.first_name IS NOT new.first_name OR old.last_name IS NOT new.last_name
    OR old.email IS NOT new.email
BEGIN
    DELETE FROM record_search WHERE rowid IN (SELECT id FROM records WHERE contact_id = new.id);
    INSERT INTO record_search (rowid, topic, people, company, notes, tab)
        SELECT id, topic, people, company, notes, tab FROM record_search_text
        WHERE id IN (SELECT id FROM records WHERE contact_id = new.id);
END;
"#;

/// Named, versioned processes. The one process stored so far becomes version 1 under its own
/// name, and every record follows it; a record keeps the version it follows until it is
/// switched on purpose. New records follow the newest version of the first process stored.
const V3: &str = r#"
CREATE TABLE processes (
    id INTEGER PRIMARY KEY,
    name TEXT NOT NULL CHECK (trim(name) <> ''),
    version INTEGER NOT NULL CHECK (version >= 1),
    definition TEXT NOT NULL,
    created_at TEXT NOT NULL,
    UNIQUE (name, version)
);

INSERT INTO processes (name, version, definition, created_at)
    SELECT json_extract(definition, '$.name'), 1, definition,
        strftime('%Y-%m-%d %H:%M:%f+00:00', 'now')
    FROM process WHERE id = 1;

ALTER TABLE records ADD COLUMN process_id INTEGER REFERENCES processes(id);
UPDATE records SET process_id = (SELECT id FROM processes WHERE version = 1);
CREATE INDEX records_by_process ON records(process_id);

DROP TABLE process;
"#;

/// Audit and probability: who made each history entry, a small table of device settings
/// (such as the user name), and whether an opportunity's probability was set by hand.
const V4: &str = r#"
ALTER TABLE history ADD COLUMN by TEXT NOT NULL DEFAULT '';
ALTER TABLE records ADD COLUMN probability_by_hand INTEGER NOT NULL DEFAULT 0
    CHECK (probability_by_hand IN (0, 1));

CREATE TABLE settings (
    key TEXT PRIMARY KEY,
    value TEXT NOT NULL
) WITHOUT ROWID;
"#;

/// The "overdue in stage" filter: one index range per process version and stage with a
/// target, read without touching the records, so counting it stays quick at 100,000 records.
const V5: &str = r#"
CREATE INDEX records_by_stage_time ON records(tab, process_id, stage, stage_entered_at);
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
