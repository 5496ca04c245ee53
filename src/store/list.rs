//! The record list: a page of rows at a time for any view, search and sort, read by keyset
//! from an index so a page costs the same at the top of 100,000 records as at the bottom.

use chrono::{DateTime, NaiveDate, Utc};
use rusqlite::types::Value;
use rusqlite::Row;

use super::codec::word;
use super::error::StoreResult;
use super::stage_targets::{self, StageCutoff};
use super::Tx;
use crate::process::{Money, Person, Rating, Reason, RecordId, RecordKind, Status};

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

/// The order a list shows its records in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum ListSort {
    /// Most recently changed first.
    #[default]
    Recent,
    /// Largest estimated value or revenue first; records without one last.
    Value,
    /// Soonest estimated close date first; records without one last.
    CloseDate,
}

/// Which records a list shows and in what order: a view narrowed by search words and
/// filters. The default is every open lead, most recently changed first.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct ListQuery {
    /// The view.
    pub filter: ListFilter,
    /// Words to find in topics, names, companies, e-mail addresses, phones and notes, each
    /// matching the start of a word; empty finds everything.
    pub text: String,
    /// Only records with this status.
    pub status: Option<Status>,
    /// Only records in the stage with this key.
    pub stage: Option<String>,
    /// Only records with this rating.
    pub rating: Option<Rating>,
    /// Only records from this lead source, as entered (case is ignored).
    pub source: Option<String>,
    /// Only open records whose estimated close date is before this day.
    pub overdue_on: Option<NaiveDate>,
    /// Only open records whose whole days in their current stage are past the stage's
    /// target at this moment, by the targets of the process version each record follows.
    pub overdue_in_stage_at: Option<DateTime<Utc>>,
    /// The order.
    pub sort: ListSort,
}

/// A row's place in its sort: the sort value and the record id, compared together.
#[derive(Debug, Clone, PartialEq)]
pub struct PageKey {
    value: Value,
    id: i64,
}

