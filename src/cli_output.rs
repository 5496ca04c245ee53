//! How the command line prints records: aligned tables for people, JSON for scripts.

use std::io::Write;

use anyhow::Result;
use serde_json::json;

use crate::controller::{Controller, ListRow, RecordPage, StageState};
use crate::process::{CloseInfo, Money, Reason, RecordId, RecordKind, Status};
use crate::store::{ListFilter, ListQuery};

/// Prints the records of a list view.
pub fn list(
    controller: &Controller,
    filter: ListFilter,
    json: bool,
    out: &mut dyn Write,
) -> Result<()> {
    let rows = controller.list(filter)?;
    print_rows(&rows, json, out)
}

/// Prints how many records a search finds, then the first `limit` of them.
pub fn search(
    controller: &Controller,
    query: &ListQuery,
    limit: usize,
    json: bool,
    out: &mut dyn Write,
) -> Result<()> {
    let (total, rows) = controller.search(query, limit)?;
    if json {
        let items: Vec<_> = rows.iter().map(row_json).collect();
        let found = json!({ "total": total, "records": items });
        writeln!(out, "{}", serde_json::to_string_pretty(&found)?)?;
        return Ok(());
    }

    match total {
        0 => writeln!(out, "No records found.")?,
        1 => writeln!(out, "1 record found.")?,
        n if n > rows.len() => writeln!(out, "{n} records found; the first {} are:", rows.len())?,
        n => writeln!(out, "{n} records found.")?,
    }
    if !rows.is_empty() {
        print_rows(&rows, false, out)?;
    }
    Ok(())
}

fn print_rows(rows: &[ListRow], json: bool, out: &mut dyn Write) -> Result<()> {
    if json {
        let items: Vec<_> = rows.iter().map(row_json).collect();
        writeln!(out, "{}", serde_json::to_string_pretty(&items)?)?;
        return Ok(());
    }

    writeln!(
        out,
        "{:>5}  {:<11}  {:<12}  {:<8}  {:<40}  COMPANY",
        "ID", "KIND", "STATUS", "STAGE", "TOPIC"
    )?;
    for row in rows {
        writeln!(
            out,
            "{:>5}  {:<11}  {:<12}  {:<8}  {:<40}  {}",
            row.id.0,
            row.kind.as_str(),
            row.status.as_str(),
            plain(&row.stage_name),
            clip(&row.title, 40),
            plain(&row.company)
        )?;
    }
    Ok(())
}

/// Prints one record with its stages and steps.
pub fn show(controller: &Controller, id: RecordId, json: bool, out: &mut dyn Write) -> Result<()> {
    let page = controller.page(id)?;
    let record = &page.record;
    if json {
        let stages: Vec<_> = page
            .stages
            .iter()
            .map(|stage| {
                let steps: Vec<_> = stage
                    .steps
                    .iter()
                    .map(|s| {
                        json!({
                            "key": s.key, "label": s.label,
                            "required": s.required, "value": s.text,
                        })
                    })
                    .collect();
                json!({"key": stage.key, "name": stage.name, "state": state_word(stage.state),
                       "days_spent": stage.days_spent, "steps": steps})
            })
            .collect();
        let value = json!({
            "id": record.id.0, "kind": record.kind.as_str(), "status": record.status.as_str(),
            "reason": record.reason.as_str(), "stage": stage_name(&page), "stage_key": record.stage,
            "topic": record.topic,
            "title": page.title, "company": record.company,
            "first_name": record.person.first_name, "last_name": record.person.last_name,
            "job_title": record.person.job_title, "email": record.person.email,
            "phone": record.person.phone, "source": record.source,
            "rating": record.rating.map(|r| r.as_str()), "notes": record.notes,
            "estimated_close": record.estimated_close,
            "probability": record.probability, "active_days": page.active_days,
            "estimated_value": record.estimated_value.map(amount_json),
            "account": page.account, "contact": page.contact,
            "opportunity": record.links.opportunity.map(|id| id.0),
            "origin_lead": record.links.origin_lead.map(|id| id.0),
            "close": record.close,
            "stages": stages,
            "probability_source": page.probability_source,
            "history": {
                "stages": page.history.stages.iter().map(|s| json!({
                    "name": s.name, "time": s.time, "visits": s.visits,
                })).collect::<Vec<_>>(),
                "events": page.history.events,
            },
        });
        writeln!(out, "{}", serde_json::to_string_pretty(&value)?)?;
        return Ok(());
    }

    writeln!(
        out,
        "{} {}: {}",
        record.kind.label(),
        record.id,
        plain(&page.title)
    )?;
    writeln!(out, "Status: {}", status_text(record.status, record.reason))?;
    for (label, value) in details(&page) {
        writeln!(out, "{label:<12} {}", plain(&value))?;
    }
    for stage in &page.stages {
        let mark = match stage.state {
            StageState::Completed => "[x]",
            StageState::Current => "[>]",
            StageState::Upcoming => "[ ]",
        };
        let active = if stage.state == StageState::Current {
            let days = page.active_days;
            format!(
                " - active for {days} day{}",
                if days == 1 { "" } else { "s" }
            )
        } else {
            String::new()
        };
        writeln!(out, "{mark} {}{active}", plain(&stage.name))?;
        for step in &stage.steps {
            let required = if step.required { " (required)" } else { "" };
            writeln!(
                out,
                "      {:<22} {}{required}: {}",
                step.key,
                plain(&step.label),
                plain(&step.text)
            )?;
        }
    }
    if !page.history.stages.is_empty() {
        writeln!(out, "Time in stages: {}", plain(&page.history.stage_line()))?;
    }
    if !page.history.events.is_empty() {
        writeln!(out, "History:")?;
        for event in &page.history.events {
            writeln!(out, "  {}", plain(event))?;
        }
    }
    Ok(())
}

