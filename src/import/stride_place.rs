//! Where a new row of a Stride export lands: its kind, stage, status and reason as the
//! export wrote them, so an opportunity comes back as an opportunity at its stage, open,
//! won or lost, and a disqualified lead stays disqualified. A cell that does not fit is
//! reported and the record keeps the safe default (an open record at its kind's first stage).

use super::fields;
use crate::export::Column;
use crate::process::{
    CloseInfo, DisqualifyReason, LostReason, Money, ProcessDefinition, Reason, Record, RecordKind,
    Status,
};

/// The cells of the columns that place a record, as the row has them.
#[derive(Debug, Default, Clone, Copy)]
pub(super) struct Placement<'r> {
    /// Lead or Opportunity.
    pub kind: &'r str,
    /// The stage's name (or key).
    pub stage: &'r str,
    /// Open, Qualified, Disqualified, Won or Lost.
    pub status: &'r str,
    /// The finer reason.
    pub reason: &'r str,
    /// The win probability in percent.
    pub probability: &'r str,
}

/// Sets kind, stage, status, reason, probability and close of a new record from the row's
/// cells; returns what could not be used, each as "Header "cell" why".
pub(super) fn place(
    cells: &Placement<'_>,
    record: &mut Record,
    process: &ProcessDefinition,
) -> Vec<String> {
    let mut problems = Vec::new();
    let mut problem = |column: Column, text: &str, why: String| {
        problems.push(format!("{} \"{text}\" {why}", column.header()));
    };

    let kind = match cells.kind.trim() {
        "" => RecordKind::Lead,
        text => text.parse().unwrap_or_else(|_| {
            problem(
                Column::Kind,
                text,
                "is not Lead or Opportunity; it becomes a lead".into(),
            );
            RecordKind::Lead
        }),
    };
    record.kind = kind;
    let Some(first) = process.first_stage_of(kind) else {
        problem(
            Column::Kind,
            cells.kind,
            "has no stage in this process".into(),
        );
        record.kind = RecordKind::Lead;
        return problems;
    };
    let wanted = cells.stage.trim();
    let stage = process
        .stages
        .iter()
        .filter(|s| s.record_kind == kind)
        .find(|s| s.name.eq_ignore_ascii_case(wanted) || s.key.eq_ignore_ascii_case(wanted));
    let stage = match stage {
        Some(stage) => stage,
        None => {
            if !wanted.is_empty() {
                let why = format!("is not a {} stage here; it starts at {}", kind, first.name);
                problem(Column::Stage, wanted, why);
            }
            first
        }
    };
    record.stage = stage.key.clone();
    record.probability = match kind {
        RecordKind::Lead => 0,
        RecordKind::Opportunity => stage.probability,
    };

    let status = match cells.status.trim() {
        "" => Status::Open,
        text => match text.parse::<Status>() {
            Ok(status) if fits(kind, status) => status,
            _ => {
                let why = format!("is not a status of a {kind}; it stays open");
                problem(Column::Status, text, why);
                Status::Open
            }
        },
    };
    let reason = cells.reason.trim().parse::<Reason>().ok();
    let date = record
        .estimated_close
        .unwrap_or_else(|| record.created_at.date_naive());
    record.status = status;
    match status {
        Status::Open => {
            record.reason = reason
                .filter(|r| open_reason(kind, *r))
                .unwrap_or(match kind {
                    RecordKind::Lead => Reason::New,
                    RecordKind::Opportunity => Reason::InProgress,
                });
            let by_hand = cells.probability.trim();
            if kind == RecordKind::Opportunity && !by_hand.is_empty() {
                match fields::percent(by_hand) {
                    Some(percent) => record.probability = percent,
                    None => problem(
                        Column::Probability,
                        by_hand,
                        "is not a percentage; the stage's is used".into(),
                    ),
                }
            }
        }
        Status::Qualified => record.reason = Reason::Qualified,
        Status::Disqualified => {
            let why = disqualify_reason(cells.reason).unwrap_or_else(|| {
                let why = "is not a disqualify reason; Lost is recorded".to_string();
                problem(Column::Reason, cells.reason, why);
                DisqualifyReason::Lost
            });
            record.reason = why.into();
        }
        Status::Won => {
            record.reason = Reason::Won;
            record.probability = 100;
            record.close = Some(CloseInfo::Won {
                revenue: record.estimated_value.unwrap_or(Money::from_minor(0)),
                date,
            });
        }
        Status::Lost => {
            let why = cells
                .reason
                .trim()
                .parse::<LostReason>()
                .unwrap_or_else(|_| {
                    let why = "is not Canceled or Out-sold; Out-sold is recorded".to_string();
                    problem(Column::Reason, cells.reason, why);
                    LostReason::OutSold
                });
            record.reason = why.into();
            record.probability = 0;
            record.close = Some(CloseInfo::Lost {
                reason: why,
                competitor: String::new(),
                note: String::new(),
                date,
            });
        }
    }
    problems
}