impl Eq for PageKey {}

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
    /// Where the row sits in its sort, to ask for the rows after it.
    pub key: PageKey,
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
    /// At most `limit` records of `query`, in its order: those after `after` when given,
    /// else those from position `offset`. Paging by `after` reads straight from an index;
    /// `offset` is for jumping into the middle of a list and costs more the further it goes.
    pub fn page(
        &self,
        query: &ListQuery,
        after: Option<&PageKey>,
        offset: usize,
        limit: usize,
    ) -> StoreResult<Vec<Summary>> {
        self.page_knowing(query, None, after, offset, limit)
    }

    /// Like [`Tx::page`], for a caller that has counted what `query` finds (`found`). When
    /// the words match most of a tab, checking the rows in the tab's order against the search
    /// index one by one reaches a page far sooner than gathering every match first.
    pub fn page_knowing(
        &self,
        query: &ListQuery,
        found: Option<usize>,
        after: Option<&PageKey>,
        offset: usize,
        limit: usize,
    ) -> StoreResult<Vec<Summary>> {
        let mut plan = Plan::new(query, &self.stage_cutoffs(query)?);
        if let (Some(found), Some(tab), Some(words)) = (found, plan.tab, plan.words) {
            if found.saturating_mul(DENSE) >= self.tab_size(tab)? {
                if let Some(condition) = plan.conditions.get_mut(words) {
                    *condition = condition.replace(MATCH_ANY, MATCH_THIS);
                }
            }
        }
        let mut params = plan.params.clone();
        let mut conditions = plan.conditions.clone();
        if let Some(key) = after {
            conditions.push(format!(
                "({sort}, id) {op} (?{}, ?{})",
                params.len() + 1,
                params.len() + 2,
                sort = plan.sort_expression,
                op = if plan.descending { "<" } else { ">" },
            ));
            params.push(key.value.clone());
            params.push(Value::Integer(key.id));
        }
        let direction = if plan.descending { "DESC" } else { "ASC" };
        let sql = format!(
            "SELECT id, kind, topic, first_name, last_name, company, stage, estimated_value,
                status, reason, stage_entered_at, {sort}
             FROM records WHERE {conditions}
             ORDER BY {sort} {direction}, id {direction} LIMIT ?{} OFFSET ?{}",
            params.len() + 1,
            params.len() + 2,
            sort = plan.sort_expression,
            conditions = conditions.join(" AND "),
        );
        params.push(Value::Integer(i64::try_from(limit).unwrap_or(i64::MAX)));
        let skip = if after.is_some() { 0 } else { offset };
        params.push(Value::Integer(i64::try_from(skip).unwrap_or(i64::MAX)));

        let mut statement = self.tx.prepare_cached(&sql)?;
        let rows = statement.query_map(rusqlite::params_from_iter(params), read_summary)?;
        let mut summaries = Vec::new();
        for row in rows {
            summaries.push(row??);
        }
        Ok(summaries)
    }

    /// The records a view shows, most recently changed first, at most `limit` of them.
    pub fn list(&self, filter: ListFilter, limit: usize) -> StoreResult<Vec<Summary>> {
        let query = ListQuery {
            filter,
            ..ListQuery::default()
        };
        self.page(&query, None, 0, limit)
    }

    /// How many records `query` finds.
    pub fn count_matching(&self, query: &ListQuery) -> StoreResult<usize> {
        let plan = Plan::new(query, &self.stage_cutoffs(query)?);

        // Words and a tab alone are answered by the full-text index without reading records.
        if plan.index_only {
            if let Some(Value::Text(words)) = plan.params.last() {
                let mut statement = self.tx.prepare_cached(
                    "SELECT COUNT(*) FROM record_search WHERE record_search MATCH ?1",
                )?;
                let count: i64 = statement.query_row([words], |row| row.get(0))?;
                return Ok(usize::try_from(count).unwrap_or(0));
            }
        }

        let sql = format!(
            "SELECT COUNT(*) FROM records WHERE {}",
            plan.conditions.join(" AND ")
        );
        let mut statement = self.tx.prepare_cached(&sql)?;
        let count: i64 =
            statement.query_row(rusqlite::params_from_iter(plan.params), |row| row.get(0))?;
        Ok(usize::try_from(count).unwrap_or(0))
    }

    /// The lead sources in use, each once whatever its case, in alphabetical order.
    pub fn lead_sources(&self) -> StoreResult<Vec<String>> {
        let mut statement = self.tx.prepare_cached(
            "SELECT min(trim(source)) FROM records WHERE trim(source) <> ''
             GROUP BY trim(source) COLLATE NOCASE ORDER BY trim(source) COLLATE NOCASE",
        )?;
        let sources = statement.query_map([], |row| row.get(0))?;
        Ok(sources.collect::<Result<_, _>>()?)
    }

    /// How many records a tab holds, as the search index counts them.
    fn tab_size(&self, tab: &str) -> StoreResult<usize> {
        let mut statement = self
            .tx
            .prepare_cached("SELECT COUNT(*) FROM record_search WHERE record_search MATCH ?1")?;
        let count: i64 = statement.query_row([format!("tab:{tab}")], |row| row.get(0))?;
        Ok(usize::try_from(count).unwrap_or(0))
    }

    /// How many records a view holds.
    pub fn count(&self, filter: ListFilter) -> StoreResult<usize> {
        let query = ListQuery {
            filter,
            ..ListQuery::default()
        };
        self.count_matching(&query)
    }
}

/// A tab holds words that match at least one record in this many "dense": its rows are then
/// checked against the index one by one in the tab's order.
const DENSE: usize = 4;

/// The search condition that gathers every match first, and the one that checks one record.
const MATCH_ANY: &str = "id IN (SELECT rowid FROM record_search WHERE record_search MATCH ";
const MATCH_THIS: &str =
    "EXISTS (SELECT 1 FROM record_search WHERE rowid = records.id AND record_search MATCH ";

/// A query turned into SQL: the conditions with their parameters and the sort.
struct Plan {
    conditions: Vec<String>,
    params: Vec<Value>,
    sort_expression: &'static str,
    descending: bool,
    /// Whether the full-text condition, the last one, holds the whole query.
    index_only: bool,
    /// The tab the query lists, when it lists one.
    tab: Option<&'static str>,
    /// Which condition is the full-text one, when the query has words.
    words: Option<usize>,
}

