//! The record list: one query per view, returning only what a list row shows.

use chrono::{DateTime, Utc};
use rusqlite::Row;

use super::codec::word;
use super::error::StoreResult;
use super::Tx;
use crate::process::{Money, Person, Reason, RecordId, RecordKind, Status};

/// Which records a list shows.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum ListFilter {
    /// Open leads.
    #[default]
    OpenLeads,
    /// Open opportunities.
    OpenOpportunities,
    /// Qualified and disqualified leads, won and lost opportunities.
    Closed,
    /// Everything.
    All,
}

/// What a list row shows about a record.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Summary {
    /// The record's id.
    pub id: RecordId,
    /// Lead or opportunity.
    pub kind: RecordKind,
    /// The topic as entered.
    pub topic: String,
    /// The person's first and last name.
    pub person: String,
    /// Company name.
    pub company: String,
    /// Key of the current stage.
    pub stage: String,
    /// Estimated value or revenue.
    pub estimated_value: Option<Money>,
    /// The status.
    pub status: Status,
    /// The status reason.
    pub reason: Reason,
    /// When the current stage was entered.
    pub stage_entered_at: DateTime<Utc>,
}

impl Summary {
    /// The name a list shows: topic, else the person, else the company.
    pub fn title(&self) -> String {
        [&self.topic, &self.person, &self.company]
            .into_iter()
            .map(|text| text.trim())
            .find(|text| !text.is_empty())
            .map(str::to_string)
            .unwrap_or_else(|| format!("{} {}", self.kind.label(), self.id))
    }
}

impl Tx<'_> {
    /// The records a view shows, most recently changed first, at most `limit` of them.
    pub fn list(&self, filter: ListFilter, limit: usize) -> StoreResult<Vec<Summary>> {
        let sql = format!(
            "SELECT id, kind, topic, first_name, last_name, company, stage, estimated_value,
                status, reason, stage_entered_at
             FROM records WHERE {} ORDER BY updated_at DESC, id DESC LIMIT ?1",
            condition(filter)
        );
        let mut query = self.tx.prepare_cached(&sql)?;
        let limit = i64::try_from(limit).unwrap_or(i64::MAX);
        let rows = query.query_map([limit], read_summary)?;
        let mut summaries = Vec::new();
        for row in rows {
            summaries.push(row??);
        }
        Ok(summaries)
    }

    /// How many records a view holds.
    pub fn count(&self, filter: ListFilter) -> StoreResult<usize> {
        let sql = format!("SELECT COUNT(*) FROM records WHERE {}", condition(filter));
        let count: i64 = self.tx.query_row(&sql, [], |row| row.get(0))?;
        Ok(usize::try_from(count).unwrap_or(0))
    }
}

fn condition(filter: ListFilter) -> &'static str {
    match filter {
        ListFilter::OpenLeads => "kind = 'lead' AND status = 'open'",
        ListFilter::OpenOpportunities => "kind = 'opportunity' AND status = 'open'",
        ListFilter::Closed => "status <> 'open'",
        ListFilter::All => "1 = 1",
    }
}

fn read_summary(row: &Row<'_>) -> rusqlite::Result<StoreResult<Summary>> {
    let kind: String = row.get(1)?;
    let status: String = row.get(8)?;
    let reason: String = row.get(9)?;
    let person = Person {
        first_name: row.get(3)?,
        last_name: row.get(4)?,
        ..Person::default()
    };
    let id = RecordId(row.get(0)?);
    let topic = row.get(2)?;
    let company = row.get(5)?;
    let stage = row.get(6)?;
    let estimated_value = row.get::<_, Option<i64>>(7)?.map(Money::from_minor);
    let stage_entered_at = row.get(10)?;
    Ok((|| {
        Ok(Summary {
            id,
            kind: word(&kind)?,
            topic,
            person: person.full_name(),
            company,
            stage,
            estimated_value,
            status: word(&status)?,
            reason: word(&reason)?,
            stage_entered_at,
        })
    })())
}