/// Whether a record of this kind can have this status.
fn fits(kind: RecordKind, status: Status) -> bool {
    match kind {
        RecordKind::Lead => matches!(
            status,
            Status::Open | Status::Qualified | Status::Disqualified
        ),
        RecordKind::Opportunity => matches!(status, Status::Open | Status::Won | Status::Lost),
    }
}

/// Whether `reason` describes an open record of this kind.
fn open_reason(kind: RecordKind, reason: Reason) -> bool {
    match kind {
        RecordKind::Lead => matches!(reason, Reason::New | Reason::Contacted),
        RecordKind::Opportunity => matches!(reason, Reason::InProgress | Reason::OnHold),
    }
}

fn disqualify_reason(text: &str) -> Option<DisqualifyReason> {
    text.trim().parse().ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rows_land_at_their_kind_stage_and_status() {
        let process = ProcessDefinition::lead_to_opportunity();
        let at = chrono::Utc::now();
        let cell = |kind, stage, status, reason| Placement {
            kind,
            stage,
            status,
            reason,
            probability: "",
        };
        type Want = (RecordKind, &'static str, Status, Reason, usize);
        let cases: [(Placement<'_>, Want); 6] = [
            (
                cell("", "", "", ""),
                (RecordKind::Lead, "qualify", Status::Open, Reason::New, 0),
            ),
            (
                cell("Opportunity", "Propose", "Open", "In progress"),
                (
                    RecordKind::Opportunity,
                    "propose",
                    Status::Open,
                    Reason::InProgress,
                    0,
                ),
            ),
            (
                cell("Opportunity", "Close", "Won", "Won"),
                (
                    RecordKind::Opportunity,
                    "close",
                    Status::Won,
                    Reason::Won,
                    0,
                ),
            ),
            (
                cell("Opportunity", "Close", "Lost", "Canceled"),
                (
                    RecordKind::Opportunity,
                    "close",
                    Status::Lost,
                    Reason::Canceled,
                    0,
                ),
            ),
            (
                cell("Lead", "Qualify", "Disqualified", "Cannot contact"),
                (
                    RecordKind::Lead,
                    "qualify",
                    Status::Disqualified,
                    Reason::CannotContact,
                    0,
                ),
            ),
            (
                cell("Opportunity", "Qualify", "Disqualified", ""),
                (
                    RecordKind::Opportunity,
                    "develop",
                    Status::Open,
                    Reason::InProgress,
                    2,
                ),
            ),
        ];
        for (cells, (kind, stage, status, reason, problems)) in cases {
            let mut record = Record::new_lead("qualify", at);
            let found = place(&cells, &mut record, &process);
            let got = (
                record.kind,
                record.stage.as_str(),
                record.status,
                record.reason,
            );
            assert_eq!(got, (kind, stage, status, reason), "{cells:?}");
            assert_eq!(found.len(), problems, "{cells:?}: {found:?}");
        }
    }
}
