//! Stride's own export read back in: rows with a `Stride Id` update that record (only the
//! fields the file has a column for), rows without one become new records of the kind, at
//! the stage and with the status the row names, as the export wrote them. Cells keep the
//! formula guard the export added until it is removed here.

use chrono::{DateTime, Utc};

use super::batch::Collector;
use super::columns::Columns;
use super::conventions::Conventions;
use super::detect::fold;
use super::steps::step_value;
use super::stride_place::{place, Placement};
use super::table::{RawRow, Table};
use super::{fields, ImportBatch, SourceFormat};
use crate::export::{restore, Column};
use crate::process::{looks_like_email, ProcessDefinition, Rating, Record, RecordId};

/// The changes one row of an export asks for on an existing record.
#[derive(Debug, Clone, PartialEq)]
pub struct StrideUpdate {
    /// The row's line in the file.
    pub line: usize,
    /// The record the row belongs to.
    pub id: RecordId,
    /// The editable columns whose values could be read, in `values`.
    pub columns: Vec<Column>,
    /// A record holding the row's values for `columns`; its other fields mean nothing.
    pub values: Record,
    /// The cells of columns import does not change, to report when they were edited.
    pub fixed: Vec<(Column, String)>,
}

/// The columns of the file Stride knows, by position.
fn known_columns(headers: &[String], process: &ProcessDefinition) -> Vec<Option<Column>> {
    let all = Column::all(process);
    let mut seen: Vec<Column> = Vec::new();
    headers
        .iter()
        .map(|header| {
            let folded = fold(restore(header));
            let column = all.iter().find(|c| fold(c.header()) == folded)?.clone();
            if seen.contains(&column) {
                return None;
            }
            seen.push(column.clone());
            Some(column)
        })
        .collect()
}

/// Reads a Stride export; `first_stage` is where rows without an id start when they name no
/// kind and stage.
pub(super) fn read(
    table: &Table,
    process: &ProcessDefinition,
    first_stage: &str,
    now: DateTime<Utc>,
) -> ImportBatch {
    let known = known_columns(&table.headers, process);
    let columns = Columns::new(&table.headers, &[]).with(table.conventions);
    let mut collector = Collector::new(SourceFormat::StrideExport, &columns, table);
    collector.name_columns(
        known
            .iter()
            .map(|c| c.as_ref().map(|c| c.header().to_string()))
            .collect(),
    );

    for raw in &table.rows {
        let id_cell = cell_of(raw, &known, &Column::Id).unwrap_or_default();
        let id = match id_cell.trim() {
            "" => None,
            text => match text.parse::<i64>() {
                Ok(id) if id > 0 => Some(RecordId(id)),
                _ => {
                    let reason = format!("its Stride Id \"{text}\" is not a record number");
                    collector.skip(raw.line, reason);
                    continue;
                }
            },
        };

        let mut values = Record::new_lead(first_stage, now);
        let mut read = Vec::new();
        let mut fixed = Vec::new();
        for (column, text) in known.iter().zip(&raw.values) {
            let Some(column) = column else { continue };
            let text = restore(text.trim()).to_string();
            if !column.editable() {
                fixed.push((column.clone(), text));
                continue;
            }
            match apply(column, &text, &mut values, process, table.conventions) {
                Ok(()) => read.push(column.clone()),
                Err(why) => collector.problem(
                    raw.line,
                    format!(
                        "{} \"{text}\" {why}; the field is left as it was",
                        column.header()
                    ),
                ),
            }
        }

        match id {
            Some(id) => collector.update(StrideUpdate {
                line: raw.line,
                id,
                columns: read,
                values,
                fixed,
            }),
            None if values.topic.trim().is_empty()
                && values.person.last_name.trim().is_empty()
                && values.company.trim().is_empty() =>
            {
                collector.skip(
                    raw.line,
                    "it has no Stride Id and neither a topic, a last name nor a company"
                        .to_string(),
                );
            }
            None => {
                let cell = |column: Column| cell_of(raw, &known, &column).unwrap_or_default();
                let cells = Placement {
                    kind: cell(Column::Kind),
                    stage: cell(Column::Stage),
                    status: cell(Column::Status),
                    reason: cell(Column::Reason),
                    probability: cell(Column::Probability),
                };
                for problem in place(&cells, &mut values, process) {
                    collector.problem(raw.line, problem);
                }
                collector.new_record(raw.line, values);
            }
        }
    }

    collector.finish()
}

