//! Where imported records land in the company's process: the first lead stage, and the
//! opportunity stages that other systems' stage names map onto.
//!
//! The built-in process names its opportunity stages `develop`, `propose` and `close`; a
//! process without one of these keys falls back to its first (or, for closing, last)
//! opportunity stage, so an import never fails over a renamed stage.

use super::ImportError;
use crate::process::{ProcessDefinition, RecordKind, Stage};

/// The phases of an opportunity that source systems' stages are sorted into.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Phase {
    /// Finding out what the customer needs.
    Develop,
    /// Making an offer.
    Propose,
    /// Negotiating and closing; won and lost opportunities stay here.
    Close,
}

impl Phase {
    /// The key of the built-in stage for this phase.
    fn key(self) -> &'static str {
        match self {
            Phase::Develop => "develop",
            Phase::Propose => "propose",
            Phase::Close => "close",
        }
    }
}

/// The stage new imported leads start in.
pub(super) fn first_lead_stage(process: &ProcessDefinition) -> Result<&Stage, ImportError> {
    process
        .first_stage_of(RecordKind::Lead)
        .ok_or(ImportError::NoStage { kind: "lead" })
}

/// The opportunity stage of each phase in one process.
#[derive(Debug, Clone, Copy)]
pub(super) struct OpportunityStages<'p> {
    develop: &'p Stage,
    propose: &'p Stage,
    close: &'p Stage,
}

impl<'p> OpportunityStages<'p> {
    /// Finds the stages of `process`; fails when it has no opportunity stage at all.
    pub fn of(process: &'p ProcessDefinition) -> Result<Self, ImportError> {
        Ok(OpportunityStages {
            develop: opportunity_stage(process, Phase::Develop)?,
            propose: opportunity_stage(process, Phase::Propose)?,
            close: opportunity_stage(process, Phase::Close)?,
        })
    }

    /// The stage for a phase.
    pub fn get(&self, phase: Phase) -> &'p Stage {
        match phase {
            Phase::Develop => self.develop,
            Phase::Propose => self.propose,
            Phase::Close => self.close,
        }
    }
}

/// The opportunity stage for a phase.
fn opportunity_stage(process: &ProcessDefinition, phase: Phase) -> Result<&Stage, ImportError> {
    let mut opportunity_stages = process
        .stages
        .iter()
        .filter(|s| s.record_kind == RecordKind::Opportunity);
    let named = process
        .stage(phase.key())
        .filter(|s| s.record_kind == RecordKind::Opportunity);
    let fallback = match phase {
        Phase::Close => opportunity_stages.next_back(),
        Phase::Develop | Phase::Propose => opportunity_stages.next(),
    };
    named.or(fallback).ok_or(ImportError::NoStage {
        kind: "opportunity",
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_built_in_process_has_a_stage_for_each_phase() {
        let process = ProcessDefinition::lead_to_opportunity();
        let key = |phase| {
            opportunity_stage(&process, phase)
                .map(|s| s.key.clone())
                .ok()
        };
        assert_eq!(key(Phase::Develop).as_deref(), Some("develop"));
        assert_eq!(key(Phase::Propose).as_deref(), Some("propose"));
        assert_eq!(key(Phase::Close).as_deref(), Some("close"));
        assert_eq!(
            first_lead_stage(&process).map(|s| s.key.as_str()).ok(),
            Some("qualify")
        );
    }

    #[test]
    fn renamed_stages_fall_back_and_missing_ones_are_an_error() {
        let mut process = ProcessDefinition::lead_to_opportunity();
        process
            .stages
            .retain(|s| s.key != "propose" && s.key != "close");
        let key = |phase| {
            opportunity_stage(&process, phase)
                .map(|s| s.key.clone())
                .ok()
        };
        assert_eq!(key(Phase::Propose).as_deref(), Some("develop"));
        assert_eq!(key(Phase::Close).as_deref(), Some("develop"));

        process.stages.clear();
        assert!(matches!(
            opportunity_stage(&process, Phase::Develop),
            Err(ImportError::NoStage { .. })
        ));
        assert!(matches!(
            first_lead_stage(&process),
            Err(ImportError::NoStage { kind: "lead" })
        ));
    }
}