impl Plan {
    fn new(query: &ListQuery, cutoffs: &[StageCutoff]) -> Self {
        let mut plan = Plan {
            conditions: Vec::new(),
            params: Vec::new(),
            sort_expression: "",
            descending: true,
            index_only: false,
            tab: None,
            words: None,
        };

        let tab = match query.filter {
            ListFilter::OpenLeads => Some("lead"),
            ListFilter::OpenOpportunities => Some("opportunity"),
            ListFilter::Closed => Some("closed"),
            ListFilter::All => None,
        };
        // Each "overdue in stage" term names its tab, so the terms alone read one index range
        // each; a tab condition beside them would send every match back to its row.
        if let (Some(tab), None) = (tab, query.overdue_in_stage_at) {
            plan.push("tab = ?", Value::from(tab.to_string()));
        }
        plan.tab = tab;
        let words = match_expression(&query.text);
        if words.is_none() && !query.text.trim().is_empty() {
            // Only signs or emoji were typed: nothing is a word to look for, so nothing is
            // found, rather than everything.
            plan.conditions.push("0 = 1".to_string());
        }
        if let Some(words) = words {
            // The tab narrows the index's answer before any record is read.
            let words = match tab {
                Some(tab) => format!("{words} AND tab:{tab}"),
                None => words,
            };
            plan.words = Some(plan.conditions.len());
            plan.push(&format!("{MATCH_ANY}?)"), Value::from(words));
            plan.index_only = true;
        }
        let filtered = query.status.is_some()
            || query.stage.is_some()
            || query.rating.is_some()
            || query.source.is_some()
            || query.overdue_on.is_some()
            || query.overdue_in_stage_at.is_some();
        plan.index_only &= !filtered;
        if let Some(status) = query.status {
            plan.push("status = ?", Value::from(status.as_str().to_string()));
        }
        if let Some(stage) = &query.stage {
            plan.push("stage = ?", Value::from(stage.clone()));
        }
        if let Some(rating) = query.rating {
            plan.push("rating = ?", Value::from(rating.as_str().to_string()));
        }
        if let Some(source) = &query.source {
            plan.push(
                "trim(source) = ? COLLATE NOCASE",
                Value::from(source.trim().to_string()),
            );
        }
        if let Some(day) = query.overdue_on {
            plan.push(
                "status = 'open' AND estimated_close < ?",
                Value::from(day.format("%Y-%m-%d").to_string()),
            );
        }
        if query.overdue_in_stage_at.is_some() {
            let (condition, params) = stage_targets::condition(cutoffs, tab, plan.params.len());
            plan.conditions.push(condition);
            plan.params.extend(params);
        }
        if plan.conditions.is_empty() {
            plan.conditions.push("1 = 1".to_string());
        }

        (plan.sort_expression, plan.descending) = match query.sort {
            ListSort::Recent => ("updated_at", true),
            ListSort::Value => ("coalesce(estimated_value, -9223372036854775808)", true),
            ListSort::CloseDate => ("coalesce(estimated_close, '9999-12-31')", false),
        };
        plan
    }

    /// Adds a condition with one `?`, numbered here so conditions can be joined in any order.
    fn push(&mut self, condition: &str, value: Value) {
        self.params.push(value);
        let numbered = condition.replace('?', &format!("?{}", self.params.len()));
        self.conditions.push(numbered);
    }
}

/// Words of a search that count; a pasted paragraph is searched by its first ones, since each
/// word is one more pass over the index and a keystroke must stay quick.
const MOST_WORDS: usize = 12;

/// The full-text query for what was typed: every word must start a word of the record's
/// text (never of its tab); a word typed twice counts once. Only letters and digits are
/// kept, so nothing typed can be read as query syntax.
fn match_expression(text: &str) -> Option<String> {
    let mut seen = std::collections::HashSet::new();
    let words: Vec<String> = text
        .split(|c: char| !c.is_alphanumeric())
        .filter(|word| !word.is_empty() && seen.insert(word.to_lowercase()))
        .take(MOST_WORDS)
        .map(|word| format!("\"{word}\"*"))
        .collect();
    (!words.is_empty()).then(|| format!("{{topic people company notes}} : ({})", words.join(" ")))
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
    let key = PageKey {
        value: row.get(11)?,
        id: id.0,
    };
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
            key,
        })
    })())
}
