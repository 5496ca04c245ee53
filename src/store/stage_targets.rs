//! The "overdue in stage" filter: which process versions and stages have a target, and the
//! SQL that keeps the open records past it. A record is overdue once its whole days in the
//! current stage exceed the target, so the filter agrees with the red chevron.

use chrono::Duration;
use rusqlite::types::Value;

use super::codec::from_json;
use super::error::StoreResult;
use super::list::ListQuery;
use super::Tx;
use crate::process::ProcessDefinition;

/// How rusqlite writes a time, so stored times and bounds compare as text.
const SQL_TIME: &str = "%F %T%.f%:z";

/// An open record of this process version in this stage is overdue when it entered at or
/// before `before` (a time as stored). `tab` is the tab open records of the stage's kind
/// show in.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) struct StageCutoff {
    tab: &'static str,
    process: i64,
    stage: String,
    before: String,
}

impl Tx<'_> {
    /// For a query asking for records overdue in their stage: each process version and
    /// stage with a target, and the time a record entering it at or before is overdue.
    pub(super) fn stage_cutoffs(&self, query: &ListQuery) -> StoreResult<Vec<StageCutoff>> {
        let Some(now) = query.overdue_in_stage_at else {
            return Ok(Vec::new());
        };
        let mut statement = self
            .tx
            .prepare_cached("SELECT id, definition FROM processes ORDER BY id")?;
        let rows = statement.query_map([], |row| {
            Ok((row.get::<_, i64>(0)?, row.get::<_, String>(1)?))
        })?;
        let mut cutoffs = Vec::new();
        for row in rows {
            let (process, text) = row?;
            let definition: ProcessDefinition = from_json(&text, "process definition")?;
            for stage in definition.stages {
                if let Some(days) = stage.target_days {
                    // Whole days past the target: a full day more than it has gone by.
                    let before = now - Duration::days(i64::from(days) + 1);
                    cutoffs.push(StageCutoff {
                        tab: stage.record_kind.as_str(),
                        process,
                        stage: stage.key,
                        before: before.format(SQL_TIME).to_string(),
                    });
                }
            }
        }
        Ok(cutoffs)
    }
}

/// The condition keeping open records past their stage's target, on the tab `only` when
/// given, with its parameters numbered after the `taken` ones: one term per process version
/// and stage with a target, each naming its tab (so it is open) and read as one range of
/// `records_by_stage_time`; none matching when no stage has a target.
pub(super) fn condition(
    cutoffs: &[StageCutoff],
    only: Option<&str>,
    taken: usize,
) -> (String, Vec<Value>) {
    let mut terms = Vec::new();
    let mut params = Vec::new();
    for cutoff in cutoffs
        .iter()
        .filter(|c| only.is_none_or(|tab| tab == c.tab))
    {
        let first = taken + params.len() + 1;
        terms.push(format!(
            "(tab = ?{first} AND process_id = ?{} AND stage = ?{} AND stage_entered_at <= ?{})",
            first + 1,
            first + 2,
            first + 3
        ));
        params.push(Value::from(cutoff.tab.to_string()));
        params.push(Value::Integer(cutoff.process));
        params.push(Value::from(cutoff.stage.clone()));
        params.push(Value::from(cutoff.before.clone()));
    }
    let any = if terms.is_empty() {
        "0 = 1".to_string()
    } else {
        terms.join(" OR ")
    };
    (format!("({any})"), params)
}
