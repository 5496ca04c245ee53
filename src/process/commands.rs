//! Which commands a record offers right now. The command bar, the process bar and the CLI
//! all read this one answer, derived from the record's kind and status.

use super::branch::next_after;
use super::definition::ProcessDefinition;
use super::moves::previous_on_path;
use super::record::{Record, RecordKind, Status};

/// The commands that apply to a record in its current state.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Available {
    /// Qualify the lead into an opportunity.
    pub qualify: bool,
    /// Disqualify the lead with a reason.
    pub disqualify: bool,
    /// Make a disqualified lead open again.
    pub reactivate: bool,
    /// Close the opportunity as won or lost.
    pub close: bool,
    /// Reopen a won or lost opportunity.
    pub reopen: bool,
    /// Move on to the next stage of this record.
    pub next_stage: bool,
    /// Go back to an earlier stage of this record.
    pub previous_stage: bool,
    /// Fill in steps and edit the record's details.
    pub edit: bool,
}

impl Available {
    /// What this record offers under this process.
    pub fn for_record(process: &ProcessDefinition, record: &Record) -> Self {
        let open = record.status == Status::Open;
        let lead = record.kind == RecordKind::Lead;
        let index = process.stage_index(&record.stage);
        let same_kind_at = |i: Option<usize>| {
            i.and_then(|i| process.stages.get(i))
                .is_some_and(|s| s.record_kind == record.kind)
        };

        Available {
            qualify: lead && open,
            disqualify: lead && open,
            reactivate: lead && record.status == Status::Disqualified,
            close: !lead && open,
            reopen: !lead && matches!(record.status, Status::Won | Status::Lost),
            next_stage: open
                && same_kind_at(index.and_then(|i| next_after(process, i, &record.steps))),
            previous_stage: open && previous_on_path(process, record).is_some(),
            edit: open,
        }
    }
}
