//! The demo pipeline: `stride demo` fills a database with realistic, varied leads and
//! opportunities for demos and benchmarks. Each lead lives a story of commands run through
//! the stage machine; the results are written in one transaction with the store's bulk
//! writer, so the database is what the app would hold had salespeople done it all by hand.

mod lead;
mod story;
mod words;

use std::collections::HashMap;

use chrono::{DateTime, Duration, Utc};
use fastrand::Rng;

use crate::controller::{AppError, AppResult};
use crate::process::{ProcessDefinition, RecordKind, StepValue};
use crate::store::{company_key, Store, Tx};

use story::{Fate, Story};

/// What `stride demo` is asked to add.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct DemoOptions {
    /// How many leads, qualified ones included.
    pub leads: usize,
    /// How many of those leads become opportunities.
    pub opportunities: usize,
    /// The same seed always gives the same records.
    pub seed: u64,
}

/// What `stride demo` added.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct DemoReport {
    /// Leads added, qualified ones included.
    pub leads: usize,
    /// Opportunities added.
    pub opportunities: usize,
    /// Accounts added for the companies that bought or are buying.
    pub accounts: usize,
    /// Contacts added, one per opportunity.
    pub contacts: usize,
}

impl std::fmt::Display for DemoReport {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "Added {} leads and {} opportunities, with {} accounts and {} contacts.",
            self.leads, self.opportunities, self.accounts, self.contacts
        )
    }
}

/// The step that holds the existing account a lead is qualified into.
const LINK_STEP: &str = "existing_account";

/// How far back the oldest demo lead was created.
const OLDEST: Duration = Duration::days(540);

/// Adds the demo records to `store` in one transaction, as of `now`.
pub fn fill(
    store: &Store,
    process: &ProcessDefinition,
    options: &DemoOptions,
    now: DateTime<Utc>,
) -> AppResult<DemoReport> {
    if options.opportunities > options.leads {
        return Err(AppError::invalid(
            "Opportunities",
            format!(
                "each opportunity is qualified from a lead, so ask for at least {} leads",
                options.opportunities
            ),
        ));
    }
    let first_stage = process
        .first_stage_of(RecordKind::Lead)
        .ok_or_else(|| AppError::invalid("Process", "the process has no lead stage"))?
        .key
        .clone();
    let mut rng = Rng::with_seed(options.seed);
    let companies = lead::companies(&mut rng, (options.leads / 6).max(12));

    store.write_bulk(|tx| {
        let mut writer = Writer {
            tx,
            link_step: process.step(LINK_STEP).is_some(),
            accounts: HashMap::new(),
            report: DemoReport::default(),
        };
        let mut still_to_qualify = options.opportunities;
        for n in 0..options.leads {
            // Picks exactly `opportunities` leads to qualify, spread evenly at random.
            let qualify = rng.usize(..options.leads - n) < still_to_qualify;
            let fate = if qualify {
                still_to_qualify -= 1;
                match rng.u8(..20) {
                    0..=9 => Fate::OpportunityOpen,
                    10..=15 => Fate::Won,
                    _ => Fate::Lost,
                }
            } else if rng.u8(..4) == 0 {
                Fate::Disqualified
            } else {
                Fate::Open
            };
            let company = &companies[rng.usize(..companies.len())];
            let age = Duration::seconds(rng.i64(3_600..OLDEST.num_seconds()));
            let new = lead::new_lead(&mut rng, company, &first_stage, now - age)?;
            let story = story::play(process, &mut rng, new, fate, now)?;
            writer.write(story)?;
        }
        Ok::<_, AppError>(writer.report)
    })
}

/// Writes stories inside one transaction, sharing one account among a company's sales.
struct Writer<'t, 'c> {
    tx: &'t Tx<'c>,
    link_step: bool,
    accounts: HashMap<String, i64>,
    report: DemoReport,
}

impl Writer<'_, '_> {
    /// Writes the lead, and when it was qualified its account, contact and opportunity, as
    /// the controller's qualify does when the salesperson picks the company's account.
    fn write(&mut self, story: Story) -> AppResult<()> {
        let lead_id = self
            .tx
            .insert_with_history(&story.lead, &story.lead_history)?;
        self.report.leads += 1;
        let Some(mut q) = story.qualified else {
            return Ok(());
        };

        let key = company_key(&q.lead.company);
        let known = match self.accounts.get(&key) {
            Some(&id) => Some(id),
            None => self
                .tx
                .accounts_named(&q.lead.company)?
                .first()
                .map(|a| a.id),
        };
        let account = match known {
            Some(id) => {
                // Choosing an existing account in the qualify sheet answers the link step.
                if self.link_step {
                    for record in [&mut q.lead, &mut q.opportunity] {
                        record
                            .steps
                            .insert(LINK_STEP.to_string(), StepValue::Link(id));
                    }
                }
                self.accounts.insert(key, id);
                id
            }
            None => {
                let id = self.tx.insert_account(&q.lead.company, None, q.at)?;
                self.accounts.insert(key, id);
                self.report.accounts += 1;
                id
            }
        };
        let contact = self
            .tx
            .insert_contact(&q.lead.person, Some(account), q.at)?;
        self.report.contacts += 1;

        q.opportunity.links.origin_lead = Some(lead_id);
        q.opportunity.links.account = Some(account);
        q.opportunity.links.contact = Some(contact);
        let opportunity_id = self.tx.insert_with_history(&q.opportunity, &q.history)?;
        self.report.opportunities += 1;

        q.lead.id = lead_id;
        q.lead.links.opportunity = Some(opportunity_id);
        q.lead.links.account = Some(account);
        q.lead.links.contact = Some(contact);
        self.tx.update_record(&q.lead, q.at)?;
        Ok(())
    }
}