/// The restored cell of `column` in the row, if the file has that column.
fn cell_of<'r>(raw: &'r RawRow, known: &[Option<Column>], column: &Column) -> Option<&'r str> {
    let at = known.iter().position(|c| c.as_ref() == Some(column))?;
    raw.values.get(at).map(|v| restore(v))
}

/// Reads one editable cell into the record, or says why it cannot be used.
pub(super) fn apply(
    column: &Column,
    text: &str,
    record: &mut Record,
    process: &ProcessDefinition,
    conventions: Conventions,
) -> Result<(), String> {
    let text = text.trim();
    match column {
        Column::Topic => record.topic = text.to_string(),
        Column::FirstName => record.person.first_name = text.to_string(),
        Column::LastName => record.person.last_name = text.to_string(),
        Column::JobTitle => record.person.job_title = text.to_string(),
        Column::Company => record.company = text.to_string(),
        Column::Email if text.is_empty() || looks_like_email(text) => {
            record.person.email = text.to_string();
        }
        Column::Email => return Err("is not an e-mail address".to_string()),
        Column::Phone => record.person.phone = text.to_string(),
        Column::Source => record.source = text.to_string(),
        Column::Notes => record.notes = text.to_string(),
        Column::Rating if text.is_empty() => record.rating = None,
        Column::Rating => {
            let rating = text
                .parse::<Rating>()
                .map_err(|_| "is not Hot, Warm or Cold")?;
            record.rating = Some(rating);
        }
        Column::Value if text.is_empty() => record.estimated_value = None,
        Column::Value => {
            let value = fields::money_in(text, conventions.decimal).ok_or("is not an amount")?;
            record.estimated_value = Some(value);
        }
        Column::CloseDate if text.is_empty() => record.estimated_close = None,
        Column::CloseDate => {
            let date = fields::date_in(text, conventions.dates).ok_or("is not a date")?;
            record.estimated_close = Some(date);
        }
        Column::Step { key, .. } if text.is_empty() => {
            record.steps.remove(key);
        }
        Column::Step { key, .. } => {
            let value = step_value(process, key, text, conventions)?;
            record.steps.insert(key.clone(), value);
        }
        Column::Id
        | Column::Kind
        | Column::Probability
        | Column::Stage
        | Column::Status
        | Column::Reason
        | Column::Created => return Err("is not changed by an import".to_string()),
    }
    Ok(())
}

/// Copies the field of `column` from `from` to `to`.
pub fn copy_field(column: &Column, from: &Record, to: &mut Record) {
    match column {
        Column::Topic => to.topic.clone_from(&from.topic),
        Column::FirstName => to.person.first_name.clone_from(&from.person.first_name),
        Column::LastName => to.person.last_name.clone_from(&from.person.last_name),
        Column::JobTitle => to.person.job_title.clone_from(&from.person.job_title),
        Column::Company => to.company.clone_from(&from.company),
        Column::Email => to.person.email.clone_from(&from.person.email),
        Column::Phone => to.person.phone.clone_from(&from.person.phone),
        Column::Source => to.source.clone_from(&from.source),
        Column::Notes => to.notes.clone_from(&from.notes),
        Column::Rating => to.rating = from.rating,
        Column::Value => to.estimated_value = from.estimated_value,
        Column::CloseDate => to.estimated_close = from.estimated_close,
        Column::Step { key, .. } => match from.steps.get(key) {
            Some(value) => {
                to.steps.insert(key.clone(), value.clone());
            }
            None => {
                to.steps.remove(key);
            }
        },
        Column::Id
        | Column::Kind
        | Column::Probability
        | Column::Stage
        | Column::Status
        | Column::Reason
        | Column::Created => {}
    }
}
