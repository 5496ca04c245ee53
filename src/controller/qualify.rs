//! Qualifying a lead: offering possible duplicate accounts and contacts first, then writing
//! the opportunity, account, contact and the qualified lead in one transaction.

use tracing::info;

use super::error::{AppError, AppResult};
use super::Controller;
use crate::process::{self, Record, RecordId, Status, StepValue};
use crate::store::{Account, Contact, StoreResult, Tx};

/// What the qualify sheet offers before anything is written.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct QualifyOptions {
    /// The lead's company, the name a new account would get.
    pub company: String,
    /// The lead's person, the name a new contact would get.
    pub person: String,
    /// Existing accounts with the same normalised company name.
    pub accounts: Vec<Account>,
    /// Existing contacts with the same e-mail address.
    pub contacts: Vec<Contact>,
    /// The account the lead is already linked to (by import or its step), offered first.
    pub linked_account: Option<i64>,
}

/// Which account and contact the new opportunity gets.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct QualifyChoice {
    /// An existing account; `None` uses the account the lead is linked to, if any, else
    /// creates one from the lead's company.
    pub account: Option<i64>,
    /// Create a new account from the lead's company even when the lead is linked to one.
    pub new_account: bool,
    /// An existing contact, or `None` to create one from the lead's person.
    pub contact: Option<i64>,
}

/// The opportunity a qualify produced.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Qualified {
    /// The opportunity's id.
    pub opportunity: RecordId,
    /// True when the lead had already been qualified (a second tap) and nothing was written.
    pub already: bool,
}

impl Controller {
    /// The possible duplicates to offer before qualifying a lead.
    pub fn qualify_options(&self, id: RecordId) -> AppResult<QualifyOptions> {
        self.store.read(|tx| {
            let lead = tx.record(id)?;
            let mut accounts = tx.accounts_named(&lead.company)?;
            let linked_account = match linked(&lead, "existing_account").or(lead.links.account) {
                Some(id) => tx.account(id)?,
                None => None,
            };
            let linked_id = linked_account.as_ref().map(|account| account.id);
            if let Some(account) = linked_account {
                accounts.retain(|other| other.id != account.id);
                accounts.insert(0, account);
            }
            Ok(QualifyOptions {
                accounts,
                contacts: tx.contacts_with_email(&lead.person.email)?,
                company: lead.company,
                person: lead.person.full_name(),
                linked_account: linked_id,
            })
        })
    }

    /// Qualifies a lead into an opportunity with its account and contact, all or nothing.
    ///
    /// Qualifying a lead that is already qualified returns its opportunity and writes
    /// nothing, so a double tap creates exactly one opportunity.
    pub fn qualify(&self, id: RecordId, choice: &QualifyChoice) -> AppResult<Qualified> {
        let now = self.now();
        let mut started = String::new();
        let outcome = self.store.write(|tx| {
            let lead = tx.record(id)?;
            if let (Status::Qualified, Some(opportunity)) = (lead.status, lead.links.opportunity) {
                return Ok(Qualified {
                    opportunity,
                    already: true,
                });
            }
            // An account or contact chosen in the sheet answers the matching link step, so a
            // company that requires that step can qualify by choosing.
            let mut lead = lead;
            let process = self.process_of(tx, id)?;
            for (key, chosen) in [
                ("existing_account", choice.account),
                ("existing_contact", choice.contact),
            ] {
                if let (Some(id), Some(_)) = (chosen, process.step(key)) {
                    lead.steps.insert(key.to_string(), StepValue::Link(id));
                }
            }
            let mut q = process::qualify(&process, &lead, now)?;
            started.clone_from(&q.opportunity.record.stage);

            let account = resolve_account(tx, &lead, choice, now)?;
            let contact = resolve_contact(tx, &lead, choice.contact, account, now)?;
            q.opportunity.record.links.account = account;
            q.opportunity.record.links.contact = contact;
            let opportunity = tx.insert_record(&q.opportunity.record, now)?;
            // The opportunity carries on with the process version its lead followed.
            tx.set_record_process(opportunity, tx.record_process_id(id)?)?;
            tx.append_history(opportunity, now, &self.user, &q.opportunity.changes)?;

            q.lead.record.links.opportunity = Some(opportunity);
            q.lead.record.links.account = account;
            q.lead.record.links.contact = contact;
            tx.update_record(&q.lead.record, now)?;
            tx.append_history(id, now, &self.user, &q.lead.changes)?;
            Ok::<_, AppError>(Qualified {
                opportunity,
                already: false,
            })
        })?;

        if outcome.already {
            info!(lead = %id, opportunity = %outcome.opportunity, "lead was already qualified");
        } else {
            info!(
                lead = %id,
                opportunity = %outcome.opportunity,
                stage = %started,
                "lead qualified"
            );
        }
        Ok(outcome)
    }
}

fn linked(lead: &Record, step: &str) -> Option<i64> {
    match lead.steps.get(step) {
        Some(StepValue::Link(id)) => Some(*id),
        _ => None,
    }
}

fn resolve_account(
    tx: &Tx<'_>,
    lead: &Record,
    choice: &QualifyChoice,
    now: chrono::DateTime<chrono::Utc>,
) -> AppResult<Option<i64>> {
    // An imported lead already names its account; unless a new one is asked for, qualifying
    // must not create a second one.
    let known = if choice.new_account {
        None
    } else {
        choice
            .account
            .or_else(|| linked(lead, "existing_account"))
            .or(lead.links.account)
    };
    if let Some(id) = known {
        return match tx.account(id)? {
            Some(account) => Ok(Some(account.id)),
            None => Err(AppError::invalid(
                "Account",
                format!("there is no account {id}"),
            )),
        };
    }
    let name = lead.company.trim();
    if name.is_empty() {
        return Ok(None);
    }
    Ok(Some(tx.insert_account(name, None, now)?))
}

fn resolve_contact(
    tx: &Tx<'_>,
    lead: &Record,
    chosen: Option<i64>,
    account: Option<i64>,
    now: chrono::DateTime<chrono::Utc>,
) -> AppResult<Option<i64>> {
    if let Some(id) = chosen.or_else(|| linked(lead, "existing_contact")) {
        return match tx.contact(id)? {
            Some(contact) => Ok(Some(contact.id)),
            None => Err(AppError::invalid(
                "Contact",
                format!("there is no contact {id}"),
            )),
        };
    }
    let person = &lead.person;
    if person.full_name().is_empty() && person.email.trim().is_empty() {
        return Ok(None);
    }
    let new_contact: StoreResult<i64> = tx.insert_contact(person, account, now);
    Ok(Some(new_contact?))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_link_values_count_as_links() {
        let mut lead = Record::new_lead("qualify", chrono::Utc::now());
        assert_eq!(linked(&lead, "existing_account"), None);
        lead.steps
            .insert("existing_account".into(), StepValue::Link(7));
        lead.steps
            .insert("existing_contact".into(), StepValue::Text("7".into()));
        assert_eq!(linked(&lead, "existing_account"), Some(7));
        assert_eq!(linked(&lead, "existing_contact"), None);
    }
}
