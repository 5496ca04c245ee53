//! How the command line prints records: aligned tables for people, JSON for scripts.

use std::io::Write;

use anyhow::Result;
use serde_json::json;

use crate::controller::{Controller, ListRow, StageState};
use crate::process::RecordId;
use crate::store::ListFilter;

/// Prints the records of a list view.
pub fn list(
    controller: &Controller,
    filter: ListFilter,
    json: bool,
    out: &mut dyn Write,
) -> Result<()> {
    let rows = controller.list(filter)?;
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
    for row in &rows {
        writeln!(
            out,
            "{:>5}  {:<11}  {:<12}  {:<8}  {:<40}  {}",
            row.id.0,
            row.kind.as_str(),
            row.status.as_str(),
            row.stage_name,
            clip(&row.title, 40),
            row.company
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
                    .map(|s| json!({"key": s.key, "label": s.label, "required": s.required, "value": s.text}))
                    .collect();
                json!({"key": stage.key, "name": stage.name, "state": state_word(stage.state),
                       "days_spent": stage.days_spent, "steps": steps})
            })
            .collect();
        let value = json!({
            "id": record.id.0, "kind": record.kind.as_str(), "status": record.status.as_str(),
            "reason": record.reason.as_str(), "stage": record.stage, "topic": record.topic,
            "title": page.title, "company": record.company, "email": record.person.email,
            "probability": record.probability, "active_days": page.active_days,
            "estimated_value": record.estimated_value.map(|v| v.to_string()),
            "account": page.account, "contact": page.contact,
            "opportunity": record.links.opportunity.map(|id| id.0),
            "origin_lead": record.links.origin_lead.map(|id| id.0),
            "stages": stages,
        });
        writeln!(out, "{}", serde_json::to_string_pretty(&value)?)?;
        return Ok(());
    }

    writeln!(out, "{} {}: {}", record.kind.label(), record.id, page.title)?;
    writeln!(out, "Status: {} ({})", record.status, record.reason)?;
    for stage in &page.stages {
        let mark = match stage.state {
            StageState::Completed => "[x]",
            StageState::Current => "[>]",
            StageState::Upcoming => "[ ]",
        };
        let active = if stage.state == StageState::Current {
            format!(" - active for {} day(s)", page.active_days)
        } else {
            String::new()
        };
        writeln!(out, "{mark} {}{active}", stage.name)?;
        for step in &stage.steps {
            let required = if step.required { " (required)" } else { "" };
            writeln!(
                out,
                "      {:<22} {}{required}: {}",
                step.key, step.label, step.text
            )?;
        }
    }
    Ok(())
}

/// Prints the stage a record is in now.
pub fn stage_line(controller: &Controller, id: RecordId, out: &mut dyn Write) -> Result<()> {
    let page = controller.page(id)?;
    let stage = controller
        .process()
        .stage(&page.record.stage)
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
        "estimated_value": row.estimated_value, "days_in_stage": row.days_in_stage,
    })
}

fn state_word(state: StageState) -> &'static str {
    match state {
        StageState::Completed => "completed",
        StageState::Current => "current",
        StageState::Upcoming => "upcoming",
    }
}

fn clip(text: &str, width: usize) -> String {
    if text.chars().count() <= width {
        text.to_string()
    } else {
        let mut clipped: String = text.chars().take(width - 1).collect();
        clipped.push('…');
        clipped
    }
}
