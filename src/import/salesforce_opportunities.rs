//! Salesforce Opportunity exports (API-name headers) read into opportunities at the stage of
//! the company's process that matches their `StageName`, closed as won or lost when they are.
//!
//! `IsClosed` and `IsWon` overrule the stage name when the two disagree (the stage name is
//! then kept among the extra fields). Open opportunities keep the file's `Probability`
//! unless it is 0 or missing, which Salesforce writes for many open stages; they then take
//! the stage's own probability. Columns without a field are kept among the extra fields.

use chrono::{DateTime, Utc};

use super::batch::Collector;
use super::columns::{Columns, Field, Row};
use super::salesforce::{is_deleted, DELETED};
use super::stages::{OpportunityStages, Phase};
use super::table::Table;
use super::{fields, ImportBatch, ImportError, SourceFormat};
use crate::process::{
    CloseInfo, LostReason, Money, ProcessDefinition, Reason, Record, RecordKind, Status,
};

/// The Opportunity columns Stride has a place for, by folded API name.
pub(super) const COLUMNS: [(&str, Field); 19] = [
    ("id", Field::ExternalId),
    ("isdeleted", Field::Deleted),
    ("accountid", Field::AccountId),
    ("accountname", Field::Company),
    ("name", Field::Topic),
    ("description", Field::Description),
    ("stagename", Field::Stage),
    ("amount", Field::Amount),
    ("probability", Field::Probability),
    ("closedate", Field::CloseDate),
    ("isclosed", Field::Closed),
    ("iswon", Field::Won),
    ("leadsource", Field::Source),
    ("createddate", Field::CreatedAt),
    ("laststagechangedate", Field::StageChangedAt),
    ("lossreason", Field::LossReason),
    ("lossreasonc", Field::LossReason),
    ("closedlostreason", Field::LossReason),
    ("closedlostreasonc", Field::LossReason),
];

/// Where an opportunity stands: open in a phase, or closed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Outcome {
    /// Still being worked, in this phase.
    Open(Phase),
    /// Closed as a sale.
    Won,
    /// Closed without a sale.
    Lost,
}

/// Reads a Salesforce opportunity export into opportunities of `process`.
pub(super) fn read(
    table: &Table,
    process: &ProcessDefinition,
    now: DateTime<Utc>,
) -> Result<ImportBatch, ImportError> {
    let stages = OpportunityStages::of(process)?;
    let columns = Columns::new(&table.headers, &COLUMNS).with(table.conventions);
    let mut collector = Collector::new(SourceFormat::SalesforceOpportunities, &columns, table);

    for raw in &table.rows {
        let mut row = columns.row(raw);
        match opportunity(&mut row, &stages, now) {
            Ok(record) => {
                let account_ref = row.text(Field::AccountId).map(str::to_string);
                collector.record(row, record, account_ref);
            }
            Err(reason) => collector.skip(raw.line, reason.to_string()),
        }
    }

    Ok(collector.finish())
}

/// The opportunity in one row, or why the row cannot be one.
fn opportunity(
    row: &mut Row<'_>,
    stages: &OpportunityStages<'_>,
    now: DateTime<Utc>,
) -> Result<Record, &'static str> {
    if is_deleted(row) {
        return Err(DELETED);
    }
    let Some(name) = row.text(Field::Topic) else {
        return Err("it has no Name");
    };

    let outcome = outcome_of(row);
    let closed = matches!(outcome, Outcome::Won | Outcome::Lost);
    let close_date = row.date(Field::CloseDate);
    if closed && close_date.is_none() {
        return Err("it is closed but has no readable CloseDate");
    }
    let amount = row.money(Field::Amount);
    if outcome == Outcome::Won && amount.is_none() && row.text(Field::Amount).is_some() {
        return Err("it is won but its Amount is not an amount");
    }

    let phase = match outcome {
        Outcome::Open(phase) => phase,
        Outcome::Won | Outcome::Lost => Phase::Close,
    };
    let stage = stages.get(phase);
    let created = row.timestamp(Field::CreatedAt).unwrap_or(now);
    let mut record = Record::new_lead(&stage.key, created);
    record.kind = RecordKind::Opportunity;
    record.stage_entered_at = row.timestamp(Field::StageChangedAt).unwrap_or(created);
    record.topic = name.to_string();
    record.external_id = row.text(Field::ExternalId).map(str::to_string);
    record.company = row.string(Field::Company);
    record.source = row.string(Field::Source);
    record.notes = row.string(Field::Description);
    record.estimated_value = amount;
    record.estimated_close = close_date;

    let file_probability = row.parse(Field::Probability, "a percentage", fields::percent);
    match (outcome, close_date) {
        (Outcome::Won, Some(date)) => {
            record.status = Status::Won;
            record.reason = Reason::Won;
            record.probability = 100;
            record.close = Some(CloseInfo::Won {
                revenue: amount.unwrap_or(Money::from_minor(0)),
                date,
            });
            row.keep(Field::LossReason);
        }
        (Outcome::Lost, Some(date)) => {
            let note = row.string(Field::LossReason);
            let reason = lost_reason(&note);
            record.status = Status::Lost;
            record.reason = reason.into();
            record.probability = 0;
            record.close = Some(CloseInfo::Lost {
                reason,
                competitor: String::new(),
                note,
                date,
            });
        }
        _ => {
            record.reason = Reason::InProgress;
            record.probability = file_probability
                .filter(|p| *p > 0)
                .unwrap_or(stage.probability);
            row.keep(Field::LossReason);
        }
    }

    Ok(record)
}

