//! Qualify offers an existing account and contact when the lead names them in another form:
//! the other apostrophe, other case, other spacing; keys stored in an older form are brought
//! up to date when the database is opened.

use stride::controller::{Controller, LeadForm, QualifyChoice};
use stride::store::Store;

type TestResult = Result<(), Box<dyn std::error::Error>>;

fn lead(last: &str, company: &str, email: &str) -> LeadForm {
    LeadForm {
        last_name: last.into(),
        company: company.into(),
        email: email.into(),
        ..LeadForm::default()
    }
}

#[test]
fn apostrophes_case_and_spacing_do_not_hide_a_duplicate() -> TestResult {
    let dir = tempfile::tempdir()?;
    let path = dir.path().join("stride.db");
    let app = Controller::open(&path)?;
    let first = app.create_lead(&lead(
        "O'Brien",
        "O'Brien & Sons",
        "sean.o'brien@obrien.example",
    ))?;
    app.qualify(first, &QualifyChoice::default())?;
    drop(app);

    // Keys written by an older Stride, in a form the current one no longer matches.
    let conn = rusqlite::Connection::open(&path)?;
    conn.execute_batch(
        "UPDATE accounts SET name_key = 'old'; UPDATE contacts SET email_key = 'old';",
    )?;
    drop(conn);

    let app = Controller::open(&path)?;
    let second = app.create_lead(&lead(
        "O’Brien",
        "  O’BRIEN  &   sons ",
        " Sean.O’Brien@OBrien.example",
    ))?;
    let options = app.qualify_options(second)?;
    assert_eq!(options.accounts.len(), 1, "{options:?}");
    assert_eq!(options.accounts[0].name, "O'Brien & Sons");
    assert_eq!(options.contacts.len(), 1, "{options:?}");
    assert_eq!(
        options.contacts[0].person.email,
        "sean.o'brien@obrien.example"
    );
    drop(app);

    let store = Store::open(&path)?;
    assert_eq!(store.read(|tx| tx.stale_party_key_count())?, 0usize);
    assert_eq!(store.write(|tx| tx.rekey_parties())?, 0usize);
    Ok(())
}