/// The name of the record's current stage, as the list shows it.
fn stage_name(page: &RecordPage) -> String {
    page.stages
        .iter()
        .find(|stage| stage.key == page.record.stage)
        .map_or_else(|| page.record.stage.clone(), |stage| stage.name.clone())
}

/// The record's filled-in fields as label and value, in reading order.
fn details(page: &RecordPage) -> Vec<(&'static str, String)> {
    let record = &page.record;
    let mut lines = vec![
        ("Name:", record.person.full_name()),
        ("Job title:", record.person.job_title.clone()),
        ("Company:", record.company.clone()),
        ("E-mail:", record.person.email.clone()),
        ("Phone:", record.person.phone.clone()),
        ("Source:", record.source.clone()),
        (
            "Rating:",
            record.rating.map(|r| r.to_string()).unwrap_or_default(),
        ),
        (
            "Est. value:",
            record
                .estimated_value
                .map(|v| v.to_string())
                .unwrap_or_default(),
        ),
        (
            "Est. close:",
            record
                .estimated_close
                .map(|d| d.to_string())
                .unwrap_or_default(),
        ),
        ("Account:", page.account.clone().unwrap_or_default()),
        ("Contact:", page.contact.clone().unwrap_or_default()),
        ("Process:", page.process_name.clone()),
    ];
    if record.kind == RecordKind::Opportunity {
        let source = page.probability_source;
        lines.push((
            "Probability:",
            format!("{}% ({source})", record.probability),
        ));
    }
    match &record.close {
        Some(CloseInfo::Won { revenue, date }) => {
            lines.push(("Won:", format!("{revenue} on {date}")));
        }
        Some(CloseInfo::Lost {
            reason,
            competitor,
            note,
            date,
        }) => {
            let mut text = format!("{reason} on {date}");
            for extra in [competitor, note].into_iter().filter(|t| !t.is_empty()) {
                text.push_str(&format!("; {extra}"));
            }
            lines.push(("Lost:", text));
        }
        None => {}
    }
    lines.push(("Notes:", record.notes.clone()));
    lines.retain(|(_, value)| !value.trim().is_empty());
    lines
}

/// Prints the stage a record is in now.
pub fn stage_line(controller: &Controller, id: RecordId, out: &mut dyn Write) -> Result<()> {
    let page = controller.page(id)?;
    let stage = page
        .stages
        .iter()
        .find(|s| s.key == page.record.stage)
        .map(|s| s.name.clone());
    writeln!(
        out,
        "Record {id} is now in {}.",
        stage.unwrap_or(page.record.stage)
    )?;
    Ok(())
}

fn row_json(row: &ListRow) -> serde_json::Value {
    json!({
        "id": row.id.0, "kind": row.kind.as_str(), "status": row.status.as_str(),
        "stage": row.stage_name, "topic": row.title, "company": row.company,
        "estimated_value": row.amount.map(amount_json), "days_in_stage": row.days_in_stage,
    })
}

/// An amount as a JSON number: 12500.5, not "12,500.50". Amounts carry no currency.
fn amount_json(amount: Money) -> serde_json::Value {
    let units = amount.minor() as f64 / 100.0;
    serde_json::Number::from_f64(units).map_or(serde_json::Value::Null, Into::into)
}

/// "Lost (Out-sold)", but "Won" rather than "Won (Won)": the reason only when it adds to
/// the status.
fn status_text(status: Status, reason: Reason) -> String {
    if status.label() == reason.label() {
        status.label().to_string()
    } else {
        format!("{status} ({reason})")
    }
}

fn state_word(state: StageState) -> &'static str {
    match state {
        StageState::Completed => "completed",
        StageState::Current => "current",
        StageState::Upcoming => "upcoming",
    }
}

/// Text from a record as the terminal should show it: control characters (line breaks,
/// terminal escapes from an imported file) become spaces.
fn plain(text: &str) -> String {
    text.chars()
        .map(|c| if c.is_control() { ' ' } else { c })
        .collect()
}

/// The text on one table cell: [`plain`], and anything wider than `width` ends in an
/// ellipsis.
fn clip(text: &str, width: usize) -> String {
    let plain = plain(text);
    if plain.chars().count() <= width {
        plain
    } else {
        let mut clipped: String = plain.chars().take(width - 1).collect();
        clipped.push('…');
        clipped
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_cell_stays_on_one_line_and_within_its_width() {
        assert_eq!(clip("Ann\nLee\u{1b}[31m", 20), "Ann Lee [31m");
        assert_eq!(clip("Grimes-Williams", 8), "Grimes-…");
        assert_eq!(clip("Ng", 8), "Ng");
    }

    #[test]
    fn amounts_are_numbers_and_reasons_show_only_when_they_add() {
        let cases = [(1_250_050, "12500.5"), (0, "0.0"), (-99, "-0.99")];
        for (minor, json) in cases {
            assert_eq!(amount_json(Money::from_minor(minor)).to_string(), json);
        }
        let statuses = [
            (Status::Won, Reason::Won, "Won"),
            (Status::Qualified, Reason::Qualified, "Qualified"),
            (Status::Lost, Reason::OutSold, "Lost (Out-sold)"),
            (Status::Open, Reason::New, "Open (New)"),
        ];
        for (status, reason, text) in statuses {
            assert_eq!(status_text(status, reason), text);
        }
    }
}