/// Where the row's opportunity stands, from `StageName`, `IsClosed` and `IsWon`.
fn outcome_of(row: &mut Row<'_>) -> Outcome {
    let named = row
        .text(Field::Stage)
        .map(|word| (word, stage_outcome(word)));
    if let Some((_, None)) = named {
        row.refuse(Field::Stage, "is not a stage Stride knows");
    }
    let named = named.and_then(|(_, outcome)| outcome);
    let closed = flag(row, Field::Closed);
    let won = flag(row, Field::Won);

    let outcome = decide(named, closed, won);
    if named.is_some_and(|n| n != outcome) {
        row.keep(Field::Stage);
    }
    outcome
}

/// A flag column: `None` when the file has no such column or its value is unreadable.
fn flag(row: &mut Row<'_>, field: Field) -> Option<bool> {
    match row.text(field) {
        None => row.has(field).then_some(false),
        Some(_) => row.parse(field, "a yes/no flag", fields::flag),
    }
}

/// Where an opportunity stands, the flags winning over the stage name when they disagree.
pub(super) fn decide(named: Option<Outcome>, closed: Option<bool>, won: Option<bool>) -> Outcome {
    let open_phase = match named {
        Some(Outcome::Open(phase)) => phase,
        Some(Outcome::Won | Outcome::Lost) => Phase::Close,
        None => Phase::Develop,
    };
    match (closed, won) {
        (_, Some(true)) => Outcome::Won,
        (Some(true), None) if named == Some(Outcome::Won) => Outcome::Won,
        (Some(true), _) => Outcome::Lost,
        (Some(false), _) => Outcome::Open(open_phase),
        (None, Some(false)) if named == Some(Outcome::Won) => Outcome::Lost,
        (None, _) => named.unwrap_or(Outcome::Open(Phase::Develop)),
    }
}

/// Sorts a Salesforce stage name (or one of Stride's stage names) into an outcome.
pub(super) fn stage_outcome(word: &str) -> Option<Outcome> {
    let outcome = match super::detect::fold(word).as_str() {
        "prospecting" | "qualification" | "needsanalysis" | "discovery" | "valueproposition"
        | "develop" => Outcome::Open(Phase::Develop),
        "proposalquote" | "proposal" | "quote" | "proposalpricequote" | "iddecisionmakers"
        | "perceptionanalysis" | "propose" => Outcome::Open(Phase::Propose),
        "negotiation" | "negotiationreview" | "review" | "close" => Outcome::Open(Phase::Close),
        "closedwon" | "won" => Outcome::Won,
        "closedlost" | "lost" => Outcome::Lost,
        _ => return None,
    };
    Some(outcome)
}

/// Why an opportunity was lost, from a free loss-reason text: out-sold unless the text says
/// the need or the budget went away.
pub(super) fn lost_reason(text: &str) -> LostReason {
    let folded = super::detect::fold(text);
    let canceled = [
        "cancel",
        "budget",
        "nodecision",
        "noneed",
        "nolonger",
        "notinterested",
    ];
    if canceled.iter().any(|word| folded.contains(word)) {
        LostReason::Canceled
    } else {
        LostReason::OutSold
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use Outcome::{Lost, Open, Won};

    #[test]
    fn every_salesforce_stage_has_a_place() {
        let table = [
            ("Prospecting", Open(Phase::Develop)),
            ("Qualification", Open(Phase::Develop)),
            ("Needs Analysis", Open(Phase::Develop)),
            ("Discovery", Open(Phase::Develop)),
            ("Value Proposition", Open(Phase::Develop)),
            ("Id. Decision Makers", Open(Phase::Propose)),
            ("Perception Analysis", Open(Phase::Propose)),
            ("Proposal/Quote", Open(Phase::Propose)),
            ("Proposal/Price Quote", Open(Phase::Propose)),
            ("Negotiation", Open(Phase::Close)),
            ("Negotiation/Review", Open(Phase::Close)),
            ("Closed Won", Won),
            ("Closed Lost", Lost),
        ];
        for (word, outcome) in table {
            assert_eq!(stage_outcome(word), Some(outcome), "{word}");
        }
        assert_eq!(stage_outcome("Dreaming"), None);
    }

    #[test]
    fn the_flags_win_over_the_stage_name() {
        let negotiation = Some(Open(Phase::Close));
        assert_eq!(decide(Some(Won), Some(true), Some(true)), Won);
        assert_eq!(decide(Some(Lost), Some(true), Some(false)), Lost);
        assert_eq!(decide(negotiation, Some(true), Some(true)), Won);
        assert_eq!(decide(negotiation, Some(true), Some(false)), Lost);
        assert_eq!(decide(Some(Won), Some(true), Some(false)), Lost);
        assert_eq!(
            decide(Some(Won), Some(false), Some(false)),
            Open(Phase::Close)
        );
        assert_eq!(decide(Some(Won), Some(true), None), Won);
        assert_eq!(decide(Some(Won), None, Some(false)), Lost);
        assert_eq!(decide(negotiation, None, None), Open(Phase::Close));
        assert_eq!(decide(None, None, None), Open(Phase::Develop));
        assert_eq!(decide(None, Some(true), None), Lost);
        assert_eq!(
            decide(Some(Open(Phase::Develop)), Some(false), Some(false)),
            Open(Phase::Develop)
        );
    }

    #[test]
    fn loss_reasons_are_out_sold_unless_the_need_went_away() {
        assert_eq!(lost_reason(""), LostReason::OutSold);
        assert_eq!(lost_reason("Lost to Competitor"), LostReason::OutSold);
        assert_eq!(lost_reason("Price"), LostReason::OutSold);
        assert_eq!(lost_reason("No Budget"), LostReason::Canceled);
        assert_eq!(lost_reason("Project canceled"), LostReason::Canceled);
        assert_eq!(
            lost_reason("No Decision / Non-Responsive"),
            LostReason::Canceled
        );
    }
}
